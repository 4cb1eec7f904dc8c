//! Markdown in and out, the one home of both directions:
//! - [`escape`] puts text (a title, an outlet, a tag) into Markdown so that every CommonMark reader shows it as it
//!   is, escaping only what its place in the line needs ([`Context`]);
//! - [`render_note`] turns a note's Markdown into HTML that is safe to show, through the same allow-list as
//!   article HTML; the reader and the PDF both use it, so a note looks the same everywhere.
//!
//! Pure: no I/O. Never panics on any input.

mod notes;

/// The one escaping function: the extraction crate's, which writes article Markdown with it too.
pub use crate::extract::markdown_escape::{Context, escape};
pub use notes::render_note;
