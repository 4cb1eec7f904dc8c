//! The offline archive: what keeps a clipping readable after its page has gone.
//!
//! Parts:
//! - `download` ([`archive_article_images`], [`ImageLimits`]): the article's images and lead image downloaded when
//!   it is saved, a few at a time and capped, each checked by its bytes ([`crate::images::sniff`]), then the article's HTML and
//!   Markdown pointed at the stored copies (the store's [`crate::store::refs`]: `image_ref`,
//!   `parse_image_ref`). [`refetch_images`] retries the ones that failed.
//! - `reextract` ([`reextract`], [`apply_reextraction`]): the current extractor run again on the stored original
//!   page, showing what changed before replacing; fields edited by hand are kept unless forced.
//! - `json` ([`write_metadata_json`]): all metadata, folders, tags and notes as one JSON object for scripts.
//!   Backups themselves are the store's ([`crate::store::Library::backup_to`], [`crate::store::Library::restore_from`]).
//!
//! The store keeps the files and rows ([`crate::store::Library::add_clipping_with_images`],
//! [`crate::store::Library::image`]), the text fingerprints that link syndicated copies
//! ([`crate::store::fingerprint`], [`crate::store::Library::similar`]) and the `cuttings-image:` references
//! ([`crate::store::refs`]); this module decides what to keep and reaches the network only through
//! [`crate::fetch::Fetcher`]. It never touches SQLite itself. Dependencies point down: `archive` uses `store`,
//! never the other way (a test in `store` checks it).

mod download;
mod json;
mod reextract;

pub use download::{
    ImageLimits, ProvidedImages, WantedImage, archive_article_images, download_images, download_images_reporting,
    point_article_to_store, wanted_images,
};
pub use json::{METADATA_JSON_VERSION, all_clippings, web_annotation, write_metadata_json};
pub use reextract::{
    FieldChange, REEXTRACTED_AT_ONCE, Reextraction, TextChange, apply_reextraction, reextract, reextract_many,
};

use crate::extract::Article;
use crate::fetch::{FetchError, Fetcher, Reach};
use crate::store::{ClippingId, Library, StoreError};

/// Why an archive operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The library refused (unknown clipping, busy, damaged page, …).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The HTTP client could not be set up, or a fetch failed where it cannot be recorded instead.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// Writing an export failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being written.
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Re-extraction found no article in the stored page of a clipping.
    #[error("clipping {id}: {reason}; the clipping is left as it is")]
    NoArticle {
        /// The clipping.
        id: i64,
        /// Why.
        reason: String,
    },
}

impl ArchiveError {
    /// A short stable code for the UI to branch on: the store's or the fetcher's codes.
    pub fn code(&self) -> &'static str {
        match self {
            ArchiveError::Store(error) => error.code(),
            ArchiveError::Fetch(error) => error.code(),
            ArchiveError::NoArticle { .. } => "no_article",
            ArchiveError::Io { .. } => "io",
        }
    }
}

/// What [`refetch_images`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RefetchReport {
    /// Images tried again.
    pub tried: usize,
    /// Of those, images now stored.
    pub stored: usize,
    /// Addresses still failing, with why.
    pub failed: Vec<(String, String)>,
}

/// Downloads again the images of a live clipping that failed (or were never tried, after a re-extraction), records
/// the outcomes and points the clipping's HTML and Markdown at the images now stored. The network is reached
/// before the library is written to, under [`Reach::PublicOnly`]: a stored clipping's address may have come from
/// the page itself (a saved page declares its own), so only the save of a page the user typed on their own network
/// ever reaches into it. The three steps are also public ([`missing_images`], [`MissingImages::download`],
/// [`DownloadedImages::store`]) for a caller that must not hold the library while on the network (the desktop app).
pub async fn refetch_images(
    library: &mut Library,
    fetcher: &Fetcher,
    id: ClippingId,
    limits: &ImageLimits,
) -> Result<RefetchReport, ArchiveError> {
    let missing = missing_images(library, id)?;
    if missing.is_empty() {
        return Ok(RefetchReport::default());
    }
    missing.download(fetcher, limits).await.store(library)
}

/// The images of a live clipping not stored yet, read from the library: step 1 of [`refetch_images`].
#[derive(Debug, Clone)]
pub struct MissingImages {
    id: ClippingId,
    article: Article,
    wanted: Vec<WantedImage>,
    page_url: Option<url::Url>,
}

/// Finds the images of live clipping `id` that are not stored (failed, or never tried after a re-extraction).
pub fn missing_images(library: &Library, id: ClippingId) -> Result<MissingImages, ArchiveError> {
    let clipping = library.clipping(id)?;
    if clipping.in_trash {
        return Err(StoreError::NotFound { what: "clipping", id: id.0 }.into());
    }
    let stored: Vec<String> =
        library.clipping_images(id)?.into_iter().filter(|image| image.sha256.is_some()).map(|i| i.url).collect();
    let article = Article {
        html: clipping.html.clone(),
        markdown: clipping.markdown.clone(),
        lead_image: clipping.lead_image.clone(),
        ..Article::default()
    };
    let wanted: Vec<WantedImage> = wanted_images(&article).into_iter().filter(|w| !stored.contains(&w.url)).collect();
    let page_url = url::Url::parse(&clipping.summary.url).ok();
    Ok(MissingImages { id, article, wanted, page_url })
}

impl MissingImages {
    /// Whether every image of the clipping is stored already.
    pub fn is_empty(&self) -> bool {
        self.wanted.is_empty()
    }

    /// Step 2: downloads the missing images through the guarded image downloader. Never fails (a failed image says
    /// why) and never touches the library, so no lock need be held meanwhile.
    pub async fn download(self, fetcher: &Fetcher, limits: &ImageLimits) -> DownloadedImages {
        let images = download_images(fetcher, &self.wanted, self.page_url.as_ref(), Reach::PublicOnly, limits).await;
        DownloadedImages { id: self.id, article: self.article, images }
    }
}

/// Images downloaded for a clipping, not recorded yet: step 3 of [`refetch_images`] stores them.
#[derive(Debug)]
pub struct DownloadedImages {
    id: ClippingId,
    article: Article,
    images: Vec<crate::store::NewImage>,
}

impl DownloadedImages {
    /// Step 3: records the outcomes and points the clipping's HTML and Markdown at the images now stored, in one
    /// transaction of the store.
    pub fn store(mut self, library: &mut Library) -> Result<RefetchReport, ArchiveError> {
        if self.images.is_empty() {
            return Ok(RefetchReport::default());
        }
        point_article_to_store(&mut self.article, &self.images);
        library.update_clipping_images(self.id, &self.images, &self.article.html, &self.article.markdown)?;
        let failed: Vec<(String, String)> = self
            .images
            .iter()
            .filter_map(|image| match &image.outcome {
                crate::store::ImageOutcome::Failed { reason } => Some((image.url.clone(), reason.clone())),
                crate::store::ImageOutcome::Stored { .. } => None,
            })
            .collect();
        Ok(RefetchReport { tried: self.images.len(), stored: self.images.len() - failed.len(), failed })
    }
}
