//! The extraction fixture pairs (STYLE 13): every folder `tests/fixtures/<case>/` holds `page.html` (the bytes
//! as served) and `expected.json`; one test decodes and extracts each page and checks what
//! `../shared/fixtures/check.py` checks, reporting every failure of every fixture together.
//!
//! With `CUTTINGS_REGENERATE_FIXTURES=1` the test instead writes what the extractor now finds into each
//! `expected.json` (metadata and body blocks; `may_contain`, `must_not_contain` and notes are kept) for review
//! with `git diff` after a deliberate change.

use cuttings_extract::{Article, extract};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use url::Url;

/// Text after removing the title, body blocks and allowed extras may keep this many characters (as `check.py`).
const MAX_EXTRA_CHARS: usize = 40;

/// The environment variable that switches the test to regenerating `expected.json`.
const REGENERATE_VAR: &str = "CUTTINGS_REGENERATE_FIXTURES";

/// Whitespace collapsed and no-break spaces made plain, as `check.py` does (the fixtures are written in NFC).
fn norm(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fixture folders, sorted.
fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("reading {}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// A string field of `expected.json`, normalised; `None` when absent or empty.
fn field(exp: &Value, key: &str) -> Option<String> {
    exp.get(key).and_then(Value::as_str).map(norm).filter(|s| !s.is_empty())
}

/// A list-of-strings field of `expected.json`, normalised.
fn list(exp: &Value, key: &str) -> Vec<String> {
    exp.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(norm).collect())
        .unwrap_or_default()
}

/// Everything wrong with `got` against `exp`, one message per failed check.
fn check(exp: &Value, got: &Article) -> Vec<String> {
    let mut fails = Vec::new();
    let opt = |v: &Option<String>| norm(v.as_deref().unwrap_or(""));
    let title = field(exp, "title").unwrap_or_default();
    if norm(&got.title) != title {
        fails.push(format!("title: expected {title:?}, got {:?}", got.title));
    }
    if let Some(want) = field(exp, "byline").filter(|w| !opt(&got.byline).contains(w.as_str())) {
        fails.push(format!("byline: expected to contain {want:?}, got {:?}", got.byline));
    }
    if let Some(want) = field(exp, "published").filter(|w| !opt(&got.published).starts_with(w.as_str())) {
        fails.push(format!("published: expected {want}..., got {:?}", got.published));
    }
    if let Some(want) = field(exp, "site_name").filter(|w| opt(&got.site_name) != *w) {
        fails.push(format!("site_name: expected {want:?}, got {:?}", got.site_name));
    }
    if let Some(want) = field(exp, "lang").filter(|w| !opt(&got.lang).to_lowercase().starts_with(w.as_str())) {
        fails.push(format!("lang: expected {want:?}, got {:?}", got.lang));
    }
    if let Some(want) = field(exp, "kind").filter(|w| got.kind.as_str() != w) {
        fails.push(format!("kind: expected {want:?}, got {:?}", got.kind.as_str()));
    }
    if let Some(want) = field(exp, "lead_image").filter(|w| opt(&got.lead_image) != *w) {
        fails.push(format!("lead_image: expected {want:?}, got {:?}", got.lead_image));
    }

    let text = norm(&got.text);
    let body = list(exp, "body_blocks");
    let mut pos = 0;
    for block in &body {
        match text.get(pos..).and_then(|rest| rest.find(block.as_str())) {
            Some(at) => pos += at + block.len(),
            None => {
                let short: String = block.chars().take(70).collect();
                let where_ = if text.contains(block.as_str()) { "out of order" } else { "missing" };
                fails.push(format!("body block {where_}: {short:?}"));
            }
        }
    }
    for junk in list(exp, "must_not_contain") {
        if text.contains(junk.as_str()) {
            fails.push(format!("boilerplate kept: {junk:?}"));
        }
    }
    let mut rest = text.clone();
    for allowed in std::iter::once(title).chain(body).chain(list(exp, "may_contain")) {
        if !allowed.is_empty() {
            rest = rest.replace(allowed.as_str(), " ");
        }
    }
    let rest = norm(&rest);
    if rest.chars().count() > MAX_EXTRA_CHARS {
        let start: String = rest.chars().take(70).collect();
        fails.push(format!("{} characters of extra text kept, starting {start:?}", rest.chars().count()));
    }
    fails
}

/// Writes what the extractor found into `expected.json`, keeping the hand-written lists and notes.
fn regenerate(path: &Path, mut exp: Value, got: &Article) {
    let blocks: Vec<String> = got.text.split("\n\n").map(norm).filter(|b| !b.is_empty()).collect();
    if let Some(obj) = exp.as_object_mut() {
        obj.insert("title".into(), json!(got.title));
        obj.insert("byline".into(), json!(got.byline));
        obj.insert("published".into(), json!(got.published.as_deref().map(|p| p.chars().take(10).collect::<String>())));
        obj.insert("site_name".into(), json!(got.site_name));
        obj.insert("lang".into(), json!(got.lang.as_deref().map(str::to_lowercase)));
        if got.lead_image.is_some() {
            obj.insert("lead_image".into(), json!(got.lead_image));
        }
        obj.insert("body_blocks".into(), json!(blocks));
    }
    let text = serde_json::to_string_pretty(&exp).unwrap_or_else(|e| panic!("serialising {}: {e}", path.display()));
    std::fs::write(path, text + "\n").unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

#[test]
fn every_fixture_page_extracts_as_expected() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 25, "expected at least 25 fixture pairs, found {}", dirs.len());
    let regenerating = std::env::var_os(REGENERATE_VAR).is_some();
    let mut report = Vec::new();
    let mut failed = 0;
    for dir in &dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let exp_path = dir.join("expected.json");
        let exp: Value = std::fs::read(&exp_path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()));
        let bytes = std::fs::read(dir.join("page.html")).unwrap_or_else(|e| panic!("{name}/page.html: {e}"));
        let url =
            field(&exp, "url").and_then(|u| Url::parse(&u).ok()).unwrap_or_else(|| panic!("{name}: no valid url"));
        let text = cuttings_extract::decode::decode_page(&bytes, None).text;
        let fails = match extract(&text, &url) {
            Ok(article) if regenerating => {
                regenerate(&exp_path, exp, &article);
                Vec::new()
            }
            Ok(article) => check(&exp, &article),
            Err(e) => vec![format!("extraction failed: {e}")],
        };
        if !fails.is_empty() {
            failed += 1;
        }
        report.extend(fails.into_iter().map(|f| format!("{name}: {f}")));
    }
    assert!(report.is_empty(), "{failed} of {} fixtures failed:\n{}", dirs.len(), report.join("\n"));
}

