//! The clean-up every reader gives the fields of a record, so that all formats agree: text with its HTML
//! character references decoded once and its whitespace trimmed, tags without empties or repeats, the web address
//! that decides whether a record is kept, and the times (Unix seconds or ISO 8601) an export writes.
//!
//! The functions return plain-words reasons (`time_added "abc" is not a Unix time`); the reader adds the file and
//! the line or record.

use time::format_description::well_known::{Iso8601, Rfc3339};
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

/// Unix times at or above this are milliseconds, not seconds: 10^11 seconds is the year 5138, 10^11 milliseconds
/// March 1973, before any of these services or browsers kept bookmarks.
const MILLISECONDS_FROM: i64 = 100_000_000_000;
/// Unix times at or above this are microseconds (Firefox's own clock, which some bookmark writers copy).
const MICROSECONDS_FROM: i64 = 100_000_000_000_000;
/// Unix times at or above this are nanoseconds.
const NANOSECONDS_FROM: i64 = 100_000_000_000_000_000;

/// Text from a CSV cell, a JSON string or Markdown, with its HTML character references decoded, once: exports
/// write `Q&amp;A` into titles and tags where nothing would decode it. (Text from an HTML export comes decoded by
/// the tokenizer and must not go through this again: `&amp;amp;` is meant to show `&amp;`.)
pub(super) fn decoded(raw: &str) -> String {
    crate::extract::metadata::decode_entities(raw)
}

/// A text that keeps its lines (a description, a highlighted passage, a comment), trimmed; `None` when empty.
pub(super) fn text(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A text meant for one line (a title, a tag, a folder, an author), with every run of whitespace (newlines
/// included) made one space and the ends trimmed; `None` when empty.
pub(super) fn one_line(raw: &str) -> Option<String> {
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// Tags as the export spells them, each on one line, without the empty ones and without repeats (the first kept).
pub(super) fn tags<S: AsRef<str>>(raw: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        if let Some(tag) = one_line(tag.as_ref())
            && !tags.contains(&tag)
        {
            tags.push(tag);
        }
    }
    tags
}

/// What a record's address says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Address {
    /// An http or https address, trimmed: the record is imported.
    Web(String),
    /// Anything else (`javascript:`, `place:`, `about:`, not an address at all): the record is skipped and counted.
    NotWeb,
}

/// The address of a record, from the export's field; `None` or blank is the reason "the url is missing".
pub(super) fn address(raw: Option<&str>) -> Result<Address, String> {
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err("the url is missing".to_string());
    }
    let is_web = url::Url::parse(raw)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty()));
    Ok(if is_web { Address::Web(raw.to_string()) } else { Address::NotWeb })
}

/// A Unix time written as text in the field `field`: seconds, or milliseconds, microseconds or nanoseconds told
/// apart by their size. Blank and `0` (what some writers put for "unknown") are `None`.
pub(super) fn unix_time(field: &str, raw: &str) -> Result<Option<OffsetDateTime>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let number: i64 = raw.parse().map_err(|_| format!("{field} \"{raw}\" is not a Unix time"))?;
    unix_time_from_number(field, number)
}

/// A Unix time given as a number (see [`unix_time`]).
pub(super) fn unix_time_from_number(field: &str, number: i64) -> Result<Option<OffsetDateTime>, String> {
    if number == 0 {
        return Ok(None);
    }
    let magnitude = number.unsigned_abs();
    let nanoseconds = if magnitude >= NANOSECONDS_FROM.unsigned_abs() {
        i128::from(number)
    } else if magnitude >= MICROSECONDS_FROM.unsigned_abs() {
        i128::from(number) * 1_000
    } else if magnitude >= MILLISECONDS_FROM.unsigned_abs() {
        i128::from(number) * 1_000_000
    } else {
        i128::from(number) * 1_000_000_000
    };
    OffsetDateTime::from_unix_timestamp_nanos(nanoseconds)
        .map(Some)
        .map_err(|_| format!("{field} \"{number}\" is not a Unix time Cuttings can read"))
}

/// An ISO 8601 time in the field `field`: `2023-06-14T12:34:56.789Z`, `2016-04-06T12:25:22+0200` (PHP's form,
/// which wallabag writes), a time without an offset (taken as UTC), or a date alone (midnight UTC). Blank is `None`.
pub(super) fn iso_time(field: &str, raw: &str) -> Result<Option<OffsetDateTime>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse_iso_time(raw).map(Some).ok_or_else(|| format!("{field} \"{raw}\" is not an ISO 8601 time"))
}

