//! `cuttings trash`: list what was deleted, restore it where it was, or empty the trash for good.

use crate::print;
use clap::Subcommand;
use cuttings::store::{Library, TrashItemId};

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
                println!("{item}");
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
