//! Clippings: saving (with duplicate detection), reading, listing, editing and moving.
//!
//! A clipping is saved in one transaction together with its tags, first note and index rows, so a killed process
//! leaves it either complete or absent. The original page is stored zlib-compressed with the SHA-256 of its
//! uncompressed bytes, which reading checks.

use std::io::{Read, Write};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use sha2::{Digest, Sha256};

use crate::extract::{Confidence, PageKind};

use super::{
    AddOutcome, ClipSource, Clipping, ClippingEdit, ClippingFilter, ClippingId, ClippingSummary, FolderId, Library,
    NewClipping, SortOrder, StoreError, fts, now, require_live_clipping, require_live_folder, tags, url_key,
};

/// Columns read by [`summary_from_row`], for a query on `clippings c`.
pub(super) const SUMMARY_COLUMNS: &str = "c.id, c.title, c.site_name, c.byline, c.published, c.saved_at, c.folder_id,
    (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.clipping_id = c.id ORDER BY t.name_key)),
    c.url, c.excerpt, c.word_count, c.page_kind, c.low_confidence, c.whole_page";

/// How many columns [`SUMMARY_COLUMNS`] has: a query's own columns after them start at this index.
pub(super) const SUMMARY_COLUMN_COUNT: usize = 14;

/// Builds a summary from a row that starts with [`SUMMARY_COLUMNS`].
pub(super) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ClippingSummary> {
    let tags: Option<String> = r.get(7)?;
    Ok(ClippingSummary {
        id: ClippingId(r.get(0)?),
        title: r.get(1)?,
        site_name: r.get(2)?,
        byline: r.get(3)?,
        published: r.get(4)?,
        saved_at: r.get(5)?,
        folder: r.get::<_, Option<i64>>(6)?.map(FolderId),
        tags: tags.map(|t| t.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default(),
        url: r.get(8)?,
        excerpt: r.get(9)?,
        word_count: r.get(10)?,
        // The schema's CHECK allows only the kinds' names; an unknown one (a newer build's) reads as an article.
        kind: PageKind::from_name(&r.get::<_, String>(11)?).unwrap_or_default(),
        low_confidence: r.get(12)?,
        whole_page: r.get(13)?,
    })
}

/// The summary of one clipping (live or in the trash).
pub(super) fn summary(conn: &Connection, id: i64) -> Result<ClippingSummary, StoreError> {
    conn.prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM clippings c WHERE c.id = ?1"))?
        .query_row([id], summary_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "clipping", id })
}

