//! Many clippings at once: `cuttings add URL URL…` and `add --from-file`, `cuttings import`, and `cuttings queue`
//! (`run`, `ls`, `retry`, `cancel`, `clear`). Everything goes through the library's durable queue
//! ([`cuttings::queue`]): the commands that add jobs then work them in the foreground until their own jobs are done,
//! with a progress line; Ctrl+C leaves the rest queued and says how to go on. When another program (the app) is
//! working the queue, they watch it do their jobs instead.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use cuttings::fetch::Fetcher;
use cuttings::import::{ImportFormat, read_export_file};
use cuttings::queue::{
    ImportOptions, ListFiling, QueueEvent, QueueSettings, QueueWorker, ReadAs, RunControl, RunScope, addresses_in,
    jobs_for_addresses, plan_import,
};
use cuttings::store::{EnqueueReport, JobFilter, JobState, Library, QueueBatchId, QueueCounts, QueueJob, QueueJobId};
use serde::Serialize;

use crate::folder_cmd::{FolderArg, say_created};
use crate::{LibraryPath, print};

/// What `cuttings add` was given beyond one address or file: the addresses and their filing.
pub struct AddMany {
    pub sources: Vec<String>,
    pub from_file: Option<String>,
    pub folder: Option<FolderArg>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub no_images: bool,
    pub json: bool,
}

/// `cuttings add URL URL…` / `--from-file LIST`: queue the addresses and clip them in the foreground.
pub fn add_many(library_path: &LibraryPath, args: AddMany) -> anyhow::Result<()> {
    let mut text = args.sources.join("\n");
    if let Some(list) = &args.from_file {
        text.push('\n');
        text.push_str(&read_list(list)?);
    }
    for source in &args.sources {
        if addresses_in(source).is_empty() {
            bail!("{source} is not a web address; saved pages are added one at a time (cuttings add FILE)");
        }
    }
    let addresses = addresses_in(&text);
    if addresses.is_empty() {
        bail!("no web address found in {}", args.from_file.as_deref().unwrap_or("the arguments"));
    }
    let mut library = library_path.open()?;
    let filing = ListFiling { folder: args.folder.as_ref().map(ToString::to_string), tags: args.tags, note: args.note };
    let jobs = jobs_for_addresses(&addresses, &filing);
    let label = match &args.from_file {
        Some(list) if list != "-" => format!("{} addresses from {list}", addresses.len()),
        _ => format!("{} addresses", addresses.len()),
    };
    let report = library.enqueue(&label, &jobs)?;
    drop(library);
    announce(&report, args.json);
    let settings = QueueSettings { download_images: !args.no_images, ..QueueSettings::from_env() };
    work_in_foreground(library_path, report.batch, settings, args.json)
}

/// Reads a list of addresses from a file, or standard input for `-`.
fn read_list(list: &str) -> anyhow::Result<String> {
    if list == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading the addresses from standard input")?;
        return Ok(text);
    }
    let bytes = std::fs::read(list).with_context(|| format!("reading {list}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Says what queueing did: folders made, addresses already in the library or in the queue.
fn announce(report: &EnqueueReport, json: bool) {
    if json {
        return;
    }
    say_created(&report.created_folders);
    for (url, id) in &report.already_in_library {
        println!("already in the library as #{}: {url}", id.0);
    }
    if report.already_queued > 0 {
        println!("{} already waiting in the queue", report.already_queued);
    }
}

/// Arguments of `cuttings import`.
#[derive(Args)]
pub struct ImportArgs {
    /// Where the export comes from
    #[arg(value_enum)]
    pub format: FormatArg,
    /// The export file: Pocket's .zip, ril_export.html or annotations JSON; Omnivore's .zip; Instapaper's .csv;
    /// wallabag's .json; a bookmarks .html
    pub file: PathBuf,
    /// Folder to import into, as a path such as "Imported/Pocket" (missing folders are created) [default: the
    /// Inbox; the export's own folders are made at the top]
    #[arg(long)]
    pub folder: Option<FolderArg>,
    /// What items read or archived there become: tag:NAME, folder:PATH or none
    #[arg(long, default_value = "tag:read", value_parser = parse_read_as)]
    pub read_as: ReadAs,
    /// Show what would come in, and import nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not download the articles' images
    #[arg(long)]
    pub no_images: bool,
    /// Print the preview (and the result) as JSON
    #[arg(long)]
    pub json: bool,
}

/// The services `cuttings import` reads.
#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Pocket,
    Omnivore,
    Instapaper,
    Wallabag,
    Bookmarks,
}

impl From<FormatArg> for ImportFormat {
    fn from(format: FormatArg) -> ImportFormat {
        match format {
            FormatArg::Pocket => ImportFormat::Pocket,
            FormatArg::Omnivore => ImportFormat::Omnivore,
            FormatArg::Instapaper => ImportFormat::Instapaper,
            FormatArg::Wallabag => ImportFormat::Wallabag,
            FormatArg::Bookmarks => ImportFormat::Bookmarks,
        }
    }
}

fn parse_read_as(text: &str) -> Result<ReadAs, String> {
    match text.split_once(':') {
        Some(("tag", tag)) if !tag.trim().is_empty() => Ok(ReadAs::Tag(tag.trim().to_string())),
        Some(("folder", path)) if !path.trim().is_empty() => Ok(ReadAs::Folder(path.trim().to_string())),
        None if text == "none" => Ok(ReadAs::Nothing),
        _ => Err(format!("{text:?}: write tag:NAME, folder:PATH or none")),
    }
}

/// The preview, as `--json` prints it.
#[derive(Serialize)]
struct PreviewJson<'a> {
    format: &'a str,
    file: &'a str,
    items: usize,
    with_content: usize,
    already_present: usize,
    folders: &'a [String],
    tags: &'a [String],
    highlights: usize,
    skipped_not_web: usize,
    dry_run: bool,
}

