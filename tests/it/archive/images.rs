//! Images downloaded when a clipping is saved: every format, every kind of failure, stored once, read offline,
//! removed only with the last clipping that uses them, and fetched again on demand.

use std::time::Duration;

use cuttings::archive::{self, ImageLimits};
use cuttings::clip::{self, Filing, WholePage};
use cuttings::fetch::Fetcher;
use cuttings::store::refs::{image_ref, image_sources, parse_image_ref};
use cuttings::store::{AddOutcome, ClippingId, Library};

use super::{article_page, image_file, image_files};
use crate::util::{Reply, TestServer};

const SVG_WITH_SCRIPT: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(document.cookie)</script><rect width="4" height="4"/></svg>"#;
const CLEAN_SVG: &str =
    r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>"#;

/// Limits that keep the tests quick.
fn limits() -> ImageLimits {
    ImageLimits { timeout: Duration::from_secs(10), ..ImageLimits::default() }
}

/// Clips the page at `path` on `server` with its images and saves it in `library`. The download runs as a spawned
/// task, as in the desktop app (which needs the future to be `Send`), and must report each image once, in order.
async fn save(library: &mut Library, server: &TestServer, path: &str, limits: &ImageLimits) -> ClippingId {
    save_from(library, Fetcher::new().expect("a fetcher"), &server.url(path), limits).await
}

/// [`save`] of the page at `url`, fetched with `fetcher`.
async fn save_from(library: &mut Library, fetcher: Fetcher, url: &str, limits: &ImageLimits) -> ClippingId {
    let mut prepared = clip::prepare_url(&fetcher, url, WholePage::Refuse, Default::default()).await.expect("clipped");
    let limits = limits.clone();
    let (prepared, images, reports) = tokio::spawn(async move {
        let reports = std::sync::Mutex::new(Vec::new());
        let on_image = |done: usize, total: usize| reports.lock().expect("reports").push((done, total));
        let images = prepared.download_images(&fetcher, &limits, &on_image).await;
        (prepared, images, reports.into_inner().expect("reports"))
    })
    .await
    .expect("the download task ran");
    let expected: Vec<(usize, usize)> = (1..=images.len()).map(|done| (done, images.len())).collect();
    assert_eq!(reports, expected, "one progress report per image");
    let filing = Filing { allow_duplicate: true, ..Filing::default() };
    match library.add_clipping_with_images(prepared.into_new_clipping(filing), &images).expect("saved") {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate { existing } => panic!("unexpected duplicate of {}", existing.id),
    }
}

