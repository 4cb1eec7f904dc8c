//! Clipping a page: the one pipeline from an address or a saved file to a [`PreparedClipping`] ready to save.
//!
//! Stages: 1. get the page (fetch the URL, or read the saved file and decode it); 2. extract the article (or,
//! when asked, the whole page's readable text where no article is found); 3. when saving, download the article's
//! images and point it at the stored copies ([`PreparedClipping::download_images`]). Saving is the store's job
//! ([`crate::store::Library::add_clipping_with_images`]), so a caller can show a preview between preparing and
//! saving.
//! The command line and the desktop shell both clip through here; neither fetches or extracts on its own.
//!
//! Extraction is bounded by a [`Budget`] of [`Budget::DEFAULT_TIME_LIMIT`] and a cancel flag the caller may hold
//! (the desktop shell sets it when the user cancels); in [`prepare_url`] it runs on a blocking thread, so a hostile
//! page never holds up the async runtime.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use url::Url;

use crate::archive::{ImageLimits, ProvidedImages, archive_article_images};
use crate::decode::decode_page;
use crate::extract::{
    Article, Budget, Confidence, ExtractError, declared_url, extract_or_whole_page, extract_selection,
    extract_whole_page_as,
};
use crate::fetch::{FetchError, Fetcher, Reach, web_url};
use crate::store::{ClipSource, FolderId, NewClipping, NewImage};

mod browser;
pub use browser::{BrowserReason, browser_reason, browser_would_help, looks_like_consent_wall, prepared_reason};

/// Why a page could not be made into a clipping. Each variant says which step failed.
#[derive(Debug, thiserror::Error)]
pub enum ClipError {
    /// Fetching the page failed (dead link, HTTP error, not a web page, too large, …).
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The saved page could not be read from disk.
    #[error("reading {}: {source}", .path.display())]
    ReadFile { path: PathBuf, source: std::io::Error },
    /// The page was fetched, but nothing on it reads like an article; `consent_wall` when it is a cookie-consent
    /// wall instead ([`browser::is_consent_wall_page`]).
    #[error("{}", no_article_message(.url, *.consent_wall))]
    NoArticle { url: String, consent_wall: bool },
    /// The page could not be read: too complex (a hostile or broken page), too slow, or the user cancelled.
    #[error("{url}: {source}")]
    Unreadable { url: String, source: ExtractError },
    /// A saved page is empty.
    #[error("the saved page is empty")]
    EmptyPage,
    /// A saved page is larger than any page Cuttings fetches ([`crate::fetch::FetchLimits`]).
    #[error("the saved page is {} MB; pages up to {} MB can be clipped", .size.div_ceil(1_000_000), .limit / 1_000_000)]
    PageTooLarge { size: u64, limit: u64 },
    /// A saved page was given without its address, and the page does not declare one.
    #[error("this saved page does not say where it was published: give its address")]
    NoAddress,
}

impl ClipError {
    /// A stable identifier of the kind of failure for the UI: the fetch codes, `read_file`, `no_article`, `no_address`,
    /// `empty_page`, `too_large` (a saved page, as a fetched one),
    /// `page_too_complex` (too many elements, nested too deep, or more than the time budget) or `cancelled`.
    pub fn code(&self) -> &'static str {
        match self {
            ClipError::Fetch(error) => error.code(),
            ClipError::ReadFile { .. } => "read_file",
            ClipError::NoArticle { .. } => "no_article",
            ClipError::NoAddress => "no_address",
            ClipError::EmptyPage => "empty_page",
            ClipError::PageTooLarge { .. } => "too_large",
            ClipError::Unreadable { source, .. } => match source {
                ExtractError::Cancelled => "cancelled",
                ExtractError::NoArticle => "no_article",
                ExtractError::TooManyElements { .. }
                | ExtractError::TooDeep { .. }
                | ExtractError::TookTooLong { .. } => "page_too_complex",
            },
        }
    }
}

pub use crate::extract::WholePage;

