//! Integration tests: fetch. Every test runs against a local server (`util::TestServer`) on 127.0.0.1; each bad
//! input asserts the exact error variant, its code and that the message reads well.

use crate::util::{Reply, TestServer, closed_port_url};
use cuttings::fetch::{FetchError, FetchLimits, FetchedPage, Fetcher, USER_AGENT, fetch_blocking};
use std::io::Write;
use std::time::{Duration, Instant};

/// Limits short enough that a hanging test fails fast, long enough for a loaded machine.
fn test_limits() -> FetchLimits {
    FetchLimits { connect_timeout: Duration::from_secs(5), timeout: Duration::from_secs(10), ..FetchLimits::default() }
}

fn fetcher() -> Fetcher {
    Fetcher::with_limits(test_limits()).expect("client builds")
}

async fn fetch_ok(url: &str) -> FetchedPage {
    match fetcher().fetch(url).await {
        Ok(page) => page,
        Err(e) => panic!("fetching {url} failed: {e}"),
    }
}

async fn fetch_err(url: &str) -> FetchError {
    fetch_err_with(fetcher(), url).await
}

async fn fetch_err_with(fetcher: Fetcher, url: &str) -> FetchError {
    match fetcher.fetch(url).await {
        Ok(page) => panic!("fetching {url} should fail, got a {}-byte page", page.bytes.len()),
        Err(e) => e,
    }
}

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Café society</title></head>\
    <body><article><h1>Café society</h1><p>Zoë met the mayor of São Paulo.</p></article></body></html>";

// --- Success paths -------------------------------------------------------------------------------------------

#[tokio::test]
async fn serves_an_html_page_with_polite_request_headers() {
    let server = TestServer::start(vec![("/article", Reply::html(ARTICLE))]);
    let page = fetch_ok(&server.url("/article")).await;

    assert_eq!(page.status, 200);
    assert_eq!(page.text, ARTICLE);
    assert_eq!(page.bytes, ARTICLE.as_bytes());
    assert_eq!(page.encoding, "UTF-8");
    assert_eq!(page.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(page.requested_url.as_str(), server.url("/article"));
    assert_eq!(page.final_url, page.requested_url);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.header("user-agent"), Some(USER_AGENT));
    assert!(USER_AGENT.starts_with("Cuttings/"));
    assert!(request.header("accept").is_some_and(|a| a.starts_with("text/html")));
    let encodings = request.header("accept-encoding").unwrap_or_default();
    for wanted in ["gzip", "br", "deflate"] {
        assert!(encodings.contains(wanted), "accept-encoding {encodings:?} lacks {wanted}");
    }
    assert_eq!(request.header("cookie"), None);
}

#[tokio::test]
async fn gzip_brotli_and_deflate_bodies_are_decompressed() {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(ARTICLE.as_bytes()).expect("gzip in memory");
    let gzip = gzip.finish().expect("gzip in memory");
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    deflate.write_all(ARTICLE.as_bytes()).expect("deflate in memory");
    let deflate = deflate.finish().expect("deflate in memory");
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 9, 22);
        writer.write_all(ARTICLE.as_bytes()).expect("brotli in memory");
    }
    assert_ne!(gzip, ARTICLE.as_bytes());

    let html = ("Content-Type", "text/html; charset=utf-8");
    let server = TestServer::start(vec![
        ("/gzip", Reply::page(200, &[html, ("Content-Encoding", "gzip")], gzip)),
        ("/br", Reply::page(200, &[html, ("Content-Encoding", "br")], brotli)),
        ("/deflate", Reply::page(200, &[html, ("Content-Encoding", "deflate")], deflate)),
    ]);
    for path in ["/gzip", "/br", "/deflate"] {
        let page = fetch_ok(&server.url(path)).await;
        assert_eq!(page.text, ARTICLE, "body of {path}");
        assert_eq!(page.bytes, ARTICLE.as_bytes(), "bytes of {path}");
    }
}

