//! The clipping queue: many addresses clipped in the background, durably.
//!
//! Every address to clip (a pasted list, `cuttings add URL URL…`, an import) becomes a job in the library
//! ([`crate::store::Library::enqueue`]), so the queue survives quitting and `kill -9`. One worker at a time
//! ([`QueueWorker`], holding the lock of `lock.rs`) works it: stages per job: 1. choose due jobs whose host may be
//! asked now (`hosts.rs`: one request at a time per host, [`QueueSettings::per_host_interval`] apart); 2. clip it
//! on a task of its own, at most [`QueueSettings::concurrency`] at once — fetch (public addresses only: a list or
//! an export comes from elsewhere) and extract ([`crate::clip::prepare_listed`]), or
//! read the article the export held, or the Wayback Machine's copy (`wayback.rs`), then download its images;
//! 3. save the clipping and finish the job in one transaction ([`crate::store::Library::finish_job`]), or record
//! the failure and when to try again (`retry.rs`). A job is never clipped twice: the store refuses an address
//! already in the library, and a worker that died mid-job left no clipping, only a job marked running, which the
//! next worker puts back.
//!
//! The desktop app runs a worker while its window is open ([`RunScope::Forever`], paused and resumed by the
//! user); the command line runs one until its own jobs are done ([`RunScope::UntilDone`]). Neither decides what
//! to retry or how long to wait: that is here.

mod addresses;
mod hosts;
mod imports;
mod lock;
mod retry;
mod wayback;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use tokio::task::JoinSet;
use url::Url;

use crate::archive::ImageLimits;
use crate::clip::{self, ClipError, ExportedArticle, Filing, PreparedClipping};
use crate::fetch::Fetcher;
use crate::store::{AddOutcome, JobFailure, Library, NewImage, QueueBatchId, QueueJob, StoreError, timestamp};

pub use addresses::{ListFiling, addresses_in, jobs_for_addresses};
pub use imports::{ImportOptions, ImportPlan, ReadAs, plan_import};
pub use lock::queue_lock_file;
pub use retry::{Decision, decide};
pub use wayback::{ArchivedCopy, DEFAULT_BASE as DEFAULT_WAYBACK_BASE};

/// How the queue works. The defaults are the polite ones; tests shorten the waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSettings {
    /// Jobs clipped at once.
    pub concurrency: usize,
    /// The least time between two requests to the same host.
    pub per_host_interval: Duration,
    /// Tries in all for a job that keeps failing in a way that may pass (429, 5xx, time-outs).
    pub max_tries: u32,
    /// The wait after a first failed try; each further one waits four times longer.
    pub backoff: Duration,
    /// The longest wait, whatever a server's `Retry-After` asks.
    pub max_wait: Duration,
    /// Whether articles' images are downloaded and stored.
    pub download_images: bool,
    /// The Wayback Machine's availability API, asked for a copy of a gone page; `None` not to ask.
    pub wayback: Option<Url>,
}

impl Default for QueueSettings {
    fn default() -> Self {
        QueueSettings {
            concurrency: 4,
            per_host_interval: Duration::from_secs(1),
            max_tries: 3,
            backoff: Duration::from_secs(5),
            max_wait: Duration::from_secs(15 * 60),
            download_images: true,
            wayback: Url::parse(DEFAULT_WAYBACK_BASE).ok(),
        }
    }
}

impl QueueSettings {
    /// The defaults, with the Wayback Machine's address from `CUTTINGS_WAYBACK_URL` when set (`off` not to ask
    /// it): the one place both front ends read it.
    pub fn from_env() -> QueueSettings {
        let mut settings = QueueSettings::default();
        if let Ok(value) = std::env::var("CUTTINGS_WAYBACK_URL") {
            settings.wayback = match value.trim() {
                "" | "off" => None,
                base => Url::parse(base).ok(),
            };
        }
        settings
    }
}

/// Why the queue could not be worked.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The worker lock's file could not be made.
    #[error("taking the queue's lock beside the library: {0}")]
    Lock(std::io::Error),
    #[error(transparent)]
    Clip(#[from] ClipError),
}

impl QueueError {
    /// A stable identifier for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            QueueError::Store(error) => error.code(),
            QueueError::Lock(_) => "io",
            QueueError::Clip(error) => error.code(),
        }
    }
}

/// Until when a worker works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunScope {
    /// Until no job of this batch (of any batch, for `None`) is queued or running.
    UntilDone(Option<QueueBatchId>),
    /// Until stopped (the desktop app), waiting for new jobs when there are none.
    Forever,
}

/// Stops, pauses and wakes a running worker from another task or thread.
#[derive(Debug, Default)]
pub struct RunControl {
    stop: AtomicBool,
    paused: AtomicBool,
    wake: Notify,
}

