//! Folders: nested to any depth, ordered among siblings, names unique among live siblings ignoring case.
//!
//! The Inbox is not a row: a clipping with no folder is in the Inbox. Deleting a folder moves it, its subfolders and
//! their clippings to the trash as one entry (see `trash.rs`). A folder can never be moved into itself or below
//! itself. A folder is also named by its path from the top (`Politics/Korea`); a path given as a destination is
//! created as needed ([`Library::ensure_folder_path`]).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Folder, FolderId, Library, StoreError, clean_name, name_key, now, require_live_folder};

impl Library {
    /// All live folders, parents before children, siblings by position.
    pub fn folder_tree(&self) -> Result<Vec<Folder>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.parent_id, f.name, f.position,
                (SELECT count(*) FROM clippings c WHERE c.folder_id = f.id AND c.trash_id IS NULL)
             FROM folders f WHERE f.trash_id IS NULL ORDER BY f.position, f.id",
        )?;
        let all = stmt
            .query_map([], |r| {
                Ok(Folder {
                    id: FolderId(r.get(0)?),
                    parent: r.get::<_, Option<i64>>(1)?.map(FolderId),
                    name: r.get(2)?,
                    position: r.get(3)?,
                    clipping_count: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut children: HashMap<Option<FolderId>, Vec<Folder>> = HashMap::new();
        for folder in all {
            children.entry(folder.parent).or_default().push(folder);
        }
        let mut out = Vec::new();
        let mut stack: Vec<Folder> = children.remove(&None).unwrap_or_default().into_iter().rev().collect();
        while let Some(folder) = stack.pop() {
            if let Some(kids) = children.remove(&Some(folder.id)) {
                stack.extend(kids.into_iter().rev());
            }
            out.push(folder);
        }
        Ok(out)
    }

    /// Creates a folder at the end of `parent`'s subfolders (or of the top level).
    pub fn create_folder(&mut self, parent: Option<FolderId>, name: &str) -> Result<FolderId, StoreError> {
        let tx = self.write()?;
        let id = create_in(&tx, parent, name, &now())?;
        tx.commit()?;
        Ok(id)
    }

    /// Renames a folder; the new name must be free among its siblings (a change of case alone is allowed).
    pub fn rename_folder(&mut self, id: FolderId, name: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        require_live_folder(&tx, id)?;
        let name = clean_name(name)?;
        let parent = parent_of(&tx, id)?;
        if sibling_named(&tx, parent, &name_key(&name))?.is_some_and(|other| other != id) {
            return Err(StoreError::NameTaken { name });
        }
        tx.execute(
            "UPDATE folders SET name = ?2, name_key = ?3, modified_at = ?4 WHERE id = ?1",
            params![id.0, name, name_key(&name), now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Moves a folder under `new_parent` (or to the top level) at `position` among its new siblings (0 is first;
    /// `None` or past the end puts it last). Refuses to move a folder into itself or one of its subfolders.
    pub fn move_folder(
        &mut self,
        id: FolderId,
        new_parent: Option<FolderId>,
        position: Option<i64>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        require_live_folder(&tx, id)?;
        if let Some(parent) = new_parent {
            require_live_folder(&tx, parent)?;
            if subtree(&tx, id)?.contains(&parent.0) {
                return Err(StoreError::FolderCycle);
            }
        }
        let key: String = tx.query_row("SELECT name_key FROM folders WHERE id = ?1", [id.0], |r| r.get(0))?;
        if sibling_named(&tx, new_parent, &key)?.is_some_and(|other| other != id) {
            let name: String = tx.query_row("SELECT name FROM folders WHERE id = ?1", [id.0], |r| r.get(0))?;
            return Err(StoreError::NameTaken { name });
        }
        let mut siblings: Vec<i64> = sibling_ids(&tx, new_parent)?.into_iter().filter(|&s| s != id.0).collect();
        let at = position.map_or(siblings.len(), |p| p.clamp(0, siblings.len() as i64) as usize);
        siblings.insert(at, id.0);
        let now = now();
        tx.execute(
            "UPDATE folders SET parent_id = ?2, modified_at = ?3 WHERE id = ?1",
            params![id.0, new_parent.map(|p| p.0), now],
        )?;
        renumber(&tx, &siblings, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// The live folder at `path` (names from the top separated by `/`, such as `Politics/Korea`, compared ignoring
    /// case as sibling names are), or `None` if the library has no such folder.
    pub fn folder_at_path(&self, path: &str) -> Result<Option<FolderId>, StoreError> {
        let mut current = None;
        for name in path_names(path)? {
            match sibling_named(&self.conn, current, &name_key(&name))? {
                Some(id) => current = Some(id),
                None => return Ok(None),
            }
        }
        Ok(current)
    }

    /// The live folder at `path` (as [`Library::folder_at_path`] reads it), creating in one transaction the
    /// folders of the path that are missing. Both front ends file a clipping under a path this way, and say which
    /// folders were created.
    pub fn ensure_folder_path(&mut self, path: &str) -> Result<FolderAtPath, StoreError> {
        let names = path_names(path)?;
        let tx = self.write()?;
        let now = now();
        let mut created = Vec::new();
        let mut current = None;
        for name in &names {
            current = Some(match sibling_named(&tx, current, &name_key(name))? {
                Some(existing) => existing,
                None => {
                    let id = create_in(&tx, current, name, &now)?;
                    created.push(path_of(&tx, Some(id))?.join("/"));
                    id
                }
            });
        }
        tx.commit()?;
        // `path_names` never returns an empty list.
        let id = current.ok_or_else(|| empty_path(path))?;
        Ok(FolderAtPath { id, created })
    }

    /// Moves a folder, its subfolders and all their clippings to the trash as one entry.
    pub fn delete_folder(&mut self, id: FolderId) -> Result<(), StoreError> {
        let tx = self.write()?;
        super::trash::trash_folder(&tx, id)?;
        tx.commit()?;
        Ok(())
    }
}

/// The folder named by a path, and the folders made to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderAtPath {
    /// The folder at the end of the path.
    pub id: FolderId,
    /// The paths of the folders that were created, from the top down (`["Politics", "Politics/Korea"]`), with the
    /// library's spelling of the folders that were there already; empty when the whole path existed.
    pub created: Vec<String>,
}

/// The names of a folder path, `Politics/Korea`: split on `/`, trimmed, empty ones dropped; refused if none is left.
fn path_names(path: &str) -> Result<Vec<String>, StoreError> {
    let names: Vec<String> = path.split('/').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect();
    if names.is_empty() {
        return Err(empty_path(path));
    }
    Ok(names)
}

/// The folder at `names` under `parent` (each name one folder, so a name may hold a `/`), creating the missing
/// ones inside the caller's transaction; pushes the paths of the folders created onto `created`. Empty names are
/// skipped; no names at all is `parent` itself.
pub(super) fn ensure_names(
    conn: &Connection,
    parent: Option<FolderId>,
    names: &[String],
    now: &str,
    created: &mut Vec<String>,
) -> Result<Option<FolderId>, StoreError> {
    let mut current = parent;
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        current = Some(match sibling_named(conn, current, &name_key(name))? {
            Some(existing) => existing,
            None => {
                let id = create_in(conn, current, name, now)?;
                created.push(path_of(conn, Some(id))?.join("/"));
                id
            }
        });
    }
    Ok(current)
}

/// The error for a path with no folder name in it.
fn empty_path(path: &str) -> StoreError {
    StoreError::InvalidName { name: path.to_string(), reason: "a folder path needs a name, such as Politics/Korea" }
}

/// Creates a live folder named `name` at the end of `parent`'s children.
pub(super) fn create_in(
    conn: &Connection,
    parent: Option<FolderId>,
    name: &str,
    now: &str,
) -> Result<FolderId, StoreError> {
    if let Some(parent) = parent {
        require_live_folder(conn, parent)?;
    }
    let name = clean_name(name)?;
    let key = name_key(&name);
    if sibling_named(conn, parent, &key)?.is_some() {
        return Err(StoreError::NameTaken { name });
    }
    let position: i64 = conn.query_row(
        "SELECT ifnull(max(position) + 1, 0) FROM folders WHERE parent_id IS ?1 AND trash_id IS NULL",
        [parent.map(|p| p.0)],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO folders (parent_id, name, name_key, position, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![parent.map(|p| p.0), name, key, position, now],
    )?;
    Ok(FolderId(conn.last_insert_rowid()))
}

/// The live sibling under `parent` whose name has this key, if any.
pub(super) fn sibling_named(
    conn: &Connection,
    parent: Option<FolderId>,
    key: &str,
) -> Result<Option<FolderId>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM folders WHERE parent_id IS ?1 AND name_key = ?2 AND trash_id IS NULL",
            params![parent.map(|p| p.0), key],
            |r| r.get(0).map(FolderId),
        )
        .optional()?)
}

/// Parent of a folder (live or not).
fn parent_of(conn: &Connection, id: FolderId) -> Result<Option<FolderId>, StoreError> {
    Ok(conn.query_row("SELECT parent_id FROM folders WHERE id = ?1", [id.0], |r| {
        r.get::<_, Option<i64>>(0).map(|p| p.map(FolderId))
    })?)
}

/// Ids of the live children of `parent`, in order.
fn sibling_ids(conn: &Connection, parent: Option<FolderId>) -> Result<Vec<i64>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM folders WHERE parent_id IS ?1 AND trash_id IS NULL ORDER BY position, id")?;
    let ids = stmt.query_map([parent.map(|p| p.0)], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Gives `ids` the positions 0, 1, 2, … in that order.
fn renumber(conn: &Connection, ids: &[i64], now: &str) -> Result<(), StoreError> {
    let mut stmt =
        conn.prepare_cached("UPDATE folders SET position = ?2, modified_at = ?3 WHERE id = ?1 AND position IS NOT ?2")?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64, now])?;
    }
    Ok(())
}

/// The folder and all folders below it that share its trash state (live ones for a live folder).
pub(super) fn subtree(conn: &Connection, id: FolderId) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id, trash_id) AS (
            SELECT id, trash_id FROM folders WHERE id = ?1
            UNION SELECT f.id, f.trash_id FROM folders f JOIN sub ON f.parent_id = sub.id AND f.trash_id IS sub.trash_id
         ) SELECT id FROM sub",
    )?;
    let ids = stmt.query_map([id.0], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Names of the folders from the top down to `id` included (empty for `None`).
pub(super) fn path_of(conn: &Connection, id: Option<FolderId>) -> Result<Vec<String>, StoreError> {
    let Some(id) = id else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE up(id, parent_id, name, depth) AS (
            SELECT id, parent_id, name, 0 FROM folders WHERE id = ?1
            UNION ALL SELECT f.id, f.parent_id, f.name, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id
            WHERE up.depth < 10000
         ) SELECT name FROM up ORDER BY depth DESC",
    )?;
    let names = stmt.query_map([id.0], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// The live folder at this path of names from the top, creating the missing ones; `None` for an empty path.
pub(super) fn ensure_path(conn: &Connection, names: &[String], now: &str) -> Result<Option<FolderId>, StoreError> {
    let mut current = None;
    for name in names {
        current = Some(match sibling_named(conn, current, &name_key(name))? {
            Some(existing) => existing,
            None => create_in(conn, current, name, now)?,
        });
    }
    Ok(current)
}
