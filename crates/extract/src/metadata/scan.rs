//! Scans of the whole page with a selector of `rules`, cheaper than [`Html::select`]. A selector of many parts
//! ("time, [class*=date], .byline, …") runs every part on every element of the page, and each attribute part
//! searches the attribute's value again: that cost the metadata reader more than the rest of its work. A [`Scan`]
//! first asks of each element what every part of its selector needs the element to carry (a tag name, or an
//! attribute whose value holds a given word), in one search per attribute, and runs the selector only where it
//! holds.
//!
//! What each part needs is read from the selector's own text (as scraper writes it back), so it never drifts from
//! the selector; a part whose text is not of the plain shapes read here needs nothing, and every element goes to
//! the selector. The elements come out exactly as [`Html::select`] gives them (the same nodes, in the same order):
//! the test only skips elements the selector could never match. Pure; reads the parsed page only.

use html5ever::LocalName;
use regex::Regex;
use scraper::node::Element;
use scraper::selector::ToCss;
use scraper::{ElementRef, Html, Selector};

/// A selector, and what an element must carry for it to match.
#[derive(Debug)]
pub struct Scan {
    /// The selector.
    selector: Selector,
    /// The tag names that let an element through, as the parser's interned names: each as the selector writes it
    /// and in lower case (the selector compares an HTML element's name with the one, any other's with the other).
    tags: Vec<LocalName>,
    /// Per attribute name (interned, as written and in lower case, as the tags): a pattern matching the values
    /// that let an element through, or `None` when any value does.
    attributes: Vec<([LocalName; 2], Option<Regex>)>,
    /// Whether some part of the selector needs nothing readable here: every element goes to the selector.
    everything: bool,
}

/// What one part of a selector needs of the element it picks.
#[derive(Debug, PartialEq)]
enum Need {
    /// This tag name (as the selector writes it).
    Tag(String),
    /// This attribute (its name as the selector writes it), its value holding this word (any value when the word is empty), with or without case (the
    /// flag: set where case may be ignored).
    Attribute(String, String, bool),
    /// Nothing this module can read: every element may match.
    Nothing,
}

impl Scan {
    /// The scan for `selector`.
    pub fn of(selector: &Selector) -> Scan {
        let mut tags = Vec::new();
        let mut words: Vec<(String, Vec<String>, bool)> = Vec::new();
        let mut everything = false;
        for need in needs(&selector.to_css_string()) {
            match need {
                Need::Tag(tag) => {
                    for name in [LocalName::from(tag.to_ascii_lowercase()), LocalName::from(tag)] {
                        if !tags.contains(&name) {
                            tags.push(name);
                        }
                    }
                }
                Need::Attribute(name, word, caseless) => match words.iter_mut().find(|(n, ..)| *n == name) {
                    Some((_, list, any_caseless)) => {
                        list.push(word);
                        *any_caseless |= caseless;
                    }
                    None => words.push((name, vec![word], caseless)),
                },
                Need::Nothing => everything = true,
            }
        }
        let attributes = words
            .into_iter()
            .filter_map(|(name, list, caseless)| {
                let names = [LocalName::from(name.to_ascii_lowercase()), LocalName::from(name)];
                // A word that is empty lets any value through: no pattern to search.
                if list.iter().any(String::is_empty) {
                    return Some((names, None));
                }
                // A word holding another of the list adds no value the other does not let through: left out, the
                // search has fewer words to look for (`.dateline` beside `[class*=date]`).
                let kept: Vec<&String> = list
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| !list.iter().enumerate().any(|(j, other)| holds_other(w, other, *i, j)))
                    .map(|(_, w)| w)
                    .collect();
                let alternatives: Vec<String> = kept.iter().map(|w| regex::escape(w)).collect();
                let flags = if caseless { "(?i)" } else { "" };
                Regex::new(&format!("{flags}{}", alternatives.join("|"))).ok().map(|re| (names, Some(re)))
            })
            .collect();
        Scan { selector: selector.clone(), tags, attributes, everything }
    }

    /// Whether `el` carries what some part of the selector needs: when it does not, the selector cannot match it.
    /// Names are compared as interned names (one integer each), not as text: this test is asked of every element.
    fn admits(&self, el: &Element) -> bool {
        self.everything
            || self.tags.contains(&el.name.local)
            || !self.attributes.is_empty()
                && el.attrs.iter().any(|(name, value)| {
                    self.attributes.iter().any(|(names, re)| {
                        names.contains(&name.local) && re.as_ref().is_none_or(|re| re.is_match(value))
                    })
                })
    }

    /// Whether the scan skips any element at all (it does not when a part of the selector needs nothing it reads).
    #[cfg(test)]
    pub fn skips_any(&self) -> bool {
        !self.everything
    }

    /// The elements of `doc` the selector matches, in page order as [`Html::select`] gives them.
    pub fn select<'a, 'b>(&'b self, doc: &'a Html) -> impl Iterator<Item = ElementRef<'a>> + use<'a, 'b> {
        // As `Html::select`: every node of the tree, elements only, and only those with a parent.
        doc.tree
            .nodes()
            .filter_map(ElementRef::wrap)
            .filter(move |el| el.parent().is_some() && self.admits(el.value()) && self.selector.matches(el))
    }
}

