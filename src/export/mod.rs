//! Export: a collection of clippings as Markdown files or as a press-review PDF.
//!
//! [`run`] is the one entry point of the command line and the desktop shell: an [`ExportRequest`] (what, in which
//! order, which format, where, and whether images may be downloaded) in, an [`ExportOutcome`] out. Below it:
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
mod marks;
pub mod pdf;
pub mod pdf_fonts;
mod pdf_marks;
mod pdf_world;
mod progress;
pub mod selection;
mod staging;
pub mod stored_images;

use std::path::{Path, PathBuf};

pub use error::ExportError;
pub use image_fetch::HttpImages;
pub use images::{ImageKind, ImageSource, LoadedImage, NoImages};
pub use markdown::{MarkdownOptions, MarkdownReport};
pub use marks::MarkStyle;
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

/// One export as a front end asks for it: the command line from its arguments, the desktop shell from its dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// What to export.
    pub selection: Selection,
    /// The order of the clippings.
    pub order: Order,
    /// Title of the review; `None` or blank for one made from the selection (see [`Collection::gather`]).
    pub title: Option<String>,
    /// Markdown files or a PDF, with the options of that format.
    pub format: ExportFormat,
    /// Where the images come from.
    pub images: ImageOrigin,
    /// The new folder (Markdown) or file (PDF) to write; never overwritten.
    pub target: PathBuf,
}

/// The format of an export, with its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    /// A folder of Markdown files (see [`markdown`]).
    Markdown(MarkdownOptions),
    /// A press-review PDF (see [`pdf`]).
    Pdf(PdfOptions),
}

/// Where the images of an export come from. The library's stored copies are always used first: an export of
/// archived clippings needs no network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageOrigin {
    /// Stored copies, then the web for the others ([`HttpImages`]: public addresses only, one deadline, no
    /// waiting when offline).
    #[default]
    LibraryThenWeb,
    /// Stored copies only; nothing is downloaded (the others keep their address in Markdown and are placeholders
    /// in the PDF).
    LibraryOnly,
}

/// What a finished export made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// A Markdown folder.
    Markdown(MarkdownReport),
    /// A PDF file.
    Pdf(PdfReport),
}

impl ExportOutcome {
    /// The folder or file written.
    pub fn path(&self) -> &Path {
        match self {
            ExportOutcome::Markdown(report) => &report.path,
            ExportOutcome::Pdf(report) => &report.path,
        }
    }

    /// The clippings in the export.
    pub fn clippings(&self) -> usize {
        match self {
            ExportOutcome::Markdown(report) => report.clippings,
            ExportOutcome::Pdf(report) => report.clippings,
        }
    }
}

/// Runs one export: 1. the clippings selected, in order ([`Collection::gather`]); 2. the image source (stored
/// copies first, then the web if the request allows it); 3. the writer of the format, which stages everything
/// and renames it to the target at the end. Progress and cancelling go through `control`; a failed or cancelled
/// export leaves nothing at the target.
pub fn run(
    library: &Library,
    request: &ExportRequest,
    control: ExportControl<'_>,
) -> Result<ExportOutcome, ExportError> {
    // 2. The downloader, only when the request allows it; if its runtime cannot start, the export goes on with the
    // stored images, as it does offline (a missing image is never an error).
    let web = match request.images {
        ImageOrigin::LibraryThenWeb => HttpImages::new(),
        ImageOrigin::LibraryOnly => None,
    };
    let behind: &dyn ImageSource = match &web {
        Some(http) => http,
        None => &NoImages,
    };
    run_with_images(library, request, behind, control)
}

/// [`run`] with the images the library does not store asked of `behind` instead of the web (`request.images` is
/// not read): for tests and benchmarks that serve images of their own.
pub fn run_with_images(
    library: &Library,
    request: &ExportRequest,
    behind: &dyn ImageSource,
    control: ExportControl<'_>,
) -> Result<ExportOutcome, ExportError> {
    // 1. What, in which order.
    let collection = Collection::gather(library, &request.selection, request.order, request.title.clone())?;
    // 2. Stored copies first.
    let images = StoredImages::new(library, behind);
    // 3. The writer.
    match &request.format {
        ExportFormat::Markdown(options) => {
            export_markdown(library, &collection, options, &images, &request.target, control)
                .map(ExportOutcome::Markdown)
        }
        ExportFormat::Pdf(options) => {
            export_pdf(library, &collection, options, &images, &request.target, control).map(ExportOutcome::Pdf)
        }
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
