//! Data-transfer types: what crosses between the shell and the UI, made for the UI and converted from core types.
//!
//! Field names are camelCase on the wire. Ids are plain numbers (SQLite ids stay far below 2^53). TypeScript
//! declarations are generated from these types by [`crate::bindings`] and committed under `ui/src/lib/bindings/`.
//! No core type is serialised to the UI directly, so the core can change its types without breaking the UI.

use cuttings::export::{
    ExportOutcome, ExportProgress, ExportStage, Grouping, ImageOrigin, MarkStyle, MarkdownOptions, MarkdownReport,
    Order, PdfOptions, PdfReport, Selection,
};
use cuttings::highlights::Selectors;
use cuttings::import::ImportFormat;
use cuttings::queue::{ImportPlan, ReadAs};
use cuttings::store::{
    ClipSource, Clipping, ClippingFilter, ClippingId, ClippingSummary, Colour, EnqueueReport, Folder, FolderId,
    Highlight, HighlightId, JobState, Note, QueueCounts, QueueJob, SortOrder, TagCount, TrashItem, TrashKind,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Facts about the open library, for the window's title and the onboarding text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    /// Path of the library file.
    pub path: String,
}

/// The local clipping API as the app serves it, for Settings › Browser extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiSettings {
    /// The port on 127.0.0.1 it listens on (or tried to).
    pub port: u16,
    /// Whether this window serves it.
    pub serving: bool,
    /// Why it does not, in plain words (another program holds the port…); `None` while serving.
    pub problem: Option<String>,
    /// The pairing token to paste into the extension.
    pub token: String,
}

/// A folder of the sidebar tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderNode {
    /// Its id.
    pub id: i64,
    /// Its parent; `null` at the top level.
    pub parent: Option<i64>,
    /// Its name.
    pub name: String,
    /// Place among its siblings, from 0.
    pub position: i64,
    /// Clippings directly in it (not in subfolders).
    pub clipping_count: u32,
}

impl From<Folder> for FolderNode {
    fn from(folder: Folder) -> Self {
        FolderNode {
            id: folder.id.0,
            parent: folder.parent.map(|p| p.0),
            name: folder.name,
            position: folder.position,
            clipping_count: folder.clipping_count,
        }
    }
}

/// A tag with the number of live clippings carrying it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagSummary {
    /// The tag.
    pub name: String,
    /// Live clippings with it.
    pub count: u32,
}

impl From<TagCount> for TagSummary {
    fn from(tag: TagCount) -> Self {
        TagSummary { name: tag.name, count: tag.count }
    }
}

/// Which clippings a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ListSource {
    /// Every live clipping.
    All,
    /// Clippings in no folder.
    Inbox,
    /// One folder's clippings.
    Folder {
        /// The folder.
        id: i64,
        /// With those of its subfolders.
        #[serde(rename = "includeSubfolders")]
        include_subfolders: bool,
    },
    /// Clippings with one tag.
    Tag {
        /// The tag.
        name: String,
    },
}

impl From<ListSource> for ClippingFilter {
    fn from(source: ListSource) -> Self {
        match source {
            ListSource::All => ClippingFilter::All,
            ListSource::Inbox => ClippingFilter::Inbox,
            ListSource::Folder { id, include_subfolders } => {
                ClippingFilter::Folder { id: FolderId(id), include_subfolders }
            }
            ListSource::Tag { name } => ClippingFilter::Tag(name),
        }
    }
}

/// Order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    /// Most recently saved first.
    Saved,
    /// Most recently published first, undated last.
    Published,
    /// By title.
    Title,
    /// By outlet.
    Outlet,
}

impl From<SortKey> for SortOrder {
    fn from(key: SortKey) -> Self {
        match key {
            SortKey::Saved => SortOrder::SavedNewest,
            SortKey::Published => SortOrder::PublishedNewest,
            SortKey::Title => SortOrder::Title,
            SortKey::Outlet => SortOrder::Outlet,
        }
    }
}

/// One page of a list, asked for by the UI as it scrolls.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    /// Where from.
    pub source: ListSource,
    /// In which order.
    pub sort: SortKey,
    /// Rows to skip.
    pub offset: u32,
    /// Rows wanted, 1 to [`MAX_PAGE_ROWS`].
    pub limit: u32,
}

/// The most rows one list request may ask for.
pub const MAX_PAGE_ROWS: u32 = 1000;

/// A row of the clipping list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClippingRow {
    /// Its id.
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet (site name).
    pub outlet: Option<String>,
    /// Authors.
    pub byline: Option<String>,
    /// Publication date as the page gave it (ISO 8601).
    pub published: Option<String>,
    /// When it was saved (RFC 3339 UTC).
    pub saved_at: String,
    /// Its folder; `null` for the Inbox.
    pub folder: Option<i64>,
    /// Its tags.
    pub tags: Vec<String>,
    /// The address it was saved from.
    pub url: String,
    /// Short summary.
    pub excerpt: Option<String>,
    /// Words in the body.
    pub word_count: u32,
    /// The kind of page it was taken from, by the core's names (`article`, `forum`, `product`, `documentation`,
    /// `listing`, `collection`, `service`).
    pub kind: String,
    /// Whether the extractor was unsure it found the page's content.
    pub low_confidence: bool,
}

