//! Notes: Markdown text attached to a clipping, several per clipping, each with created and edited times.
//! Notes are part of the clipping's search index, so every change refreshes it.

use rusqlite::{Connection, OptionalExtension, params};

use super::{ClippingId, Library, Note, NoteId, StoreError, fts, now, require_live_clipping};

impl Library {
    /// Notes of a clipping, oldest first.
    pub fn notes(&self, clipping: ClippingId) -> Result<Vec<Note>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, clipping_id, body, created_at, modified_at FROM notes WHERE clipping_id = ?1 ORDER BY id",
        )?;
        let notes = stmt
            .query_map([clipping.0], |r| {
                Ok(Note {
                    id: NoteId(r.get(0)?),
                    clipping: ClippingId(r.get(1)?),
                    body: r.get(2)?,
                    created_at: r.get(3)?,
                    edited_at: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(notes)
    }

    /// Adds a note to a live clipping.
    pub fn add_note(&mut self, clipping: ClippingId, body: &str) -> Result<NoteId, StoreError> {
        let tx = self.write()?;
        require_live_clipping(&tx, clipping)?;
        let id = insert(&tx, clipping.0, body, &now())?;
        fts::refresh(&tx, clipping.0)?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces the text of a note of a live clipping.
    pub fn edit_note(&mut self, id: NoteId, body: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        let clipping = live_note_clipping(&tx, id)?;
        if body.trim().is_empty() {
            return Err(StoreError::EmptyText { what: "note" });
        }
        tx.execute("UPDATE notes SET body = ?2, modified_at = ?3 WHERE id = ?1", params![id.0, body, now()])?;
        fts::refresh(&tx, clipping)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a note of a live clipping.
    pub fn delete_note(&mut self, id: NoteId) -> Result<(), StoreError> {
        let tx = self.write()?;
        let clipping = live_note_clipping(&tx, id)?;
        tx.execute("DELETE FROM notes WHERE id = ?1", [id.0])?;
        fts::refresh(&tx, clipping)?;
        tx.commit()?;
        Ok(())
    }
}

/// The clipping of a note, if the note exists and its clipping is not in the trash.
fn live_note_clipping(conn: &Connection, id: NoteId) -> Result<i64, StoreError> {
    conn.query_row(
        "SELECT n.clipping_id FROM notes n JOIN clippings c ON c.id = n.clipping_id
         WHERE n.id = ?1 AND c.trash_id IS NULL",
        [id.0],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what: "note", id: id.0 })
}

/// Whether the clipping already has a note with exactly this text (trimmed), so that importing twice adds none.
pub(super) fn has_note(conn: &Connection, clipping: i64, body: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM notes WHERE clipping_id = ?1 AND trim(body) = ?2 LIMIT 1")?
        .query_row(params![clipping, body.trim()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores a note inside the caller's transaction; the caller refreshes the index.
pub(super) fn insert(conn: &Connection, clipping: i64, body: &str, now: &str) -> Result<NoteId, StoreError> {
    if body.trim().is_empty() {
        return Err(StoreError::EmptyText { what: "note" });
    }
    conn.prepare_cached("INSERT INTO notes (clipping_id, body, created_at, modified_at) VALUES (?1, ?2, ?3, ?3)")?
        .execute(params![clipping, body, now])?;
    Ok(NoteId(conn.last_insert_rowid()))
}
