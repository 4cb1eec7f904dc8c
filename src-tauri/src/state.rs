//! The shell's managed state: the library, opened once at start and shared by every command.
//!
//! [`LibraryState`] holds the library behind a `Mutex`, or the error that kept it from opening, so that the window
//! still opens and says in plain words what is wrong. A command holds the lock only while it calls the core: work
//! that waits on the network (fetching a page) must happen before taking it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use cuttings::store::Library;

use crate::error::CommandError;

/// The open library, or why it could not be opened.
#[derive(Debug)]
pub struct LibraryState {
    path: PathBuf,
    library: Result<Mutex<Library>, CommandError>,
}

impl LibraryState {
    /// Opens the library at `path`, keeping the error if it cannot be opened.
    pub fn open(path: &Path) -> Self {
        let library = Library::open(path).map(Mutex::new).map_err(CommandError::from);
        LibraryState { path: path.to_path_buf(), library }
    }

    /// Path of the library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` with the library locked, turning its error into a [`CommandError`].
    pub fn with<T, E: Into<CommandError>>(
        &self,
        work: impl FnOnce(&mut Library) -> Result<T, E>,
    ) -> Result<T, CommandError> {
        let mutex = self.library.as_ref().map_err(Clone::clone)?;
        // Every write is one transaction in the core, so a panic in another command cannot leave the library
        // half-written: the lock is safe to take over after one.
        let mut library = mutex.lock().unwrap_or_else(PoisonError::into_inner);
        work(&mut library).map_err(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_that_cannot_open_gives_its_error_to_every_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-library.db");
        std::fs::write(&path, b"this is a text file, not SQLite, and long enough to be read as a header").unwrap();
        let state = LibraryState::open(&path);
        let error = state.with(|library| library.folder_tree()).unwrap_err();
        assert_eq!(error.code, "not_a_library");
        assert!(error.message.contains("not-a-library.db"), "{}", error.message);
    }

    #[test]
    fn an_open_library_answers() {
        let dir = tempfile::tempdir().unwrap();
        let state = LibraryState::open(&dir.path().join("library.db"));
        let folders = state.with(|library| library.folder_tree()).unwrap();
        assert!(folders.is_empty());
    }
}

/// Pages fetched and extracted for the clip dialog, held until saved or discarded, and the one HTTP fetcher.
#[derive(Debug)]
pub struct ClipState {
    fetcher: Result<cuttings::fetch::Fetcher, CommandError>,
    held: Mutex<HeldPages>,
    /// Fetches, extractions and saves under way, by the UI's request number, each with what cancels it.
    running: Mutex<std::collections::HashMap<u64, ClipCancel>>,
}

/// How a clip request learns that the UI cancelled it: a signal that async work (fetching, downloading) waits on,
/// and a flag that extraction, on its blocking thread, reads between steps.
#[derive(Debug, Clone, Default)]
pub struct ClipCancel {
    /// Wakes whoever waits in [`ClipCancel::cancelled`]; keeps a permit if nobody waits yet.
    signal: std::sync::Arc<tokio::sync::Notify>,
    /// Read by extraction (`cuttings::extract::Budget`).
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl ClipCancel {
    /// Completes when the request is cancelled.
    pub async fn cancelled(&self) {
        self.signal.notified().await;
    }

    /// The flag to hand to the core's extraction.
    pub fn flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.flag.clone()
    }

    /// Sets the flag, then wakes the waiter.
    fn cancel(&self) {
        self.flag.store(true, std::sync::atomic::Ordering::Relaxed);
        // notify_one keeps a permit, so a cancel that lands before the fetch starts waiting still counts.
        self.signal.notify_one();
    }
}

/// Prepared pages by token; tokens are never reused while the app runs.
#[derive(Debug, Default)]
struct HeldPages {
    next: u64,
    pages: std::collections::HashMap<u64, cuttings::clip::PreparedClipping>,
}

/// At most this many previews are held; the oldest is dropped past it (a dialog abandoned without discarding).
const MAX_HELD_PAGES: usize = 16;

impl ClipState {
    /// One fetcher with the core's default limits (or the error that kept it from being made).
    pub fn new() -> Self {
        ClipState {
            fetcher: cuttings::fetch::Fetcher::new().map_err(CommandError::from),
            held: Mutex::default(),
            running: Mutex::default(),
        }
    }

    /// The fetcher, cloned (cheap: one shared connection pool), so no lock is held while on the network.
    pub fn fetcher(&self) -> Result<cuttings::fetch::Fetcher, CommandError> {
        self.fetcher.clone()
    }