impl From<ClippingSummary> for ClippingRow {
    fn from(summary: ClippingSummary) -> Self {
        ClippingRow {
            id: summary.id.0,
            title: summary.title,
            outlet: summary.site_name,
            byline: summary.byline,
            published: summary.published,
            saved_at: summary.saved_at,
            folder: summary.folder.map(|f| f.0),
            tags: summary.tags,
            url: summary.url,
            excerpt: summary.excerpt,
            word_count: summary.word_count,
            kind: summary.kind.as_str().to_string(),
            low_confidence: summary.low_confidence,
        }
    }
}

/// A note on a clipping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    /// Its id.
    pub id: i64,
    /// Markdown text.
    pub body: String,
    /// When it was written.
    pub created_at: String,
    /// When it was last edited.
    pub edited_at: String,
}

impl From<Note> for NoteView {
    fn from(note: Note) -> Self {
        NoteView { id: note.id.0, body: note.body, created_at: note.created_at, edited_at: note.edited_at }
    }
}

/// A clipping as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClippingView {
    /// What the list shows.
    pub row: ClippingRow,
    /// Canonical address the page declared.
    pub canonical_url: Option<String>,
    /// Language tag, for the reader's `lang` attribute.
    pub lang: Option<String>,
    /// Lead image address.
    pub lead_image: Option<String>,
    /// The article HTML, sanitised by the core before it was stored.
    pub html: String,
    /// Notes, oldest first.
    pub notes: Vec<NoteView>,
    /// Whether the page was sent by the browser extension as the browser showed it (the reader says so).
    pub from_browser: bool,
}

impl From<Clipping> for ClippingView {
    fn from(clipping: Clipping) -> Self {
        ClippingView {
            row: clipping.summary.into(),
            canonical_url: clipping.canonical_url,
            lang: clipping.lang,
            lead_image: clipping.lead_image,
            html: clipping.html,
            notes: clipping.notes.into_iter().map(NoteView::from).collect(),
            from_browser: clipping.source == Some(ClipSource::Browser),
        }
    }
}

/// An entry of the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrashEntry {
    /// Its id, to restore it.
    pub id: i64,
    /// "clipping" or "folder".
    pub kind: TrashEntryKind,
    /// Clipping title or folder name.
    pub title: String,
    /// Names of the folders it was in, from the top; empty for the Inbox or the top level.
    pub original_path: Vec<String>,
    /// Clippings it holds (1 for a clipping).
    pub clipping_count: u32,
    /// When it was deleted.
    pub trashed_at: String,
}

/// What a trash entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TrashEntryKind {
    /// One clipping.
    Clipping,
    /// A folder with its contents.
    Folder,
}

impl From<TrashItem> for TrashEntry {
    fn from(item: TrashItem) -> Self {
        TrashEntry {
            id: item.id.0,
            kind: match item.kind {
                TrashKind::Clipping => TrashEntryKind::Clipping,
                TrashKind::Folder => TrashEntryKind::Folder,
            },
            title: item.title,
            original_path: item.original_path,
            clipping_count: item.clipping_count,
            trashed_at: item.trashed_at,
        }
    }
}

/// A page made into an article, held by the shell until it is saved or discarded; what the clip dialog previews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClipPreview {
    /// Names the held page in [`SaveClipRequest`] and `discard_clip`.
    pub token: u64,
    /// The address the page came from (after redirects).
    pub url: String,
    /// Headline.
    pub title: String,
    /// Outlet (site name).
    pub outlet: Option<String>,
    /// Authors.
    pub byline: Option<String>,
    /// Publication date (ISO 8601).
    pub published: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// Words in the body.
    pub word_count: u32,
    /// The cleaned article HTML, sanitised by the core.
    pub html: String,
    /// The kind of page, by the core's names (as [`ClippingRow::kind`]).
    pub kind: String,
    /// The extractor was unsure it found the page's content: the dialog says so and offers `wholePage`.
    pub low_confidence: bool,
    /// The whole page's readable text, offered beside an unsure extraction; saved instead when the save asks for
    /// it ([`SaveClipRequest::whole_page`]).
    pub whole_page: Option<WholePagePreview>,
    /// How the page reached Cuttings, by the core's names: `web` (fetched), `file` or `browser` (Cuttings' browser).
    pub source: String,
    /// Why the page is better clipped in Cuttings' browser (the core's rule: the page is a cookie-consent wall);
    /// `null` when it is not.
    pub browser_would_help: Option<BrowserReason>,
}

/// Why a page is better clipped in Cuttings' browser, by the core's rule (`cuttings::clip::browser_reason`): the
/// clip dialog words it and offers the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BrowserReason {
    /// The site wants a login (it answered 401 or 403).
    Login,
    /// The page is a cookie-consent wall.
    ConsentWall,
    /// The page is built by script (no article in it as served).
    Script,
}

