//! Integration tests of the export (`cuttings::export`): real libraries in temporary folders filled from the
//! extraction fixtures, real files written and read back (Markdown with pulldown-cmark; PDFs with poppler's
//! `pdftotext`, `pdfinfo`, `pdffonts`, `pdfimages`), images from a local HTTP server. Nothing reaches the internet.

use std::collections::HashSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use cuttings::clip::{Filing, WholePage, prepare_bytes, prepare_file};
use cuttings::export::{
    Collection, ExportControl, ExportError, ExportFormat, ExportOutcome, ExportRequest, Grouping, ImageOrigin,
    ImageSource, LoadedImage, MarkdownOptions, NoImages, Order, PdfOptions, Selection, export_markdown, export_pdf,
};
use cuttings::store::{AddOutcome, ClippingEdit, ClippingId, FolderId, Library};

use crate::util::{Reply, TestServer, cuttings, temp_library};

// ---- Building test libraries ----

/// The fixture folders, sorted.
fn fixture_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("page.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Adds fixture `name` (its page and the URL of its expected.json) with this filing; returns its id.
fn add_fixture(library: &mut Library, name: &str, filing: Filing) -> ClippingId {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"))
            .expect("expected.json is JSON");
    let url = expected["url"].as_str().expect("fixture url");
    let prepared = prepare_file(&dir.join("page.html"), Some(url), WholePage::Keep).expect("fixture page prepares");
    added(library.add_clipping(prepared.into_new_clipping(Filing { allow_duplicate: true, ..filing })))
}

/// Adds a page given as HTML, served at `url`.
fn add_page(library: &mut Library, html: &str, url: &str, filing: Filing) -> ClippingId {
    let url = url::Url::parse(url).expect("test URL");
    let prepared = prepare_bytes(html.as_bytes().to_vec(), Some(url), WholePage::Keep, Default::default())
        .expect("test page prepares");
    added(library.add_clipping(prepared.into_new_clipping(Filing { allow_duplicate: true, ..filing })))
}

fn added(outcome: Result<AddOutcome, cuttings::store::StoreError>) -> ClippingId {
    match outcome.expect("clipping saves") {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate { .. } => panic!("allow_duplicate was set"),
    }
}

/// A news page with a title, a byline, a date, paragraphs and the given images (each in a figure with a caption).
fn news_page(title: &str, paragraphs: &[String], images: &[String]) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut body = String::new();
    for (n, p) in paragraphs.iter().enumerate() {
        body.push_str(&format!("<p>{}</p>\n", esc(p)));
        if let Some(src) = images.get(n) {
            body.push_str(&format!(
                "<figure><img src=\"{}\" alt=\"Picture {n}\"><figcaption>Caption of picture {n}.</figcaption></figure>\n",
                esc(src)
            ));
        }
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta property=\"og:site_name\" content=\"The Test Gazette\">\
         <meta name=\"author\" content=\"Ada Writer\">\
         <meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\"></head>\
         <body><article><h1>{t}</h1>{body}</article></body></html>",
        t = esc(title)
    )
}

/// Ten sentences of plain news prose, different for each `seed`.
fn prose(seed: usize, paragraphs: usize) -> Vec<String> {
    (0..paragraphs)
        .map(|p| {
            format!(
                "Paragraph {p} of story {seed}: the council met on Tuesday to discuss the budget for the coming year, \
                 and members argued for several hours about roads, schools and the new library before they agreed \
                 to meet again next week. Residents who attended said they hoped for a decision before the winter."
            )
        })
        .collect()
}

/// An image source that answers every address with a small generated PNG (different per address).
struct GeneratedImages;

impl ImageSource for GeneratedImages {
    fn load(&self, src: &str) -> Option<LoadedImage> {
        let shade = src.bytes().fold(0u8, |a, b| a.wrapping_add(b));
        Some(LoadedImage::new(encode(image::ImageFormat::Png, 64, 48, shade)))
    }
}

/// An image of `width`×`height` in `format`, filled with a colour made from `shade`.
fn encode(format: image::ImageFormat, width: u32, height: u32, shade: u8) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let picture = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([shade, (x % 256) as u8, (y % 256) as u8]));
    image::DynamicImage::ImageRgb8(picture).write_to(&mut out, format).expect("encode a test image");
    out.into_inner()
}

// ---- Reading Markdown back ----

/// A Markdown file split into its front matter (key → JSON value) and its body's text and image links.
struct ParsedMarkdown {
    front: serde_json::Map<String, serde_json::Value>,
    text: String,
    headings: Vec<String>,
    images: Vec<String>,
    links: Vec<String>,
}

fn parse_markdown(source: &str) -> ParsedMarkdown {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    let mut parsed = ParsedMarkdown {
        front: serde_json::Map::new(),
        text: String::new(),
        headings: Vec::new(),
        images: Vec::new(),
        links: Vec::new(),
    };
    let (mut in_meta, mut in_heading) = (false, false);
    let mut heading = String::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                parsed.headings.push(heading.clone());
            }
            Event::Start(Tag::Image { dest_url, .. }) => parsed.images.push(dest_url.to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => parsed.links.push(dest_url.to_string()),
            Event::Text(text) if in_meta => {
                for line in text.lines() {
                    let (key, value) = line.split_once(": ").expect("front matter lines are `key: value`");
                    let value = serde_json::from_str(value).expect("front matter values are JSON (valid YAML)");
                    parsed.front.insert(key.to_string(), value);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if in_heading {
                    heading.push_str(&text);
                }
                parsed.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => parsed.text.push(' '),
            Event::End(TagEnd::Paragraph) => parsed.text.push('\n'),
            _ => {}
        }
    }
    parsed
}

/// White space collapsed, for comparing text across formats (a line broken after a hyphen is joined again).
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace("- ", "-")
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read export folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("inside").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A library with every fixture: half in "World/<script>" folders, some in the Inbox, with tags and notes.
fn fixture_library() -> (tempfile::TempDir, Library, Vec<(String, ClippingId)>) {
    let (dir, mut library) = temp_library();
    let world = library.create_folder(None, "World").expect("folder");
    let asia = library.create_folder(Some(world), "Asia").expect("folder");
    let europe = library.create_folder(Some(world), "Europe").expect("folder");
    let mut ids = Vec::new();
    for name in fixture_names() {
        let folder: Option<FolderId> = match name.split('-').next() {
            Some("ko" | "ja" | "zh" | "korean" | "rfa") => Some(asia),
            Some("de" | "fr" | "it" | "es" | "ru") => Some(europe),
            Some("en") => Some(world),
            _ => None,
        };
        let filing = Filing {
            folder,
            tags: vec!["press".into(), format!("lang-{}", name.split('-').next().unwrap_or("x"))],
            note: Some(format!("Note on {name}: check the figures with the desk.")),
            ..Default::default()
        };
        let id = add_fixture(&mut library, &name, filing);
        ids.push((name, id));
    }
    (dir, library, ids)
}

// ---- Markdown ----

#[test]
fn one_entry_point_runs_both_formats_for_both_front_ends() {
    let (dir, mut library) = temp_library();
    let html = news_page("Entry point", &prose(7, 2), &["https://images.example/a.png".to_string()]);
    let filing = Filing { tags: vec!["desk".into()], ..Default::default() };
    add_page(&mut library, &html, "https://news.example/entry", filing);
    let request = |format: ExportFormat, target: PathBuf| ExportRequest {
        selection: Selection::Tag("desk".into()),
        order: Order::Given,
        title: Some("Desk review".into()),
        format,
        images: ImageOrigin::LibraryOnly,
        target,
    };
    let markdown = || ExportFormat::Markdown(MarkdownOptions::default());
    let pdf = || ExportFormat::Pdf(PdfOptions { date: Some((2026, 11, 28)), ..Default::default() });

    // Markdown without the web: the image the library does not store keeps its address.
    let out = dir.path().join("md");
    let done = cuttings::export::run(&library, &request(markdown(), out.clone()), ExportControl::silent())
        .expect("the Markdown export succeeds");
    assert_eq!((done.path(), done.clippings()), (out.as_path(), 1));
    let ExportOutcome::Markdown(report) = &done else { panic!("a Markdown outcome: {done:?}") };
    assert_eq!((report.images_saved, report.images_missing), (0, 1), "{report:?}");
    assert!(out.join("index.md").is_file());

    // A PDF with the images of a source of the caller's, behind the stored ones.
    let out = dir.path().join("review.pdf");
    let done = cuttings::export::run_with_images(
        &library,
        &request(pdf(), out.clone()),
        &GeneratedImages,
        ExportControl::silent(),
    )
    .expect("the PDF export succeeds");
    let ExportOutcome::Pdf(report) = &done else { panic!("a PDF outcome: {done:?}") };
    assert_eq!((report.clippings, report.images, report.placeholders), (1, 1, 0), "{report:?}");
    assert!(page_text(&out, 1, 1).contains("Desk review"));

    // The selection's errors and a cancel come through, and nothing is left behind.
    let mut empty = request(markdown(), dir.path().join("none"));
    empty.selection = Selection::Tag("nothing-here".into());
    let err = cuttings::export::run(&library, &empty, ExportControl::silent()).expect_err("nothing to export");
    assert_eq!(err.code(), "empty");
    let cancel = AtomicBool::new(true);
    let out = dir.path().join("cancelled.pdf");
    let err = cuttings::export::run(&library, &request(pdf(), out.clone()), ExportControl::new(&|_| {}, &cancel))
        .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert!(!out.exists() && !dir.path().join("none").exists());
}

