//! Article metadata read from a parsed page: title, byline, publication date, outlet, language, canonical URL,
//! lead image and excerpt. Pure: reads a [`scraper::Html`], never the network, and never panics on any page.
//!
//! Each field has its own reader trying its sources best first (the order is in each reader's doc); every
//! name, selector and pattern they use is a named constant in `rules`. JSON-LD is parsed in `json_ld`,
//! dates are normalised to ISO 8601 in `dates`.

mod byline;
mod dateline;
mod dates;
mod headline;
mod json_ld;
mod rules;
pub(crate) mod scan;

use html5ever::local_name;
use json_ld::JsonLd;
pub use json_ld::decode_entities;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;
use url::Url;

/// What a page says about its article, apart from the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Headline without the outlet suffix.
    pub title: Option<String>,
    /// Author names without a leading "By".
    pub byline: Option<String>,
    /// Publication date as ISO 8601.
    pub published: Option<String>,
    /// Outlet name.
    pub site_name: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// Canonical URL, absolute.
    pub canonical_url: Option<String>,
    /// Lead image URL, absolute.
    pub lead_image: Option<String>,
    /// The page's own description.
    pub excerpt: Option<String>,
    /// What the page declares about the people it names, its authors first among them (JSON-LD `Person`
    /// descriptions): their biographies, which the body stages leave out of the article where the page shows them.
    pub(crate) person_descriptions: Vec<String>,
}

/// Reads the metadata of `doc`, resolving URLs against `page_url`.
///
/// Stages: 1. walk the page once for its `<meta>` tags, JSON-LD blocks, `<title>` and canonical links; 2. parse
/// the JSON-LD blocks; 3. read the outlet name (the title reader needs it to cut the outlet suffix); 4. read the
/// other fields, each from its sources in order. Only fields still missing after the head's sources walk the
/// body (headlines, bylines, datelines).
pub fn read_metadata(doc: &Html, page_url: &Url) -> Metadata {
    // 1. and 2.
    let meta = MetaTags::read(doc);
    let ld = JsonLd::read(meta.json_ld.iter().map(String::as_str));
    // 3.
    let site_name = read_site_name(doc, &meta, &ld, page_url);
    // 4.
    Metadata {
        title: read_title(doc, &meta, &ld, site_name.as_deref(), page_url),
        byline: read_byline(doc, &meta, &ld, site_name.as_deref())
            .or_else(|| owner_of_personal_site(site_name.as_deref(), page_url)),
        published: read_published(doc, &meta, &ld, page_url),
        lang: read_lang(doc, &meta, &ld),
        canonical_url: read_canonical(&meta, &ld, page_url),
        lead_image: read_lead_image(&meta, &ld, page_url),
        excerpt: read_excerpt(&meta).or_else(|| ld.description()).map(|s| squash(&s)),
        person_descriptions: ld.person_descriptions(),
        site_name,
    }
}

/// The address a saved page declares for itself: its canonical link, else `og:url` (or another URL meta tag), else
/// the JSON-LD `url`, else the "saved from" comment some browsers write at the top of a saved page. A relative
/// canonical link counts only when the "saved from" address gives it something to resolve against; only http(s).
pub fn declared_url(doc: &Html) -> Option<Url> {
    let meta = MetaTags::read(doc);
    let ld = JsonLd::read(meta.json_ld.iter().map(String::as_str));
    let saved_from = saved_from_comment(doc);
    // Without a "saved from" address, a base that nothing relative resolves against.
    let base = saved_from.clone().or_else(|| Url::parse("about:blank").ok())?;
    read_canonical(&meta, &ld, &base).and_then(|url| Url::parse(&url).ok()).or(saved_from)
}

/// The address in a `<!-- saved from url=(0071)https://… -->` comment, if the page has one.
fn saved_from_comment(doc: &Html) -> Option<Url> {
    doc.tree.nodes().find_map(|node| {
        let comment = node.value().as_comment()?;
        let rest = comment.trim().strip_prefix("saved from url=")?;
        // The length in brackets before the address is optional.
        let rest = match rest.strip_prefix('(') {
            Some(after) => after.split_once(')')?.1,
            None => rest,
        };
        let url = Url::parse(rest.split_whitespace().next()?).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(url)
    })
}

/// What the page's `<head>`-type elements say, gathered in one walk over the document: `<meta>` contents by
/// lowercased `property`, `name`, `itemprop` or `http-equiv` (the first non-empty value of a key wins), the
/// JSON-LD blocks, the first `<title>`, and the canonical links.
struct MetaTags {
    /// Meta contents by key.
    by_key: HashMap<String, String>,
    /// Text of every JSON-LD script.
    json_ld: Vec<String>,
    /// Text of the first `<title>`, whitespace collapsed.
    title: Option<String>,
    /// `href` of every `<link rel=canonical>`.
    canonical: Vec<String>,
    /// Every value of the author keys a page repeats once per author ([`rules::REPEATED_AUTHOR_META_KEYS`]), in
    /// page order.
    authors: Vec<String>,
}

