//! The library's public data types: ids, folders, clippings, notes, tags, trash items, search hits.
//!
//! Plain data, no SQL. Times are RFC 3339 UTC strings with milliseconds (`2026-11-28T04:11:20.123Z`), so they sort
//! as text.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::extract::PageKind;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Id of a folder; never reused, even after the folder is destroyed.
    FolderId
);
id_type!(
    /// Id of a clipping; never reused, even after the clipping is destroyed.
    ClippingId
);
id_type!(
    /// Id of a note; never reused.
    NoteId
);
id_type!(
    /// Id of an entry in the trash; never reused.
    TrashItemId
);

/// A folder of the library. The Inbox is not a folder: it is "no folder" (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Folder {
    /// Its id.
    pub id: FolderId,
    /// The folder it is in; `None` at the top level.
    pub parent: Option<FolderId>,
    /// Its name, unique among its siblings ignoring case.
    pub name: String,
    /// Its place among its siblings, from 0.
    pub position: i64,
    /// Live clippings directly in this folder (not in its subfolders).
    pub clipping_count: u32,
}

/// What a list of clippings shows about each one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClippingSummary {
    /// Its id.
    pub id: ClippingId,
    /// Headline.
    pub title: String,
    /// Outlet (site name).
    pub site_name: Option<String>,
    /// Authors.
    pub byline: Option<String>,
    /// Publication date as the page gave it (ISO 8601).
    pub published: Option<String>,
    /// When it was saved, RFC 3339 UTC.
    pub saved_at: String,
    /// Its folder; `None` means the Inbox.
    pub folder: Option<FolderId>,
    /// Its tags, sorted ignoring case.
    pub tags: Vec<String>,
    /// The URL it was saved from.
    pub url: String,
    /// Short summary.
    pub excerpt: Option<String>,
    /// Words in the body.
    pub word_count: u32,
    /// The kind of page it was taken from.
    #[serde(default)]
    pub kind: PageKind,
    /// Whether the extractor was unsure it found the page's content (the reader says so).
    #[serde(default)]
    pub low_confidence: bool,
    /// Whether the body is the whole page's readable text, chosen where the extractor found no article or was
    /// unsure (`Article::whole_page`).
    #[serde(default)]
    pub whole_page: bool,
}

/// One clipping with everything stored about it except the original page bytes (see `Library::original_page`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clipping {
    /// What lists show.
    pub summary: ClippingSummary,
    /// Canonical URL the page declared.
    pub canonical_url: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// URL of the lead image.
    pub lead_image: Option<String>,
    /// Sanitised article HTML.
    pub html: String,
    /// Plain text of the article.
    pub text: String,
    /// The article as Markdown.
    pub markdown: String,
    /// Notes, oldest first.
    pub notes: Vec<Note>,
    /// SHA-256 (hex) of the original page bytes.
    pub content_hash: String,
    /// Size in bytes of the original page before compression.
    pub original_size: u64,
    /// Row creation time.
    pub created_at: String,
    /// Last change to the clipping, its tags or its folder.
    pub modified_at: String,
    /// Whether the clipping is in the trash (directly or with its folder).
    pub in_trash: bool,
    /// How its page reached Cuttings; `None` for clippings saved before the library recorded it.
    #[serde(default)]
    pub source: Option<ClipSource>,
}

/// A Markdown note attached to a clipping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// The clipping it belongs to.
    pub clipping: ClippingId,
    /// Markdown text.
    pub body: String,
    /// When it was written.
    pub created_at: String,
    /// When it was last edited (equal to `created_at` until then).
    pub edited_at: String,
}

/// A tag and how many live clippings carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag as first written (or as last renamed).
    pub name: String,
    /// Live clippings with this tag.
    pub count: u32,
}

/// Where to list clippings from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClippingFilter {
    /// Every live clipping.
    All,
    /// Clippings in no folder.
    Inbox,
    /// Clippings of one folder, optionally with those of all its subfolders.
    Folder {
        /// The folder.
        id: FolderId,
        /// Include clippings of subfolders at any depth.
        include_subfolders: bool,
    },
    /// Clippings carrying this tag (compared ignoring case).
    Tag(String),
}

/// Order of a list of clippings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// Most recently saved first.
    SavedNewest,
    /// Most recently published first; undated ones last.
    PublishedNewest,
    /// By title, ignoring case.
    Title,
    /// By outlet, then most recently saved first.
    Outlet,
}

/// What to save: the extracted article plus where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewClipping {
    /// The URL the page was fetched from.
    pub url: String,
    /// The extracted article.
    pub article: crate::extract::Article,
    /// The page exactly as served (stored compressed).
    pub original_page: Vec<u8>,
    /// Folder to put it in; `None` for the Inbox.
    pub folder: Option<FolderId>,
    /// Tags to give it, as typed: the library cleans them ([`super::clean_tags`]).
    pub tags: Vec<String>,
    /// A first note, if any.
    pub note: Option<String>,
    /// Store it even if the same URL is already in the library.
    pub allow_duplicate: bool,
    /// How the page reached Cuttings.
    pub source: ClipSource,
    /// When the user saved it, when that was before Cuttings (an import keeps the time the other service recorded);
    /// `None` for now. A time that is not RFC 3339 or lies in the future is taken as now.
    #[serde(default)]
    pub saved_at: Option<String>,
}