impl RunControl {
    /// Stops the worker: the jobs under way are abandoned and go back to the queue, untouched.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Pauses (no job is started; those under way finish) or resumes the worker.
    pub fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Whether the worker is paused.
    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Tells the worker that jobs were queued (so that it need not wait for its next look).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// What the worker reports as it goes.
#[derive(Debug, Clone)]
pub enum QueueEvent {
    /// A job started (its try count already counts this try).
    Started(QueueJob),
    /// A try ended: the job as it now stands (done, duplicate, failed, or queued again for a later try).
    Finished(QueueJob),
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub saved: u64,
    pub duplicates: u64,
    pub failed: u64,
    /// Tries that failed and were queued again.
    pub retried: u64,
    /// Whether the run was stopped before its jobs were done.
    pub stopped: bool,
}

/// The outcome of one try, made on the job's own task.
enum TryOutcome {
    Clipped { prepared: Box<PreparedClipping>, images: Vec<NewImage>, note: Option<String> },
    Failed { error: ClipError, decision: Decision, archived_copy: Option<ArchivedCopy> },
}

/// The one worker of a library's queue.
pub struct QueueWorker {
    library: Library,
    fetcher: Fetcher,
    settings: QueueSettings,
    _lock: lock::WorkerLock,
}

impl QueueWorker {
    /// Becomes the worker of the queue of the library at `path`, opening it, and puts back jobs a dead worker
    /// left running; `Ok(None)` when another program's worker is working it (the caller can watch the counts).
    pub fn take(path: &Path, fetcher: Fetcher, settings: QueueSettings) -> Result<Option<QueueWorker>, QueueError> {
        let Some(lock) = lock::WorkerLock::try_take(path).map_err(QueueError::Lock)? else { return Ok(None) };
        let mut library = Library::open(path)?;
        library.requeue_running()?;
        Ok(Some(QueueWorker { library, fetcher, settings, _lock: lock }))
    }

    /// The library the worker works on.
    pub fn library(&mut self) -> &mut Library {
        &mut self.library
    }

    /// Works the queue until `scope` is done or `control` stops it, reporting each start and end to `on_event`.
    pub async fn run(
        &mut self,
        scope: RunScope,
        control: &RunControl,
        on_event: &mut (dyn FnMut(QueueEvent) + Send),
    ) -> Result<RunSummary, QueueError> {
        let mut summary = RunSummary::default();
        let mut hosts = hosts::HostSchedule::new(self.settings.per_host_interval);
        let mut tasks: JoinSet<TryOutcome> = JoinSet::new();
        let mut running: HashMap<tokio::task::Id, QueueJob> = HashMap::new();
        let cancel = Arc::new(AtomicBool::new(false));
        loop {
            if control.stopped() {
                cancel.store(true, Ordering::SeqCst);
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                self.library.requeue_running()?;
                summary.stopped = true;
                return Ok(summary);
            }

            // 1. Start what may start.
            if !control.is_paused() {
                while tasks.len() < self.settings.concurrency.max(1) {
                    let now = Instant::now();
                    let blocked = hosts.blocked(now);
                    let free = self.settings.concurrency.max(1) - tasks.len();
                    let due = self.library.due_jobs(&timestamp(time::OffsetDateTime::now_utc()), &blocked, free)?;
                    if due.is_empty() {
                        break;
                    }
                    for job in due {
                        if !self.library.start_job(job.id)? {
                            continue;
                        }
                        let job = self.library.queue_job(job.id)?;
                        hosts.start(&job.host, now);
                        on_event(QueueEvent::Started(job.clone()));
                        let content = if job.has_content { self.library.job_content(job.id)? } else { None };
                        let (fetcher, settings, cancel) = (self.fetcher.clone(), self.settings.clone(), cancel.clone());
                        let task_job = job.clone();
                        let task =
                            tasks.spawn(async move { try_job(&fetcher, &settings, &task_job, content, cancel).await });
                        running.insert(task.id(), job);
                    }
                }
            }

            // 2. Done?
            if tasks.is_empty()
                && let RunScope::UntilDone(batch) = scope
                && self.library.queue_counts(batch)?.pending() == 0
            {
                return Ok(summary);
            }

            // 3. Wait for a try to end, a host or a job to become due, new jobs, or a stop.
            let wait = self.next_look(&hosts)?;
            tokio::select! {
                Some(joined) = tasks.join_next_with_id(), if !tasks.is_empty() => {
                    let (id, outcome) = match joined {
                        Ok((id, outcome)) => (id, Ok(outcome)),
                        Err(error) => (error.id(), Err(error)),
                    };
                    let Some(job) = running.remove(&id) else { continue };
                    let finished = match outcome {
                        Ok(outcome) => self.record(&job, outcome, &mut hosts, &mut summary)?,
                        // Aborted tasks only come back after a stop, handled above. A panic is a bug in Cuttings, not
                        // the page's fault: the job fails saying so rather than taking the worker down.
                        Err(error) => {
                            hosts.finish(&job.host, Instant::now(), None);
                            summary.failed += 1;
                            let failure = JobFailure {
                                code: "internal".into(),
                                message: format!("Cuttings failed on this page (please report it): {error}"),
                                retry_at: None,
                                archived_copy: None,
                            };
                            self.library.fail_job(job.id, &failure)?;
                            self.library.queue_job(job.id)?
                        }
                    };
                    on_event(QueueEvent::Finished(finished));
                }
                () = tokio::time::sleep(wait) => {}
                () = control.wake.notified() => {}
            }
        }
    }