impl MetaTags {
    /// Walks `doc` once and gathers its meta tags, JSON-LD, title and canonical links.
    fn read(doc: &Html) -> Self {
        let mut tags = MetaTags {
            by_key: HashMap::new(),
            json_ld: Vec::new(),
            title: None,
            canonical: Vec::new(),
            authors: Vec::new(),
        };
        for el in doc.root_element().descendent_elements() {
            // Names compared as the parser's interned names (one integer each), not as text: this walk sees every
            // element of the page.
            let name = &el.value().name.local;
            if *name == local_name!("meta") {
                let Some(content) = attr_named(el, &local_name!("content")).map(str::trim).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                for attr in meta_key_attributes() {
                    if let Some(key) = attr_named(el, attr) {
                        let key = key.trim().to_lowercase();
                        if rules::REPEATED_AUTHOR_META_KEYS.contains(&key.as_str())
                            && tags.authors.len() < rules::MAX_REPEATED_AUTHORS
                        {
                            tags.authors.push(content.to_string());
                        }
                        tags.by_key.entry(key).or_insert_with(|| content.to_string());
                    }
                }
            } else if *name == local_name!("script")
                && attr_named(el, &local_name!("type"))
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case(rules::JSON_LD_TYPE))
            {
                tags.json_ld.push(text_of(el));
            } else if *name == local_name!("title") && tags.title.is_none() {
                tags.title = Some(squash(&text_of(el)));
            } else if *name == local_name!("link")
                && attr_named(el, &local_name!("rel"))
                    .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")))
            {
                tags.canonical.extend(attr_named(el, &local_name!("href")).map(str::to_string));
            }
        }
        tags
    }

    /// The content of `key` (lowercase).
    fn get(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(String::as_str)
    }
}

/// The value of the attribute `name` (in no namespace) of `el`, as [`ElementRef::attr`] gives it, found by the
/// parser's interned name: `attr` interns its text anew at every call, which cost the walk over every element more
/// than the rest of it. (The parser keeps one attribute of a name: the first found is the one.)
fn attr_named<'a>(el: ElementRef<'a>, name: &html5ever::LocalName) -> Option<&'a str> {
    el.value()
        .attrs
        .iter()
        .find(|(qual, _)| qual.prefix.is_none() && qual.ns == html5ever::ns!() && qual.local == *name)
        .map(|(_, value)| &**value)
}

/// [`rules::META_KEY_ATTRIBUTES`] as the parser's interned names, made once.
fn meta_key_attributes() -> &'static [html5ever::LocalName] {
    static NAMES: std::sync::LazyLock<Vec<html5ever::LocalName>> = std::sync::LazyLock::new(|| {
        rules::META_KEY_ATTRIBUTES.iter().map(|n| html5ever::LocalName::from(*n)).collect()
    });
    &NAMES
}

/// The first of `keys` the page has.
/// Excerpt: the first description meta tag ([`rules::EXCERPT_META_KEYS`]), unless it is cut short ("… a sensor
/// i…") and a later one holds it whole.
fn read_excerpt(meta: &MetaTags) -> Option<String> {
    let mut found = rules::EXCERPT_META_KEYS.iter().filter_map(|k| meta.get(k));
    let first = found.next()?;
    let stem = rules::TRUNCATION_MARKS
        .iter()
        .find_map(|mark| first.trim_end().strip_suffix(mark))
        .map(str::trim_end)
        .filter(|stem| !stem.is_empty());
    let whole = stem.and_then(|stem| found.find(|other| other.len() > stem.len() && other.starts_with(stem)));
    Some(whole.unwrap_or(first).to_string())
}

fn first_of(meta: &MetaTags, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| meta.get(k)).map(str::to_string)
}

/// Title: the article's visible `<h1>` ([`headline::visible_headline`]), og:title (and the other title meta
/// tags), JSON-LD headline, a headline element the `<title>` repeats, then `<title>`; the outlet suffix or prefix
/// is cut from each.
fn read_title(doc: &Html, meta: &MetaTags, ld: &JsonLd, site: Option<&str>, page_url: &Url) -> Option<String> {
    let headlines_cell = std::cell::OnceCell::new();
    let headlines_of_page = || -> &Vec<String> {
        headlines_cell.get_or_init(|| {
            rules::HEADLINE_SCAN.select(doc).filter_map(headline_text).filter(|h| !h.is_empty()).collect()
        })
    };
    let usable = |t: String| {
        let t = cut_pipe_tail(&cut_outlet(&squash(&t), site, false));
        // "Headline - Section": when the page's own headline is the part before a separator, it is the title.
        let t = if rules::TITLE_SEPARATOR.is_match(&t) {
            headlines_of_page()
                .iter()
                .filter(|h| h.chars().count() >= rules::MIN_TITLE_PART_CHARS)
                .find(|h| t.strip_prefix(h.as_str()).is_some_and(|rest| rules::TITLE_SEPARATOR_START.is_match(rest)))
                .cloned()
                .unwrap_or(t)
        } else {
            t
        };
        let is_outlet = site.is_some_and(|s| t.eq_ignore_ascii_case(s));
        (!t.is_empty() && !is_outlet).then_some(t)
    };
    let host = bare_host(page_url);
    let page_titles: Vec<&str> = meta.title.as_deref().into_iter().chain(meta.get("og:title")).collect();
    if let Some(t) = headline::visible_headline(doc, site, host, &page_titles).and_then(usable) {
        // An `<h1>` that agrees with none of the titles the page declares is a kicker or a promotion when another
        // heading shows one of them word for word.
        let declared: Vec<String> = meta
            .title
            .iter()
            .cloned()
            .chain(rules::TITLE_META_KEYS.iter().filter_map(|k| meta.get(k)).map(str::to_string))
            .chain(ld.headline())
            .collect();
        let shown = (!headline::agrees_with_any(&t, &declared))
            .then(|| headline::declared_heading(doc, &declared, site))
            .flatten()
            .and_then(usable);
        return shown.or(Some(t));
    }
    if let Some(t) = first_of(meta, rules::TITLE_META_KEYS).and_then(usable) {
        return Some(t);
    }
    if let Some(t) = ld.headline().and_then(usable) {
        return Some(t);
    }
    let page_title = meta.title.clone();
    let headlines = headlines_of_page().clone();
    // The headline the `<title>` repeats is the article's (the longest such, since a logo heading repeats the
    // outlet's name).
    let matching = headlines
        .iter()
        .filter(|h| page_title.as_deref().is_some_and(|t| t.contains(h.as_str())))
        .max_by_key(|h| h.chars().count());
    if let Some(t) = matching.and_then(|h| usable(h.clone())) {
        return Some(t);
    }
    // Otherwise the `<title>`, unless it says too little (empty, only the outlet, a word or two): then a lone
    // headline is the better guess.
    let cut_title =
        page_title.map(|t| cut_pipe_tail(&cut_outlet(&cut_host(&t, host), site, true))).filter(|t| !t.is_empty());
    let weak = cut_title.as_deref().is_none_or(|t| {
        t.chars().count() < rules::MIN_TITLE_PART_CHARS || site.is_some_and(|s| t.eq_ignore_ascii_case(s))
    });
    let lone = if headlines.len() == 1 { headlines.first().cloned().and_then(usable) } else { None };
    match (weak, lone) {
        (true, Some(headline)) => Some(headline),
        _ => cut_title.or_else(|| headlines.into_iter().next()),
    }
}

