//! Pocket's exports, told apart by their bytes (never by the file's name):
//! - the export `.zip`: CSV parts (`part_000000.csv`…, columns `title,url,time_added,tags,status`, early exports
//!   with a `cursor` column too; tags joined by `|`, `time_added` in Unix seconds, `status` `unread` or `archive`)
//!   and annotations (`annotations/part_000000.json`), whose highlights join the item with the same address;
//! - a CSV part on its own;
//! - the legacy `ril_export.html`: `<h1>Unread</h1>` then `<h1>Read Archive</h1>`, each with a list of
//!   `<a href time_added tags="a,b">title</a>`;
//! - the annotations JSON on its own: `[{"url", "title", "highlights": [{"quote", "created_at"}]}]`.

use super::csv_table::{self, CsvRow};
use super::fields::{self, Address};
use super::html_tokens::{HtmlToken, html_tokens, text_until};
use super::json_fields::{self, Record};
use super::zipped::{self, EXPORT_ZIP_LIMITS, ZipLimits};
use super::{ImportError, ImportedFile, ImportedHighlight, ImportedItem, Origin, ReadState, utf8_text};
use std::collections::HashMap;

/// The columns a CSV part must have.
const REQUIRED_COLUMNS: [&str; 1] = ["url"];
/// What separates the tags in a CSV part's `tags` field.
const CSV_TAG_SEPARATOR: char = '|';
/// What separates the tags in the `tags` attribute of `ril_export.html`.
const HTML_TAG_SEPARATOR: char = ',';
/// The word that marks the heading of the archived list in `ril_export.html` ("Read Archive").
const HTML_ARCHIVE_HEADING_WORD: &str = "archive";

/// Which of Pocket's files the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PocketFile {
    /// The export `.zip`.
    Zip,
    /// The annotations JSON.
    Annotations,
    /// One CSV part.
    Csv,
    /// The legacy `ril_export.html`.
    Html,
}

/// Reads any of Pocket's exports (see the module's doc).
pub(super) fn read(origin: Origin<'_>, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    read_within(origin, bytes, EXPORT_ZIP_LIMITS)
}

fn read_within(origin: Origin<'_>, bytes: &[u8], limits: ZipLimits) -> Result<ImportedFile, ImportError> {
    let mut file = ImportedFile::default();
    match pocket_file(bytes) {
        PocketFile::Zip => read_zip(origin, bytes, limits, &mut file)?,
        PocketFile::Annotations => {
            let annotated = read_annotations(origin, utf8_text(origin, bytes)?)?;
            file.items = annotated.into_items(&mut file.skipped_not_web);
        }
        PocketFile::Csv => read_csv_part(origin, utf8_text(origin, bytes)?, &mut Annotated::default(), &mut file)?,
        PocketFile::Html => read_html(origin, bytes, &mut file)?,
    }
    Ok(file)
}

/// Tells Pocket's files apart by their first bytes: a zip's signature, JSON's bracket or brace, a CSV header
/// naming `url`, else HTML.
fn pocket_file(bytes: &[u8]) -> PocketFile {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return PocketFile::Zip;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes.trim_ascii_start();
    if start.starts_with(b"[") || start.starts_with(b"{") {
        return PocketFile::Annotations;
    }
    let first_line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    if !start.starts_with(b"<") && csv_table::has_header_with(&String::from_utf8_lossy(first_line), "url") {
        return PocketFile::Csv;
    }
    PocketFile::Html
}

/// Whether a zip entry is a CSV part: `part_000000.csv`, in any folder.
fn is_csv_part(name: &str) -> bool {
    let base = zipped::base_name(name);
    base.starts_with("part_") && base.ends_with(".csv")
}

/// Whether a zip entry is an annotations part: a `.json` file in an `annotations` folder.
fn is_annotations_part(name: &str) -> bool {
    zipped::parent_folder(name) == "annotations" && name.ends_with(".json")
}

