//! Omnivore's export `.zip`: `metadata_*.json` parts, each a list of `{id, slug, title, description, author, url,
//! state, readingProgress, thumbnail, labels, savedAt, updatedAt, publishedAt}`, beside `content/{slug}.html` (the
//! article Omnivore kept, which becomes `content_html`) and `highlights/{slug}.md` (the highlights, as Markdown).
//!
//! The state: `state` `archived` (in any case) is Archived, else a `readingProgress` of 98 or more is Read, else
//! Unread. Labels are strings or objects with a `name`; times are ISO 8601.

use super::fields::{self, Address};
use super::json_fields::{self, Record};
use super::zipped::{self, EXPORT_ZIP_LIMITS, ZipLimits};
use super::{ImportError, ImportedFile, ImportedHighlight, ImportedItem, Origin, ReadState, utf8_text};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Omnivore's state of an archived item, compared without case.
const ARCHIVED_STATE: &str = "archived";
/// The reading progress (percent) from which an item counts as read.
const READ_FROM_PROGRESS: f64 = 98.0;
/// The fields that name a label given as an object.
const LABEL_NAME_FIELDS: [&str; 1] = ["name"];
/// The folder of the articles in the archive, and their extension.
const CONTENT_FOLDER: &str = "content";
const CONTENT_EXTENSION: &str = ".html";
/// The folder of the highlights in the archive, and their extension.
const HIGHLIGHTS_FOLDER: &str = "highlights";
const HIGHLIGHTS_EXTENSION: &str = ".md";

/// The link back to the highlight in Omnivore that ends each quote line of a highlights file: `[⤴️](https://…)`.
static BACK_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\[\x{2934}\x{FE0F}?\]\([^)]*\)\s*$")
        .unwrap_or_else(|e| panic!("the pattern BACK_LINK is invalid: {e}"))
});

/// Reads Omnivore's export `.zip`.
pub(super) fn read(origin: Origin<'_>, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    read_within(origin, bytes, EXPORT_ZIP_LIMITS)
}

fn read_within(origin: Origin<'_>, bytes: &[u8], limits: ZipLimits) -> Result<ImportedFile, ImportError> {
    let entries = zipped::read_zipped_files(origin, bytes, limits, |name| {
        is_metadata(name)
            || slug_in(name, CONTENT_FOLDER, CONTENT_EXTENSION).is_some()
            || slug_in(name, HIGHLIGHTS_FOLDER, HIGHLIGHTS_EXTENSION).is_some()
    })?;
    let mut contents = HashMap::new();
    let mut highlights = HashMap::new();
    let mut metadata = Vec::new();
    for entry in &entries {
        let entry_origin = origin.entry(&entry.name);
        if let Some(slug) = slug_in(&entry.name, CONTENT_FOLDER, CONTENT_EXTENSION) {
            contents.insert(slug, utf8_text(entry_origin, &entry.bytes)?);
        } else if let Some(slug) = slug_in(&entry.name, HIGHLIGHTS_FOLDER, HIGHLIGHTS_EXTENSION) {
            highlights.insert(slug, markdown_highlights(utf8_text(entry_origin, &entry.bytes)?));
        } else {
            metadata.push(entry);
        }
    }
    metadata.sort_by_key(|entry| zipped::part_order(&entry.name));
    let mut file = ImportedFile::default();
    for entry in metadata {
        let entry_origin = origin.entry(&entry.name);
        for (index, record) in
            json_fields::records(entry_origin, utf8_text(entry_origin, &entry.bytes)?)?.iter().enumerate()
        {
            match record_item(record).map_err(|reason| entry_origin.at_record(index + 1, reason))? {
                Some((mut item, slug)) => {
                    if let Some(slug) = slug {
                        item.content_html = contents.get(slug).filter(|c| !c.trim().is_empty()).map(|c| c.to_string());
                        item.highlights = highlights.get(slug).cloned().unwrap_or_default();
                    }
                    file.items.push(item);
                }
                None => file.skipped_not_web += 1,
            }
        }
    }
    Ok(file)
}

/// Whether an entry is a metadata part: `metadata_*.json`, in any folder.
fn is_metadata(name: &str) -> bool {
    let base = zipped::base_name(name);
    base.starts_with("metadata_") && base.ends_with(".json")
}