/// Cuts the short last parts after vertical bars ("Headline | Opinion", "Headline | Outlet Name", "Headline |
/// Section | Outlet"): the bar sets an outlet or a section apart, never a part of a headline. A part is cut only
/// while at least [`rules::MIN_TITLE_PART_CHARS`] characters are left before it.
fn cut_pipe_tail(title: &str) -> String {
    cut_pipe_tail_to(title, rules::MIN_TITLE_PART_CHARS)
}

/// [`cut_pipe_tail`], cutting while at least `min_head` characters are left.
fn cut_pipe_tail_to(title: &str, min_head: usize) -> String {
    let mut title = title.trim();
    // Each turn cuts one part, so this ends within as many turns as the title has bars.
    while let Some((head, tail)) = title.rsplit_once(" | ") {
        let head = head.trim();
        let short_tail = tail.split_whitespace().count() <= rules::MAX_PIPE_TAIL_WORDS;
        if !short_tail || head.chars().count() < min_head {
            break;
        }
        title = head;
    }
    title.to_string()
}

/// Cuts the page's host from the start or the end of a title, even one set apart by a space alone ("example.com
/// Headline", "Headline - example.com"), if a headline of at least [`rules::MIN_TITLE_PART_CHARS`] / 2
/// characters is left.
fn cut_host(title: &str, host: Option<&str>) -> String {
    let Some(host) = host.filter(|h| !h.is_empty()) else {
        return title.to_string();
    };
    let lower = title.to_lowercase();
    let host = host.to_lowercase();
    // Lowercasing may change a title's length in bytes: cut only when it did not.
    let rest = if lower.len() != title.len() {
        None
    } else if lower.starts_with(&format!("{host} ")) {
        title.get(host.len()..)
    } else if lower.ends_with(&format!(" {host}")) {
        title.get(..title.len() - host.len())
    } else {
        None
    };
    match rest.map(|r| r.trim_matches(rules::TITLE_SEPARATOR_CHARS)) {
        Some(rest) if rest.chars().count() >= rules::MIN_TITLE_PART_CHARS / 2 => rest.to_string(),
        _ => title.to_string(),
    }
}

/// Cuts the outlet's name from a title: "Headline | Outlet", "Outlet - Headline". With `guess`, a short last
/// part after a separator is taken for the outlet even when its name is not known (for `<title>` only, where
/// outlets nearly always add themselves).
fn cut_outlet(title: &str, site: Option<&str>, guess: bool) -> String {
    let separators: Vec<(usize, usize)> =
        rules::TITLE_SEPARATOR.find_iter(title).map(|m| (m.start(), m.end())).collect();
    let (Some(&(first_start, first_end)), Some(&(last_start, last_end))) = (separators.first(), separators.last())
    else {
        return title.to_string();
    };
    if let Some(site) = site.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()) {
        // The part names the outlet if it is its name, or one contains the other ("CNN" in "CNN.com", "Herald"
        // in "The Valley Herald"); short names must match exactly, or "AP" would cut "Japan".
        let names_outlet = |part: &str| {
            let long_enough = part.chars().count() >= rules::MIN_OUTLET_MATCH_CHARS
                && site.chars().count() >= rules::MIN_OUTLET_MATCH_CHARS;
            part == site
                || (long_enough
                    && part.split_whitespace().count() <= rules::MAX_OUTLET_WORDS
                    && (site.contains(part) || part.contains(site.as_str())))
        };
        if names_outlet(&title[last_end..].trim().to_lowercase()) {
            return title[..last_start].trim().to_string();
        }
        if names_outlet(&title[..first_start].trim().to_lowercase()) {
            return title[first_end..].trim().to_string();
        }
    }
    if guess {
        let head = title[..last_start].trim();
        let tail = title[last_end..].trim();
        let tail_words = tail.split_whitespace().count();
        if head.chars().count() >= rules::MIN_TITLE_PART_CHARS && tail_words <= 4 && tail.len() < head.len() {
            return head.to_string();
        }
    }
    title.to_string()
}