#[tokio::test]
async fn redirects_are_followed_and_the_final_url_recorded_without_keeping_cookies() {
    let server = TestServer::start(vec![
        ("/old", Reply::page(301, &[("Location", "/moved"), ("Set-Cookie", "session=secret; Path=/")], "")),
        ("/moved", Reply::redirect(302, "story?id=7")),
        ("/story?id=7", Reply::html(ARTICLE)),
    ]);
    let page = fetch_ok(&server.url("/old")).await;

    assert_eq!(page.requested_url.as_str(), server.url("/old"));
    assert_eq!(page.final_url.as_str(), server.url("/story?id=7"));
    assert_eq!(page.text, ARTICLE);
    let requests = server.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/old", "/moved", "/story?id=7"]);
    assert!(requests.iter().all(|r| r.header("cookie").is_none()), "a cookie was sent back: {requests:?}");
}

#[tokio::test]
async fn ten_redirects_are_followed_but_not_eleven() {
    let hops: Vec<String> = (0..=11).map(|i| format!("/hop{i}")).collect();
    let mut routes: Vec<(&str, Reply)> =
        hops.windows(2).map(|pair| (pair[0].as_str(), Reply::redirect(302, &pair[1]))).collect();
    routes.push(("/hop11", Reply::html(ARTICLE)));
    let server = TestServer::start(routes);

    // /hop1 → … → /hop11 is ten redirects: fine.
    let page = fetch_ok(&server.url("/hop1")).await;
    assert_eq!(page.final_url.as_str(), server.url("/hop11"));

    // /hop0 → … → /hop11 is eleven.
    let url = server.url("/hop0");
    let error = fetch_err(&url).await;
    assert!(matches!(error, FetchError::TooManyRedirects { limit: 10, .. }), "{error:?}");
    assert_eq!(error.code(), "redirect_loop");
    assert_eq!(error.to_string(), format!("fetching {url}: the server redirected more than 10 times"));
}

#[tokio::test]
async fn a_redirect_loop_is_reported_as_soon_as_an_address_repeats() {
    let server = TestServer::start(vec![
        ("/ping", Reply::redirect(302, "/pong")),
        ("/pong", Reply::redirect(307, "/ping#again")),
    ]);
    let url = server.url("/ping");
    let error = fetch_err(&url).await;

    assert!(matches!(error, FetchError::RedirectLoop { .. }), "{error:?}");
    assert_eq!(error.code(), "redirect_loop");
    assert_eq!(
        error.to_string(),
        format!("fetching {url}: the server redirects in a loop (back to {})", server.url("/ping"))
    );
    // Caught at the first repeat, not after ten rounds.
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_redirect_to_a_file_url_is_refused() {
    let server = TestServer::start(vec![("/sneaky", Reply::redirect(302, "file:///etc/passwd"))]);
    let url = server.url("/sneaky");
    let error = fetch_err(&url).await;

    assert!(matches!(error, FetchError::BadRedirect { .. }), "{error:?}");
    assert_eq!(error.code(), "bad_url");
    assert_eq!(
        error.to_string(),
        format!("fetching {url}: the server redirected to file:///etc/passwd, which is not a web address")
    );
}

#[test]
fn fetch_blocking_works_without_a_runtime() {
    let server = TestServer::start(vec![("/", Reply::html(ARTICLE))]);
    let page = fetch_blocking(&server.url("/")).expect("blocking fetch of a local page");
    assert_eq!(page.text, ARTICLE);

    let error = fetch_blocking("javascript:alert(1)").expect_err("a javascript: URL is refused");
    assert!(matches!(error, FetchError::BadUrl { .. }), "{error:?}");
}

// --- HTTP errors ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn http_error_statuses_are_named() {
    let server = TestServer::start(vec![
        ("/gone", Reply::page(404, &[("Content-Type", "text/html")], "<h1>Not here</h1>")),
        ("/broken", Reply::page(500, &[("Content-Type", "text/html")], "<h1>Oops</h1>")),
        ("/odd", Reply::page(599, &[], "")),
    ]);
    for (path, status, words) in [
        ("/gone", 404, "404 Not Found"),
        ("/broken", 500, "500 Internal Server Error"),
        ("/odd", 599, "599 (an unknown status)"),
    ] {
        let url = server.url(path);
        let error = fetch_err(&url).await;
        assert!(matches!(error, FetchError::HttpStatus { status: s, .. } if s == status), "{error:?}");
        assert_eq!(error.code(), "http_status");
        assert_eq!(error.to_string(), format!("fetching {url}: the server answered {words}"));
    }
}

