//! Publication dates the page shows rather than declares: the dateline beside the headline ("October 3, 2024"
//! just under the `<h1>`), a "Published" label whose date sits in the next element, and the date in the page's
//! address (`/2025/12/16/slug`, `/blog/2025-12-17-slug`, or only `/2015/11/`, which stays partial).
//!
//! One walk over the page's text, a bounded number of texts looked at: linear in page size, no recursion.

use super::{first_unmodified_date, rules};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use std::collections::VecDeque;
use url::Url;

/// The date in a page's address: `YYYY/MM/DD` path segments or a `YYYY-MM-DD` in a segment give a full date,
/// `YYYY/MM` followed by more of the path a partial one (`YYYY-MM`).
pub fn url_date(url: &Url) -> Option<String> {
    let path = url.path();
    if let Some(c) = rules::URL_DATE_SEGMENTS.captures(path) {
        let (y, m) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        let month: u32 = m.parse().ok()?;
        return match c.get(3) {
            Some(d) => super::dates::normalise(&format!("{y}-{month:02}-{:02}", d.as_str().parse::<u32>().ok()?)),
            None => (1..=12).contains(&month).then(|| format!("{y}-{month:02}")),
        };
    }
    let c = rules::URL_DATE_DASHED.captures(path)?;
    super::dates::normalise(&format!("{}-{}-{}", c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
}

/// The first date (not announced as a modification) in the short texts just after the headline, else in those
/// just before it, nearest first. A date in a data table is data (a time series, a schedule), never a dateline.
pub fn near_headline(doc: &Html, headline: ElementRef<'_>) -> Option<String> {
    let last_inside = headline.descendants().last().map(|n| n.id());
    let mut before: VecDeque<(String, String, NodeRef<'_, Node>)> = VecDeque::new();
    let mut previous = String::new();
    let mut state = Position::Before;
    let mut after = 0;
    for node in doc.root_element().descendants() {
        if node.id() == headline.id() {
            state = Position::Inside;
        }
        let text = node.value().as_text().map(|t| t.trim()).filter(|t| !t.is_empty());
        let parent_is_text = node
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| !rules::NON_TEXT_ELEMENTS.contains(&p.value().name()));
        if let (Some(text), true) = (text, parent_is_text) {
            match state {
                Position::Before => {
                    before.push_back((previous.clone(), text.to_string(), node));
                    if before.len() > rules::DATELINE_TEXTS_BEFORE {
                        before.pop_front();
                    }
                }
                Position::Inside => {}
                Position::After => {
                    after += 1;
                    if after > rules::DATELINE_TEXTS_AFTER {
                        break;
                    }
                    if let Some(date) = dateline_date(&previous, text).filter(|_| !in_data_table(node)) {
                        return Some(date);
                    }
                }
            }
            previous = text.to_string();
        }
        if state == Position::Inside && Some(node.id()) == last_inside {
            state = Position::After;
        }
    }
    before
        .iter()
        .rev()
        .find_map(|(previous, text, node)| dateline_date(previous, text).filter(|_| !in_data_table(*node)))
}

/// Whether a node sits in a data table: a table with header cells (`<th>`). A table without them may be the
/// page's layout, whose cells hold the whole article, dateline included.
fn in_data_table(node: NodeRef<'_, Node>) -> bool {
    node.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "table").is_some_and(|table| {
        table.descendants().filter_map(ElementRef::wrap).any(|e| e.value().name() == rules::TABLE_HEADER_CELL)
    })
}

/// Where the walk of [`near_headline`] is.
#[derive(PartialEq)]
enum Position {
    Before,
    Inside,
    After,
}

/// The date of a short text, unless it or the text before it ("Updated:") announces a modification.
fn dateline_date(previous: &str, text: &str) -> Option<String> {
    if text.chars().count() > rules::MAX_DATELINE_TEXT_CHARS || rules::VISIBLE_MODIFIED_LABEL.is_match(previous) {
        return None;
    }
    first_unmodified_date(text)
}

/// A "Published" label (in many languages) whose date follows in the same text or in one of the next few.
pub fn labelled_published(doc: &Html) -> Option<String> {
    labelled_date(doc, &rules::VISIBLE_PUBLISHED_LABEL, &rules::VISIBLE_PUBLISHED_LABEL_GATE, first_unmodified_date)
}

/// An "Updated" label (in many languages) whose date follows in the same text or in one of the next few, outside
/// the page's footer (where a site says when it last changed): the date a page shows readers when it shows no
/// publication date, which is then the date it goes by.
pub fn labelled_updated(doc: &Html) -> Option<String> {
    let first_date = |text: &str| super::dates::find_all_in_text(text).into_iter().next().map(|(_, d)| d);
    labelled_date_in(doc, &rules::VISIBLE_UPDATED_LABEL, &rules::VISIBLE_UPDATED_LABEL_GATE, &first_date, true, None)
}

/// A field label standing alone ("Date", "Publication date"), the date in the next text: a full date, or a month
/// and year ("November 2003"), which stays partial (`2003-11`).
pub fn date_field(doc: &Html) -> Option<String> {
    let mut seen = 0;
    let mut after_label = false;
    for node in doc.root_element().descendants() {
        let Some(text) = node.value().as_text().map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            continue;
        };
        if node
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| rules::NON_TEXT_ELEMENTS.contains(&p.value().name()))
        {
            continue;
        }
        if after_label
            && text.chars().count() <= rules::MAX_DATELINE_TEXT_CHARS
            && let Some(date) = first_unmodified_date(text).or_else(|| super::dates::month_year(text))
        {
            return Some(date);
        }
        after_label = rules::DATE_FIELD_LABEL.is_match(text);
        if after_label {
            seen += 1;
            if seen > rules::MAX_DATE_AREA_CANDIDATES {
                return None;
            }
        }
    }
    None
}