/// `cuttings import FORMAT FILE`: read the whole export (a malformed one imports nothing), preview it, queue it in
/// one transaction, and clip it in the foreground.
pub fn import(library_path: &LibraryPath, args: ImportArgs) -> anyhow::Result<()> {
    let format = ImportFormat::from(args.format);
    let file = read_export_file(format, &args.file)?;
    let mut library = library_path.open()?;
    let options = ImportOptions { folder: args.folder.as_ref().map(ToString::to_string), read_as: args.read_as };
    let shown = args.file.display().to_string();
    // The batch is labelled with the file's name; errors name the path as given.
    let name = args.file.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let plan = plan_import(&library, format, &name, file, &options)?;
    if args.json {
        print::json(&PreviewJson {
            format: format.as_str(),
            file: &shown,
            items: plan.jobs.len(),
            with_content: plan.with_content,
            already_present: plan.already_present,
            folders: &plan.folders,
            tags: &plan.tags,
            highlights: plan.highlights,
            skipped_not_web: plan.skipped_not_web,
            dry_run: args.dry_run,
        })?;
    } else {
        println!("{}: {} items", plan.label(), plan.jobs.len());
        println!("  with their article in the export (not fetched): {}", plan.with_content);
        println!("  already in the library or the queue: {}", plan.already_present);
        if plan.highlights > 0 {
            println!("  highlights: {}", plan.highlights);
        }
        if plan.skipped_not_web > 0 {
            println!("  left out, not web pages: {}", plan.skipped_not_web);
        }
        if !plan.folders.is_empty() {
            println!("  folders: {}", plan.folders.join(", "));
        }
        if !plan.tags.is_empty() {
            println!("  tags: {}", plan.tags.join(", "));
        }
    }
    if args.dry_run {
        if !args.json {
            println!("nothing imported (--dry-run)");
        }
        return Ok(());
    }
    let report = library.enqueue(&plan.label(), &plan.jobs)?;
    drop(library);
    announce(&report, args.json);
    let settings = QueueSettings { download_images: !args.no_images, ..QueueSettings::from_env() };
    work_in_foreground(library_path, report.batch, settings, args.json)
}