/// Byline: JSON-LD author (people only), the author meta tags (both completed with the co-authors the visible
/// author links add: [`byline::with_coauthors`], and both giving way to the person a "By" under the headline
/// names when it is someone else: [`byline::labelled_under_headline`]), then that "By" under the headline, `rel=author` links and byline elements (outside
/// comment threads), a "By" label before names, links to author pages, any element whose class mentions an
/// author, an organisation JSON-LD gives as the author if it is not the outlet, then the name shown beside an
/// author's avatar ([`byline::avatar_name`]), then the name beside the date in the dateline under the headline
/// ([`byline::dateline_name`]). A leading "By", trailing job
/// titles, e-mail addresses and reading times are cut ([`byline::clean_name`]).
fn read_byline(doc: &Html, meta: &MetaTags, ld: &JsonLd, site: Option<&str>) -> Option<String> {
    let not_outlet = |b: &String| site.is_none_or(|s| !b.eq_ignore_ascii_case(s));
    // A name that is also the outlet's is a person's when it reads as a person's name (a blog or newsletter named
    // after its author), never when it reads as a firm's: pages type their outlet as a `Person` too.
    let person_or_not_outlet = |b: &String| not_outlet(b) || byline::reads_as_person(b);
    // Each JSON-LD author cleaned on its own, then all joined: a long list of names is no single byline.
    // The outlet's name is refused before it is cleaned too: cut at "in", "Human in the Loop" would be "Human".
    let from_ld = byline::join_names(
        ld.author_list().into_iter().filter(person_or_not_outlet).filter_map(|a| clean_byline(&a, false)),
    );
    // A declared author the page does not show is a CMS account or an uploader ("KatieS", the site's editor) when a
    // "By" under the headline names someone else: the reader sees that name. Otherwise the declared byline, with
    // the co-authors the visible author links add.
    let page_titles: Vec<&str> = meta.title.as_deref().into_iter().chain(meta.get("og:title")).collect();
    let heading = headline::article_heading(doc, &page_titles);
    let lang = read_lang(doc, meta, ld);
    let declared = |machine: String| {
        let shown = heading.and_then(|h| byline::labelled_under_headline(doc, h));
        match shown.filter(|s| !byline::share_a_word(s, &machine)) {
            Some(shown) => shown,
            None => byline::with_coauthors(doc, machine),
        }
    };
    if let Some(b) = from_ld.filter(person_or_not_outlet) {
        return Some(declared(b));
    }
    // Scholarly pages repeat `citation_author` once per author: all of them, in order.
    let listed = byline::join_names(meta.authors.iter().filter_map(|a| clean_byline(a, false)));
    if let Some(b) = listed.filter(not_outlet) {
        return Some(b);
    }
    let from_meta = rules::AUTHOR_META_KEYS
        .iter()
        .filter_map(|k| meta.get(k))
        .chain(labelled_meta_author(meta))
        .filter(|v| !v.starts_with("http") && !v.starts_with('/') && person_or_not_outlet(&v.to_string()))
        .find_map(|v| clean_byline(v, false))
        .filter(person_or_not_outlet);
    if let Some(b) = from_meta {
        return Some(declared(b));
    }
    // One walk collects the candidates; they are then tried by the first selector of the list they match, and
    // the costlier checks run only on the candidates actually tried.
    let candidates: Vec<ElementRef<'_>> =
        rules::ANY_BYLINE_ELEMENT_SCAN.select(doc).take(rules::MAX_BYLINE_CANDIDATES).collect();
    let byline_of = |el: &ElementRef<'_>| {
        if in_comment_thread(*el) {
            return None;
        }
        if is_author_box(*el) {
            return byline::author_box_name(*el);
        }
        let text = match el.attr("title").filter(|_| el.value().name() == "link") {
            Some(title) => title.to_string(),
            None => short_text(*el, rules::MAX_BYLINE_CHARS * 2)?,
        };
        clean_byline(&text, true)
    };
    let from = |selectors: &[Selector], accept: &dyn Fn(&String) -> bool| {
        selectors.iter().find_map(|sel| {
            candidates.iter().filter(|el| sel.matches(el)).find_map(|el| byline_of(el).filter(|b| accept(b)))
        })
    };
    // The byline classes, then a "By" label or links to author pages, and only then any class that mentions an
    // author (which also marks author boxes, roles and "Author Spotlight" headings): from those, a lone word in a
    // script with capitals ("Spotlight", "Insights", a brand) is not taken for a name.
    let (marked, loose) = rules::BYLINE_ELEMENTS.split_at(rules::BYLINE_ELEMENTS.len().saturating_sub(1));
    let more_than_a_word = |b: &String| b.split_whitespace().nth(1).is_some() || !b.chars().any(char::is_uppercase);
    // A "By" under the headline first: the byline classes also mark the names of related posts' authors.
    heading
        .and_then(|h| byline::labelled_under_headline(doc, h))
        .or_else(|| from(marked, &|_| true))
        .or_else(|| byline::labelled_byline(doc, lang.as_deref()))
        .or_else(|| byline::author_links(doc))
        .or_else(|| from(loose, &more_than_a_word))
        // Last, an organisation the JSON-LD names as the author, when it is not the outlet itself (a brand's
        // team, an agency): better than no credit at all.
        .or_else(|| ld.organisation_author().and_then(|a| clean_byline(&a, false)).filter(not_outlet))
        // A person's picture beside their name (author cards, avatars in a byline).
        .or_else(|| byline::avatar_name(doc))
        // The name beside the date in the dateline under the headline.
        .or_else(|| byline::dateline_name(doc, heading?))
}