#[test]
fn markdown_export_of_the_fixtures_reads_back_with_front_matter_body_notes_and_images() {
    let (dir, library, ids) = fixture_library();
    let collection = Collection::gather(&library, &Selection::Tag("press".into()), Order::Published, None)
        .expect("the tag selects clippings");
    assert_eq!(collection.clippings.len(), ids.len());
    let out = dir.path().join("export");
    let report = export_markdown(
        &library,
        &collection,
        &MarkdownOptions::default(),
        &GeneratedImages,
        &out,
        ExportControl::silent(),
    )
    .expect("the export succeeds");
    assert_eq!(report.clippings, ids.len());
    assert!(report.images_saved > 0, "the fixtures have images");

    let files = files_under(&out);
    let md_files: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "md")).collect();
    assert_eq!(md_files.len(), ids.len() + 1, "one file per clipping plus index.md: {files:?}");
    assert!(out.join("index.md").is_file());
    let index = parse_markdown(&std::fs::read_to_string(out.join("index.md")).expect("index.md"));
    assert_eq!(index.links.len(), ids.len(), "the index links every clipping");
    for link in &index.links {
        assert!(out.join(link).is_file(), "index link {link} points at a file");
    }

    let mut seen_ids = HashSet::new();
    for link in &index.links {
        let path = out.join(link);
        let parsed = parse_markdown(&std::fs::read_to_string(&path).expect("clipping file"));
        let id = parsed.front["id"].as_i64().expect("id in the front matter");
        assert!(seen_ids.insert(id));
        let clipping = library.clipping(ClippingId(id)).expect("the clipping exists");
        let s = &clipping.summary;
        assert_eq!(parsed.front["title"], s.title.as_str());
        assert_eq!(parsed.front["url"], s.url.as_str());
        assert_eq!(parsed.front["outlet"].as_str(), s.site_name.as_deref());
        assert_eq!(parsed.front["author"].as_str(), s.byline.as_deref());
        assert_eq!(parsed.front["published"].as_str(), s.published.as_deref());
        assert_eq!(parsed.front["saved"], s.saved_at.as_str());
        assert_eq!(parsed.front["canonical_url"].as_str(), clipping.canonical_url.as_deref());
        assert_eq!(parsed.front["tags"], serde_json::json!(s.tags));
        let folder = collection.folders.path(s.folder);
        assert_eq!(parsed.front["folder"], serde_json::json!(folder));
        // The file sits in the mirrored folder.
        let rel = path.strip_prefix(&out).expect("inside").parent().expect("a parent");
        let dirs: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        assert_eq!(dirs, folder, "{} is in its folder", path.display());
        // The title heads the body, the article's first block follows, the note is in a Notes section.
        assert_eq!(parsed.headings.first().map(String::as_str), Some(s.title.as_str()));
        let first_block = squash(clipping.text.split("\n\n").next().unwrap_or_default());
        assert!(
            squash(&parsed.text).contains(&first_block),
            "{} has the body's first block {first_block:?}",
            path.display()
        );
        assert!(parsed.headings.iter().any(|h| h == "Notes"), "{} has a Notes section", path.display());
        assert!(parsed.text.contains("check the figures with the desk"));
        // Each image link points at a saved file in assets/.
        for image in &parsed.images {
            assert!(image.contains("assets/") && !image.starts_with("http"), "image {image} is local");
            assert!(path.parent().expect("parent").join(image).is_file(), "image {image} exists");
        }
    }
    let with_images = ids.iter().find(|(name, _)| name == "en-figure-lazy-images").expect("fixture").1;
    let figure_file = index
        .links
        .iter()
        .map(|l| out.join(l))
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(&format!("id: {}", with_images.0))))
        .expect("the figure fixture was exported");
    let parsed = parse_markdown(&std::fs::read_to_string(&figure_file).expect("file"));
    // (The extractor keeps the first figure's image twice, from the picture and its noscript copy.)
    let distinct: HashSet<&String> = parsed.images.iter().collect();
    assert_eq!(distinct.len(), 2, "both figures of the fixture are linked: {:?}", parsed.images);
    assert!(
        parsed.text.contains("markers along the path") || parsed.text.contains("Markers along the path"),
        "captions kept"
    );
    // Nothing else was left beside the export.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("temp dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cuttings-export-"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Titles that try to escape the folder, take a device name, overflow the name length or smuggle markup.
const HOSTILE_TITLES: &[&str] = &[
    "../../x",
    "CON",
    "nul.txt",
    "#panic(\"x\")",
    "---",
    "$x^2$ <l> @r",
    "#read(\"/etc/passwd\") [link](javascript:alert(1)) *bold*",
    "Report",
    "REPORT",
    "report.",
    "서울 시장 선거 결과",
    "10 Tips to Successfully Complete Online Courses",
    "1. First things",
    "Issue #",
    "*Starred* & AT&T &amp; <b>not bold</b>",
];

/// A library with one clipping per hostile title (plus a 500-character one), all in the Inbox.
fn hostile_library() -> (tempfile::TempDir, Library, Vec<String>) {
    let (dir, mut library) = temp_library();
    let mut titles: Vec<String> = HOSTILE_TITLES.iter().map(|t| t.to_string()).collect();
    titles.push("Long ".repeat(100));
    for (n, title) in titles.iter().enumerate() {
        let html = news_page(&format!("Placeholder {n}"), &prose(n, 3), &[]);
        let id = add_page(
            &mut library,
            &html,
            &format!("https://news.example/{n}"),
            Filing { tags: vec!["hostile".into()], ..Default::default() },
        );
        library
            .edit_clipping(id, &ClippingEdit { title: Some(title.clone()), ..Default::default() })
            .expect("title edits");
    }
    let titles = titles.iter().map(|t| t.trim().to_string()).collect();
    (dir, library, titles)
}

#[test]
fn hostile_titles_give_safe_unique_file_names_and_literal_text() {
    let (dir, library, titles) = hostile_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, None).expect("selects");
    let out = dir.path().join("hostile");
    export_markdown(&library, &collection, &MarkdownOptions::default(), &NoImages, &out, ExportControl::silent())
        .expect("export succeeds");
    let files = files_under(&out);
    assert_eq!(files.len(), titles.len() + 1);
    let mut lower = HashSet::new();
    for file in &files {
        assert_eq!(file.components().count(), 1, "{} stays at the top of the export", file.display());
        let name = file.to_string_lossy().into_owned();
        assert!(lower.insert(name.to_lowercase()), "{name} is unique ignoring case");
        assert!(name.len() <= 255, "{name} is short enough");
        assert!(!name.starts_with('.') && !name.ends_with('.') && !name.ends_with(' '));
        assert!(!name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']), "{name} has no forbidden character");
        let stem = name.split('.').next().unwrap_or_default().to_ascii_uppercase();
        assert!(!["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str()), "{name} is not a reserved name");
    }
    assert!(files.iter().any(|f| f.to_string_lossy() == "서울 시장 선거 결과.md"), "Korean names kept: {files:?}");
    let index = parse_markdown(&std::fs::read_to_string(out.join("index.md")).expect("index"));
    let mut found = Vec::new();
    for link in &index.links {
        let parsed = parse_markdown(&std::fs::read_to_string(out.join(link)).expect("file"));
        let title = parsed.front["title"].as_str().expect("title").to_string();
        assert_eq!(parsed.headings.first(), Some(&title), "the heading prints the title literally");
        assert!(parsed.links.is_empty(), "no link was smuggled in through the title: {:?}", parsed.links);
        found.push(title);
    }
    found.sort();
    let mut expected = titles.clone();
    expected.sort();
    assert_eq!(found, expected, "every title comes back exactly from the front matter");
    for title in &titles {
        assert!(index.text.contains(title.as_str()), "index lists {title:?} literally");
    }
}

#[test]
fn a_title_starting_with_a_number_is_listed_without_a_backslash() {
    let (dir, library, _) = hostile_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, None).expect("selects");
    let out = dir.path().join("numbers");
    export_markdown(&library, &collection, &MarkdownOptions::default(), &NoImages, &out, ExportControl::silent())
        .expect("export succeeds");
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    // The regression: "[\10 Tips…]" showed its backslash in every reader.
    assert!(index.contains("- [10 Tips to Successfully Complete Online Courses](<"), "{index}");
    let file = std::fs::read_to_string(out.join("1. First things.md")).expect("the clipping's file");
    assert!(file.contains("\n# 1. First things\n"), "a heading needs no escape for a number: {file}");
    assert!(index.contains("- [1. First things](<"), "{index}");
}

#[test]
fn combined_markdown_has_contents_linking_every_section() {
    let (dir, library, titles) = hostile_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, Some("Weekly review".into()))
            .expect("selects");
    let out = dir.path().join("combined");
    let options = MarkdownOptions { combined: true, ..MarkdownOptions::default() };
    export_markdown(&library, &collection, &options, &NoImages, &out, ExportControl::silent()).expect("export");
    let files = files_under(&out);
    assert_eq!(files, vec![PathBuf::from("Weekly review.md")]);
    let source = std::fs::read_to_string(out.join("Weekly review.md")).expect("combined file");
    let parsed = parse_markdown(&source);
    assert_eq!(parsed.headings[0], "Weekly review");
    assert_eq!(parsed.headings[1], "Contents");
    assert_eq!(parsed.links.len(), titles.len() * 2, "a contents link and a URL per clipping: {:?}", parsed.links);
    for link in parsed.links.iter().filter(|l| l.starts_with('#')) {
        assert!(source.contains(&format!("<a id=\"{}\"></a>", &link[1..])), "anchor of {link}");
    }
    for title in &titles {
        assert!(parsed.headings.contains(title), "section for {title:?}");
    }
}

