//! Highlights: passages of a clipping marked by the reader, each with a colour and an optional comment (issue 17).
//! `anchor.rs` places a passage in the clipping's text and places it again after the text changed (W3C Web
//! Annotation text-quote and text-position selectors), pure.

mod anchor;

pub use anchor::{AnchorError, CONTEXT_CHARS, Selectors, anchor, reanchor};
