//! Tests of the metadata readers: small pages for each source and rule, and every fixture page under
//! `tests/fixtures/` checked against its `expected.json` (the metadata half of what `check.py` checks).

use super::*;

fn read(html: &str) -> Metadata {
    let url = Url::parse("https://www.example.com/news/2020/05/story.html").expect("test URL is valid");
    read_metadata(&Html::parse_document(html), &url)
}

/// [`read`] at an address without a date.
fn read_undated(html: &str) -> Metadata {
    let url = Url::parse("https://www.example.com/news/story.html").expect("test URL is valid");
    read_metadata(&Html::parse_document(html), &url)
}

#[test]
fn title_prefers_the_visible_h1_then_og_title_and_cuts_the_outlet() {
    let head = r#"<html><head><title>Rates held again | The Ledger</title>
        <meta property="og:title" content="Rates held again - The Ledger">
        <meta property="og:site_name" content="The Ledger"></head>"#;
    let m = read(&format!("{head}<body><h1>Central bank holds rates</h1></body></html>"));
    assert_eq!(m.title.as_deref(), Some("Central bank holds rates"));
    let m = read(&format!("{head}<body><h1><a href=\"/\">The Ledger</a></h1></body></html>"));
    assert_eq!(m.title.as_deref(), Some("Rates held again"));
    assert_eq!(m.site_name.as_deref(), Some("The Ledger"));
}

#[test]
fn title_from_page_title_loses_an_unknown_outlet_suffix() {
    let m = read("<title>Harbour cranes idle after strike vote : Port Gazette</title><h1>Other</h1><h1>Two</h1>");
    assert_eq!(m.title.as_deref(), Some("Harbour cranes idle after strike vote"));
    // A colon inside a headline is not an outlet suffix when the tail is long.
    let m = read("<title>Strike : the dockers vote to stay out for another month</title>");
    assert_eq!(m.title.as_deref(), Some("Strike : the dockers vote to stay out for another month"));
}