// --- Timeouts and network failures ---------------------------------------------------------------------------

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(vec![("/silent", Reply::Silent)]);
    let limits = FetchLimits { timeout: Duration::from_millis(500), ..test_limits() };
    let url = server.url("/silent");
    let start = Instant::now();
    let error = fetch_err_with(Fetcher::with_limits(limits).expect("client builds"), &url).await;

    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert_eq!(error.code(), "timeout");
    assert_eq!(error.to_string(), format!("fetching {url}: the server did not send the page within 0.5 seconds"));
}

// Multi-threaded so the client's connection task can close the socket while the test waits on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_trickling_in_past_the_limit_times_out() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close".to_string();
    let trickle = Reply::Stream { head, filler: b' ', total: 1 << 20, chunk: 16, pause: Duration::from_millis(50) };
    let server = TestServer::start(vec![("/drip", trickle)]);
    let limits = FetchLimits { timeout: Duration::from_millis(700), ..test_limits() };
    let error = fetch_err_with(Fetcher::with_limits(limits).expect("client builds"), &server.url("/drip")).await;

    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    let outcome = server.wait_for_stream_end(Duration::from_secs(5)).expect("the server noticed the hang-up");
    assert!(outcome.cut_off_by_client);
}

#[tokio::test]
async fn a_refused_connection_says_so() {
    let url = closed_port_url();
    let error = fetch_err(&url).await;

    assert!(matches!(error, FetchError::ConnectionRefused { .. }), "{error:?}");
    assert_eq!(error.code(), "network");
    assert_eq!(error.to_string(), format!("fetching {url}: the server at 127.0.0.1 refused the connection"));
}

// The full-backlog trick is Linux behaviour; other systems may refuse instead of dropping.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_server_that_accepts_no_connection_hits_the_connect_timeout() {
    // A listener with a full accept queue: Linux drops further SYNs, so connecting hangs until the client gives up.
    let socket = tokio::net::TcpSocket::new_v4().expect("a TCP socket");
    socket.bind("127.0.0.1:0".parse().expect("an address")).expect("bind a local test port");
    let addr = socket.local_addr().expect("local address");
    let _listener = socket.listen(0).expect("listen");
    let _queued: Vec<_> =
        (0..4).filter_map(|_| std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)).ok()).collect();

    let limits = FetchLimits { connect_timeout: Duration::from_millis(300), ..test_limits() };
    let url = format!("http://{addr}/");
    let start = Instant::now();
    let error = fetch_err_with(Fetcher::with_limits(limits).expect("client builds"), &url).await;

    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert!(matches!(error, FetchError::ConnectTimeout { .. }), "{error:?}");
    assert_eq!(error.code(), "timeout");
    assert_eq!(error.to_string(), format!("fetching {url}: the server did not accept a connection within 0.3 seconds"));
}

// --- Size limit ----------------------------------------------------------------------------------------------

/// A 200 MB page, with or without a `Content-Length` announcing it.
fn huge_page(announce_length: bool) -> Reply {
    let mut head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close".to_string();
    if announce_length {
        head.push_str("\r\nContent-Length: 200000000");
    }
    Reply::Stream { head, filler: b'a', total: 200_000_000, chunk: 64 * 1024, pause: Duration::ZERO }
}