/// The subcommands of `cuttings queue`.
#[derive(Subcommand)]
pub enum QueueCommand {
    /// Clip every queued address now, in the foreground (Ctrl+C stops; the rest stays queued)
    Run {
        /// Do not download the articles' images
        #[arg(long)]
        no_images: bool,
        /// Print the outcome as JSON
        #[arg(long)]
        json: bool,
    },
    /// List the jobs of the queue: waiting, under way, failed…
    Ls {
        /// Only jobs in this state
        #[arg(long, value_enum)]
        state: Vec<StateArg>,
        /// Only the jobs of this batch
        #[arg(long)]
        batch: Option<i64>,
        /// At most this many
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Queue failed jobs again (all, or the ids given); --wayback clips the Wayback Machine's copy of gone pages
    Retry {
        ids: Vec<i64>,
        /// Only the gone pages with a copy in the Wayback Machine, clipping that copy
        #[arg(long)]
        wayback: bool,
    },
    /// Cancel queued jobs (all, or the ids given)
    Cancel { ids: Vec<i64> },
    /// Forget finished jobs (done, duplicates, cancelled; --failed also the failed ones); clippings stay
    Clear {
        #[arg(long)]
        failed: bool,
    },
}

/// A job state as typed.
#[derive(Clone, Copy, ValueEnum)]
pub enum StateArg {
    Queued,
    Running,
    Done,
    Duplicate,
    Failed,
    Cancelled,
}

impl From<StateArg> for JobState {
    fn from(state: StateArg) -> JobState {
        match state {
            StateArg::Queued => JobState::Queued,
            StateArg::Running => JobState::Running,
            StateArg::Done => JobState::Done,
            StateArg::Duplicate => JobState::Duplicate,
            StateArg::Failed => JobState::Failed,
            StateArg::Cancelled => JobState::Cancelled,
        }
    }
}

/// Runs `cuttings queue …`.
pub fn run(library_path: &LibraryPath, command: QueueCommand) -> anyhow::Result<()> {
    match command {
        QueueCommand::Run { no_images, json } => {
            let settings = QueueSettings { download_images: !no_images, ..QueueSettings::from_env() };
            work_in_foreground(library_path, None, settings, json)
        }
        QueueCommand::Ls { state, batch, limit, json } => {
            let library = library_path.open()?;
            let filter = JobFilter {
                batch: batch.map(QueueBatchId),
                states: state.into_iter().map(JobState::from).collect(),
                ids: Vec::new(),
            };
            let jobs = library.queue_jobs(&filter, limit)?;
            if json {
                return print::json(&jobs);
            }
            let counts = library.queue_counts(filter.batch)?;
            println!("{}", counts_line(&counts));
            for job in &jobs {
                println!("{}", job_line(job));
            }
            Ok(())
        }
        QueueCommand::Retry { ids, wayback } => {
            let mut library = library_path.open()?;
            let filter = JobFilter { ids: ids.into_iter().map(QueueJobId).collect(), ..JobFilter::default() };
            let n = library.retry_jobs(&filter, wayback)?;
            let what = if wayback {
                "gone pages queued again, from the Wayback Machine's copy"
            } else {
                "failed jobs queued again"
            };
            println!("{n} {what}; `cuttings queue run` clips them");
            Ok(())
        }
        QueueCommand::Cancel { ids } => {
            let mut library = library_path.open()?;
            let filter = JobFilter { ids: ids.into_iter().map(QueueJobId).collect(), ..JobFilter::default() };
            println!("{} jobs cancelled", library.cancel_jobs(&filter)?);
            Ok(())
        }
        QueueCommand::Clear { failed } => {
            let mut library = library_path.open()?;
            println!("{} finished jobs forgotten", library.clear_finished_jobs(failed)?);
            Ok(())
        }
    }
}

/// `#12  failed  https://…  the server answered 404 Not Found`.
fn job_line(job: &QueueJob) -> String {
    let mut line = format!("#{:<5} {:<9} {}", job.id.0, job.state.as_str(), job.url);
    if job.state == JobState::Queued && job.tries > 0 {
        line.push_str(&format!("  (try {} failed, tries again later)", job.tries));
    }
    if let Some(clipping) = job.clipping {
        line.push_str(&format!("  → #{}", clipping.0));
    }
    if job.state == JobState::Failed
        && let Some(message) = &job.error_message
    {
        line.push_str(&format!("\n        {message}"));
        if job.archived_copy.is_some() {
            line.push_str(&format!(
                "\n        the Wayback Machine has a copy: `cuttings queue retry --wayback {}` clips it",
                job.id.0
            ));
        }
    }
    line
}

fn counts_line(counts: &QueueCounts) -> String {
    format!(
        "{} queued, {} under way, {} saved, {} already in the library, {} failed, {} cancelled",
        counts.queued, counts.running, counts.done, counts.duplicate, counts.failed, counts.cancelled
    )
}

/// What a foreground run prints with `--json`.
#[derive(Serialize)]
struct OutcomeJson {
    batch: Option<QueueBatchId>,
    counts: QueueCounts,
    failed: Vec<QueueJob>,
    stopped: bool,
}

/// Works the queue (the jobs of `batch`, or all) until they are done, or watches another program's worker do
/// them; then prints the outcome and every failure.
fn work_in_foreground(
    library_path: &LibraryPath,
    batch: Option<QueueBatchId>,
    settings: QueueSettings,
    json: bool,
) -> anyhow::Result<()> {
    let path = library_path.path()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the network runtime")?;
    let stopped = runtime.block_on(async {
        let control = Arc::new(RunControl::default());
        let on_ctrl_c = Arc::clone(&control);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                on_ctrl_c.stop();
            }
        });
        let mut progress = Progress::new(!json && std::io::stderr().is_terminal());
        match QueueWorker::take(&path, Fetcher::new()?, settings)? {
            Some(mut worker) => {
                progress.counts = worker.library().queue_counts(batch)?;
                progress.draw();
                let mut on_event = |event: QueueEvent| {
                    if let QueueEvent::Finished(job) = &event
                        && (batch.is_none() || batch == Some(job.batch))
                    {
                        progress.finished(job);
                    }
                };
                let summary = worker.run(RunScope::UntilDone(batch), &control, &mut on_event).await?;
                progress.clear();
                anyhow::Ok(summary.stopped)
            }
            None => {
                if !json {
                    eprintln!("The Cuttings app is clipping the queue; waiting for these addresses (Ctrl+C leaves them to it)…");
                }
                let library = Library::open(&path)?;
                loop {
                    progress.counts = library.queue_counts(batch)?;
                    progress.draw();
                    if progress.counts.pending() == 0 {
                        progress.clear();
                        return Ok(false);
                    }
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_millis(500)) => {}
                        _ = tokio::signal::ctrl_c() => { progress.clear(); return Ok(true); }
                    }
                }
            }
        }
    })?;
    let library = library_path.open()?;
    let counts = library.queue_counts(batch)?;
    let failed = library.queue_jobs(&JobFilter { batch, states: vec![JobState::Failed], ids: Vec::new() }, 10_000)?;
    if json {
        return print::json(&OutcomeJson { batch, counts, failed, stopped });
    }
    println!("saved {}, already in the library {}, failed {}", counts.done, counts.duplicate, counts.failed);
    for job in &failed {
        println!("{}", job_line(job));
    }
    if stopped && counts.pending() > 0 {
        println!("stopped: {} addresses are still queued; `cuttings queue run` goes on with them", counts.pending());
    }
    Ok(())
}