/// Reads the export `.zip`: the annotations first, so that each CSV item takes its highlights as it is read;
/// annotated pages that no CSV part lists are added after them.
fn read_zip(origin: Origin<'_>, bytes: &[u8], limits: ZipLimits, file: &mut ImportedFile) -> Result<(), ImportError> {
    let mut parts = zipped::read_zipped_files(origin, bytes, limits, |n| is_csv_part(n) || is_annotations_part(n))?;
    parts.sort_by_key(|part| zipped::part_order(&part.name));
    let mut annotated = Annotated::default();
    for part in parts.iter().filter(|p| is_annotations_part(&p.name)) {
        let part_origin = origin.entry(&part.name);
        annotated.extend(read_annotations(part_origin, utf8_text(part_origin, &part.bytes)?)?);
    }
    for part in parts.iter().filter(|p| is_csv_part(&p.name)) {
        let part_origin = origin.entry(&part.name);
        read_csv_part(part_origin, utf8_text(part_origin, &part.bytes)?, &mut annotated, file)?;
    }
    let leftovers = annotated.into_items(&mut file.skipped_not_web);
    file.items.extend(leftovers);
    Ok(())
}

/// Reads one CSV part into `file`, each item taking its highlights out of `annotated`.
fn read_csv_part(
    origin: Origin<'_>,
    text: &str,
    annotated: &mut Annotated,
    file: &mut ImportedFile,
) -> Result<(), ImportError> {
    csv_table::read_rows(origin, text, &REQUIRED_COLUMNS, |row| {
        match csv_item(row)? {
            Some(mut item) => {
                item.highlights = annotated.take_highlights(&item.url);
                file.items.push(item);
            }
            None => {
                annotated.take_highlights(row.field("url").trim());
                file.skipped_not_web += 1;
            }
        }
        Ok(())
    })
}

/// The item of a CSV row, or `None` when its address is not a web page's.
fn csv_item(row: &CsvRow<'_>) -> Result<Option<ImportedItem>, String> {
    let Address::Web(url) = fields::address(Some(row.field("url")))? else {
        return Ok(None);
    };
    Ok(Some(ImportedItem {
        url,
        title: fields::one_line(&fields::decoded(row.field("title"))),
        tags: fields::tags(row.field("tags").split(CSV_TAG_SEPARATOR).map(fields::decoded)),
        saved_at: fields::unix_time("time_added", row.field("time_added"))?,
        state: read_state(row.field("status"))?,
        ..ImportedItem::default()
    }))
}

/// The state a CSV `status` says: `unread` (or nothing) or `archive`.
fn read_state(status: &str) -> Result<ReadState, String> {
    match status.trim().to_lowercase().as_str() {
        "" | "unread" => Ok(ReadState::Unread),
        "archive" | "archived" => Ok(ReadState::Archived),
        _ => Err(format!("status \"{}\" is neither \"unread\" nor \"archive\"", status.trim())),
    }
}

/// The pages of the annotations, in their order, by address.
#[derive(Debug, Default)]
struct Annotated {
    items: Vec<Option<ImportedItem>>,
    by_url: HashMap<String, usize>,
}

impl Annotated {
    /// Adds pages; a page already there gets the new highlights after its own.
    fn extend(&mut self, other: Annotated) {
        for item in other.items.into_iter().flatten() {
            match self.by_url.get(&item.url).and_then(|&i| self.items[i].as_mut()) {
                Some(known) => known.highlights.extend(item.highlights),
                None => {
                    self.by_url.insert(item.url.clone(), self.items.len());
                    self.items.push(Some(item));
                }
            }
        }
    }

    /// Takes the highlights of the page at `url` (none if it has no annotations), so that it is not added again.
    fn take_highlights(&mut self, url: &str) -> Vec<ImportedHighlight> {
        let index = self.by_url.get(url).copied();
        index.and_then(|i| self.items[i].take()).map(|item| item.highlights).unwrap_or_default()
    }

    /// The pages left, as items; those whose address is not a web page's are counted in `skipped_not_web`.
    fn into_items(self, skipped_not_web: &mut usize) -> Vec<ImportedItem> {
        let mut items = Vec::new();
        for item in self.items.into_iter().flatten() {
            match fields::address(Some(&item.url)) {
                Ok(Address::Web(_)) => items.push(item),
                _ => *skipped_not_web += 1,
            }
        }
        items
    }
}

