//! Commands of the clipping queue and of imports: queueing a pasted list of addresses, the queue panel's overview
//! and its actions (pause, retry, cancel, clear), and an import in two steps, a preview (the export read and
//! planned by the core, held by token) and then queueing exactly that plan. The worker itself is `crate::queue`.
//! Finding addresses in text, filing, duplicates and retries are the core's rules (`cuttings::queue`, the store).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use cuttings::import::read_export_file;
use cuttings::queue::{ImportOptions, ListFiling, addresses_in, jobs_for_addresses, plan_import};
use cuttings::store::{FolderId, JobFilter, JobState, Library, QueueJobId};

use crate::dto::{
    EnqueueSummary, ImportPreview, ImportRequest, ImportService, QueueAddressesRequest, QueueJobRow, QueueOverview,
};
use crate::error::CommandError;
use crate::queue::QueueService;
use crate::state::LibraryState;

/// How many jobs of each part the overview lists: waiting and under way, failed, recently finished.
const LISTED_PENDING: usize = 200;
const LISTED_FAILED: usize = 200;
const LISTED_FINISHED: usize = 50;
/// How far back the finished jobs are looked for (the recent ones are the last of these).
const SCANNED_FINISHED: usize = 5000;

/// How many web addresses `text` holds, by the core's rule: the clip dialog offers to queue them when more than one.
#[tauri::command]
pub fn count_addresses(text: String) -> u32 {
    u32::try_from(addresses_in(&text).len()).unwrap_or(u32::MAX)
}

/// Queues every web address in `request.text` as one batch, filed alike; the window's worker starts at once.
#[tauri::command]
pub fn queue_addresses(
    state: State<'_, LibraryState>,
    queue: State<'_, QueueService>,
    request: QueueAddressesRequest,
) -> Result<EnqueueSummary, CommandError> {
    let addresses = addresses_in(&request.text);
    if addresses.is_empty() {
        return Err(CommandError::bad_input("no web address found in what was typed"));
    }
    let filing = ListFiling { folder: None, tags: request.tags, note: request.note };
    let mut jobs = jobs_for_addresses(&addresses, &filing);
    for job in &mut jobs {
        job.folder = request.folder.map(FolderId);
    }
    let label = format!("{} addresses", addresses.len());
    let report = state.with(|library| library.enqueue(&label, &jobs))?;
    queue.control().wake();
    Ok(report.into())
}

/// The queue for its panel: counts, the jobs to show, whether it is paused and who works it.
#[tauri::command]
pub fn queue_overview(
    state: State<'_, LibraryState>,
    queue: State<'_, QueueService>,
) -> Result<QueueOverview, CommandError> {
    let of = |states: &[JobState]| JobFilter { states: states.to_vec(), ..JobFilter::default() };
    let (counts, rows) = state.with(|library| {
        let counts = library.queue_counts(None)?;
        let mut jobs = library.queue_jobs(&of(&[JobState::Running, JobState::Queued]), LISTED_PENDING)?;
        // Under way first, then waiting in the order they are worked.
        jobs.sort_by_key(|job| job.state != JobState::Running);
        jobs.extend(library.queue_jobs(&of(&[JobState::Failed]), LISTED_FAILED)?);
        let finished = of(&[JobState::Done, JobState::Duplicate, JobState::Cancelled]);
        let mut recent = library.queue_jobs(&finished, SCANNED_FINISHED)?;
        recent.reverse();
        recent.truncate(LISTED_FINISHED);
        let mut rows = Vec::with_capacity(jobs.len() + recent.len());
        for job in jobs.into_iter().chain(recent) {
            // A finished job's clipping is filed under the address queued: its title, by the store's lookup.
            let title = match job.clipping {
                Some(_) => library.duplicate_of(&job.url, None)?.map(|c| c.title),
                None => None,
            };
            rows.push(QueueJobRow { clipping_title: title, ..job.into() });
        }
        Ok::<_, cuttings::store::StoreError>((counts, rows))
    })?;
    Ok(QueueOverview { counts: counts.into(), jobs: rows, paused: queue.control().is_paused(), worker: queue.worker() })
}

/// Pauses (no new job starts; those under way finish) or resumes the window's worker.
#[tauri::command]
pub fn pause_queue(queue: State<'_, QueueService>, paused: bool) {
    queue.control().set_paused(paused);
}

