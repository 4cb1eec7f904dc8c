//! The offline-archive subcommands: `refetch-images`, `original`, `reextract`, `similar`, `backup`, `restore`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use cuttings::archive::{self, ImageLimits};
use cuttings::fetch::Fetcher;

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
    }
}