/// Reads an annotations JSON. Addresses are checked here (none missing); whether they are web pages is decided
/// when the pages become items, so that a page the CSV skipped is not counted twice.
fn read_annotations(origin: Origin<'_>, text: &str) -> Result<Annotated, ImportError> {
    let mut annotated = Annotated::default();
    for (index, record) in json_fields::records(origin, text)?.iter().enumerate() {
        let item = annotated_item(record).map_err(|reason| origin.at_record(index + 1, reason))?;
        annotated.extend(Annotated { by_url: HashMap::new(), items: vec![Some(item)] });
    }
    Ok(annotated)
}

/// The page of one annotations record, with its highlights.
fn annotated_item(record: &Record) -> Result<ImportedItem, String> {
    let url = json_fields::string(record, "url")?.map(str::trim).unwrap_or_default();
    if url.is_empty() {
        return Err("the url is missing".to_string());
    }
    let mut highlights = Vec::new();
    for highlight in json_fields::objects(record, "highlights")? {
        let Some(quote) = json_fields::string(highlight, "quote")?.and_then(|q| fields::text(&fields::decoded(q)))
        else {
            continue;
        };
        let created_at = json_fields::unix_time(highlight, "created_at")?;
        highlights.push(ImportedHighlight { quote, comment: None, created_at });
    }
    Ok(ImportedItem {
        url: url.to_string(),
        title: json_fields::string(record, "title")?.and_then(|t| fields::one_line(&fields::decoded(t))),
        highlights,
        ..ImportedItem::default()
    })
}

