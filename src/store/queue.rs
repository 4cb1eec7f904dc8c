//! The clipping queue's jobs in the library: what is to be clipped, what is under way and how each job ended.
//!
//! The queue lives in the library file so that it survives quitting and `kill -9`: a job is saved with its filing
//! when it is queued ([`Library::enqueue`]), claimed when a worker starts it ([`Library::start_job`]), and finished
//! in the **same transaction** that saves its clipping ([`Library::finish_job`]): a killed worker leaves either a
//! saved clipping and a finished job, or neither. Jobs left `running` by a worker that died go back to the queue
//! when the next worker starts ([`Library::requeue_running`]; only one worker runs at a time, see
//! `crate::queue`). An address is never clipped twice: one already in the library is reported as a duplicate when
//! queued, one already waiting in the queue is not queued again, and saving checks once more.
//!
//! The rules of when to retry, how long to wait and what to fetch are the worker's (`crate::queue`); this module
//! only records them.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{AddOutcome, ClippingId, FolderId, Library, NewClipping, NewImage, StoreError, clippings, now, url_key};

/// A batch of jobs: one request to clip many addresses (a pasted list, an import).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueueBatchId(pub i64);

/// One address in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueueJobId(pub i64);

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    /// Waiting (possibly until `not_before`, after a failed try).
    Queued,
    /// A worker is clipping it.
    Running,
    /// Saved as a clipping.
    Done,
    /// The address was already in the library: nothing saved.
    Duplicate,
    /// Could not be clipped; the error says why.
    Failed,
    /// The user cancelled it before it ran.
    Cancelled,
}

impl JobState {
    /// Every state.
    pub const ALL: [JobState; 6] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Duplicate,
        JobState::Failed,
        JobState::Cancelled,
    ];

    /// The stable name stored in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Duplicate => "duplicate",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    /// The state with this stable name.
    pub fn from_name(name: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the job still has to run (queued or running).
    pub fn is_pending(self) -> bool {
        matches!(self, JobState::Queued | JobState::Running)
    }
}

/// A passage highlighted in another service, to highlight in the clipping once it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobHighlight {
    /// The passage as the export gives it.
    pub quote: String,
    /// The user's comment on it.
    pub comment: Option<String>,
}

/// An address to queue, with everything known about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewJob {
    /// The address to clip.
    pub url: String,
    /// Folder to file the clipping in; `None` for the Inbox.
    pub folder: Option<FolderId>,
    /// Folders under `folder` to file it in, outermost first, made when it is queued if missing (an import's own
    /// folders: each name is one folder).
    pub subfolders: Vec<String>,
    /// Tags to give it, as typed (cleaned when the clipping is saved).
    pub tags: Vec<String>,
    /// A first note (Markdown).
    pub note: Option<String>,
    /// The time the user saved it elsewhere (RFC 3339), kept as the clipping's saved time.
    pub saved_at: Option<String>,
    /// The title an export gave it (used when the page gives none).
    pub title: Option<String>,
    /// The author an export gave it.
    pub author: Option<String>,
    /// The publication date an export gave it.
    pub published: Option<String>,
    /// The article as an export held it (HTML): then the page is not fetched.
    pub content_html: Option<String>,
    /// Passages highlighted in the other service: highlighted in the clipping where its text has them, kept as a
    /// note where it does not.
    pub highlights: Vec<JobHighlight>,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueJob {
    pub id: QueueJobId,
    pub batch: QueueBatchId,
    pub url: String,
    /// The host its politeness is counted on.
    pub host: String,
    pub state: JobState,
    /// How many times a worker started it.
    pub tries: u32,
    /// Not to be tried before this time (RFC 3339), after a failed try.
    pub not_before: Option<String>,
    pub folder: Option<FolderId>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub saved_at: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// Whether the export held the article (then it is not fetched).
    pub has_content: bool,
    /// Passages highlighted in the other service.
    pub highlights: Vec<JobHighlight>,
    /// The code of the last failure (a clip error's code).
    pub error_code: Option<String>,
    /// The last failure in words.
    pub error_message: Option<String>,
    /// For a gone page: the address of its copy in the Wayback Machine, when one was found.
    pub archived_copy: Option<String>,
    /// Whether the next try clips `archived_copy` instead of the address.
    pub use_archived_copy: bool,
    /// The clipping it made (done), or the one already in the library (duplicate).
    pub clipping: Option<ClippingId>,
    pub modified_at: String,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub queued: u64,
    pub running: u64,
    pub done: u64,
    pub duplicate: u64,
    pub failed: u64,
    pub cancelled: u64,
}