impl From<cuttings::clip::BrowserReason> for BrowserReason {
    fn from(reason: cuttings::clip::BrowserReason) -> Self {
        match reason {
            cuttings::clip::BrowserReason::Login => BrowserReason::Login,
            cuttings::clip::BrowserReason::ConsentWall => BrowserReason::ConsentWall,
            cuttings::clip::BrowserReason::Script => BrowserReason::Script,
        }
    }
}

/// A page clipped with "Clip this page" in Cuttings' browser, handed to the main window's clip dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BrowserClip {
    /// The page, prepared and held: the clip dialog opens on it.
    Prepared { preview: Box<ClipPreview> },
    /// The page could not be clipped.
    Failed { error: crate::error::CommandError },
}

/// The whole readable page, as the clip dialog previews it beside an unsure extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WholePagePreview {
    /// Words in it.
    pub word_count: u32,
    /// Its HTML, sanitised by the core.
    pub html: String,
}

impl ClipPreview {
    /// The preview of a prepared page held under `token`.
    pub fn new(token: u64, prepared: &cuttings::clip::PreparedClipping) -> Self {
        let article = &prepared.article;
        ClipPreview {
            token,
            url: prepared.url.to_string(),
            title: article.title.clone(),
            outlet: article.site_name.clone(),
            byline: article.byline.clone(),
            published: article.published.clone(),
            lang: article.lang.clone(),
            word_count: article.word_count,
            html: article.html.clone(),
            kind: article.kind.as_str().to_string(),
            low_confidence: article.confidence == cuttings::extract::Confidence::Low,
            whole_page: prepared
                .whole_page
                .as_ref()
                .map(|whole| WholePagePreview { word_count: whole.word_count, html: whole.html.clone() }),
            source: prepared.source.as_str().to_string(),
            browser_would_help: cuttings::clip::prepared_reason(prepared).map(BrowserReason::from),
        }
    }
}

/// Where and how to save a previewed page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveClipRequest {
    /// The UI's number for this save, which `cancel_clip` takes.
    pub request: u64,
    /// The preview's token.
    pub token: u64,
    /// Folder; `null` for the Inbox.
    pub folder: Option<i64>,
    /// Tags to give it.
    pub tags: Vec<String>,
    /// A first note (Markdown); empty or `null` for none.
    pub note: Option<String>,
    /// Save a second copy even if the address is already in the library.
    pub allow_duplicate: bool,
    /// Save the whole readable page offered beside an unsure extraction ([`ClipPreview::whole_page`]) instead.
    #[serde(default)]
    pub whole_page: bool,
}

/// Progress of a save: the article's images downloaded so far (stored or failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveProgress {
    /// Images finished.
    pub images_done: u32,
    /// Images the article has.
    pub images_total: u32,
}

/// What "Load images" did for a clipping: the images that were missing, and how many of them are now stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImagesLoaded {
    /// Images that were missing and were tried.
    pub tried: u32,
    /// Of those, images now stored in the library.
    pub stored: u32,
}

impl From<&cuttings::archive::RefetchReport> for ImagesLoaded {
    fn from(report: &cuttings::archive::RefetchReport) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ImagesLoaded { tried: count(report.tried), stored: count(report.stored) }
    }
}

/// What saving a previewed page did.
// Made once per save and serialised at once: the size of the duplicate variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SaveOutcome {
    /// Saved under this id.
    Added {
        /// The new clipping.
        id: i64,
    },
    /// Not saved: the library already has this address. The page stays held, to save anyway or discard.
    Duplicate {
        /// The clipping already there.
        existing: ClippingRow,
    },
}

/// Editable metadata of a clipping; every field is written (an empty text clears an optional one).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MetadataEdit {
    /// Headline (required).
    pub title: String,
    /// Authors.
    pub byline: String,
    /// Outlet.
    pub outlet: String,
    /// Publication date, `YYYY-MM-DD` or empty.
    pub published: String,
}

impl MetadataEdit {
    /// The core's edit: trimmed texts, empty ones cleared.
    pub fn to_core(&self) -> cuttings::store::ClippingEdit {
        let optional = |s: &str| Some(Some(s.trim().to_string()).filter(|s| !s.is_empty()));
        cuttings::store::ClippingEdit {
            title: Some(self.title.trim().to_string()),
            byline: optional(&self.byline),
            site_name: optional(&self.outlet),
            published: optional(&self.published),
            ..Default::default()
        }
    }
}

/// A search as the search bar sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    /// The query in the documented syntax (words, "phrases", prefix*, -exclude, tag:x, site:x, …).
    pub query: String,
    /// Only this folder (with its subfolders).
    pub folder: Option<i64>,
    /// Only clippings with all of these tags.
    pub tags: Vec<String>,
    /// Only this outlet.
    pub outlet: Option<String>,
    /// Published on or after, `YYYY-MM-DD`.
    pub published_after: Option<String>,
    /// Published before, `YYYY-MM-DD`.
    pub published_before: Option<String>,
    /// Results wanted, 1 to [`MAX_PAGE_ROWS`].
    pub limit: u32,
}

