//! Export: a collection of clippings as Markdown files or as a press-review PDF.
//!
//! Stages: 1. [`Collection::gather`] resolves a [`Selection`] (folder, tag, search, ids) into clippings in an
//! [`Order`]; 2. a writer reads each clipping from the library, loads its images through an [`ImageSource`] and
//! writes the result into a staging folder or file beside the target ([`staging`]); 3. the staged result is renamed
//! to the target. Progress and cancelling go through [`ExportControl`]. A failed or cancelled export leaves nothing
//! at the target, and never changes the library.
//!
//! Files: `selection` (what and in which order), `markdown` (the Markdown writer), `file_names` (safe, unique
//! names), `images` and `image_fetch` (image sources, sniffing, conversion), `pdf` (the press review), `blocks`
//! (article HTML as data for the template), `pdf_world` and `pdf_fonts` (the engine's files and fonts),
//! `held_images` (photographs kept out of the engine and put into its PDF as it is saved),
//! `review.typ` (the template), `staging` (all-or-nothing writing), `progress` (progress and cancel), `error`
//! ([`ExportError`]).

pub mod blocks;
mod error;
pub mod file_names;
mod held_images;
pub mod image_fetch;
pub mod images;
pub mod markdown;
pub mod pdf;
pub mod pdf_fonts;
mod pdf_world;
mod progress;
pub mod selection;
mod staging;
pub mod stored_images;

use std::path::Path;

pub use error::ExportError;
pub use image_fetch::HttpImages;
pub use images::{ImageKind, ImageSource, LoadedImage, NoImages};
pub use markdown::{MarkdownOptions, MarkdownReport};
pub use pdf::{PdfOptions, PdfReport};
pub use progress::{ExportControl, ExportProgress, ExportStage};
pub use selection::{FolderPaths, Grouping, Order, Selection};
pub use stored_images::StoredImages;

use crate::store::{ClippingSummary, Library};

/// The clippings to export, in order, with the review's title.
#[derive(Debug, Clone)]
pub struct Collection {
    /// Title of the review (cover, running header, index).
    pub title: String,
    /// The clippings, in export order.
    pub clippings: Vec<ClippingSummary>,
    /// Paths of the library's folders.
    pub folders: FolderPaths,
}

impl Collection {
    /// Resolves `selection` in `order`; the title defaults to a name made from the selection.
    pub fn gather(
        library: &Library,
        selection: &Selection,
        order: Order,
        title: Option<String>,
    ) -> Result<Collection, ExportError> {
        let folders = FolderPaths::read(library)?;
        let clippings = selection::select(library, selection, order, &folders)?;
        let title = title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| match selection {
            Selection::Folder { id, .. } => folders.label(Some(*id)),
            Selection::Tag(tag) => format!("Tag: {tag}"),
            Selection::Search(query) => format!("Search: {query}"),
            Selection::Ids(_) | Selection::All => "Press review".to_string(),
            Selection::Inbox => selection::INBOX.to_string(),
        });
        Ok(Collection { title, clippings, folders })
    }
}

/// Writes `collection` as Markdown into the new folder `target` (see [`markdown`]).
pub fn export_markdown(
    library: &Library,
    collection: &Collection,
    options: &MarkdownOptions,
    images: &dyn ImageSource,
    target: &Path,
    control: ExportControl<'_>,
) -> Result<MarkdownReport, ExportError> {
    markdown::write(library, collection, options, images, target, control)
}

/// Writes `collection` as a press-review PDF to the new file `target` (see [`pdf`]).
pub fn export_pdf(
    library: &Library,
    collection: &Collection,
    options: &PdfOptions,
    images: &dyn ImageSource,
    target: &Path,
    control: ExportControl<'_>,
) -> Result<PdfReport, ExportError> {
    pdf::write(library, collection, options, images, target, control)
}

/// Writes the metadata of the whole library (see [`crate::archive::write_metadata_json`]) to the new file
/// `target`, all at once: a failed export leaves nothing, and an existing file is never overwritten.
pub fn export_metadata_json(library: &Library, target: &Path) -> Result<(), ExportError> {
    staging::check_file_target(target)?;
    let mut json = Vec::new();
    crate::archive::write_metadata_json(library, &mut json).map_err(|error| match error {
        crate::archive::ArchiveError::Store(error) => ExportError::Store(error),
        other => ExportError::write(target, std::io::Error::other(other.to_string())),
    })?;
    staging::write_file(target, &json)
}