/// The slug of an entry `…/{folder}/{slug}{extension}`, if the entry is one.
fn slug_in<'n>(name: &'n str, folder: &str, extension: &str) -> Option<&'n str> {
    if zipped::parent_folder(name) != folder {
        return None;
    }
    zipped::base_name(name).strip_suffix(extension).filter(|slug| !slug.is_empty())
}

/// The item of one metadata record and its slug, or `None` when its address is not a web page's.
fn record_item(record: &Record) -> Result<Option<(ImportedItem, Option<&str>)>, String> {
    let Address::Web(url) = fields::address(json_fields::string(record, "url")?)? else {
        return Ok(None);
    };
    let archived = json_fields::string(record, "state")?.is_some_and(|s| s.trim().eq_ignore_ascii_case(ARCHIVED_STATE));
    let progress = json_fields::number(record, "readingProgress")?.unwrap_or(0.0);
    let state = if archived {
        ReadState::Archived
    } else if progress >= READ_FROM_PROGRESS {
        ReadState::Read
    } else {
        ReadState::Unread
    };
    let labels = json_fields::names(record, "labels", &LABEL_NAME_FIELDS)?;
    let item = ImportedItem {
        url,
        title: json_fields::string(record, "title")?.and_then(|t| fields::one_line(&fields::decoded(t))),
        tags: fields::tags(labels.iter().map(|l| fields::decoded(l))),
        saved_at: fields::iso_time("savedAt", json_fields::string(record, "savedAt")?.unwrap_or_default())?,
        state,
        author: json_fields::string(record, "author")?.and_then(|a| fields::one_line(&fields::decoded(a))),
        published: fields::publication_date(
            "publishedAt",
            json_fields::string(record, "publishedAt")?.unwrap_or_default(),
        )?,
        description: json_fields::string(record, "description")?.and_then(|d| fields::text(&fields::decoded(d))),
        ..ImportedItem::default()
    };
    let slug = json_fields::string(record, "slug")?.map(str::trim).filter(|s| !s.is_empty());
    Ok(Some((item, slug)))
}

/// The highlights of a highlights file. Omnivore writes each as a Markdown quote (`> passage`, a line per line of
/// the passage, ending with a back-link `[⤴️](…)`, dropped here), the comment after it (on the next lines or after
/// a blank line), and a blank line between highlights. Text before the first quote is not a highlight.
fn markdown_highlights(markdown: &str) -> Vec<ImportedHighlight> {
    let mut highlights: Vec<ImportedHighlight> = Vec::new();
    let mut lines = markdown.lines().peekable();
    while lines.peek().is_some() {
        let block: Vec<&str> =
            lines.by_ref().skip_while(|l| l.trim().is_empty()).take_while(|l| !l.trim().is_empty()).collect();
        let quote_length = block.iter().take_while(|l| l.trim_start().starts_with('>')).count();
        let quote_lines: Vec<String> = block[..quote_length].iter().map(|l| quote_line(l)).collect();
        let comment = fields::text(&fields::decoded(&block[quote_length..].join("\n")));
        if quote_length > 0 {
            if let Some(quote) = fields::text(&fields::decoded(&quote_lines.join("\n"))) {
                highlights.push(ImportedHighlight { quote, comment, created_at: None });
            }
        } else if let (Some(last), Some(comment)) = (highlights.last_mut(), comment) {
            last.comment = Some(match last.comment.take() {
                Some(before) => format!("{before}\n\n{comment}"),
                None => comment,
            });
        }
    }
    highlights
}