/// The checker itself fails when it should: a correct article passes, a damaged one fails on each field.
#[test]
fn the_fixture_check_catches_each_kind_of_failure() {
    let exp = json!({
        "url": "https://x.test/a", "title": "Title", "byline": "Ann Lee", "published": "2020-01-02",
        "site_name": "X", "lang": "en", "lead_image": "https://x.test/a.jpg",
        "body_blocks": ["First block.", "Second block."], "may_contain": ["Caption."], "must_not_contain": ["Subscribe"]
    });
    let good = Article {
        title: "Title".into(),
        byline: Some("By Ann Lee".into()),
        published: Some("2020-01-02T10:00:00Z".into()),
        site_name: Some("X".into()),
        lang: Some("en-GB".into()),
        lead_image: Some("https://x.test/a.jpg".into()),
        text: "First block.\n\nCaption.\n\nSecond block.".into(),
        ..Article::default()
    };
    assert_eq!(check(&exp, &good), Vec::<String>::new());
    let bad = Article {
        title: "Title | X".into(),
        byline: None,
        published: Some("2020-01-03".into()),
        site_name: Some("x.test".into()),
        lang: Some("fr".into()),
        lead_image: None,
        text: "Second block.\n\nFirst block.\n\nSubscribe to our newsletter for more stories like this one every day."
            .into(),
        ..Article::default()
    };
    let fails = check(&exp, &bad);
    for what in [
        "title",
        "byline",
        "published",
        "site_name",
        "lang",
        "lead_image",
        "out of order",
        "boilerplate kept",
        "extra text",
    ] {
        assert!(fails.iter().any(|f| f.contains(what)), "no {what:?} failure in {fails:#?}");
    }
}
