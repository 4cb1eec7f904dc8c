//! Cuttings: the core of a press-clipping manager.
//!
//! The pipeline is fetch → extract → store → export. Each stage is one module:
//! - [`fetch`]: downloads a page over HTTP and decodes it to text (the only module that touches the network).
//! - [`decode`] and [`extract`]: page bytes to text, and page text to an [`extract::Article`]. They are the crate
//!   `cuttings-extract` (`crates/extract`), re-exported here under these two names: a crate of its own so that
//!   cargo itself keeps extraction free of I/O (none of its dependencies reaches the network, SQLite or the PDF
//!   writer), and so that other programs can use the extractor alone.
//! - [`store`]: the clipping library in one SQLite file; the only module that touches SQLite. It owns the rules of
//!   its data (titles, tags, folder paths), the text fingerprints that link syndicated copies, the references to
//!   stored images, and backups; it never uses the modules above it.
//! - [`archive`]: what keeps a clipping readable offline: its images downloaded and stored, and re-extraction.
//! - [`highlights`]: where a highlighted passage sits in a clipping's text, and sits again after the text changed.
//! - [`images`]: what an image is and whether it may be kept, from its bytes alone (pure; the one sniffer that
//!   saving, the reader and the exports share).
//! - [`import`]: the exports of Pocket, Omnivore, Instapaper, wallabag and browsers read into items to clip (pure).
//! - [`markdown`]: text escaped into Markdown for the exports, and notes rendered from Markdown to safe HTML (pure).
//! - [`clip`]: the pipeline from an address, a saved file or a page the browser rendered to a clipping ready to
//!   save (fetch, decode, extract).
//! - [`queue`]: the durable clipping queue: many addresses (a list, an import) clipped in the background, politely,
//!   each once, surviving a kill; it asks `clip` and `store`.
//! - [`api`]: the local clipping API on 127.0.0.1 that the browser extension clips through (the only module that
//!   listens on the network); it asks `clip` and `store`, as the two front ends do.
//!
//! The command-line program (`src/bin/cuttings/`) and the desktop shell (`src-tauri`) sit on top.
//! This crate never depends on a GUI toolkit.

pub mod api;
pub mod archive;
pub mod clip;
#[cfg(feature = "export")]
pub mod export;
pub mod fetch;
pub mod highlights;
pub mod images;
pub mod import;
pub mod markdown;
pub mod queue;
pub mod store;

pub use cuttings_extract as extract;
pub use cuttings_extract::decode;
