//! Noticing that another program changed the library (the command line, a second window): the shell asks the core
//! ([`cuttings::store::Library::changed_by_others`], SQLite's `data_version`, which reads no page) every
//! [`CHECK_INTERVAL`] and whenever the window gains focus, and tells the UI on the channel it handed over with
//! `watch_library`. The UI then reloads its lists and the open clipping rather than acting on ids that may be
//! gone. Nothing here reads or writes the library itself.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::state::LibraryState;

/// How often the library is asked whether another program changed it.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(3);

/// The channel the UI listens on for "the library changed", once it has asked to be told.
#[derive(Default)]
pub struct LibraryWatch {
    channel: Mutex<Option<Channel<()>>>,
}

impl std::fmt::Debug for LibraryWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tauri's channel has no Debug of its own.
        f.debug_struct("LibraryWatch").finish_non_exhaustive()
    }
}

impl LibraryWatch {
    /// Asks the library whether another program changed it since the last look, and tells the UI if so.
    pub fn check(&self, library: &LibraryState) {
        // A library that did not open, or a failed look, has nothing to tell; the next look asks again.
        if library.with(|library| library.changed_by_others()).unwrap_or(false) {
            let channel = self.channel.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(channel) = channel.as_ref() {
                // A window that went away cannot be told; the next `watch_library` brings a new channel.
                let _ = channel.send(());
            }
        }
    }
}

/// Checks the library every [`CHECK_INTERVAL`] on a thread of its own, for as long as the app runs.
pub fn start(app: &AppHandle) -> std::io::Result<()> {
    let app = app.clone();
    std::thread::Builder::new().name("cuttings-watch".into()).spawn(move || {
        loop {
            std::thread::sleep(CHECK_INTERVAL);
            app.state::<LibraryWatch>().check(&app.state::<LibraryState>());
        }
    })?;
    Ok(())
}

/// Tells the UI on `on_change` whenever another program has changed the library (replacing an earlier channel).
#[tauri::command]
pub fn watch_library(watch: State<'_, LibraryWatch>, on_change: Channel<()>) {
    *watch.channel.lock().unwrap_or_else(PoisonError::into_inner) = Some(on_change);
}