/// A page made into an article, not yet saved.
#[derive(Debug, Clone)]
pub struct PreparedClipping {
    /// Where the page came from (after redirects, for a fetched page).
    pub url: Url,
    /// The extracted article.
    pub article: Article,
    /// The whole page's readable text, held beside an article the extractor was unsure of ([`Confidence::Low`]),
    /// so that the user can choose it instead ([`PreparedClipping::choose_whole_page`]); `None` otherwise.
    pub whole_page: Option<Article>,
    /// The page exactly as served or saved.
    pub original_page: Vec<u8>,
    /// What the page's images may reach: [`Reach::PrivateAllowed`] only for a page fetched from an address the user
    /// typed on their own network; a saved page's address may come from the page itself, so it is public only.
    pub reach: Reach,
    /// How the page reached Cuttings (stored with the clipping).
    pub source: ClipSource,
    /// Images the browser already fetched with the user's session, used instead of downloading them.
    pub provided_images: ProvidedImages,
}

/// A page as the user's browser rendered it, sent by the browser extension through the local API.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// Its final address, as the browser shows it.
    pub url: String,
    /// The document serialised after its scripts ran.
    pub html: String,
    /// The title the browser shows, for a page that has none of its own.
    pub title: Option<String>,
    /// The HTML of the user's selection, when they clipped a selection: it becomes the body.
    pub selection_html: Option<String>,
    /// Images the browser fetched with the user's session, by address.
    pub images: ProvidedImages,
}

/// Where the user wants the clipping filed, and how.
#[derive(Debug, Clone, Default)]
pub struct Filing {
    /// Folder to put it in; `None` for the Inbox.
    pub folder: Option<FolderId>,
    /// Tags to give it.
    pub tags: Vec<String>,
    /// A first note, if any.
    pub note: Option<String>,
    /// Save a second copy even when the URL is already in the library.
    pub allow_duplicate: bool,
    /// The time it was saved, when that is earlier than now (an import keeps it); `None` for now.
    pub saved_at: Option<String>,
}

impl PreparedClipping {
    /// Keeps the whole page's readable text instead of the unsure article; false (and nothing changed) when no
    /// whole page is held.
    pub fn choose_whole_page(&mut self) -> bool {
        match self.whole_page.take() {
            Some(whole) => {
                self.article = whole;
                true
            }
            None => false,
        }
    }

    /// The clipping as the store takes it. A note of only spaces is no note.
    pub fn into_new_clipping(self, filing: Filing) -> NewClipping {
        NewClipping {
            url: self.url.to_string(),
            article: self.article,
            original_page: self.original_page,
            folder: filing.folder,
            tags: filing.tags,
            note: filing.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            allow_duplicate: filing.allow_duplicate,
            source: self.source,
            saved_at: filing.saved_at,
        }
    }
}

impl PreparedClipping {
    /// Stage 3: downloads the article's images and lead image (a few at a time, capped, checked by their bytes) and
    /// points its HTML and Markdown at the copies to be stored. Returns every image's outcome, for
    /// [`crate::store::Library::add_clipping_with_images`]; a failed image never fails the clipping.
    /// `on_image(done, total)` is called as each image finishes, for a progress bar.
    pub async fn download_images(
        &mut self,
        fetcher: &Fetcher,
        limits: &ImageLimits,
        on_image: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<NewImage> {
        let (article, provided) = (&mut self.article, &self.provided_images);
        archive_article_images(fetcher, article, &self.url, self.reach, limits, provided, on_image).await
    }

    /// [`PreparedClipping::download_images`] with the default limits on a runtime of its own, for callers without
    /// one (the command line).
    pub fn download_images_blocking(&mut self) -> Result<Vec<NewImage>, ClipError> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
            ClipError::Fetch(FetchError::ClientSetup { reason: format!("starting the network runtime: {e}") })
        })?;
        let fetcher = Fetcher::new()?;
        Ok(runtime.block_on(self.download_images(&fetcher, &ImageLimits::default(), &|_, _| {})))
    }
}