impl Library {
    /// Saves a clipping with its tags and first note, in one transaction. Unless `allow_duplicate` is set, a live
    /// clipping with the same normalised URL or canonical URL is reported instead of storing a second copy.
    pub fn add_clipping(&mut self, new: NewClipping) -> Result<AddOutcome, StoreError> {
        let tx = self.write()?;
        let outcome = insert(&tx, &new, &now())?;
        super::merging::after_saving(&tx, 1)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Saves many clippings in one transaction (an import); each is checked for duplicates like
    /// [`Library::add_clipping`], and one failure stores none of them.
    pub fn add_clippings(&mut self, new: impl IntoIterator<Item = NewClipping>) -> Result<Vec<AddOutcome>, StoreError> {
        let tx = self.write()?;
        let now = now();
        let outcomes = new.into_iter().map(|n| insert(&tx, &n, &now)).collect::<Result<Vec<_>, _>>()?;
        super::merging::after_saving(&tx, outcomes.len())?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// One clipping with its notes (also when it is in the trash).
    pub fn clipping(&self, id: ClippingId) -> Result<Clipping, StoreError> {
        let summary = summary(&self.conn, id.0)?;
        let notes = self.notes(id)?;
        let clipping = self.conn.query_row(
            "SELECT c.canonical_url, c.lang, c.lead_image, b.html, b.text, b.markdown, c.content_hash,
                c.original_size, c.created_at, c.modified_at, c.trash_id IS NOT NULL, c.source
             FROM clippings c JOIN clipping_bodies b ON b.clipping_id = c.id WHERE c.id = ?1",
            [id.0],
            |r| {
                Ok(Clipping {
                    summary,
                    canonical_url: r.get(0)?,
                    lang: r.get(1)?,
                    lead_image: r.get(2)?,
                    html: r.get(3)?,
                    text: r.get(4)?,
                    markdown: r.get(5)?,
                    notes,
                    content_hash: r.get(6)?,
                    original_size: r.get::<_, i64>(7)?.max(0) as u64,
                    created_at: r.get(8)?,
                    modified_at: r.get(9)?,
                    in_trash: r.get(10)?,
                    // The schema's CHECK allows only the sources' names.
                    source: r.get::<_, Option<String>>(11)?.as_deref().and_then(ClipSource::from_name),
                })
            },
        )?;
        Ok(clipping)
    }

    /// The live clipping a new clipping of `url` (declaring `canonical_url`) would duplicate, if any: the check
    /// [`Library::add_clipping`] makes, asked before the work of saving (downloading the images).
    pub fn duplicate_of(&self, url: &str, canonical_url: Option<&str>) -> Result<Option<ClippingSummary>, StoreError> {
        let key = url_key::normalise(url);
        let canonical_key = canonical_url.and_then(url_key::normalise_canonical);
        find_duplicate(&self.conn, &key, canonical_key.as_deref())?.map(|id| summary(&self.conn, id)).transpose()
    }

    /// The original page bytes of a clipping, decompressed and checked against its content hash.
    pub fn original_page(&self, id: ClippingId) -> Result<Vec<u8>, StoreError> {
        let (compressed, hash): (Vec<u8>, String) = self
            .conn
            .query_row(
                "SELECT b.original_page, c.content_hash FROM clippings c
                 JOIN clipping_bodies b ON b.clipping_id = c.id WHERE c.id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "clipping", id: id.0 })?;
        let mut page = Vec::new();
        flate2::read::ZlibDecoder::new(compressed.as_slice())
            .read_to_end(&mut page)
            .map_err(|e| StoreError::DamagedPage { id: id.0, reason: e.to_string() })?;
        if content_hash(&page) != hash {
            return Err(StoreError::DamagedPage { id: id.0, reason: "content hash does not match".into() });
        }
        Ok(page)
    }

    /// Live clippings from `filter`, in `sort` order, `limit` of them after skipping `offset`.
    pub fn list_clippings(
        &self,
        filter: &ClippingFilter,
        sort: SortOrder,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ClippingSummary>, StoreError> {
        let mut args: Vec<Value> = Vec::new();
        let condition = match filter {
            ClippingFilter::All => String::new(),
            ClippingFilter::Inbox => " AND c.folder_id IS NULL".into(),
            ClippingFilter::Folder { id, include_subfolders: false } => {
                require_live_folder(&self.conn, *id)?;
                args.push(Value::Integer(id.0));
                " AND c.folder_id = ?1".into()
            }
            ClippingFilter::Folder { id, include_subfolders: true } => {
                require_live_folder(&self.conn, *id)?;
                let ids = super::folders::subtree(&self.conn, *id)?;
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                format!(" AND c.folder_id IN ({list})")
            }
            ClippingFilter::Tag(name) => {
                args.push(Value::Text(super::name_key(name)));
                " AND c.id IN (SELECT ct.clipping_id FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id
                    WHERE t.name_key = ?1)"
                    .into()
            }
        };
        let order = match sort {
            SortOrder::SavedNewest => "c.saved_at DESC, c.id DESC",
            SortOrder::PublishedNewest => "c.published IS NULL, c.published DESC, c.id DESC",
            SortOrder::Title => "c.title COLLATE NOCASE, c.id",
            SortOrder::Outlet => "c.site_name IS NULL, c.site_name COLLATE NOCASE, c.saved_at DESC, c.id DESC",
        };
        let n = args.len();
        args.push(Value::Integer(i64::from(limit)));
        args.push(Value::Integer(i64::from(offset)));
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM clippings c WHERE c.trash_id IS NULL{condition}
             ORDER BY {order} LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), summary_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Moves live clippings to a folder (`None` for the Inbox).
    pub fn move_clippings(&mut self, ids: &[ClippingId], folder: Option<FolderId>) -> Result<(), StoreError> {
        let tx = self.write()?;
        if let Some(folder) = folder {
            require_live_folder(&tx, folder)?;
        }
        let now = now();
        for id in ids {
            require_live_clipping(&tx, *id)?;
            tx.execute(
                "UPDATE clippings SET folder_id = ?2, modified_at = ?3 WHERE id = ?1",
                params![id.0, folder.map(|f| f.0), now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Changes the title and metadata of a live clipping. Every value is trimmed; an optional field left empty is
    /// cleared. The title is required: an empty or blank one is refused ([`StoreError::TitleRequired`]) and nothing
    /// is changed.
    pub fn edit_clipping(&mut self, id: ClippingId, edit: &ClippingEdit) -> Result<(), StoreError> {
        let title = edit.title.as_deref().map(clean_title).transpose()?;
        let tx = self.write()?;
        require_live_clipping(&tx, id)?;
        let now = now();
        // Re-extraction leaves hand-edited fields alone, so every field set here is remembered as edited.
        let mark_edited = |field: &str| -> Result<(), StoreError> {
            tx.prepare_cached(
                "INSERT INTO clipping_edits (clipping_id, field, created_at, modified_at) VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT (clipping_id, field) DO UPDATE SET modified_at = excluded.modified_at",
            )?
            .execute(params![id.0, field, now])?;
            Ok(())
        };
        if let Some(title) = title {
            tx.execute("UPDATE clippings SET title = ?2 WHERE id = ?1", params![id.0, title])?;
            mark_edited("title")?;
        }
        let optional = [
            ("byline", &edit.byline),
            ("site_name", &edit.site_name),
            ("published", &edit.published),
            ("lang", &edit.lang),
            ("excerpt", &edit.excerpt),
        ];
        for (column, value) in optional {
            if let Some(value) = value {
                let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
                tx.execute(&format!("UPDATE clippings SET {column} = ?2 WHERE id = ?1"), params![id.0, value])?;
                mark_edited(column)?;
            }
        }
        tx.execute("UPDATE clippings SET modified_at = ?2 WHERE id = ?1", params![id.0, now])?;
        fts::refresh(&tx, id.0)?;
        tx.commit()?;
        Ok(())
    }
}

/// The rule for a clipping's title: trimmed, and never empty.
fn clean_title(title: &str) -> Result<&str, StoreError> {
    let title = title.trim();
    if title.is_empty() { Err(StoreError::TitleRequired) } else { Ok(title) }
}

/// SHA-256 of page bytes, hex.
fn content_hash(page: &[u8]) -> String {
    hex::encode(Sha256::digest(page))
}

/// The first live clipping whose URL or canonical URL has one of these keys.
pub(super) fn find_duplicate(conn: &Connection, url: &str, canonical: Option<&str>) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM clippings WHERE trash_id IS NULL
                AND (url_key IN (?1, ?2) OR canonical_key IN (?1, ?2)) ORDER BY id LIMIT 1",
        )?
        .query_row(params![url, canonical], |r| r.get(0))
        .optional()?)
}

/// `saved_at` as the store writes times, when it is an RFC 3339 time no later than `now` (itself RFC 3339 UTC).
fn kept_saved_time(saved_at: &str, now: &str) -> Option<String> {
    let parsed = time::OffsetDateTime::parse(saved_at.trim(), &time::format_description::well_known::Rfc3339).ok()?;
    let stored = super::timestamp(parsed);
    (stored.as_str() <= now).then_some(stored)
}

/// Stores one clipping inside the caller's transaction.
pub(super) fn insert(conn: &Connection, new: &NewClipping, now: &str) -> Result<AddOutcome, StoreError> {
    if let Some(folder) = new.folder {
        require_live_folder(conn, folder)?;
    }
    let a = &new.article;
    let key = url_key::normalise(&new.url);
    let canonical_key = a.canonical_url.as_deref().and_then(url_key::normalise_canonical);
    if !new.allow_duplicate
        && let Some(existing) = find_duplicate(conn, &key, canonical_key.as_deref())?
    {
        return Ok(AddOutcome::Duplicate { existing: summary(conn, existing)? });
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let compressed = encoder
        .write_all(&new.original_page)
        .and_then(|()| encoder.finish())
        .map_err(|source| StoreError::Io { path: "(compressing the original page)".into(), source })?;
    let host = url_key::host(&new.url);
    let saved_at = new.saved_at.as_deref().and_then(|t| kept_saved_time(t, now)).unwrap_or_else(|| now.to_string());
    conn.prepare_cached(
        "INSERT INTO clippings (folder_id, url, url_key, canonical_url, canonical_key, host, title, byline, site_name,
            published, saved_at, lang, excerpt, lead_image, word_count, original_size, content_hash, created_at,
            modified_at, page_kind, low_confidence, source, whole_page)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?21, ?21, ?18, ?19, ?20,
            ?22)",
    )?
    .execute(params![
        new.folder.map(|f| f.0),
        new.url.trim(),
        key,
        a.canonical_url,
        canonical_key,
        host,
        a.title.trim(),
        a.byline,
        a.site_name,
        a.published,
        saved_at,
        a.lang,
        a.excerpt,
        a.lead_image,
        a.word_count,
        new.original_page.len() as i64,
        content_hash(&new.original_page),
        a.kind.as_str(),
        a.confidence == Confidence::Low,
        new.source.as_str(),
        now,
        a.whole_page,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO clipping_bodies (clipping_id, html, text, markdown, original_page, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![id, a.html, a.text, a.markdown, compressed, now])?;
    for tag in tags::clean_tags(&new.tags) {
        let tag_id = tags::ensure(conn, &tag, now)?;
        tags::link(conn, id, tag_id, now)?;
    }
    if let Some(note) = new.note.as_deref().filter(|n| !n.trim().is_empty()) {
        super::notes::insert(conn, id, note, now)?;
    }
    fts::refresh(conn, id)?;
    super::similar::index(conn, id, &a.text, now)?;
    Ok(AddOutcome::Added(ClippingId(id)))
}
