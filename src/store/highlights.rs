//! Highlights in the library: add (anchored on the clipping's text), list in reading order, recolour, comment,
//! remove (their comments are searched with the notes), and place again when the clipping's text changes (re-extraction, a hand edit). Anchoring itself is
//! `crate::highlights`, pure; this module stores its selectors. A highlight that cannot be placed again is kept,
//! detached, never dropped. Highlights go to the trash and come back with their clipping (they stay on its row).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::highlights::{AnchorError, Selectors, anchor, reanchor};

use super::{ClippingId, Library, StoreError, now};

/// A highlight's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct HighlightId(pub i64);

/// The colours a highlight can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
}

impl Colour {
    /// Every colour, in the order the app offers them.
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    /// The stable name stored in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
        }
    }

    /// The colour with this name (`yellow`, `green`, `blue`, `pink`).
    pub fn from_name(name: &str) -> Option<Colour> {
        Colour::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A highlight as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    pub id: HighlightId,
    pub clipping: ClippingId,
    /// Where it sits in the clipping's text (`position` is `None` when it is detached).
    pub selectors: Selectors,
    pub colour: Colour,
    /// The reader's comment (Markdown), if any.
    pub comment: Option<String>,
    pub created_at: String,
    pub modified_at: String,
}

impl Highlight {
    /// Whether the passage could not be placed in the clipping's current text.
    pub fn is_detached(&self) -> bool {
        self.selectors.position.is_none()
    }
}

/// A passage to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewHighlight {
    /// The passage as the reader selected it (white space may differ from the text's).
    pub quote: String,
    /// Which occurrence (1 for the first), when the passage occurs more than once.
    pub occurrence: Option<usize>,
    pub colour: Colour,
    /// A comment (Markdown); only white space is none.
    pub comment: Option<String>,
}

/// A change to a highlight: each `Some` field is set (`Some(None)` removes the comment).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightEdit {
    pub colour: Option<Colour>,
    pub comment: Option<Option<String>>,
}

const COLUMNS: &str =
    "id, clipping_id, exact, prefix, suffix, start_char, end_char, colour, comment, created_at, modified_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Highlight> {
    let start: Option<i64> = r.get(5)?;
    let end: Option<i64> = r.get(6)?;
    let colour: String = r.get(7)?;
    Ok(Highlight {
        id: HighlightId(r.get(0)?),
        clipping: ClippingId(r.get(1)?),
        selectors: Selectors {
            exact: r.get(2)?,
            prefix: r.get(3)?,
            suffix: r.get(4)?,
            position: start.zip(end).map(|(s, e)| (s.max(0) as usize, e.max(0) as usize)),
        },
        // The CHECK constraint holds the names to the list.
        colour: Colour::from_name(&colour).unwrap_or_default(),
        comment: r.get(8)?,
        created_at: r.get(9)?,
        modified_at: r.get(10)?,
    })
}

fn clean_comment(comment: Option<&str>) -> Option<String> {
    comment.map(str::trim).filter(|c| !c.is_empty()).map(String::from)
}

/// The plain text of a live clipping.
fn live_text(conn: &Connection, clipping: ClippingId) -> Result<String, StoreError> {
    conn.query_row(
        "SELECT b.text FROM clipping_bodies b JOIN clippings c ON c.id = b.clipping_id
         WHERE b.clipping_id = ?1 AND c.trash_id IS NULL",
        [clipping.0],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what: "clipping", id: clipping.0 })
}

fn get(conn: &Connection, id: HighlightId) -> Result<Highlight, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM highlights WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "highlight", id: id.0 })
}

fn write_selectors(conn: &Connection, id: HighlightId, s: &Selectors, now: &str) -> Result<(), StoreError> {
    let (start, end) = s.position.map_or((None, None), |(start, end)| (Some(start as i64), Some(end as i64)));
    conn.execute(
        "UPDATE highlights SET exact = ?2, prefix = ?3, suffix = ?4, start_char = ?5, end_char = ?6, modified_at = ?7
         WHERE id = ?1",
        params![id.0, s.exact, s.prefix, s.suffix, start, end, now],
    )?;
    Ok(())
}