#[test]
fn title_keeps_a_last_part_that_only_resembles_a_short_outlet_name() {
    let m = read(
        r#"<meta property="og:site_name" content="AP"><meta property="og:title" content="Storm heads north - Japan">"#,
    );
    assert_eq!(m.title.as_deref(), Some("Storm heads north - Japan"));
    let m = read(r#"<meta property="og:site_name" content="CNN"><title>Storm heads north - CNN.com</title>"#);
    assert_eq!(m.title.as_deref(), Some("Storm heads north"));
}

#[test]
fn title_loses_a_section_suffix_the_h1_does_not_have() {
    let m = read(
        r#"<meta property="og:title" content="A city on the brink | Editorial"><h1>A city on the brink</h1>
        <h2 class="headline">Other story - Sport</h2>"#,
    );
    assert_eq!(m.title.as_deref(), Some("A city on the brink"));
}

#[test]
fn title_loses_a_short_part_after_a_bar() {
    let m = read("<h1>How meditation rewires the brain | Opinion</h1>");
    assert_eq!(m.title.as_deref(), Some("How meditation rewires the brain"));
    let m = read("<h1>Cats | dogs</h1>");
    assert_eq!(m.title.as_deref(), Some("Cats | dogs"));
}

#[test]
fn title_uses_the_h1_the_page_title_repeats() {
    let m =
        read("<title>Council backs tram plan — City News</title><h1>City News</h1><h1>Council backs tram plan</h1>");
    assert_eq!(m.title.as_deref(), Some("Council backs tram plan"));
}

#[test]
fn byline_from_each_source_loses_by_and_job_titles() {
    let m = read(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"By Lea Hart"}}</script>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Lea Hart"));
    let m = read(r#"<meta name="author" content="문성희 기자">"#);
    assert_eq!(m.byline.as_deref(), Some("문성희"));
    let m = read(r#"<body><p class="byline">Von Jens Albers | 15. Dezember 2016</p></body>"#);
    assert_eq!(m.byline.as_deref(), Some("Jens Albers"));
    let m = read(r#"<div class="meta">Par <a rel="author" href="/a/mc">Marie Colin</a></div>"#);
    assert_eq!(m.byline.as_deref(), Some("Marie Colin"));
    let m = read(r#"<span itemprop="author" itemscope><span itemprop="name">山田太郎</span></span>"#);
    assert_eq!(m.byline.as_deref(), Some("山田太郎"));
}

#[test]
fn a_personal_site_without_a_byline_is_written_by_its_owner() {
    let at = |url: &str, html: &str| read_metadata(&Html::parse_document(html), &Url::parse(url).expect("an address"));
    let page = r#"<meta property="og:site_name" content="Owain Brennan"><h1>A home server</h1><p>Text.</p>"#;
    for own in
        ["https://owain.blog.example/posts/server", "https://owainbrennan.example/server", "https://brennan.dev/x"]
    {
        assert_eq!(at(own, page).byline.as_deref(), Some("Owain Brennan"), "{own}");
    }
    // Not the owner's address, or not a person's name, or a byline shown: no owner is guessed.
    assert_eq!(at("https://bearblog.example/owen/server", page).byline, None);
    for firm in ["Brennan Consulting", "Brennan Int.", "Brennan Bike Makers"] {
        let page = format!(r#"<meta property="og:site_name" content="{firm}"><h1>A home server</h1>"#);
        assert_eq!(at("https://brennan.example/server", &page).byline, None, "{firm}");
    }
    let guest = format!(r#"{page}<p class="byline">By Ann Lee</p>"#);
    assert_eq!(at("https://owain.blog.example/posts/server", &guest).byline.as_deref(), Some("Ann Lee"));
    // "Headline (Outlet)": the outlet without its brackets, and the owner's name from it.
    let bracketed = "<title>The Fold-and-Cut Problem (Erik Demaine)</title><h1>The Fold-and-Cut Problem</h1>";
    let m = at("https://erikdemaine.example/foldcut/", bracketed);
    assert_eq!(m.site_name.as_deref(), Some("Erik Demaine"));
    assert_eq!(m.byline.as_deref(), Some("Erik Demaine"));
}

#[test]
fn byline_prefix_alone_is_no_byline_and_pieces_do_not_run_together() {
    let m =
        read(r#"<div class="byline">By</div><p class="author"><span>Analysis by Dee Ray</span><span>AP</span></p>"#);
    assert_eq!(m.byline.as_deref(), Some("Dee Ray AP"));
    let m = read("<div itemprop=author><div itemprop=name>\n  by \n <a href=/a/tr>Tom Reyes</a></div></div>");
    assert_eq!(m.byline.as_deref(), Some("Tom Reyes"));
    let m = read(r#"<meta property="og:site_name" content="https://www.example.net/">"#);
    assert_eq!(m.site_name.as_deref(), Some("www.example.net"));
}

#[test]
fn byline_ignores_comment_authors_and_profile_urls() {
    let m = read(
        r#"<meta property="article:author" content="https://facebook.com/someone">
        <div class="comments"><span class="author">troll99</span></div><p class="byline">By Ann Lee</p>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ann Lee"));
}

#[test]
fn published_never_takes_the_modified_date() {
    let m = read(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2021-03-04T10:00:00Z",
        "datePublished":"2021-03-01T08:00:00Z"}</script>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2021-03-01T08:00:00Z"));
    let m = read(
        r#"<meta property="article:modified_time" content="2021-03-04"><p>Updated: <time datetime="2021-03-04">4 March</time></p>
        <p>Published: <time datetime="2021-03-01">1 March</time></p>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2021-03-01"));
    let m = read(r#"<div class="article-info">Updated 4 March 2021 · Published 1 March 2021</div>"#);
    assert_eq!(m.published.as_deref(), Some("2021-03-01"));
    let m =
        read(r#"<time class="updated" datetime="2021-03-04"></time><meta name="DC.date.issued" content="2021-03-01">"#);
    assert_eq!(m.published.as_deref(), Some("2021-03-01"));
}

#[test]
fn published_from_visible_dateline() {
    let m = read(r#"<p class="info">입력 2016.12.15 09:30 | 문성희 기자</p>"#);
    assert_eq!(m.published.as_deref(), Some("2016-12-15"));
}

#[test]
fn published_from_hidden_inputs_and_labelled_text() {
    let m = read(
        r#"<input class="modified_date" type="hidden" value="2019-11-19 10:00:00">
        <input class="published_date" type="hidden" value="2019-11-18 23:41:18">"#,
    );
    assert_eq!(m.published.as_deref(), Some("2019-11-18T23:41:18"));
    let m = read(
        "<article><p>Text.</p><p>Updated: November 19th, 2019. Published: Monday, November 18th, 2019 at 11:08 a.m.</p></article>",
    );
    assert_eq!(m.published.as_deref(), Some("2019-11-18"));
    let m = read("<span class=about>publiziert am 25. September 2018</span>");
    assert_eq!(m.published.as_deref(), Some("2018-09-25"));
}

#[test]
fn language_canonical_image_and_excerpt() {
    let m = read(
        r#"<html><head><meta property="og:locale" content="pt_BR"><link rel="canonical" href="/news/a.html">
        <meta name="twitter:image" content="/img/a.jpg"><meta name="description" content="  Short
        summary. "></head></html>"#,
    );
    assert_eq!(m.lang.as_deref(), Some("pt-BR"));
    assert_eq!(m.canonical_url.as_deref(), Some("https://www.example.com/news/a.html"));
    assert_eq!(m.lead_image.as_deref(), Some("https://www.example.com/img/a.jpg"));
    assert_eq!(m.excerpt.as_deref(), Some("Short summary."));
    assert_eq!(m.site_name.as_deref(), Some("example.com"));
}

#[test]
fn a_description_cut_short_gives_way_to_the_whole_one() {
    let m = read(
        r#"<html><head><meta name="description" content="Nothing smart at home yet, so where do I start? A camera, a sensor i&amp;hellip;">
        <meta property="og:description" content="Nothing smart at home yet, so where do I start? A camera, a sensor in the hall, an alarm."></head></html>"#,
    );
    assert_eq!(
        m.excerpt.as_deref(),
        Some("Nothing smart at home yet, so where do I start? A camera, a sensor in the hall, an alarm.")
    );
    // A whole first description stays, whatever follows it.
    let m = read(
        r#"<html><head><meta name="description" content="Short summary…">
        <meta property="og:description" content="Another text entirely, and longer."></head></html>"#,
    );
    assert_eq!(m.excerpt.as_deref(), Some("Short summary…"));
}

#[test]
fn hostile_values_are_refused() {
    let m = read(
        r#"<html lang="<script>"><link rel="canonical" href="javascript:alert(1)">
        <meta property="og:image" content="data:image/png;base64,AAAA"><meta name="date" content="9999-99-99"></html>"#,
    );
    assert_eq!(m.lang, None);
    assert_eq!(m.canonical_url, None);
    assert_eq!(m.lead_image, None);
    // Not the impossible date: only the partial date of the test page's address (`/news/2020/05/`).
    assert_eq!(m.published.as_deref(), Some("2020-05"));
}

#[test]
fn deep_and_wide_pages_stay_quick() {
    // Every element matches the dateline and byline selectors, and the text is long: each reader must give up early.
    let words = "word ".repeat(50_000);
    let page =
        format!("{}{words}{}", r#"<div class="meta byline author date">"#.repeat(10_000), "</div>".repeat(10_000));
    let started = std::time::Instant::now();
    let m = read(&page);
    // Only the partial date of the test page's address (`/news/2020/05/`).
    assert_eq!(m.published.as_deref(), Some("2020-05"));
    assert_eq!(m.byline, None);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn empty_and_malformed_pages_do_not_panic() {
    for page in ["", "<", "<html", "<meta content>", "<time datetime>", &"<div>".repeat(20_000)] {
        let _ = read(page);
    }
}

/// Whitespace as `check.py` normalises it (NFC is left out: the fixtures are written in NFC).
fn norm(s: &str) -> String {
    squash(&s.replace('\u{a0}', " "))
}

/// Every fixture page's metadata matches its `expected.json`, field by field, with `check.py`'s rules.
#[test]
fn fixture_pages_metadata_matches_expected() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("reading {}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures under {}", root.display());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let read_file = |f: &str| std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{name}/{f}: {e}"));
        let expected: serde_json::Value =
            serde_json::from_slice(&read_file("expected.json")).unwrap_or_else(|e| panic!("{name}/expected.json: {e}"));
        let exp = |k: &str| expected.get(k).and_then(serde_json::Value::as_str).map(norm).filter(|s| !s.is_empty());
        let page = crate::decode::decode_page(&read_file("page.html"), None).text;
        let url = exp("url").and_then(|u| Url::parse(&u).ok()).unwrap_or_else(|| panic!("{name}: bad url"));
        let got = read_metadata(&Html::parse_document(&page), &url);
        let g = |v: &Option<String>| norm(v.as_deref().unwrap_or(""));
        let mut fail = |what: &str, want: &str, got: &str| {
            failures.push(format!("{name}: {what}: expected {want:?}, got {got:?}"))
        };
        if let Some(want) = exp("title").filter(|w| g(&got.title) != *w) {
            fail("title", &want, &g(&got.title));
        }
        if let Some(want) = exp("byline").filter(|w| !g(&got.byline).contains(w.as_str())) {
            fail("byline", &want, &g(&got.byline));
        }
        if let Some(want) = exp("published").filter(|w| !g(&got.published).starts_with(w.as_str())) {
            fail("published", &want, &g(&got.published));
        }
        if let Some(want) = exp("site_name").filter(|w| g(&got.site_name) != *w) {
            fail("site_name", &want, &g(&got.site_name));
        }
        if let Some(want) = exp("lang").filter(|w| !g(&got.lang).to_lowercase().starts_with(w.as_str())) {
            fail("lang", &want, &g(&got.lang));
        }
        if let Some(want) = exp("lead_image").filter(|w| g(&got.lead_image) != *w) {
            fail("lead_image", &want, &g(&got.lead_image));
        }
    }
    eprintln!("metadata of {} fixtures checked, {} failures", dirs.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures' metadata wrong:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}

#[test]
fn byline_equal_to_the_outlet_is_kept_only_when_it_reads_as_a_person() {
    let m = read(
        r#"<meta property="og:site_name" content="Mira Castellanos"><meta name="author" content="Mira Castellanos">"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Mira Castellanos"));
    let m = read(r#"<meta property="og:site_name" content="Harbour Bank"><meta name="author" content="Harbour Bank">"#);
    assert_eq!(m.byline, None);
    // A page that types its outlet as a Person does not make it one.
    let m = read(
        r#"<meta property="og:site_name" content="Heart Foundation"><script type="application/ld+json">
        {"@type":"Article","author":{"@type":"Person","name":"Heart Foundation"}}</script>"#,
    );
    assert_eq!(m.byline, None);
}

#[test]
fn byline_from_repeated_citation_authors_and_labelled_meta_pairs() {
    let m = read(
        r#"<meta name="citation_author" content="Noor Hashimi"><meta name="citation_author" content="Wen Li">
        <meta name="author" content="Noor Hashimi">"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Noor Hashimi and Wen Li"));
    let m = read(
        r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">
        <meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Lea Hart">
        <div class="card" itemprop="author"><span itemprop="name">By Other Writer</span></div>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Lea Hart"));
    let m = read(r#"<meta name="author" content="page.head.extra.author"><p class="byline">By Ann Lee</p>"#);
    assert_eq!(m.byline.as_deref(), Some("Ann Lee"));
}

#[test]
fn byline_from_a_loose_author_class_is_more_than_one_word() {
    let m = read(
        r#"<div class="post-author-block"><h4 class="post-author-heading">Insights from</h4>
        <div class="post-author-name">Liza Burns</div></div>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Liza Burns"));
}

#[test]
fn title_and_dateline_from_a_hero_header() {
    let m = read(
        r#"<title>Tide gauges: what changes in 2025 | Coastline Blog</title><body><header class="hero">
        <p>February 4, 2025 - 11 minutes</p><h1>Tide gauges: what changes in 2025?</h1></header>
        <main><p>Text of the post.</p></main></body>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Tide gauges: what changes in 2025?"));
    assert_eq!(m.published.as_deref(), Some("2025-02-04"));
}

#[test]
fn published_from_a_scholarly_date_with_the_month_in_words() {
    let m = read(r#"<meta name="citation_publication_date" content="2023 Jan 7">"#);
    assert_eq!(m.published.as_deref(), Some("2023-01-07"));
}
#[test]
fn title_reads_line_breaks_as_spaces_and_leaves_out_a_dateline_in_the_heading() {
    let m = read("<title>Weekend Coding Agent | Labs</title><h1> WEEKEND<br>CODING<br><span>AGENT</span></h1>");
    assert_eq!(m.title.as_deref(), Some("WEEKEND CODING AGENT"));
    let m = read(
        r#"<h1><a href="/p/x"><time datetime="2025-12-18">Dec <span>18</span> 2025</time> Preparing a transition</a></h1>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Preparing a transition"));
}

#[test]
fn title_from_page_title_loses_section_and_outlet() {
    let m = read("<title>How to help toddlers sleep | Patient Education | Valley Children's Hospital</title>");
    assert_eq!(m.title.as_deref(), Some("How to help toddlers sleep"));
    // The same chain in a hidden heading the `<title>` repeats: both parts after the bars go.
    let m = read(
        "<title>How to help toddlers sleep | Patient Education | Valley Children's Hospital</title>\
         <h1 class=\"sr-only\">How to help toddlers sleep | Patient Education | Valley Children's Hospital</h1>",
    );
    assert_eq!(m.title.as_deref(), Some("How to help toddlers sleep"));
}
#[test]
fn byline_followed_by_its_date_keeps_the_name() {
    let m = read(r#"<div class="post-author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#);
    assert_eq!(m.byline.as_deref(), Some("Luke Kim"));
    let m = read(r#"<p class="byline"><span>Ann Lee</span> Updated Sat, Dec 20, 2025</p>"#);
    assert_eq!(m.byline.as_deref(), Some("Ann Lee"));
    // A date first leaves no name before it.
    let m = read(r#"<p class="byline">Updated December 17, 2025</p>"#);
    assert_eq!(m.byline, None);
}
#[test]
fn byline_lists_every_json_ld_author_however_many() {
    let names = ["Nia Cole", "Sam Munro", "Matt De La O", "Vi Asthana", "Rory O'Neill", "Cora Maurer", "Hal Shah"];
    let authors: Vec<String> = names.iter().map(|n| format!(r#"{{"@type":"Person","name":"{n}"}}"#)).collect();
    let m = read(&format!(
        r#"<script type="application/ld+json">{{"@type":"Report","author":[{}]}}</script>"#,
        authors.join(",")
    ));
    assert_eq!(
        m.byline.as_deref(),
        Some("Nia Cole, Sam Munro, Matt De La O, Vi Asthana, Rory O'Neill, Cora Maurer and Hal Shah")
    );
}

#[test]
fn byline_after_a_contributors_label() {
    let m = read("<div class=tags><div><strong>Contributors:</strong> Jan Lough</div></div><p>Text.</p>");
    assert_eq!(m.byline.as_deref(), Some("Jan Lough"));
}

#[test]
fn published_from_a_date_in_the_author_details() {
    let m = read(r#"<div class="post-author-details"><p>Lu Kim</p><small>December 17, 2025</small></div>"#);
    assert_eq!(m.published.as_deref(), Some("2025-12-17"));
}
#[test]
fn byline_from_the_name_element_of_an_author_box() {
    let m = read(
        r#"<div class="elementor-author-box"><div class="elementor-author-box__text">
        <h4 class="elementor-author-box__name">Liz Kent</h4>
        <div class="elementor-author-box__bio"><p>Former consultant and writer at large</p></div></div></div>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Liz Kent"));
}

#[test]
fn byline_under_the_headline_wins_over_a_declared_author_it_does_not_name() {
    let ld = r#"<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"KatieS"}}</script>"#;
    let m = read(&format!(
        r#"{ld}<article><h1>Rental cars</h1><p>by <a href="/authors/aoife-byrne/">Aoife Byrne</a></p>
        <span>Oct 22, 2025</span><p>Text.</p></article>"#
    ));
    assert_eq!(m.byline.as_deref(), Some("Aoife Byrne"));
    let meta = r#"<meta name="author" content="Luke Dane">"#;
    let m = read(&format!("{meta}<h1>Legal matters</h1><div><p>By: Paula Fenn</p></div><p>Text.</p>"));
    assert_eq!(m.byline.as_deref(), Some("Paula Fenn"));
    // The declared author shown under the headline stays as declared; a "By" far below the headline (a related
    // post, a quote) changes nothing.
    let m = read(&format!("{meta}<h1>Legal matters</h1><p>By Luke Dane, Partner</p><p>Text.</p>"));
    assert_eq!(m.byline.as_deref(), Some("Luke Dane"));
    let far = "<p>Paragraph of the article.</p>".repeat(12);
    let m = read(&format!("{meta}<h1>Legal matters</h1>{far}<div><p>By Ida Stone</p></div>"));
    assert_eq!(m.byline.as_deref(), Some("Luke Dane"));
}

#[test]
fn byline_under_the_headline_comes_before_the_byline_classes() {
    let m = read(
        r#"<aside><div class="card"><span class="author-name">Cy Dee</span></div></aside><article><h1>Tides</h1>
        <p>By Ann Lee</p><p>Text.</p></article>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ann Lee"));
}

#[test]
fn byline_from_the_name_element_inside_an_author_box() {
    // The box is known by its class ("author-info"); its name element says only "name".
    let m = read(
        r#"<article><h1>Quay opens</h1><p>Text.</p></article><div class="content"><div class="author-info">
        <div class="name">Rachel Vane</div><div class="post">Writer</div></div></div>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Rachel Vane"));
    // A job title is not glued on; a box whose name element holds no person's name gives nothing.
    let m = read(r#"<div class="author-card"><p class="card__name">Matt Dorn Head Winemaker</p></div>"#);
    assert_eq!(m.byline, None);
    let m = read(r#"<div class="author-info"><div class="name">Spotlight</div></div>"#);
    assert_eq!(m.byline, None);
}

#[test]
fn published_stays_the_declared_date_beside_a_later_shown_updated_date() {
    // The publication date, never the modified one: a page that declares when it was published only in its
    // schema.org markup and shows a later "Last updated" date keeps its publication date.
    let ld =
        r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2024-04-10T19:30:39Z"}</script>"#;
    let m = read(&format!(r#"{ld}<h1>Trends</h1><div><span>Last updated:</span><time>Sep 4, 2025</time></div>"#));
    assert_eq!(m.published.as_deref(), Some("2024-04-10T19:30:39Z"));
}

#[test]
fn byline_from_an_avatar_beside_its_name() {
    let m = read(
        r#"<article><h1>Quay opens</h1><p>Text.</p></article><div class="post-writer">
        <img class="w-12 rounded-full" src="/i/9.webp" alt="Lauren Vetter, Growth Marketing Lead">
        <div><div class="text-small">Lauren Vetter</div><p>Lauren writes about harbours and the ships that use them,
        and about the people who keep them running day and night.</p></div></div>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Lauren Vetter"));
    // A product's picture beside its name is no avatar; nor is a photo in the article with its caption.
    let m = read(
        r#"<div class="product-card"><img src="/p/1.jpg" alt="Engraved Silver Cuff"><p>Engraved Silver Cuff</p></div>
        <figure class="author-photo"><img src="/a.jpg" alt="Ann Lee"><figcaption>Ann Lee</figcaption></figure>"#,
    );
    assert_eq!(m.byline, None);
}

#[test]
fn published_shown_before_a_declared_date_stamped_at_the_last_save() {
    // datePublished the same day as dateModified (or after it) is the stamp of the last save: the dateline the
    // page shows, earlier, is when it first came out.
    let ld = |published: &str, modified: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"Article","datePublished":"{published}",
            "dateModified":"{modified}"}}</script>"#
        )
    };
    let shown = r#"<h1>Hives in winter</h1><p class="post-date">March 14, 2022</p><p>Text.</p>"#;
    let m = read(&format!("{}{shown}", ld("2025-11-04T09:12:40Z", "2025-11-04T09:12:40Z")));
    assert_eq!(m.published.as_deref(), Some("2022-03-14"));
    let m = read(&format!("{}{shown}", ld("2025-06-12", "2025-06-10")));
    assert_eq!(m.published.as_deref(), Some("2022-03-14"));
    // Modified after the declared publication: the declaration stands against a date shown away from the headline.
    let text = "<p>Text.</p>".repeat(30);
    let far = format!(r#"<h1>Hives in winter</h1>{text}<aside><p class="post-date">March 14, 2022</p></aside>"#);
    let m = read(&format!("{}{far}", ld("2024-04-10T19:30:39Z", "2025-11-04")));
    assert_eq!(m.published.as_deref(), Some("2024-04-10T19:30:39Z"));
    // The same instant shown in the local time zone is no earlier date.
    let local =
        r#"<h1>Packing</h1><time class="entry-date" datetime="2026-02-22T19:57:30-05:00">February 22, 2026</time>"#;
    let m = read(&format!("{}{local}", ld("2026-02-23T00:57:30+00:00", "2026-02-23T00:57:32+00:00")));
    assert_eq!(m.published.as_deref(), Some("2026-02-23T00:57:30+00:00"));
}

#[test]
fn published_from_a_dateline_beside_the_headline_days_before_the_declared_date() {
    // A page moved to a new platform declares the day of the import; the dateline under its headline says when it
    // first came out.
    let ld = |published: &str| {
        format!(r#"<script type="application/ld+json">{{"@type":"Article","datePublished":"{published}"}}</script>"#)
    };
    let page = |dateline: &str| format!(r#"<h1>Lessons from a failed start-up</h1><p>{dateline}</p><p>Text.</p>"#);
    let m = read_undated(&format!("{}{}", ld("2024-08-07T12:01:51Z"), page("7 min read · Dec 30, 2013")));
    assert_eq!(m.published.as_deref(), Some("2013-12-30"));
    // The same instant in a time zone west of UTC is no earlier date; a later dateline is an update.
    let m = read_undated(&format!("{}{}", ld("2025-07-05T00:04:00+00:00"), page("July 4, 2025")));
    assert_eq!(m.published.as_deref(), Some("2025-07-05T00:04:00+00:00"));
    let m = read_undated(&format!("{}{}", ld("2024-08-07T12:01:51Z"), page("Sep 30, 2025")));
    assert_eq!(m.published.as_deref(), Some("2024-08-07T12:01:51Z"));
    // A numeric date read day first that is the declared date read month first is that date.
    let m = read_undated(&format!("{}{}", ld("2025-08-01T15:01:58+00:00"), page("8/1/2025")));
    assert_eq!(m.published.as_deref(), Some("2025-08-01T15:01:58+00:00"));
    // A date in a data table under the headline is a value of the table.
    let table = r#"<h1>Home prices</h1><table><tr><th>Date</th><th>Change</th></tr><tr><td>1/1/2013</td>
        <td>+13.1%</td></tr></table>"#;
    let m = read_undated(&format!("{}{table}", ld("2025-02-12T23:21:00+00:00")));
    assert_eq!(m.published.as_deref(), Some("2025-02-12T23:21:00+00:00"));
    // A layout table (no header cells) holds the dateline itself.
    let m = read_undated(r#"<table><tr><td><h1>Advent week 2</h1>20 December 2025<p>Text.</p></td></tr></table>"#);
    assert_eq!(m.published.as_deref(), Some("2025-12-20"));
}

#[test]
fn published_skips_the_dates_of_a_list_of_cards() {
    let card = |n: u32| {
        format!(
            r#"<div class="tile"><a href="/p/{n}">Another story number {n}</a><time datetime="2025-01-0{n}">Jan {n}</time></div>"#
        )
    };
    let cards: String = (1..=4).map(card).collect();
    let m = read(&format!(
        r#"<aside><div class="tiles">{cards}</div></aside><article><h1>Quay opens</h1>
        <div class="meta"><a href="/a/ann">Ann Lee</a> <time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div>
        <p>Text.</p></article>"#
    ));
    assert_eq!(m.published.as_deref(), Some("2017-03-01T12:00:00Z"));
    // Two dated cards are no list; nor are byline items that do not each show a date.
    let m = read(&format!("{}{}<p>Text.</p>", card(1), card(2)));
    assert_eq!(m.published.as_deref(), Some("2025-01-01"));
}

#[test]
fn published_from_an_originally_published_statement() {
    let m = read(
        r#"<h1>Living small</h1><p class="post-date">30 Sep 2022, 11:07am</p><p>Text.</p>
        <p>This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2019-09-26"));
    // A forum's quote of another post is no statement of publication.
    let m = read(
        r#"<h1>Thread</h1><p class="post-date">30 Sep 2022</p><blockquote>Originally Posted by <b>ann</b>
        <span>26 Sep 2019</span></blockquote>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2022-09-30"));
}

#[test]
fn published_from_a_date_field_which_may_be_a_month() {
    let m = read("<h2>Lessons for policy</h2><div><h6>Date</h6><p>November 2003</p></div><p>Text.</p>");
    assert_eq!(m.published.as_deref(), Some("2003-11"));
    let m = read("<dl><dt>Publication date:</dt><dd>4 March 2021</dd></dl>");
    assert_eq!(m.published.as_deref(), Some("2021-03-04"));
    let m = read_undated("<dl><dt>Date</dt><dd>Tomorrow</dd></dl>");
    assert_eq!(m.published, None);
}

#[test]
fn published_from_a_news_agency_dateline() {
    let m = read(
        "<h2>Gardens feed the villages</h2><p>By Ann Lee</p><p>RAJSHAHI, Dec 20, 2025 (BSS) - Home gardens have made \
         villages more self-reliant this year, officials said.</p>",
    );
    assert_eq!(m.published.as_deref(), Some("2025-12-20"));
    let m = read("<p>GENEVA, 3 March 2024 – Talks resumed.</p>");
    assert_eq!(m.published.as_deref(), Some("2024-03-03"));
    let m = read_undated("<p>WASHINGTON (AP) — Talks resumed on March 3, 2024.</p><p>PARIS, then Rome, 2024 - no.</p>");
    assert_eq!(m.published, None);
}

#[test]
fn title_skips_the_section_headings_of_the_text_for_the_og_title() {
    let m = read(
        r##"<title>What ferry crews want | Harbour Blog</title>
        <meta property="og:title" content="What ferry crews want | Harbour Blog">
        <meta property="og:site_name" content="Harbour Blog">
        <body><h2>What ferry crews want</h2><p>Text of the post.</p>
        <h1 id="shorter-shifts"><a class="anchor" href="#shorter-shifts"></a>Shorter shifts come first</h1>
        <p>More text.</p></body>"##,
    );
    assert_eq!(m.title.as_deref(), Some("What ferry crews want"));
}

#[test]
fn title_is_the_heading_that_shows_the_declared_title_beside_a_kicker_h1() {
    let head = r#"<title>Ferry fares rise by a tenth in spring</title>
        <meta property="og:title" content="Ferry fares rise by a tenth in spring">"#;
    let m = read(&format!(
        "{head}<main><div class=hero><h1 class=label>Port Updates</h1><p>May 2, 2025</p>\
         <h3 class=big>Ferry fares rise by a tenth in spring</h3></div><p>Text.</p></main>"
    ));
    assert_eq!(m.title.as_deref(), Some("Ferry fares rise by a tenth in spring"));
    // An h1 worded a little differently from the title agrees with it, and stays.
    let m = read(&format!(
        "{head}<h1>Ferry fares to rise by a tenth this spring</h1>\
         <h2 class=card>Ferry fares rise by a tenth in spring</h2>"
    ));
    assert_eq!(m.title.as_deref(), Some("Ferry fares to rise by a tenth this spring"));
    // An h1 that differs from the SEO title, which no heading shows, is the headline the reader sees.
    let m = read(&format!("{head}<h1>Crossing the sound will cost more</h1><h2>What changes</h2>"));
    assert_eq!(m.title.as_deref(), Some("Crossing the sound will cost more"));
}

#[test]
fn title_and_outlet_of_a_page_that_puts_its_host_before_the_headline() {
    let page = r#"<title>example.com Notes on a slow winter</title>
        <body><h1><a href="https://example.com/">example.com</a></h1><h2>Notes on a slow winter</h2></body>"#;
    let m = read(page);
    assert_eq!(m.title.as_deref(), Some("Notes on a slow winter"));
    assert_eq!(m.site_name.as_deref(), Some("example.com"));
    // The host at the end, after a dash, goes too; a headline that merely starts with the outlet's word stays.
    let m = read("<title>Notes on a slow winter - example.com</title>");
    assert_eq!(m.title.as_deref(), Some("Notes on a slow winter"));
    let m = read("<title>Example company posts record winter results</title>");
    assert_eq!(m.title.as_deref(), Some("Example company posts record winter results"));
}

#[test]
fn the_page_scans_find_what_their_selectors_find() {
    let page = r#"<html><head><link rel=author href=/ann></head><body>
        <header class=site-header><a href=/>Home</a><span class=date-today>Monday</span></header>
        <article><h1 class=entry-title>Quay opens</h1><h2 class=title>Quay</h2><h3 class=Headline>Q</h3>
        <div class=post-meta><span class="byline author">By <a rel=Author href=/ann>Ann Lee</a></span>
        <time datetime=2024-03-01>1 March</time><span itemprop=datePublished content=2024-03-01></span></div>
        <div itemprop=author><span itemprop=name>Ann Lee</span></div><p id=dateline-1>GENEVA, 1 March</p>
        <p>Text <time>today</time> and more.</p><img alt="Ann Lee" src=a.jpg><img src=b.jpg></article>
        <aside class=signature>Ann</aside><footer><div class=firma>Firma</div></footer></body></html>"#;
    for scan in [
        &rules::ANY_BYLINE_ELEMENT_SCAN,
        &rules::ITEMPROP_PUBLISHED_SCAN,
        &rules::TIME_DATETIME_SCAN,
        &rules::DATE_AREA_SCAN,
        &rules::HEADLINE_SCAN,
        &rules::LINK_SCAN,
        &rules::PAGE_HEADING_SCAN,
        &rules::DECLARED_HEADING_SCAN,
        &rules::PICTURE_WITH_ALT_SCAN,
        &rules::PARAGRAPH_SCAN,
    ] {
        scan::tests::assert_same_as_select(page, scan);
        assert!(scan.skips_any(), "{scan:?}");
    }
}

#[test]
fn the_label_gates_match_every_text_their_labels_match() {
    let texts = [
        "Published: 1 March 2024",
        "POSTED ON 1 March",
        "Last updated on May 2",
        "Updated: 2 May",
        "Publié   le 3 mars",
        "publiziert am 3. März",
        "veröffentlicht am 3. März",
        "Publicado el 3 de marzo",
        "atualizado em 3 de março",
        "Pubblicato il 3 marzo",
        "Опубликовано: 3 марта",
        "обновлено 3 марта",
        "기사입력 2024.03.01",
        "수정 2024.03.01",
        "发布时间：2024-03-01",
        "更新日 2024年3月1日",
        "修改于 2024-03-01",
        "公開 2024年3月1日",
        "掲載日",
        "mis à jour le 3 mars",
        "Actualizado el 3",
        "aktualisiert am 3",
        "poſted on", // A long s is an s when case is ignored.
        "unpublished draft",
        "caféposted",
        "Modified",
        "the shares fell",
        "",
    ];
    for (label, gate) in [
        (&rules::VISIBLE_PUBLISHED_LABEL, &rules::VISIBLE_PUBLISHED_LABEL_GATE),
        (&rules::VISIBLE_UPDATED_LABEL, &rules::VISIBLE_UPDATED_LABEL_GATE),
        (&rules::ORIGINALLY_PUBLISHED_LABEL, &rules::ORIGINALLY_PUBLISHED_ANYWHERE),
    ] {
        for text in texts.iter().copied().chain(["Originally published on 26 Sep 2019", "ORIGINALLY POSTED: x"]) {
            if label.is_match(text) {
                assert!(gate.is_match(text), "{text:?} matches {label:?} but not its gate");
            }
        }
    }
}

#[test]
fn a_label_of_another_language_is_a_word_of_the_text() {
    // "Door" (Dutch) and "AF" (Danish) on an English page start a product's name and a firm's.
    let page = r#"<html lang="en-US"><body><h1>Budget gym</h1><p>Door Anchor for Resistance Bands</p>
        <table><tr><td>AF Group</td><td>1,200</td></tr></table></body></html>"#;
    assert_eq!(read(page).byline, None);
    // On a Dutch page the same label announces the writer.
    let page = r#"<html lang="nl"><body><h1>Thuis sporten</h1><p>Door Jan Smit</p></body></html>"#;
    assert_eq!(read(page).byline.as_deref(), Some("Jan Smit"));
}

#[test]
fn a_noun_label_running_on_into_words_is_a_heading() {
    let page = "<h1>Becoming a developer</h1><p>Text.</p><h2>Author Spotlight</h2><p>Meet our writers.</p>";
    assert_eq!(read(page).byline, None);
    let page = "<h1>Becoming a developer</h1><p>Text.</p><p>Author: Ann Lee</p>";
    assert_eq!(read(page).byline.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_table_of_contents_credits_its_maker_not_the_author() {
    let page = r#"<h1>Home gym ideas</h1><div class="toc-widget table-of-contents"><ol><li>Intro</li></ol>
        <small><a href="https://apps.example">Contents App</a><span>by</span><a href="https://maker.example">Tsun</a>
        </small></div><p>Text.</p>"#;
    assert_eq!(read(page).byline, None);
}

#[test]
fn the_page_footer_credits_the_site_not_the_article() {
    let text = "<p>A paragraph of the text.</p>".repeat(12);
    let page = format!(
        r#"<main><h1>Hotel hacks</h1>{text}</main><footer><div><h3>By Acme Collective</h3></div>
        <div><a href="/staff/bo-lin">Bo Lin</a></div></footer>"#
    );
    assert_eq!(read(&page).byline, None);
    // An article's own footer still holds its byline.
    let page = "<article><h1>Hotel hacks</h1><p>Text.</p><footer><p>By Ann Lee</p></footer></article>";
    assert_eq!(read(page).byline.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_declared_author_that_is_the_outlet_or_a_site_or_an_account_is_refused() {
    let head = |author: &str| {
        format!(
            r#"<html><head><meta name="author" content="{author}"><meta property="og:site_name"
            content="Human in the Loop"></head><body><h1>Art and models</h1><p>Text.</p></body></html>"#
        )
    };
    // Cut at "in", the outlet's name would have left "Human".
    assert_eq!(read(&head("Human in the Loop")).byline, None);
    assert_eq!(read(&head("Paperium.net")).byline, None);
    assert_eq!(read(&head("NOC Admin")).byline, None);
    assert_eq!(read(&head("Ann Lee")).byline.as_deref(), Some("Ann Lee"));
    let ld = r#"<html><head><script type="application/ld+json">{"@type":"BlogPosting","headline":"Art and models",
        "author":{"@type":"Person","name":"Human in the Loop"}}</script><meta property="og:site_name"
        content="Human in the Loop"></head><body><h1>Art and models</h1><p>Text.</p></body></html>"#;
    assert_eq!(read(ld).byline, None);
}

#[test]
fn the_dateline_may_list_several_authors_with_initials() {
    let page = r#"<title>The information method</title><h1>The information method</h1>
        <div><p>Naomi Tal, Fernando C. Perez, Will Bay</p><time datetime="2000-04-24">24 Apr 2000</time></div>
        <p>Text.</p>"#;
    assert_eq!(read(page).byline.as_deref(), Some("Naomi Tal, Fernando C. Perez, Will Bay"));
    // A city and its country beside a date are a place.
    let page = r#"<title>Conferences of the year</title><h1>Conferences of the year</h1>
        <div><p>San Jose, United States</p><p>March 16, 2026</p></div><p>Text.</p>"#;
    assert_eq!(read(page).byline, None);
}

#[test]
fn an_avatar_names_its_person_after_it_or_before_a_colon() {
    // The author's note ends a long text: the name follows the picture.
    let paragraphs = "<p>A paragraph of the text.</p>".repeat(60);
    let page = format!(
        r#"<h1>Art and models</h1><article><div class="e-content">{paragraphs}<p><img src="/profile/tim.png"
        alt="Tim Green"></p><p><strong>Tim Green</strong> <em>Technology Writer</em></p></div></article>"#
    );
    assert_eq!(read(&page).byline.as_deref(), Some("Tim Green"));
    let page = r#"<h1>Conferences</h1><p>Text.</p><div class="blog-author-info"><div class="blog-author-image">
        <img src="/uploads/dg.png" alt="Dave Gray Headshot"></div><div><p><strong>Dave Gray:</strong> Since its
        founding in 1998, Dave has grown the firm into a top IT services company.</p></div></div>"#;
    assert_eq!(read(page).byline.as_deref(), Some("Dave Gray"));
}

#[test]
fn the_descriptions_of_the_people_a_page_declares_are_read() {
    let meta = read(
        r#"<script type="application/ld+json">{"@graph":[{"@type":"BlogPosting","author":[{"@type":"Person",
        "name":"Ann Lee","description":"Ann Lee is a freelance writer who covers harbours and ferries."},
        {"@type":"Person","name":"Bo Park","description":"Editor"}]},{"@type":"Organization",
        "description":"The Quay Gazette is a newspaper of the harbour and the people who work on it."}]}</script>"#,
    );
    assert_eq!(meta.person_descriptions, ["Ann Lee is a freelance writer who covers harbours and ferries."]);
    // Markup written into a description is left out.
    let meta = read(
        r#"<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Ann Lee",
        "description":"<p>Ann Lee is a freelance writer.</p><p>She covers harbours and ferries.</p>"}}</script>"#,
    );
    assert_eq!(meta.person_descriptions, ["Ann Lee is a freelance writer. She covers harbours and ferries."]);
}
