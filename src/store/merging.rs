//! Keeping the full-text indexes merged as the library grows, at an even cost per save.
//!
//! FTS5 writes the index entries of each transaction as a new segment, and a search reads every segment, so
//! segments must be merged as they pile up. FTS5's own automatic merging (`automerge`) does that work in bursts:
//! after every 64 index pages written, 64 pages per level of the index in one go, inside whichever save crossed the
//! line (tens of milliseconds at 100,000 clippings, one save in twenty or so). The library turns it off when it
//! opens ([`configure`]: `automerge = 0`, kept in each index's own config row) and instead ends every save with a
//! small merge step ([`after_saving`]: FTS5's incremental `merge`, [`PAGES_PER_CLIPPING`] pages per clipping
//! saved), which does the same work spread evenly: the index stays as merged as automerge keeps it. FTS5's crisis
//! merge (a level that reaches 16 segments is merged at once) stays as the backstop, for instance for an older
//! version of Cuttings that does not take these steps.
//!
//! Never changes what a search finds: merging only rewrites the index's own segments.

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;

/// The full-text tables kept merged.
const TABLES: [&str; 2] = ["clipping_fts", "clipping_cjk"];

/// Index pages merged for each clipping saved. Measured at 100,000 clippings (`examples/library_bench.rs`, runs of
/// 200 saves in a row): with 8 pages a save took p95 2.6–4.3 ms and the word index grew from 19 to 44 segments
/// over 600 saves, searches staying under 20 ms; with 16 or 32 pages it stayed at 12–21 segments but saves took p95
/// 5–7.4 ms, over the 5 ms bar. What a step leaves undone waits for the next save or for [`UPKEEP_PAGES`] at
/// [`super::Library::upkeep`], and a level that reaches 16 segments is merged by FTS5 at once.
pub const PAGES_PER_CLIPPING: i64 = 8;

/// Index pages merged by [`super::Library::upkeep`] (when the app closes, at the end of every command): a few tens
/// of milliseconds at most, and nothing when the indexes are merged.
pub const UPKEEP_PAGES: i64 = 1000;

/// Turns off FTS5's bursty automatic merging on both indexes, once per library (the setting is stored in the index).
/// Harmless to skip: if the library cannot be written now (read-only, busy), FTS5 keeps merging as before.
pub(super) fn configure(conn: &Connection) {
    for table in TABLES {
        let current: Result<Option<i64>, rusqlite::Error> =
            conn.query_row(&format!("SELECT v FROM {table}_config WHERE k = 'automerge'"), [], |r| r.get(0)).optional();
        if matches!(current, Ok(Some(0))) {
            continue;
        }
        // The result needs no action: the indexes work either way, and the next open tries again.
        let _ = conn.execute(&format!("INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)"), []);
    }
}

/// One merge step for `clippings` clippings saved, inside the caller's transaction, after its index writes. Does
/// nothing when no level of either index has enough segments to merge (a few page reads).
pub(super) fn after_saving(conn: &Connection, clippings: usize) -> Result<(), StoreError> {
    let pages = PAGES_PER_CLIPPING.saturating_mul(clippings.max(1) as i64).min(i64::from(i32::MAX));
    for table in TABLES {
        conn.prepare_cached(&format!("INSERT INTO {table} ({table}, rank) VALUES ('merge', ?1)"))?.execute([pages])?;
    }
    Ok(())
}

/// A larger merge step for a moment when nobody waits ([`super::Library::upkeep`]); errors are the caller's to
/// ignore.
pub(super) fn upkeep(conn: &Connection) -> Result<(), StoreError> {
    for table in TABLES {
        conn.prepare_cached(&format!("INSERT INTO {table} ({table}, rank) VALUES ('merge', ?1)"))?
            .execute([UPKEEP_PAGES])?;
    }
    Ok(())
}

/// How many segments each index has (words, then trigrams): what a search reads through. For benchmarks and tests.
pub(super) fn segments(conn: &Connection) -> Result<(i64, i64), StoreError> {
    let count = |table: &str| -> Result<i64, StoreError> {
        Ok(conn.query_row(&format!("SELECT count(DISTINCT segid) FROM {table}_idx"), [], |r| r.get(0))?)
    };
    Ok((count(TABLES[0])?, count(TABLES[1])?))
}