/// The progress line on stderr: done, failed, left, rate, time left. Drawn only on a terminal.
struct Progress {
    shown: bool,
    counts: QueueCounts,
    started: Instant,
    finished_here: u64,
    last_drawn: Option<Instant>,
}

impl Progress {
    fn new(shown: bool) -> Progress {
        Progress { shown, counts: QueueCounts::default(), started: Instant::now(), finished_here: 0, last_drawn: None }
    }

    /// A try ended: counts it (a job queued again for a later try is not done yet).
    fn finished(&mut self, job: &QueueJob) {
        let counts = &mut self.counts;
        match job.state {
            JobState::Done => counts.done += 1,
            JobState::Duplicate => counts.duplicate += 1,
            JobState::Failed => counts.failed += 1,
            _ => return,
        }
        counts.queued = counts.queued.saturating_sub(1);
        self.finished_here += 1;
        if self.last_drawn.is_none_or(|t| t.elapsed() > Duration::from_millis(100)) {
            self.draw();
        }
    }

    fn draw(&mut self) {
        if !self.shown {
            return;
        }
        let c = &self.counts;
        let total = c.total().saturating_sub(c.cancelled).max(1);
        let finished = c.done + c.duplicate + c.failed;
        let width = 24;
        let filled = (finished * width / total) as usize;
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.5 { self.finished_here as f64 / elapsed } else { 0.0 };
        let eta = if rate > 0.0 {
            format!(", about {} left", duration_words(c.pending() as f64 / rate))
        } else {
            String::new()
        };
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width as usize - filled));
        eprint!(
            "\r[{bar}] {finished}/{total}: {} saved, {} already there, {} failed, {} left · {rate:.1}/s{eta}\x1b[K",
            c.done,
            c.duplicate,
            c.failed,
            c.pending()
        );
        let _ = std::io::stderr().flush();
        self.last_drawn = Some(Instant::now());
    }

    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// "45 s", "3 min", "2 h".
fn duration_words(seconds: f64) -> String {
    match seconds {
        s if s < 90.0 => format!("{} s", s.ceil() as u64),
        s if s < 5400.0 => format!("{} min", (s / 60.0).ceil() as u64),
        s => format!("{:.1} h", s / 3600.0),
    }
}