    /// How long to wait before looking at the queue again: until the next host or job is due, at most a second
    /// (another program may queue jobs).
    fn next_look(&self, hosts: &hosts::HostSchedule) -> Result<Duration, QueueError> {
        let now = Instant::now();
        let mut wait = Duration::from_secs(1);
        if let Some(ready) = hosts.next_ready(now) {
            wait = wait.min(ready.saturating_duration_since(now));
        }
        if let Some(due) = self.library.next_due_time()?
            && let Ok(due) = time::OffsetDateTime::parse(&due, &time::format_description::well_known::Rfc3339)
        {
            let left = due - time::OffsetDateTime::now_utc();
            wait = wait.min(Duration::try_from(left).unwrap_or(Duration::ZERO));
        }
        Ok(wait.max(Duration::from_millis(5)))
    }

    /// Stage 3: saves what a try made, or records its failure; returns the job as it now stands.
    fn record(
        &mut self,
        job: &QueueJob,
        outcome: TryOutcome,
        hosts: &mut hosts::HostSchedule,
        summary: &mut RunSummary,
    ) -> Result<QueueJob, QueueError> {
        let now = Instant::now();
        match outcome {
            TryOutcome::Clipped { prepared, images, note } => {
                hosts.finish(&job.host, now, None);
                let note = [job.note.clone(), note].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
                let filing = Filing {
                    folder: job.folder,
                    tags: job.tags.clone(),
                    note: Some(note).filter(|n| !n.trim().is_empty()),
                    allow_duplicate: false,
                    saved_at: job.saved_at.clone(),
                };
                let mut new = prepared.into_new_clipping(filing);
                // Filed under the address queued (the Wayback copy's page is the original page).
                new.url = job.url.clone();
                match self.library.finish_job(job.id, new, &images)? {
                    AddOutcome::Added(_) => summary.saved += 1,
                    AddOutcome::Duplicate { .. } => summary.duplicates += 1,
                }
            }
            TryOutcome::Failed { error, decision, archived_copy } => {
                let (retry_at, hold) = match decision {
                    Decision::Retry { after, hold_host } => {
                        let at = time::OffsetDateTime::now_utc() + after;
                        (Some(timestamp(at)), hold_host.then_some(after))
                    }
                    Decision::GiveUp { .. } => (None, None),
                };
                hosts.finish(&job.host, now, hold);
                if retry_at.is_some() {
                    summary.retried += 1;
                } else {
                    summary.failed += 1;
                }
                let failure = JobFailure {
                    code: error.code().to_string(),
                    message: error.to_string(),
                    retry_at,
                    archived_copy: archived_copy.map(|c| c.url),
                };
                self.library.fail_job(job.id, &failure)?;
            }
        }
        Ok(self.library.queue_job(job.id)?)
    }
}

/// Stage 2: one try at a job, on its own task: the article (fetched, from the export, or from the Wayback
/// Machine's copy) and its images, or the failure and what to do about it.
async fn try_job(
    fetcher: &Fetcher,
    settings: &QueueSettings,
    job: &QueueJob,
    content: Option<String>,
    cancel: Arc<AtomicBool>,
) -> TryOutcome {
    let mut note = None;
    let prepared = match (&content, &job.archived_copy) {
        (_, Some(copy)) if job.use_archived_copy => {
            let copy = ArchivedCopy { url: copy.clone() };
            note = Some(copy.note());
            clip::prepare_link(fetcher, &copy.url, cancel)
                .await
                .map(|p| PreparedClipping { source: crate::store::ClipSource::Web, ..p })
        }
        (Some(html), _) => {
            let exported = ExportedArticle {
                url: job.url.clone(),
                html: html.clone(),
                title: job.title.clone(),
                author: job.author.clone(),
                published: job.published.clone(),
            };
            match tokio::task::spawn_blocking(move || clip::prepare_exported(exported, cancel)).await {
                Ok(prepared) => prepared,
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            }
        }
        (None, _) => clip::prepare_listed(fetcher, &job.url, cancel).await,
    };
    let mut prepared = match prepared {
        Ok(prepared) => prepared,
        Err(error) => {
            let decision = decide(&error, job.tries, settings);
            let archived_copy = match (decision, &settings.wayback) {
                (Decision::GiveUp { gone: true }, Some(base)) => wayback::find_copy(fetcher, base, &job.url).await,
                _ => None,
            };
            return TryOutcome::Failed { error, decision, archived_copy };
        }
    };
    if prepared.article.title.trim().is_empty()
        && let Some(title) = job.title.as_deref().filter(|t| !t.trim().is_empty())
    {
        prepared.article.title = title.trim().to_string();
    }
    let images = if settings.download_images {
        prepared.download_images(fetcher, &ImageLimits::default(), &|_, _| {}).await
    } else {
        Vec::new()
    };
    TryOutcome::Clipped { prepared: Box::new(prepared), images, note }
}