// Multi-threaded so the client's connection task can close the socket while the test waits on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_mb_body_is_cut_off_at_the_limit() {
    let server = TestServer::start(vec![("/huge", huge_page(false))]);
    let url = server.url("/huge");
    let start = Instant::now();
    let error = fetch_err(&url).await;
    let elapsed = start.elapsed();

    assert!(matches!(error, FetchError::TooLarge { limit, .. } if limit == 20 * 1024 * 1024), "{error:?}");
    assert_eq!(error.code(), "too_large");
    assert_eq!(error.to_string(), format!("fetching {url}: the page is larger than 20 MiB, the most Cuttings reads"));
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");

    let outcome = server.wait_for_stream_end(Duration::from_secs(10)).expect("the server noticed the hang-up");
    assert!(outcome.cut_off_by_client, "{outcome:?}");
    assert!(outcome.bytes_written < 100_000_000, "the whole body was sent: {outcome:?}");
}

// Multi-threaded so the client's connection task can close the socket while the test waits on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announced_200_mb_body_is_refused_before_reading() {
    let server = TestServer::start(vec![("/huge", huge_page(true))]);
    let error = fetch_err(&server.url("/huge")).await;

    assert!(matches!(error, FetchError::TooLarge { .. }), "{error:?}");
    let outcome = server.wait_for_stream_end(Duration::from_secs(10)).expect("the server noticed the hang-up");
    assert!(outcome.cut_off_by_client, "{outcome:?}");
    assert!(outcome.bytes_written < 100_000_000, "the whole body was sent: {outcome:?}");
}

#[tokio::test]
async fn a_gzip_bomb_is_cut_off_after_decompression() {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzip.write_all(b"<html><body><p>").expect("gzip in memory");
    let block = vec![b'a'; 1 << 20];
    for _ in 0..25 {
        gzip.write_all(&block).expect("gzip in memory");
    }
    let bomb = gzip.finish().expect("gzip in memory");
    assert!(bomb.len() < 1 << 20, "the bomb is small on the wire: {} bytes", bomb.len());

    let server = TestServer::start(vec![(
        "/bomb",
        Reply::page(200, &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], bomb),
    )]);
    let error = fetch_err(&server.url("/bomb")).await;
    assert!(matches!(error, FetchError::TooLarge { .. }), "{error:?}");
}

// --- Not a web page ------------------------------------------------------------------------------------------

const PNG_BYTES: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