    /// Registers request `request` and returns what cancels it.
    pub fn start(&self, request: u64) -> ClipCancel {
        let cancel = ClipCancel::default();
        self.running.lock().unwrap_or_else(PoisonError::into_inner).insert(request, cancel.clone());
        cancel
    }

    /// Forgets fetch `request` (it finished).
    pub fn finish(&self, request: u64) {
        self.running.lock().unwrap_or_else(PoisonError::into_inner).remove(&request);
    }

    /// Cancels fetch `request` if it is still under way; returns whether it was.
    pub fn cancel(&self, request: u64) -> bool {
        match self.running.lock().unwrap_or_else(PoisonError::into_inner).remove(&request) {
            Some(cancel) => {
                cancel.cancel();
                true
            }
            None => false,
        }
    }

    /// Holds a prepared page and returns its token.
    pub fn hold(&self, page: cuttings::clip::PreparedClipping) -> u64 {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.next += 1;
        let token = held.next;
        held.pages.insert(token, page);
        if held.pages.len() > MAX_HELD_PAGES {
            let oldest = held.pages.keys().copied().min();
            if let Some(oldest) = oldest {
                held.pages.remove(&oldest);
            }
        }
        token
    }

    /// A copy of the page held under `token`.
    pub fn get(&self, token: u64) -> Result<cuttings::clip::PreparedClipping, CommandError> {
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.pages
            .get(&token)
            .cloned()
            .ok_or_else(|| CommandError::new("not_found", "this preview has expired: fetch the page again"))
    }

    /// Forgets the page held under `token` (nothing happens if there is none).
    pub fn release(&self, token: u64) {
        self.held.lock().unwrap_or_else(PoisonError::into_inner).pages.remove(&token);
    }
}

impl Default for ClipState {
    fn default() -> Self {
        ClipState::new()
    }
}

#[cfg(test)]
mod clip_state_tests {
    use super::*;

    #[test]
    fn a_cancel_before_the_wait_is_not_lost() {
        let clips = ClipState::new();
        let cancel = clips.start(7);
        assert!(clips.cancel(7));
        assert!(!clips.cancel(7), "a request is cancelled once");
        assert!(cancel.flag().load(std::sync::atomic::Ordering::Relaxed), "extraction sees the flag");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let fired = runtime.block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(1), cancel.cancelled()).await.is_ok()
        });
        assert!(fired);
    }
}

/// Exports under way, by the UI's request number, each with the flag that cancels it.
#[derive(Debug, Default)]
pub struct ExportState {
    running: Mutex<std::collections::HashMap<u64, std::sync::Arc<std::sync::atomic::AtomicBool>>>,
    /// What this run of the app exported, the only paths `open_export` opens.
    finished: Mutex<std::collections::HashSet<PathBuf>>,
}

impl ExportState {
    /// Registers export `request` and returns its cancel flag.
    pub fn start(&self, request: u64) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        self.running.lock().unwrap_or_else(PoisonError::into_inner).insert(request, flag.clone());
        flag
    }

    /// Forgets export `request` (it finished).
    pub fn finish(&self, request: u64) {
        self.running.lock().unwrap_or_else(PoisonError::into_inner).remove(&request);
    }

    /// Records a finished export's file or folder.
    pub fn remember(&self, path: PathBuf) {
        self.finished.lock().unwrap_or_else(PoisonError::into_inner).insert(path);
    }

    /// Whether `path` is something this run of the app exported.
    pub fn exported(&self, path: &Path) -> bool {
        self.finished.lock().unwrap_or_else(PoisonError::into_inner).contains(path)
    }

    /// Cancels export `request` if it is under way; returns whether it was.
    pub fn cancel(&self, request: u64) -> bool {
        match self.running.lock().unwrap_or_else(PoisonError::into_inner).get(&request) {
            Some(flag) => {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod export_state_tests {
    use super::*;

    #[test]
    fn cancel_sets_the_flag_of_that_export_only() {
        let exports = ExportState::default();
        let first = exports.start(1);
        let second = exports.start(2);
        assert!(exports.cancel(2));
        assert!(second.load(std::sync::atomic::Ordering::SeqCst));
        assert!(!first.load(std::sync::atomic::Ordering::SeqCst));
        exports.finish(2);
        assert!(!exports.cancel(2), "a finished export cannot be cancelled");
    }

    #[test]
    fn only_finished_exports_can_be_opened() {
        let exports = ExportState::default();
        exports.remember(PathBuf::from("/tmp/review.pdf"));
        assert!(exports.exported(Path::new("/tmp/review.pdf")));
        assert!(!exports.exported(Path::new("/etc/passwd")));
    }
}
