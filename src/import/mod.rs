//! Reading the exports of other read-it-later services and browsers into [`ImportedItem`]s: Pocket, Omnivore,
//! Instapaper, wallabag and Netscape bookmark files (every browser, Raindrop, Linkwarden, Karakeep). Pure: bytes in,
//! items out, no network and no library; the queue (`crate::queue`) files and clips them.
//!
//! A file is read whole before anything is imported: a malformed record fails the import with an [`ImportError`]
//! naming the file and the line or record, so nothing is ever half-imported.

use time::OffsetDateTime;

/// The services and formats Cuttings imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    /// Pocket: the export `.zip` of CSV parts, the legacy `ril_export.html`, or the annotations JSON.
    Pocket,
    /// Omnivore: the export `.zip` (`metadata_*.json`, `content/{slug}.html`, `highlights/{slug}.md`).
    Omnivore,
    /// Instapaper's CSV export (`URL,Title,Selection,Folder,Timestamp`).
    Instapaper,
    /// wallabag's JSON export.
    Wallabag,
    /// A Netscape bookmark file (`<DL><DT><H3>` folders, `<A HREF ADD_DATE TAGS>`).
    Bookmarks,
}

impl ImportFormat {
    /// Every format, in the order the command line and the app list them.
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Pocket,
        ImportFormat::Omnivore,
        ImportFormat::Instapaper,
        ImportFormat::Wallabag,
        ImportFormat::Bookmarks,
    ];

    /// The stable name (`pocket`, `omnivore`, `instapaper`, `wallabag`, `bookmarks`).
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Pocket => "pocket",
            ImportFormat::Omnivore => "omnivore",
            ImportFormat::Instapaper => "instapaper",
            ImportFormat::Wallabag => "wallabag",
            ImportFormat::Bookmarks => "bookmarks",
        }
    }

    /// The format with this stable name, if any.
    pub fn from_name(name: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// Whether the user had read an item, as the export says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadState {
    /// Not read, or the export does not say.
    #[default]
    Unread,
    /// Read (or finished), not archived.
    Read,
    /// Archived (Pocket's "Read Archive", Instapaper's "Archive", wallabag's `is_archived`…).
    Archived,
}

/// A passage the user highlighted in the other service, with their comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedHighlight {
    /// The highlighted text, as the export gives it.
    pub quote: String,
    /// The user's comment on it, if any.
    pub comment: Option<String>,
    /// When it was made, if the export says.
    pub created_at: Option<OffsetDateTime>,
}

/// One saved page of an export: everything the export knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedItem {
    /// Its address (http or https; other items are skipped by the readers, and counted).
    pub url: String,
    /// Its title, if the export has one.
    pub title: Option<String>,
    /// Its tags (labels), as the export spells them.
    pub tags: Vec<String>,
    /// The folder it was in inside the export (bookmark folders, Instapaper folders), outermost first; empty for
    /// none. It is filed under the folder the user picks for the import.
    pub folder: Vec<String>,
    /// When the user saved it in the other service.
    pub saved_at: Option<OffsetDateTime>,
    /// Whether they had read or archived it.
    pub state: ReadState,
    /// The article as the export holds it (HTML): then nothing is fetched.
    pub content_html: Option<String>,
    /// Its author(s), if the export says.
    pub author: Option<String>,
    /// Its publication date (`YYYY-MM-DD…`), if the export says.
    pub published: Option<String>,
    /// A description or a bookmark's note, if any.
    pub description: Option<String>,
    /// The passages the user highlighted.
    pub highlights: Vec<ImportedHighlight>,
}

/// What a file held: the items, and how many records were skipped because they were not web pages (a
/// `javascript:` bookmarklet, a `place:` query…), so that the preview can say so.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedFile {
    pub items: Vec<ImportedItem>,
    pub skipped_not_web: usize,
}

/// Why an export could not be read: the file, where in it, and what is wrong, in words a user can act on.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {reason}", .place.as_ref().map(|p| format!(", {p}")).unwrap_or_default())]
pub struct ImportError {
    /// The file as the user named it.
    pub file: String,
    /// Where in it: "line 12", "record 3", "metadata_0.json, item 5"; `None` for the file as a whole.
    pub place: Option<String>,
    /// What is wrong.
    pub reason: String,
}

impl ImportError {
    /// A stable identifier for the UI.
    pub fn code(&self) -> &'static str {
        "import_malformed"
    }
}
