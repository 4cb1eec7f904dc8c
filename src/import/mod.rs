//! Reading the exports of other read-it-later services and browsers into [`ImportedItem`]s: Pocket, Omnivore,
//! Instapaper, wallabag and Netscape bookmark files (every browser, Raindrop, Linkwarden, Karakeep). Pure: bytes in,
//! items out, no network and no library; the queue (`crate::queue`) files and clips them.
//!
//! A file is read whole before anything is imported: a malformed record fails the import with an [`ImportError`]
//! naming the file and the line or record, so nothing is ever half-imported.
//!
//! [`read_export`] is the one entry point (and [`read_export_file`] for a file on disk); each format has a file of
//! its own (`pocket`, `omnivore`, `instapaper`, `wallabag`, `bookmarks`). What they share: the clean-up of every
//! field (`fields`: entities decoded once, whitespace trimmed, web addresses, times), CSV read by column name
//! (`csv_table`), JSON fields read leniently where the services differ (`json_fields`), HTML read token by token
//! with line numbers (`html_tokens`), and zip archives read in memory within limits (`zipped`).
//!
//! Every rule of the readers: a record whose address is not http(s) is skipped and counted
//! ([`ImportedFile::skipped_not_web`]); a record with no address, an unreadable time, a value of the wrong type or a
//! CSV row of the wrong length fails the file; unknown columns and fields are ignored; an export with no items is an
//! empty [`ImportedFile`], not an error.

mod bookmarks;
mod csv_table;
mod fields;
mod html_tokens;
mod instapaper;
mod json_fields;
mod omnivore;
mod pocket;
mod wallabag;
mod zipped;

use std::io::Read;
use std::path::Path;
use time::OffsetDateTime;

/// The largest export file [`read_export_file`] reads: 1 GiB, the most a zip export may unpack to.
pub const MAX_EXPORT_FILE_BYTES: u64 = zipped::EXPORT_ZIP_LIMITS.max_total_bytes;

/// Reads an export of `format` held in `bytes`: every item it lists, or the first thing wrong with it.
/// `file_name` is the file as the user named it, for the errors.
pub fn read_export(format: ImportFormat, file_name: &str, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    let origin = Origin::file(file_name);
    match format {
        ImportFormat::Pocket => pocket::read(origin, bytes),
        ImportFormat::Omnivore => omnivore::read(origin, bytes),
        ImportFormat::Instapaper => instapaper::read(origin, bytes),
        ImportFormat::Wallabag => wallabag::read(origin, bytes),
        ImportFormat::Bookmarks => bookmarks::read(origin, bytes),
    }
}

/// Reads the export of `format` in the file at `path` (see [`read_export`]); the errors name the file by `path`.
/// A file that cannot be read, or is larger than [`MAX_EXPORT_FILE_BYTES`], is an [`ImportError`] saying why.
pub fn read_export_file(format: ImportFormat, path: &Path) -> Result<ImportedFile, ImportError> {
    let file_name = path.display().to_string();
    let origin = Origin::file(&file_name);
    let unreadable = |e: std::io::Error| origin.whole(format!("the file cannot be read: {e}"));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit rather than trusting the size the file system reports.
    file.take(MAX_EXPORT_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_EXPORT_FILE_BYTES {
        return Err(origin
            .whole(format!("the file is larger than {} MiB, the most an export may be", MAX_EXPORT_FILE_BYTES >> 20)));
    }
    read_export(format, &file_name, &bytes)
}

/// The bytes of a CSV, JSON or Markdown file as text: UTF-8 (what every service writes), a byte-order mark
/// dropped. Anything else is refused rather than read as garbled text.
fn utf8_text<'b>(origin: Origin<'_>, bytes: &'b [u8]) -> Result<&'b str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map_err(|e| origin.whole(format!("the file is not UTF-8 text (at byte {})", e.valid_up_to() + 1)))
}

/// Where a reader is in an export: the file as the user named it and, inside a zip archive, the entry. It makes
/// the [`ImportError`]s, so that every reader names places the same way ("part_000001.csv, line 4").
#[derive(Debug, Clone, Copy)]
struct Origin<'a> {
    file: &'a str,
    entry: Option<&'a str>,
}