/// Queues failed jobs again (`ids`, or every failed one when empty); with `wayback`, only gone pages with a copy in
/// the Wayback Machine, clipping that copy. Returns how many.
#[tauri::command]
pub fn retry_queue_jobs(
    state: State<'_, LibraryState>,
    queue: State<'_, QueueService>,
    ids: Vec<i64>,
    wayback: bool,
) -> Result<u32, CommandError> {
    let filter = JobFilter { ids: ids.into_iter().map(QueueJobId).collect(), ..JobFilter::default() };
    let retried = state.with(|library| library.retry_jobs(&filter, wayback))?;
    queue.control().wake();
    Ok(u32::try_from(retried).unwrap_or(u32::MAX))
}

/// Cancels waiting jobs (`ids`, or every waiting one when empty); jobs under way finish. Returns how many.
#[tauri::command]
pub fn cancel_queue_jobs(state: State<'_, LibraryState>, ids: Vec<i64>) -> Result<u32, CommandError> {
    let filter = JobFilter { ids: ids.into_iter().map(QueueJobId).collect(), ..JobFilter::default() };
    let cancelled = state.with(|library| library.cancel_jobs(&filter))?;
    Ok(u32::try_from(cancelled).unwrap_or(u32::MAX))
}

/// Forgets finished jobs (done, duplicates, cancelled; the failed ones too with `failed`); clippings stay.
#[tauri::command]
pub fn clear_queue(state: State<'_, LibraryState>, failed: bool) -> Result<u32, CommandError> {
    let cleared = state.with(|library| library.clear_finished_jobs(failed))?;
    Ok(u32::try_from(cleared).unwrap_or(u32::MAX))
}

/// Asks the user for an export file of `service` with the native open dialog. Answers its path, or `null` when the
/// dialog was closed without choosing.
#[tauri::command]
pub async fn choose_import_file(app: AppHandle, service: ImportService) -> Result<Option<String>, CommandError> {
    let (name, endings): (&str, &[&str]) = match service {
        ImportService::Pocket => ("Pocket export", &["zip", "html", "json"]),
        ImportService::Omnivore => ("Omnivore export", &["zip"]),
        ImportService::Instapaper => ("Instapaper export", &["csv"]),
        ImportService::Wallabag => ("wallabag export", &["json"]),
        ImportService::Bookmarks => ("Bookmarks file", &["html", "htm"]),
    };
    let mut dialog = app.dialog().file().set_title("Choose the export to import").add_filter(name, endings);
    if let Some(folder) = directories::UserDirs::new().and_then(|d| d.download_dir().map(PathBuf::from)) {
        dialog = dialog.set_directory(folder);
    }
    let (sender, receiver) = tokio::sync::oneshot::channel();
    dialog.pick_file(move |chosen| {
        // The receiver waits for this answer; it is gone only if the command itself was dropped.
        let _ = sender.send(chosen);
    });
    let chosen = receiver.await.map_err(|_| CommandError::new("internal", "the open dialog closed unexpectedly"))?;
    let Some(chosen) = chosen else { return Ok(None) };
    let path =
        chosen.into_path().map_err(|e| CommandError::bad_input(format!("that file cannot be read from here: {e}")))?;
    Ok(Some(path.display().to_string()))
}

/// Reads the export at `request.path` and plans its import (nothing is written); the plan is held under the
/// preview's token for `start_import`. Read on a worker thread with its own connection to the library.
#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    queue: State<'_, QueueService>,
    request: ImportRequest,
) -> Result<ImportPreview, CommandError> {
    let path = PathBuf::from(request.path.trim());
    if request.path.trim().is_empty() || !path.is_absolute() {
        return Err(CommandError::bad_input("choose the export file to import"));
    }
    let library_path = app.state::<LibraryState>().path().to_path_buf();
    let format = request.service.into();
    let options =
        ImportOptions { folder: request.folder.filter(|f| !f.trim().is_empty()), read_as: request.read_as.into() };
    let plan = tauri::async_runtime::spawn_blocking(move || -> Result<_, CommandError> {
        let file = read_export_file(format, &path)?;
        let library = Library::open(&library_path)?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Ok(plan_import(&library, format, &name, file, &options)?)
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("reading the export stopped: {e}")))??;
    let mut preview = ImportPreview::of(0, &plan);
    preview.token = queue.imports.hold(plan);
    Ok(preview)
}

/// Queues the import previewed under `token`, in one transaction; the window's worker starts at once.
#[tauri::command]
pub fn start_import(
    state: State<'_, LibraryState>,
    queue: State<'_, QueueService>,
    token: u64,
) -> Result<EnqueueSummary, CommandError> {
    let plan = queue
        .imports
        .take(token)
        .ok_or_else(|| CommandError::new("not_found", "this preview has expired: choose the file again"))?;
    let report = state.with(|library| library.enqueue(&plan.label(), &plan.jobs))?;
    queue.control().wake();
    Ok(report.into())
}
