//! Integration tests of the guarded road to the network: a page from the internet (a public-looking host played by
//! a local proxy, `util::TestProxy`) can never make Cuttings reach into the user's own network — not by a
//! redirect of the page, not by an image, not by a redirect of an image, not through an export — whatever form the
//! private address takes. An address the user typed on their own network still works. Every private address used
//! here is also served by the proxy, so that a request that got through would be seen.

use std::time::{Duration, Instant};

use cuttings::archive::ImageLimits;
use cuttings::clip::{self, Filing, WholePage};
use cuttings::fetch::FetchError;
use cuttings::store::{AddOutcome, ImageOutcome, NewImage};

use crate::archive::{article_page, image_file};
use crate::util::{Reply, TestProxy, TestServer};

/// The private addresses a page may try to reach, in every spelling that passed the old check or names this
/// computer or a neighbour. All are routed by the test proxy to the "private" server, as a network would.
const PRIVATE_HOSTS: [&str; 14] = [
    "127.0.0.1",
    "localhost",
    "169.254.169.254",
    "0.0.0.1",
    "[::ffff:0.0.0.0]",
    "[::ffff:127.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[::127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::1]",
    "100.64.0.1",
    "198.18.0.1",
    "10.0.0.1",
    "[fd00::1]",
];

/// Why an image was not stored, if it was not.
fn failure(image: &NewImage) -> Option<&str> {
    match &image.outcome {
        ImageOutcome::Failed { reason } => Some(reason),
        ImageOutcome::Stored { .. } => None,
    }
}

/// A "private" server holding a secret page and a secret image, and a proxy that routes `news.example` and
/// `img.example` to `public` and every private host to the private server.
fn network(public: &TestServer) -> (TestServer, TestProxy) {
    let private = TestServer::start(vec![
        ("/secret", Reply::html(&article_page("Router administration", "<p>admin password: hunter2</p>"))),
        ("/secret.png", Reply::typed("image/png", image_file("tiny.png"))),
    ]);
    let mut hosts: Vec<(&str, &TestServer)> = vec![("news.example", public), ("img.example", public)];
    hosts.extend(PRIVATE_HOSTS.iter().map(|host| (host.trim_start_matches('[').trim_end_matches(']'), &private)));
    let proxy = TestProxy::start(hosts);
    (private, proxy)
}

