//! `cuttings note`: add, edit, remove and list the Markdown notes of a clipping.

use crate::clipping_cmd::ClippingArg;
use crate::print;
use clap::Subcommand;
use cuttings::store::{Library, NoteId};

/// The subcommands of `cuttings note`.
#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add a note to a clipping
    Add { clipping: ClippingArg, text: String },
    /// Replace the text of a note
    Edit { note: i64, text: String },
    /// Delete a note
    Rm { note: i64 },
    /// List the notes of a clipping
    Ls {
        clipping: ClippingArg,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `cuttings note` subcommand.
pub fn run(library: &mut Library, command: NoteCommand) -> anyhow::Result<()> {
    match command {
        NoteCommand::Add { clipping, text } => {
            let id = library.add_note(clipping.0, &text)?;
            println!("added note #{}", id.0);
        }
        NoteCommand::Edit { note, text } => library.edit_note(NoteId(note), &text)?,
        NoteCommand::Rm { note } => library.delete_note(NoteId(note))?,
        NoteCommand::Ls { clipping, json } => {
            let notes = library.clipping(clipping.0)?.notes;
            if json {
                return print::json(&notes);
            }
            for note in &notes {
                println!("note #{} ({}):\n{}\n", note.id.0, note.edited_at, note.body);
            }
        }
    }
    Ok(())
}
