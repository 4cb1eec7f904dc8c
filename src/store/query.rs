//! The search query syntax, and its parser.
//!
//! | Written              | Means                                                                      |
//! |----------------------|----------------------------------------------------------------------------|
//! | `word`               | the word appears (title, byline, outlet, text, notes or tags)              |
//! | `"two words"`        | the words appear in this order, next to each other                         |
//! | `prefix*`            | a word starting with `prefix` appears                                      |
//! | `-word`, `-"a b"`    | the word or phrase does not appear                                         |
//! | `tag:x`, `tag:"a b"` | the clipping has tag x (several `tag:` must all hold); `-tag:x` excludes   |
//! | `site:x`             | the outlet is x (ignoring case) or the URL's host is x or ends in `.x`     |
//! | `folder:x`           | in a folder named x, or at path `a/b`, or in one of its subfolders         |
//! | `after:YYYY-MM-DD`   | published (saved, when undated) on or after that day                       |
//! | `before:YYYY-MM-DD`  | published (saved, when undated) before that day                            |
//! | `kind:x`             | taken from a page of kind x (`article`, `forum`, `product`, `documentation`, |
//! |                      | `listing`, `collection`, `service`); `-kind:x` excludes                    |
//! | `has:highlights`     | has highlighted passages; `-has:highlights` has none                       |
//! | `highlight:x`        | has a passage highlighted in colour x (`yellow`, `green`, `blue`, `pink`)  |
//!
//! Words are found whatever their case and accents. Text in Korean, Chinese, Japanese, Thai and other scripts
//! without reliable spaces is found as a substring, so `한국` finds `한국은행이`.
//!
//! Every term becomes a quoted FTS5 string, so nothing a user types (`"`, `*`, `NEAR(`, `)`, `-`, `AND`) is ever
//! read as FTS5 syntax: the parser either returns a query or [`StoreError::InvalidQuery`]. Unknown `key:` prefixes
//! are plain words. An unclosed quote runs to the end of the query.

use super::StoreError;
use crate::extract::PageKind;
use crate::extract::script::has_spaceless;

/// A search term: what to look for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The text, without quotes or operators.
    pub text: String,
    /// Written between quotes (match as a phrase).
    pub phrase: bool,
    /// Ends with `*` (match words starting with it).
    pub prefix: bool,
}

impl Term {
    /// Whether the term holds a script written without spaces, and so is looked up in the trigram index.
    pub fn is_spaceless(&self) -> bool {
        has_spaceless(&self.text)
    }

    /// The term as an FTS5 string: quoted, inner quotes doubled, `*` after the closing quote for a prefix.
    pub fn fts5(&self) -> String {
        let quoted = format!("\"{}\"", self.text.replace('"', "\"\""));
        if self.prefix && !self.phrase { format!("{quoted}*") } else { quoted }
    }
}

/// A parsed search query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Terms that must appear.
    pub include: Vec<Term>,
    /// Terms that must not appear.
    pub exclude: Vec<Term>,
    /// Tags the clipping must all have (as written).
    pub tags: Vec<String>,
    /// Tags the clipping must not have.
    pub not_tags: Vec<String>,
    /// Outlets or hosts; the clipping must match all.
    pub sites: Vec<String>,
    /// Folder names or paths; the clipping must be in (a subfolder of) each.
    pub folders: Vec<String>,
    /// On or after this day (`YYYY-MM-DD`).
    pub after: Option<String>,
    /// Before this day (`YYYY-MM-DD`).
    pub before: Option<String>,
    /// Kinds of page the clipping must be one of.
    pub kinds: Vec<PageKind>,
    /// Kinds of page the clipping must not be.
    pub not_kinds: Vec<PageKind>,
    /// `Some(true)`: the clipping has highlights; `Some(false)`: it has none.
    pub has_highlights: Option<bool>,
    /// Colours (`yellow`…) the clipping must each have a highlight in.
    pub highlight_colours: Vec<String>,
}

impl Query {
    /// Whether the query restricts nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

/// One raw piece of the query: optional `-`, optional `key:`, then a bare or quoted value.
struct Piece {
    negated: bool,
    key: Option<String>,
    value: String,
    quoted: bool,
}

/// Splits the query into pieces, honouring quotes (an unclosed quote runs to the end).
fn pieces(input: &str) -> Vec<Piece> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if chars[i] == '-' {
            negated = true;
            i += 1;
        }
        // A key is letters followed by ':' (and something after it).
        let mut key = None;
        let start = i;
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j > start && j + 1 < chars.len() && chars[j] == ':' && !chars[j + 1].is_whitespace() {
            let candidate: String = chars[start..j].iter().collect::<String>().to_ascii_lowercase();
            if matches!(
                candidate.as_str(),
                "tag" | "site" | "folder" | "after" | "before" | "kind" | "has" | "highlight"
            ) {
                key = Some(candidate);
                i = j + 1;
            }
        }
        let (value, quoted) = if i < chars.len() && chars[i] == '"' {
            let end = chars[i + 1..].iter().position(|&c| c == '"').map_or(chars.len(), |p| i + 1 + p);
            let value: String = chars[i + 1..end].iter().collect();
            i = end + 1;
            (value, true)
        } else {
            let end = chars[i..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |p| i + p);
            let value: String = chars[i..end].iter().collect();
            i = end;
            (value, false)
        };
        out.push(Piece { negated, key, value, quoted });
    }
    out
}