#[tokio::test]
async fn a_public_page_that_redirects_into_the_private_network_is_refused_in_every_form() {
    let routes: Vec<(String, Reply)> = PRIVATE_HOSTS
        .iter()
        .enumerate()
        .map(|(i, host)| (format!("/r{i}"), Reply::redirect(302, &format!("http://{host}/secret"))))
        .collect();
    let public = TestServer::start(routes.iter().map(|(path, reply)| (path.as_str(), reply.clone())).collect());
    let (private, proxy) = network(&public);
    let fetcher = proxy.fetcher();
    for (i, host) in PRIVATE_HOSTS.iter().enumerate() {
        let url = format!("http://news.example/r{i}");
        match fetcher.fetch(&url).await {
            Ok(page) => panic!("{host}: the private page was fetched ({} bytes)", page.bytes.len()),
            Err(error) => {
                assert_eq!(error.code(), "private_address", "{host}: {error}");
                assert!(matches!(error, FetchError::PrivateRedirect { .. }), "{host}: {error:?}");
                let message = error.to_string();
                assert!(message.starts_with(&format!("fetching {url}: refused")), "{message}");
                assert!(message.contains("private or reserved network"), "{message}");
            }
        }
    }
    assert!(private.requests().is_empty(), "the private server was reached: {:?}", private.requests());
    assert_eq!(proxy.requests().len(), PRIVATE_HOSTS.len(), "only the public pages were asked for");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_of_a_public_page_never_reach_the_private_network_directly_or_by_redirect() {
    // Each private form as an image address, and a public image address that redirects to each.
    let mut inner = String::new();
    let mut routes: Vec<(String, Reply)> = Vec::new();
    for (i, host) in PRIVATE_HOSTS.iter().enumerate() {
        inner.push_str(&format!(r#"<img src="http://{host}/secret.png" alt="direct {i}">"#));
        inner.push_str(&format!(r#"<img src="http://img.example/hop{i}.png" alt="hop {i}">"#));
        routes.push((format!("/hop{i}.png"), Reply::redirect(302, &format!("http://{host}/secret.png"))));
    }
    inner.push_str(r#"<img src="http://img.example/fine.png" alt="public">"#);
    routes.push(("/fine.png".into(), Reply::typed("image/png", image_file("tiny.png"))));
    routes.push(("/story".into(), Reply::html(&article_page("Harbour quay opens", &inner))));
    let public = TestServer::start(routes.iter().map(|(path, reply)| (path.as_str(), reply.clone())).collect());
    let (private, proxy) = network(&public);
    let fetcher = proxy.fetcher();

    let mut prepared = clip::prepare_url(&fetcher, "http://news.example/story", WholePage::Refuse, Default::default())
        .await
        .expect("clipped");
    let images = prepared.download_images(&fetcher, &ImageLimits::default(), &|_, _| {}).await;
    assert_eq!(images.len(), 2 * PRIVATE_HOSTS.len() + 1);
    for image in &images {
        let outcome = failure(image);
        if image.url == "http://img.example/fine.png" {
            assert_eq!(outcome, None, "the public image is stored");
        } else {
            let reason = outcome.unwrap_or_else(|| panic!("{} was stored", image.url));
            assert!(reason.contains("private or reserved network"), "{}: {reason}", image.url);
        }
    }
    assert!(private.requests().is_empty(), "the private server was reached: {:?}", private.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_the_user_typed_on_their_own_network_is_fetched_with_its_images() {
    let intranet = TestServer::start(vec![
        ("/memo", Reply::html(&article_page("Staff memo", r#"<img src="/logo.png" alt="logo">"#))),
        ("/logo.png", Reply::typed("image/png", image_file("tiny.png"))),
    ]);
    let fetcher = cuttings::fetch::Fetcher::new().expect("a fetcher");
    let mut prepared = clip::prepare_url(&fetcher, &intranet.url("/memo"), WholePage::Refuse, Default::default())
        .await
        .expect("clipped");
    assert_eq!(prepared.reach, cuttings::fetch::Reach::PrivateAllowed);
    let images = prepared.download_images(&fetcher, &ImageLimits::default(), &|_, _| {}).await;
    assert_eq!(images.len(), 1);
    assert_eq!(failure(&images[0]), None, "{images:?}");

    // The same page saved from a file declares its own address: its images are public only.
    let saved = clip::prepare_bytes(
        prepared.original_page.clone(),
        Some(prepared.url.clone()),
        WholePage::Refuse,
        Default::default(),
    )
    .expect("extracted");
    assert_eq!(saved.reach, cuttings::fetch::Reach::PublicOnly);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_gives_up_on_slow_images_at_its_deadline_and_keeps_what_arrived() {
    // 200 images trickling one byte every 100 ms (a 2 KB image would take minutes), and one that is quick.
    let trickle = Reply::Stream {
        head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 2000\r\nConnection: close".into(),
        filler: b'x',
        total: 2000,
        chunk: 1,
        pause: Duration::from_millis(100),
    };
    let mut inner = String::from(r#"<img src="http://img.example/quick.png" alt="quick">"#);
    let mut routes: Vec<(String, Reply)> =
        vec![("/quick.png".into(), Reply::typed("image/png", image_file("tiny.png")))];
    for i in 0..200 {
        inner.push_str(&format!(r#"<img src="http://img.example/slow{i}.png" alt="slow {i}">"#));
        routes.push((format!("/slow{i}.png"), trickle.clone()));
    }
    routes.push(("/story".into(), Reply::html(&article_page("Slow pictures", &inner))));
    let public = TestServer::start(routes.iter().map(|(path, reply)| (path.as_str(), reply.clone())).collect());
    let (_private, proxy) = network(&public);
    let fetcher = proxy.fetcher();
    let mut prepared = clip::prepare_url(&fetcher, "http://news.example/story", WholePage::Refuse, Default::default())
        .await
        .expect("clipped");

    let limits = ImageLimits { deadline: Duration::from_secs(3), ..ImageLimits::default() };
    let started = Instant::now();
    let images = prepared.download_images(&fetcher, &limits, &|_, _| {}).await;
    let took = started.elapsed();
    // 200 images at 4 at a time, each up to its 20 s time-out, would take over 15 minutes without the deadline.
    assert!(took < Duration::from_secs(60), "the save's images took {took:?}");
    assert_eq!(images.len(), 201);
    assert_eq!(failure(&images[0]), None, "the quick image arrived");
    let late = images.iter().filter(|i| failure(i).is_some_and(|f| f.contains("took more than 3 seconds"))).count();
    assert!(late >= 190, "{late} images were cut off by the deadline");
    eprintln!("200 trickling images: the save's downloads ended after {took:?}");

    // The clipping is saved with what arrived; the rest is listed for refetch-images.
    let (_dir, mut library) = crate::util::temp_library();
    let filing = Filing::default();
    let AddOutcome::Added(id) =
        library.add_clipping_with_images(prepared.into_new_clipping(filing), &images).expect("saved")
    else {
        panic!("not added")
    };
    let records = library.clipping_images(id).expect("records");
    assert_eq!(records.iter().filter(|r| r.sha256.is_some()).count(), 1);
    assert_eq!(records.iter().filter(|r| r.failure.is_some()).count(), 200);
}

#[test]
fn the_command_line_goes_through_the_environments_proxy_and_refuses_the_private_network() {
    let public = TestServer::start(vec![
        ("/story", Reply::html(&article_page("Harbour quay opens", ""))),
        ("/moved", Reply::redirect(301, "http://169.254.169.254/secret")),
    ]);
    let (private, proxy) = network(&public);
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = dir.path().join("library.db");
    let run = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(["add", url, "--no-images"])
            .env("CUTTINGS_LIBRARY", &library)
            .env("ALL_PROXY", proxy.url().as_str())
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .output()
            .expect("cuttings runs")
    };
    let ok = run("http://news.example/story");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let refused = run("http://news.example/moved");
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("refused: the server redirected to http://169.254.169.254/secret, an address on a private"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one plain line: {stderr}");
    assert!(private.requests().is_empty(), "{:?}", private.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_never_fetches_an_image_that_the_save_refused() {
    let inner =
        r#"<img src="http://127.0.0.1/secret.png" alt="inside"><img src="http://img.example/fine.png" alt="ok">"#;
    let public = TestServer::start(vec![
        ("/story", Reply::html(&article_page("Harbour quay opens", inner))),
        ("/fine.png", Reply::typed("image/png", image_file("tiny.png"))),
    ]);
    let (private, proxy) = network(&public);
    let fetcher = proxy.fetcher();
    let mut prepared = clip::prepare_url(&fetcher, "http://news.example/story", WholePage::Refuse, Default::default())
        .await
        .expect("clipped");
    // Saved without its images (as `--no-images` does), then exported with a downloader: the export asks for the
    // public image and never for the private one.
    let (dir, mut library) = crate::util::temp_library();
    let AddOutcome::Added(id) =
        library.add_clipping(prepared.clone().into_new_clipping(Filing::default())).expect("saved")
    else {
        panic!("not added")
    };
    let images = prepared.download_images(&fetcher, &ImageLimits::default(), &|_, _| {}).await;
    assert!(failure(&images[0]).is_some_and(|f| f.contains("private")), "{images:?}");

    let out = dir.path().join("md");
    let report = tokio::task::spawn_blocking(move || {
        use cuttings::export::{Collection, ExportControl, HttpImages, MarkdownOptions, Order, Selection};
        let downloader = HttpImages::with_fetcher(proxy.fetcher()).expect("downloader");
        let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
        cuttings::export::export_markdown(
            &library,
            &collection,
            &MarkdownOptions::default(),
            &downloader,
            &out,
            ExportControl::silent(),
        )
        .expect("exported")
    })
    .await
    .expect("the export ran");
    assert_eq!((report.images_saved, report.images_missing), (1, 1), "{report:?}");
    assert!(private.requests().is_empty(), "the export reached the private server: {:?}", private.requests());
}

#[test]
fn an_export_without_a_network_stops_asking_after_a_few_failures() {
    use cuttings::export::{Collection, ExportControl, HttpImages, MarkdownOptions, Order, Selection};
    // A "proxy" that hangs up on every connection: no server can be reached, as with no network at all.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_proxy = url::Url::parse(&format!("http://{}", listener.local_addr().expect("addr"))).expect("url");
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    let (dir, mut library) = crate::util::temp_library();
    let mut ids = Vec::new();
    for n in 0..40 {
        let page = article_page(&format!("Story {n}"), &format!(r#"<img src="http://img{n}.example/p.png" alt="p">"#));
        let url = url::Url::parse(&format!("https://news.example/{n}")).expect("url");
        let prepared = clip::prepare_bytes(page.into_bytes(), Some(url), WholePage::Refuse, Default::default())
            .expect("extracted");
        match library.add_clipping(prepared.into_new_clipping(Filing::default())).expect("saved") {
            AddOutcome::Added(id) => ids.push(id),
            AddOutcome::Duplicate { .. } => panic!("duplicate"),
        }
    }
    let limits = cuttings::fetch::FetchLimits::default();
    let fetcher = cuttings::fetch::Fetcher::with_proxy(limits, &dead_proxy, None).expect("fetcher");
    let downloader = HttpImages::with_fetcher(fetcher).expect("downloader");
    let collection = Collection::gather(&library, &Selection::Ids(ids), Order::Given, None).expect("selects");
    let report = cuttings::export::export_markdown(
        &library,
        &collection,
        &MarkdownOptions::default(),
        &downloader,
        &dir.path().join("md"),
        ExportControl::silent(),
    )
    .expect("an offline export still succeeds");
    assert_eq!((report.images_saved, report.images_missing), (0, 40), "{report:?}");
    let tried = connections.load(std::sync::atomic::Ordering::SeqCst);
    assert!(tried <= 8, "{tried} connections were tried for 40 images with no network");
}