/// Reads the legacy `ril_export.html`: every link is an item, in the state of the heading above it.
fn read_html(origin: Origin<'_>, bytes: &[u8], file: &mut ImportedFile) -> Result<(), ImportError> {
    let text = crate::decode::decode_page(bytes, None).text;
    let tokens = html_tokens(&text);
    let mut state = ReadState::Unread;
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        index += 1;
        let HtmlToken::Start { name, line, .. } = token else { continue };
        match name.as_str() {
            "h1" => {
                let heading = text_until(&tokens[index..], |t| t.is_end("h1") || t.is_start("h1"));
                state = if heading.to_lowercase().contains(HTML_ARCHIVE_HEADING_WORD) {
                    ReadState::Archived
                } else {
                    ReadState::Unread
                };
            }
            "a" => {
                let title = text_until(&tokens[index..], |t| t.is_end("a") || t.is_start("a") || t.is_start("li"));
                match html_item(token, &title, state).map_err(|reason| origin.at_line(*line, reason))? {
                    Some(item) => file.items.push(item),
                    None => file.skipped_not_web += 1,
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The item of one `<a>` of `ril_export.html`, or `None` when its address is not a web page's.
fn html_item(link: &HtmlToken, title: &str, state: ReadState) -> Result<Option<ImportedItem>, String> {
    let Address::Web(url) = fields::address(link.attribute("href"))? else {
        return Ok(None);
    };
    Ok(Some(ImportedItem {
        url,
        title: fields::one_line(title),
        tags: fields::tags(link.attribute("tags").unwrap_or_default().split(HTML_TAG_SEPARATOR)),
        saved_at: fields::unix_time("time_added", link.attribute("time_added").unwrap_or_default())?,
        state,
        ..ImportedItem::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::zipped::{zip_of, zip_of_fixture_folder};
    use time::macros::datetime;

    fn fixture(path: &str) -> Vec<u8> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/pocket");
        std::fs::read(root.join(path)).unwrap()
    }

    fn read_bytes(bytes: &[u8]) -> Result<ImportedFile, ImportError> {
        read(Origin::file("pocket.zip"), bytes)
    }

    #[test]
    fn the_export_zip_carries_every_field_and_merges_the_highlights() {
        let file = read_bytes(&zip_of_fixture_folder("pocket/export")).unwrap();
        assert_eq!(file.skipped_not_web, 1);
        let urls: Vec<&str> = file.items.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example.org/2024/port-expansion",
                "https://blog.example.com/q-and-a",
                "https://example.net/longread",
                "https://example.net/only-annotated",
            ]
        );
        let first = &file.items[0];
        assert_eq!(first.title.as_deref(), Some("Port expansion approved"));
        assert_eq!(first.tags, ["ports", "economy"]);
        assert_eq!(first.saved_at, Some(datetime!(2017-03-20 8:53:20 UTC)));
        assert_eq!(first.state, ReadState::Unread);
        assert_eq!(
            first.highlights,
            [
                ImportedHighlight {
                    quote: "The council voted 7 to 2 for the expansion.".into(),
                    comment: None,
                    created_at: Some(datetime!(2023-11-14 22:13:20 UTC)),
                },
                ImportedHighlight { quote: "Work starts in spring.".into(), comment: None, created_at: None },
            ]
        );
        let second = &file.items[1];
        assert_eq!(second.title.as_deref(), Some("Q&A: tools & habits"));
        assert_eq!(second.tags, ["how-to", "R&D"]);
        assert_eq!(second.state, ReadState::Archived);
        assert!(second.highlights.is_empty());
        // From the second CSV part.
        assert_eq!(file.items[2].title, None);
        assert_eq!(file.items[2].saved_at, None);
        // Annotated, but in no CSV part: kept with its highlight.
        assert_eq!(file.items[3].title.as_deref(), Some("Only annotated"));
        assert_eq!(file.items[3].highlights.len(), 1);
    }

    #[test]
    fn an_early_export_with_the_cursor_column_is_read_by_column_name() {
        let zip = zip_of(&[("part_000000.csv", &fixture("early-export/part_000000.csv"))]);
        let file = read_bytes(&zip).unwrap();
        assert_eq!(file.items.len(), 2);
        assert_eq!(file.items[0].url, "https://example.com/first");
        assert_eq!(file.items[0].title.as_deref(), Some("First, with a comma"));
        assert_eq!(file.items[0].tags, ["a", "b"]);
        assert_eq!(file.items[1].state, ReadState::Archived);
        assert_eq!(file.items[1].saved_at, Some(datetime!(2016-05-01 0:00 UTC)));
    }

    #[test]
    fn the_legacy_html_export_is_read_with_its_sections() {
        let file = read(Origin::file("ril_export.html"), &fixture("ril_export.html")).unwrap();
        assert_eq!(file.skipped_not_web, 1);
        assert_eq!(file.items.len(), 3);
        let first = &file.items[0];
        assert_eq!(first.url, "https://example.com/article?id=1&ref=pocket");
        assert_eq!(first.title.as_deref(), Some("Fish & chips: a history"));
        assert_eq!(first.tags, ["food", "history"]);
        assert_eq!(first.saved_at, Some(datetime!(2017-03-20 8:53:20 UTC)));
        assert_eq!(first.state, ReadState::Unread);
        assert_eq!(file.items[1].title, None);
        assert_eq!(file.items[1].tags, Vec::<String>::new());
        assert_eq!(file.items[2].state, ReadState::Archived);
        assert_eq!(file.items[2].title.as_deref(), Some("An archived read"));
    }

    #[test]
    fn the_annotations_json_alone_is_read() {
        let file = read(Origin::file("annotations.json"), &fixture("annotations.json")).unwrap();
        assert_eq!(file.items.len(), 2);
        assert_eq!(file.items[0].title.as_deref(), Some("Rock ’n’ roll & more"));
        assert_eq!(file.items[0].highlights[0].quote, "A quote with <angle> & ampersand");
        assert_eq!(file.items[0].highlights[0].created_at, Some(datetime!(2023-11-14 22:13:20 UTC)));
        assert_eq!(file.items[1].highlights.len(), 0);
        assert_eq!(file.skipped_not_web, 1);
    }

    #[test]
    fn the_kind_of_file_is_told_from_its_bytes() {
        assert_eq!(pocket_file(&zip_of(&[("part_000000.csv", b"url\n")])), PocketFile::Zip);
        assert_eq!(pocket_file(b"\xef\xbb\xbf \n[{\"url\":\"x\"}]"), PocketFile::Annotations);
        assert_eq!(pocket_file(b"{\"url\":\"x\"}"), PocketFile::Annotations);
        assert_eq!(pocket_file(b"title,url,time_added,tags,status\n"), PocketFile::Csv);
        assert_eq!(pocket_file(b"<!DOCTYPE html><h1>Unread</h1>"), PocketFile::Html);
        assert_eq!(pocket_file(b"<p>url,title</p>"), PocketFile::Html);
        // A CSV part on its own is read as one.
        let file = read_bytes(b"title,url,time_added,tags,status\nA,https://a.test/,1490000000,,unread\n").unwrap();
        assert_eq!(file.items[0].url, "https://a.test/");
    }

    #[test]
    fn malformed_records_name_the_part_and_the_line_or_record() {
        type ZipFiles<'a> = &'a [(&'a str, &'a [u8])];
        let cases: [(ZipFiles, &str); 6] = [
            (
                &[("part_000000.csv", b"title,url,time_added,tags,status\nA,https://a.test,1,,unread\n"), (
                    "part_000001.csv",
                    b"title,url,time_added,tags,status\nB,https://b.test,1,,unread\nC,https://c.test,1,,unread\nD,https://d.test,abc,,unread\n",
                )],
                "pocket.zip, part_000001.csv, line 4: time_added \"abc\" is not a Unix time",
            ),
            (
                &[("part_000000.csv", b"title,url,time_added,tags,status\nA,,1,,unread\n")],
                "pocket.zip, part_000000.csv, line 2: the url is missing",
            ),
            (
                &[("part_000000.csv", b"title,time_added,tags,status\nA,1,,unread\n")],
                "pocket.zip, part_000000.csv, line 1: the column \"url\" is missing",
            ),
            (
                &[("part_000000.csv", b"title,url,time_added,tags,status\nA,https://a.test,1\n")],
                "pocket.zip, part_000000.csv, line 2: the row has 3 fields where the header has 5",
            ),
            (
                &[("part_000000.csv", b"title,url,time_added,tags,status\nA,https://a.test,1,,shelved\n")],
                "pocket.zip, part_000000.csv, line 2: status \"shelved\" is neither \"unread\" nor \"archive\"",
            ),
            (
                &[("annotations/part_000000.json", b"[{\"url\":\"https://a.test\"},{\"url\":\"https://b.test\",\"highlights\":[{\"quote\":7}]}]")],
                "pocket.zip, annotations/part_000000.json, record 2: \"quote\" is a number, not a string",
            ),
        ];
        for (files, expected) in cases {
            let error = read_bytes(&zip_of(files)).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
        let error = read(
            Origin::file("ril_export.html"),
            b"<h1>Unread</h1>\n<ul>\n<li><a time_added=\"1\">No address</a></li>",
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "ril_export.html, line 3: the url is missing");
        let error = read(Origin::file("annotations.json"), b"[{\"title\":\"x\"}]").unwrap_err();
        assert_eq!(error.to_string(), "annotations.json, record 1: the url is missing");
    }

    #[test]
    fn an_entry_over_the_limit_refuses_the_export() {
        let big = format!("title,url,time_added,tags,status\n{}", "A,https://a.test,1,,unread\n".repeat(100));
        let zip = zip_of(&[("part_000000.csv", big.as_bytes())]);
        let limits = ZipLimits { max_entries: 10, max_entry_bytes: 1000, max_total_bytes: 1 << 20 };
        let error = read_within(Origin::file("pocket.zip"), &zip, limits).unwrap_err();
        assert_eq!(error.place.as_deref(), Some("part_000000.csv"));
        assert!(error.reason.contains("more than 1000 bytes"), "{error}");
    }

    #[test]
    fn an_empty_export_is_no_error() {
        assert_eq!(read_bytes(&zip_of(&[])).unwrap(), ImportedFile::default());
        assert_eq!(read_bytes(b"[]").unwrap(), ImportedFile::default());
        assert_eq!(read_bytes(b"<h1>Unread</h1><ul></ul>").unwrap(), ImportedFile::default());
    }
}