#[test]
fn a_failed_or_cancelled_export_leaves_nothing_and_never_overwrites() {
    let (dir, library, _) = hostile_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, None).expect("selects");
    // An existing, non-empty target is refused and left alone.
    let taken = dir.path().join("taken");
    std::fs::create_dir(&taken).expect("mkdir");
    std::fs::write(taken.join("keep.txt"), "mine").expect("write");
    let err =
        export_markdown(&library, &collection, &MarkdownOptions::default(), &NoImages, &taken, ExportControl::silent())
            .expect_err("a non-empty folder is not overwritten");
    assert_eq!(err.code(), "target_exists");
    assert_eq!(files_under(&taken), vec![PathBuf::from("keep.txt")]);
    // A missing parent folder is named.
    let err = export_markdown(
        &library,
        &collection,
        &MarkdownOptions::default(),
        &NoImages,
        &dir.path().join("no/such/place"),
        ExportControl::silent(),
    )
    .expect_err("no parent");
    assert_eq!(err.code(), "no_parent_folder");
    assert!(err.to_string().contains("no/such"), "{err}");
    // Cancelling half-way removes everything written so far.
    let cancel = AtomicBool::new(false);
    let steps = std::sync::atomic::AtomicUsize::new(0);
    let on_progress = |_p: cuttings::export::ExportProgress| {
        if steps.fetch_add(1, Ordering::SeqCst) == 4 {
            cancel.store(true, Ordering::SeqCst);
        }
    };
    let out = dir.path().join("cancelled");
    let err = export_markdown(
        &library,
        &collection,
        &MarkdownOptions::default(),
        &NoImages,
        &out,
        ExportControl::new(&on_progress, &cancel),
    )
    .expect_err("cancelled");
    assert!(matches!(err, ExportError::Cancelled));
    assert!(!out.exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".cuttings-export-")), "no staging folder left: {names:?}");
    // An empty selection is a clear error.
    let err =
        Collection::gather(&library, &Selection::Tag("nothing-here".into()), Order::Given, None).expect_err("empty");
    assert_eq!(err.code(), "empty");
    assert!(err.to_string().contains("nothing-here"), "{err}");
    // So is an id that is not a clipping.
    let err =
        Collection::gather(&library, &Selection::Ids(vec![ClippingId(999)]), Order::Given, None).expect_err("no 999");
    assert_eq!(err.code(), "not_found");
}