/// Fetches `url` with `fetcher` and extracts its article on a blocking thread; setting `cancel` stops the
/// extraction ([`ClipError::Unreadable`] with [`ExtractError::Cancelled`]). Dropping the future stops the fetch, but
/// not an extraction already running: set `cancel` too.
pub async fn prepare_url(
    fetcher: &Fetcher,
    url: &str,
    whole_page: WholePage,
    cancel: Arc<AtomicBool>,
) -> Result<PreparedClipping, ClipError> {
    let page = fetcher.fetch(url).await?;
    extract_fetched(page, url, whole_page, cancel).await
}

/// [`prepare_url`] for an address that came from a page (a link clipped from the browser's menu): fetched under
/// [`Reach::PublicOnly`] ([`Fetcher::fetch_link`]), and kept whole where the extraction is unsure (no dialog
/// offers the choice), remembered as clipped from the browser.
pub async fn prepare_link(
    fetcher: &Fetcher,
    url: &str,
    cancel: Arc<AtomicBool>,
) -> Result<PreparedClipping, ClipError> {
    let page = fetcher.fetch_link(url).await?;
    let prepared = extract_fetched(page, url, WholePage::Keep, cancel).await?;
    Ok(PreparedClipping { source: ClipSource::Browser, ..prepared })
}

/// [`prepare_url`] for an address from a list or an import file (the clipping queue): such lists come from
/// elsewhere (an e-mail, another service's export), so it is fetched under [`Reach::PublicOnly`] like a link, and
/// kept whole where the extraction is unsure, as no dialog offers the choice.
pub async fn prepare_listed(
    fetcher: &Fetcher,
    url: &str,
    cancel: Arc<AtomicBool>,
) -> Result<PreparedClipping, ClipError> {
    let page = fetcher.fetch_link(url).await?;
    extract_fetched(page, url, WholePage::Keep, cancel).await
}

/// Stage 2 of a fetched page, on a blocking thread.
async fn extract_fetched(
    page: crate::fetch::FetchedPage,
    url: &str,
    whole_page: WholePage,
    cancel: Arc<AtomicBool>,
) -> Result<PreparedClipping, ClipError> {
    let extracting = tokio::task::spawn_blocking(move || {
        let budget = Budget::new(Budget::DEFAULT_TIME_LIMIT, cancel);
        article_of(&page.text, &page.final_url, whole_page, &budget).map(|(article, whole_page)| PreparedClipping {
            url: page.final_url,
            article,
            whole_page,
            original_page: page.bytes,
            reach: page.reach,
            source: ClipSource::Web,
            provided_images: ProvidedImages::new(),
        })
    });
    match extracting.await {
        Ok(prepared) => prepared,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        // The runtime is shutting down: the extraction was cancelled with it.
        Err(_) => Err(ClipError::Unreadable { url: url.to_string(), source: ExtractError::Cancelled }),
    }
}

/// [`prepare_url`] on a runtime of its own, for callers without one (the command line), not cancellable.
pub fn prepare_url_blocking(url: &str, whole_page: WholePage) -> Result<PreparedClipping, ClipError> {
    let page = crate::fetch::fetch_blocking(url)?;
    let (article, whole_page) = article_of(&page.text, &page.final_url, whole_page, &Budget::default())?;
    Ok(PreparedClipping {
        url: page.final_url,
        article,
        whole_page,
        original_page: page.bytes,
        reach: page.reach,
        source: ClipSource::Web,
        provided_images: ProvidedImages::new(),
    })
}

/// Reads a page saved from a browser at `path` and extracts its article (not cancellable: for the command line).
/// `url` is where it was published; without it, the address the page declares ([`prepare_bytes`]).
pub fn prepare_file(path: &Path, url: Option<&str>, whole_page: WholePage) -> Result<PreparedClipping, ClipError> {
    let url = url.map(web_url).transpose()?;
    let read_error = |source| ClipError::ReadFile { path: path.to_path_buf(), source };
    // The size first, so that a huge file is refused before it is read.
    check_saved_size(std::fs::metadata(path).map_err(read_error)?.len())?;
    let bytes = std::fs::read(path).map_err(read_error)?;
    prepare_bytes(bytes, url, whole_page, Arc::default())
}