// Multi-threaded, so that the client's connection tasks keep running (and hang up) while the test waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_format_is_stored_by_its_bytes_and_every_failure_is_recorded_without_failing_the_save() {
    let inner = r#"<figure><img src="/i/red.png" alt="PNG"><img src="/i/red.jpg" alt="JPEG">
        <img src="/i/red.webp" alt="WebP"><img src="/i/red.gif" alt="GIF"><img src="/i/clean.svg" alt="SVG">
        <img src="/i/script.svg" alt="Scripted"><img src="/i/gone.png" alt="Gone">
        <img src="/i/says-png-is-jpeg" alt="Liar"><img src="/i/says-jpeg-is-html.jpg" alt="Page">
        <img src="/i/huge.png" alt="Huge"></figure>"#;
    let server = TestServer::start(vec![
        ("/story", Reply::html(&article_page("Harbour quay opens", inner))),
        ("/i/red.png", Reply::typed("image/png", image_file("tiny.png"))),
        ("/i/red.jpg", Reply::typed("image/jpeg", image_file("tiny.jpg"))),
        ("/i/red.webp", Reply::typed("image/webp", image_file("tiny.webp"))),
        ("/i/red.gif", Reply::typed("image/gif", image_file("tiny.gif"))),
        ("/i/clean.svg", Reply::typed("image/svg+xml", CLEAN_SVG)),
        ("/i/script.svg", Reply::typed("image/svg+xml", SVG_WITH_SCRIPT)),
        ("/i/says-png-is-jpeg", Reply::typed("image/png", image_file("tiny.jpg"))),
        ("/i/says-jpeg-is-html.jpg", Reply::typed("image/jpeg", "<!DOCTYPE html><html><body>Login</body></html>")),
        (
            "/i/huge.png",
            Reply::Stream {
                head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close".into(),
                filler: 0x89,
                total: 64 * 1024 * 1024,
                chunk: 64 * 1024,
                pause: Duration::ZERO,
            },
        ),
    ]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("open");
    let id = save(&mut library, &server, "/story", &limits()).await;

    let records = library.clipping_images(id).expect("image records");
    let by_path = |p: &str| {
        records.iter().find(|r| r.url == server.url(p)).unwrap_or_else(|| panic!("no record for {p}: {records:#?}"))
    };
    for (p, media_type, bytes) in [
        ("/i/red.png", "image/png", image_file("tiny.png")),
        ("/i/red.jpg", "image/jpeg", image_file("tiny.jpg")),
        ("/i/red.webp", "image/webp", image_file("tiny.webp")),
        ("/i/red.gif", "image/gif", image_file("tiny.gif")),
        ("/i/clean.svg", "image/svg+xml", CLEAN_SVG.as_bytes().to_vec()),
        ("/i/says-png-is-jpeg", "image/jpeg", image_file("tiny.jpg")),
    ] {
        let record = by_path(p);
        assert_eq!(record.media_type.as_deref(), Some(media_type), "{p}");
        let sha = record.sha256.as_deref().unwrap_or_else(|| panic!("{p} not stored: {:?}", record.failure));
        let image = library.image(sha).expect("read the image").expect("the image is stored");
        assert_eq!(image.bytes, bytes, "{p}");
        assert_eq!(image.media_type, media_type, "{p}");
    }
    for (p, reason) in [
        ("/i/script.svg", "active content"),
        ("/i/gone.png", "404"),
        ("/i/says-jpeg-is-html.jpg", "a web page, not an image"),
        ("/i/huge.png", "larger than 10 MiB"),
    ] {
        let record = by_path(p);
        assert!(record.sha256.is_none(), "{p} should not be stored");
        let failure = record.failure.as_deref().unwrap_or_default();
        assert!(failure.contains(reason), "{p}: {failure:?} should say {reason:?}");
    }
    // The 64 MiB image was cut off soon after 10 MiB, not read to the end. What the server hands to the kernel
    // past that is what the two sockets' buffers hold (about 10 MB on loopback, more under load: 21.4 MB was
    // written once when the bound here was 20 MiB), so the bound leaves room for them.
    let stream = server.wait_for_stream_end(Duration::from_secs(10)).expect("the huge image's stream ended");
    assert!(stream.cut_off_by_client && stream.bytes_written < 40 * 1024 * 1024, "{stream:?}");

    // The stored HTML and Markdown refer to the stored copies; failed images keep their address.
    let clipping = library.clipping(id).expect("the clipping");
    let sources = image_sources(&clipping.html);
    assert_eq!(sources.len(), 10, "{}", clipping.html);
    assert_eq!(sources.iter().filter(|s| parse_image_ref(s).is_some()).count(), 6, "{sources:#?}");
    for failed in ["/i/script.svg", "/i/gone.png", "/i/says-jpeg-is-html.jpg", "/i/huge.png"] {
        assert!(sources.contains(&server.url(failed)), "{failed} keeps its address: {sources:#?}");
    }
    let png_sha = by_path("/i/red.png").sha256.clone().expect("png stored");
    assert!(
        clipping.html.contains(&format!(
            r#"src="{}" data-original-src="{}" alt="PNG""#,
            image_ref(&png_sha),
            server.url("/i/red.png")
        )),
        "{}",
        clipping.html
    );
    assert!(clipping.markdown.contains(&format!("![PNG]({})", image_ref(&png_sha))), "{}", clipping.markdown);
    assert!(!clipping.html.contains("<script") && !clipping.html.contains("alert("));

    // Offline: with the library reopened and no network, every stored reference resolves from the library alone.
    drop(library);
    let requests_before = server.requests().len();
    let library = Library::open(&path).expect("reopen");
    let clipping = library.clipping(id).expect("the clipping");
    for sha in image_sources(&clipping.html).iter().filter_map(|s| parse_image_ref(s)) {
        let image = library.image(sha).expect("read").expect("stored image");
        assert!(cuttings::images::sniff_image(&image.bytes).is_ok());
    }
    assert_eq!(server.requests().len(), requests_before, "reading made no request");
    // Six stored images, five files: the lying server's JPEG is the same bytes as red.jpg.
    assert_eq!(image_files(&path).len(), 5);
}