#[test]
fn the_inbox_and_the_whole_library_can_be_exported_and_the_trash_never_is() {
    let (dir, mut library) = temp_library();
    let folder = library.create_folder(None, "Filed").expect("folder");
    let page = |title: &str| news_page(title, &prose(title.len(), 3), &[]);
    let unfiled = add_page(&mut library, &page("Unfiled story"), "https://news.example/unfiled", Filing::default());
    let filed = Filing { folder: Some(folder), ..Filing::default() };
    let in_folder = add_page(&mut library, &page("Filed story"), "https://news.example/filed", filed);
    let trashed = add_page(&mut library, &page("Trashed story"), "https://news.example/trashed", Filing::default());
    library.trash_clippings(&[trashed]).expect("trash");
    let ids = |selection: &Selection| -> Vec<ClippingId> {
        let collection = Collection::gather(&library, selection, Order::Given, None).expect("selects");
        let mut ids: Vec<ClippingId> = collection.clippings.iter().map(|c| c.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&Selection::Inbox), vec![unfiled]);
    assert_eq!(ids(&Selection::All), vec![unfiled, in_folder]);
    let title = Collection::gather(&library, &Selection::Inbox, Order::Given, None).expect("selects").title;
    assert_eq!(title, "Inbox");
    // The command line says the same.
    let out = dir.path().join("inbox.md");
    let run = cuttings(library.path(), &["export", "--inbox", "--format", "md", "--out", out.to_str().expect("utf-8")]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("wrote 1 clippings"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A library of one clipping whose images are served by `server` at these paths.
fn library_with_served_images(
    server: &TestServer,
    paths: &[&str],
) -> (tempfile::TempDir, Library, ClippingId, crate::util::TestProxy) {
    let (dir, mut library) = temp_library();
    let images: Vec<String> = paths.iter().map(|p| format!("http://images.example{p}")).collect();
    let html = news_page("Images of every kind", &prose(1, paths.len() + 1), &images);
    let id = add_page(&mut library, &html, "https://news.example/images", Filing::default());
    // The images are on a public-looking host, played by a local proxy (the export never reaches a private one).
    let proxy = crate::util::TestProxy::start(vec![("images.example", server)]);
    (dir, library, id, proxy)
}

/// The image routes of the bad-image tests: a good PNG and JPEG, a BMP, a TIFF, garbage, an HTML error page with
/// status 200, and a 404.
fn image_routes() -> Vec<(&'static str, Reply)> {
    vec![
        ("/good.png", Reply::typed("image/png", encode(image::ImageFormat::Png, 300, 200, 10))),
        ("/good.jpg", Reply::typed("image/jpeg", encode(image::ImageFormat::Jpeg, 3000, 2250, 90))),
        ("/old.bmp", Reply::typed("image/bmp", encode(image::ImageFormat::Bmp, 120, 80, 150))),
        ("/scan.tiff", Reply::typed("image/tiff", encode(image::ImageFormat::Tiff, 120, 80, 200))),
        ("/garbage.png", Reply::typed("image/png", b"\x89PNG\r\n\x1a\nthis is not really a png".to_vec())),
        ("/error.jpg", Reply::html("<html><body>Sorry, something went wrong</body></html>")),
    ]
}

#[test]
fn bad_images_do_not_fail_a_markdown_export() {
    let server = TestServer::start(image_routes());
    let paths = ["/good.png", "/good.jpg", "/old.bmp", "/scan.tiff", "/garbage.png", "/error.jpg", "/missing.png"];
    let (dir, library, id, proxy) = library_with_served_images(&server, &paths);
    let images = cuttings::export::HttpImages::with_fetcher(proxy.fetcher()).expect("downloader");
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
    let out = dir.path().join("md");
    let report =
        export_markdown(&library, &collection, &MarkdownOptions::default(), &images, &out, ExportControl::silent())
            .expect("bad images do not fail the export");
    // The good PNG and JPEG, the BMP and the TIFF are saved; garbage that looks like a PNG too (Markdown copies
    // files as they are); the HTML page and the 404 keep their addresses.
    assert_eq!(report.images_saved, 5, "{report:?}");
    assert_eq!(report.images_missing, 2, "{report:?}");
    let assets = files_under(&out.join("assets"));
    let extensions: HashSet<String> =
        assets.iter().filter_map(|p| p.extension()).map(|e| e.to_string_lossy().into_owned()).collect();
    assert_eq!(extensions, ["png", "jpg", "bmp", "tif"].iter().map(|s| s.to_string()).collect());
    let file = files_under(&out).into_iter().find(|f| f.to_string_lossy().starts_with("Images")).expect("the file");
    let parsed = parse_markdown(&std::fs::read_to_string(out.join(file)).expect("read"));
    assert_eq!(parsed.images.len(), 7);
    assert_eq!(parsed.images.iter().filter(|i| i.starts_with("http://")).count(), 2, "{:?}", parsed.images);
}

#[test]
fn the_command_line_exports_markdown_and_explains_mistakes() {
    let (dir, mut library) = temp_library();
    let folder = library.create_folder(None, "Politics").expect("folder");
    add_fixture(&mut library, "rfa-kim-cliques", Filing { folder: Some(folder), ..Default::default() });
    drop(library);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", dir.path().join("library.db"))
            .output()
            .expect("cuttings runs")
    };
    let out = dir.path().join("politics");
    let out_str = out.to_str().expect("UTF-8");
    let done = run(&["export", "--folder", "Politics", "--format", "md", "--out", out_str, "--no-images"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stderr).contains("wrote 1 clippings"));
    assert_eq!(files_under(&out).len(), 2);
    let again = run(&["export", "--folder", "Politics", "--format", "md", "--out", out_str, "--no-images"]);
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already exists"), "{stderr}");
    let missing = run(&["export", "--folder", "Nowhere", "--format", "md", "--out", "x"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no folder Nowhere"));
    let both = run(&["export", "--folder", "Politics", "--tag", "x", "--format", "md", "--out", "x"]);
    assert!(!both.status.success(), "one selection at a time");
    let pdf = dir.path().join("politics.pdf");
    let pdf_str = pdf.to_str().expect("UTF-8");
    let args = [
        "export",
        "--ids",
        "1",
        "--format",
        "pdf",
        "--out",
        pdf_str,
        "--no-images",
        "--title",
        "Monday",
        "--group-by",
        "folder",
    ];
    let done = run(&args);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(stderr.contains("wrote 1 clippings on 3 pages"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(page_text(&pdf, 1, 1).contains("Monday"));
    assert!(page_text(&pdf, 2, 2).contains("Politics"), "grouped by folder");
    let combined_pdf = run(&["export", "--ids", "1", "--format", "pdf", "--out", "y.pdf", "--combined"]);
    assert!(String::from_utf8_lossy(&combined_pdf.stderr).contains("--combined applies to Markdown only"));
}

// ---- PDF ----

/// Runs a poppler tool and returns its standard output (its stderr may carry harmless notes about tagged PDFs).
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of page `page` (or of pages `from..=to`), bidi and joiner marks removed, white space squashed.
fn page_text(pdf: &Path, from: usize, to: usize) -> String {
    let text = poppler(
        "pdftotext",
        &["-layout", "-f", &from.to_string(), "-l", &to.to_string(), pdf.to_str().expect("UTF-8 path"), "-"],
    );
    let marks = [
        '\u{200e}', '\u{200f}', '\u{2060}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}', '\u{feff}',
    ];
    squash(&text.replace(marks, ""))
}

/// Each word of page `page` with its box in points (x0, y0, x1, y1 from the top left), from `pdftotext -bbox`.
fn word_boxes(pdf: &Path, page: usize) -> Vec<(String, f64, f64, f64, f64)> {
    let page = page.to_string();
    let xhtml = poppler("pdftotext", &["-bbox", "-f", &page, "-l", &page, pdf.to_str().expect("UTF-8 path"), "-"]);
    let attribute = |tag: &str, name: &str| -> f64 {
        let from = tag.find(&format!("{name}=\"")).expect("the attribute") + name.len() + 2;
        tag[from..from + tag[from..].find('"').expect("its end")].parse().expect("a number")
    };
    xhtml
        .split("<word ")
        .skip(1)
        .map(|word| {
            let (tag, rest) = word.split_once('>').expect("a word element");
            let text = rest.split_once("</word>").expect("its end").0.replace("&amp;", "&");
            (text, attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"), attribute(tag, "yMax"))
        })
        .collect()
}

/// The page count `pdfinfo` reports.
fn page_count(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().expect("UTF-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives a page count")
}

/// (font name, embedded) for each font `pdffonts` lists.
fn fonts_of(pdf: &Path) -> Vec<(String, bool)> {
    poppler("pdffonts", &[pdf.to_str().expect("UTF-8 path")])
        .lines()
        .skip(2)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name type... encoding emb sub uni object ID: "emb" is the fifth column from the end.
            (cols.len() >= 6).then(|| (cols[0].to_string(), cols[cols.len() - 5] == "yes"))
        })
        .collect()
}

/// (width, height) of each image `pdfimages -list` lists (soft masks left out).
fn images_of(pdf: &Path) -> Vec<(u32, u32)> {
    poppler("pdfimages", &["-list", pdf.to_str().expect("UTF-8 path")])
        .lines()
        .skip(2)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols.len() > 4 && cols[2] == "image").then(|| (cols[3].parse().unwrap_or(0), cols[4].parse().unwrap_or(0)))
        })
        .collect()
}

/// The PDF's bookmarks as (depth from 1, title, page), read with `pdftohtml -xml`.
fn bookmarks_of(pdf: &Path) -> Vec<(usize, String, usize)> {
    let xml = poppler("pdftohtml", &["-xml", "-stdout", "-i", "-q", pdf.to_str().expect("UTF-8 path")]);
    let mut depth = 0;
    let mut out = Vec::new();
    for line in xml.lines() {
        if line.starts_with("<outline") {
            depth += 1;
        } else if line.starts_with("</outline>") {
            depth -= 1;
        } else if let Some(rest) = line.strip_prefix("<item page=\"") {
            let (page, rest) = rest.split_once("\">").expect("item page");
            let title = rest.trim_end_matches("</item>");
            let title = title
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            out.push((depth, title, page.parse().expect("page number")));
        }
    }
    out
}

/// For each title in order, the page number the contents give it; panics if a title is missing or out of order.
fn contents_pages(contents: &str, titles: &[String]) -> Vec<usize> {
    let mut at = 0;
    let mut pages = Vec::new();
    for title in titles {
        let title = squash(title);
        let found =
            contents[at..].find(&title).unwrap_or_else(|| panic!("contents list {title:?} in order:\n{contents}"));
        at += found + title.len();
        let rest = contents[at..].trim_start_matches([' ', '.']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        pages.push(digits.parse().unwrap_or_else(|_| panic!("a page number after {title:?}: {rest:.40}")));
    }
    pages
}

/// Exports `collection` as a PDF into `dir` and checks the engine's report is clean.
fn export_clean_pdf(
    library: &Library,
    collection: &Collection,
    options: &PdfOptions,
    images: &dyn ImageSource,
    out: &Path,
) -> cuttings::export::PdfReport {
    let report =
        export_pdf(library, collection, options, images, out, ExportControl::silent()).expect("the PDF is made");
    assert!(report.warnings.is_empty(), "no engine warnings (unknown font family, …): {:?}", report.warnings);
    assert!(report.missing_glyphs.is_empty(), "every character has a glyph: {:?}", report.missing_glyphs);
    assert_eq!(page_count(out), report.pages);
    let fonts = fonts_of(out);
    assert!(!fonts.is_empty());
    for (name, embedded) in &fonts {
        assert!(embedded, "font {name} is embedded");
    }
    report
}

#[test]
fn pdf_of_the_fixtures_has_contents_in_order_with_right_pages_sources_notes_images_and_fonts() {
    let (dir, library, ids) = fixture_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("press".into()), Order::Published, Some("Weekly review".into()))
            .expect("selects");
    let out = dir.path().join("review.pdf");
    let options = PdfOptions { date: Some((2026, 11, 28)), ..Default::default() };
    let report = export_clean_pdf(&library, &collection, &options, &GeneratedImages, &out);
    assert_eq!(report.clippings, ids.len());
    assert!(report.pages >= ids.len() + 2, "a cover, contents and a page per clipping");
    assert_eq!(report.placeholders, 0, "every generated image is printed");

    // The cover.
    let cover = page_text(&out, 1, 1);
    assert!(cover.contains("Weekly review"), "{cover}");
    assert!(cover.contains(&format!("{} clippings", ids.len())), "{cover}");
    assert!(cover.contains("Press review of 2026-11-28"), "{cover}");
    let dates: Vec<String> =
        collection.clippings.iter().filter_map(|c| c.published.clone()).map(|p| p.chars().take(10).collect()).collect();
    let (first, last) = (dates.iter().min().expect("dated"), dates.iter().max().expect("dated"));
    assert!(cover.contains(&format!("{first} – {last}")), "the period {first} – {last} on the cover: {cover}");

    // The contents list every title in order with the page it is on.
    let first_clipping_page = report.pages - ids.len() + 1;
    let contents = page_text(&out, 2, first_clipping_page - 1);
    assert!(contents.starts_with("Weekly review Contents"), "{contents:.80}");
    let titles: Vec<String> = collection.clippings.iter().map(|c| c.title.clone()).collect();
    let pages = contents_pages(&contents, &titles);
    assert!(pages.windows(2).all(|w| w[0] < w[1]), "each clipping starts a new page: {pages:?}");
    for (summary, page) in collection.clippings.iter().zip(&pages) {
        let text = page_text(&out, *page, *page);
        let clipping = library.clipping(summary.id).expect("clipping");
        assert!(text.contains(&squash(&summary.title)), "page {page} starts {:?}: {text:.200}", summary.title);
        assert!(text.starts_with("Weekly review"), "running header on page {page}");
        assert!(text.ends_with(&page.to_string()), "page number in the footer of page {page}");
        if let Some(outlet) = &summary.site_name {
            assert!(text.contains(&squash(outlet)), "the source line names {outlet:?} on page {page}");
        }
        if let Some(day) = summary.published.as_deref().and_then(|p| p.get(..10)) {
            assert!(text.contains(day), "the source line dates page {page}");
        }
        assert!(text.contains(&squash(&summary.url)) || summary.url.len() > 80, "the URL on page {page}");
        assert!(text.contains("Notes") && text.contains(&clipping.notes[0].body), "the note on page {page}");
        assert!(text.contains("Tags: lang-"), "the tags on page {page}");
    }
    // Every script renders: the first words of each non-Latin fixture come back from the PDF.
    for (name, id) in &ids {
        let clipping = library.clipping(*id).expect("clipping");
        let index = collection.clippings.iter().position(|c| c.id == *id).expect("in the review");
        let page = pages[index];
        let next = pages.get(index + 1).map_or(report.pages, |p| p - 1);
        // Without spaces: lines of Chinese or Japanese text break anywhere.
        let text = page_text(&out, page, next).replace(' ', "");
        let words: Vec<&str> = clipping.text.split_whitespace().filter(|w| w.chars().count() > 1).take(3).collect();
        for word in words {
            let word = word.trim_matches(|c: char| c.is_ascii_punctuation() || "«»“”„".contains(c));
            if !word.is_empty() && !name.starts_with("ar-") && !name.starts_with("he-") {
                assert!(text.contains(word), "{name}: {word:?} on pages {page}–{next}");
            }
        }
    }
    let fonts = fonts_of(&out);
    assert!(fonts.iter().any(|(n, _)| n.contains("CJK")), "a CJK font is embedded: {fonts:?}");
    assert!(fonts.iter().any(|(n, _)| n.contains("Arabic")), "an Arabic font is embedded: {fonts:?}");
    let images = images_of(&out);
    assert_eq!(images.len(), report.images, "pdfimages lists every printed image");
    assert!(report.images >= 3, "the fixtures' figures are printed");
}

#[test]
fn every_script_renders_in_the_pdf_with_its_own_font() {
    let (dir, mut library) = temp_library();
    let lines = [
        ("ko", "서울시는 한강공원에 야간 자전거 대여소를 새로 연다"),
        ("ja", "商店街の空き店舗に子ども食堂が開所した"),
        ("zh", "第二座跨江大桥将于五月底通车"),
        ("ar", "خطة لتوسيع الميناء التجاري"),
        ("he", "בית הספר החדש ייפתח בזמן"),
        ("el", "Το νέο λιμάνι του Ηρακλείου ανοίγει σήμερα"),
        ("ru", "Три дома на улице Гагарина живут без отопления"),
    ];
    let mut ids = Vec::new();
    for (n, (lang, line)) in lines.iter().enumerate() {
        let paragraphs: Vec<String> = (0..4).map(|k| format!("{line} {k}.")).collect();
        let html = news_page(line, &paragraphs, &[]).replace("lang=\"en\"", &format!("lang=\"{lang}\""));
        ids.push(add_page(&mut library, &html, &format!("https://news.example/script/{n}"), Filing::default()));
    }
    let collection =
        Collection::gather(&library, &Selection::Ids(ids), Order::Given, Some("Scripts".into())).expect("selects");
    let out = dir.path().join("scripts.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &NoImages, &out);
    let all = page_text(&out, 1, report.pages);
    for (lang, line) in &lines {
        for word in line.split_whitespace() {
            let found = all.contains(word) || all.contains(&word.chars().rev().collect::<String>());
            assert!(found, "{lang}: {word:?} comes back from the PDF");
        }
    }
    let fonts = fonts_of(&out);
    for family in ["CJKkr", "CJKjp", "CJKsc", "Arabic"] {
        assert!(fonts.iter().any(|(n, _)| n.contains(family)), "{family} font embedded: {fonts:?}");
    }
}

#[test]
fn hostile_titles_and_text_print_literally_in_the_pdf() {
    let (dir, mut library, titles) = hostile_library();
    // A page whose body holds typst markup, deep nesting and a huge table.
    let deep = format!("{}deep inside{}", "<blockquote><ul><li>".repeat(300), "</li></ul></blockquote>".repeat(300));
    let wide = format!("<table><tr>{}</tr></table>", "<td>cell</td>".repeat(400));
    let html = format!(
        "<html><head><title>Markup</title></head><body><article><h1>Markup</h1>\
         <p>#read(\"/etc/passwd\") #panic(\"x\") $x^2$ &lt;l&gt; @r = not a heading</p>\
         <p>{}</p>{deep}{wide}</article></body></html>",
        prose(1, 1)[0]
    );
    add_page(
        &mut library,
        &html,
        "https://news.example/markup",
        Filing { tags: vec!["hostile".into()], ..Default::default() },
    );
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, Some("#panic(\"cover\")".into()))
            .expect("selects");
    let out = dir.path().join("hostile.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &NoImages, &out);
    let all = page_text(&out, 1, report.pages);
    for title in &titles {
        assert!(all.contains(&squash(title)), "{title:?} printed literally");
    }
    assert!(all.contains("#panic(\"cover\")"));
    assert!(all.contains("#read(\"/etc/passwd\") #panic(\"x\") $x^2$ <l> @r = not a heading"), "{all:.3000}");
    assert!(!all.contains("root:x:0:0"), "no file was read");
    assert!(all.contains("deep inside"));
}

#[test]
fn bad_images_become_placeholders_and_good_ones_are_embedded_scaled() {
    let server = TestServer::start(image_routes());
    let paths = ["/good.png", "/good.jpg", "/old.bmp", "/scan.tiff", "/garbage.png", "/error.jpg", "/missing.png"];
    let (dir, library, id, proxy) = library_with_served_images(&server, &paths);
    let images = cuttings::export::HttpImages::with_fetcher(proxy.fetcher()).expect("downloader");
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
    let out = dir.path().join("images.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &images, &out);
    assert_eq!((report.images, report.placeholders), (4, 3), "{report:?}");
    let listed = images_of(&out);
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(listed.contains(&(300, 200)), "the PNG as it was: {listed:?}");
    assert!(listed.contains(&(1600, 1200)), "the 3000×2250 JPEG scaled to 1600 pixels: {listed:?}");
    assert!(listed.contains(&(120, 80)), "BMP and TIFF converted: {listed:?}");
    let all = page_text(&out, 1, report.pages);
    assert_eq!(all.matches("Image not available").count(), 3, "{all}");
    for n in 0..paths.len() {
        assert!(all.contains(&format!("Caption of picture {n}.")), "caption {n} kept");
    }
}

/// Whether every in-use entry of the PDF's cross-reference table points at its object, and every stream is as long
/// as its `/Length` says (poppler mends a broken table silently, so it cannot tell).
fn table_and_streams_hold(pdf: &[u8]) -> Result<(), String> {
    let find = |from: usize, to: usize, what: &[u8]| {
        pdf[from..to].windows(what.len()).position(|w| w == what).map(|p| from + p)
    };
    let rfind = |to: usize, what: &[u8]| pdf[..to].windows(what.len()).rposition(|w| w == what);
    let number = |at: usize| -> Option<usize> {
        let digits: String = pdf[at..].iter().take_while(|b| b.is_ascii_digit()).map(|b| *b as char).collect();
        digits.parse().ok()
    };
    let start = rfind(pdf.len(), b"startxref\n").and_then(|at| number(at + 10)).ok_or("no startxref")?;
    if !pdf[start..].starts_with(b"xref\n") {
        return Err("no table at startxref".into());
    }
    let first = number(start + 5).ok_or("no subsection")?;
    let count_at = find(start + 5, pdf.len(), b" ").ok_or("no count")? + 1;
    let count = number(count_at).ok_or("no count")?;
    let entries = find(count_at, pdf.len(), b"\n").ok_or("no entries")? + 1;
    for i in 0..count {
        let entry = &pdf[entries + 20 * i..entries + 20 * (i + 1)];
        let offset = number(entries + 20 * i).ok_or("bad entry")?;
        if entry[17] == b'n' && !pdf[offset..].starts_with(format!("{} 0 obj", first + i).as_bytes()) {
            return Err(format!("object {} is not at {offset}", first + i));
        }
    }
    let mut at = 0;
    while let Some(found) = find(at, start, b">>\nstream\n") {
        let data = found + b">>\nstream\n".len();
        let key = rfind(data, b"/Length ").ok_or("a stream without a length")?;
        let length = number(key + 8).ok_or("a stream without a length")?;
        if !pdf[data + length..].starts_with(b"\nendstream") {
            return Err(format!("the stream at {data} is not {length} bytes long"));
        }
        at = data + length;
    }
    Ok(())
}

#[test]
fn photographs_reach_the_pdf_byte_for_byte_in_a_sound_file() {
    let photo = encode(image::ImageFormat::Jpeg, 1200, 800, 60);
    let server = TestServer::start(vec![
        ("/photo.jpg", Reply::typed("image/jpeg", photo.clone())),
        ("/chart.png", Reply::typed("image/png", encode(image::ImageFormat::Png, 300, 200, 10))),
        ("/photo-again.jpg", Reply::typed("image/jpeg", photo.clone())),
    ]);
    let (dir, library, id, proxy) =
        library_with_served_images(&server, &["/photo.jpg", "/chart.png", "/photo-again.jpg"]);
    let images = cuttings::export::HttpImages::with_fetcher(proxy.fetcher()).expect("downloader");
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
    let out = dir.path().join("photos.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &images, &out);
    assert_eq!((report.images, report.placeholders), (3, 0), "{report:?}");
    assert_eq!(images_of(&out), vec![(1200, 800), (300, 200), (1200, 800)]);
    let pdf = std::fs::read(&out).expect("read the PDF");
    table_and_streams_hold(&pdf).expect("a sound PDF");
    // The JPEGs as served, once per address: `pdfimages -j` writes each JPEG stream out as it is.
    let extracted = dir.path().join("extracted");
    std::fs::create_dir(&extracted).expect("mkdir");
    poppler("pdfimages", &["-j", out.to_str().expect("UTF-8"), extracted.join("img").to_str().expect("UTF-8")]);
    let mut jpegs: Vec<Vec<u8>> = std::fs::read_dir(&extracted)
        .expect("list")
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    jpegs.sort_by_key(Vec::len);
    assert_eq!(jpegs.len(), 3, "two photographs and the chart, converted to JPEG");
    assert_eq!(jpegs.iter().filter(|j| **j == photo).count(), 2, "each photograph byte for byte");
    let text = page_text(&out, 1, report.pages);
    for n in 0..3 {
        assert!(text.contains(&format!("Caption of picture {n}.")), "caption {n}: {text}");
    }
}

#[test]
fn pdf_contents_grouped_by_folder_or_outlet() {
    let (dir, library, _) = fixture_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("press".into()), Order::Published, None).expect("selects");
    for (grouping, groups) in [
        (Grouping::Folder, vec!["Inbox", "World", "World / Asia", "World / Europe"]),
        (Grouping::Outlet, vec!["Alpine Dispatch"]),
    ] {
        let out = dir.path().join(format!("{grouping:?}.pdf"));
        let options = PdfOptions { grouping, ..Default::default() };
        let report = export_clean_pdf(&library, &collection, &options, &NoImages, &out);
        let contents = page_text(&out, 2, report.pages - collection.clippings.len());
        for name in &groups {
            assert!(contents.contains(name), "{grouping:?}: group {name:?} in the contents: {contents:.600}");
        }
        if grouping == Grouping::Folder {
            let at = |s: &str| contents.find(s).unwrap_or_else(|| panic!("{s} in contents"));
            assert!(at("Inbox") < at("World / Asia") && at("World / Asia") < at("World / Europe"), "tree order");
            // The PDF bookmarks: each group, with its clippings nested under it, on the pages the contents give.
            let bookmarks = bookmarks_of(&out);
            assert_eq!(bookmarks.len(), groups.len() + collection.clippings.len(), "{bookmarks:?}");
            for name in &groups {
                assert!(bookmarks.iter().any(|(depth, title, _)| *depth == 1 && title == name), "group {name}");
            }
            for clipping in &collection.clippings {
                let (_, _, page) = bookmarks
                    .iter()
                    .find(|(depth, title, _)| *depth == 2 && squash(title) == squash(&clipping.title))
                    .unwrap_or_else(|| panic!("a bookmark for {:?}: {bookmarks:?}", clipping.title));
                assert!(
                    page_text(&out, *page, *page).contains(&squash(&clipping.title)),
                    "bookmark page of {}",
                    clipping.title
                );
            }
        }
    }
}

/// A note the PDF must print as the reader shows it: a link, a table, nested lists, code and typed HTML.
const RICH_NOTE: &str = "Call **Kim** about the [figures](https://stats.example/t).

| Party | Seats |
|:------|------:|
| Blue  | 151   |
| Red   | 149   |

- Budget
  - Roads
  - Schools
- Library

```
let total = 300;
```

<script>alert(1)</script>";

#[test]
fn a_note_with_a_table_and_a_nested_list_prints_as_the_reader_shows_it() {
    let (dir, mut library) = temp_library();
    let html = news_page("Notes in print", &prose(3, 2), &[]);
    let id = add_page(&mut library, &html, "https://news.example/notes", Filing::default());
    library.add_note(id, RICH_NOTE).expect("the note saves");
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
    let out = dir.path().join("notes.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &NoImages, &out);
    let text = page_text(&out, 3, report.pages);
    assert!(text.contains("Call Kim about the figures."), "the note's text, without its markup: {text:.2000}");
    assert!(!text.contains("**") && !text.contains("](https"), "{text:.2000}");
    assert!(text.contains("let total = 300;"), "the code block: {text:.2000}");
    assert!(text.contains("<script>alert(1)</script>"), "typed HTML prints as text: {text:.2000}");
    // Laid out: the table's cells side by side, the nested items further in than their parent.
    let layout = poppler(
        "pdftotext",
        &["-layout", "-f", "3", "-l", &report.pages.to_string(), out.to_str().expect("UTF-8 path"), "-"],
    );
    let line_with = |word: &str| {
        layout.lines().find(|l| l.contains(word)).unwrap_or_else(|| panic!("a line with {word}: {layout}")).to_string()
    };
    for (left, right) in [("Party", "Seats"), ("Blue", "151"), ("Red", "149")] {
        let line = line_with(left);
        assert!(line.contains(right), "{left} and {right} on one row of the table: {line:?}");
    }
    let column = |word: &str| line_with(word).find(word).expect("found on its line");
    assert!(column("Roads") > column("Budget"), "Roads is nested under Budget:\n{layout}");
    assert_eq!(column("Roads"), column("Schools"));
    assert_eq!(column("Budget"), column("Library"));
    // The same renderer made the reader's HTML: the same table and lists.
    let reader = cuttings::markdown::render_note(RICH_NOTE);
    assert!(reader.contains("<td>Blue</td>") && reader.contains("<ul>\n<li>Roads</li>"), "{reader}");
    assert!(reader.contains("&lt;script&gt;") && !reader.contains("<script"), "{reader}");
}

#[test]
fn a_cancelled_pdf_export_writes_nothing() {
    let (dir, library, _) = hostile_library();
    let collection =
        Collection::gather(&library, &Selection::Tag("hostile".into()), Order::Given, None).expect("selects");
    let cancel = AtomicBool::new(true);
    let out = dir.path().join("never.pdf");
    let err = export_pdf(
        &library,
        &collection,
        &PdfOptions::default(),
        &NoImages,
        &out,
        ExportControl::new(&|_| {}, &cancel),
    )
    .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert!(!out.exists());
    std::fs::write(&out, "mine").expect("write");
    let err = export_pdf(&library, &collection, &PdfOptions::default(), &NoImages, &out, ExportControl::silent())
        .expect_err("never overwrites");
    assert_eq!(err.code(), "target_exists");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "mine");
}

#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_nothing() {
    // A 48 KB file system: needs the right to mount (root, as in CI); the mapping of "no space left" itself is
    // also checked by the unit tests of `export::error`.
    let (dir, library, _) = fixture_library();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=48k", "tmpfs", small.to_str().expect("UTF-8")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!(
            "a_full_disk_gives_a_clear_error_and_leaves_nothing: cannot mount a small file system here (not root)"
        );
        return;
    }
    let collection =
        Collection::gather(&library, &Selection::Tag("press".into()), Order::Published, None).expect("selects");
    let pdf = export_pdf(
        &library,
        &collection,
        &PdfOptions::default(),
        &GeneratedImages,
        &small.join("r.pdf"),
        ExportControl::silent(),
    );
    let md = export_markdown(
        &library,
        &collection,
        &MarkdownOptions::default(),
        &GeneratedImages,
        &small.join("md"),
        ExportControl::silent(),
    );
    let left: Vec<_> = std::fs::read_dir(&small).expect("read").flatten().map(|e| e.file_name()).collect();
    let _ = Command::new("umount").arg(&small).status();
    for result in [pdf.map(|_| ()), md.map(|_| ())] {
        let err = result.expect_err("the disk is too small");
        assert_eq!(err.code(), "disk_full", "{err}");
        assert!(err.to_string().contains("the disk is full"), "{err}");
    }
    assert!(left.is_empty(), "nothing left on the full disk: {left:?}");
}

// ---- Hostile images ----

/// A PNG of `width`×`height` pixels that is small on disk however large it is: grey, one bit per pixel, or RGB in
/// flat colour, compressed.
fn huge_png(width: u32, height: u32, rgb: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    if rgb {
        encoder.set_color(png::ColorType::Rgb);
    } else {
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
    }
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().expect("PNG header");
    let mut stream = writer.stream_writer().expect("PNG stream");
    let row: Vec<u8> = if rgb {
        (0..width).flat_map(|x| [30, (x / 32 % 256) as u8, 160]).collect()
    } else {
        vec![0b1010_1010; width.div_ceil(8) as usize]
    };
    for _ in 0..height {
        std::io::Write::write_all(&mut stream, &row).expect("PNG row");
    }
    stream.finish().expect("PNG end");
    drop(writer);
    out
}

/// An SVG drawing with `body` inside its root element.
fn svg(body: &str) -> Vec<u8> {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">{body}</svg>"#
    )
    .into_bytes()
}

