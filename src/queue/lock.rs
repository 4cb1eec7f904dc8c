//! The queue's worker lock: one worker at a time works a library's queue, whichever program it is in (the app,
//! `cuttings queue run`, a `cuttings add` of several addresses). An exclusive `flock` on `<library>.queue`, taken
//! without waiting and released by the system when the worker's process ends, however it ends: so the worker that
//! takes it knows that any job still marked `running` was left by one that died, and puts it back in the queue.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The lock file of the queue of the library at `library`.
pub fn queue_lock_file(library: &Path) -> PathBuf {
    let mut name = library.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".queue");
    library.with_file_name(name)
}

/// A held worker lock; released on drop.
#[derive(Debug)]
pub struct WorkerLock {
    _file: File,
}

impl WorkerLock {
    /// Takes the worker lock of the library at `library`; `Ok(None)` when another worker holds it.
    pub fn try_take(library: &Path) -> std::io::Result<Option<WorkerLock>> {
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(queue_lock_file(library))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: flock on a descriptor this function owns; LOCK_NB makes it return at once.
            let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
            if !taken {
                let error = std::io::Error::last_os_error();
                return match error.raw_os_error() {
                    Some(code) if code == libc::EWOULDBLOCK => Ok(None),
                    _ => Err(error),
                };
            }
        }
        Ok(Some(WorkerLock { _file: file }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_worker_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let library = dir.path().join("library.db");
        let first = WorkerLock::try_take(&library).expect("lock file").expect("the first worker gets the lock");
        assert!(WorkerLock::try_take(&library).expect("lock file").is_none());
        drop(first);
        assert!(WorkerLock::try_take(&library).expect("lock file").is_some());
    }
}
