//! The headline the reader sees: the article's `<h1>`, when the page has one that is not site chrome (a logo, a
//! menu title, screen-reader text, a template placeholder). Sites often give `og:title` and `<title>` an SEO
//! wording that differs from it; the press review prints what the page shows.
//!
//! Reads at most [`rules::MAX_PAGE_HEADINGS`] headings and a few ancestors of each: linear in page size, no
//! recursion.

use super::{attr_named, headline_text, rules};
use html5ever::local_name;
use scraper::{ElementRef, Html};

/// The first `<h1>` that reads as the article's headline, whitespace collapsed.
///
/// Skipped: headings inside site chrome ([`rules::CHROME_ELEMENTS`], a page-level `<header>` outside any
/// `<article>` or `<main>`), headings hidden or marked as chrome by class or id, headings that are a link to the
/// home page, the outlet's name or the host, template placeholders, empty or overlong ones. A one-word heading
/// counts only when `page_title` (the `<title>` or `og:title`) contains it: alone, "News" or "Blog" is more often a
/// section label than a headline. Of several, the one the page's titles repeat; else the first, unless it heads a
/// section of the text ([`is_section_heading`]). A label or a source the heading adds to the headline the titles
/// give is left out ([`part_titles_repeat`]).
pub fn visible_headline(doc: &Html, site: Option<&str>, host: Option<&str>, page_titles: &[&str]) -> Option<String> {
    let title_keys: Vec<String> = page_titles.iter().map(|t| compare_key(t)).collect();
    // Only a part the heading shows is compared with these, so a short head before a bar will do ("Name | Shop").
    let headline_keys: Vec<String> = page_titles
        .iter()
        .map(|t| {
            compare_key(&super::cut_pipe_tail_to(&super::cut_outlet(t, site, true), rules::MIN_TITLE_PART_CHARS / 2))
        })
        .collect();
    let candidates: Vec<(ElementRef<'_>, String)> = rules::PAGE_HEADING_SCAN
        .select(doc)
        .take(rules::MAX_PAGE_HEADINGS)
        .filter(|h| !is_chrome(*h, &title_keys))
        .filter_map(|h| {
            candidate(h, site, host, page_titles).map(|text| (h, part_titles_repeat(h, text, &headline_keys)))
        })
        .collect();
    // Of several, the one the `<title>` or `og:title` repeats; else the first, unless it heads a section of the
    // text.
    let repeated = candidates.iter().find(|(_, c)| {
        let key = compare_key(c);
        key.chars().count() >= rules::MIN_TITLE_PART_CHARS / 2 && title_keys.iter().any(|t| t.contains(&key))
    });
    if let Some((_, text)) = repeated {
        return Some(text.clone());
    }
    let (first, text) = candidates.first()?;
    (!is_section_heading(*first, &candidates)).then(|| text.clone())
}

/// Whether a headline agrees with one of the titles a page declares (`<title>`, the title meta tags, the JSON-LD
/// headline): one holds the other (letters and digits, see [`compare_key`]), or words of the title make up at least
/// [`rules::MIN_AGREEING_WORD_SHARE`] of the headline's letters and digits (the same headline worded a little
/// differently: "Atmos AG 65 Backpack" and "Atmos 65 Backpack"; "M&A Updates" shares only "M" and "A" with
/// "M&A Insights–Fall 2025").
pub fn agrees_with_any(headline: &str, declared: &[String]) -> bool {
    let key = compare_key(headline);
    let words = |t: &str| -> std::collections::HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let headline_words: Vec<String> =
        headline.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    declared.iter().any(|title| {
        let title_key = compare_key(title);
        let title_words = words(title);
        let shared: usize =
            headline_words.iter().filter(|w| title_words.contains(w.as_str())).map(|w| w.chars().count()).sum();
        (!title_key.is_empty() && (title_key.contains(&key) || key.contains(&title_key)))
            || shared as f64 >= key.chars().count() as f64 * rules::MIN_AGREEING_WORD_SHARE
    })
}

/// The first heading (of the first [`rules::MAX_DECLARED_HEADINGS`] [`rules::DECLARED_HEADING`]) that shows one
/// of the titles the page declares word for word (less a known outlet or the short parts after a bar, never a
/// guessed part after a dash, which may be the headline's own), and is no shorter than
/// [`rules::MIN_TITLE_PART_CHARS`]: the headline beside a kicker `<h1>` ("<h1>Market updates</h1><p>May 2</p>
/// <h3>Headline</h3>"), under a hero banner's or a promotion's.
pub fn declared_heading(doc: &Html, declared: &[String], site: Option<&str>) -> Option<String> {
    let keys: Vec<String> =
        declared.iter().map(|t| compare_key(&super::cut_pipe_tail(&super::cut_outlet(t, site, false)))).collect();
    rules::DECLARED_HEADING_SCAN.select(doc).take(rules::MAX_DECLARED_HEADINGS).filter_map(headline_text).find(|text| {
        let key = compare_key(text);
        key.chars().count() >= rules::MIN_TITLE_PART_CHARS && keys.contains(&key)
    })
}

/// Whether an `<h1>` heads a section of the article's text rather than the article: it links to its own anchor
/// (`<h1 id="x"><a href="#x">`, as site generators mark the headings inside a post), or it is one of a run of at
/// least [`rules::MIN_SECTION_HEADING_RUN`] `<h1>` (of the `candidates`) under one parent, among the paragraphs.
fn is_section_heading(heading: ElementRef<'_>, candidates: &[(ElementRef<'_>, String)]) -> bool {
    let own_anchor = heading.descendent_elements().filter(|e| e.value().name() == "a").any(|a| {
        let target = a.attr("href").and_then(|h| h.trim().strip_prefix('#')).filter(|t| !t.is_empty());
        target.is_some_and(|t| heading.attr("id") == Some(t) || a.attr("id") == Some(t))
    });
    let parent = heading.parent().map(|p| p.id());
    let run = candidates.iter().filter(|(h, _)| h.parent().map(|p| p.id()) == parent).count();
    own_anchor || run >= rules::MIN_SECTION_HEADING_RUN
}

