//! Upkeep of the two full-text indexes of a clipping.
//!
//! `clipping_fts` (unicode61 words, contentless) gets title, byline, outlet, text, notes and tags. `clipping_cjk`
//! (trigram) gets only the whitespace-separated chunks that contain a character of a script written without spaces
//! between words (the extraction crate's table: [`crate::extract::script`]), so that an English library pays nothing for it while Korean,
//! Chinese, Japanese or Thai text can be found by any substring. Both use the clipping id as rowid, and are rebuilt
//! for a clipping whenever its text, notes or tags change.

use rusqlite::{Connection, params};

use super::StoreError;
use crate::extract::script::has_spaceless;

/// The chunks of `texts` that hold a spaceless-script character, for the trigram index: neighbours in the text
/// stay separated by one space (so phrases match), others by a line break.
pub fn spaceless_chunks<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for text in texts {
        let mut previous_kept = false;
        for chunk in text.split_whitespace() {
            let keep = has_spaceless(chunk);
            if keep {
                if previous_kept {
                    out.push(' ');
                } else if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(chunk);
            }
            previous_kept = keep;
        }
        if !out.is_empty() && previous_kept {
            out.push('\n');
        }
    }
    out
}

/// Rebuilds both index rows of one clipping from what is stored now (its text, notes and tags).
pub fn refresh(conn: &Connection, id: i64) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.title, ifnull(c.byline, ''), ifnull(c.site_name, ''), b.text,
            (SELECT ifnull(group_concat(body, char(10) || char(10)), '') FROM (
                SELECT body FROM notes WHERE clipping_id = c.id
                UNION ALL SELECT comment FROM highlights WHERE clipping_id = c.id AND comment IS NOT NULL)),
            (SELECT ifnull(group_concat(t.name, ' '), '') FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id
                WHERE ct.clipping_id = c.id)
         FROM clippings c JOIN clipping_bodies b ON b.clipping_id = c.id WHERE c.id = ?1",
    )?;
    let row: [String; 6] =
        stmt.query_row([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))?;
    remove(conn, id)?;
    conn.prepare_cached(
        "INSERT INTO clipping_fts (rowid, title, byline, outlet, text, notes, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, row[0], row[1], row[2], row[3], row[4], row[5]])?;
    let chunks = spaceless_chunks(row.iter().map(String::as_str));
    if !chunks.is_empty() {
        conn.prepare_cached("INSERT INTO clipping_cjk (rowid, body) VALUES (?1, ?2)")?.execute(params![id, chunks])?;
    }
    Ok(())
}

/// Removes both index rows of one clipping.
pub fn remove(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM clipping_fts WHERE rowid = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM clipping_cjk WHERE rowid = ?1")?.execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_spaceless_chunks() {
        let chunks = spaceless_chunks(["Seoul 한국은행이 금리를 rates 发布 ok", "K팝"]);
        assert_eq!(chunks, "한국은행이 금리를\n发布\nK팝\n");
    }
}
