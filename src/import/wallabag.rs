//! wallabag's JSON export: a list of entries (`url`, `title`, `is_archived`, `is_starred`, `tags`, `content`,
//! `created_at`, `published_at`, `published_by`, `annotations`…). Versions of wallabag differ on types, so flags
//! are `true`/`1`/`"1"`, tags are strings or objects with a `label`, `published_by` is a list or one name, and a
//! missing field is "not said"; the address must be a string.
//!
//! `content` (the article wallabag kept) becomes `content_html`, `published_by` the author (names joined with
//! ", "), `is_archived` the state Archived, `is_starred` the tag `starred`, and each annotation a highlight (its
//! `quote`, its `text` as the comment).

use super::fields::{self, Address};
use super::json_fields::{self, Record};
use super::{ImportError, ImportedFile, ImportedHighlight, ImportedItem, Origin, ReadState, utf8_text};

/// The tag a starred entry gets.
const STARRED_TAG: &str = "starred";
/// The fields that name a tag given as an object, best first.
const TAG_NAME_FIELDS: [&str; 3] = ["label", "name", "slug"];
/// The fields that name an author given as an object.
const AUTHOR_NAME_FIELDS: [&str; 1] = ["name"];
/// What joins the authors of an entry.
const AUTHOR_SEPARATOR: &str = ", ";

/// Reads wallabag's JSON export.
pub(super) fn read(origin: Origin<'_>, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    let mut file = ImportedFile::default();
    for (index, record) in json_fields::records(origin, utf8_text(origin, bytes)?)?.iter().enumerate() {
        match entry_item(record).map_err(|reason| origin.at_record(index + 1, reason))? {
            Some(item) => file.items.push(item),
            None => file.skipped_not_web += 1,
        }
    }
    Ok(file)
}

/// The item of one entry, or `None` when its address is not a web page's.
fn entry_item(entry: &Record) -> Result<Option<ImportedItem>, String> {
    let Address::Web(url) = fields::address(json_fields::string(entry, "url")?)? else {
        return Ok(None);
    };
    let mut tags = json_fields::names(entry, "tags", &TAG_NAME_FIELDS)?;
    if json_fields::flag(entry, "is_starred")? {
        tags.push(STARRED_TAG.to_string());
    }
    let authors: Vec<String> = json_fields::names(entry, "published_by", &AUTHOR_NAME_FIELDS)?
        .iter()
        .filter_map(|name| fields::one_line(&fields::decoded(name)))
        .collect();
    let mut highlights = Vec::new();
    for annotation in json_fields::objects(entry, "annotations")? {
        let Some(quote) = json_fields::string(annotation, "quote")?.and_then(|q| fields::text(&fields::decoded(q)))
        else {
            continue;
        };
        highlights.push(ImportedHighlight {
            quote,
            comment: json_fields::string(annotation, "text")?.and_then(|t| fields::text(&fields::decoded(t))),
            created_at: fields::iso_time(
                "created_at",
                json_fields::string(annotation, "created_at")?.unwrap_or_default(),
            )?,
        });
    }
    Ok(Some(ImportedItem {
        url,
        title: json_fields::string(entry, "title")?.and_then(|t| fields::one_line(&fields::decoded(t))),
        tags: fields::tags(tags.iter().map(|t| fields::decoded(t))),
        folder: Vec::new(),
        saved_at: fields::iso_time("created_at", json_fields::string(entry, "created_at")?.unwrap_or_default())?,
        state: if json_fields::flag(entry, "is_archived")? { ReadState::Archived } else { ReadState::Unread },
        content_html: json_fields::string(entry, "content")?.filter(|c| !c.trim().is_empty()).map(str::to_string),
        author: (!authors.is_empty()).then(|| authors.join(AUTHOR_SEPARATOR)),
        published: fields::publication_date(
            "published_at",
            json_fields::string(entry, "published_at")?.unwrap_or_default(),
        )?,
        description: None,
        highlights,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn read_text(text: &str) -> Result<ImportedFile, ImportError> {
        read(Origin::file("wallabag.json"), text.as_bytes())
    }

    #[test]
    fn every_field_is_carried() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/wallabag/wallabag.json");
        let file = read(Origin::file("wallabag.json"), &std::fs::read(path).unwrap()).unwrap();
        assert_eq!(file.skipped_not_web, 1);
        assert_eq!(file.items.len(), 2);
        let full = &file.items[0];
        assert_eq!(full.url, "https://news.example.org/2019/03/harbour");
        assert_eq!(full.title.as_deref(), Some("Harbour & city: a plan"));
        assert_eq!(full.tags, ["ports", "city & sea", "starred"]);
        assert_eq!(full.state, ReadState::Archived);
        assert_eq!(full.saved_at, Some(datetime!(2019-03-14 10:11:12 +1)));
        assert_eq!(full.content_html.as_deref(), Some("<p>The harbour plan &amp; the city.</p>"));
        assert_eq!(full.author.as_deref(), Some("Ana Ruiz, Tom Berg"));
        assert_eq!(full.published.as_deref(), Some("2019-03-13T08:00:00+01:00"));
        assert_eq!(
            full.highlights,
            [
                ImportedHighlight {
                    quote: "The harbour plan & the city.".into(),
                    comment: Some("Check the budget".into()),
                    created_at: Some(datetime!(2019-03-15 09:00:00 +1)),
                },
                ImportedHighlight { quote: "Second passage".into(), comment: None, created_at: None },
            ]
        );
        // An older wallabag: booleans, tags as objects, one author as a string, fields missing.
        let sparse = &file.items[1];
        assert_eq!(sparse.tags, ["tech"]);
        assert_eq!(sparse.state, ReadState::Unread);
        assert_eq!(sparse.author.as_deref(), Some("Lee"));
        assert_eq!((sparse.content_html.as_deref(), sparse.published.as_deref()), (None, None));
        assert_eq!(sparse.title, None);
    }

    #[test]
    fn wrong_types_name_the_record() {
        let cases = [
            ("[{\"url\":\"https://a.test\"},{\"url\":5}]", "record 2: \"url\" is a number, not a string"),
            ("[{\"title\":\"no address\"}]", "record 1: the url is missing"),
            (
                "[{\"url\":\"https://a.test\",\"tags\":\"x\",\"annotations\":{}}]",
                "record 1: \"annotations\" is an object, not a list",
            ),
            (
                "[{\"url\":\"https://a.test\",\"is_archived\":\"maybe\"}]",
                "record 1: \"is_archived\" is \"maybe\", neither true nor false",
            ),
            (
                "[{\"url\":\"https://a.test\",\"created_at\":\"last week\"}]",
                "record 1: created_at \"last week\" is not an ISO 8601 time",
            ),
            (
                "[{\"url\":\"https://a.test\",\"annotations\":[{\"quote\":\"q\",\"created_at\":\"x\"}]}]",
                "record 1: created_at \"x\" is not an ISO 8601 time",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(read_text(text).unwrap_err().to_string(), format!("wallabag.json, {expected}"));
        }
        assert_eq!(read_text("[]").unwrap(), ImportedFile::default());
    }
}
