//! The open lock: which programs have a library open, so that a restore never replaces a library under another
//! program's feet.
//!
//! Every [`super::Library`] holds a shared `flock` on the lock file beside the library (`<library>.lock`, for
//! `library.db` it is `library.db.lock`) for as long as it is open. A restore turns its own lock exclusive without
//! waiting ([`OpenLock::exclusive`]); that fails while any other open `Library` (another process, or another
//! connection in this one, such as the desktop app's export worker) holds its shared lock, and the restore is
//! refused with [`StoreError::InUse`]. Opening waits (up to the busy timeout) while a restore holds the lock.
//!
//! The lock is a separate file on purpose: SQLite's own POSIX locks on the database file are dropped when *any*
//! descriptor of that file in the process is closed, so this module never opens the database file itself.
//! `flock` locks belong to the open file description, so two `Library`s in one process are two holders, like two
//! programs. On systems without `flock` (Windows) the lock is not taken and a restore is not guarded.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;
use super::schema::BUSY_TIMEOUT;

/// The shared (or, during a restore, exclusive) lock a library holds on its lock file; released on drop.
#[derive(Debug)]
pub(crate) struct OpenLock {
    file: File,
    path: PathBuf,
}

/// The lock file of the library at `library`: `<library file name>.lock`, beside it.
pub fn lock_file(library: &Path) -> PathBuf {
    let mut name = library.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    library.with_file_name(name)
}

impl OpenLock {
    /// Takes the shared lock of the library at `library`, waiting up to the busy timeout while a restore holds it.
    /// `None` when the lock file cannot be made (a read-only folder): opening then goes on and reports what SQLite
    /// says, and no restore can happen there anyway.
    pub(crate) fn shared(library: &Path) -> Result<Option<OpenLock>, StoreError> {
        let path = lock_file(library);
        let file = match std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path) {
            Ok(file) => file,
            Err(_) => match File::open(&path) {
                Ok(file) => file,
                Err(_) => return Ok(None),
            },
        };
        let lock = OpenLock { file, path };
        let start = Instant::now();
        loop {
            match lock.flock(false, false) {
                Ok(true) => return Ok(Some(lock)),
                Ok(false) if start.elapsed() < BUSY_TIMEOUT => std::thread::sleep(Duration::from_millis(20)),
                Ok(false) => return Err(StoreError::Busy),
                Err(source) => return Err(StoreError::Io { path: lock.path, source }),
            }
        }
    }

    /// Turns this lock exclusive without waiting; [`StoreError::InUse`] while another `Library` has the library
    /// open. The lock goes back to shared with [`OpenLock::back_to_shared`].
    pub(crate) fn exclusive(&self, library: &Path) -> Result<(), StoreError> {
        match self.flock(true, false) {
            Ok(true) => Ok(()),
            Ok(false) => Err(StoreError::InUse { path: library.to_path_buf() }),
            Err(source) => Err(StoreError::Io { path: self.path.clone(), source }),
        }
    }

    /// Turns an exclusive lock shared again (waiting, should another restore have slipped in between: `flock`
    /// converts by releasing first).
    pub(crate) fn back_to_shared(&self) {
        // Failing leaves the lock released, which only makes this library unguarded: nothing to report.
        let _ = self.flock(false, true);
    }

    /// `flock` on the lock file: shared or exclusive, waiting or not. `Ok(false)` when it would have to wait.
    #[cfg(unix)]
    fn flock(&self, exclusive: bool, wait: bool) -> std::io::Result<bool> {
        use std::os::fd::AsRawFd;
        let mut operation = if exclusive { libc::LOCK_EX } else { libc::LOCK_SH };
        if !wait {
            operation |= libc::LOCK_NB;
        }
        // SAFETY: the file is open for the duration of the call; flock only reads the descriptor.
        if unsafe { libc::flock(self.file.as_raw_fd(), operation) } == 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        if error.kind() == std::io::ErrorKind::WouldBlock { Ok(false) } else { Err(error) }
    }

    /// No `flock` here: the lock is always had.
    #[cfg(not(unix))]
    fn flock(&self, _exclusive: bool, _wait: bool) -> std::io::Result<bool> {
        Ok(true)
    }
}
