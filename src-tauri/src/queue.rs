//! The clipping queue while the window is open: the app is the queue's worker ([`cuttings::queue::QueueWorker`],
//! on a connection of its own to the library, run on the app's async runtime with `RunScope::Forever`). When
//! another program works the queue (`cuttings queue run`, `cuttings add URL URL…`, a second window) the app
//! watches instead and tries again to take it every [`RETRY_INTERVAL`]. Each job that starts or ends is told to
//! the UI on the channel it gave with `watch_queue`, and a finished one asks the library watch (`watch.rs`) to
//! look, so the lists show the new clipping at once. Imports previewed in the window wait in [`ImportPlans`]
//! until the user queues them, so that exactly what was previewed is queued.
//!
//! What to clip, when to retry and how long to wait are the core's (`cuttings::queue`); nothing here decides it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cuttings::queue::{ImportPlan, QueueEvent, QueueSettings, QueueWorker, RunControl, RunScope};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::dto::{QueueEventReport, QueueWorkerState};
use crate::state::{ClipState, LibraryState};
use crate::watch::LibraryWatch;

/// How often the app tries again to take a queue another program works.
pub const RETRY_INTERVAL: Duration = Duration::from_secs(5);

/// The window's side of the queue: what runs its worker, who works it, where the UI wants its events, and the
/// imports previewed and not yet queued.
pub struct QueueService {
    control: Arc<RunControl>,
    worker: Mutex<QueueWorkerState>,
    events: Mutex<Option<Channel<QueueEventReport>>>,
    /// Imports previewed and not yet queued.
    pub imports: ImportPlans,
}

impl Default for QueueService {
    fn default() -> Self {
        QueueService {
            control: Arc::new(RunControl::default()),
            worker: Mutex::new(QueueWorkerState::Starting),
            events: Mutex::new(None),
            imports: ImportPlans::default(),
        }
    }
}

impl QueueService {
    /// Pauses or resumes this window's worker, and wakes it.
    pub fn control(&self) -> &RunControl {
        &self.control
    }

    /// Who works the queue now.
    pub fn worker(&self) -> QueueWorkerState {
        self.worker.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn set_worker(&self, state: QueueWorkerState) {
        *self.worker.lock().unwrap_or_else(PoisonError::into_inner) = state;
    }

    fn tell(&self, report: QueueEventReport) {
        if let Some(channel) = self.events.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
            // A window that went away cannot be told; the next `watch_queue` brings a new channel.
            let _ = channel.send(report);
        }
    }

    /// Stops this window's worker (the window is closing): the jobs under way go back to the queue.
    pub fn stop(&self) {
        self.control.stop();
    }
}

/// Works the library's queue for as long as the app runs, on the app's async runtime.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let service = app.state::<QueueService>();
        let library = app.state::<LibraryState>().path().to_path_buf();
        let fetcher = match app.state::<ClipState>().fetcher() {
            Ok(fetcher) => fetcher,
            Err(error) => return service.set_worker(QueueWorkerState::Failed(error.message)),
        };
        let control = service.control.clone();
        loop {
            match QueueWorker::take(&library, fetcher.clone(), QueueSettings::from_env()) {
                Ok(Some(mut worker)) => {
                    service.set_worker(QueueWorkerState::Running);
                    let events_app = app.clone();
                    let mut on_event = move |event: QueueEvent| report(&events_app, event);
                    match worker.run(RunScope::Forever, &control, &mut on_event).await {
                        // Stopped: the window is closing.
                        Ok(_) => return,
                        Err(error) => service.set_worker(QueueWorkerState::Failed(error.to_string())),
                    }
                }
                Ok(None) => service.set_worker(QueueWorkerState::OtherProgram),
                Err(error) => service.set_worker(QueueWorkerState::Failed(error.to_string())),
            }
            tokio::time::sleep(RETRY_INTERVAL).await;
        }
    });
}

/// Tells the UI about a job that started or ended; after an end, the library watch looks at once.
fn report(app: &AppHandle, event: QueueEvent) {
    let service = app.state::<QueueService>();
    match event {
        QueueEvent::Started(job) => service.tell(QueueEventReport::Started { job: job.into() }),
        QueueEvent::Finished(job) => {
            service.tell(QueueEventReport::Finished { job: job.into() });
            // Off the runtime's threads: the look waits for the library lock while a command holds it.
            let app = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                app.state::<LibraryWatch>().check(&app.state::<LibraryState>());
            });
        }
    }
}

/// Tells the UI on `on_event` each job that starts or ends (replacing an earlier channel).
#[tauri::command]
pub fn watch_queue(service: State<'_, QueueService>, on_event: Channel<QueueEventReport>) {
    *service.events.lock().unwrap_or_else(PoisonError::into_inner) = Some(on_event);
}

/// Imports previewed and not yet queued, by token; tokens are never reused while the app runs.
#[derive(Default)]
pub struct ImportPlans {
    plans: Mutex<(u64, BTreeMap<u64, ImportPlan>)>,
}

/// At most this many previews are held; the oldest is dropped past it (a dialog closed without importing).
const MAX_HELD_PLANS: usize = 4;

impl ImportPlans {
    /// Holds `plan` and returns its token.
    pub fn hold(&self, plan: ImportPlan) -> u64 {
        let mut held = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        held.0 += 1;
        let token = held.0;
        held.1.insert(token, plan);
        while held.1.len() > MAX_HELD_PLANS {
            held.1.pop_first();
        }
        token
    }

    /// Takes the plan held under `token`: it can be queued once.
    pub fn take(&self, token: u64) -> Option<ImportPlan> {
        self.plans.lock().unwrap_or_else(PoisonError::into_inner).1.remove(&token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings::import::ImportFormat;

    fn plan(name: &str) -> ImportPlan {
        ImportPlan {
            format: ImportFormat::Pocket,
            file_name: name.to_string(),
            jobs: Vec::new(),
            with_content: 0,
            already_present: 0,
            folders: Vec::new(),
            tags: Vec::new(),
            highlights: 0,
            skipped_not_web: 0,
        }
    }

    #[test]
    fn a_previewed_import_is_queued_once_and_exactly_as_previewed() {
        let plans = ImportPlans::default();
        let first = plans.hold(plan("a.zip"));
        let second = plans.hold(plan("b.zip"));
        assert_ne!(first, second);
        assert_eq!(plans.take(second).map(|p| p.file_name).as_deref(), Some("b.zip"));
        assert!(plans.take(second).is_none(), "a plan is taken once");
        assert_eq!(plans.take(first).map(|p| p.file_name).as_deref(), Some("a.zip"));
    }

    #[test]
    fn only_the_latest_previews_are_held_and_tokens_are_never_reused() {
        let plans = ImportPlans::default();
        let tokens: Vec<u64> = (0..6).map(|i| plans.hold(plan(&format!("{i}.zip")))).collect();
        assert!(plans.take(tokens[0]).is_none() && plans.take(tokens[1]).is_none(), "the oldest are dropped");
        assert!(plans.take(tokens[5]).is_some());
        let next = plans.hold(plan("again.zip"));
        assert!(!tokens.contains(&next));
    }
}