/// Places every highlight of a clipping again in its new `text`, inside the caller's transaction; returns how many
/// are detached now.
pub(super) fn reanchor_all(conn: &Connection, clipping: i64, text: &str, now: &str) -> Result<usize, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM highlights WHERE clipping_id = ?1"))?;
    let highlights = stmt.query_map([clipping], from_row)?.collect::<Result<Vec<_>, _>>()?;
    let mut detached = 0;
    for highlight in highlights {
        let placed = reanchor(text, &highlight.selectors);
        detached += usize::from(placed.position.is_none());
        if placed != highlight.selectors {
            write_selectors(conn, highlight.id, &placed, now)?;
        }
    }
    Ok(detached)
}

/// Highlights an import's passages in a clipping, inside the caller's transaction (the caller refreshes the
/// index): each passage found in its text becomes a highlight (once: a passage already highlighted there is
/// skipped), with its comment; those the text does not have (another copy of the page) are kept in one note, so
/// nothing is lost.
pub(super) fn import(
    conn: &Connection,
    clipping: i64,
    passages: &[super::queue::JobHighlight],
    now: &str,
) -> Result<(), StoreError> {
    if passages.is_empty() {
        return Ok(());
    }
    let text: String =
        conn.query_row("SELECT text FROM clipping_bodies WHERE clipping_id = ?1", [clipping], |r| r.get(0))?;
    let mut unplaced: Vec<String> = Vec::new();
    for passage in passages {
        // A passage found several times takes its first occurrence: the export does not say which.
        let placed = anchor(&text, &passage.quote, None).or_else(|error| match error {
            AnchorError::Ambiguous { .. } => anchor(&text, &passage.quote, Some(1)),
            other => Err(other),
        });
        let Ok(selectors) = placed else {
            let quote = passage.quote.trim();
            if !quote.is_empty() {
                let mut part = quote.lines().map(|l| format!("> {}", l.trim_end())).collect::<Vec<_>>().join("\n");
                if let Some(comment) = clean_comment(passage.comment.as_deref()) {
                    part.push_str(&format!("\n\n{comment}"));
                }
                unplaced.push(part);
            }
            continue;
        };
        let already: bool = conn
            .prepare_cached("SELECT 1 FROM highlights WHERE clipping_id = ?1 AND exact = ?2 AND start_char = ?3")?
            .query_row(params![clipping, selectors.exact, selectors.position.map(|p| p.0 as i64)], |_| Ok(()))
            .optional()?
            .is_some();
        if already {
            continue;
        }
        let (start, end) = selectors.position.map_or((0, 0), |(s, e)| (s as i64, e as i64));
        conn.execute(
            "INSERT INTO highlights (clipping_id, exact, prefix, suffix, start_char, end_char, colour, comment,
                created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'yellow', ?7, ?8, ?8)",
            params![
                clipping,
                selectors.exact,
                selectors.prefix,
                selectors.suffix,
                start,
                end,
                clean_comment(passage.comment.as_deref()),
                now
            ],
        )?;
    }
    if !unplaced.is_empty() {
        let note = format!(
            "Highlights from the import that this copy of the page does not have:\n\n{}",
            unplaced.join("\n\n")
        );
        if !super::notes::has_note(conn, clipping, &note)? {
            super::notes::insert(conn, clipping, &note, now)?;
        }
    }
    Ok(())
}