/// Checks a `YYYY-MM-DD` day.
fn day(key: &str, value: &str) -> Result<String, StoreError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, format).map(|_| value.to_string()).map_err(|_| StoreError::InvalidQuery {
        reason: format!("{key}: needs a date written YYYY-MM-DD, not {value:?}"),
    })
}

/// Reads a kind of page by its name, ignoring case.
fn kind(value: &str) -> Result<PageKind, StoreError> {
    PageKind::from_name(&value.to_lowercase()).ok_or_else(|| {
        let names: Vec<&str> = PageKind::ALL.iter().map(|kind| kind.as_str()).collect();
        StoreError::InvalidQuery { reason: format!("kind: is one of {}, not {value:?}", names.join(", ")) }
    })
}

/// Reads a highlight colour by its name, ignoring case.
fn colour(value: &str) -> Result<String, StoreError> {
    let name = value.to_lowercase();
    match super::Colour::from_name(&name) {
        Some(colour) => Ok(colour.as_str().to_string()),
        None => Err(StoreError::InvalidQuery {
            reason: format!("highlight: is one of yellow, green, blue, pink, not {value:?}"),
        }),
    }
}

/// Parses a query written in the syntax above.
pub fn parse(input: &str) -> Result<Query, StoreError> {
    let mut query = Query::default();
    // Control characters (a NUL would end the FTS5 string early) are separators like spaces.
    let input: String = input.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    for piece in pieces(&input) {
        let value = piece.value.trim().to_string();
        if let Some(key) = piece.key.as_deref() {
            if value.is_empty() {
                return Err(StoreError::InvalidQuery { reason: format!("{key}: needs a value") });
            }
            match (key, piece.negated) {
                ("tag", false) => query.tags.push(value),
                ("tag", true) => query.not_tags.push(value),
                ("site", false) => query.sites.push(value),
                ("folder", false) => query.folders.push(value),
                ("after", false) => query.after = Some(day(key, &value)?),
                ("before", false) => query.before = Some(day(key, &value)?),
                ("kind", false) => query.kinds.push(kind(&value)?),
                ("kind", true) => query.not_kinds.push(kind(&value)?),
                ("has", negated) if value.eq_ignore_ascii_case("highlights") => query.has_highlights = Some(!negated),
                ("has", _) => {
                    return Err(StoreError::InvalidQuery { reason: format!("has: takes highlights, not {value:?}") });
                }
                ("highlight", false) => query.highlight_colours.push(colour(&value)?),
                _ => {
                    return Err(StoreError::InvalidQuery {
                        reason: format!("-{key}: cannot be negated; only -tag:, -kind: and -has: can"),
                    });
                }
            }
            continue;
        }
        let (text, prefix) = if piece.quoted {
            (value, false)
        } else {
            let stripped = value.trim_end_matches('*');
            (stripped.to_string(), stripped.len() != value.len())
        };
        // Text with no letter or digit holds no word to look for (`*`, `)`, `-`, `"`).
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let term = Term { text, phrase: piece.quoted, prefix };
        if piece.negated { query.exclude.push(term) } else { query.include.push(term) }
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let q = parse(r#"climate "sea level" polic* -coal tag:Energy -tag:old site:bbc.co.uk folder:"Foreign news" after:2024-01-01 before:2025-01-01"#)
            .unwrap();
        assert_eq!(q.include.len(), 3);
        assert_eq!(q.include[1], Term { text: "sea level".into(), phrase: true, prefix: false });
        assert_eq!(q.include[2].fts5(), "\"polic\"*");
        assert_eq!(q.exclude[0].text, "coal");
        assert_eq!(q.tags, ["Energy"]);
        assert_eq!(q.not_tags, ["old"]);
        assert_eq!(q.sites, ["bbc.co.uk"]);
        assert_eq!(q.folders, ["Foreign news"]);
        assert_eq!(q.after.as_deref(), Some("2024-01-01"));
        assert_eq!(q.before.as_deref(), Some("2025-01-01"));
    }

    #[test]
    fn hostile_text_is_quoted_or_dropped() {
        let q = parse(r#"NEAR( a" ) * - " ""#).unwrap();
        assert_eq!(q.include[0].fts5(), "\"NEAR(\"");
        assert!(q.include.iter().all(|t| t.text.chars().any(char::is_alphanumeric)));
        assert!(parse("after:yesterday").is_err());
        assert!(parse("tag:").unwrap().include.iter().any(|t| t.text == "tag:"));
    }

    #[test]
    fn kinds_of_page_are_read_by_name_and_can_be_excluded() {
        let q = parse("boiler kind:Forum -kind:product").unwrap();
        assert_eq!(q.kinds, [PageKind::Forum]);
        assert_eq!(q.not_kinds, [PageKind::Product]);
        assert_eq!(q.include.len(), 1);
        let highlighted = parse("has:highlights highlight:Green -has:Highlights").unwrap();
        assert_eq!(
            (highlighted.has_highlights, highlighted.highlight_colours),
            (Some(false), vec!["green".to_string()])
        );
        assert!(parse("has:notes").unwrap_err().to_string().contains("has: takes highlights"));
        assert!(parse("highlight:red").unwrap_err().to_string().contains("yellow, green, blue, pink"));
        let error = parse("kind:blog").unwrap_err().to_string();
        assert!(error.contains("kind: is one of article, forum") && error.contains("\"blog\""), "{error}");
    }
}