/// A quote line without its `>` (and the space after it) and without Omnivore's back-link.
fn quote_line(line: &str) -> String {
    let text = line.trim_start().strip_prefix('>').unwrap_or(line);
    let text = text.strip_prefix(' ').unwrap_or(text);
    BACK_LINK.replace(text, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::zipped::{zip_of, zip_of_fixture_folder};
    use time::macros::datetime;

    fn read_zip(files: &[(&str, &[u8])]) -> Result<ImportedFile, ImportError> {
        read(Origin::file("omnivore.zip"), &zip_of(files))
    }

    #[test]
    fn every_field_content_and_highlight_is_carried() {
        let file = read(Origin::file("omnivore.zip"), &zip_of_fixture_folder("omnivore/export")).unwrap();
        assert_eq!(file.skipped_not_web, 1);
        let urls: Vec<&str> = file.items.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example.org/harbour",
                "https://example.com/finished",
                "https://example.com/archived",
                "https://example.com/part-two"
            ]
        );
        let full = &file.items[0];
        assert_eq!(full.title.as_deref(), Some("Harbour & city"));
        assert_eq!(full.description.as_deref(), Some("The plan, explained."));
        assert_eq!(full.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(full.tags, ["ports", "city & sea"]);
        assert_eq!(full.saved_at, Some(datetime!(2023-06-14 12:34:56.789 UTC)));
        assert_eq!(full.published.as_deref(), Some("2023-06-01T08:00:00Z"));
        assert_eq!(full.state, ReadState::Unread);
        assert_eq!(full.content_html.as_deref(), Some("<div><p>The harbour plan &amp; the city.</p></div>\n"));
        assert_eq!(
            full.highlights,
            [
                ImportedHighlight {
                    quote: "The harbour plan & the city.".into(),
                    comment: Some("Check the budget.".into()),
                    created_at: None
                },
                ImportedHighlight {
                    quote: "A passage\nover two lines".into(),
                    comment: Some("A comment after a blank line.\n\nAnd a second paragraph.".into()),
                    created_at: None
                },
                ImportedHighlight { quote: "No comment here.".into(), comment: None, created_at: None },
            ]
        );
        assert_eq!(file.items[1].state, ReadState::Read);
        assert_eq!((file.items[1].content_html.as_deref(), file.items[1].highlights.len()), (None, 0));
        assert_eq!(file.items[2].state, ReadState::Archived);
        // metadata_1.json comes after metadata_0.json.
        assert_eq!(file.items[3].title.as_deref(), Some("Part two"));
    }

    #[test]
    fn malformed_records_name_the_part_and_the_record() {
        let cases: [(&[u8], &str); 5] = [
            (
                b"[{\"url\":\"https://a.test\"},{\"url\":\"https://b.test\"},{\"title\":\"x\"}]",
                "record 3: the url is missing",
            ),
            (
                b"[{\"url\":\"https://a.test\",\"savedAt\":\"soon\"}]",
                "record 1: savedAt \"soon\" is not an ISO 8601 time",
            ),
            (b"[{\"url\":\"https://a.test\",\"labels\":[3]}]", "record 1: \"labels\" item 1 is a number, not a name"),
            (
                b"[{\"url\":\"https://a.test\",\"readingProgress\":\"half\"}]",
                "record 1: \"readingProgress\" is \"half\", not a number",
            ),
            (b"[{\"url\":[\"https://a.test\"]}]", "record 1: \"url\" is a list, not a string"),
        ];
        for (metadata, expected) in cases {
            let error = read_zip(&[("metadata_0.json", metadata)]).unwrap_err();
            assert_eq!(error.to_string(), format!("omnivore.zip, metadata_0.json, {expected}"));
        }
    }

    #[test]
    fn other_entries_are_ignored_and_an_empty_export_is_no_error() {
        let file = read_zip(&[("README.txt", b"hello"), ("metadata_0.json", b"[]"), ("content/x.txt", b"?")]).unwrap();
        assert_eq!(file, ImportedFile::default());
    }

    #[test]
    fn an_entry_over_the_limit_refuses_the_export() {
        let big = vec![b'x'; 2000];
        let zip = zip_of(&[("metadata_0.json", b"[]"), ("content/big.html", &big)]);
        let limits = ZipLimits { max_entries: 10, max_entry_bytes: 1000, max_total_bytes: 1 << 20 };
        let error = read_within(Origin::file("omnivore.zip"), &zip, limits).unwrap_err();
        assert_eq!(error.place.as_deref(), Some("content/big.html"));
    }

    #[test]
    fn back_links_are_dropped_from_quotes() {
        let highlights = markdown_highlights(
            "> One [⤴️](https://omnivore.app/me/x#a)\n\n> Two [⤴](https://omnivore.app/me/x#b)\nNote\n",
        );
        assert_eq!(highlights[0].quote, "One");
        assert_eq!(highlights[1].quote, "Two");
        assert_eq!(highlights[1].comment.as_deref(), Some("Note"));
    }
}
