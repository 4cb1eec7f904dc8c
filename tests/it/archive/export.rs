//! Exports of archived clippings through the command line: stored images are read from the library (no network),
//! a stored image that is missing falls back to its original address (never the private `cuttings-image:` one),
//! and `export --format json` writes the whole library's metadata once, never over an existing file.

use std::path::{Path, PathBuf};

use super::{article_page, image_file, image_files};
use crate::util::{Reply, TestServer, cuttings};

/// Runs and expects success; returns stderr (where the exports report).
fn ok(library: &Path, args: &[&str]) -> String {
    let out = cuttings(library, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cuttings {args:?} failed: {stderr}");
    stderr
}

/// Runs and expects failure with one plain line on stderr; returns it.
fn fails(library: &Path, args: &[&str]) -> String {
    let out = cuttings(library, args);
    assert!(!out.status.success(), "cuttings {args:?} should have failed");
    let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// The only Markdown file of an export other than its index, read.
fn clipping_markdown(out: &Path) -> String {
    let files: Vec<PathBuf> = walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("index.md"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).expect("read the clipping's file")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(walk(&path)) } else { found.push(path) }
    }
    found.sort();
    found
}

#[test]
fn archived_images_export_offline_and_a_missing_one_keeps_its_original_address() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = dir.path().join("library.db");
    let server = TestServer::start(vec![
        (
            "/story",
            Reply::html(&article_page(
                "Quay opens",
                r#"<figure><img src="/a.png" alt="Quay"><figcaption>The quay</figcaption></figure>
                       <figure><img src="/b.jpg" alt="Crane"></figure>"#,
            )),
        ),
        ("/a.png", Reply::typed("image/png", image_file("tiny.png"))),
        ("/b.jpg", Reply::typed("image/jpeg", image_file("tiny.jpg"))),
    ]);
    ok(&library, &["add", &server.url("/story")]);
    let (png_url, story_url) = (server.url("/a.png"), server.url("/story"));
    // From here on, whatever the exports need must come from the library: the server is not asked again.
    let requests = server.requests().len();

    let first = dir.path().join("first");
    let report = ok(&library, &["export", "--ids", "1", "--format", "md", "--out", first.to_str().unwrap()]);
    assert!(report.contains("2 images saved, 0 kept as links"), "{report}");
    let mut assets: Vec<Vec<u8>> = walk(&first.join("assets")).iter().map(|p| std::fs::read(p).unwrap()).collect();
    assets.sort();
    let mut expected = vec![image_file("tiny.png"), image_file("tiny.jpg")];
    expected.sort();
    assert_eq!(assets, expected, "the stored bytes, unchanged");
    let body = clipping_markdown(&first);
    assert!(body.contains("![Quay](assets/") || body.contains("![Quay](../assets/"), "{body}");
    assert!(!body.contains("cuttings-image"), "{body}");
    assert!(body.contains(&story_url), "the source line keeps the address: {body}");

    let pdf = dir.path().join("review.pdf");
    let report =
        ok(&library, &["export", "--ids", "1", "--format", "pdf", "--no-images", "--out", pdf.to_str().unwrap()]);
    assert!(report.contains("(2 images, 0 placeholders)"), "{report}");

    // A stored file lost (a damaged disk, a half-copied library): the export links to the original instead.
    let png_sha = cuttings::store::sha256_hex(&image_file("tiny.png"));
    let lost = image_files(&library).into_iter().find(|p| p.ends_with(&png_sha)).expect("the PNG's file");
    std::fs::remove_file(lost).expect("remove the PNG's file");
    let second = dir.path().join("second");
    let report =
        ok(&library, &["export", "--ids", "1", "--format", "md", "--no-images", "--out", second.to_str().unwrap()]);
    assert!(report.contains("1 images saved, 1 kept as links"), "{report}");
    let body = clipping_markdown(&second);
    assert!(body.contains(&format!("![Quay]({png_url})")), "{body}");
    assert!(!body.contains("cuttings-image"), "{body}");
    assert_eq!(server.requests().len(), requests, "no export asked the network for a stored image");
}

#[test]
fn json_export_holds_the_whole_library_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = dir.path().join("library.db");
    let page = dir.path().join("page.html");
    std::fs::write(&page, article_page("Ferry timetable changes", "")).expect("write the page");
    ok(&library, &["add", page.to_str().unwrap(), "--url", "https://news.example/ferry", "--no-images"]);
    ok(&library, &["tag", "add", "transport", "--to", "1"]);
    ok(&library, &["note", "add", "1", "Ask the port about winter sailings"]);

    let out = dir.path().join("library.json");
    ok(&library, &["export", "--format", "json", "--out", out.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("valid JSON");
    assert_eq!(json["format"], "cuttings-metadata");
    let clipping = &json["clippings"][0];
    assert_eq!(clipping["title"], "Ferry timetable changes");
    assert_eq!(clipping["url"], "https://news.example/ferry");
    assert_eq!(clipping["tags"][0], "transport");
    assert!(clipping["notes"].to_string().contains("winter sailings"), "{clipping}");

    let before = std::fs::read(&out).expect("read");
    let taken = fails(&library, &["export", "--format", "json", "--out", out.to_str().unwrap()]);
    assert!(taken.contains("already exists"), "{taken}");
    assert_eq!(std::fs::read(&out).expect("read"), before, "untouched");
    let with_tag = dir.path().join("tag.json");
    let both =
        fails(&library, &["export", "--format", "json", "--tag", "transport", "--out", with_tag.to_str().unwrap()]);
    assert!(both.contains("whole library"), "{both}");
    let none = fails(&library, &["export", "--format", "md", "--out", dir.path().join("md").to_str().unwrap()]);
    assert!(none.contains("choose what to export"), "{none}");
    assert!(!with_tag.exists() && !dir.path().join("md").exists());
}