/// A publication date in the field `field`, as ISO 8601 text the way extracted articles carry it: a date alone
/// stays a date (`2021-03-04`), a time becomes RFC 3339 (`2021-03-04T10:00:00+01:00`). Blank is `None`.
pub(super) fn publication_date(field: &str, raw: &str) -> Result<Option<String>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if Date::parse(raw, format_description!("[year]-[month]-[day]")).is_ok() {
        return Ok(Some(raw.to_string()));
    }
    let time = parse_iso_time(raw).ok_or_else(|| format!("{field} \"{raw}\" is not an ISO 8601 date"))?;
    time.format(&Rfc3339).map(Some).map_err(|_| format!("{field} \"{raw}\" is not a date Cuttings can read"))
}

fn parse_iso_time(raw: &str) -> Option<OffsetDateTime> {
    // "2016-04-06 12:25:22" (a space for the T) is common enough in hand-made and database exports.
    let normalised: String =
        if raw.as_bytes().get(10) == Some(&b' ') { format!("{}T{}", &raw[..10], &raw[11..]) } else { raw.to_string() };
    let raw = normalised.as_str();
    if let Ok(time) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Some(time);
    }
    if let Ok(time) = OffsetDateTime::parse(raw, &Iso8601::DEFAULT) {
        return Some(time);
    }
    if let Ok(time) = PrimitiveDateTime::parse(raw, &Iso8601::DEFAULT) {
        return Some(time.assume_utc());
    }
    Date::parse(raw, format_description!("[year]-[month]-[day]"))
        .ok()
        .map(|date| PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn text_from_exports_is_decoded_once_and_trimmed() {
        assert_eq!(
            one_line(&decoded("  Q&amp;A: R&eacute;sum&eacute;s &amp;amp; more \n")).as_deref(),
            Some("Q&A: Résumés &amp; more")
        );
        assert_eq!(one_line(&decoded("a <b> c")).as_deref(), Some("a <b> c"));
        assert_eq!(one_line("Two\n   lines").as_deref(), Some("Two lines"));
        assert_eq!(one_line(" \t "), None);
        assert_eq!(text("  first\n\nsecond  ").as_deref(), Some("first\n\nsecond"));
    }

    #[test]
    fn tags_drop_empties_and_repeats() {
        assert_eq!(tags(["news", " ", "", " tech ", "news"]), ["news", "tech"]);
    }

    #[test]
    fn only_http_and_https_addresses_are_web() {
        assert_eq!(address(Some(" https://example.com/a?b=1 ")), Ok(Address::Web("https://example.com/a?b=1".into())));
        assert_eq!(address(Some("http://example.com")), Ok(Address::Web("http://example.com".into())));
        for not_web in ["javascript:alert(1)", "place:folder=BOOKMARKS_MENU", "about:blank", "ftp://x.org/f", "news"] {
            assert_eq!(address(Some(not_web)), Ok(Address::NotWeb), "{not_web}");
        }
        assert_eq!(address(Some("  ")), Err("the url is missing".into()));
        assert_eq!(address(None), Err("the url is missing".into()));
    }

    #[test]
    fn unix_times_are_normalised_by_magnitude() {
        let expected = Some(datetime!(2017-03-20 8:53:20 UTC));
        assert_eq!(unix_time("t", "1490000000"), Ok(expected));
        assert_eq!(unix_time("t", "1490000000000"), Ok(expected));
        assert_eq!(unix_time("t", "1490000000000000"), Ok(expected));
        assert_eq!(unix_time("t", "1490000000000000000"), Ok(expected));
        assert_eq!(unix_time("t", ""), Ok(None));
        assert_eq!(unix_time("t", "0"), Ok(None));
        assert_eq!(unix_time("time_added", "abc"), Err("time_added \"abc\" is not a Unix time".into()));
    }

    #[test]
    fn iso_times_in_the_forms_exports_write() {
        assert_eq!(iso_time("t", "2023-06-14T12:34:56Z"), Ok(Some(datetime!(2023-06-14 12:34:56 UTC))));
        assert_eq!(iso_time("t", "2016-04-06T12:25:22+0200"), Ok(Some(datetime!(2016-04-06 12:25:22 +2))));
        assert_eq!(iso_time("t", "2016-04-06 12:25:22"), Ok(Some(datetime!(2016-04-06 12:25:22 UTC))));
        assert_eq!(iso_time("t", "2016-04-06"), Ok(Some(datetime!(2016-04-06 0:00 UTC))));
        assert_eq!(iso_time("savedAt", "yesterday"), Err("savedAt \"yesterday\" is not an ISO 8601 time".into()));
        assert_eq!(publication_date("p", "2021-03-04"), Ok(Some("2021-03-04".into())));
        assert_eq!(publication_date("p", "2021-03-04T10:00:00.000Z"), Ok(Some("2021-03-04T10:00:00Z".into())));
        assert_eq!(publication_date("p", "2021-03-04T10:00:00+0100"), Ok(Some("2021-03-04T10:00:00+01:00".into())));
        assert!(publication_date("p", "March 4").is_err());
    }
}
