//! The clipping library: one SQLite file, owned by one [`Library`]. The only module that touches SQLite.
//!
//! A library holds folders (nested, ordered; the Inbox is "no folder"), clippings (an extracted article, its
//! metadata and the original page, compressed), tags, Markdown notes and a trash. Search runs on two FTS5 tables:
//! words (unicode61, ranked with bm25) and, for scripts written without spaces such as Korean, Chinese, Japanese
//! and Thai, trigrams. The query syntax is documented in [`query`].
//!
//! Invariants: every write is one `BEGIN IMMEDIATE` transaction, so a killed process leaves a clipping either fully
//! saved or absent, and a second writer waits up to [`schema::BUSY_TIMEOUT`] and then gets [`StoreError::Busy`].
//! Ids come from `AUTOINCREMENT` and are never reused. Nothing leaves the file except through
//! [`Library::empty_trash`]. This module never does network I/O.

mod backup;
mod checkpoint;
mod clippings;
mod error;
mod extraction;
pub mod fingerprint;
mod folders;
mod fts;
mod highlights;
mod images;
mod lock;
mod merging;
mod model;
mod notes;
pub mod query;
mod queue;
pub mod refs;
pub mod schema;
mod search;
mod similar;
mod tags;
mod trash;
pub mod url_key;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::{BACKUP_DATABASE, BackupReport};
pub use error::StoreError;
pub use extraction::EDITABLE_FIELDS;
pub use folders::FolderAtPath;
pub use highlights::{Colour, Highlight, HighlightEdit, HighlightId, NewHighlight};
/// Where a stored image's file is; the export reads images through it.
#[cfg(feature = "export")]
pub(crate) use images::image_file;
pub use images::{ClippingImage, ImageOutcome, NewImage, StoredImage, files_folder, is_sha256_hex, sha256_hex};
pub use lock::lock_file;
pub use model::*;
pub use queue::{
    EnqueueReport, JobFailure, JobFilter, JobHighlight, JobState, NewJob, QueueBatchId, QueueCounts, QueueJob,
    QueueJobId,
};
pub use similar::SimilarClipping;
pub use tags::{clean_tag, clean_tags};

/// An open clipping library; owns the SQLite connection.
#[derive(Debug)]
pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// Copies the write-ahead log back into the file off the saving thread; `None` when it could not start.
    _checkpointer: Option<checkpoint::Checkpointer>,
    /// The shared lock that tells a restore this library is open (see [`lock`]); `None` in a read-only folder.
    open_lock: Option<lock::OpenLock>,
    /// `PRAGMA data_version` when [`Library::changed_by_others`] last looked.
    data_version: Cell<i64>,
}

/// Path of the library: `CUTTINGS_LIBRARY` if set and not empty, else `<platform data dir>/cuttings/library.db`
/// (on Linux `~/.local/share/cuttings/library.db`).
pub fn default_library_path() -> Result<PathBuf, StoreError> {
    if let Some(path) = std::env::var_os("CUTTINGS_LIBRARY").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("", "", "Cuttings").ok_or(StoreError::NoDataFolder)?;
    Ok(dirs.data_dir().join("library.db"))
}