/// The first `<h1>` that is not site chrome (see [`is_chrome`]): the heading the dateline sits beside.
pub fn article_heading<'a>(doc: &'a Html, page_titles: &[&str]) -> Option<ElementRef<'a>> {
    let title_keys: Vec<String> = page_titles.iter().map(|t| compare_key(t)).collect();
    rules::PAGE_HEADING_SCAN.select(doc).take(rules::MAX_PAGE_HEADINGS).find(|h| !is_chrome(*h, &title_keys))
}

/// Lowercased letters and digits of a text, to compare a heading with the page's titles.
pub fn compare_key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The text of a heading, if it may be the headline (see [`visible_headline`]).
fn candidate(h: ElementRef<'_>, site: Option<&str>, host: Option<&str>, page_titles: &[&str]) -> Option<String> {
    {
        let text = headline_text(h)?;
        let chars = text.chars().count();
        if !(2..=rules::MAX_PAGE_HEADING_CHARS).contains(&chars) {
            return None;
        }
        if rules::TEMPLATE_MARKERS.iter().any(|m| text.contains(m)) {
            return None;
        }
        let lower = text.to_lowercase();
        let names_outlet = |name: Option<&str>| name.is_some_and(|n| n.trim().eq_ignore_ascii_case(text.as_str()));
        if names_outlet(site) || names_outlet(host) || links_home(h, &text) {
            return None;
        }
        if text.split_whitespace().count() == 1 && !page_titles.iter().any(|t| t.to_lowercase().contains(&lower)) {
            return None;
        }
        Some(text)
    }
}

