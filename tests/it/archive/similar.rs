//! Syndicated copies: near-identical articles from different addresses are linked both ways, different articles
//! are not, Korean works, short texts are never linked, and the links show in `cuttings similar` and `show`.

use std::path::Path;

use cuttings::extract::extract;
use cuttings::store::{ClippingId, Library};
use url::Url;

use crate::store::{add, new_clipping};

/// The article text of fixture `case`.
fn fixture_text(case: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
    let page = std::fs::read(dir.join("page.html")).expect("fixture page");
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json")).expect("json");
    let url = Url::parse(expected["url"].as_str().expect("url")).expect("valid url");
    let text = cuttings::decode::decode_page(&page, None).text;
    extract(&text, &url).expect("an article").text
}

/// The same story as an outlet republishing it would: its own dateline and credit line, the last paragraph cut.
fn syndicated(text: &str) -> String {
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    paragraphs.pop();
    format!(
        "SEOUL (Wire Service) —\n\n{}\n\nThis story was first published by a partner outlet.",
        paragraphs.join("\n\n")
    )
}

fn ids(library: &Library, id: ClippingId) -> Vec<ClippingId> {
    library.similar(id).expect("similar").into_iter().map(|s| s.clipping.id).collect()
}

#[test]
fn near_identical_articles_are_linked_both_ways_and_different_ones_are_not() {
    let (_dir, mut library) = crate::util::temp_library();
    let story = fixture_text("rfa-kim-cliques");
    let a = add(&mut library, new_clipping("https://www.rfa.org/story", "Kim warns", &story));
    let other = add(&mut library, new_clipping("https://x.test/other", "Other", &fixture_text("en-lists-blockquote")));
    let b = add(&mut library, new_clipping("https://wire.example/kim", "Kim warns (wire)", &syndicated(&story)));
    assert_eq!(ids(&library, a), vec![b]);
    assert_eq!(ids(&library, b), vec![a]);
    assert_eq!(ids(&library, other), vec![]);
    let alike = library.similar(a).expect("similar")[0].similarity;
    assert!((0.6..1.0).contains(&alike), "{alike}");
    assert_eq!(library.find_similar_text(&story).expect("lookup"), vec![(a, 1.0), (b, alike)]);

    // Never merged: both stay, and a copy in the trash is not listed.
    library.trash_clippings(&[b]).expect("trash");
    assert_eq!(ids(&library, a), vec![]);
    library.restore(library.list_trash().expect("trash")[0].id).expect("restore");
    assert_eq!(ids(&library, a), vec![b]);
    library.trash_clippings(&[b]).expect("trash");
    library.empty_trash().expect("empty");
    assert_eq!(ids(&library, a), vec![]);
}

#[test]
fn korean_copies_are_linked() {
    let (_dir, mut library) = crate::util::temp_library();
    let story = fixture_text("korean-euckr");
    assert!(story.chars().any(|c| ('\u{ac00}'..='\u{d7af}').contains(&c)), "a Korean text");
    let a = add(&mut library, new_clipping("https://ko.example/a", "가", &story));
    let edited = syndicated(&story).replace("했다", "밝혔다");
    let b = add(&mut library, new_clipping("https://ko2.example/b", "나", &edited));
    assert_eq!(ids(&library, a), vec![b]);
}

#[test]
fn short_texts_are_never_linked() {
    let (_dir, mut library) = crate::util::temp_library();
    let a = add(&mut library, new_clipping("https://x.test/1", "One", "The same short text."));
    let b = add(&mut library, new_clipping("https://x.test/2", "Two", "The same short text."));
    assert_eq!((ids(&library, a), ids(&library, b)), (vec![], vec![]));
}

#[test]
fn cuttings_similar_and_show_list_the_copies() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let story = fixture_text("rfa-kim-cliques");
    let mut library = Library::open(&path).expect("open");
    let a = add(&mut library, new_clipping("https://www.rfa.org/story", "Kim warns", &story));
    let b = add(&mut library, new_clipping("https://wire.example/kim", "Kim warns (wire)", &syndicated(&story)));
    drop(library);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", &path)
            .output()
            .expect("cuttings runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let listed = run(&["similar", &a.to_string()]);
    assert!(listed.contains(&format!("#{b:<5}")) && listed.contains("Kim warns (wire)"), "{listed}");
    let shown = run(&["show", &b.to_string()]);
    assert!(shown.contains(&format!("similar: #{a} (")), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&run(&["similar", "--json", &a.to_string()])).expect("json");
    assert_eq!(json[0]["clipping"]["id"], b.0);
}
