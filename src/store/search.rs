//! Search: runs a parsed [`query`](super::query) on the full-text indexes, applies the filters, ranks, and cuts a
//! highlighted snippet for each hit, saying where it was found ([`FoundIn`]: a match in a highlighted passage or a
//! highlight's comment is "in a highlight", before the article's text, notes, title and excerpt).
//!
//! Word terms are matched in `clipping_fts` and ranked with bm25, weighting title 10, tags 5, notes 3, byline and
//! outlet 2, text 1. Terms in spaceless scripts are matched in the trigram table `clipping_cjk`: with MATCH when
//! they have 3 characters or more, and with LIKE when shorter, since a trigram index cannot look up fewer than three
//! characters. A query with no word term is ranked by the trigram bm25, or, with no term at all, listed newest first.
//!
//! The plans, and why (figures at 100,000 clippings, `examples/library_bench.rs`):
//! - A ranked query: the full-text table drives, and every filter that is a set of ids (tags, folders, short
//!   spaceless terms) is tested on each match before its clipping row is read, so that a phrase in 6,000 clippings
//!   with a folder filter reads the rows of the few hundred in the folder only.
//! - A query listed newest first with a short spaceless term (`물가 site:x`): the term is first tested, through
//!   the trigram table's row of each clipping, on the [`SHORT_TERM_WINDOW`] newest clippings that the other filters
//!   leave; only when that does not fill the page is the whole trigram table scanned with LIKE (15,000 rows, about
//!   10 ms, and then every clipping it finds read and sorted). Both give the same hits: the window is the start of
//!   the order the hits are listed in.

use std::collections::HashSet;

use regex::Regex;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::clippings::summary;
use super::model::{HIGHLIGHT_END, HIGHLIGHT_START};
use super::query::{Query, Term, parse};
use super::{FolderId, FoundIn, Library, SearchFilters, SearchHit, StoreError, name_key};
use crate::extract::script::{has_spaceless, is_spaceless};

/// bm25 weights of `clipping_fts`'s columns: title, byline, outlet, text, notes, tags.
const BM25_WEIGHTS: &str = "10.0, 2.0, 2.0, 1.0, 3.0, 5.0";
/// Characters of context kept before the first match in a snippet.
const SNIPPET_BEFORE: usize = 60;
/// Total characters of a snippet.
const SNIPPET_LENGTH: usize = 200;
/// Between two highlights in the text read for snippets (`char(30)` in SQL, the record separator).
const HIGHLIGHT_SEPARATOR: char = '\u{1e}';
/// Newest clippings on which a short spaceless term is first tested one by one (see the module doc). Testing all of
/// them when none matches takes about 2 ms at 100,000 clippings, a fifth of the scan it may spare.
const SHORT_TERM_WINDOW: u32 = 2000;

