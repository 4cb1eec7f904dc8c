//! Background WAL checkpoints, so that a save never pays for copying the write-ahead log back into the library.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold: one save in about twenty took
//! over 10 ms instead of under 1 ms. The [`super::Library`] turns it off on its own connection and starts a
//! [`Checkpointer`]: a second connection on a thread of its own that runs a PASSIVE checkpoint (which never blocks
//! readers or the writer) when the log has grown past [`WAL_THRESHOLD`] and the library is quiet (nobody committed
//! since the last look, every [`CHECK_INTERVAL`]), or at once when it passes [`WAL_LIMIT`]. Copying the log back
//! reads and writes megabytes and waits for the disk twice; done while saves go on, it slowed one save in twenty by
//! a few milliseconds (the disk is shared), so it waits for a pause, which a person saving clippings always makes.
//! When the library closes, the last connection to close checkpoints what is left, as SQLite always does.
//! A failed checkpoint is harmless (the log keeps the data) and is retried on the next look.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How often the checkpointer looks at the size of the log.
pub const CHECK_INTERVAL: Duration = Duration::from_millis(500);

/// Log size past which the checkpointer copies it back once the library is quiet (SQLite's own default is 1,000
/// pages, about 4 MiB).
pub const WAL_THRESHOLD: u64 = 4 * 1024 * 1024;

/// Log size past which the checkpointer copies it back even while saves go on (a long import), so that the log
/// stays small.
pub const WAL_LIMIT: u64 = 64 * 1024 * 1024;

/// The checkpointing thread; stopping it is dropping it.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the library at `path`, or returns `None` if a second connection or a thread cannot be
    /// had (the caller then keeps SQLite's automatic checkpoints).
    pub(crate) fn start(path: &Path) -> Option<Checkpointer> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        conn.busy_timeout(super::schema::BUSY_TIMEOUT).ok()?;
        let wal = wal_path(path);
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("cuttings-checkpoint".into())
            .spawn(move || {
                // `data_version` changes when another connection (the library's own) commits.
                let version =
                    |conn: &Connection| conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)).ok();
                let mut last_version = version(&conn);
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECK_INTERVAL) {
                    let now = version(&conn);
                    let quiet = now == last_version;
                    last_version = now;
                    let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                    if size > WAL_LIMIT || (quiet && size > WAL_THRESHOLD) {
                        // The result (busy, frames copied) needs no action: the next look tries again.
                        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    }
                }
            })
            .ok()?;
        Some(Checkpointer { stop: Some(stop), thread: Some(thread) })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Dropping the sender wakes the thread at once.
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The write-ahead log beside the library file (`library.db-wal`).
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}