/// The byline of a page that shows none, on a personal site: the site's name, when it reads as a person's name
/// ([`byline::reads_as_person`]) of a given name and a family name (particles aside: "Vincent van Gogh"; a longer
/// name is more often a firm's, "Texas Mattress Makers") and the address carries it (`janedoe.com`, `jane.blog.example`, `doe.dev`: a
/// label of the host, its last one left aside, is the name run together, or its first or last word). Its owner
/// writes its pages.
fn owner_of_personal_site(site: Option<&str>, page_url: &Url) -> Option<String> {
    let site = site?;
    let names = site.split_whitespace().filter(|w| !rules::NAME_PARTICLES.contains(&w.to_lowercase().as_str()));
    if names.count() != 2 || !byline::reads_as_person(site) {
        return None;
    }
    let host = bare_host(page_url)?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let labels = labels.get(..labels.len().saturating_sub(1)).unwrap_or_default();
    let words: Vec<String> = site
        .split_whitespace()
        .map(|word| word.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_lowercase())
        .filter(|word| word.len() >= rules::MIN_HOST_NAME_CHARS)
        .collect();
    let joined = words.concat();
    let carried = |label: &&str| {
        label.len() >= rules::MIN_HOST_NAME_CHARS
            && (**label == joined
                || words.first().is_some_and(|w| w == label)
                || words.last().is_some_and(|w| w == label))
    };
    labels.iter().any(carried).then(|| site.to_string())
}

/// The value of a labelled meta pair that names the writer (`twitter:label1` "Written by" with `twitter:data1`), as
/// SEO plugins add for link previews.
fn labelled_meta_author(meta: &MetaTags) -> Option<&str> {
    (1..=rules::MAX_META_LABEL_PAIRS).find_map(|n| {
        let label = meta.get(&format!("{}{n}", rules::META_LABEL_KEY))?;
        rules::META_AUTHOR_LABEL.is_match(label).then(|| meta.get(&format!("{}{n}", rules::META_DATA_KEY)))?
    })
}

/// A byline cleaned of its "By", of the other parts a separator sets apart (dates, sections), and of trailing
/// job titles: the first part that leaves a name. A part that goes on with a date ("Ann Lee December 17, 2025")
/// keeps what comes before the date. `None` when nothing like a name is left.
fn clean_byline(raw: &str, strict: bool) -> Option<String> {
    let squashed = squash(&raw.replace('\u{a0}', " "));
    rules::BYLINE_CUT
        .split(&squashed)
        .map(|s| match dates::find_all_in_text(s).first() {
            // What announces the date ("Updated", "Sat,") goes with it.
            Some((at, _)) => rules::DATE_LEAD.replace(s.get(..*at).unwrap_or_default(), "").trim().to_string(),
            None => s.trim().to_string(),
        })
        .filter(|s| s.chars().any(char::is_alphabetic))
        .find_map(|segment| {
            // A segment that was only "By" leaves nothing and the next one is tried.
            let without_prefix = rules::BYLINE_PREFIX.replace(&segment, "");
            let without_suffix = rules::BYLINE_SUFFIX.replace(without_prefix.trim(), "");
            byline::clean_name(&without_suffix, strict)
        })
}

/// Published date: JSON-LD datePublished, the publication meta tags (article:published_time, DC.date, date…, then
/// any other key that names a publication date), `itemprop=datePublished`, `<time datetime>` not marked as a
/// modification, visible dates near the byline, a "Published" label, the dateline beside the headline, then the
/// date in the address (which may be partial: `2015-11`). A declared modification date is never taken in its
/// place; only a page that shows no date but an "Updated" one goes by that visible date. A
/// date later than the page's own modification date is impossible and skipped. A machine date one day away from
/// the address's date is the same day in another time zone: the address's (local) day is kept.
///
/// A declared date on or after the day of the page's last modification is the stamp of its last save, not of
/// its first publication: a date the page shows (or its address carries) before it is the publication date. Any
/// other declared date gives way to the dateline beside the headline when that is days earlier (the declared
/// date is then the day the page was imported or re-saved), unless it is the declared date with its month and
/// day read the other way round.
fn read_published(doc: &Html, meta: &MetaTags, ld: &JsonLd, page_url: &Url) -> Option<String> {
    let modified = ld
        .date_modified()
        .or_else(|| first_of(meta, rules::MODIFIED_META_KEYS))
        .and_then(|d| dates::normalise(&d))
        .map(|d| d.chars().take(10).collect::<String>());
    // A post scheduled after its last edit is published a little after its modification date, never months after.
    let possible = |d: &String| {
        modified.as_deref().is_none_or(|m| days_between(m, d).is_none_or(|days| days <= rules::MAX_DAYS_AFTER_MODIFIED))
    };
    let from_url = dateline::url_date(page_url);
    let found = match declared_published(doc, meta, ld, &possible) {
        Some(d) if modified.as_deref().is_some_and(|m| days_between(m, &d).is_some_and(|days| days >= 0)) => {
            // Earlier wherever the page was written: a shown day is local, the declared instant may be in UTC.
            let first_day = earliest_local_day(&d);
            let earlier = |s: &String| days_between(s, &first_day).is_some_and(|days| days > 0);
            shown_published(doc, meta, &possible)
                .filter(earlier)
                .or_else(|| from_url.clone().filter(earlier))
                .or(Some(d))
        }
        // A dateline beside the headline days before the declared date: the declared one is a later import or
        // re-save; the page shows when it first came out.
        Some(d) => {
            let first_day = earliest_local_day(&d);
            headline_date(doc, meta)
                .filter(|s| {
                    possible(s) && days_between(s, &first_day).is_some_and(|days| days > 0) && !same_day_swapped(s, &d)
                })
                .or(Some(d))
        }
        None => shown_published(doc, meta, &possible),
    };
    // "Originally published on …" says outright when the page first came out: it beats a later date.
    let found = match (found, dateline::labelled_originally_published(doc).filter(possible)) {
        (Some(d), Some(o)) if days_between(&o, &earliest_local_day(&d)).is_some_and(|days| days > 0) => Some(o),
        (None, Some(o)) => Some(o),
        (found, _) => found,
    };
    match (found, from_url) {
        (Some(d), Some(u)) if one_day_apart(&d, &u) => Some(u),
        (Some(d), _) => Some(d),
        (None, Some(u)) if possible(&u) => Some(u),
        // A page that shows only when it was last updated goes by that date.
        (None, _) => dateline::labelled_updated(doc),
    }
}