/// Whether the word `word` (at `i` of its list) holds the word `other` (at `j`), so that a value holding `word` holds
/// `other` too, with or without case: of two equal words, the later one holds the earlier.
fn holds_other(word: &str, other: &str, i: usize, j: usize) -> bool {
    i != j && word.contains(other) && (word.len() > other.len() || j < i)
}

/// What each part of the selector written `css` needs of the element it picks: read from the first simple
/// selector of the part's last compound (a tag, `[name…="value"]`, `.class` or `#id`).
fn needs(css: &str) -> Vec<Need> {
    // A backslash or a quote inside a value would need unescaping: leave such a selector to itself.
    if css.contains('\\') {
        return vec![Need::Nothing];
    }
    let mut parts = Vec::new();
    let (mut depth, mut quoted) = (0i32, false);
    let mut last_compound = 0;
    for (at, c) in css.char_indices() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(css.get(last_compound..at).unwrap_or_default());
                last_compound = at + 1;
            }
            ' ' | '>' | '+' | '~' if depth == 0 => last_compound = at + 1,
            _ => {}
        }
    }
    parts.push(css.get(last_compound..).unwrap_or_default());
    parts.into_iter().map(|compound| need_of(compound.trim())).collect()
}

/// What the compound selector `compound` needs, read from its first simple selector.
fn need_of(compound: &str) -> Need {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let name_len = |s: &str| s.find(|c: char| !is_name(c)).unwrap_or(s.len());
    if let Some(rest) = compound.strip_prefix('.').or_else(|| compound.strip_prefix('#')) {
        let attribute = if compound.starts_with('.') { "class" } else { "id" };
        let word = rest.get(..name_len(rest)).unwrap_or_default();
        // Scraper matches classes and ids as a page without quirks does: with their case.
        return if word.is_empty() { Need::Nothing } else { Need::Attribute(attribute.into(), word.into(), false) };
    }
    if let Some(rest) = compound.strip_prefix('[') {
        let name = rest.get(..name_len(rest)).unwrap_or_default();
        let after = rest.get(name.len()..).unwrap_or_default();
        if name.is_empty() {
            return Need::Nothing;
        }
        let name = name.to_string();
        if after.starts_with(']') {
            return Need::Attribute(name, String::new(), true);
        }
        // `="v"`, `~="v"`, `|="v"`, `^="v"`, `$="v"`, `*="v"`: each needs the value to hold `v`. Its case counts
        // only for a class or an id without the `i` flag: other attributes' values may match without it in HTML
        // (`rel`, `type`), and a test without case only lets more elements through to the selector.
        let value = after.trim_start_matches(['~', '|', '^', '$', '*']).strip_prefix("=\"");
        return match value.and_then(|v| v.split_once('"')) {
            Some((word, flag)) => {
                let caseless = !matches!(name.to_ascii_lowercase().as_str(), "class" | "id")
                    || !flag.trim_start().starts_with(']');
                Need::Attribute(name, word.to_string(), caseless)
            }
            None => Need::Nothing,
        };
    }
    let tag = compound.get(..name_len(compound)).unwrap_or_default();
    // A namespace prefix (`svg|a`) is not a tag.
    if tag.is_empty() || compound.get(tag.len()..).is_some_and(|rest| rest.starts_with('|')) {
        Need::Nothing
    } else {
        Need::Tag(tag.to_string())
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// The same elements as `Html::select`, in the same order, on `page`.
    pub fn assert_same_as_select(page: &str, scan: &Scan) {
        let doc = Html::parse_document(page);
        let scanned: Vec<_> = scan.select(&doc).map(|el| el.id()).collect();
        let selected: Vec<_> = doc.select(&scan.selector).map(|el| el.id()).collect();
        assert_eq!(scanned, selected);
    }

    fn scan(css: &str) -> Scan {
        Scan::of(&Selector::parse(css).expect("a selector"))
    }

    #[test]
    fn each_part_needs_a_tag_or_an_attribute_holding_a_word() {
        let needs = |css: &str| needs(&Selector::parse(css).expect("a selector").to_css_string());
        let attribute = |name: &str, word: &str| Need::Attribute(name.into(), word.into(), name != "class");
        assert_eq!(
            needs("time, [class*=date], .byline, h2.title, [itemprop~=author] [itemprop~=name], #main > p"),
            vec![
                Need::Tag("time".into()),
                attribute("class", "date"),
                attribute("class", "byline"),
                Need::Tag("h2".into()),
                attribute("itemprop", "name"),
                Need::Tag("p".into())
            ]
        );
        assert_eq!(needs("[datetime], a[href]"), vec![attribute("datetime", ""), Need::Tag("a".into())]);
        assert_eq!(
            needs("[class*=Date i], [id=x], #Main"),
            vec![
                Need::Attribute("class".into(), "Date".into(), true),
                Need::Attribute("id".into(), "x".into(), false),
                Need::Attribute("id".into(), "Main".into(), false)
            ]
        );
        assert_eq!(needs("[content=\"a, b\"]"), vec![attribute("content", "a, b")]);
        assert_eq!(needs("*, :not(p)"), vec![Need::Nothing, Need::Nothing]);
        // Any namespace is written as no namespace: the tag is what counts.
        assert_eq!(needs("*|p"), vec![Need::Tag("p".into())]);
    }

    #[test]
    fn a_word_holding_another_is_left_out_and_the_same_values_pass() {
        let css = "[class*=date], .dateline, [class*=Date], .post-meta, .meta, .meta, [class*=byline], .info, \
                   [rel~=Author], [rel~=author-x]";
        let scan = scan(css);
        let pattern = |name: &str| {
            let (_, re) = scan.attributes.iter().find(|(names, _)| &*names[1] == name).expect("the attribute");
            re.as_ref().expect("a pattern").as_str().to_string()
        };
        assert_eq!(pattern("class"), "date|Date|meta|byline|info");
        // Containment is read with case: a word holding another only in other case is kept (a longer search, the
        // same answers).
        assert_eq!(pattern("rel"), r"(?i)Author|author\-x");
        let all = Regex::new("date|dateline|Date|post-meta|meta|byline|info").expect("a pattern");
        let (_, kept) = scan.attributes.iter().find(|(names, _)| &*names[1] == "class").expect("class");
        let kept = kept.as_ref().expect("a pattern");
        for value in ["dateline", "post-meta x", "DATE", "Dateline", "infobox", "by-line", "", "metadata", "updated"] {
            assert_eq!(kept.is_match(value), all.is_match(value), "{value:?}");
        }
        assert!(holds_other("dateline", "date", 0, 1) && !holds_other("date", "dateline", 1, 0));
        assert!(holds_other("meta", "meta", 1, 0) && !holds_other("meta", "meta", 0, 1));
    }

    #[test]
    fn elements_without_what_the_selector_needs_are_skipped_and_the_rest_are_the_same() {
        let page = "<body><p class=byline>By Ann</p><time>Monday</time><span class='update-date'>1 May</span>\
                    <div itemprop=author><span itemprop=name>Ann</span></div><h2 class=title>T</h2><p>x</p>\
                    <a rel=Author href=/a>Ann</a><div id=main><p>y</p></div><svg viewBox='0 0 1 1'><foreignObject>z</foreignObject><clipPath/></svg>\
                    <table><b>moved <i class=byline>out</i></b><tr><td>cell</td></tr></table></body>";
        let byline = scan("time, [class*=date], .byline, h2.title, [itemprop~=author] [itemprop~=name]");
        assert_same_as_select(page, &byline);
        let doc = Html::parse_document(page);
        assert_eq!(byline.select(&doc).count(), 6);
        // A value matched without case (`rel`), a child combinator, a selector this module cannot read, and names
        // in foreign content that keep their capitals.
        for css in [
            "[rel~=author]",
            "#main > p",
            "p:first-child, [class]",
            "foreignObject",
            "*",
            "[class*=DATE i]",
            ".Byline",
            "clipPath",
            "clippath",
            "[viewBox]",
            "[viewbox]",
        ] {
            assert_same_as_select(page, &scan(css));
        }
    }
}