impl Library {
    /// Searches live clippings with the query syntax of [`super::query`]; best first, at most `limit`.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        self.search_with(query, &SearchFilters::default(), limit)
    }

    /// Like [`Library::search`], with filters from outside the query text (the UI's filter bar).
    pub fn search_with(&self, query: &str, filters: &SearchFilters, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        self.search_windowed(query, filters, limit, SHORT_TERM_WINDOW)
    }

    /// [`Library::search_with`], testing short spaceless terms first on the `window` newest clippings.
    fn search_windowed(
        &self,
        query: &str,
        filters: &SearchFilters,
        limit: u32,
        window: u32,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let parsed = parse(query)?;
        if parsed.is_empty() && *filters == SearchFilters::default() {
            return Err(StoreError::InvalidQuery { reason: "there is nothing to search for".into() });
        }
        let mut sql = Sql::default();
        let words: Vec<&Term> = parsed.include.iter().filter(|t| !t.is_spaceless()).collect();
        let (long, short): (Vec<&Term>, Vec<&Term>) =
            parsed.include.iter().filter(|t| t.is_spaceless()).partition(|t| t.text.chars().count() >= 3);
        let (from, score) = if !words.is_empty() {
            let n = sql.arg(Value::Text(and(&words)));
            sql.conds.push(format!("clipping_fts MATCH ?{n}"));
            for term in &long {
                let n = sql.arg(Value::Text(term.fts5()));
                sql.conds.push(format!("c.id IN (SELECT rowid FROM clipping_cjk WHERE clipping_cjk MATCH ?{n})"));
            }
            (
                "clipping_fts CROSS JOIN clippings c ON c.id = clipping_fts.rowid",
                format!("bm25(clipping_fts, {BM25_WEIGHTS})"),
            )
        } else if !long.is_empty() {
            let n = sql.arg(Value::Text(and(&long)));
            sql.conds.push(format!("clipping_cjk MATCH ?{n}"));
            ("clipping_cjk CROSS JOIN clippings c ON c.id = clipping_cjk.rowid", "bm25(clipping_cjk)".to_string())
        } else {
            ("clippings c", "0.0".to_string())
        };
        // Each condition on a short term, as an id set and as a test of one clipping's trigram row (`+` keeps the
        // LIKE from FTS5, which would otherwise scan its whole table for each clipping).
        let mut one_by_one: Vec<(String, String)> = Vec::new();
        for term in &short {
            let n = sql.arg(Value::Text(like_pattern(term)));
            let set = format!("c.id IN (SELECT rowid FROM clipping_cjk WHERE body LIKE ?{n} ESCAPE '\\')");
            let row = format!("EXISTS (SELECT 1 FROM clipping_cjk WHERE rowid = c.id AND +body LIKE ?{n} ESCAPE '\\')");
            sql.conds.push(set.clone());
            one_by_one.push((set, row));
        }
        for term in &parsed.exclude {
            let (n, table_cond) = if !term.is_spaceless() {
                (sql.arg(Value::Text(term.fts5())), "clipping_fts WHERE clipping_fts MATCH")
            } else if term.text.chars().count() >= 3 {
                (sql.arg(Value::Text(term.fts5())), "clipping_cjk WHERE clipping_cjk MATCH")
            } else {
                let n = sql.arg(Value::Text(like_pattern(term)));
                let set = format!("c.id NOT IN (SELECT rowid FROM clipping_cjk WHERE body LIKE ?{n} ESCAPE '\\')");
                let row = format!(
                    "NOT EXISTS (SELECT 1 FROM clipping_cjk WHERE rowid = c.id AND +body LIKE ?{n} ESCAPE '\\')"
                );
                sql.conds.push(set.clone());
                one_by_one.push((set, row));
                continue;
            };
            sql.conds.push(format!("c.id NOT IN (SELECT rowid FROM {table_cond} ?{n})"));
        }
        let ranked = score != "0.0";
        self.add_filters(&mut sql, &parsed, filters, ranked)?;
        let n = sql.arg(Value::Integer(i64::from(limit)));
        let run = |text: &str| -> Result<Vec<(i64, f64)>, StoreError> {
            let mut stmt = self.conn.prepare(text)?;
            let rows = stmt
                .query_map(params_from_iter(sql.args.iter()), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        };
        let mut first_window = None;
        if !ranked && !one_by_one.is_empty() {
            // The newest `window` clippings (in the order the hits are listed) drive, each tested on its own.
            let conds: Vec<String> = sql
                .conds
                .iter()
                .map(|c| one_by_one.iter().find(|(set, _)| set == c).map_or_else(|| c.clone(), |(_, row)| row.clone()))
                .collect();
            let found = run(&format!(
                "SELECT c.id, 0.0 FROM (SELECT id FROM clippings ORDER BY saved_at DESC, id DESC LIMIT {window}) w
                 CROSS JOIN clippings c ON c.id = w.id WHERE c.trash_id IS NULL AND {}
                 ORDER BY c.saved_at DESC, c.id DESC LIMIT ?{n}",
                all(&conds)
            ))?;
            if found.len() >= limit as usize {
                first_window = Some(found);
            }
        }
        // In a ranked plan every id set is tested on each full-text match, before its clipping row is read (`+`
        // keeps the sets from FTS5, which would otherwise run the whole full-text query again for every id of a
        // set: 60 ms for a tag of 1,600 clippings in a library of 100,000).
        let table = from.split_whitespace().next().unwrap_or("clipping_fts");
        let conds: Vec<String> =
            sql.conds.iter().map(|c| c.replacen("c.id ", &format!("+{table}.rowid "), 1)).collect();
        let text = if !ranked {
            format!(
                "SELECT c.id, 0.0 FROM {from} WHERE c.trash_id IS NULL AND {} ORDER BY c.saved_at DESC, c.id DESC
                 LIMIT ?{n}",
                all(&sql.conds)
            )
        } else if sql.conds.iter().all(|c| c.starts_with("c.id ") || c.ends_with("MATCH ?1")) {
            // Only the full-text table and id sets are involved: skip the join, so that ranking thousands of
            // matches does not also read thousands of clipping rows. The trashed ids are a small set.
            format!(
                "SELECT {table}.rowid, {score} AS score FROM {table}
                 WHERE {table}.rowid NOT IN (SELECT id FROM clippings WHERE trash_id IS NOT NULL) AND {}
                 ORDER BY score, {table}.rowid DESC LIMIT ?{n}",
                all(&conds)
            )
        } else {
            // The full-text table drives (CROSS JOIN keeps SQLite from reordering): each match that is in every id
            // set reads its clipping row by id and the other filters are tested on it. Driven by the clippings of a
            // folder instead, SQLite would run the full-text query again for each of them (48 ms for a desk of
            // 5,000 clippings at 100,000).
            format!(
                "SELECT c.id, {score} AS score FROM {from} WHERE c.trash_id IS NULL AND {}
                 ORDER BY score, c.saved_at DESC LIMIT ?{n}",
                all(&conds)
            )
        };
        let found = match first_window {
            Some(found) => found,
            None => run(&text)?,
        };
        let highlighter = highlighter(&parsed.include);
        let mut hits = Vec::with_capacity(found.len());
        for (id, score) in found {
            // The highlights in reading order (detached last), each passage followed by its comment, apart (a
            // snippet never runs from one into the next).
            let (text, notes, highlights): (String, String, String) = self
                .conn
                .prepare_cached(
                    "SELECT text, (SELECT ifnull(group_concat(body, ' '), '') FROM notes WHERE clipping_id = ?1),
                        (SELECT ifnull(group_concat(passage, char(30)), '') FROM (
                            SELECT exact || ifnull(' — ' || comment, '') AS passage FROM highlights
                            WHERE clipping_id = ?1 ORDER BY start_char IS NULL, start_char, id))
                 FROM clipping_bodies WHERE clipping_id = ?1",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let clipping = summary(&self.conn, id)?;
            let mut sources: Vec<(FoundIn, &str)> =
                highlights.split(HIGHLIGHT_SEPARATOR).map(|h| (FoundIn::Highlight, h)).collect();
            sources.extend([
                (FoundIn::Text, text.as_str()),
                (FoundIn::Note, notes.as_str()),
                (FoundIn::Title, clipping.title.as_str()),
                (FoundIn::Excerpt, clipping.excerpt.as_deref().unwrap_or("")),
            ]);
            let (snippet, found_in) = snippet(highlighter.as_ref(), &sources);
            hits.push(SearchHit { clipping, snippet, found_in, rank: if score == 0.0 { 0.0 } else { -score } });
        }
        Ok(hits)
    }

    /// Adds the conditions of the query's filters and of the UI's filters; for a `ranked` plan, folders as an id set
    /// (read from the folder index alone, see the module doc).
    fn add_filters(&self, sql: &mut Sql, q: &Query, filters: &SearchFilters, ranked: bool) -> Result<(), StoreError> {
        let tag_cond = "SELECT ct.clipping_id FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name_key =";
        for tag in q.tags.iter().chain(&filters.tags) {
            let n = sql.arg(Value::Text(name_key(tag)));
            sql.conds.push(format!("c.id IN ({tag_cond} ?{n})"));
        }
        for tag in &q.not_tags {
            let n = sql.arg(Value::Text(name_key(tag)));
            sql.conds.push(format!("c.id NOT IN ({tag_cond} ?{n})"));
        }
        for site in q.sites.iter().chain(&filters.outlet) {
            let lower = site.trim().to_lowercase();
            let host = lower.strip_prefix("www.").unwrap_or(&lower).to_string();
            let a = sql.arg(Value::Text(site.trim().to_string()));
            let b = sql.arg(Value::Text(host.clone()));
            let c = sql.arg(Value::Text(format!("%.{}", like_escape(&host))));
            sql.conds
                .push(format!("(c.site_name = ?{a} COLLATE NOCASE OR c.host = ?{b} OR c.host LIKE ?{c} ESCAPE '\\')"));
        }
        for (kinds, operator) in [(&q.kinds, "IN"), (&q.not_kinds, "NOT IN")] {
            if !kinds.is_empty() {
                let names: Vec<String> =
                    kinds.iter().map(|kind| format!("?{}", sql.arg(Value::Text(kind.as_str().into())))).collect();
                sql.conds.push(format!("c.page_kind {operator} ({})", names.join(", ")));
            }
        }
        match q.has_highlights {
            Some(true) => sql.conds.push("c.id IN (SELECT clipping_id FROM highlights)".into()),
            Some(false) => sql.conds.push("c.id NOT IN (SELECT clipping_id FROM highlights)".into()),
            None => {}
        }
        for colour in &q.highlight_colours {
            let n = sql.arg(Value::Text(colour.clone()));
            sql.conds.push(format!("c.id IN (SELECT clipping_id FROM highlights WHERE colour = ?{n})"));
        }
        for folder in &q.folders {
            let ids = self.folders_named(folder)?;
            sql.conds.push(in_list(&ids, ranked));
        }
        if let Some(folder) = filters.folder {
            super::require_live_folder(&self.conn, folder)?;
            let ids =
                if filters.include_subfolders { super::folders::subtree(&self.conn, folder)? } else { vec![folder.0] };
            sql.conds.push(in_list(&ids, ranked));
        }
        let published = "substr(coalesce(c.published, c.saved_at), 1, 10)";
        let saved = "substr(c.saved_at, 1, 10)";
        let dates = [
            (published, ">=", q.after.as_ref(), "after"),
            (published, "<", q.before.as_ref(), "before"),
            (published, ">=", filters.published_after.as_ref(), "published after"),
            (published, "<", filters.published_before.as_ref(), "published before"),
            (saved, ">=", filters.saved_after.as_ref(), "saved after"),
            (saved, "<", filters.saved_before.as_ref(), "saved before"),
        ];
        for (column, op, value, label) in dates {
            if let Some(value) = value {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                if time::Date::parse(value, format).is_err() {
                    return Err(StoreError::InvalidQuery {
                        reason: format!("{label} needs a date written YYYY-MM-DD, not {value:?}"),
                    });
                }
                let n = sql.arg(Value::Text(value.clone()));
                sql.conds.push(format!("{column} {op} ?{n}"));
            }
        }
        Ok(())
    }

    /// Ids of the live folders (with their subfolders) whose name is `name` or whose path from the top is `name`
    /// (names joined by `/`), ignoring case.
    fn folders_named(&self, name: &str) -> Result<Vec<i64>, StoreError> {
        let wanted = name_key(name);
        // All live folders, parents before children (ids grow, but a moved folder may precede its new parent, so
        // paths are built by walking up instead).
        let mut stmt =
            self.conn.prepare_cached("SELECT id, parent_id, name_key FROM folders WHERE trash_id IS NULL")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let by_id: std::collections::HashMap<i64, (Option<i64>, &str)> =
            rows.iter().map(|(id, parent, key)| (*id, (*parent, key.as_str()))).collect();
        let mut out = HashSet::new();
        for (id, _, key) in &rows {
            let mut path = vec![key.as_str()];
            let mut up = by_id.get(id).and_then(|(p, _)| *p);
            while let Some(parent) = up.filter(|_| path.len() <= by_id.len()) {
                let Some((grand, parent_key)) = by_id.get(&parent) else {
                    break;
                };
                path.push(parent_key);
                up = *grand;
            }
            path.reverse();
            if *key == wanted || path.join("/") == wanted {
                out.extend(super::folders::subtree(&self.conn, FolderId(*id))?);
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// A statement being built: its conditions and numbered arguments.
#[derive(Default)]
struct Sql {
    conds: Vec<String>,
    args: Vec<Value>,
}

impl Sql {
    /// Adds an argument and returns its number.
    fn arg(&mut self, value: Value) -> usize {
        self.args.push(value);
        self.args.len()
    }
}

/// Conditions joined with AND (true when there are none).
fn all(conds: &[String]) -> String {
    if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") }
}

/// Terms joined for one FTS5 MATCH (implicit AND).
fn and(terms: &[&Term]) -> String {
    terms.iter().map(|t| t.fts5()).collect::<Vec<_>>().join(" ")
}

/// `c.folder_id IN (…)`, or as an id set `c.id IN (SELECT id FROM clippings WHERE folder_id IN (…))`; a false
/// condition for no folders.
fn in_list(ids: &[i64], as_id_set: bool) -> String {
    if ids.is_empty() {
        return "0".into();
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    if as_id_set {
        format!("c.id IN (SELECT id FROM clippings WHERE folder_id IN ({list}))")
    } else {
        format!("c.folder_id IN ({list})")
    }
}

/// A LIKE pattern for a substring: the term's own `%`, `_` and `\` escaped (for `ESCAPE '\'`).
fn like_pattern(term: &Term) -> String {
    format!("%{}%", like_escape(&term.text))
}

/// Text with LIKE's wildcards (`%`, `_`) and the escape character itself escaped, to be matched literally by
/// `LIKE ? ESCAPE '\'`. Every LIKE pattern built from what a user typed goes through it.
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A case-insensitive regex matching any positive term as the index would (word boundaries for words, substrings
/// for spaceless scripts).
fn highlighter(terms: &[Term]) -> Option<Regex> {
    let mut patterns: Vec<String> = terms
        .iter()
        .filter_map(|term| {
            if term.is_spaceless() {
                let parts: Vec<String> = term.text.split_whitespace().map(regex::escape).collect();
                return (!parts.is_empty()).then(|| parts.join(r"\s+"));
            }
            let words: Vec<String> =
                term.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(regex::escape).collect();
            if words.is_empty() {
                return None;
            }
            // No Unicode letter classes: they make the regex slow to build, and it is built for every search. A
            // prefix match is extended to the end of its word by `mark`.
            let tail = if term.prefix { "" } else { r"\b" };
            Some(format!(r"\b{}{tail}", words.join(".{1,3}?")))
        })
        .collect();
    if patterns.is_empty() {
        return None;
    }
    patterns.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Regex::new(&format!("(?i)(?:{})", patterns.join("|"))).ok()
}

/// About [`SNIPPET_LENGTH`] characters around the first match found in `sources` (tried in order), matches marked,
/// and which source it was; with no match, the start of the first non-empty source other than the highlights (they
/// are where a match is looked for first, not what a clipping is about). Only the window is copied and has its
/// whitespace collapsed, so a long text costs one regex scan.
fn snippet(highlighter: Option<&Regex>, sources: &[(FoundIn, &str)]) -> (String, FoundIn) {
    if let Some(re) = highlighter {
        for &(found_in, source) in sources {
            if let Some(m) = re.find(source) {
                let start = char_boundary_back(source, m.start(), SNIPPET_BEFORE);
                let end = char_boundary_forward(source, start, SNIPPET_LENGTH);
                let window = flatten(&source[start..end]);
                let marked = mark(re, &window);
                let lead = if start > 0 { "…" } else { "" };
                let trail = if end < source.len() { "…" } else { "" };
                return (format!("{lead}{}{trail}", marked.trim()), found_in);
            }
        }
    }
    let (found_in, source) = sources
        .iter()
        .copied()
        .find(|(found_in, s)| *found_in != FoundIn::Highlight && !s.trim().is_empty())
        .unwrap_or((FoundIn::Text, ""));
    let end = char_boundary_forward(source, 0, SNIPPET_LENGTH);
    let trail = if end < source.len() { "…" } else { "" };
    (format!("{}{trail}", flatten(&source[..end]).trim()), found_in)
}

/// `text` with every match of `re` wrapped in the highlight markers; a match that ends inside a word (a prefix)
/// is extended to the end of the word, except in spaceless scripts where words have no visible end.
fn mark(re: &Regex, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for m in re.find_iter(text) {
        if m.start() < last {
            continue;
        }
        let mut end = m.end();
        if !has_spaceless(m.as_str()) {
            end += text[end..]
                .chars()
                .take_while(|c| c.is_alphanumeric() && !is_spaceless(*c))
                .map(char::len_utf8)
                .sum::<usize>();
        }
        out.push_str(&text[last..m.start()]);
        out.push_str(HIGHLIGHT_START);
        out.push_str(&text[m.start()..end]);
        out.push_str(HIGHLIGHT_END);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// The byte offset `chars` characters before `at` (or 0).
fn char_boundary_back(text: &str, at: usize, chars: usize) -> usize {
    text[..at].char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(i, _)| i)
}

/// The byte offset `chars` characters after `from` (or the end).
fn char_boundary_forward(text: &str, from: usize, chars: usize) -> usize {
    text[from..].char_indices().nth(chars).map_or(text.len(), |(i, _)| from + i)
}

/// Text with every run of whitespace made one space.
fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Article;
    use crate::store::{AddOutcome, NewClipping};

    /// The ids of a search's hits, in order, testing short terms first on the `window` newest clippings.
    fn hits(library: &Library, query: &str, limit: u32, window: u32) -> Vec<i64> {
        let found = library.search_windowed(query, &SearchFilters::default(), limit, window).unwrap();
        found.into_iter().map(|h| h.clipping.id.0).collect()
    }

    /// Whatever the window, a short spaceless term finds the same hits in the same order: the window is the start
    /// of the order hits are listed in, and the trigram table is scanned when it does not fill the page.
    #[test]
    fn short_terms_find_the_same_hits_whatever_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("library.db")).unwrap();
        let texts = ["물가 상승률은 둔화되고 있다", "기준금리를 동결했다", "plain English text", "K팝 물가"];
        let mut ids = Vec::new();
        for i in 0..16 {
            let host = if i % 2 == 0 { "ledger.example.com" } else { "courier.example.net" };
            let text = texts[i % texts.len()];
            let new = NewClipping {
                url: format!("https://{host}/news/{i}"),
                article: Article {
                    title: format!("Story {i}"),
                    text: text.into(),
                    html: format!("<p>{text}</p>"),
                    markdown: text.into(),
                    ..Default::default()
                },
                original_page: Vec::new(),
                folder: None,
                tags: Vec::new(),
                note: None,
                allow_duplicate: false,
                source: Default::default(),
                saved_at: None,
            };
            match library.add_clipping(new).unwrap() {
                AddOutcome::Added(id) => ids.push(id),
                AddOutcome::Duplicate { .. } => panic!("duplicate"),
            }
        }
        library.trash_clippings(&[ids[4]]).unwrap();
        for query in
            ["물가 site:ledger.example.com", "물가", "k팝", "-물가 site:courier.example.net", "물가 -동결", "물가 -K팝"]
        {
            for limit in [1, 2, 3, 5, 50] {
                let scanned = hits(&library, query, limit, 0);
                for window in [1, 2, 3, 7, 16, 100] {
                    assert_eq!(hits(&library, query, limit, window), scanned, "{query} limit {limit} window {window}");
                }
            }
        }
        assert_eq!(hits(&library, "물가 site:ledger.example.com", 50, 0), [ids[12].0, ids[8].0, ids[0].0]);
    }
}