impl SearchRequest {
    /// The core's filters.
    pub fn filters(&self) -> cuttings::store::SearchFilters {
        let text = |s: &Option<String>| s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        cuttings::store::SearchFilters {
            folder: self.folder.map(FolderId),
            include_subfolders: true,
            tags: self.tags.clone(),
            outlet: text(&self.outlet),
            published_after: text(&self.published_after),
            published_before: text(&self.published_before),
            ..Default::default()
        }
    }
}

/// One search result: the row, and a snippet whose matches are wrapped in `[[` and `]]`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    /// The clipping found.
    pub row: ClippingRow,
    /// About 200 characters around the first match; matches between `[[` and `]]`.
    pub snippet: String,
    /// Where the snippet was found (a highlight first).
    pub found_in: FoundIn,
    /// That place in words, shown beside the snippet ("in a highlight"); `null` for the article's text.
    pub found_in_label: Option<String>,
    /// Relevance, higher is better.
    pub rank: f64,
}

impl From<cuttings::store::SearchHit> for SearchResult {
    fn from(hit: cuttings::store::SearchHit) -> Self {
        SearchResult {
            row: hit.clipping.into(),
            snippet: hit.snippet,
            found_in: hit.found_in.into(),
            found_in_label: hit.found_in.label().map(String::from),
            rank: hit.rank,
        }
    }
}

/// Where a search result's snippet was found, as the core says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FoundIn {
    /// A highlighted passage or a highlight's comment.
    Highlight,
    /// The article's text.
    Text,
    /// A note.
    Note,
    /// The title.
    Title,
    /// The excerpt.
    Excerpt,
}

impl From<cuttings::store::FoundIn> for FoundIn {
    fn from(found_in: cuttings::store::FoundIn) -> Self {
        use cuttings::store::FoundIn as Core;
        match found_in {
            Core::Highlight => FoundIn::Highlight,
            Core::Text => FoundIn::Text,
            Core::Note => FoundIn::Note,
            Core::Title => FoundIn::Title,
            Core::Excerpt => FoundIn::Excerpt,
        }
    }
}

/// Which clippings to export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportSource {
    /// A folder's clippings.
    Folder {
        /// The folder.
        id: i64,
        /// With those of its subfolders.
        #[serde(rename = "includeSubfolders")]
        include_subfolders: bool,
    },
    /// The clippings with a tag.
    Tag {
        /// The tag.
        name: String,
    },
    /// The result of a search (the library's query syntax).
    Search {
        /// The query.
        query: String,
    },
    /// Clippings picked by hand (a selection, or a filtered search's results), in this order.
    Clippings {
        /// Their ids.
        ids: Vec<i64>,
    },
    /// The clippings in no folder.
    Inbox,
    /// Every clipping not in the trash.
    All,
}

impl ExportSource {
    /// The core's selection.
    pub fn selection(&self) -> Selection {
        match self {
            ExportSource::Folder { id, include_subfolders } => {
                Selection::Folder { id: FolderId(*id), include_subfolders: *include_subfolders }
            }
            ExportSource::Tag { name } => Selection::Tag(name.clone()),
            ExportSource::Search { query } => Selection::Search(query.clone()),
            ExportSource::Clippings { ids } => Selection::Ids(ids.iter().copied().map(ClippingId).collect()),
            ExportSource::Inbox => Selection::Inbox,
            ExportSource::All => Selection::All,
        }
    }
}

/// What an export makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// A press-review PDF file.
    Pdf,
    /// A folder of Markdown files with their images.
    Markdown,
}

/// The order of the clippings in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportOrder {
    /// Oldest publication first.
    Published,
    /// By outlet, then date.
    Outlet,
    /// By folder, then date.
    Folder,
    /// As selected (by hand, best search match first, newest saved first).
    Given,
}

impl From<ExportOrder> for Order {
    fn from(order: ExportOrder) -> Self {
        match order {
            ExportOrder::Published => Order::Published,
            ExportOrder::Outlet => Order::Outlet,
            ExportOrder::Folder => Order::Folder,
            ExportOrder::Given => Order::Given,
        }
    }
}

/// How the contents of a PDF are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportGrouping {
    /// One list.
    None,
    /// Under each folder.
    Folder,
    /// Under each outlet.
    Outlet,
}

impl From<ExportGrouping> for Grouping {
    fn from(grouping: ExportGrouping) -> Self {
        match grouping {
            ExportGrouping::None => Grouping::None,
            ExportGrouping::Folder => Grouping::Folder,
            ExportGrouping::Outlet => Grouping::Outlet,
        }
    }
}

/// How a Markdown export marks highlighted passages in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportMarkStyle {
    /// `==passage==`.
    #[default]
    Equals,
    /// `<mark>passage</mark>`.
    Html,
}