/// The earliest calendar day (`YYYY-MM-DD`) a machine date can be anywhere: with a time and an offset, its
/// instant in the westernmost time zone (UTC−12); else its own day.
fn earliest_local_day(d: &str) -> String {
    let format = time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(d, &format) {
        Ok(t) => {
            let west = t.to_offset(time::UtcOffset::UTC) - time::Duration::hours(rules::WESTERNMOST_UTC_OFFSET_HOURS);
            format!("{:04}-{:02}-{:02}", west.year(), u8::from(west.month()), west.day())
        }
        Err(_) => d.chars().take(10).collect(),
    }
}

/// Whether two dates (`YYYY-MM-DD…`) are one day apart.
fn one_day_apart(a: &str, b: &str) -> bool {
    days_between(a, b).is_some_and(|days| days.abs() == 1)
}

/// Days from `from` to `to` (both `YYYY-MM-DD…`); `None` unless both are full dates.
fn days_between(from: &str, to: &str) -> Option<i64> {
    let day = |s: &str| {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s.get(..10)?, &format).ok()
    };
    Some((day(to)? - day(from)?).whole_days())
}

/// The publication date the page declares for machines (JSON-LD, meta tags, microdata), in the order of
/// [`read_published`], keeping only dates that pass `possible`.
fn declared_published(doc: &Html, meta: &MetaTags, ld: &JsonLd, possible: &dyn Fn(&String) -> bool) -> Option<String> {
    if let Some(d) = ld.date_published().and_then(|d| dates::normalise(&d)).filter(possible) {
        return Some(d);
    }
    if let Some(d) =
        rules::PUBLISHED_META_KEYS.iter().filter_map(|k| meta.get(k)).filter_map(dates::normalise).find(possible)
    {
        return Some(d);
    }
    // Other spellings of a publication key, in a fixed order (the keys sit in a hash map).
    let mut other_keys: Vec<&String> = meta
        .by_key
        .keys()
        .filter(|k| rules::PUBLISHED_META_KEY.is_match(k) && !rules::MODIFIED_MARK.is_match(k))
        .collect();
    other_keys.sort();
    if let Some(d) = other_keys.iter().filter_map(|k| meta.get(k)).filter_map(dates::normalise).find(possible) {
        return Some(d);
    }
    let machine_value = |el: ElementRef<'_>| {
        el.attr("datetime").or_else(|| el.attr("content")).map(str::to_string).unwrap_or_else(|| text_of(el))
    };
    rules::ITEMPROP_PUBLISHED_SCAN.select(doc).filter_map(|el| dates::normalise(&machine_value(el))).find(possible)
}

/// The publication date the page shows its readers (a `<time>`, a dateline, a "Published" label, the date beside
/// the headline), in the order of [`read_published`], keeping only dates that pass `possible`.
fn shown_published(doc: &Html, meta: &MetaTags, possible: &dyn Fn(&String) -> bool) -> Option<String> {
    // The cheap test first: the checks of the surroundings run only on the few elements with a valid date.
    let time = rules::TIME_DATETIME_SCAN
        .select(doc)
        .filter_map(|el| Some((el, el.attr("datetime").and_then(dates::normalise)?)))
        .take(rules::MAX_DATE_AREA_CANDIDATES)
        .find(|(el, d)| {
            possible(d)
                && !in_comment_thread(*el)
                && !marked_modified(*el)
                && !labelled_modified(*el)
                && !in_card_list(*el)
        })
        .map(|(_, date)| date);
    if time.is_some() {
        return time;
    }
    let dateline = rules::DATE_AREA_SCAN
        .select(doc)
        .take(rules::MAX_DATE_AREA_CANDIDATES)
        .filter(|el| !in_comment_thread(*el) && !marked_modified(*el))
        .find_map(|el| {
            // A machine value in an attribute (hidden inputs, `content`), else the visible text.
            let date = match rules::DATE_VALUE_ATTRIBUTES.iter().filter_map(|a| el.attr(a)).find_map(dates::normalise) {
                Some(d) => d,
                None => first_unmodified_date(&short_text(el, rules::MAX_DATE_AREA_CHARS)?)?,
            };
            // The costlier check of the surroundings only on an element with a date.
            (!in_card_list(el)).then_some(date)
        })
        .filter(possible);
    if dateline.is_some() {
        return dateline;
    }
    // A short text anywhere that announces the publication ("Published: Monday, November 18th, 2019"), its date
    // in the same text or just after.
    if let Some(d) = dateline::labelled_published(doc).filter(possible) {
        return Some(d);
    }
    if let Some(d) = headline_date(doc, meta).filter(possible) {
        return Some(d);
    }
    // A "Date" field ("Date: November 2003"), then a news agency's dateline opening the text.
    dateline::date_field(doc).or_else(|| dateline::wire_dateline(doc)).filter(possible)
}

/// The dateline beside the article's headline (see [`dateline::near_headline`]).
fn headline_date(doc: &Html, meta: &MetaTags) -> Option<String> {
    let page_titles: Vec<&str> = meta.title.as_deref().into_iter().chain(meta.get("og:title")).collect();
    headline::article_heading(doc, &page_titles).and_then(|headline| dateline::near_headline(doc, headline))
}