/// A news agency's dateline opening one of the first paragraphs: "RAJSHAHI, Dec 20, 2025 (BSS) - Homestead…".
pub fn wire_dateline(doc: &Html) -> Option<String> {
    rules::PARAGRAPH_SCAN.select(doc).take(rules::MAX_WIRE_DATELINE_PARAGRAPHS).find_map(|p| {
        let mut start = String::new();
        for piece in p.text() {
            start.push_str(piece);
            if start.len() >= rules::WIRE_DATELINE_BYTES {
                break;
            }
        }
        // The cheap test first: a place in capitals before the first comma (the pattern is costly on prose).
        let place = start.split(',').next().filter(|place| place.len() < start.len())?;
        if place.len() > rules::WIRE_PLACE_MAX_BYTES || place.chars().any(char::is_lowercase) {
            return None;
        }
        super::dates::find_in_text(wire_date(&start)?)
    })
}

/// The date of a news agency's dateline opening `text` (what the single pattern described above
/// [`rules::WIRE_PLACE`] captures): the first place and its comma, then the date after a second place if one is
/// there and a date follows it, else the date right after the first place.
fn wire_date(text: &str) -> Option<&str> {
    let place = rules::WIRE_PLACE.captures(text)?;
    if !rules::WIRE_PLACE_CHARS.contains(&place.get(1)?.as_str().chars().count()) {
        return None;
    }
    let rest = text.get(place.get(0)?.end()..)?;
    let second_end = rules::WIRE_SECOND_PLACE.captures(rest).and_then(|second| {
        let chars = second.get(1)?.as_str().chars().count();
        rules::WIRE_SECOND_PLACE_CHARS.contains(&chars).then_some(second.get(0)?.end())
    });
    let after_second = second_end.and_then(|end| rules::WIRE_DATE.captures(rest.get(end..)?));
    let date = after_second.or_else(|| rules::WIRE_DATE.captures(rest))?;
    Some(date.get(1)?.as_str())
}

/// An "Originally published" statement ("This article was originally published on 26 Sep 2019 at 4:12pm but has
/// been regularly updated"), its date in the same text or in one of the next few; "Originally posted by" (a
/// forum's quote of another post) is none.
pub fn labelled_originally_published(doc: &Html) -> Option<String> {
    // Rare: one search of all the texts first, where one per text cost every page more than the rest of this.
    if !rules::ORIGINALLY_PUBLISHED_ANYWHERE.is_match(&label_texts(doc)) {
        return None;
    }
    labelled_date_in(
        doc,
        &rules::ORIGINALLY_PUBLISHED_LABEL,
        &rules::ORIGINALLY_PUBLISHED_ANYWHERE,
        &first_unmodified_date,
        false,
        Some(&rules::BY_WORD),
    )
}