impl From<ExportMarkStyle> for MarkStyle {
    fn from(style: ExportMarkStyle) -> Self {
        match style {
            ExportMarkStyle::Equals => MarkStyle::Equals,
            ExportMarkStyle::Html => MarkStyle::Html,
        }
    }
}

/// One export, as the export dialog asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// The UI's number for this export, which `cancel_export` takes.
    pub request: u64,
    /// What to export.
    pub source: ExportSource,
    /// PDF or Markdown.
    pub format: ExportFormat,
    /// Order of the clippings.
    pub order: ExportOrder,
    /// Title of the review; empty or `null` for one made from the selection.
    pub title: Option<String>,
    /// Grouping of a PDF's contents.
    pub grouping: ExportGrouping,
    /// Markdown: one combined file instead of one file per clipping.
    pub combined: bool,
    /// PDF: a digest (each clipping's source line, key passages and notes, without its article).
    pub digest: bool,
    /// Markdown: how highlighted passages are marked in the text.
    pub mark: ExportMarkStyle,
    /// The new file (PDF) or folder (Markdown) to write, as chosen in the save dialog.
    pub target: String,
}

impl ExportRequest {
    /// The core's request, writing to `target` (the checked form of [`ExportRequest::target`]). Stored images
    /// first, then the web: the window exports as the command line does without `--no-images`.
    pub fn core(&self, target: &std::path::Path) -> cuttings::export::ExportRequest {
        let format = match self.format {
            ExportFormat::Pdf => cuttings::export::ExportFormat::Pdf(PdfOptions {
                grouping: self.grouping.into(),
                date: None,
                digest: self.digest,
            }),
            ExportFormat::Markdown => cuttings::export::ExportFormat::Markdown(MarkdownOptions {
                combined: self.combined,
                mark: self.mark.into(),
            }),
        };
        cuttings::export::ExportRequest {
            selection: self.source.selection(),
            order: self.order.into(),
            title: self.title.clone(),
            format,
            images: ImageOrigin::LibraryThenWeb,
            target: target.to_path_buf(),
        }
    }
}

/// What an export is doing, for its progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportStep {
    /// Reading clippings.
    Reading,
    /// Loading images.
    Images,
    /// Writing files.
    Writing,
    /// Laying out pages (one step that cannot be interrupted).
    Layout,
    /// Saving the file.
    Saving,
}

/// One progress report of an export: `done` of `total` units of `step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgressReport {
    /// The current step.
    pub step: ExportStep,
    /// Units finished.
    pub done: u32,
    /// Units in the step.
    pub total: u32,
}

impl From<ExportProgress> for ExportProgressReport {
    fn from(progress: ExportProgress) -> Self {
        let step = match progress.stage {
            ExportStage::Reading => ExportStep::Reading,
            ExportStage::Images => ExportStep::Images,
            ExportStage::Writing => ExportStep::Writing,
            ExportStage::Layout => ExportStep::Layout,
            ExportStage::Saving => ExportStep::Saving,
        };
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ExportProgressReport { step, done: count(progress.done), total: count(progress.total) }
    }
}

/// What a finished export made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// The file or folder written.
    pub path: String,
    /// Clippings in it.
    pub clippings: u32,
    /// Pages of a PDF; `null` for Markdown.
    pub pages: Option<u32>,
    /// Images included.
    pub images: u32,
    /// Images that could not be loaded (a placeholder in the PDF, the original address in Markdown).
    pub missing_images: u32,
    /// Things the user should know (a font missing for some characters, …); empty when all went well.
    pub warnings: Vec<String>,
}

impl From<PdfReport> for ExportSummary {
    fn from(report: PdfReport) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut warnings = report.warnings;
        if !report.missing_glyphs.is_empty() {
            let chars: String = report.missing_glyphs.iter().collect();
            warnings.push(format!("no installed font can draw {chars}; install the Noto fonts and export again"));
        }
        ExportSummary {
            path: report.path.display().to_string(),
            clippings: count(report.clippings),
            pages: Some(count(report.pages)),
            images: count(report.images),
            missing_images: count(report.placeholders),
            warnings,
        }
    }
}

impl From<ExportOutcome> for ExportSummary {
    fn from(outcome: ExportOutcome) -> Self {
        match outcome {
            ExportOutcome::Markdown(report) => report.into(),
            ExportOutcome::Pdf(report) => report.into(),
        }
    }
}

impl From<MarkdownReport> for ExportSummary {
    fn from(report: MarkdownReport) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ExportSummary {
            path: report.path.display().to_string(),
            clippings: count(report.clippings),
            pages: None,
            images: count(report.images_saved),
            missing_images: count(report.images_missing),
            warnings: Vec::new(),
        }
    }
}

// --- The clipping queue and imports ------------------------------------------------------------------------------

/// Where a queued job stands, by the core's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum QueueJobState {
    /// Waiting (perhaps until a later try).
    Queued,
    /// Being clipped now.
    Running,
    /// Saved as a clipping.
    Done,
    /// Already in the library: nothing saved.
    Duplicate,
    /// Could not be clipped; the error says why.
    Failed,
    /// Cancelled before it ran.
    Cancelled,
}