/// Extracts the article from page bytes already in hand (a dropped file, a page from another program); setting
/// `cancel` stops it. `url` is where the page was published, when the user gave it; without it, the address the
/// page declares for itself (canonical link, `og:url`, JSON-LD, a browser's "saved from" comment), else
/// [`ClipError::NoAddress`]. CPU work that can take a few seconds on a huge page: call it off async threads.
pub fn prepare_bytes(
    bytes: Vec<u8>,
    url: Option<Url>,
    whole_page: WholePage,
    cancel: Arc<AtomicBool>,
) -> Result<PreparedClipping, ClipError> {
    check_saved_size(bytes.len() as u64)?;
    let budget = Budget::new(Budget::DEFAULT_TIME_LIMIT, cancel);
    let text = decode_page(&bytes, None).text;
    let url = match url {
        Some(url) => url,
        None => declared_url(&text, &budget)
            .map_err(|source| ClipError::Unreadable { url: "the saved page".to_string(), source })?
            .ok_or(ClipError::NoAddress)?,
    };
    let (article, whole_page) = article_of(&text, &url, whole_page, &budget)?;
    Ok(PreparedClipping {
        url,
        article,
        whole_page,
        original_page: bytes,
        reach: Reach::PublicOnly,
        source: ClipSource::File,
        provided_images: ProvidedImages::new(),
    })
}

/// The byte-order mark that makes the bytes of a rendered page say they are UTF-8.
const UTF8_BOM: &str = "\u{feff}";

/// Extracts the article from a page as the user's browser rendered it (see [`RenderedPage`]); setting `cancel`
/// stops it. The selection, when there is one, is the body ([`extract_selection`]); else the page is read as any
/// other, its whole readable text kept where the extraction is unsure (the browser has no dialog to choose in).
/// The page's own title comes first; the browser's is used only for a page with none. Its images are downloaded
/// from public addresses only ([`Reach::PublicOnly`]), except those the browser sent. CPU work: call it off
/// async threads.
pub fn prepare_rendered(page: RenderedPage, cancel: Arc<AtomicBool>) -> Result<PreparedClipping, ClipError> {
    let url = web_url(&page.url)?;
    // Kept as UTF-8 behind a byte-order mark, which outranks the `<meta charset>` the page may still carry from
    // its server's bytes: re-extracting the stored page later reads it as it was sent.
    let bytes = [UTF8_BOM.as_bytes(), page.html.as_bytes()].concat();
    check_saved_size(bytes.len() as u64)?;
    let budget = Budget::new(Budget::DEFAULT_TIME_LIMIT, cancel);
    let text = &page.html;
    let unreadable = unreadable_at(&url, text);
    let selection = page.selection_html.as_deref().filter(|s| !s.trim().is_empty());
    let mut article = match selection {
        Some(selection) => extract_selection(text, selection, &url, &budget).map_err(unreadable)?,
        None => extract_or_whole_page(text, &url, WholePage::Keep, &budget).map_err(unreadable)?,
    };
    if article.title.trim().is_empty()
        && let Some(title) = page.title.as_deref().map(str::trim).filter(|t| !t.is_empty())
    {
        article.title = title.to_string();
    }
    Ok(PreparedClipping {
        url,
        article,
        whole_page: None,
        original_page: bytes,
        reach: Reach::PublicOnly,
        source: ClipSource::Browser,
        provided_images: page.images,
    })
}