#[tokio::test]
async fn a_shared_image_is_stored_once_and_removed_only_with_the_last_clipping_using_it() {
    let server = TestServer::start(vec![
        ("/a", Reply::html(&article_page("First story", r#"<img src="/shared.png" alt="x">"#))),
        ("/b", Reply::html(&article_page("Second story", r#"<img src="/shared.png" alt="y">"#))),
        ("/shared.png", Reply::typed("image/png", image_file("tiny.png"))),
    ]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("open");
    let a = save(&mut library, &server, "/a", &limits()).await;
    let b = save(&mut library, &server, "/b", &limits()).await;
    let sha = library.clipping_images(a).expect("records")[0].sha256.clone().expect("stored");
    assert_eq!(library.clipping_images(b).expect("records")[0].sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(image_files(&path).len(), 1, "stored once");

    library.trash_clippings(&[a]).expect("trash a");
    library.empty_trash().expect("empty");
    assert_eq!(image_files(&path).len(), 1, "b still uses it");
    library.trash_clippings(&[b]).expect("trash b");
    assert!(library.image(&sha).expect("read").is_some(), "a clipping in the trash keeps its images");
    let restored = library.list_trash().expect("trash")[0].id;
    library.restore(restored).expect("restore b");
    assert!(library.image(&sha).expect("read").is_some());
    library.trash_clippings(&[b]).expect("trash b again");
    library.empty_trash().expect("empty");
    assert_eq!(image_files(&path), Vec::<std::path::PathBuf>::new(), "the last user is gone");
    assert!(library.image(&sha).expect("read").is_none());
    assert_eq!(library.integrity_check().expect("check"), "ok");
}

#[tokio::test]
async fn refetch_images_stores_what_failed_before() {
    let server = TestServer::start(vec![
        (
            "/story",
            Reply::html(&article_page("Flaky images", r#"<img src="/flaky.png" alt="F"><img src="/ok.gif" alt="G">"#)),
        ),
        (
            "/flaky.png",
            Reply::Sequence(vec![
                Reply::page(503, &[("Content-Type", "text/plain")], "busy"),
                Reply::typed("image/png", image_file("tiny.png")),
            ]),
        ),
        ("/ok.gif", Reply::typed("image/gif", image_file("tiny.gif"))),
    ]);
    // A public page (played by a local proxy): refetching reaches public addresses only.
    let proxy = crate::util::TestProxy::start(vec![("news.example", &server)]);
    let (_dir, mut library) = crate::util::temp_library();
    let id = save_from(&mut library, proxy.fetcher(), "http://news.example/story", &limits()).await;
    let records = library.clipping_images(id).expect("records");
    assert!(records[0].failure.as_deref().is_some_and(|f| f.contains("503")), "{records:#?}");
    assert!(records[1].sha256.is_some());

    let fetcher = proxy.fetcher();
    let report = archive::refetch_images(&mut library, &fetcher, id, &limits()).await.expect("refetched");
    assert_eq!((report.tried, report.stored), (1, 1), "{report:?}");
    let records = library.clipping_images(id).expect("records");
    assert!(records.iter().all(|r| r.sha256.is_some() && r.failure.is_none()), "{records:#?}");
    let html = library.clipping(id).expect("clipping").html;
    assert_eq!(image_sources(&html).iter().filter(|s| parse_image_ref(s).is_some()).count(), 2, "{html}");
    // Nothing left to do: no request is made.
    let before = server.requests().len();
    let report = archive::refetch_images(&mut library, &fetcher, id, &limits()).await.expect("refetched");
    assert_eq!(report.tried, 0);
    assert_eq!(server.requests().len(), before);
}

/// The desktop app's "Load images": the same three steps as `refetch_images`, with the library free for other
/// work while the images download, and a trashed clipping refused before any request.
#[tokio::test]
async fn missing_images_download_with_the_library_free_then_store() {
    let server = TestServer::start(vec![
        ("/story", Reply::html(&article_page("Late images", r#"<img src="/late.png" alt="L">"#))),
        (
            "/late.png",
            Reply::Sequence(vec![
                Reply::page(503, &[("Content-Type", "text/plain")], "busy"),
                Reply::typed("image/png", image_file("tiny.png")),
            ]),
        ),
    ]);
    // A public page (played by a local proxy): "Load images" reaches public addresses only.
    let proxy = crate::util::TestProxy::start(vec![("news.example", &server)]);
    let (_dir, mut library) = crate::util::temp_library();
    let id = save_from(&mut library, proxy.fetcher(), "http://news.example/story", &limits()).await;
    let missing = archive::missing_images(&library, id).expect("missing");
    assert!(!missing.is_empty());

    let fetcher = proxy.fetcher();
    let downloaded = missing.download(&fetcher, &limits()).await;
    // Meanwhile the library takes other writes: the download holds no borrow of it.
    library.add_tags(&[id], &["harbour".to_string()]).expect("tagged while downloading");
    let report = downloaded.store(&mut library).expect("stored");
    assert_eq!((report.tried, report.stored), (1, 1), "{report:?}");
    let clipping = library.clipping(id).expect("clipping");
    assert_eq!(image_sources(&clipping.html).iter().filter(|s| parse_image_ref(s).is_some()).count(), 1);
    assert_eq!(clipping.summary.tags, ["harbour"], "the write made during the download is kept");
    assert!(archive::missing_images(&library, id).expect("missing").is_empty());

    library.trash_clippings(&[id]).expect("trash");
    let before = server.requests().len();
    let error = archive::missing_images(&library, id).expect_err("a trashed clipping");
    assert_eq!(error.code(), "not_found");
    assert_eq!(server.requests().len(), before);
}

#[tokio::test]
async fn the_clipping_cap_and_the_image_count_cap_skip_the_rest() {
    let inner = r#"<img src="/1.png"><img src="/2.jpg"><img src="/3.gif">"#;
    let server = TestServer::start(vec![
        ("/story", Reply::html(&article_page("Many images", inner))),
        ("/1.png", Reply::typed("image/png", image_file("tiny.png"))),
        ("/2.jpg", Reply::typed("image/jpeg", image_file("tiny.jpg"))),
        ("/3.gif", Reply::typed("image/gif", image_file("tiny.gif"))),
    ]);
    let (_dir, mut library) = crate::util::temp_library();
    // 277 + 286 bytes do not fit in 400: the JPEG is skipped, the small GIF still fits.
    let capped = ImageLimits { max_clipping_bytes: 400, concurrent: 1, ..limits() };
    let id = save(&mut library, &server, "/story", &capped).await;
    let records = library.clipping_images(id).expect("records");
    let stored: Vec<bool> = records.iter().map(|r| r.sha256.is_some()).collect();
    assert_eq!(stored, vec![true, false, true], "{records:#?}");
    assert!(records[1].failure.as_deref().is_some_and(|f| f.contains("passed")), "{records:#?}");

    let few = ImageLimits { max_images: 1, ..limits() };
    let id = save(&mut library, &server, "/story", &few).await;
    let records = library.clipping_images(id).expect("records");
    assert_eq!(records.iter().filter(|r| r.sha256.is_some()).count(), 1, "{records:#?}");
    assert!(records[2].failure.as_deref().is_some_and(|f| f.contains("more than 1 images")), "{records:#?}");
}

#[test]
fn image_refuses_anything_but_a_sha256_without_touching_the_disk() {
    let (_dir, library) = crate::util::temp_library();
    for bad in ["", "../../etc/passwd", "ABCDEF", &"g".repeat(64), &"A".repeat(64), &format!("{}/..", "a".repeat(62))] {
        assert_eq!(library.image(bad).expect("no error"), None, "{bad:?}");
    }
    assert_eq!(library.image(&"a".repeat(64)).expect("no error"), None);
}

#[test]
fn cuttings_add_stores_the_images_and_original_writes_the_saved_page() {
    let page = article_page("Quay opens", r#"<img src="/q.png" alt="Quay">"#);
    let server = TestServer::start(vec![
        ("/quay", Reply::html(&page)),
        ("/q.png", Reply::typed("image/png", image_file("tiny.png"))),
    ]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", &path)
            .output()
            .expect("cuttings runs")
    };
    let added = run(&["add", &server.url("/quay")]);
    let stdout = String::from_utf8_lossy(&added.stdout);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(stdout.contains("images: 1 stored, 0 failed"), "{stdout}");
    assert_eq!(image_files(&path).len(), 1);

    let out = dir.path().join("page.html");
    let original = run(&["original", "1", "--out", out.to_str().expect("utf-8 path")]);
    assert!(original.status.success(), "{}", String::from_utf8_lossy(&original.stderr));
    assert_eq!(std::fs::read(&out).expect("written"), page.as_bytes());

    let refetch = run(&["refetch-images", "1"]);
    assert!(String::from_utf8_lossy(&refetch.stdout).contains("no missing images"));
    let missing = run(&["original", "99"]);
    assert!(!missing.status.success());
    assert_eq!(String::from_utf8_lossy(&missing.stderr).trim(), "cuttings: no clipping with id 99");
}

#[test]
fn a_version_1_library_is_migrated_and_keeps_its_clippings() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("open");
    let id = crate::store::add(&mut library, crate::store::new_clipping("https://x.test/a", "Old", "Old text"));
    drop(library);
    // Turn the file back into a version 1 library: without the tables migrations 2, 5 and 6 add and the columns of migrations 3, 4 and 7.
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.execute_batch(
        "DROP TABLE highlights; DROP TABLE queue_jobs; DROP TABLE queue_batches; DROP TABLE similar_clippings; DROP TABLE fingerprint_bands; DROP TABLE clipping_fingerprints; DROP TABLE clipping_edits;
         DROP TABLE clipping_images; DROP TABLE images; ALTER TABLE clippings DROP COLUMN page_kind;
         ALTER TABLE clippings DROP COLUMN low_confidence; ALTER TABLE clippings DROP COLUMN source;
         ALTER TABLE clippings DROP COLUMN whole_page; PRAGMA user_version = 1;",
    )
    .expect("downgrade");
    drop(conn);
    let library = Library::open(&path).expect("migrate");
    assert_eq!(library.clipping(id).expect("kept").summary.title, "Old");
    assert_eq!(library.clipping_images(id).expect("new table"), vec![]);
    assert_eq!(library.integrity_check().expect("check"), "ok");
}