impl From<JobState> for QueueJobState {
    fn from(state: JobState) -> Self {
        match state {
            JobState::Queued => QueueJobState::Queued,
            JobState::Running => QueueJobState::Running,
            JobState::Done => QueueJobState::Done,
            JobState::Duplicate => QueueJobState::Duplicate,
            JobState::Failed => QueueJobState::Failed,
            JobState::Cancelled => QueueJobState::Cancelled,
        }
    }
}

/// One address of the queue, for the queue panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueJobRow {
    /// Its id, for retrying or cancelling it.
    pub id: i64,
    /// The batch it came in (a pasted list, an import).
    pub batch: i64,
    /// The address.
    pub url: String,
    /// Where it stands.
    pub state: QueueJobState,
    /// Tries so far.
    pub tries: u32,
    /// The title an export gave it, if any.
    pub title: Option<String>,
    /// The last failure's stable code (a clip error's), for the UI to branch on.
    pub error_code: Option<String>,
    /// The last failure in the core's words.
    pub error_message: Option<String>,
    /// A copy of the gone page in the Wayback Machine, which "Clip the archived copy" clips.
    pub archived_copy: Option<String>,
    /// The clipping it made, or the one already in the library.
    pub clipping: Option<i64>,
    /// That clipping's title, when the overview looked it up.
    pub clipping_title: Option<String>,
}

impl From<QueueJob> for QueueJobRow {
    fn from(job: QueueJob) -> Self {
        QueueJobRow {
            id: job.id.0,
            batch: job.batch.0,
            url: job.url,
            state: job.state.into(),
            tries: job.tries,
            title: job.title,
            error_code: job.error_code,
            error_message: job.error_message,
            archived_copy: job.archived_copy,
            clipping: job.clipping.map(|c| c.0),
            clipping_title: None,
        }
    }
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueTally {
    /// Waiting.
    pub queued: u32,
    /// Being clipped now.
    pub running: u32,
    /// Saved.
    pub done: u32,
    /// Already in the library.
    pub duplicate: u32,
    /// Failed for good (until retried).
    pub failed: u32,
    /// Cancelled.
    pub cancelled: u32,
}

impl From<QueueCounts> for QueueTally {
    fn from(counts: QueueCounts) -> Self {
        let n = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        QueueTally {
            queued: n(counts.queued),
            running: n(counts.running),
            done: n(counts.done),
            duplicate: n(counts.duplicate),
            failed: n(counts.failed),
            cancelled: n(counts.cancelled),
        }
    }
}

/// Who works the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum QueueWorkerState {
    /// This window is taking the queue (at start).
    Starting,
    /// This window works the queue.
    Running,
    /// Another program (`cuttings queue run`, a second window) works it; this window watches.
    OtherProgram,
    /// This window could not work it; the text says why.
    Failed(String),
}

/// The queue as the queue panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueOverview {
    /// Jobs in each state, all batches.
    pub counts: QueueTally,
    /// The jobs under way and waiting (in the order they are worked), then the failed ones, then the most
    /// recently finished: each list limited.
    pub jobs: Vec<QueueJobRow>,
    /// Whether this window's worker is paused.
    pub paused: bool,
    /// Who works the queue.
    pub worker: QueueWorkerState,
}

/// What the worker reports on the `watch_queue` channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum QueueEventReport {
    /// A job started.
    Started {
        /// The job as it now stands.
        job: QueueJobRow,
    },
    /// A try ended (done, duplicate, failed, or queued again for later).
    Finished {
        /// The job as it now stands.
        job: QueueJobRow,
    },
}

/// Addresses pasted into the clip dialog, to queue with one filing.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueAddressesRequest {
    /// The text holding the addresses (one per line, or running text with links).
    pub text: String,
    /// The folder to file them in; `null` for the Inbox.
    pub folder: Option<i64>,
    /// Tags, as typed.
    pub tags: Vec<String>,
    /// A first note on each.
    pub note: Option<String>,
}

/// What queueing did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnqueueSummary {
    /// Addresses queued to be clipped.
    pub queued: u32,
    /// Addresses already in the library (not fetched again).
    pub already_in_library: u32,
    /// Addresses already waiting in the queue.
    pub already_queued: u32,
    /// Folders made for them, as paths.
    pub created_folders: Vec<String>,
}

impl From<EnqueueReport> for EnqueueSummary {
    fn from(report: EnqueueReport) -> Self {
        let n = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        EnqueueSummary {
            queued: n(report.queued),
            already_in_library: n(report.already_in_library.len() as u64),
            already_queued: n(report.already_queued),
            created_folders: report.created_folders,
        }
    }
}

/// The services whose exports Cuttings imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportService {
    /// Pocket's export `.zip`, `ril_export.html` or annotations JSON.
    Pocket,
    /// Omnivore's export `.zip`.
    Omnivore,
    /// Instapaper's CSV.
    Instapaper,
    /// wallabag's JSON.
    Wallabag,
    /// A browser's bookmarks file.
    Bookmarks,
}