/// The 1.5 KB drawing of eight levels of ten nested `<use>` references (a hundred million circles once expanded).
fn use_bomb() -> Vec<u8> {
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let mut body = String::from(r#"<defs><circle id="a" r="1"/>"#);
    for level in 1..ids.len() {
        body.push_str(&format!("<g id=\"{}\">", ids[level]));
        body.push_str(&format!("<use href=\"#{}\"/>", ids[level - 1]).repeat(10));
        body.push_str("</g>");
    }
    body.push_str(r##"</defs><use href="#i"/>"##);
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">{body}</svg>"#).into_bytes()
}

/// Exports clipping `id` of the library in `dir` as a PDF with the command line (which downloads the images through
/// `proxy`, given to it as `ALL_PROXY`), and
/// returns the PDF's path and the peak resident memory of that process in MB. GNU `time` measures it: a child
/// spawned by this (large, multi-threaded) test process would report the test's own memory as its peak, since
/// Linux keeps the high-water mark of the address space it replaced at `exec`.
fn pdf_by_command_line(dir: &Path, id: ClippingId, proxy: &crate::util::TestProxy) -> (PathBuf, u64) {
    let out = dir.join("hostile.pdf");
    let measured = dir.join("peak-kb");
    let run = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", measured.to_str().expect("UTF-8")])
        .arg(env!("CARGO_BIN_EXE_cuttings"))
        .args(["export", "--ids", &id.0.to_string(), "--format", "pdf", "--out", out.to_str().expect("UTF-8")])
        .env("CUTTINGS_LIBRARY", dir.join("library.db"))
        .env("ALL_PROXY", proxy.url().as_str())
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap_or_else(|e| panic!("/usr/bin/time runs (apt-get install time): {e}"));
    assert!(run.status.success(), "the export succeeds: {}", String::from_utf8_lossy(&run.stderr));
    let peak_kb: u64 = std::fs::read_to_string(&measured)
        .ok()
        .and_then(|text| text.lines().last().and_then(|line| line.trim().parse().ok()))
        .expect("time wrote the peak in KB");
    let peak_mb = peak_kb / 1024;
    eprintln!("export with hostile images: peak resident memory {peak_mb} MB");
    (out, peak_mb)
}

/// Peak memory allowed to a one-clipping export with hostile images (70 MB now; the old code took 810 MB in a
/// debug build for the four PNGs, and failed on the bomb).
const HOSTILE_EXPORT_MB: u64 = 300;

#[test]
fn four_8000_pixel_pngs_are_scaled_down_in_the_pdf_with_bounded_memory() {
    // Four 64-megapixel PNGs of about 300 KB each: decoded whole, each would take 192 MB and more to scale.
    let png = huge_png(8000, 8000, true);
    let routes: Vec<(String, Reply)> =
        (0..4).map(|n| (format!("/huge{n}.png"), Reply::typed("image/png", png.clone()))).collect();
    let server = TestServer::start(routes.iter().map(|(p, r)| (p.as_str(), r.clone())).collect());
    let paths: Vec<&str> = routes.iter().map(|(p, _)| p.as_str()).collect();
    let (dir, library, id, proxy) = library_with_served_images(&server, &paths);
    drop(library);
    let (pdf, peak_mb) = pdf_by_command_line(dir.path(), id, &proxy);
    assert_eq!(images_of(&pdf), vec![(1600, 1600); 4], "each PNG scaled to 1600 pixels");
    assert!(peak_mb <= HOSTILE_EXPORT_MB, "peak memory {peak_mb} MB, at most {HOSTILE_EXPORT_MB} MB");
}

#[test]
fn an_svg_embedding_a_huge_png_and_a_use_bomb_become_placeholders_not_a_failed_export() {
    use base64::Engine as _;
    // 30000×30000 pixels in 110 KB: 3.6 GB once decoded.
    let huge = base64::engine::general_purpose::STANDARD.encode(huge_png(30_000, 30_000, false));
    let embedding = svg(&format!(r#"<image width="200" height="100" href="data:image/png;base64,{huge}"/>"#));
    let bomb = use_bomb();
    assert!(bomb.len() < 1700, "a 1.5 KB bomb: {} bytes", bomb.len());
    let logo = svg(r##"<rect width="200" height="100" fill="#c03020"/><text x="10" y="50">Logo</text>"##);
    let server = TestServer::start(vec![
        ("/embedding.svg", Reply::typed("image/svg+xml", embedding)),
        ("/bomb.svg", Reply::typed("image/svg+xml", bomb)),
        ("/logo.svg", Reply::typed("image/svg+xml", logo)),
    ]);
    let (dir, library, id, proxy) = library_with_served_images(&server, &["/embedding.svg", "/bomb.svg", "/logo.svg"]);
    drop(library);
    let (pdf, peak_mb) = pdf_by_command_line(dir.path(), id, &proxy);
    assert_eq!(images_of(&pdf), vec![(400, 200)], "only the clean drawing is drawn, at twice its size");
    let text = page_text(&pdf, 1, page_count(&pdf));
    assert_eq!(text.matches("Image not available").count(), 2, "{text}");
    for n in 0..3 {
        assert!(text.contains(&format!("Caption of picture {n}.")), "caption {n} kept");
    }
    assert!(peak_mb <= HOSTILE_EXPORT_MB, "peak memory {peak_mb} MB, at most {HOSTILE_EXPORT_MB} MB");
}

/// The drawings that must never be kept: script behind a character reference, embedded HTML, an event handler,
/// and a reference to an outside file.
fn unsafe_svgs() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("/entity.svg", svg(r#"<a href="&#106;avascript:alert(1)"><text y="20">click</text></a>"#)),
        (
            "/foreign.svg",
            svg(
                r#"<foreignObject width="100" height="50"><body xmlns="http://www.w3.org/1999/xhtml">x</body></foreignObject>"#,
            ),
        ),
        ("/onload.svg", svg(r#"<rect width="10" height="10" onload="alert(1)"/>"#)),
        ("/external.svg", svg(r#"<image width="10" height="10" href="https://tracker.example/pixel.png"/>"#)),
    ]
}

#[test]
fn unsafe_svgs_are_refused_by_the_one_sniffer_and_never_reach_markdown_assets() {
    for (name, bytes) in unsafe_svgs() {
        assert!(cuttings::images::sniff(&bytes).is_err(), "{name} is refused");
        assert!(cuttings::images::sniff_image(&bytes).is_err(), "{name} is refused when saving");
        assert!(!LoadedImage::new(bytes).kind.is_image(), "{name} is no image to the export");
    }
    let clean = svg(r##"<rect width="200" height="100" fill="#2040c0"/>"##);
    let mut routes: Vec<(&str, Reply)> =
        unsafe_svgs().into_iter().map(|(path, bytes)| (path, Reply::typed("image/svg+xml", bytes))).collect();
    routes.push(("/clean.svg", Reply::typed("image/svg+xml", clean.clone())));
    let server = TestServer::start(routes);
    let paths = ["/entity.svg", "/foreign.svg", "/onload.svg", "/external.svg", "/clean.svg"];
    let (dir, library, id, proxy) = library_with_served_images(&server, &paths);
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");
    let images = cuttings::export::HttpImages::with_fetcher(proxy.fetcher()).expect("downloader");
    let out = dir.path().join("md");
    let report =
        export_markdown(&library, &collection, &MarkdownOptions::default(), &images, &out, ExportControl::silent())
            .expect("exports");
    assert_eq!((report.images_saved, report.images_missing), (1, 4), "{report:?}");
    let assets = files_under(&out.join("assets"));
    assert_eq!(assets.len(), 1, "{assets:?}");
    assert_eq!(std::fs::read(out.join("assets").join(&assets[0])).expect("the saved drawing"), clean);
    // The PDF of the same clipping prints placeholders for the four and draws the clean one.
    let pdf = dir.path().join("svgs.pdf");
    let report = export_pdf(&library, &collection, &PdfOptions::default(), &images, &pdf, ExportControl::silent())
        .expect("the PDF is made");
    assert_eq!((report.images, report.placeholders), (1, 4), "{report:?}");
}

/// Highlights in the Markdown export: marked in the text (`==…==` or `<mark>`), comments as footnotes, listed in
/// the front matter and in a "Highlights" section, and read back by a CommonMark parser with footnotes.
#[test]
fn markdown_marks_highlighted_passages_with_their_comments_as_footnotes() {
    use cuttings::store::{Colour, NewHighlight};
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let (dir, mut library) = temp_library();
    let text = "The council met on Monday. It voted for the budget, and later for the harbour.";
    let id = crate::store::add(&mut library, crate::store::new_clipping("https://news.example/a", "Council", text));
    let with_comment = NewHighlight {
        quote: "voted for the budget".into(),
        colour: Colour::Green,
        comment: Some("Check the *figures*.".into()),
        ..NewHighlight::default()
    };
    library.add_highlight(id, &with_comment).expect("highlighted");
    library
        .add_highlight(id, &NewHighlight { quote: "met on Monday".into(), ..NewHighlight::default() })
        .expect("highlighted");
    let collection = Collection::gather(&library, &Selection::Ids(vec![id]), Order::Given, None).expect("selects");

    let out = dir.path().join("md");
    export_markdown(&library, &collection, &MarkdownOptions::default(), &NoImages, &out, ExportControl::silent())
        .expect("export");
    let source = std::fs::read_to_string(out.join("Council.md")).expect("the clipping's file");
    assert!(source.contains("The council ==met on Monday==. It ==voted for the budget==[^h1], and"), "{source}");
    assert!(source.contains("highlights:\n  - text: \"met on Monday\"\n    colour: yellow\n"), "{source}");
    assert!(source.contains("    comment: \"Check the *figures*.\"\n"), "{source}");
    assert!(source.contains("\n## Highlights\n\n> met on Monday\n"), "{source}");
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_FOOTNOTES;
    let events: Vec<Event> = Parser::new_ext(&source, options).collect();
    let footnotes: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(footnotes, ["h1"]);
    assert!(events.iter().any(|e| matches!(e, Event::FootnoteReference(label) if label.as_ref() == "h1")));

    let html_out = dir.path().join("md-html");
    let options = MarkdownOptions { mark: cuttings::export::MarkStyle::Html, ..MarkdownOptions::default() };
    export_markdown(&library, &collection, &options, &NoImages, &html_out, ExportControl::silent()).expect("export");
    let source = std::fs::read_to_string(html_out.join("Council.md")).expect("the clipping's file");
    assert!(source.contains("It <mark class=\"green\">voted for the budget</mark>[^h1]"), "{source}");
}

/// Highlights in the press review: a "Key passages" block under the source line, each passage with its comment,
/// drawn in its colour (found in the rendered page); and the digest, which prints them without the article.
#[test]
fn key_passages_print_in_their_colours_and_the_digest_leaves_out_the_articles() {
    use cuttings::store::{Colour, NewHighlight};
    let (dir, mut library) = temp_library();
    let html = news_page("Harbour vote", &prose(7, 3), &[]);
    let id = add_page(&mut library, &html, "https://news.example/harbour", Filing::default());
    let text = library.clipping(id).expect("clipping").text;
    let passage: String = text.split_whitespace().skip(3).take(6).collect::<Vec<_>>().join(" ");
    let highlight = NewHighlight {
        quote: passage.clone(),
        colour: Colour::Green,
        comment: Some("Quote this in the briefing.".into()),
        occurrence: Some(1),
    };
    library.add_highlight(id, &highlight).expect("highlighted");
    let other = add_page(
        &mut library,
        &news_page("Ferry strike", &prose(9, 3), &[]),
        "https://news.example/ferry",
        Filing::default(),
    );
    let collection =
        Collection::gather(&library, &Selection::Ids(vec![id, other]), Order::Given, None).expect("selects");

    let out = dir.path().join("review.pdf");
    let report = export_clean_pdf(&library, &collection, &PdfOptions::default(), &NoImages, &out);
    let printed = page_text(&out, 3, report.pages);
    assert!(printed.contains("Key passages"), "{printed:.1500}");
    assert!(printed.contains(&passage), "the passage: {printed:.1500}");
    assert!(printed.contains("Quote this in the briefing."), "its comment: {printed:.1500}");
    // The green wash (#d3f9d8) is drawn on the clipping's first page.
    let png = dir.path().join("page");
    poppler(
        "pdftoppm",
        &["-f", "3", "-l", "3", "-r", "40", "-png", out.to_str().expect("UTF-8 path"), png.to_str().expect("UTF-8")],
    );
    let rendered = std::fs::read_dir(dir.path())
        .expect("the folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("the rendered page");
    let image = image::open(&rendered).expect("a PNG").to_rgb8();
    let green =
        image.pixels().filter(|p| p.0[1] > 240 && p.0[0] > 200 && p.0[0] < 220 && p.0[2] > 205 && p.0[2] < 225).count();
    assert!(green > 50, "the passage's green wash is on the page ({green} pixels)");

    // In the article too: the passage's words there (its second place on the page, after "Key passages") sit on
    // the green wash, the words after it do not, and its comment's number leads to the end note after the article.
    let words = word_boxes(&out, 3);
    let passage_words: Vec<&str> = passage.split_whitespace().collect();
    // The last word is followed by the comment's number, glued to it by pdftotext.
    let leading = &passage_words[..passage_words.len() - 1];
    let places: Vec<usize> = (0..words.len().saturating_sub(leading.len()))
        .filter(|&at| words[at..at + leading.len()].iter().map(|w| w.0.as_str()).eq(leading.iter().copied()))
        .collect();
    assert!(places.len() >= 2, "the passage is under Key passages and in the article: {places:?}");
    let in_article = places[1];
    assert_eq!(words[in_article + leading.len()].0, format!("{}1", passage_words[leading.len()]), "the number");
    let page = dir.path().join("article");
    poppler(
        "pdftoppm",
        &["-f", "3", "-l", "3", "-r", "72", "-png", out.to_str().expect("UTF-8 path"), page.to_str().expect("UTF-8")],
    );
    let page = image::open(dir.path().join("article-3.png")).expect("the page at 72 dpi").to_rgb8();
    let washed = |word: &(String, f64, f64, f64, f64)| {
        let (x0, y0, x1, y1) = (word.1 as u32, word.2 as u32, word.3 as u32, word.4 as u32);
        let mut wash = 0;
        for y in y0..=y1.min(page.height() - 1) {
            for x in x0..=x1.min(page.width() - 1) {
                let [r, g, b] = page.get_pixel(x, y).0;
                wash += usize::from(g > 240 && (200..=220).contains(&r) && (205..=225).contains(&b));
            }
        }
        wash as f64 / f64::from((x1 - x0 + 1) * (y1 - y0 + 1))
    };
    for word in &words[in_article..in_article + leading.len()] {
        assert!(washed(word) > 0.2, "{:?} in the article is on the green wash ({:.2})", word.0, washed(word));
    }
    let after = &words[in_article + passage_words.len() + 2];
    assert!(washed(after) < 0.05, "{:?} after the passage is not washed ({:.2})", after.0, washed(after));
    let printed_all = page_text(&out, 3, report.pages);
    let notes_at = printed_all.find("Comments on highlighted passages").expect("the end notes");
    assert!(printed_all[notes_at..].contains("Quote this in the briefing."), "{printed_all:.3000}");

    let digest = dir.path().join("digest.pdf");
    let options = PdfOptions { digest: true, ..PdfOptions::default() };
    let report = export_clean_pdf(&library, &collection, &options, &NoImages, &digest);
    assert_eq!(report.pages, 3, "a digest runs its clippings on: cover, contents, one page");
    let printed = page_text(&digest, 3, report.pages);
    assert!(printed.contains(&passage) && printed.contains("Quote this in the briefing."), "{printed:.1500}");
    assert!(printed.contains("Harbour vote") && printed.contains("Ferry strike"), "{printed:.1500}");
    let elsewhere: String =
        text.split_whitespace().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" ");
    assert!(!printed.contains(&elsewhere), "the digest leaves out the article: {printed:.1500}");
}
