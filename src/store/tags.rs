//! Tags: many-to-many with clippings, names unique ignoring case, with counts; bulk add and remove, rename, merge
//! and delete. A tag no clipping carries any more (not even one in the trash) is removed.
//!
//! Every tag that enters the library (a new clipping's, a bulk add, a rename or merge target) goes through
//! [`clean_tags`] first, so that the command line and the app, which send the words as typed, get the same tags;
//! and a tag equal, ignoring case, to one the library has takes that tag's spelling.

use rusqlite::{Connection, OptionalExtension, params};

use super::{ClippingId, Library, StoreError, TagCount, clean_name, fts, name_key, now, require_live_clipping};

impl Library {
    /// All tags carried by at least one live clipping, with their counts, sorted ignoring case.
    pub fn tags(&self) -> Result<Vec<TagCount>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            // The trashed clippings are a small set (a partial index); testing against it avoids reading one
            // clipping row per tag link.
            "SELECT t.name, count(*) FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.clipping_id NOT IN (SELECT id FROM clippings WHERE trash_id IS NOT NULL)
             GROUP BY t.id ORDER BY t.name_key",
        )?;
        let tags = stmt
            .query_map([], |r| Ok(TagCount { name: r.get(0)?, count: r.get(1)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    /// Gives every clipping in `ids` every tag in `tags` (as [`clean_tags`] leaves them), creating tags as needed.
    /// Refuses a list with no tag left after the clean-up.
    pub fn add_tags(&mut self, ids: &[ClippingId], tags: &[String]) -> Result<(), StoreError> {
        let cleaned = clean_tags(tags);
        if cleaned.is_empty() {
            return Err(StoreError::InvalidName { name: tags.join(","), reason: "a tag cannot be empty" });
        }
        let tx = self.write()?;
        let now = now();
        let tag_ids = cleaned.iter().map(|t| ensure(&tx, t, &now)).collect::<Result<Vec<_>, _>>()?;
        for id in ids {
            require_live_clipping(&tx, *id)?;
            for tag_id in &tag_ids {
                link(&tx, id.0, *tag_id, &now)?;
            }
            touch(&tx, id.0, &now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes every tag in `tags` off every clipping in `ids`; names that are not tags are ignored.
    pub fn remove_tags(&mut self, ids: &[ClippingId], tags: &[String]) -> Result<(), StoreError> {
        let tx = self.write()?;
        let now = now();
        let mut tag_ids = Vec::new();
        for tag in tags {
            if let Some(id) = find(&tx, tag)? {
                tag_ids.push(id);
            }
        }
        for id in ids {
            require_live_clipping(&tx, *id)?;
            for tag_id in &tag_ids {
                tx.prepare_cached("DELETE FROM clipping_tags WHERE clipping_id = ?1 AND tag_id = ?2")?
                    .execute(params![id.0, tag_id])?;
            }
            touch(&tx, id.0, &now)?;
        }
        remove_unused(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Renames a tag (the new name cleaned as [`clean_tag`] does); fails if another tag already has the new name
    /// (use [`Library::merge_tags`] for that).
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        let from_id = find(&tx, from)?.ok_or_else(|| StoreError::UnknownTag { name: from.to_string() })?;
        let to = clean_name(&clean_tag(to))?;
        if find(&tx, &to)?.is_some_and(|other| other != from_id) {
            return Err(StoreError::NameTaken { name: to });
        }
        let now = now();
        tx.execute(
            "UPDATE tags SET name = ?2, name_key = ?3, modified_at = ?4 WHERE id = ?1",
            params![from_id, to, name_key(&to), now],
        )?;
        reindex_tagged(&tx, from_id, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Moves every clipping of tag `from` to tag `into` and deletes `from`. If `into` does not exist this is a
    /// rename.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<(), StoreError> {
        let into = &clean_tag(into);
        let tx = self.write()?;
        let from_id = find(&tx, from)?.ok_or_else(|| StoreError::UnknownTag { name: from.to_string() })?;
        let now = now();
        let into_id = match find(&tx, into)? {
            Some(id) if id == from_id => return Ok(()),
            Some(id) => id,
            None => {
                drop(tx);
                return self.rename_tag(from, into);
            }
        };
        tx.execute(
            "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id, created_at, modified_at)
             SELECT clipping_id, ?2, ?3, ?3 FROM clipping_tags WHERE tag_id = ?1",
            params![from_id, into_id, now],
        )?;
        tx.execute("DELETE FROM tags WHERE id = ?1", [from_id])?;
        reindex_tagged(&tx, into_id, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a tag, taking it off every clipping (including those in the trash).
    pub fn delete_tag(&mut self, name: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        let id = find(&tx, name)?.ok_or_else(|| StoreError::UnknownTag { name: name.to_string() })?;
        let affected = tagged(&tx, id)?;
        tx.execute("DELETE FROM tags WHERE id = ?1", [id])?;
        let now = now();
        for clipping in affected {
            touch(&tx, clipping, &now)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// One tag as typed, cleaned: spaces around it and `#` signs before it dropped, runs of whitespace inside made one
/// space ("#North  Korea " → "North Korea"). May be empty.
pub fn clean_tag(tag: &str) -> String {
    let words: Vec<&str> = tag.trim().trim_start_matches('#').split_whitespace().collect();
    words.join(" ")
}

/// Tags as typed (one per item, as the app splits its text on commas and the command line takes `--tag`s),
/// cleaned as [`clean_tag`] does, empty ones dropped and repeats ignoring case removed, the first spelling kept.
/// The one clean-up of tags: both front ends send what the user typed and the library applies it.
pub fn clean_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for tag in tags {
        let tag = clean_tag(tag.as_ref());
        if !tag.is_empty() && seen.insert(name_key(&tag)) {
            out.push(tag);
        }
    }
    out
}

/// Id of the tag with this name, ignoring case.
pub(super) fn find(conn: &Connection, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM tags WHERE name_key = ?1")?
        .query_row([name_key(name)], |r| r.get(0))
        .optional()?)
}

/// Id of the tag with this name, creating it if missing (a tag equal ignoring case is the same tag, and keeps its
/// spelling). The name is expected cleaned by [`clean_tags`].
pub(super) fn ensure(conn: &Connection, name: &str, now: &str) -> Result<i64, StoreError> {
    let name = clean_name(name)?;
    if let Some(id) = find(conn, &name)? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO tags (name, name_key, created_at, modified_at) VALUES (?1, ?2, ?3, ?3)")?
        .execute(params![name, name_key(&name), now])?;
    Ok(conn.last_insert_rowid())
}

/// Gives a clipping a tag (nothing if it has it already). The caller refreshes the index.
pub(super) fn link(conn: &Connection, clipping: i64, tag: i64, now: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id, created_at, modified_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![clipping, tag, now])?;
    Ok(())
}

/// Ids of the clippings (live or trashed) carrying a tag.
fn tagged(conn: &Connection, tag: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT clipping_id FROM clipping_tags WHERE tag_id = ?1")?;
    let ids = stmt.query_map([tag], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Marks the clippings of a tag modified and refreshes their index rows.
fn reindex_tagged(conn: &Connection, tag: i64, now: &str) -> Result<(), StoreError> {
    for clipping in tagged(conn, tag)? {
        touch(conn, clipping, now)?;
    }
    Ok(())
}

/// Marks a clipping modified and refreshes its index rows (its tags changed).
fn touch(conn: &Connection, clipping: i64, now: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE clippings SET modified_at = ?2 WHERE id = ?1")?.execute(params![clipping, now])?;
    fts::refresh(conn, clipping)
}

/// Deletes tags that no clipping carries.
pub(super) fn remove_unused(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM clipping_tags)", [])?;
    Ok(())
}
