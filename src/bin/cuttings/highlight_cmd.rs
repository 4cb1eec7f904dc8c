//! `cuttings highlight`: add, edit, remove and list the highlighted passages of a clipping.

use crate::clipping_cmd::ClippingArg;
use crate::print;
use clap::{Subcommand, ValueEnum};
use cuttings::store::{Colour, Highlight, HighlightEdit, HighlightId, Library, NewHighlight};

/// A colour as typed.
#[derive(Clone, Copy, ValueEnum)]
pub enum ColourArg {
    Yellow,
    Green,
    Blue,
    Pink,
}

impl From<ColourArg> for Colour {
    fn from(colour: ColourArg) -> Colour {
        match colour {
            ColourArg::Yellow => Colour::Yellow,
            ColourArg::Green => Colour::Green,
            ColourArg::Blue => Colour::Blue,
            ColourArg::Pink => Colour::Pink,
        }
    }
}

/// The subcommands of `cuttings highlight`.
#[derive(Subcommand)]
pub enum HighlightCommand {
    /// Highlight a passage of a clipping (it must be in the clipping's text)
    Add {
        clipping: ClippingArg,
        /// The passage, as it reads in the clipping (white space may differ)
        #[arg(long)]
        quote: String,
        /// A comment on it (Markdown)
        #[arg(long)]
        comment: Option<String>,
        #[arg(long, value_enum, default_value = "yellow")]
        colour: ColourArg,
        /// Which occurrence, when the passage occurs several times (1 for the first)
        #[arg(long)]
        occurrence: Option<usize>,
    },
    /// List the highlights of a clipping, in reading order
    Ls {
        clipping: ClippingArg,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Change a highlight's colour or comment (--comment "" removes it)
    Edit {
        highlight: i64,
        #[arg(long)]
        comment: Option<String>,
        #[arg(long, value_enum)]
        colour: Option<ColourArg>,
    },
    /// Remove a highlight
    Rm { highlight: i64 },
}

/// Runs one `cuttings highlight` subcommand.
pub fn run(library: &mut Library, command: HighlightCommand) -> anyhow::Result<()> {
    match command {
        HighlightCommand::Add { clipping, quote, comment, colour, occurrence } => {
            let new = NewHighlight { quote, occurrence, colour: colour.into(), comment };
            let highlight = library.add_highlight(clipping.0, &new)?;
            println!("added highlight #{}", highlight.id.0);
        }
        HighlightCommand::Ls { clipping, json } => {
            let highlights = library.highlights(clipping.0)?;
            if json {
                return print::json(&highlights);
            }
            for highlight in &highlights {
                println!("{}", line(highlight));
            }
        }
        HighlightCommand::Edit { highlight, comment, colour } => {
            let edit = HighlightEdit { colour: colour.map(Colour::from), comment: comment.map(Some) };
            library.edit_highlight(HighlightId(highlight), &edit)?;
        }
        HighlightCommand::Rm { highlight } => {
            library.remove_highlight(HighlightId(highlight))?;
        }
    }
    Ok(())
}

/// `#3 yellow "the passage"` with its comment below, and "(detached)" for one no longer in the text.
fn line(highlight: &Highlight) -> String {
    let mut line = format!("#{} {} \"{}\"", highlight.id.0, highlight.colour.as_str(), highlight.selectors.exact);
    if highlight.is_detached() {
        line.push_str(" (detached: no longer in the text)");
    }
    if let Some(comment) = &highlight.comment {
        line.push_str(&format!("\n    {}", comment.replace('\n', "\n    ")));
    }
    line
}