impl From<ImportService> for ImportFormat {
    fn from(service: ImportService) -> Self {
        match service {
            ImportService::Pocket => ImportFormat::Pocket,
            ImportService::Omnivore => ImportFormat::Omnivore,
            ImportService::Instapaper => ImportFormat::Instapaper,
            ImportService::Wallabag => ImportFormat::Wallabag,
            ImportService::Bookmarks => ImportFormat::Bookmarks,
        }
    }
}

/// What items read or archived in the other service become.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ImportReadAs {
    /// This tag.
    Tag {
        /// The tag.
        name: String,
    },
    /// This folder path, under the import's folder.
    Folder {
        /// The path (`Archive`).
        path: String,
    },
    /// Nothing.
    Nothing,
}

impl From<ImportReadAs> for ReadAs {
    fn from(read_as: ImportReadAs) -> Self {
        match read_as {
            ImportReadAs::Tag { name } => ReadAs::Tag(name),
            ImportReadAs::Folder { path } => ReadAs::Folder(path),
            ImportReadAs::Nothing => ReadAs::Nothing,
        }
    }
}

/// An export to preview, as the import dialog asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    /// The service it comes from.
    pub service: ImportService,
    /// The export file (as chosen with `choose_import_file`).
    pub path: String,
    /// The folder path to import into (`Imported/Pocket`, made if missing); `null` for the Inbox.
    pub folder: Option<String>,
    /// What read or archived items become.
    pub read_as: ImportReadAs,
}

/// What an import will bring in, before anything is queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Names the plan for `start_import`.
    pub token: u64,
    /// The batch's label ("Pocket import of pocket.zip").
    pub label: String,
    /// Items with a web address, to queue.
    pub items: u32,
    /// Items whose article is in the export (not fetched).
    pub with_content: u32,
    /// Items already in the library or the queue (not clipped again; their highlights are added).
    pub already_present: u32,
    /// The folder paths the items go to.
    pub folders: Vec<String>,
    /// The tags the items bring.
    pub tags: Vec<String>,
    /// Highlights carried (highlighted where the text has the passage, else kept in a note).
    pub highlights: u32,
    /// Records left out because they are not web pages.
    pub skipped_not_web: u32,
}

impl ImportPreview {
    /// The preview of `plan`, held under `token`.
    pub fn of(token: u64, plan: &ImportPlan) -> Self {
        let n = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ImportPreview {
            token,
            label: plan.label(),
            items: n(plan.jobs.len()),
            with_content: n(plan.with_content),
            already_present: n(plan.already_present),
            folders: plan.folders.clone(),
            tags: plan.tags.clone(),
            highlights: n(plan.highlights),
            skipped_not_web: n(plan.skipped_not_web),
        }
    }
}

/// A highlight's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HighlightColour {
    /// Yellow (the default).
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
}

impl From<Colour> for HighlightColour {
    fn from(colour: Colour) -> Self {
        match colour {
            Colour::Yellow => HighlightColour::Yellow,
            Colour::Green => HighlightColour::Green,
            Colour::Blue => HighlightColour::Blue,
            Colour::Pink => HighlightColour::Pink,
        }
    }
}

impl From<HighlightColour> for Colour {
    fn from(colour: HighlightColour) -> Self {
        match colour {
            HighlightColour::Yellow => Colour::Yellow,
            HighlightColour::Green => Colour::Green,
            HighlightColour::Blue => Colour::Blue,
            HighlightColour::Pink => Colour::Pink,
        }
    }
}

/// A highlight as the reader shows it; sent back whole to undo its removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HighlightView {
    /// Its id.
    pub id: i64,
    /// The clipping it marks.
    pub clipping: i64,
    /// The passage as it reads in the clipping's text.
    pub exact: String,
    /// Text just before the passage, to tell repeats apart.
    pub prefix: String,
    /// Text just after the passage.
    pub suffix: String,
    /// Start in characters of the clipping's plain text; `null` when detached.
    pub start: Option<u32>,
    /// End in characters of the clipping's plain text; `null` when detached.
    pub end: Option<u32>,
    /// Its colour.
    pub colour: HighlightColour,
    /// The reader's comment (Markdown).
    pub comment: Option<String>,
    /// Whether the passage is no longer in the clipping's text.
    pub detached: bool,
    /// When it was made.
    pub created_at: String,
    /// When it was last changed.
    pub modified_at: String,
}

impl From<Highlight> for HighlightView {
    fn from(highlight: Highlight) -> Self {
        let detached = highlight.is_detached();
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        HighlightView {
            id: highlight.id.0,
            clipping: highlight.clipping.0,
            start: highlight.selectors.position.map(|(start, _)| to_u32(start)),
            end: highlight.selectors.position.map(|(_, end)| to_u32(end)),
            exact: highlight.selectors.exact,
            prefix: highlight.selectors.prefix,
            suffix: highlight.selectors.suffix,
            colour: highlight.colour.into(),
            comment: highlight.comment,
            detached,
            created_at: highlight.created_at,
            modified_at: highlight.modified_at,
        }
    }
}