/// The texts [`labelled_date_in`] looks for a label in, one a line, for one search of them all: every text of the
/// page, read in the order the parser made them rather than by walking the tree (which cost more than the search;
/// the order does not matter to whether a label is there, and a text the parser left out of the tree only makes
/// the search say yes more often, never no).
fn label_texts(doc: &Html) -> String {
    let mut lines = String::new();
    for text in doc.tree.values().filter_map(|node| node.as_text()) {
        // The same as `trim` alone (ASCII whitespace is whitespace), but the runs of spaces and line breaks
        // between elements go byte by byte, not character by character.
        let text = text.trim_ascii().trim();
        if !text.is_empty() && text.len() <= rules::MAX_DATE_AREA_CHARS * 4 {
            lines.push_str(text);
            lines.push('\n');
        }
    }
    lines
}

/// A text matching `label` whose date (read by `date_of`) follows in the same text or in one of the next few.
/// `gate` matches every text `label` matches in (the label without its `\b`s): a text it does not match is not
/// searched for the label, whose Unicode `\b` makes a search of a text that is not all ASCII slow.
fn labelled_date(
    doc: &Html,
    label: &regex::Regex,
    gate: &regex::Regex,
    date_of: fn(&str) -> Option<String>,
) -> Option<String> {
    labelled_date_in(doc, label, gate, &date_of, false, None)
}