/// How a clipping's page reached Cuttings: fetched from its address, read from a saved file, or sent by the browser
/// extension as the browser showed it. Stored as its name (`web`, `file`, `browser`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClipSource {
    /// Cuttings fetched the page from its address.
    #[default]
    Web,
    /// A page saved from a browser, read from a file (or dropped on the window).
    File,
    /// The page as the user's browser rendered it, sent by the extension (or another client of the local API).
    Browser,
}

impl ClipSource {
    /// The stable name stored in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            ClipSource::Web => "web",
            ClipSource::File => "file",
            ClipSource::Browser => "browser",
        }
    }

    /// The source with this stable name, if any.
    pub fn from_name(name: &str) -> Option<ClipSource> {
        [ClipSource::Web, ClipSource::File, ClipSource::Browser].into_iter().find(|s| s.as_str() == name)
    }
}

/// Result of adding a clipping.
// The summary is returned by value as the API contract says; an outcome is made once per save, so its size is moot.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddOutcome {
    /// Stored under this id.
    Added(ClippingId),
    /// Not stored: a live clipping has the same normalised URL or canonical URL.
    Duplicate {
        /// The clipping already in the library.
        existing: ClippingSummary,
    },
}

/// Changes to a clipping's editable fields: `None` leaves a field alone; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClippingEdit {
    /// New headline.
    pub title: Option<String>,
    /// New authors.
    pub byline: Option<Option<String>>,
    /// New outlet.
    pub site_name: Option<Option<String>>,
    /// New publication date (ISO 8601).
    pub published: Option<Option<String>>,
    /// New language tag.
    pub lang: Option<Option<String>>,
    /// New summary.
    pub excerpt: Option<Option<String>>,
}

/// What kind of thing a trash entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrashKind {
    /// One clipping.
    Clipping,
    /// A folder with its subfolders and their clippings.
    Folder,
}

/// One entry of the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashItem {
    /// Its id, to restore it.
    pub id: TrashItemId,
    /// Clipping or folder.
    pub kind: TrashKind,
    /// Clipping title or folder name.
    pub title: String,
    /// The clipping, for a clipping entry.
    pub clipping: Option<ClippingId>,
    /// The folder, for a folder entry.
    pub folder: Option<FolderId>,
    /// Names of the folders it was in, from the top; empty for the Inbox or the top level.
    pub original_path: Vec<String>,
    /// Clippings it holds (1 for a clipping entry).
    pub clipping_count: u32,
    /// When it was moved to the trash.
    pub trashed_at: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The clipping found.
    pub clipping: ClippingSummary,
    /// About 200 characters around the first match, each match wrapped in [`HIGHLIGHT_START`] and
    /// [`HIGHLIGHT_END`]; "…" marks cut ends.
    pub snippet: String,
    /// Where the snippet was cut from: the clipping's highlights (their passages and comments) first, then its
    /// text, notes, title and excerpt.
    pub found_in: FoundIn,
    /// Relevance, higher is better (the negated FTS5 bm25 score); 0 when the query had no words.
    pub rank: f64,
}

/// Where a search hit's snippet was found, in the order the sources are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The excerpt (the summary the page gave).
    Excerpt,
}

impl FoundIn {
    /// Where, in words, as the command line and the app say it beside a snippet ("in a highlight"); none for the
    /// article's text, where a reader expects a match.
    pub fn label(self) -> Option<&'static str> {
        match self {
            FoundIn::Highlight => Some("in a highlight"),
            FoundIn::Text => None,
            FoundIn::Note => Some("in a note"),
            FoundIn::Title => Some("in the title"),
            FoundIn::Excerpt => Some("in the summary"),
        }
    }
}

/// Marker put before each match in [`SearchHit::snippet`].
pub const HIGHLIGHT_START: &str = "[[";
/// Marker put after each match in [`SearchHit::snippet`].
pub const HIGHLIGHT_END: &str = "]]";

/// Filters for a search besides those written in the query (the UI's filter bar). All must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchFilters {
    /// Only this folder…
    pub folder: Option<FolderId>,
    /// …and its subfolders.
    pub include_subfolders: bool,
    /// Only clippings carrying all of these tags.
    pub tags: Vec<String>,
    /// Only this outlet (site name, ignoring case, or host name).
    pub outlet: Option<String>,
    /// Published (or, when undated, saved) on or after this day, `YYYY-MM-DD`.
    pub published_after: Option<String>,
    /// Published (or, when undated, saved) before this day, `YYYY-MM-DD`.
    pub published_before: Option<String>,
    /// Saved on or after this day, `YYYY-MM-DD`.
    pub saved_after: Option<String>,
    /// Saved before this day, `YYYY-MM-DD`.
    pub saved_before: Option<String>,
}