impl Library {
    /// Highlights a passage of a live clipping, anchored on its text: refused when the passage is not there, or
    /// occurs several times and no occurrence is named ([`StoreError::Anchor`], which says how many there are).
    pub fn add_highlight(&mut self, clipping: ClippingId, new: &NewHighlight) -> Result<Highlight, StoreError> {
        let tx = self.write()?;
        let text = live_text(&tx, clipping)?;
        let selectors = anchor(&text, &new.quote, new.occurrence)?;
        let (start, end) = selectors.position.map_or((0, 0), |(s, e)| (s as i64, e as i64));
        let now = now();
        tx.execute(
            "INSERT INTO highlights (clipping_id, exact, prefix, suffix, start_char, end_char, colour, comment,
                created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                clipping.0,
                selectors.exact,
                selectors.prefix,
                selectors.suffix,
                start,
                end,
                new.colour.as_str(),
                clean_comment(new.comment.as_deref()),
                now
            ],
        )?;
        let highlight = get(&tx, HighlightId(tx.last_insert_rowid()))?;
        tx.execute("UPDATE clippings SET modified_at = ?2 WHERE id = ?1", params![clipping.0, now])?;
        super::fts::refresh(&tx, clipping.0)?;
        tx.commit()?;
        Ok(highlight)
    }

    /// The highlights of a clipping in reading order, detached ones last.
    pub fn highlights(&self, clipping: ClippingId) -> Result<Vec<Highlight>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM highlights WHERE clipping_id = ?1 ORDER BY start_char IS NULL, start_char, id"
        ))?;
        Ok(stmt.query_map([clipping.0], from_row)?.collect::<Result<Vec<_>, _>>()?)
    }

    /// One highlight.
    pub fn highlight(&self, id: HighlightId) -> Result<Highlight, StoreError> {
        get(&self.conn, id)
    }

    /// Recolours a highlight of a live clipping or changes its comment.
    pub fn edit_highlight(&mut self, id: HighlightId, edit: &HighlightEdit) -> Result<Highlight, StoreError> {
        let tx = self.write()?;
        let old = get(&tx, id)?;
        live_text(&tx, old.clipping)?;
        let colour = edit.colour.unwrap_or(old.colour);
        let comment = match &edit.comment {
            Some(comment) => clean_comment(comment.as_deref()),
            None => old.comment,
        };
        tx.execute(
            "UPDATE highlights SET colour = ?2, comment = ?3, modified_at = ?4 WHERE id = ?1",
            params![id.0, colour.as_str(), comment, now()],
        )?;
        let highlight = get(&tx, id)?;
        super::fts::refresh(&tx, highlight.clipping.0)?;
        tx.commit()?;
        Ok(highlight)
    }

    /// Removes a highlight of a live clipping and returns it (the app's undo adds it back with [`Library::restore_highlight`]).
    pub fn remove_highlight(&mut self, id: HighlightId) -> Result<Highlight, StoreError> {
        let tx = self.write()?;
        let old = get(&tx, id)?;
        live_text(&tx, old.clipping)?;
        tx.execute("DELETE FROM highlights WHERE id = ?1", [id.0])?;
        super::fts::refresh(&tx, old.clipping.0)?;
        tx.commit()?;
        Ok(old)
    }

    /// Puts back a highlight removed by [`Library::remove_highlight`], placed again on its clipping's current text.
    pub fn restore_highlight(&mut self, old: &Highlight) -> Result<Highlight, StoreError> {
        let tx = self.write()?;
        let text = live_text(&tx, old.clipping)?;
        let placed = reanchor(&text, &old.selectors);
        let now = now();
        tx.execute(
            "INSERT INTO highlights (clipping_id, exact, prefix, suffix, colour, comment, created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                old.clipping.0,
                placed.exact,
                placed.prefix,
                placed.suffix,
                old.colour.as_str(),
                old.comment,
                old.created_at,
                now
            ],
        )?;
        let id = HighlightId(tx.last_insert_rowid());
        write_selectors(&tx, id, &placed, &now)?;
        let highlight = get(&tx, id)?;
        super::fts::refresh(&tx, old.clipping.0)?;
        tx.commit()?;
        Ok(highlight)
    }
}

impl From<AnchorError> for StoreError {
    fn from(error: AnchorError) -> Self {
        StoreError::Anchor(error)
    }
}