impl QueueCounts {
    /// Jobs still to run.
    pub fn pending(&self) -> u64 {
        self.queued + self.running
    }

    /// Every job counted.
    pub fn total(&self) -> u64 {
        self.pending() + self.done + self.duplicate + self.failed + self.cancelled
    }
}

/// What queueing a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnqueueReport {
    pub batch: Option<QueueBatchId>,
    /// Jobs queued to run.
    pub queued: u64,
    /// Addresses already in the library: recorded as duplicates, not fetched. Each with the clipping it is.
    pub already_in_library: Vec<(String, ClippingId)>,
    /// Addresses already waiting in the queue (or twice in this batch): not queued again.
    pub already_queued: u64,
    /// The folders made for the jobs' subfolders, as paths.
    pub created_folders: Vec<String>,
}

/// Which jobs a listing or an action takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobFilter {
    /// Only this batch.
    pub batch: Option<QueueBatchId>,
    /// Only these states (all when empty).
    pub states: Vec<JobState>,
    /// Only these jobs (all when empty).
    pub ids: Vec<QueueJobId>,
}

/// How a try ended, for [`Library::fail_job`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailure {
    /// The clip error's code.
    pub code: String,
    /// The error in words.
    pub message: String,
    /// `Some(time)` (RFC 3339) to try again then; `None`: the job has failed for good.
    pub retry_at: Option<String>,
    /// A copy of the gone page in the Wayback Machine, when one was found.
    pub archived_copy: Option<String>,
}

const JOB_COLUMNS: &str =
    "id, batch_id, url, host, state, tries, not_before, folder_id, tags, note, saved_at, title, author,
    published, content_html IS NOT NULL, error_code, error_message, archived_copy, use_archived_copy, clipping_id,
    modified_at, highlights";

fn job_from_row(r: &Row<'_>) -> rusqlite::Result<QueueJob> {
    let state: String = r.get(4)?;
    let tags: String = r.get(8)?;
    Ok(QueueJob {
        id: QueueJobId(r.get(0)?),
        batch: QueueBatchId(r.get(1)?),
        url: r.get(2)?,
        host: r.get(3)?,
        // The CHECK constraint holds the names to the list; an unknown one reads as failed rather than panicking.
        state: JobState::from_name(&state).unwrap_or(JobState::Failed),
        tries: r.get(5)?,
        not_before: r.get(6)?,
        folder: r.get::<_, Option<i64>>(7)?.map(FolderId),
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        note: r.get(9)?,
        saved_at: r.get(10)?,
        title: r.get(11)?,
        author: r.get(12)?,
        published: r.get(13)?,
        has_content: r.get(14)?,
        error_code: r.get(15)?,
        error_message: r.get(16)?,
        archived_copy: r.get(17)?,
        use_archived_copy: r.get(18)?,
        clipping: r.get::<_, Option<i64>>(19)?.map(ClippingId),
        modified_at: r.get(20)?,
        highlights: serde_json::from_str(&r.get::<_, String>(21)?).unwrap_or_default(),
    })
}

/// The SQL condition and parameters of a filter (parameters numbered from 1).
fn filter_sql(filter: &JobFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut conditions = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    if let Some(batch) = filter.batch {
        values.push(Value::Integer(batch.0));
        conditions.push(format!("batch_id = ?{}", values.len()));
    }
    if !filter.states.is_empty() {
        let names: Vec<String> = filter.states.iter().map(|s| format!("'{}'", s.as_str())).collect();
        conditions.push(format!("state IN ({})", names.join(", ")));
    }
    if !filter.ids.is_empty() {
        let ids: Vec<String> = filter.ids.iter().map(|id| id.0.to_string()).collect();
        conditions.push(format!("id IN ({})", ids.join(", ")));
    }
    (conditions.join(" AND "), values)
}