/// Whether two dates (`YYYY-MM-DD…`) are the same day once one's month and day are swapped: a numeric date
/// (`8/1/2025`) read the other way round than the page wrote it.
fn same_day_swapped(a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (a.get(..10), b.get(..10)) else {
        return false;
    };
    a.get(..4) == b.get(..4) && a.get(5..7) == b.get(8..10) && a.get(8..10) == b.get(5..7)
}

/// The first date in a visible text that no "Updated" label announces.
fn first_unmodified_date(text: &str) -> Option<String> {
    dates::find_all_in_text(text)
        .into_iter()
        .find(|(at, _)| !text.get(..*at).is_some_and(|before| rules::VISIBLE_MODIFIED_LABEL.is_match(before)))
        .map(|(_, d)| d)
}

/// Whether an element or its parent says by class, id or itemprop that it holds a modification date.
fn marked_modified(el: ElementRef<'_>) -> bool {
    let marks = |e: ElementRef<'_>| {
        ["class", "id", "itemprop"].iter().filter_map(|a| e.attr(a)).any(|v| rules::MODIFIED_MARK.is_match(v))
    };
    marks(el) || el.parent().and_then(ElementRef::wrap).is_some_and(marks)
}

/// Whether the text just before a `<time>` in its parent announces a modification ("Updated: <time>").
fn labelled_modified(el: ElementRef<'_>) -> bool {
    let Some(parent) = el.parent().and_then(ElementRef::wrap) else {
        return false;
    };
    let mut before = String::new();
    for node in parent.children() {
        if node.id() == el.id() {
            break;
        }
        if let Some(t) = node.value().as_text() {
            before.push_str(t);
        } else if let Some(e) = ElementRef::wrap(node) {
            before.push_str(&text_of(e));
        }
    }
    rules::VISIBLE_MODIFIED_LABEL.is_match(before.trim_end())
}

/// Whether an element is an author box (biography, avatar) rather than a byline, by its class or id. The name
/// element of an author box ("author-box__name", "author-info-name") holds only the name: it is no box.
fn is_author_box(el: ElementRef<'_>) -> bool {
    let values = || ["class", "id"].into_iter().filter_map(|k| el.attr(k));
    values().any(|v| rules::AUTHOR_BOX.is_match(v)) && !values().any(|v| rules::AUTHOR_NAME_CLASS.is_match(v))
}

/// Whether an element sits inside a comment thread (by class or id of an ancestor, found by the parser's interned
/// names).
fn in_comment_thread(el: ElementRef<'_>) -> bool {
    let names = [html5ever::local_name!("class"), html5ever::local_name!("id")];
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| names.iter().filter_map(|k| attr_named(a, k)).any(|v| rules::COMMENT_CONTAINER.is_match(v)))
}

/// Whether an element sits in one of a run of sibling cards that each link somewhere and show a date (related
/// articles, a carousel of posts, the latest posts): a card's date is another page's. The climb stops at the
/// first ancestor longer than a card, so the article's own byline, inside the long article, is never a card.
fn in_card_list(el: ElementRef<'_>) -> bool {
    let card_text = |e: ElementRef<'_>| short_text(e, rules::MAX_CARD_CHARS);
    // A card is short: the subtree walked is bounded by the text read.
    let shows_date = |e: ElementRef<'_>| {
        card_text(e)
            .is_some_and(|t| dates::find_in_text(&t).is_some() || e.select(&rules::TIME_DATETIME).next().is_some())
    };
    fn first_class<'a>(e: ElementRef<'a>) -> &'a str {
        e.value().attr("class").and_then(|c| c.split_whitespace().next()).unwrap_or("")
    }
    for card in std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)) {
        if card_text(card).is_none() {
            return false;
        }
        let linked = card.value().name() == "a" || card.select(&rules::LINK).next().is_some();
        let Some(parent) = card.parent().and_then(ElementRef::wrap).filter(|_| linked) else {
            continue;
        };
        let (tag, class) = (card.value().name(), first_class(card));
        let alike = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|s| s.id() != card.id() && s.value().name() == tag && first_class(*s) == class)
            .take(rules::MAX_CARD_SIBLINGS_READ)
            .filter(|s| shows_date(*s))
            .count();
        if alike + 1 >= rules::MIN_DATED_CARDS {
            return true;
        }
    }
    false
}

/// Outlet: og:site_name, JSON-LD publisher name, the other site-name meta tags, what the `<title>` adds to the
/// page's headline, then the host without `www.`.
fn read_site_name(doc: &Html, meta: &MetaTags, ld: &JsonLd, page_url: &Url) -> Option<String> {
    meta.get("og:site_name")
        .map(str::to_string)
        .or_else(|| ld.publisher_name())
        .or_else(|| first_of(meta, rules::SITE_NAME_META_KEYS))
        .map(|s| squash(&s))
        // Some sites put their address in og:site_name; its host is the better name.
        .map(|s| Url::parse(&s).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or(s))
        .filter(|s| !s.is_empty())
        .or_else(|| outlet_from_title(doc, meta, bare_host(page_url)))
        .or_else(|| bare_host(page_url).map(str::to_string))
}

/// The page's host without `www.` and the like ([`rules::HOST_PREFIXES`]).
fn bare_host(page_url: &Url) -> Option<&str> {
    let host = page_url.host_str()?;
    Some(rules::HOST_PREFIXES.iter().find_map(|p| host.strip_prefix(p)).unwrap_or(host))
}

