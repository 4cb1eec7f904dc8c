//! Instapaper's CSV export: columns `URL,Title,Selection,Folder,Timestamp` (read by name; newer exports add
//! `Tags`, a JSON list). The folder says the state: `Unread` is unread and in no folder, `Archive` is archived,
//! `Starred` is the tag `starred`, any other name is a folder of that name. A non-empty selection is the item's one
//! highlight; the timestamp is in Unix seconds.

use super::csv_table::{self, CsvRow};
use super::fields::{self, Address};
use super::{ImportError, ImportedFile, ImportedHighlight, ImportedItem, Origin, ReadState, utf8_text};

/// The columns the export must have.
const REQUIRED_COLUMNS: [&str; 1] = ["url"];
/// Instapaper's folder of unread items.
const UNREAD_FOLDER: &str = "unread";
/// Instapaper's folder of archived items.
const ARCHIVE_FOLDER: &str = "archive";
/// Instapaper's folder of liked items, imported as a tag.
const STARRED_FOLDER: &str = "starred";
/// The tag a starred item gets.
const STARRED_TAG: &str = "starred";

/// Reads Instapaper's CSV export.
pub(super) fn read(origin: Origin<'_>, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    let mut file = ImportedFile::default();
    csv_table::read_rows(origin, utf8_text(origin, bytes)?, &REQUIRED_COLUMNS, |row| {
        match row_item(row)? {
            Some(item) => file.items.push(item),
            None => file.skipped_not_web += 1,
        }
        Ok(())
    })?;
    Ok(file)
}

/// The item of a row, or `None` when its address is not a web page's.
fn row_item(row: &CsvRow<'_>) -> Result<Option<ImportedItem>, String> {
    let Address::Web(url) = fields::address(Some(row.field("url")))? else {
        return Ok(None);
    };
    let mut item = ImportedItem {
        url,
        title: fields::one_line(&fields::decoded(row.field("title"))),
        tags: fields::tags(tag_column(row.field("tags")).iter().map(|t| fields::decoded(t))),
        saved_at: fields::unix_time("Timestamp", row.field("timestamp"))?,
        ..ImportedItem::default()
    };
    let folder = fields::one_line(&fields::decoded(row.field("folder"))).unwrap_or_default();
    match folder.to_lowercase().as_str() {
        "" | UNREAD_FOLDER => {}
        ARCHIVE_FOLDER => item.state = ReadState::Archived,
        STARRED_FOLDER => {
            if !item.tags.iter().any(|t| t == STARRED_TAG) {
                item.tags.push(STARRED_TAG.to_string());
            }
        }
        _ => item.folder = vec![folder],
    }
    if let Some(quote) = fields::text(&fields::decoded(row.field("selection"))) {
        item.highlights.push(ImportedHighlight { quote, comment: None, created_at: None });
    }
    Ok(Some(item))
}

/// The tags of the `Tags` column: a JSON list of strings (`["news","tech"]`) as Instapaper writes it, else names
/// separated by commas.
fn tag_column(raw: &str) -> Vec<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Vec::new();
    }
    serde_json::from_str::<Vec<String>>(raw).unwrap_or_else(|_| raw.split(',').map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn fixture(name: &str) -> Vec<u8> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/instapaper");
        std::fs::read(root.join(name)).unwrap()
    }

    fn read_text(text: &str) -> Result<ImportedFile, ImportError> {
        read(Origin::file("instapaper-export.csv"), text.as_bytes())
    }

    #[test]
    fn every_field_and_folder_is_carried() {
        let file = read(Origin::file("instapaper-export.csv"), &fixture("instapaper-export.csv")).unwrap();
        assert_eq!(file.skipped_not_web, 1);
        assert_eq!(file.items.len(), 5);
        let unread = &file.items[0];
        assert_eq!(unread.url, "https://news.example.org/harbour");
        assert_eq!(unread.title.as_deref(), Some("Harbour works & delays"));
        assert_eq!((unread.state, unread.folder.len(), unread.tags.len()), (ReadState::Unread, 0, 0));
        assert_eq!(unread.saved_at, Some(datetime!(2017-03-20 8:53:20 UTC)));
        assert_eq!(unread.highlights, []);
        let archived = &file.items[1];
        assert_eq!(archived.state, ReadState::Archived);
        assert_eq!(
            archived.highlights,
            [ImportedHighlight { quote: "The selected passage, \"quoted\".".into(), comment: None, created_at: None }]
        );
        let starred = &file.items[2];
        assert_eq!((starred.state, starred.tags.as_slice()), (ReadState::Unread, ["starred".to_string()].as_slice()));
        let in_folder = &file.items[3];
        assert_eq!(in_folder.folder, ["Research & notes"]);
        assert_eq!(in_folder.state, ReadState::Unread);
        assert_eq!(file.items[4].tags, ["news", "long reads"]);
    }

    #[test]
    fn columns_are_read_by_name() {
        let file = read_text("Timestamp,Folder,URL,Title\n1490000000,Archive,https://a.test/,A\n").unwrap();
        assert_eq!(file.items[0].url, "https://a.test/");
        assert_eq!(file.items[0].state, ReadState::Archived);
        assert_eq!(file.items[0].title.as_deref(), Some("A"));
    }

    #[test]
    fn malformed_rows_name_the_line() {
        let header = "URL,Title,Selection,Folder,Timestamp\n";
        let cases = [
            (format!("{header}https://a.test,A,,Unread,1\n,B,,Unread,1\n"), "line 3: the url is missing"),
            (format!("{header}https://a.test,A,,Unread,soon\n"), "line 2: Timestamp \"soon\" is not a Unix time"),
            (format!("{header}https://a.test,A,,Unread\n"), "line 2: the row has 4 fields where the header has 5"),
            ("Title,Folder\nA,Unread\n".to_string(), "line 1: the column \"url\" is missing"),
        ];
        for (text, expected) in cases {
            assert_eq!(read_text(&text).unwrap_err().to_string(), format!("instapaper-export.csv, {expected}"));
        }
        assert_eq!(read_text("").unwrap(), ImportedFile::default());
        assert_eq!(read_text(header).unwrap(), ImportedFile::default());
    }
}
