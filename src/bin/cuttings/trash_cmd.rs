//! `cuttings trash`: list what was deleted, restore it where it was, or empty the trash for good.

use crate::print;
use clap::Subcommand;
use cuttings::store::{Library, TrashItemId, TrashKind};

/// The subcommands of `cuttings trash`.
#[derive(Subcommand)]
pub enum TrashCommand {
    /// List the clippings and folders in the trash
    Ls {
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Put a trashed clipping or folder back where it was
    Restore {
        /// The trash item's id, as `trash ls` shows it
        id: i64,
    },
    /// Delete everything in the trash for good
    Empty,
}

/// Runs one `cuttings trash` subcommand.
pub fn run(library: &mut Library, command: TrashCommand) -> anyhow::Result<()> {
    match command {
        TrashCommand::Ls { json } => {
            let items = library.list_trash()?;
            if json {
                return print::json(&items);
            }
            for item in &items {
                let kind = match item.kind {
                    TrashKind::Clipping => "clipping",
                    TrashKind::Folder => "folder",
                };
                let from = if item.original_path.is_empty() { "top".to_string() } else { item.original_path.join("/") };
                println!(
                    "{:>5}  {kind:<8} {}  (from {from}, {} clipping(s), {})",
                    item.id.0, item.title, item.clipping_count, item.trashed_at
                );
            }
        }
        TrashCommand::Restore { id } => {
            library.restore(TrashItemId(id))?;
            println!("restored");
        }
        TrashCommand::Empty => {
            let count = library.empty_trash()?;
            println!("deleted {count} item(s) for good");
        }
    }
    Ok(())
}