/// The outlet named in `<title>` beside a headline of the page ("Outlet :: Headline", "Headline--Outlet"). A
/// heading that is the page's `host` is the outlet's logo, never the article's headline.
fn outlet_from_title(doc: &Html, meta: &MetaTags, host: Option<&str>) -> Option<String> {
    let title = meta.title.clone()?;
    // The longest headline the title contains is the article's; a shorter one may be the outlet's logo heading.
    let mut headlines: Vec<String> = rules::HEADLINE_SCAN
        .select(doc)
        .filter_map(headline_text)
        .filter(|h| !host.is_some_and(|host| h.eq_ignore_ascii_case(host)))
        .collect();
    headlines.sort_by_key(|h| std::cmp::Reverse(h.chars().count()));
    headlines.into_iter().filter(|h| title.contains(h.as_str())).take(1).find_map(|headline| {
        if headline.chars().count() < rules::MIN_TITLE_PART_CHARS / 2 || headline == title {
            return None;
        }
        let at = title.find(&headline)?;
        let before = title[..at].trim_matches(rules::TITLE_SEPARATOR_CHARS);
        let after = title[at + headline.len()..].trim_matches(rules::TITLE_SEPARATOR_CHARS);
        let outlet = if before.is_empty() {
            after
        } else if after.is_empty() {
            before
        } else {
            return None;
        };
        // "Headline (Outlet)": the brackets are the title's, not the outlet's.
        let outlet = match outlet.strip_prefix('(').and_then(|o| o.strip_suffix(')')) {
            Some(inside) if !inside.contains(['(', ')']) => inside.trim(),
            _ => outlet,
        };
        (!outlet.is_empty() && outlet.split_whitespace().count() <= rules::MAX_OUTLET_WORDS).then(|| outlet.to_string())
    })
}

/// Language: `<html lang>`, the content-language and locale meta tags (`en_US` → `en-US`), JSON-LD inLanguage.
fn read_lang(doc: &Html, meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    let root = doc.root_element();
    let from_root = root.attr("lang").or_else(|| root.attr("xml:lang")).map(str::to_string);
    from_root
        .into_iter()
        .chain(rules::LANG_META_KEYS.iter().filter_map(|k| meta.get(k)).map(str::to_string))
        .chain(ld.language())
        .find_map(|l| normalise_lang(&l))
}

/// A language tag with `-` between subtags; `None` unless it looks like one. Of a list ("en, fr"), the first.
fn normalise_lang(raw: &str) -> Option<String> {
    let first = raw.split([',', ';', ' ']).map(str::trim).find(|s| !s.is_empty())?;
    let tag = first.replace('_', "-");
    rules::LANG_TAG.is_match(&tag).then_some(tag)
}

/// Canonical URL: `link rel=canonical`, og:url, then JSON-LD url; absolute http(s) only.
fn read_canonical(meta: &MetaTags, ld: &JsonLd, page_url: &Url) -> Option<String> {
    meta.canonical
        .iter()
        .cloned()
        .chain(rules::CANONICAL_META_KEYS.iter().filter_map(|k| meta.get(k)).map(str::to_string))
        .chain(ld.url())
        .find_map(|u| absolute(&u, page_url))
}

/// Lead image: og:image, twitter:image and the other image meta tags, then JSON-LD image; absolute.
fn read_lead_image(meta: &MetaTags, ld: &JsonLd, page_url: &Url) -> Option<String> {
    rules::IMAGE_META_KEYS
        .iter()
        .filter_map(|k| meta.get(k))
        .map(str::to_string)
        .chain(ld.image())
        .find_map(|u| absolute(&u, page_url))
}

/// `href` resolved against `base`, if the result is an http(s) URL.
fn absolute(href: &str, base: &Url) -> Option<String> {
    let url = base.join(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The text of an element, joined.
fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect()
}

/// The text of a headline element, whitespace collapsed; `None` past [`rules::MAX_HEADLINE_BYTES`], read no further.
/// A line break separates words ("WEEKEND<br>CODING AGENT"), and a `<time>` inside the heading is its dateline,
/// not a part of the headline.
fn headline_text(el: ElementRef<'_>) -> Option<String> {
    use ego_tree::iter::Edge;
    let mut text = String::new();
    let mut in_time = 0usize;
    let is = |node: &ego_tree::NodeRef<'_, scraper::Node>, name: &str| {
        node.value().as_element().is_some_and(|e| e.name() == name)
    };
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) if is(&node, rules::HEADLINE_DATE_ELEMENT) => in_time += 1,
            Edge::Close(node) if is(&node, rules::HEADLINE_DATE_ELEMENT) => in_time = in_time.saturating_sub(1),
            Edge::Open(node) if is(&node, "br") => text.push(' '),
            Edge::Open(node) if in_time == 0 => {
                if let Some(piece) = node.value().as_text() {
                    if text.len() + piece.len() > rules::MAX_HEADLINE_BYTES {
                        return None;
                    }
                    text.push_str(piece);
                }
            }
            _ => {}
        }
    }
    Some(squash(&text))
}

/// The text of an element, its pieces joined by spaces, if it has at most `max` characters; stops reading as soon as it has more, so a
/// class that happens to match a whole page's wrapper costs little.
fn short_text(el: ElementRef<'_>, max: usize) -> Option<String> {
    let mut text = String::new();
    let mut count = 0;
    for piece in el.text() {
        // A char takes at most four bytes: a longer piece is over the limit without counting it.
        if piece.len() > max.saturating_mul(4) {
            return None;
        }
        count += piece.chars().count();
        if count > max {
            return None;
        }
        // Pieces from separate elements ("<span>Ann Lee</span><span>AP</span>") must not run together.
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(piece);
    }
    Some(text)
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