/// [`labelled_date`], skipping labels inside a `<footer>` when `skip_footer` is set, and labels whose text goes
/// on with what `refused_after` matches.
fn labelled_date_in(
    doc: &Html,
    label: &regex::Regex,
    gate: &regex::Regex,
    date_of: &dyn Fn(&str) -> Option<String>,
    skip_footer: bool,
    refused_after: Option<&regex::Regex>,
) -> Option<String> {
    let mut pending = 0;
    let mut seen = 0;
    for node in doc.root_element().descendants() {
        let Some(text) = node.value().as_text().map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            continue;
        };
        if pending > 0 {
            pending -= 1;
            if text.chars().count() <= rules::MAX_DATELINE_TEXT_CHARS
                && let Some(date) = date_of(text)
            {
                return Some(date);
            }
        }
        if text.len() > rules::MAX_DATE_AREA_CHARS * 4 {
            continue;
        }
        // The cheap gate first: it says no to nearly every text.
        if let Some(found) = gate.is_match(text).then(|| label.find(text)).flatten() {
            seen += 1;
            if seen > rules::MAX_DATE_AREA_CANDIDATES {
                return None;
            }
            // Bounded by the candidates: at most that many walks up the tree.
            if skip_footer && node.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "footer") {
                continue;
            }
            let after = text.get(found.end()..).unwrap_or_default();
            if refused_after.is_some_and(|r| r.is_match(after)) {
                continue;
            }
            if let Some(date) = date_of(after) {
                return Some(date);
            }
            pending = rules::DATELINE_TEXTS_AFTER_LABEL;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_carries_a_full_or_partial_date() {
        let date = |u: &str| url_date(&Url::parse(u).expect("test URL"));
        assert_eq!(date("https://x.test/2025/12/16/the-best-games").as_deref(), Some("2025-12-16"));
        assert_eq!(date("https://x.test/blog/2025-12-17-minisgl").as_deref(), Some("2025-12-17"));
        assert_eq!(date("https://x.test/archive/2015/11/notes.html").as_deref(), Some("2015-11"));
        assert_eq!(date("https://x.test/item/20251217"), None);
        assert_eq!(date("https://x.test/2025/13/40/x"), None);
    }

    #[test]
    fn the_dateline_beside_the_headline() {
        let page = |html: &str| {
            let doc = Html::parse_document(html);
            let h1 = doc.select(&rules::PAGE_HEADING).next().expect("test page has an h1");
            near_headline(&doc, h1)
        };
        assert_eq!(page("<h1>Kitchen sinks</h1><div>October 3, 2024</div>").as_deref(), Some("2024-10-03"));
        assert_eq!(
            page("<p>February 4, 2025 - 11 minutes</p><h1>Clouds</h1><p>Text</p>").as_deref(),
            Some("2025-02-04")
        );
        assert_eq!(page("<h1>Clouds</h1><span>Updated:</span><span>May 1, 2025</span>"), None);
    }

    #[test]
    fn the_wire_date_is_what_the_single_pattern_captures() {
        let single = regex::Regex::new(
            r"^\s*\p{Lu}[\p{Lu}\p{M} .'’-]{2,40},(?:\s*\p{Lu}[\p{L}\p{M} .'’-]{1,30},)?\s*([^()\-–—]{6,30}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—]",
        )
        .expect("test pattern");
        let long_place = "N".repeat(41);
        let long_second = format!("Aa{}", "a".repeat(29));
        let texts = [
            "RAJSHAHI, Dec 20, 2025 (BSS) - Homestead farming",
            "GENEVA, 3 March 2024 – The talks",
            "  PARIS, 3 March 2024 — x",
            "ATLANTA, Georgia, May 1, 2025 (AP) - A storm",
            "ATLANTA, Georgia, May 1, 2025 (AP) A storm, then - more",
            "ATLANTA, Georgia, 12 - x",
            "ATLANTA, Georgia, May 1 2025 (AP - not closed",
            "ATLANTA, G, May 1, 2025 - x",
            "ATLANTA, Géorgie du Sud, 4 mai 2025 – x",
            "ATLANTA, georgia, May 1, 2025 - x",
            "ATLANTA,, May 1, 2025 - x",
            "AB, May 1, 2025 - x",
            "A, May 1, 2025 - x",
            "ÉVRY-COURCOURONNES, 4 mai 2025 (AFP) – x",
            "SÃO PAULO, 4 de maio de 2025 (Reuters) - x",
            "O’HARE, Jan. 2, 2024 - x",
            "NEW YORK (Reuters) - no comma first",
            "NEW YORK, (Reuters) - x",
            "NEW YORK, Jan 2 - x",
            "NEW YORK, January 2, 2024, Tuesday - x",
            "NEW YORK, Long Island, January 2, 2024 (A very long agency name in brackets) - x",
            "NEW YORK, 2024-01-02 - x",
            "Hello, world - x",
            "",
            ",",
            "X",
            &format!("{long_place}, May 1, 2025 - x"),
            &format!("{}, May 1, 2025 - x", &long_place[1..]),
            &format!("NEW YORK, {long_second}, May 1, 2025 - x"),
            &format!("NEW YORK, {}, May 1, 2025 - x", &long_second[1..]),
        ];
        for text in texts {
            let expected = single.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str());
            assert_eq!(wire_date(text), expected, "{text:?}");
        }
    }

    #[test]
    fn an_originally_published_statement_is_found_among_all_the_texts() {
        for text in ["This article was originally published on 26 Sep 2019", "ORIGINALLY\u{a0}POSTED: May 1", "x"] {
            let label = rules::ORIGINALLY_PUBLISHED_LABEL.is_match(text);
            assert!(!label || rules::ORIGINALLY_PUBLISHED_ANYWHERE.is_match(text), "{text:?}");
        }
        let doc = Html::parse_document("<p>It was</p><p>originally published on</p><p>May 1, 2025</p>");
        assert_eq!(labelled_originally_published(&doc).as_deref(), Some("2025-05-01"));
    }

    #[test]
    fn a_published_label_with_its_date_in_the_next_element() {
        let doc = Html::parse_document("<div>Published</div><div>October 14, 2025</div>");
        assert_eq!(labelled_published(&doc).as_deref(), Some("2025-10-14"));
    }

    #[test]
    fn an_updated_label_with_its_date_but_not_in_the_footer() {
        let doc = Html::parse_document("<p>By Ann Lee</p><span>Last updated:</span> <span>Oct 14, 2025</span>");
        assert_eq!(labelled_updated(&doc).as_deref(), Some("2025-10-14"));
        let footer = Html::parse_document("<p>Text</p><footer><p>Site last updated: October 14, 2025</p></footer>");
        assert_eq!(labelled_updated(&footer), None);
    }
}
