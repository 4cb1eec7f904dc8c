//! The offline-archive subcommands: `refetch-images`, `original`, `reextract`, `similar`, `backup`, `restore`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use cuttings::archive::{self, ImageLimits};
use cuttings::fetch::Fetcher;
use cuttings::store::{ClippingFilter, ClippingId, Library, SortOrder};

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
        ArchiveCommand::Reextract { id, all, yes, force_edited } => {
            let mut library = library_path.open()?;
            let ids = match id {
                Some(id) if !all => vec![id.0],
                _ => all_clippings(&library)?,
            };
            reextract(&mut library, &ids, all, yes, force_edited)
        }
    }
}

/// Every live clipping, oldest first.
fn all_clippings(library: &Library) -> anyhow::Result<Vec<ClippingId>> {
    const PAGE: u32 = 1000;
    let mut ids = Vec::new();
    loop {
        let page = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, PAGE, ids.len() as u32)?;
        let done = page.len() < PAGE as usize;
        ids.extend(page.into_iter().map(|c| c.id));
        if done {
            break;
        }
    }
    ids.reverse();
    Ok(ids)
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
    for &id in ids {
        let reextraction = match archive::reextract(library, id) {
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