/// An article as another service's export held it (Omnivore's `content/`, wallabag's `content`), with what the
/// export says about it.
#[derive(Debug, Clone, Default)]
pub struct ExportedArticle {
    /// The address it was saved from.
    pub url: String,
    /// The article's HTML (a fragment or a whole document).
    pub html: String,
    /// The export's title, author and publication date, used where the article gives none.
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

/// Makes a clipping of an article an export held, without fetching anything (many of those links are dead): the
/// HTML read as a page of its own (its readable text kept whole where the extraction is unsure, as no dialog
/// offers the choice), the export's title, author and date filling what the article lacks. Its images are
/// downloaded from public addresses only. CPU work: call it off async threads.
pub fn prepare_exported(exported: ExportedArticle, cancel: Arc<AtomicBool>) -> Result<PreparedClipping, ClipError> {
    let url = web_url(&exported.url)?;
    let escape = crate::extract::output::escape_html;
    let title = exported.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let document = if exported.html.to_ascii_lowercase().contains("<body") {
        exported.html.clone()
    } else {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head><body><article>{}{}</article></body></html>",
            escape(title.unwrap_or_default()),
            title.map(|t| format!("<h1>{}</h1>", escape(t))).unwrap_or_default(),
            exported.html
        )
    };
    let bytes = [UTF8_BOM.as_bytes(), document.as_bytes()].concat();
    check_saved_size(bytes.len() as u64)?;
    let budget = Budget::new(Budget::DEFAULT_TIME_LIMIT, cancel);
    let mut article =
        extract_or_whole_page(&document, &url, WholePage::Keep, &budget).map_err(unreadable_at(&url, &document))?;
    let fill = |field: &mut Option<String>, given: &Option<String>| {
        if field.as_deref().is_none_or(|f| f.trim().is_empty())
            && let Some(given) = given.as_deref().map(str::trim).filter(|g| !g.is_empty())
        {
            *field = Some(given.to_string());
        }
    };
    fill(&mut article.byline, &exported.author);
    fill(&mut article.published, &exported.published);
    if article.title.trim().is_empty()
        && let Some(title) = title
    {
        article.title = title.to_string();
    }
    Ok(PreparedClipping {
        url,
        article,
        whole_page: None,
        original_page: bytes,
        reach: Reach::PublicOnly,
        source: ClipSource::File,
        provided_images: ProvidedImages::new(),
    })
}

/// A saved page of `size` bytes is clipped only if it is not empty and no larger than a fetched page may be
/// ([`ClipError::EmptyPage`], [`ClipError::PageTooLarge`]). [`prepare_file`] and [`prepare_bytes`] check it; a
/// front end may ask first, to refuse a page before copying it.
pub fn check_saved_size(size: u64) -> Result<(), ClipError> {
    let limit = crate::fetch::FetchLimits::default().max_body_bytes;
    match size {
        0 => Err(ClipError::EmptyPage),
        size if size > limit => Err(ClipError::PageTooLarge { size, limit }),
        _ => Ok(()),
    }
}

/// Stage 2: the article, or the whole page's text when allowed; and beside an article the extractor is unsure of,
/// the whole page's text for the user to choose instead. All within one `budget`.
fn article_of(
    text: &str,
    url: &Url,
    whole_page: WholePage,
    budget: &Budget,
) -> Result<(Article, Option<Article>), ClipError> {
    let unreadable = unreadable_at(url, text);
    let article = extract_or_whole_page(text, url, whole_page, budget).map_err(unreadable)?;
    // With `WholePage::Keep` an unsure article already is the whole page: nothing to hold beside it.
    let whole = match (article.confidence, whole_page) {
        (Confidence::Low, WholePage::Refuse) => {
            Some(extract_whole_page_as(text, url, article.kind, budget).map_err(unreadable)?)
        }
        _ => None,
    };
    Ok((article, whole))
}

/// How an extraction failure of `page` at `url` is said: no article (and whether the page is a consent wall), or
/// why the page could not be read.
fn unreadable_at<'a>(url: &'a Url, page: &'a str) -> impl Fn(ExtractError) -> ClipError + Copy + 'a {
    move |error| match error {
        ExtractError::NoArticle => ClipError::NoArticle {
            url: url.to_string(),
            consent_wall: browser::is_consent_wall_page(url, page.as_bytes()),
        },
        source => ClipError::Unreadable { url: url.to_string(), source },
    }
}

/// What [`ClipError::NoArticle`] says.
fn no_article_message(url: &str, consent_wall: bool) -> String {
    if consent_wall {
        format!(
            "{url}: this page is a cookie-consent wall, not the article; open it in a browser, answer the wall, and clip it there"
        )
    } else {
        format!("{url}: no article found on the page; save the whole page's text instead if you want it")
    }
}