fn pending_job_with_key(conn: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM queue_jobs WHERE url_key = ?1 AND state IN ('queued', 'running') LIMIT 1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

impl Library {
    /// Queues `jobs` as one batch labelled `label` (shown in the queue panel), in one transaction. An address
    /// already in the library is recorded as a duplicate (its note, if new, and its highlights are added to the
    /// clipping there, so that an import's highlights are not lost); one already waiting in the queue, or twice in `jobs`, is queued
    /// once. A folder that is no longer live fails the whole batch ([`StoreError::NotFound`]).
    pub fn enqueue(&mut self, label: &str, jobs: &[NewJob]) -> Result<EnqueueReport, StoreError> {
        let tx = self.write()?;
        let now = now();
        let mut report = EnqueueReport::default();
        if jobs.is_empty() {
            return Ok(report);
        }
        tx.execute(
            "INSERT INTO queue_batches (label, created_at, modified_at) VALUES (?1, ?2, ?2)",
            params![label.trim(), now],
        )?;
        let batch = tx.last_insert_rowid();
        report.batch = Some(QueueBatchId(batch));
        let mut folders: std::collections::HashMap<(Option<FolderId>, &[String]), Option<FolderId>> =
            std::collections::HashMap::new();
        for job in jobs {
            if let Some(folder) = job.folder {
                super::require_live_folder(&tx, folder)?;
            }
            let folder = match folders.get(&(job.folder, job.subfolders.as_slice())) {
                Some(folder) => *folder,
                None => {
                    let made = super::folders::ensure_names(
                        &tx,
                        job.folder,
                        &job.subfolders,
                        &now,
                        &mut report.created_folders,
                    )?;
                    folders.insert((job.folder, job.subfolders.as_slice()), made);
                    made
                }
            };
            let url = job.url.trim();
            let key = url_key::normalise(url);
            let host = url_key::host(url).unwrap_or_default();
            let existing = clippings::find_duplicate(&tx, &key, None)?;
            if existing.is_none() && pending_job_with_key(&tx, &key)?.is_some() {
                report.already_queued += 1;
                continue;
            }
            let state = if existing.is_some() { JobState::Duplicate } else { JobState::Queued };
            tx.prepare_cached(
                "INSERT INTO queue_jobs (batch_id, url, url_key, host, folder_id, tags, note, saved_at, title, author,
                    published, content_html, state, clipping_id, created_at, modified_at, highlights)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
            )?
            .execute(params![
                batch,
                url,
                key,
                host,
                folder.map(|f| f.0),
                serde_json::to_string(&job.tags).unwrap_or_else(|_| "[]".into()),
                job.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
                job.saved_at,
                job.title,
                job.author,
                job.published,
                job.content_html,
                state.as_str(),
                existing,
                now,
                serde_json::to_string(&job.highlights).unwrap_or_else(|_| "[]".into()),
            ])?;
            match existing {
                Some(clipping) => {
                    if let Some(note) = job.note.as_deref().map(str::trim).filter(|n| !n.is_empty())
                        && !super::notes::has_note(&tx, clipping, note)?
                    {
                        super::notes::insert(&tx, clipping, note, &now)?;
                    }
                    super::highlights::import(&tx, clipping, &job.highlights, &now)?;
                    super::fts::refresh(&tx, clipping)?;
                    report.already_in_library.push((url.to_string(), ClippingId(clipping)));
                }
                None => report.queued += 1,
            }
        }
        tx.commit()?;
        Ok(report)
    }

    /// Whether `url` is already in the library (as a live clipping) or waiting in the queue; for previews.
    pub fn is_known_address(&self, url: &str) -> Result<bool, StoreError> {
        let key = url_key::normalise(url);
        Ok(clippings::find_duplicate(&self.conn, &key, None)?.is_some()
            || pending_job_with_key(&self.conn, &key)?.is_some())
    }

    /// The next job due on each host not in `busy_hosts`, oldest first, at most `limit`: the candidates a worker
    /// chooses from (`now` is RFC 3339 UTC).
    pub fn due_jobs(&self, now: &str, busy_hosts: &[String], limit: usize) -> Result<Vec<QueueJob>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {JOB_COLUMNS} FROM queue_jobs WHERE id IN (
                SELECT min(id) FROM queue_jobs WHERE state = 'queued' AND (not_before IS NULL OR not_before <= ?1)
                GROUP BY host)
             ORDER BY id"
        ))?;
        let jobs = stmt.query_map([now], job_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(jobs.into_iter().filter(|j| !busy_hosts.contains(&j.host)).take(limit).collect())
    }

    /// The earliest `not_before` of a queued job, when every queued job waits; `None` when one is due now or none
    /// is queued. Tells a worker how long it may sleep.
    pub fn next_due_time(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT CASE WHEN count(*) = count(not_before) THEN min(not_before) END
                 FROM queue_jobs WHERE state = 'queued'",
            )?
            .query_row([], |r| r.get(0))?)
    }

    /// Claims a queued job for a worker: `running`, one more try. False when it is no longer queued (cancelled, or
    /// taken by another worker).
    pub fn start_job(&mut self, id: QueueJobId) -> Result<bool, StoreError> {
        let tx = self.write()?;
        let changed = tx.execute(
            "UPDATE queue_jobs SET state = 'running', tries = tries + 1, modified_at = ?2
             WHERE id = ?1 AND state = 'queued'",
            params![id.0, now()],
        )?;
        tx.commit()?;
        Ok(changed == 1)
    }

    /// Saves the clipping a job made and finishes the job, in one transaction: `done` with its clipping, or
    /// `duplicate` when the page (by its final or canonical address) is already in the library. A clipping whose
    /// folder went to the trash while it waited is filed in the Inbox rather than lost.
    pub fn finish_job(
        &mut self,
        id: QueueJobId,
        mut new: NewClipping,
        images: &[NewImage],
    ) -> Result<AddOutcome, StoreError> {
        let files = self.files_folder();
        super::images::write_files(&files, images)?;
        let tx = self.write()?;
        let running: Option<String> =
            tx.query_row("SELECT state FROM queue_jobs WHERE id = ?1", [id.0], |r| r.get(0)).optional()?;
        if running.as_deref() != Some("running") {
            return Err(StoreError::NotFound { what: "running queue job", id: id.0 });
        }
        if let Some(folder) = new.folder
            && super::require_live_folder(&tx, folder).is_err()
        {
            new.folder = None;
        }
        let now = now();
        let outcome = clippings::insert(&tx, &new, &now)?;
        let (state, clipping) = match &outcome {
            AddOutcome::Added(clipping) => {
                super::images::record_images(&tx, &files, clipping.0, images, &now)?;
                let highlights: String =
                    tx.query_row("SELECT highlights FROM queue_jobs WHERE id = ?1", [id.0], |r| r.get(0))?;
                let highlights: Vec<JobHighlight> = serde_json::from_str(&highlights).unwrap_or_default();
                if !highlights.is_empty() {
                    super::highlights::import(&tx, clipping.0, &highlights, &now)?;
                    super::fts::refresh(&tx, clipping.0)?;
                }
                (JobState::Done, clipping.0)
            }
            AddOutcome::Duplicate { existing } => (JobState::Duplicate, existing.id.0),
        };
        tx.execute(
            "UPDATE queue_jobs SET state = ?2, clipping_id = ?3, not_before = NULL, modified_at = ?4 WHERE id = ?1",
            params![id.0, state.as_str(), clipping, now],
        )?;
        super::merging::after_saving(&tx, 1)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Records a failed try: back to the queue until `retry_at`, or failed for good.
    pub fn fail_job(&mut self, id: QueueJobId, failure: &JobFailure) -> Result<(), StoreError> {
        let tx = self.write()?;
        let state = if failure.retry_at.is_some() { JobState::Queued } else { JobState::Failed };
        tx.execute(
            "UPDATE queue_jobs SET state = ?2, not_before = ?3, error_code = ?4, error_message = ?5,
                archived_copy = coalesce(?6, archived_copy), use_archived_copy = 0, modified_at = ?7
             WHERE id = ?1 AND state = 'running'",
            params![
                id.0,
                state.as_str(),
                failure.retry_at,
                failure.code,
                failure.message,
                failure.archived_copy,
                now()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts jobs left `running` back in the queue (their worker was stopped or killed), keeping their tries.
    /// Only a worker that holds the queue's lock may call it (`crate::queue`). Returns how many.
    pub fn requeue_running(&mut self) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let changed =
            tx.execute("UPDATE queue_jobs SET state = 'queued', modified_at = ?1 WHERE state = 'running'", [now()])?;
        tx.commit()?;
        Ok(changed)
    }

    /// Queues failed jobs again from their first try (`filter` narrows which; its states are ignored). With
    /// `archived_copy`, only the failed jobs with a copy in the Wayback Machine, which the next try clips instead.
    /// Returns how many.
    pub fn retry_jobs(&mut self, filter: &JobFilter, archived_copy: bool) -> Result<usize, StoreError> {
        let narrowed = JobFilter { states: vec![JobState::Failed], ..filter.clone() };
        let (condition, values) = filter_sql(&narrowed);
        let copy = if archived_copy { " AND archived_copy IS NOT NULL" } else { "" };
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE queue_jobs SET state = 'queued', tries = 0, not_before = NULL, use_archived_copy = {},
                    modified_at = '{}' WHERE {condition}{copy}",
                i32::from(archived_copy),
                now()
            ),
            rusqlite::params_from_iter(values),
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Cancels queued jobs (`filter` narrows which; its states are ignored). A job already running finishes.
    /// Returns how many.
    pub fn cancel_jobs(&mut self, filter: &JobFilter) -> Result<usize, StoreError> {
        let narrowed = JobFilter { states: vec![JobState::Queued], ..filter.clone() };
        let (condition, values) = filter_sql(&narrowed);
        let tx = self.write()?;
        let changed = tx.execute(
            &format!("UPDATE queue_jobs SET state = 'cancelled', modified_at = '{}' WHERE {condition}", now()),
            rusqlite::params_from_iter(values),
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Forgets finished jobs (done, duplicate, cancelled; failed ones too when `failed`), and batches left
    /// empty. The clippings stay. Returns how many jobs.
    pub fn clear_finished_jobs(&mut self, failed: bool) -> Result<usize, StoreError> {
        let states =
            if failed { "'done', 'duplicate', 'cancelled', 'failed'" } else { "'done', 'duplicate', 'cancelled'" };
        let tx = self.write()?;
        let changed = tx.execute(&format!("DELETE FROM queue_jobs WHERE state IN ({states})"), [])?;
        tx.execute("DELETE FROM queue_batches WHERE id NOT IN (SELECT batch_id FROM queue_jobs)", [])?;
        tx.commit()?;
        Ok(changed)
    }

    /// The jobs `filter` takes, oldest first, at most `limit`.
    pub fn queue_jobs(&self, filter: &JobFilter, limit: usize) -> Result<Vec<QueueJob>, StoreError> {
        let (condition, values) = filter_sql(filter);
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {JOB_COLUMNS} FROM queue_jobs WHERE {condition} ORDER BY id LIMIT {limit}"))?;
        let jobs = stmt.query_map(rusqlite::params_from_iter(values), job_from_row)?.collect::<Result<_, _>>()?;
        Ok(jobs)
    }

    /// One job.
    pub fn queue_job(&self, id: QueueJobId) -> Result<QueueJob, StoreError> {
        let filter = JobFilter { ids: vec![id], ..JobFilter::default() };
        self.queue_jobs(&filter, 1)?.pop().ok_or(StoreError::NotFound { what: "queue job", id: id.0 })
    }

    /// The article an export held for a job, if any.
    pub fn job_content(&self, id: QueueJobId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT content_html FROM queue_jobs WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// How many jobs are in each state (of one batch, or of all).
    pub fn queue_counts(&self, batch: Option<QueueBatchId>) -> Result<QueueCounts, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT state, count(*) FROM queue_jobs WHERE ?1 IS NULL OR batch_id = ?1 GROUP BY state",
        )?;
        let mut counts = QueueCounts::default();
        let rows = stmt.query_map([batch.map(|b| b.0)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            let n = n.max(0) as u64;
            match JobState::from_name(&state) {
                Some(JobState::Queued) => counts.queued = n,
                Some(JobState::Running) => counts.running = n,
                Some(JobState::Done) => counts.done = n,
                Some(JobState::Duplicate) => counts.duplicate = n,
                Some(JobState::Failed) => counts.failed = n,
                Some(JobState::Cancelled) | None => counts.cancelled += n,
            }
        }
        Ok(counts)
    }
}