/// The part of a heading that the page's titles give as the headline (`headline_keys`: the `<title>` and
/// `og:title` without the outlet, from [`compare_key`]), when the heading adds to it, in elements of its own, a
/// label or a source the titles leave out: "<strong>Blog:</strong> Headline", "Thread: <span>Headline</span>", "<a>Headline</a> <span>(source.com)
/// </span> <span>87</span>", "<div>Kicker</div> <span>Headline</span>". Else the heading's `text` whole: words that
/// run on into the part ("Welcome to <em>Outlet</em>") are the headline's, and so is a number set in a span of its
/// own ("<span>8</span> Ways to …"), since what is left out must hold a letter.
///
/// Looks at no more than [`rules::MAX_HEADING_PARTS`] nodes of the heading (else keeps it whole), each element's
/// text read once per ancestor within the heading; headings are short (at most [`rules::MAX_PAGE_HEADING_CHARS`]).
fn part_titles_repeat(heading: ElementRef<'_>, text: String, headline_keys: &[String]) -> String {
    let key = compare_key(&text);
    let agrees =
        |k: &str| k.chars().count() >= rules::MIN_TITLE_PART_CHARS / 2 && headline_keys.iter().any(|t| t.as_str() == k);
    if headline_keys.iter().any(|t| t.contains(&key)) {
        return text;
    }
    let nodes: Vec<_> = heading.descendants().skip(1).take(rules::MAX_HEADING_PARTS + 1).collect();
    if nodes.len() > rules::MAX_HEADING_PARTS {
        return text;
    }
    let read = |node: ego_tree::NodeRef<'_, scraper::Node>| match node.value() {
        scraper::Node::Text(t) => Some(super::squash(t)),
        scraper::Node::Element(_) => ElementRef::wrap(node).and_then(headline_text),
        _ => None,
    };
    let Some((part_node, part)) = nodes
        .iter()
        .filter_map(|&node| read(node).map(|t| (node, t.trim_matches(rules::TITLE_SEPARATOR_CHARS).to_string())))
        .find(|(_, t)| agrees(&compare_key(t)))
    else {
        return text;
    };
    // The elements from the part up to the heading: a word left out whose parent is one of them runs on into it.
    let holders: Vec<_> = std::iter::once(part_node)
        .chain(part_node.ancestors().take_while(|a| a.id() != heading.id()))
        .map(|n| n.id())
        .chain(std::iter::once(heading.id()))
        .collect();
    let inside_part = |node: &ego_tree::NodeRef<'_, scraper::Node>| {
        node.id() == part_node.id() || node.ancestors().any(|a| a.id() == part_node.id())
    };
    let runs_on = nodes.iter().any(|node| {
        // A label closed by a colon ("Thread: <span>Headline</span>") is set apart by it.
        node.value().as_text().is_some_and(|t| t.chars().any(char::is_alphanumeric) && !t.trim_end().ends_with(':'))
            && !inside_part(node)
            && node.parent().is_some_and(|p| holders.contains(&p.id()))
    });
    let left_out_has_letters = key.replacen(&compare_key(&part), "", 1).chars().any(char::is_alphabetic);
    if runs_on || !left_out_has_letters { text } else { part }
}

/// Whether a heading is site chrome by where it sits or how it is marked.
///
/// A heading in a page-level `<header>` (outside any `<article>` or `<main>`) is the site's, unless it is most of
/// what the page's `<title>` or `og:title` says (`title_keys`, from [`compare_key`]): then the header is the
/// article's hero banner ("<header><h1>Headline</h1><p>May 2, 2025</p></header>"), not the logo bar; so is a
/// header marked as the article's that holds none of the site's menus ([`is_site_header`]).
pub fn is_chrome(heading: ElementRef<'_>, title_keys: &[String]) -> bool {
    let marked = |e: ElementRef<'_>| {
        // Attributes found by the parser's interned names: asked of the heading and of each of its ancestors.
        attr_named(e, &local_name!("hidden")).is_some()
            || attr_named(e, &local_name!("aria-hidden")).is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || [local_name!("class"), local_name!("id")]
                .iter()
                .filter_map(|a| attr_named(e, a))
                .any(|v| rules::CHROME_HEADING_MARK.is_match(v))
    };
    if marked(heading) {
        return true;
    }
    let mut in_article = false;
    let mut page_header = false;
    for (depth, ancestor) in heading.ancestors().filter_map(ElementRef::wrap).enumerate() {
        let name = ancestor.value().name();
        if rules::CHROME_ELEMENTS.contains(&name) {
            return true;
        }
        match name {
            "article" | "main" => in_article = true,
            "header" => page_header = page_header || is_site_header(ancestor),
            "body" | "html" => break,
            _ => {}
        }
        // Classes close to the heading say what it belongs to; far up, a wrapper's classes say little.
        if depth < rules::CHROME_MARK_DEPTH && marked(ancestor) {
            return true;
        }
    }
    page_header && !in_article && !titles_repeat(heading, title_keys)
}

/// Whether a `<header>` is the site's rather than the article's hero banner (the headline with its category, date
/// and reading time): the hero is marked as one by its class or id ([`rules::HERO_HEADER_MARK`]) and holds none of
/// the site's logo and menus (a `<nav>`, a search form, a link to the home page).
fn is_site_header(header: ElementRef<'_>) -> bool {
    let marked_hero =
        ["class", "id"].iter().filter_map(|a| header.attr(a)).any(|v| rules::HERO_HEADER_MARK.is_match(v));
    !marked_hero
        || header.descendent_elements().any(|e| match e.value().name() {
            "nav" | "form" => true,
            "a" => is_home_link(e.attr("href").unwrap_or("")),
            _ => false,
        })
}

/// Whether an address is the site's home page ("/", "https://host/", "./", "/?lang=en").
fn is_home_link(href: &str) -> bool {
    let href = href.trim();
    let path = href.split_once("://").map_or(href, |(_, rest)| rest.find('/').map_or("/", |at| &rest[at..]));
    path.is_empty() || path == "/" || path == "./" || path.starts_with("/?") || path.starts_with("/#")
}