impl Library {
    /// Opens the library at `path`, creating the file and its folder if missing, and migrates it to the current
    /// schema. Fails without touching the file if it is not a Cuttings library or was written by a newer version.
    ///
    /// While it is open, the library holds the shared open lock (see [`lock_file`]), so that no restore replaces
    /// it under its feet; opening waits up to the busy timeout while another program restores.
    pub fn open(path: &Path) -> Result<Library, StoreError> {
        let conn = schema::open(path)?;
        // Waits while a restore holds the lock: this connection has read nothing yet, and what it reads from here on
        // is the restored library.
        let open_lock = lock::OpenLock::shared(path)?;
        let checkpointer = checkpoint::Checkpointer::start(path);
        if checkpointer.is_some() {
            conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        }
        let data_version = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Library {
            conn,
            path: path.to_path_buf(),
            _checkpointer: checkpointer,
            open_lock,
            data_version: Cell::new(data_version),
        })
    }

    /// Whether another connection (another program, such as the command line or a second window, or another
    /// `Library` in this one) has committed a change to the library since the last call (or since it was opened).
    /// Cheap (SQLite's `PRAGMA data_version`, no disk read), so a window can ask every few seconds; this library's
    /// own writes, and checkpoints, do not count.
    pub fn changed_by_others(&self) -> Result<bool, StoreError> {
        let now: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(self.data_version.replace(now) != now)
    }

    /// Path of the library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's `PRAGMA integrity_check` and returns its verdict ("ok" when the file is sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(lines.join("\n"))
    }

    /// Maintenance for idle time: merges each full-text index into one segment (faster searches after many saves)
    /// and lets SQLite refresh its query-planner statistics. Takes seconds on a large library; holds the write lock.
    pub fn optimize(&mut self) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute_batch(
            "INSERT INTO clipping_fts (clipping_fts) VALUES ('optimize');
             INSERT INTO clipping_cjk (clipping_cjk) VALUES ('optimize');",
        )?;
        tx.commit()?;
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    /// Upkeep for when the app goes idle or closes (and for the end of every command-line run: dropping a
    /// `Library` calls it): a larger step of merging the full-text indexes than a save takes (see `merging.rs`),
    /// and lets SQLite refresh the statistics its query planner uses (`PRAGMA optimize`, with `analysis_limit` so
    /// that it reads a few hundred rows per index at most). Milliseconds, and nothing at all when the indexes are
    /// merged and the statistics fresh. Never fails: a busy or read-only library skips it, as SQLite recommends.
    pub fn upkeep(&mut self) {
        // Waits briefly for another program's write, never as long as a command does.
        let _ = self.conn.busy_timeout(std::time::Duration::from_millis(200));
        let _ = merging::upkeep(&self.conn);
        let _ = self.conn.execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize;");
        let _ = self.conn.busy_timeout(schema::BUSY_TIMEOUT);
    }

    /// How many segments each full-text index has (words, trigrams): a search reads through all of them, so the
    /// store keeps them few as the library grows. For benchmarks and tests; counts every index page (slow on a
    /// large library).
    pub fn index_segments(&self) -> Result<(i64, i64), StoreError> {
        merging::segments(&self.conn)
    }

    /// Starts a write transaction that takes the write lock at once (waiting up to the busy timeout).
    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from(e).at_path(&path))
    }
}

impl Drop for Library {
    fn drop(&mut self) {
        self.upkeep();
    }
}

/// The current time as RFC 3339 UTC with milliseconds, so that times sort as text.
fn now() -> String {
    timestamp(time::OffsetDateTime::now_utc())
}

/// A time as the library stores times: RFC 3339 in UTC with milliseconds (`2026-12-03T07:04:12.345Z`), which sorts
/// as text. Callers that hand the store a time (an import's saved time) write it with this.
pub fn timestamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// The key a name is compared by: trimmed and lowercased (full Unicode lowercasing, unlike SQLite's `lower`).
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Checks a folder or tag name and returns it trimmed.
fn clean_name(name: &str) -> Result<String, StoreError> {
    let trimmed = name.trim();
    let refuse = |reason| Err(StoreError::InvalidName { name: name.to_string(), reason });
    if trimmed.is_empty() {
        return refuse("a name cannot be empty");
    }
    if trimmed.chars().count() > 200 {
        return refuse("a name can have at most 200 characters");
    }
    if trimmed.chars().any(char::is_control) {
        return refuse("a name cannot contain control characters");
    }
    Ok(trimmed.to_string())
}

/// Errors with NotFound unless the clipping exists and is not in the trash.
fn require_live_clipping(conn: &Connection, id: ClippingId) -> Result<(), StoreError> {
    let live: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id FROM clippings WHERE id = ?1 AND trash_id IS NULL",
        [id.0],
        |r| r.get(0),
    ))?;
    live.map(|_| ()).ok_or(StoreError::NotFound { what: "clipping", id: id.0 })
}

/// Errors with NotFound unless the folder exists and is not in the trash.
fn require_live_folder(conn: &Connection, id: FolderId) -> Result<(), StoreError> {
    let live: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id FROM folders WHERE id = ?1 AND trash_id IS NULL",
        [id.0],
        |r| r.get(0),
    ))?;
    live.map(|_| ()).ok_or(StoreError::NotFound { what: "folder", id: id.0 })
}

#[cfg(test)]
mod tests {
    /// Dependencies point down: the store sits below the archive, the clip pipeline, the fetcher and the export, and
    /// never reaches up into them (the archive, for one, uses the store's fingerprints and image references).
    #[test]
    fn the_store_never_imports_from_the_modules_above_it() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
        let mut checked = 0;
        for entry in std::fs::read_dir(&folder).expect("src/store") {
            let path = entry.expect("a file of src/store").path();
            let source = std::fs::read_to_string(&path).expect("a source file");
            for above in ["archive", "clip", "fetch", "export"] {
                // Built here, so that this file does not name them.
                let path_above = format!("crate::{above}");
                assert!(!source.contains(&path_above), "{} uses {path_above}", path.display());
            }
            checked += 1;
        }
        assert!(checked > 10, "only {checked} files in src/store");
    }
}
