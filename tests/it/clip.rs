//! Clipping from a local HTTP test server, through the core pipeline (`cuttings::clip`) and the real `cuttings add`:
//! good pages are saved whole, bad input gets one plain error line naming what went wrong, and the library is left
//! exactly as it was after every failure. Hostile and broken pages come out inert or as a clear error.

use std::path::Path;

use cuttings::clip::{self, ClipError, Filing, WholePage};
use cuttings::extract::Confidence;
use cuttings::fetch::{FetchLimits, Fetcher};
use cuttings::store::{AddOutcome, ClippingFilter, Library, SortOrder};

use crate::util::{Reply, TestServer, cuttings};

/// The seed page of the project (a news article with a comment form, share bar and "View Full Site" link).
fn seed_page() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rfa-kim-cliques/page.html");
    std::fs::read(path).expect("the seed fixture page")
}

/// A page with a real article around `inner` (enough prose that the extractor keeps the article).
fn article_page(title: &str, inner: &str) -> String {
    let prose = "The harbour authority said on Tuesday that the new quay would open in the spring, after two years \
                 of work, and that it expected traffic to double within five years, according to its annual report. ";
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>\
         <nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>{title}</h1>\
         <p>{prose}</p>{inner}<p>{prose}</p><p>{prose}</p></article><footer>© Example News</footer></body></html>"
    )
}

/// Titles of every clipping in the library at `path`, newest first.
fn titles(path: &Path) -> Vec<String> {
    let library = Library::open(path).expect("open the library");
    library
        .list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 1000, 0)
        .expect("list clippings")
        .into_iter()
        .map(|c| c.title)
        .collect()
}

fn fetcher() -> Fetcher {
    Fetcher::with_limits(FetchLimits { max_body_bytes: 2 * 1024 * 1024, ..FetchLimits::default() }).expect("a fetcher")
}

#[tokio::test]
async fn a_page_fetched_from_a_server_is_saved_with_its_article_and_original_bytes() {
    let server = TestServer::start(vec![("/news/cliques.html", Reply::typed("text/html", seed_page()))]);
    let prepared =
        clip::prepare_url(&fetcher(), &server.url("/news/cliques.html"), WholePage::Refuse, Default::default())
            .await
            .expect("clipped");
    assert!(prepared.article.title.contains("Cliques"), "title: {}", prepared.article.title);
    assert!(!prepared.article.text.contains("Add comment"), "the comment form is not article text");
    assert_eq!(prepared.original_page, seed_page(), "the original bytes are kept as served");

    let (_dir, mut library) = crate::util::temp_library();
    let filing = Filing { tags: vec!["korea".into()], note: Some("for Monday".into()), ..Filing::default() };
    let AddOutcome::Added(id) = library.add_clipping(prepared.into_new_clipping(filing)).expect("saved") else {
        panic!("a new clipping is not a duplicate");
    };
    let saved = library.clipping(id).expect("read back");
    assert_eq!(saved.summary.url, server.url("/news/cliques.html"));
    assert_eq!(library.original_page(id).expect("original page"), seed_page());
    assert_eq!(library.notes(id).expect("notes")[0].body, "for Monday");
}

