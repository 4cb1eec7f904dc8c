//! The offline-archive subcommands: `refetch-images`, `original`, `reextract`, `similar`, `backup`, `restore`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use cuttings::archive::{self, ImageLimits};
use cuttings::fetch::Fetcher;
use cuttings::store::{ClippingId, Library};

use crate::LibraryPath;
use crate::clipping_cmd::ClippingArg;
use crate::print;

/// The archive subcommands (flattened into the top level: `cuttings refetch-images 12`).
#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// Download again the images of a clipping that could not be stored when it was saved
    RefetchImages {
        /// The clipping
        id: ClippingArg,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Write the original page of a clipping, exactly as it was saved
    Original {
        /// The clipping
        id: ClippingArg,
        /// Write it to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the clippings whose text nearly matches this one's (syndicated copies)
    Similar {
        /// The clipping
        id: ClippingArg,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent copy of the whole library (database and images) into a new folder, even while in use
    Backup {
        /// The folder to create
        path: PathBuf,
    },
    /// Replace the whole library by a backup, after checking the backup
    Restore {
        /// The folder `cuttings backup` wrote
        path: PathBuf,
        /// Replace without asking
        #[arg(long)]
        yes: bool,
    },
    /// Run the current extractor again on the stored original page; show what changed, then replace
    Reextract {
        /// The clipping (or --all)
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<ClippingArg>,
        /// Every live clipping
        #[arg(long)]
        all: bool,
        /// Replace without asking
        #[arg(long)]
        yes: bool,
        /// Also replace the fields edited by hand (kept otherwise)
        #[arg(long)]
        force_edited: bool,
    },
}

/// Runs one archive subcommand.
pub fn run(library_path: &LibraryPath, command: ArchiveCommand) -> anyhow::Result<()> {
    match command {
        ArchiveCommand::RefetchImages { id, json } => {
            let mut library = library_path.open()?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the network runtime")?;
            let fetcher = Fetcher::new()?;
            let report =
                runtime.block_on(archive::refetch_images(&mut library, &fetcher, id.0, &ImageLimits::default()))?;
            if json {
                return print::json(&report);
            }
            if report.tried == 0 {
                println!("#{}: no missing images to download", id.0);
            } else {
                println!("#{}: {} of {} images stored", id.0, report.stored, report.tried);
            }
            for (url, reason) in &report.failed {
                println!("still missing: {url}: {reason}");
            }
            Ok(())
        }
        ArchiveCommand::Original { id, out } => {
            let library = library_path.open()?;
            let page = library.original_page(id.0)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, &page).with_context(|| format!("writing {}", path.display()))?;
                    println!("wrote the original page of #{} to {} ({} bytes)", id.0, path.display(), page.len());
                }
                None => std::io::stdout().write_all(&page).context("writing the page")?,
            }
            Ok(())
        }
        ArchiveCommand::Similar { id, json } => {
            let mut library = library_path.open()?;
            // Clippings saved before fingerprints existed get theirs now.
            library.fingerprint_missing()?;
            let similar = library.similar(id.0)?;
            if json {
                return print::json(&similar);
            }
            if similar.is_empty() {
                println!("#{}: no similar clippings", id.0);
            }
            for s in &similar {
                println!("{:>3.0}%  {}", s.similarity * 100.0, print::clipping_line(&s.clipping));
            }
            Ok(())
        }
        ArchiveCommand::Backup { path } => {
            let library = library_path.open()?;
            let report = library.backup_to(&path)?;
            println!(
                "backed up {} clipping(s) and {} image(s), {:.1} MiB, to {}",
                report.clippings,
                report.images,
                report.bytes as f64 / (1024.0 * 1024.0),
                path.display()
            );
            Ok(())
        }
        ArchiveCommand::Restore { path, yes } => {
            let mut library = library_path.open()?;
            let interactive = std::io::stdin().is_terminal();
            let question = format!("replace everything in {} by the backup? [y/N] ", library.path().display());
            let go = yes || (interactive && ask(&question)?);
            if !go {
                anyhow::bail!("not restored: this replaces the whole library; add --yes to go ahead");
            }
            // Nothing is lost: once the backup has passed its checks, the library as it is now is backed up beside
            // it first.
            let safety = safety_copy_path(library.path());
            let report = library.restore_from_keeping_copy(&path, &safety)?;
            println!(
                "restored {} clipping(s) and {} image(s) from {}; the library as it was is in {} \
                 (`cuttings restore --yes` that folder to undo)",
                report.clippings,
                report.images,
                path.display(),
                safety.display()
            );
            Ok(())
        }
        ArchiveCommand::Reextract { id, all, yes, force_edited } => {
            let mut library = library_path.open()?;
            let ids = match id {
                Some(id) if !all => vec![id.0],
                _ => archive::all_clippings(&library)?,
            };
            reextract(&mut library, &ids, all, yes, force_edited)
        }
    }
}

/// Re-extracts each clipping, prints what changed, and replaces it when `yes` or when the user says so on a
/// terminal.
fn reextract(
    library: &mut Library,
    ids: &[ClippingId],
    all: bool,
    yes: bool,
    force_edited: bool,
) -> anyhow::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let (mut replaced, mut unchanged, mut failed) = (0, 0, 0);
    // Many clippings are extracted together on every core; each is then shown, and replaced, in turn.
    for chunk in ids.chunks(archive::REEXTRACTED_AT_ONCE) {
        let outcomes = archive::reextract_many(library, chunk);
        for (&id, outcome) in chunk.iter().zip(outcomes) {
            let reextraction = match outcome {
                Ok(r) => r,
                Err(error) if all => {
                    eprintln!("cuttings: {error}");
                    failed += 1;
                    continue;
                }
                Err(error) => return Err(error.into()),
            };
            if reextraction.is_unchanged() {
                unchanged += 1;
                if !all {
                    println!("#{id}: the extractor finds the same article; nothing to replace");
                }
                continue;
            }
            println!("#{id}:");
            for line in reextraction.summary() {
                println!("  {line}");
            }
            let go = yes || (interactive && ask("replace? [y/N] ")?);
            if go {
                let kept = archive::apply_reextraction(library, &reextraction, force_edited)?;
                replaced += 1;
                if kept.is_empty() {
                    println!("  replaced");
                } else {
                    println!(
                        "  replaced, keeping the fields edited by hand: {} (--force-edited replaces them)",
                        kept.join(", ")
                    );
                }
            } else if !interactive {
                println!("  not replaced (run again with --yes to replace)");
            }
        }
    }
    if all {
        println!("{} clipping(s): {replaced} replaced, {unchanged} unchanged, {failed} failed", ids.len());
    }
    Ok(())
}

/// Asks a yes/no question on the terminal.
fn ask(question: &str) -> anyhow::Result<bool> {
    print!("  {question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// A new folder beside the library for the copy kept before a restore: `<name>.before-restore-<UTC time>`.
fn safety_copy_path(library: &std::path::Path) -> std::path::PathBuf {
    let stem = library.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "library".into());
    let now = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let folder = library.parent().unwrap_or(std::path::Path::new("."));
    let mut path = folder.join(format!("{stem}.before-restore-{stamp}"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = folder.join(format!("{stem}.before-restore-{stamp}-{n}"));
    }
    path
}