#[tokio::test]
async fn a_pdf_and_a_png_are_not_web_pages() {
    let server = TestServer::start(vec![
        ("/report.pdf", Reply::typed("application/pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec())),
        ("/photo.png", Reply::typed("image/png", PNG_BYTES.to_vec())),
        ("/feed", Reply::typed("application/json; charset=utf-8", "{\"items\": []}")),
    ]);
    for (path, content_type, words) in [
        ("/report.pdf", "application/pdf", "a PDF document"),
        ("/photo.png", "image/png", "a PNG image"),
        ("/feed", "application/json", "JSON data"),
    ] {
        let url = server.url(path);
        let error = fetch_err(&url).await;
        assert!(
            matches!(&error, FetchError::NotAWebPage { content_type: c, .. } if c == content_type),
            "{path}: {error:?}"
        );
        assert_eq!(error.code(), "not_a_web_page");
        assert_eq!(error.to_string(), format!("fetching {url}: this is {words}, not a web page"));
    }
}

#[tokio::test]
async fn an_image_served_as_html_is_not_a_web_page() {
    let server = TestServer::start(vec![
        ("/liar", Reply::typed("text/html; charset=utf-8", PNG_BYTES.to_vec())),
        ("/liar.pdf", Reply::typed("text/html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec())),
    ]);
    let url = server.url("/liar");
    let error = fetch_err(&url).await;
    assert!(matches!(&error, FetchError::NotAWebPage { content_type, .. } if content_type == "image/png"), "{error:?}");
    assert_eq!(error.to_string(), format!("fetching {url}: this is a PNG image, not a web page"));

    let error = fetch_err(&server.url("/liar.pdf")).await;
    assert!(matches!(&error, FetchError::NotAWebPage { content_type, .. } if content_type == "application/pdf"));
}

#[tokio::test]
async fn an_untyped_body_is_accepted_only_if_it_looks_like_html() {
    let server = TestServer::start(vec![
        ("/untyped-html", Reply::page(200, &[], format!("\n\n{ARTICLE}"))),
        ("/untyped-text", Reply::page(200, &[], "just some words, no markup at all")),
    ]);
    let page = fetch_ok(&server.url("/untyped-html")).await;
    assert_eq!(page.content_type, None);
    assert!(page.text.contains("São Paulo"));

    let url = server.url("/untyped-text");
    let error = fetch_err(&url).await;
    assert!(matches!(&error, FetchError::NotAWebPage { content_type, .. } if content_type.is_empty()), "{error:?}");
    assert_eq!(error.to_string(), format!("fetching {url}: this is a file of unknown type, not a web page"));
}

// --- Empty body and bad URLs ---------------------------------------------------------------------------------

#[tokio::test]
async fn an_empty_body_is_an_empty_page() {
    let server = TestServer::start(vec![
        ("/empty", Reply::html("")),
        ("/blank", Reply::html("  \r\n\t \n")),
        ("/untyped-empty", Reply::page(200, &[], "")),
    ]);
    for path in ["/empty", "/blank", "/untyped-empty"] {
        let url = server.url(path);
        let error = fetch_err(&url).await;
        assert!(matches!(error, FetchError::EmptyPage { .. }), "{path}: {error:?}");
        assert_eq!(error.code(), "empty_page");
        assert_eq!(error.to_string(), format!("fetching {url}: the server sent an empty page"));
    }
}

#[tokio::test]
async fn only_http_and_https_urls_are_fetched() {
    let cases = [
        ("file:///etc/passwd", "fetching file:///etc/passwd: only http and https addresses can be fetched, not file:"),
        (
            "javascript:alert(1)",
            "fetching javascript:alert(1): only http and https addresses can be fetched, not javascript:",
        ),
        ("ftp://example.org/a", "fetching ftp://example.org/a: only http and https addresses can be fetched, not ftp:"),
        (
            "example.org/story",
            "fetching example.org/story: this is not a web address (it should start with http:// or https://)",
        ),
        (
            "http://exa mple.org/",
            "fetching http://exa mple.org/: this is not a valid web address (invalid international domain name)",
        ),
        ("  ", "fetching : this is not a web address (it should start with http:// or https://)"),
    ];
    for (input, message) in cases {
        let error = fetch_err(input).await;
        assert!(matches!(error, FetchError::BadUrl { .. }), "{input}: {error:?}");
        assert_eq!(error.code(), "bad_url");
        assert_eq!(error.to_string(), message);
    }
}

// --- Character sets ------------------------------------------------------------------------------------------

/// A page in `encoding`, with an optional `<meta charset>`.
fn legacy_page(encoding: &'static encoding_rs::Encoding, meta: Option<&str>, text: &str) -> Vec<u8> {
    let meta = meta.map(|label| format!("<meta charset=\"{label}\">")).unwrap_or_default();
    let html = format!("<!DOCTYPE html><html><head>{meta}<title>News</title></head><body><p>{text}</p></body></html>");
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable, "test text not representable in {}", encoding.name());
    bytes.into_owned()
}

const KOREAN: &str = "북한이 오늘 새로운 미사일 시험을 발표했다고 정부 관계자가 밝혔습니다.";
const JAPANESE: &str = "東京都は本日、新しい条例を発表しました。市民の皆さんへのお知らせです。";
const CHINESE: &str = "国务院今天发布了关于进一步加强城市规划建设管理工作的若干意见，要求各地认真贯彻执行。";
const RUSSIAN: &str = "Правительство Москвы сегодня объявило о новых мерах поддержки малого бизнеса в столице.";
const FRENCH: &str = "Le maire a annoncé à la presse que les travaux du marché reprendront après l'été.";

#[tokio::test]
async fn legacy_charsets_are_decoded_from_header_meta_or_bytes() {
    let server = TestServer::start(vec![
        // Declared in the header.
        ("/euc-kr", Reply::typed("text/html; charset=euc-kr", legacy_page(encoding_rs::EUC_KR, None, KOREAN))),
        // Declared in a <meta>.
        ("/shift_jis", Reply::typed("text/html", legacy_page(encoding_rs::SHIFT_JIS, Some("shift_jis"), JAPANESE))),
        (
            "/windows-1251",
            Reply::typed("text/html", legacy_page(encoding_rs::WINDOWS_1251, Some("windows-1251"), RUSSIAN)),
        ),
        // Not declared at all: detected.
        ("/gbk", Reply::typed("text/html", legacy_page(encoding_rs::GBK, None, CHINESE))),
        ("/cp1251-undeclared", Reply::typed("text/html", legacy_page(encoding_rs::WINDOWS_1251, None, RUSSIAN))),
        // ISO-8859-1 in the header (WHATWG maps the label to windows-1252).
        (
            "/latin1",
            Reply::typed("text/html; charset=ISO-8859-1", legacy_page(encoding_rs::WINDOWS_1252, None, FRENCH)),
        ),
    ]);
    for (path, text, encoding) in [
        ("/euc-kr", KOREAN, "EUC-KR"),
        ("/shift_jis", JAPANESE, "Shift_JIS"),
        ("/windows-1251", RUSSIAN, "windows-1251"),
        ("/gbk", CHINESE, "GBK"),
        ("/cp1251-undeclared", RUSSIAN, "windows-1251"),
        ("/latin1", FRENCH, "windows-1252"),
    ] {
        let page = fetch_ok(&server.url(path)).await;
        assert_eq!(page.encoding, encoding, "{path}");
        assert!(page.text.contains(text), "{path} decoded wrong: {}", page.text);
        assert!(!page.text.contains('\u{FFFD}'), "{path} has replacement characters");
    }
}

#[tokio::test]
async fn a_wrong_declared_charset_is_overruled_by_the_bytes() {
    // Rule: the header comes first unless the bytes prove it false — valid UTF-8 behind a legacy charset is UTF-8,
    // and a body that is mostly malformed UTF-8 behind `charset=utf-8` is decoded by <meta> or detection instead.
    let server = TestServer::start(vec![
        ("/latin1-header-utf8-body", Reply::typed("text/html; charset=ISO-8859-1", ARTICLE)),
        (
            "/utf8-header-cp1251-body",
            Reply::typed("text/html; charset=utf-8", legacy_page(encoding_rs::WINDOWS_1251, None, RUSSIAN)),
        ),
        (
            "/utf8-header-euckr-meta",
            Reply::typed("text/html; charset=UTF-8", legacy_page(encoding_rs::EUC_KR, Some("euc-kr"), KOREAN)),
        ),
    ]);

    let page = fetch_ok(&server.url("/latin1-header-utf8-body")).await;
    assert_eq!(page.encoding, "UTF-8");
    assert!(page.text.contains("Zoë met the mayor of São Paulo."), "{}", page.text);

    let page = fetch_ok(&server.url("/utf8-header-cp1251-body")).await;
    assert_eq!(page.encoding, "windows-1251");
    assert!(page.text.contains(RUSSIAN), "{}", page.text);

    let page = fetch_ok(&server.url("/utf8-header-euckr-meta")).await;
    assert_eq!(page.encoding, "EUC-KR");
    assert!(page.text.contains(KOREAN), "{}", page.text);
}