#[test]
fn every_bad_address_is_one_plain_line_and_leaves_the_library_as_it_was() {
    // A page whose content only a script would build: no readable text at all.
    let app_shell = "<html><head><title>Example News</title></head><body><div id=app></div>\
                     <script>start()</script></body></html>";
    let server = TestServer::start(vec![
        ("/missing", Reply::page(404, &[("Content-Type", "text/html")], "<h1>Not found</h1>")),
        ("/broken", Reply::page(500, &[("Content-Type", "text/html")], "<h1>Oops</h1>")),
        ("/report.pdf", Reply::typed("application/pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n".to_vec())),
        ("/empty", Reply::typed("text/html", "")),
        ("/home", Reply::html(app_shell)),
    ]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = dir.path().join("library.db");
    let page = dir.path().join("seed.html");
    std::fs::write(&page, seed_page()).expect("write the seed page");
    let url = "https://www.rfa.org/english/news/korea/cliques-12152016140000.html";
    let added = cuttings(&library, &["add", page.to_str().expect("UTF-8 path"), "--url", url]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let before = titles(&library);
    let bytes_before = std::fs::read(&library).expect("library bytes");

    let cases = [
        ("/missing", "404"),
        ("/broken", "500"),
        ("/report.pdf", "not a web page"),
        ("/empty", "empty page"),
        ("/home", "no article found"),
    ];
    for (path, expected) in cases {
        let out = cuttings(&library, &["add", &server.url(path)]);
        assert!(!out.status.success(), "{path} must fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{path}: one line, got {stderr:?}");
        assert!(stderr.contains(expected), "{path}: {stderr:?} should say {expected:?}");
        assert!(stderr.contains(&server.url(path)), "{path}: the message names the address: {stderr:?}");
    }
    let dead = crate::util::closed_port_url();
    let out = cuttings(&library, &["add", &dead]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused the connection"));

    assert_eq!(titles(&library), before, "no clipping added or lost");
    assert_eq!(std::fs::read(&library).expect("library bytes"), bytes_before, "the library file is untouched");
    assert_eq!(Library::open(&library).expect("reopen").integrity_check().expect("check"), "ok");
}

#[test]
fn a_listing_page_is_read_unsure_with_the_whole_page_held_beside_it() {
    let cards: String = (0..8)
        .map(|i| format!("<li class=card><a href=/event/{i}><h3>Harbour event {i}</h3></a><p>Quay {i}, 7 pm.</p></li>"))
        .collect();
    let listing = format!(
        "<html><head><title>Harbour events</title></head><body><nav><a href=/>Home</a> <a href=/about>About</a></nav>\
         <h1>Events this week</h1><ul class=events>{cards}</ul><footer>Copyright Harbour Town</footer></body></html>"
    );
    let page = listing.into_bytes();
    let url = url::Url::parse("https://harbour.example/events/").expect("URL");
    let mut unsure = clip::prepare_bytes(page.clone(), Some(url.clone()), WholePage::Refuse, Default::default())
        .expect("a page with readable text is never refused");
    assert_eq!(unsure.article.confidence, Confidence::Low, "kind {:?}", unsure.article.kind);
    assert!(unsure.article.text.contains("Harbour event 7"), "text: {}", unsure.article.text);
    assert!(!unsure.article.text.contains("Copyright"), "furniture dropped: {}", unsure.article.text);
    let whole = unsure.whole_page.clone().expect("the whole page is held beside an unsure reading");
    assert!(whole.text.contains("Copyright") && whole.text.contains("Harbour event 7"), "{}", whole.text);
    assert_eq!(whole.kind, unsure.article.kind, "the whole page keeps the kind the page was read as");
    assert!(unsure.choose_whole_page());
    assert!(unsure.article.text.contains("Copyright") && unsure.whole_page.is_none());
    assert!(!unsure.choose_whole_page(), "nothing left to choose");

    // The command line says what it saved and how to keep the whole page.
    let dir = tempfile::tempdir().expect("temporary folder");
    let saved = dir.path().join("events.html");
    std::fs::write(&saved, &page).expect("write the page");
    let out = cuttings(&dir.path().join("library.db"), &["add", saved.to_str().expect("UTF-8"), "--url", url.as_str()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("not sure it found this page's content") && said.contains("--whole-page"), "{said}");

    let kept = clip::prepare_bytes(page, Some(url), WholePage::Keep, Default::default()).expect("whole page kept");
    assert!(kept.article.text.contains("Copyright"), "text: {}", kept.article.text);
    assert_eq!(kept.article.confidence, Confidence::High, "what the user asked for is not unsure");
    assert!(kept.whole_page.is_none());
}

#[tokio::test]
async fn hostile_markup_comes_out_inert() {
    let hostile = r#"<p>Officials said <a href="javascript:alert(1)">the plan</a> was ready
        <img src="/map.png" onerror="alert(2)" alt="map"> and <span style="width: expression(alert(3))">final</span>.</p>
        <script>alert("script text")</script><svg><script>alert(4)</script><circle r="1"/></svg>
        <iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input name=q></form>
        <p onclick="alert(5)">Clicking <a href="data:text/html,<script>alert(6)</script>">here</a> does nothing.</p>"#;
    let server = TestServer::start(vec![("/hostile", Reply::html(&article_page("Quay opens in spring", hostile)))]);
    let prepared = clip::prepare_url(&fetcher(), &server.url("/hostile"), WholePage::Refuse, Default::default())
        .await
        .expect("an article");
    let html = prepared.article.html.to_lowercase();
    for banned in ["<script", "onerror", "onclick", "javascript:", "expression(", "<iframe", "<form", "<svg", "data:"] {
        assert!(!html.contains(banned), "{banned} must not survive: {html}");
    }
    assert!(!prepared.article.text.contains("alert"), "script text is not article text");
    assert!(prepared.article.text.contains("Officials said the plan was ready"), "{}", prepared.article.text);
    assert!(html.contains(&format!("src=\"{}\"", server.url("/map.png"))), "images kept, made absolute: {html}");
}

#[test]
fn broken_and_absurdly_deep_pages_do_not_crash_the_program() {
    let malformed = article_page(
        "Storm closes the coast road",
        "<p>Unclosed <b>bold <i>and italic<p>next paragraph</div></span><table><td>cell<p>inside</table>\
         <a href='/x' title=\"unterminated>link</a></p>",
    );
    let deep = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(10_000),
        "Rescue teams worked through the night to reach the villages cut off by the flood, officials said. ".repeat(5),
        "</div>".repeat(10_000)
    );
    let server = TestServer::start(vec![("/malformed", Reply::html(&malformed)), ("/deep", Reply::html(&deep))]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = dir.path().join("library.db");

    let out = cuttings(&library, &["add", &server.url("/malformed")]);
    assert!(out.status.success(), "malformed HTML is still an article: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(titles(&library), ["Storm closes the coast road"]);

    // Whether 10,000 nested divs make an article or not, the program answers instead of overflowing its stack.
    let out = cuttings(&library, &["add", &server.url("/deep"), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code().is_some(), "killed by a signal: {stderr}");
    if out.status.success() {
        let text = cuttings(&library, &["show", &titles_id(&library, 0), "--json"]);
        assert!(String::from_utf8_lossy(&text.stdout).contains("Rescue teams"));
    } else {
        assert_eq!(stderr.trim_end().lines().count(), 1, "one plain line: {stderr}");
    }
    assert_eq!(Library::open(&library).expect("reopen").integrity_check().expect("check"), "ok");
}

/// The id (as text) of the `nth` newest clipping.
fn titles_id(path: &Path, nth: usize) -> String {
    let library = Library::open(path).expect("open the library");
    let list = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 1000, 0).expect("list");
    list[nth].id.to_string()
}

/// `article_page` with `head` added to its `<head>` and `before` written before `<html>`.
fn page_declaring(before: &str, head: &str) -> Vec<u8> {
    let page = article_page("Harbour quay opens in spring", "");
    let page = page.replacen("<head>", &format!("<head>{head}"), 1);
    page.replacen("<html", &format!("{before}<html"), 1).into_bytes()
}

#[test]
fn a_saved_page_without_an_address_is_filed_under_the_address_it_declares() {
    let declared = [
        (
            "",
            r#"<link rel="canonical" href="https://news.example.com/quay.html">"#,
            "https://news.example.com/quay.html",
        ),
        (
            "",
            r#"<meta property="og:url" content="https://news.example.com/og.html">"#,
            "https://news.example.com/og.html",
        ),
        (
            "",
            r#"<script type="application/ld+json">{"@type":"NewsArticle","url":"https://news.example.com/ld.html"}</script>"#,
            "https://news.example.com/ld.html",
        ),
        (
            "<!-- saved from url=(0036)https://news.example.com/saved.html -->",
            "",
            "https://news.example.com/saved.html",
        ),
        // A relative canonical link resolves against the "saved from" address, and wins over it.
        (
            "<!-- saved from url=(0039)https://news.example.com/a/b/page.html -->",
            r#"<link rel="canonical" href="/quay-final.html">"#,
            "https://news.example.com/quay-final.html",
        ),
        // The canonical link comes before og:url.
        (
            "",
            r#"<meta property="og:url" content="https://news.example.com/og.html"><link rel=canonical href="https://news.example.com/c.html">"#,
            "https://news.example.com/c.html",
        ),
    ];
    for (before, head, expected) in declared {
        let prepared = clip::prepare_bytes(page_declaring(before, head), None, WholePage::Refuse, Default::default())
            .unwrap_or_else(|error| panic!("{head}: {error}"));
        assert_eq!(prepared.url.as_str(), expected, "{before} {head}");
        assert_eq!(prepared.article.title, "Harbour quay opens in spring");
    }

    // The address the user gives wins over the declared one.
    let given = url::Url::parse("https://mirror.example.org/quay").expect("URL");
    let page = page_declaring("", r#"<link rel="canonical" href="https://news.example.com/quay.html">"#);
    let prepared = clip::prepare_bytes(page, Some(given.clone()), WholePage::Refuse, Default::default()).expect("ok");
    assert_eq!(prepared.url, given);

    // Nothing usable declared: a clear error, whatever the page holds instead.
    let undeclared = [
        ("", ""),
        ("", r#"<link rel="canonical" href="/relative-only.html">"#),
        (
            "",
            r#"<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="ftp://x.example/a">"#,
        ),
        ("<!-- saved from url=(0021)file:///home/me/a.html -->", ""),
    ];
    for (before, head) in undeclared {
        let error = clip::prepare_bytes(page_declaring(before, head), None, WholePage::Refuse, Default::default())
            .expect_err("no address");
        assert!(matches!(error, ClipError::NoAddress), "{before} {head}: {error}");
        assert_eq!(error.code(), "no_address");
        assert!(error.to_string().contains("does not say where it was published"), "{error}");
    }
}

#[test]
fn an_empty_or_oversized_saved_page_is_refused_before_it_is_read() {
    let url = url::Url::parse("https://news.example.com/quay.html").expect("URL");
    let error =
        clip::prepare_bytes(Vec::new(), Some(url.clone()), WholePage::Keep, Default::default()).expect_err("empty");
    assert!(matches!(error, ClipError::EmptyPage) && error.code() == "empty_page", "{error}");

    let limit = cuttings::fetch::FetchLimits::default().max_body_bytes;
    let dir = tempfile::tempdir().expect("temporary folder");
    let huge = dir.path().join("huge.html");
    // A sparse file: its size says it is too large, and it is refused without being read.
    std::fs::File::create(&huge).and_then(|file| file.set_len(limit + 1)).expect("sparse file");
    let error = clip::prepare_file(&huge, Some(url.as_str()), WholePage::Keep).expect_err("too large");
    assert!(matches!(error, ClipError::PageTooLarge { .. }) && error.code() == "too_large", "{error}");
    assert!(error.to_string().contains("pages up to 20 MB"), "{error}");
    let error = clip::prepare_bytes(vec![b' '; limit as usize + 1], Some(url), WholePage::Keep, Default::default())
        .expect_err("too large");
    assert_eq!(error.code(), "too_large");
}

/// An article an export held (Omnivore, wallabag) is clipped without fetching: its title, author and date fill
/// what the article lacks, and a title with `&` or `<` comes back as written, never as `&amp;`.
#[test]
fn an_exported_article_is_read_with_the_exports_metadata() {
    let exported = cuttings::clip::ExportedArticle {
        url: "https://news.example/ports".into(),
        html: "<p>The harbour board met on Monday and weighed the cost of the new quay, which the city has argued \
               about for years.</p><p>Its members voted to go on with the work in the spring.</p>"
            .into(),
        title: Some("Ports & <harbours>".into()),
        author: Some("Maria Keller".into()),
        published: Some("2024-03-02".into()),
    };
    let prepared = cuttings::clip::prepare_exported(exported, Default::default()).expect("read");
    assert_eq!(prepared.article.title, "Ports & <harbours>");
    assert_eq!(prepared.article.byline.as_deref(), Some("Maria Keller"));
    assert_eq!(prepared.article.published.as_deref(), Some("2024-03-02"));
    assert!(prepared.article.text.contains("voted to go on with the work"), "{}", prepared.article.text);
    assert_eq!(prepared.url.as_str(), "https://news.example/ports");
}