impl<'a> Origin<'a> {
    /// The file as a whole.
    fn file(file: &'a str) -> Origin<'a> {
        Origin { file, entry: None }
    }

    /// The entry `name` of the zip archive this file is.
    fn entry(self, name: &'a str) -> Origin<'a> {
        Origin { file: self.file, entry: Some(name) }
    }

    /// An error about the file (or the entry) as a whole.
    fn whole(self, reason: impl Into<String>) -> ImportError {
        self.error(None, reason)
    }

    /// An error at a line (1-based) of a text file: CSV and HTML.
    fn at_line(self, line: u64, reason: impl Into<String>) -> ImportError {
        self.error(Some(format!("line {line}")), reason)
    }

    /// An error in a record (1-based) of a JSON array.
    fn at_record(self, record: usize, reason: impl Into<String>) -> ImportError {
        self.error(Some(format!("record {record}")), reason)
    }

    fn error(self, place: Option<String>, reason: impl Into<String>) -> ImportError {
        let place = match (self.entry, place) {
            (Some(entry), Some(place)) => Some(format!("{entry}, {place}")),
            (Some(entry), None) => Some(entry.to_string()),
            (None, place) => place,
        };
        ImportError { file: self.file.to_string(), place, reason: reason.into() }
    }
}

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
    /// The items, in the order of the export.
    pub items: Vec<ImportedItem>,
    /// How many records were skipped because their address was not http or https.
    pub skipped_not_web: usize,
}

/// Why an export could not be read: the file, where in it, and what is wrong, in words a user can act on.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {reason}", .place.as_ref().map(|p| format!(", {p}")).unwrap_or_default())]
pub struct ImportError {
    /// The file as the user named it.
    pub file: String,
    /// Where in it: "line 12", "record 3", "part_000001.csv, line 4", "metadata_0.json, record 5"; `None` for the
    /// file as a whole.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture_path(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(path)
    }

    #[test]
    fn each_format_goes_to_its_reader() {
        let cases = [
            (ImportFormat::Pocket, "pocket/ril_export.html", 3),
            (ImportFormat::Instapaper, "instapaper/instapaper-export.csv", 5),
            (ImportFormat::Wallabag, "wallabag/wallabag.json", 2),
            (ImportFormat::Bookmarks, "bookmarks/chrome.html", 4),
        ];
        for (format, path, items) in cases {
            let file = read_export_file(format, &fixture_path(path)).unwrap();
            assert_eq!(file.items.len(), items, "{path}");
        }
        let omnivore = zipped::zip_of_fixture_folder("omnivore/export");
        assert_eq!(read_export(ImportFormat::Omnivore, "omnivore.zip", &omnivore).unwrap().items.len(), 4);
    }

    #[test]
    fn an_unreadable_file_says_why() {
        let path = fixture_path("no-such-export.csv");
        let error = read_export_file(ImportFormat::Instapaper, &path).unwrap_err();
        assert_eq!(error.file, path.display().to_string());
        assert_eq!(error.place, None);
        assert!(error.reason.starts_with("the file cannot be read: No such file or directory"), "{error}");
        assert_eq!(error.code(), "import_malformed");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let error = read_export(ImportFormat::Wallabag, "w.json", b"[{\"title\":\"caf\xe9\"}]").unwrap_err();
        assert_eq!(error.to_string(), "w.json: the file is not UTF-8 text (at byte 15)");
    }

    #[test]
    fn errors_name_the_file_the_entry_and_the_place() {
        let origin = Origin::file("pocket.zip");
        assert_eq!(
            origin.entry("part_000001.csv").at_line(4, "x").to_string(),
            "pocket.zip, part_000001.csv, line 4: x"
        );
        assert_eq!(
            origin.entry("metadata_0.json").at_record(3, "x").to_string(),
            "pocket.zip, metadata_0.json, record 3: x"
        );
        assert_eq!(origin.at_record(7, "x").to_string(), "pocket.zip, record 7: x");
        assert_eq!(origin.whole("x").to_string(), "pocket.zip: x");
    }
}