impl HighlightView {
    /// The core's highlight, to put back a removed one.
    pub fn to_core(&self) -> Highlight {
        Highlight {
            id: HighlightId(self.id),
            clipping: ClippingId(self.clipping),
            selectors: Selectors {
                exact: self.exact.clone(),
                prefix: self.prefix.clone(),
                suffix: self.suffix.clone(),
                position: self.start.zip(self.end).map(|(start, end)| (start as usize, end as usize)),
            },
            colour: self.colour.into(),
            comment: self.comment.clone(),
            created_at: self.created_at.clone(),
            modified_at: self.modified_at.clone(),
        }
    }
}

#[cfg(test)]
mod queue_tests {
    use super::*;

    #[test]
    fn an_import_request_reads_as_the_import_dialog_sends_it() {
        let request: ImportRequest = serde_json::from_value(serde_json::json!({
            "service": "pocket",
            "path": "/home/me/pocket.zip",
            "folder": "Imported/Pocket",
            "readAs": { "kind": "folder", "path": "Archive" },
        }))
        .unwrap();
        assert_eq!(ImportFormat::from(request.service), ImportFormat::Pocket);
        assert_eq!(ReadAs::from(request.read_as), ReadAs::Folder("Archive".into()));
        let nothing: ImportReadAs = serde_json::from_value(serde_json::json!({ "kind": "nothing" })).unwrap();
        assert_eq!(ReadAs::from(nothing), ReadAs::Nothing);
    }

    #[test]
    fn what_queueing_did_counts_the_addresses_already_in_the_library() {
        let report = EnqueueReport {
            batch: None,
            queued: 2,
            already_in_library: vec![("https://news.example/a".into(), ClippingId(4))],
            already_queued: 1,
            created_folders: vec!["Imported".into()],
        };
        let json = serde_json::to_value(EnqueueSummary::from(report)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "queued": 2, "alreadyInLibrary": 1, "alreadyQueued": 1, "createdFolders": ["Imported"] })
        );
    }
}

#[cfg(test)]
mod highlight_tests {
    use super::*;

    #[test]
    fn a_removed_highlight_comes_back_from_the_ui_as_it_left() {
        let highlight = Highlight {
            id: HighlightId(7),
            clipping: ClippingId(3),
            selectors: Selectors {
                exact: "the passage".into(),
                prefix: "before ".into(),
                suffix: " after".into(),
                position: Some((7, 18)),
            },
            colour: Colour::Green,
            comment: Some("*why*".into()),
            created_at: "2026-01-01T00:00:00Z".into(),
            modified_at: "2026-01-02T00:00:00Z".into(),
        };
        let json = serde_json::to_value(HighlightView::from(highlight.clone())).unwrap();
        assert_eq!(json["colour"], "green");
        assert_eq!(json["detached"], false);
        let back: HighlightView = serde_json::from_value(json).unwrap();
        assert_eq!(back.to_core(), highlight);
    }

    #[test]
    fn a_detached_highlight_has_no_place() {
        let highlight = Highlight {
            id: HighlightId(1),
            clipping: ClippingId(1),
            selectors: Selectors { exact: "gone".into(), prefix: String::new(), suffix: String::new(), position: None },
            colour: Colour::Yellow,
            comment: None,
            created_at: String::new(),
            modified_at: String::new(),
        };
        let view = HighlightView::from(highlight);
        assert!(view.detached);
        assert_eq!((view.start, view.end), (None, None));
    }
}

#[cfg(test)]
mod export_tests {
    use super::*;

    fn request(format: &str, extra: serde_json::Value) -> ExportRequest {
        let mut json = serde_json::json!({
            "request": 1,
            "source": { "kind": "all" },
            "format": format,
            "order": "published",
            "title": null,
            "grouping": "none",
            "combined": false,
            "digest": false,
            "mark": "equals",
            "target": "/tmp/out",
        });
        if let (Some(json), Some(extra)) = (json.as_object_mut(), extra.as_object()) {
            json.extend(extra.clone());
        }
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_dialogs_digest_and_mark_style_reach_the_cores_options() {
        let target = std::path::Path::new("/tmp/out");
        let pdf = |digest: bool| match request("pdf", serde_json::json!({ "digest": digest })).core(target).format {
            cuttings::export::ExportFormat::Pdf(options) => options.digest,
            other => panic!("{other:?}"),
        };
        assert!(!pdf(false), "the default is the whole review");
        assert!(pdf(true));
        let markdown = |mark: &str| match request("markdown", serde_json::json!({ "mark": mark })).core(target).format {
            cuttings::export::ExportFormat::Markdown(options) => options.mark,
            other => panic!("{other:?}"),
        };
        assert_eq!(markdown("equals"), MarkStyle::Equals);
        assert_eq!(markdown("html"), MarkStyle::Html);
    }
}
