//! The trash: deleted clippings and folders stay in the file, marked with the id of their trash entry, until
//! [`Library::empty_trash`]. Restoring puts an entry back where it was, recreating its folder path by name if that
//! folder is gone; tags and notes never left, so they come back with it.
//!
//! A folder entry holds the folder, its subfolders and their clippings (all marked with the same entry). A restored
//! folder whose name is now taken among its siblings gets " (2)", " (3)", … appended.

use rusqlite::{Connection, OptionalExtension, params};

use super::folders::{ensure_path, path_of, sibling_named, subtree};
use super::{
    ClippingId, FolderId, Library, StoreError, TrashItem, TrashItemId, TrashKind, name_key, now, require_live_clipping,
    require_live_folder, tags,
};

impl Library {
    /// Moves live clippings to the trash, one entry each.
    pub fn trash_clippings(&mut self, ids: &[ClippingId]) -> Result<(), StoreError> {
        let tx = self.write()?;
        let now = now();
        for id in ids {
            require_live_clipping(&tx, *id)?;
            let (title, folder): (String, Option<i64>) =
                tx.query_row("SELECT title, folder_id FROM clippings WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let path = path_of(&tx, folder.map(FolderId))?;
            let item = new_item(&tx, "clipping", Some(id.0), None, &title, folder, &path, &now)?;
            tx.execute("UPDATE clippings SET trash_id = ?2, modified_at = ?3 WHERE id = ?1", params![id.0, item, now])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Everything in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashItem>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.kind, t.title, t.clipping_id, t.folder_id, t.original_path, t.trashed_at,
                (SELECT count(*) FROM clippings c WHERE c.trash_id = t.id)
             FROM trash t ORDER BY t.trashed_at DESC, t.id DESC",
        )?;
        let items = stmt
            .query_map([], |r| {
                let kind: String = r.get(1)?;
                let path: String = r.get(5)?;
                Ok(TrashItem {
                    id: TrashItemId(r.get(0)?),
                    kind: if kind == "folder" { TrashKind::Folder } else { TrashKind::Clipping },
                    title: r.get(2)?,
                    clipping: r.get::<_, Option<i64>>(3)?.map(ClippingId),
                    folder: r.get::<_, Option<i64>>(4)?.map(FolderId),
                    original_path: serde_json::from_str(&path).unwrap_or_default(),
                    trashed_at: r.get(6)?,
                    clipping_count: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    /// Puts a trash entry back where it was, recreating its folder path if that folder is gone or in the trash.
    pub fn restore(&mut self, item: TrashItemId) -> Result<(), StoreError> {
        let tx = self.write()?;
        type Entry = (String, Option<i64>, Option<i64>, Option<i64>, String);
        let entry: Option<Entry> = tx
            .query_row(
                "SELECT kind, clipping_id, folder_id, original_parent, original_path FROM trash WHERE id = ?1",
                [item.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (kind, clipping, folder, parent, path) =
            entry.ok_or(StoreError::NotFound { what: "trash item", id: item.0 })?;
        let path: Vec<String> = serde_json::from_str(&path).unwrap_or_default();
        let now = now();
        let home = home_for(&tx, parent.map(FolderId), &path, &now)?;
        match (kind.as_str(), clipping, folder) {
            ("folder", _, Some(folder)) => {
                let name: String = tx.query_row("SELECT name FROM folders WHERE id = ?1", [folder], |r| r.get(0))?;
                let name = free_name(&tx, home, &name)?;
                let position: i64 = tx.query_row(
                    "SELECT ifnull(max(position) + 1, 0) FROM folders WHERE parent_id IS ?1 AND trash_id IS NULL",
                    [home.map(|h| h.0)],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE folders SET parent_id = ?2, name = ?3, name_key = ?4, position = ?5, modified_at = ?6
                     WHERE id = ?1",
                    params![folder, home.map(|h| h.0), name, name_key(&name), position, now],
                )?;
                tx.execute(
                    "UPDATE folders SET trash_id = NULL, modified_at = ?2 WHERE trash_id = ?1",
                    params![item.0, now],
                )?;
            }
            (_, Some(clipping), _) => {
                tx.execute("UPDATE clippings SET folder_id = ?2 WHERE id = ?1", params![clipping, home.map(|h| h.0)])?;
            }
            _ => {}
        }
        tx.execute("UPDATE clippings SET trash_id = NULL, modified_at = ?2 WHERE trash_id = ?1", params![item.0, now])?;
        tx.execute("DELETE FROM trash WHERE id = ?1", [item.0])?;
        tx.commit()?;
        Ok(())
    }

    /// Destroys everything in the trash (clippings with their notes and tag links, folders); returns how many
    /// entries were emptied. Tags left on no clipping are deleted too.
    pub fn empty_trash(&mut self) -> Result<u32, StoreError> {
        let tx = self.write()?;
        let doomed: Vec<i64> = tx
            .prepare("SELECT id FROM clippings WHERE trash_id IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &doomed {
            super::fts::remove(&tx, *id)?;
        }
        tx.execute("DELETE FROM clippings WHERE trash_id IS NOT NULL", [])?;
        tx.execute("DELETE FROM folders WHERE trash_id IS NOT NULL", [])?;
        let emptied = tx.execute("DELETE FROM trash", [])?;
        tags::remove_unused(&tx)?;
        super::images::forget_unused(&tx)?;
        tx.commit()?;
        // The files of images no clipping uses go now, under a write lock of their own (see `images`). The trash
        // is emptied whatever happens here: a file that cannot be removed now (busy library, a backup running,
        // a read-only folder) is an unused file that the next sweep removes.
        let _ = self.sweep_image_files();
        Ok(emptied as u32)
    }
}

/// Moves a live folder with its subtree and their live clippings to the trash as one entry.
pub(super) fn trash_folder(conn: &Connection, id: FolderId) -> Result<(), StoreError> {
    require_live_folder(conn, id)?;
    let now = now();
    let (name, parent): (String, Option<i64>) =
        conn.query_row("SELECT name, parent_id FROM folders WHERE id = ?1", [id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let path = path_of(conn, parent.map(FolderId))?;
    let item = new_item(conn, "folder", None, Some(id.0), &name, parent, &path, &now)?;
    let folders = subtree(conn, id)?;
    let list = folders.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    conn.execute(
        &format!("UPDATE folders SET trash_id = ?1, modified_at = ?2 WHERE id IN ({list})"),
        params![item, now],
    )?;
    conn.execute(
        &format!(
            "UPDATE clippings SET trash_id = ?1, modified_at = ?2 WHERE trash_id IS NULL AND folder_id IN ({list})"
        ),
        params![item, now],
    )?;
    Ok(())
}

/// Adds a trash entry and returns its id.
#[allow(clippy::too_many_arguments)]
fn new_item(
    conn: &Connection,
    kind: &str,
    clipping: Option<i64>,
    folder: Option<i64>,
    title: &str,
    parent: Option<i64>,
    path: &[String],
    now: &str,
) -> Result<i64, StoreError> {
    let path = serde_json::to_string(path).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO trash (kind, clipping_id, folder_id, title, original_parent, original_path, trashed_at,
            created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
        params![kind, clipping, folder, title, parent, path, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Where a restored entry goes: its old folder if still live, else the folder at its old path (recreated).
fn home_for(
    conn: &Connection,
    parent: Option<FolderId>,
    path: &[String],
    now: &str,
) -> Result<Option<FolderId>, StoreError> {
    match parent {
        None => Ok(None),
        Some(p) if require_live_folder(conn, p).is_ok() => Ok(Some(p)),
        Some(_) => ensure_path(conn, path, now),
    }
}

/// `name`, or `name (2)`, `name (3)`, … whichever is free among the live children of `parent`.
fn free_name(conn: &Connection, parent: Option<FolderId>, name: &str) -> Result<String, StoreError> {
    let mut candidate = name.to_string();
    let mut n = 2;
    while sibling_named(conn, parent, &name_key(&candidate))?.is_some() {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    Ok(candidate)
}