/// Whether a page title repeats a heading, the heading making up at least [`rules::MIN_HEADER_TITLE_SHARE`] of
/// it (so that a logo heading, "Outlet" in "Headline - Outlet", does not pass).
fn titles_repeat(heading: ElementRef<'_>, title_keys: &[String]) -> bool {
    let Some(key) = headline_text(heading).map(|t| compare_key(&t)) else {
        return false;
    };
    let chars = key.chars().count();
    chars >= rules::MIN_TITLE_PART_CHARS / 2
        && title_keys
            .iter()
            .any(|t| t.contains(&key) && chars as f64 >= t.chars().count() as f64 * rules::MIN_HEADER_TITLE_SHARE)
}

/// Whether a heading's whole text is a link to the site's home page (the logo heading: `<h1><a href="/">Outlet`).
fn links_home(heading: ElementRef<'_>, text: &str) -> bool {
    heading
        .descendent_elements()
        .filter(|e| e.value().name() == "a")
        .any(|a| is_home_link(a.attr("href").unwrap_or("")) && super::squash(&a.text().collect::<String>()) == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline(html: &str) -> Option<String> {
        visible_headline(&Html::parse_document(html), Some("Harbour News"), Some("harbour.example"), &["Quay | HN"])
    }

    #[test]
    fn the_articles_h1_is_the_headline() {
        let page = r#"<header><h1 class="site-title"><a href="/">Harbour News</a></h1></header>
            <article><h1 class="entry-title">Quay opens in spring</h1></article>"#;
        assert_eq!(headline(page).as_deref(), Some("Quay opens in spring"));
    }

    #[test]
    fn chrome_headings_are_skipped() {
        assert_eq!(headline(r#"<h1><a href="https://harbour.example/">Harbour Daily</a></h1>"#), None);
        assert_eq!(headline(r#"<nav><h1>Sections and more</h1></nav>"#), None);
        assert_eq!(headline(r#"<h1 class="sr-only">Main content here</h1>"#), None);
        assert_eq!(headline(r#"<h1>{{ $localize("cart.title") }}</h1>"#), None);
        assert_eq!(headline(r#"<h1>harbour news</h1>"#), None);
        assert_eq!(headline(r#"<body><header><h1>Jo Bloggs writes</h1></header><main>x</main></body>"#), None);
    }

    #[test]
    fn a_hero_header_holds_the_headline_the_title_repeats() {
        let doc = |html: &str, title: &str| {
            visible_headline(&Html::parse_document(html), Some("Harbour News"), Some("harbour.example"), &[title])
        };
        let page = r#"<body><header class="hero"><h1>Quay opens in spring</h1><p>May 2, 2025</p></header>
            <div class="body"><p>Text.</p></div></body>"#;
        assert_eq!(doc(page, "Quay opens in spring | Harbour").as_deref(), Some("Quay opens in spring"));
        // A logo heading in the header is only a small part of the title.
        let logo = r#"<body><header><h1>Harbour Daily</h1></header><div><p>Text.</p></div></body>"#;
        assert_eq!(doc(logo, "Quay opens in spring after a long winter - Harbour Daily"), None);
    }

    #[test]
    fn a_label_or_a_source_beside_the_headline_is_left_out() {
        let doc = |html: &str, title: &str| {
            visible_headline(&Html::parse_document(html), Some("Harbour News"), Some("harbour.example"), &[title])
        };
        let title = "Quay opens in spring after a long winter | Harbour News";
        let headline = Some("Quay opens in spring after a long winter");
        let label = "<h1><strong>Blog:</strong> Quay opens in spring after a long winter</h1>";
        assert_eq!(doc(label, title).as_deref(), headline);
        let colon = "<h1>Story: <span>Quay opens in spring after a long winter</span></h1>";
        assert_eq!(doc(colon, title).as_deref(), headline);
        let source = r#"<h1><span><a href="/s/1">Quay opens in spring after a long winter</a>
            <span><a href="https://paper.example/q">(paper.example)</a></span></span>
            <span class="count"><a href="/s/1#comments">87</a></span></h1>"#;
        assert_eq!(doc(source, title).as_deref(), headline);
        let kicker = "<h1><div>Our harbour stories</div> <span>Quay opens in spring after a long winter</span></h1>";
        assert_eq!(doc(kicker, title).as_deref(), headline);
        // A short headline (a name) before the bar of a title.
        let name = "<h1><div>Meet the crews</div> <span>Quay Works</span></h1>";
        assert_eq!(doc(name, "Quay Works | Harbour Stories Hub").as_deref(), Some("Quay Works"));
    }

    #[test]
    fn a_heading_whose_words_run_on_into_the_titles_part_is_kept_whole() {
        let doc = |html: &str, title: &str| {
            visible_headline(&Html::parse_document(html), Some("Harbour News"), Some("harbour.example"), &[title])
        };
        let title = "Quay opens in spring after a long winter | Harbour News";
        let welcome = "<h1>Welcome to <em>Quay opens in spring after a long winter</em></h1>";
        assert_eq!(doc(welcome, title).as_deref(), Some("Welcome to Quay opens in spring after a long winter"));
        // A number in a span of its own is a part of the headline.
        let number = "<h1><span>8</span> Quay opens in spring after a long winter</h1>";
        assert_eq!(doc(number, title).as_deref(), Some("8 Quay opens in spring after a long winter"));
        // A heading the titles repeat whole stays whole.
        let whole = "<h1>Quay opens in spring after a long winter <span>at last</span></h1>";
        let long_title = "Quay opens in spring after a long winter at last | Harbour News";
        assert_eq!(doc(whole, long_title).as_deref(), Some("Quay opens in spring after a long winter at last"));
    }

    #[test]
    fn section_headings_of_the_text_are_not_the_headline() {
        let self_anchor = r##"<article><h2>Quay opens</h2><p>Text.</p>
            <h1 id="what-the-crews-said"><a class="anchor" href="#what-the-crews-said"></a>What the crews said</h1>
            <p>More text.</p></article>"##;
        assert_eq!(headline(self_anchor), None);
        let run = "<div class=body><p>Text.</p><h1>Monday's shift</h1><p>Text.</p><h1>Tuesday's shift</h1>\
            <p>Text.</p><h1>Wednesday's shift</h1><p>Text.</p></div>";
        assert_eq!(headline(run), None);
        // The one the page's title repeats is the headline, wherever it sits.
        let doc = Html::parse_document(run);
        let titles = ["Tuesday's shift | Harbour News"];
        let found = visible_headline(&doc, Some("Harbour News"), Some("harbour.example"), &titles);
        assert_eq!(found.as_deref(), Some("Tuesday's shift"));
        // An anchor to another place, or two headings side by side, say nothing of the kind.
        let other = r##"<h1 id="top"><a href="#comments">Quay opens in spring</a></h1>"##;
        assert_eq!(headline(other).as_deref(), Some("Quay opens in spring"));
        let pair = "<div><h1>Quay opens in spring</h1><h1>Ferries to follow</h1></div>";
        assert_eq!(headline(pair).as_deref(), Some("Quay opens in spring"));
    }

    #[test]
    fn a_heading_agrees_with_a_title_by_most_of_its_letters() {
        let declared = ["Trail Pack 65 Rental | Gear Hire".to_string(), "Port M&A Insights – Fall 2025".to_string()];
        assert!(agrees_with_any("Trail Pack AG 65 Rental", &declared));
        assert!(agrees_with_any("Trail Pack 65", &declared));
        assert!(!agrees_with_any("M&A Updates", &declared));
    }

    #[test]
    fn a_header_marked_as_the_articles_hero_holds_its_headline_whatever_the_titles_say() {
        let doc = |html: &str| {
            let titles = ["Spring quay opening: dates, fares and more | Harbour News"];
            visible_headline(&Html::parse_document(html), Some("Harbour News"), Some("harbour.example"), &titles)
        };
        let hero = r#"<body><div class="top"><a href="/">Harbour News</a><nav><a href="/a">A</a></nav></div>
            <header class="story-hero"><a href="/ports">Ports</a> <time>May 2, 2025</time>
            <h1>The new quay opens in spring</h1></header><main><p>Text.</p></main></body>"#;
        assert_eq!(doc(hero).as_deref(), Some("The new quay opens in spring"));
        // A header that holds the site's menu or its home link is the site's, whatever its class.
        let site = r#"<body><header class="hero"><a href="/">Harbour News</a><h1>Ports and ferries</h1></header>
            <main><p>Text.</p></main></body>"#;
        assert_eq!(doc(site), None);
        let plain = r#"<body><header><h1>Ports and ferries</h1></header><main><p>Text.</p></main></body>"#;
        assert_eq!(doc(plain), None);
    }

    #[test]
    fn a_lone_word_needs_the_page_title() {
        assert_eq!(headline("<h1>News</h1>"), None);
        assert_eq!(headline("<h1>Quay</h1>").as_deref(), Some("Quay"));
    }
}
