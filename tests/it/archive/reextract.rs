//! Re-extraction from the stored original page: only what the extractor changed is reported and replaced, fields
//! edited by hand are kept unless forced, and stored images stay stored.

use std::path::Path;

use cuttings::archive;
use cuttings::extract::{Article, WholePage, extract, extract_or_whole_page};
use cuttings::store::refs::image_ref;
use cuttings::store::{ClippingEdit, Library, NewClipping, NewImage};
use url::Url;

use super::image_file;

const URL: &str = "https://www.rfa.org/english/news/korea/cliques-12152016140000.html";

/// The seed fixture page and the article the current extractor makes of it.
fn fixture() -> (Vec<u8>, Article) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rfa-kim-cliques/page.html");
    let page = std::fs::read(path).expect("the seed fixture page");
    let article = extract(&String::from_utf8_lossy(&page), &Url::parse(URL).expect("url")).expect("an article");
    (page, article)
}

/// The article as an older extractor might have made it: another title, no byline, only the first paragraph.
fn stale(current: &Article) -> Article {
    let first = current.text.split("\n\n").next().unwrap_or_default().to_string();
    Article {
        title: "North Korea's Kim Warns (old extractor)".into(),
        byline: None,
        word_count: first.split_whitespace().count() as u32,
        html: format!("<p>{first}</p>"),
        markdown: first.clone(),
        text: first,
        ..current.clone()
    }
}

fn save(library: &mut Library, page: Vec<u8>, article: Article) -> cuttings::store::ClippingId {
    let new = NewClipping {
        url: URL.into(),
        article,
        original_page: page,
        folder: None,
        tags: vec!["korea".into()],
        note: Some("keep this note".into()),
        allow_duplicate: true,
        source: Default::default(),
        saved_at: None,
    };
    crate::store::add(library, new)
}

#[test]
fn reextraction_reports_and_replaces_only_what_the_extractor_changed() {
    let (page, current) = fixture();
    let (_dir, mut library) = crate::util::temp_library();
    let id = save(&mut library, page.clone(), stale(&current));

    let r = archive::reextract(&library, id).expect("re-extracted");
    let fields: Vec<&str> = r.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, vec!["title", "byline"], "{:#?}", r.changes);
    assert_eq!(r.changes[1].new.as_deref(), Some("Sung-hui Moon"));
    let text = r.text.as_ref().expect("the text changed");
    assert_eq!((text.paragraphs_removed, text.new_words), (0, current.word_count), "{text:?}");
    assert!(text.paragraphs_added >= 10, "{text:?}");
    assert!(r.summary().iter().any(|l| l.starts_with("title: ")), "{:?}", r.summary());

    // Nothing is written before applying.
    assert_eq!(library.clipping(id).expect("clipping").summary.title, "North Korea's Kim Warns (old extractor)");
    archive::apply_reextraction(&mut library, &r, false).expect("applied");
    let after = library.clipping(id).expect("clipping");
    assert_eq!(after.summary.title, current.title);
    assert_eq!(after.summary.byline, current.byline);
    assert_eq!((after.text.as_str(), after.html.as_str()), (current.text.as_str(), current.html.as_str()));
    assert_eq!(after.summary.published, current.published, "unchanged fields stay");
    assert_eq!(after.summary.tags, vec!["korea"]);
    assert_eq!(after.notes.len(), 1);
    assert_eq!(library.original_page(id).expect("page"), page);
    assert_eq!(library.search("cliques purge", 10).expect("search").len(), 1, "the index follows the new text");

    // A second run finds nothing to change.
    assert!(archive::reextract(&library, id).expect("again").is_unchanged());
}

#[test]
fn many_clippings_are_reextracted_together_each_outcome_in_its_place() {
    let (page, current) = fixture();
    let (_dir, mut library) = crate::util::temp_library();
    let stale_id = save(&mut library, page.clone(), stale(&current));
    let current_id = save(&mut library, page, current.clone());
    let blank_id = save(&mut library, b"<html><body></body></html>".to_vec(), current);
    let missing = cuttings::store::ClippingId(9_999);

    let ids = [stale_id, current_id, blank_id, missing, stale_id];
    let outcomes = archive::reextract_many(&library, &ids);
    assert_eq!(outcomes.len(), ids.len());
    let one_by_one = archive::reextract(&library, stale_id).expect("re-extracted");
    for at in [0, 4] {
        let together = outcomes[at].as_ref().expect("re-extracted");
        assert_eq!((together.id, &together.changes, &together.text), (stale_id, &one_by_one.changes, &one_by_one.text));
    }
    assert!(outcomes[1].as_ref().expect("re-extracted").is_unchanged());
    let blank = outcomes[2].as_ref().expect_err("a blank page has no article").to_string();
    assert!(blank.contains("finds no article"), "{blank}");
    assert!(outcomes[3].is_err(), "a clipping that is not there fails alone");
}

#[test]
fn a_clipping_kept_as_the_whole_page_stays_whole_after_reextraction() {
    // A page of event cards: the extractor reads it coarsely and is unsure, so the reader kept the whole page.
    let cards: String = (0..8)
        .map(|i| format!("<div class='card'><h3><a href='/e/{i}'>Event number {i}</a></h3><p>What happens at event {i}.</p></div>"))
        .collect();
    let page = format!(
        "<html><head><title>Events</title></head><body><nav><a href='/'>Home</a><a href='/about'>About us</a></nav>\
         <h1>Events</h1><div class='events'>{cards}</div><footer>Copyright the harbour club</footer></body></html>"
    );
    let url = Url::parse("https://club.example/events").expect("url");
    let budget = Default::default();
    let whole = extract_or_whole_page(&page, &url, WholePage::Keep, &budget).expect("the whole page");
    let unsure = extract_or_whole_page(&page, &url, WholePage::Refuse, &budget).expect("the unsure reading");
    assert!(whole.whole_page && !unsure.whole_page && whole.text.contains("Copyright the harbour club"));

    let (_dir, mut library) = crate::util::temp_library();
    let mut saved = |article: Article| {
        let new = NewClipping {
            url: url.to_string(),
            article,
            original_page: page.clone().into_bytes(),
            folder: None,
            tags: vec![],
            note: None,
            allow_duplicate: true,
            source: Default::default(),
            saved_at: None,
        };
        crate::store::add(&mut library, new)
    };
    let (whole_id, unsure_id) = (saved(whole.clone()), saved(unsure));
    let stale_whole = Article { text: "Events".into(), ..whole.clone() };
    let stale_id = saved(stale_whole);
    assert!(library.clipping(whole_id).expect("clipping").summary.whole_page);
    assert!(!library.clipping(unsure_id).expect("clipping").summary.whole_page);

    let outcomes = archive::reextract_many(&library, &[whole_id, unsure_id, stale_id]);
    assert!(outcomes[0].as_ref().expect("re-extracted").is_unchanged(), "{:?}", outcomes[0]);
    assert!(outcomes[1].as_ref().expect("re-extracted").is_unchanged(), "{:?}", outcomes[1]);
    let stale = outcomes[2].as_ref().expect("re-extracted");
    assert!(stale.changes.iter().all(|c| c.field != "reading"), "{:?}", stale.changes);
    archive::apply_reextraction(&mut library, stale, false).expect("applied");
    let after = library.clipping(stale_id).expect("clipping");
    assert!(after.summary.whole_page);
    assert_eq!(after.text, whole.text);
}

#[test]
fn fields_edited_by_hand_are_kept_unless_forced() {
    let (page, current) = fixture();
    let (_dir, mut library) = crate::util::temp_library();
    let id = save(&mut library, page, stale(&current));
    let edit = ClippingEdit { title: Some("My own title".into()), ..ClippingEdit::default() };
    library.edit_clipping(id, &edit).expect("edited");
    assert_eq!(library.edited_fields(id).expect("edits"), vec!["title"]);

    let r = archive::reextract(&library, id).expect("re-extracted");
    let title = r.changes.iter().find(|c| c.field == "title").expect("title differs");
    assert!(title.edited);
    let kept = archive::apply_reextraction(&mut library, &r, false).expect("applied");
    assert_eq!(kept, vec!["title"]);
    let after = library.clipping(id).expect("clipping");
    assert_eq!(after.summary.title, "My own title");
    assert_eq!(after.summary.byline.as_deref(), Some("Sung-hui Moon"), "other fields are replaced");

    let r = archive::reextract(&library, id).expect("re-extracted");
    archive::apply_reextraction(&mut library, &r, true).expect("forced");
    assert_eq!(library.clipping(id).expect("clipping").summary.title, current.title);
}

#[test]
fn stored_images_stay_stored_after_reextraction() {
    let prose = "The harbour authority said on Tuesday that the new quay would open in the spring, after two years \
                 of work, and that it expected traffic to double within five years, according to its annual report. ";
    let page = format!(
        "<html><head><title>Quay</title></head><body><article><h1>Quay</h1><p>{prose}</p>\
         <img src=\"/q.png\" alt=\"Quay\"><p>{prose}</p><p>{prose}</p></article></body></html>"
    );
    let url = "https://news.example/quay";
    let article = extract(&page, &Url::parse(url).expect("url")).expect("article");
    let mut stale_article = article.clone();
    stale_article.title = "Old".into();
    let png = image_file("tiny.png");
    let image = NewImage::stored("https://news.example/q.png", false, "image/png", png);
    let sha = image.sha256().expect("stored").to_string();
    archive::point_article_to_store(&mut stale_article, std::slice::from_ref(&image));
    let (_dir, mut library) = crate::util::temp_library();
    let new = NewClipping {
        url: url.into(),
        article: stale_article,
        original_page: page.into_bytes(),
        folder: None,
        tags: vec![],
        note: None,
        allow_duplicate: false,
        source: Default::default(),
        saved_at: None,
    };
    let id = match library.add_clipping_with_images(new, &[image]).expect("saved") {
        cuttings::store::AddOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    };
    let r = archive::reextract(&library, id).expect("re-extracted");
    assert_eq!(r.changes.iter().map(|c| c.field).collect::<Vec<_>>(), vec!["title"]);
    assert!(r.text.is_none(), "the images point at the stored copy again, so the body is the same: {:?}", r.text);
    archive::apply_reextraction(&mut library, &r, false).expect("applied");
    assert!(library.clipping(id).expect("clipping").html.contains(&image_ref(&sha)));
}

#[test]
fn cuttings_reextract_shows_the_changes_and_replaces_only_with_yes() {
    let (page, current) = fixture();
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let id = save(&mut Library::open(&path).expect("open"), page, stale(&current));
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", &path)
            .output()
            .expect("cuttings runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let shown = run(&["reextract", &id.to_string()]);
    assert!(shown.contains("title: \"North Korea's Kim Warns (old extractor)\" →"), "{shown}");
    assert!(shown.contains("byline: (none) → \"Sung-hui Moon\""), "{shown}");
    assert!(shown.contains("not replaced (run again with --yes"), "{shown}");
    assert_eq!(Library::open(&path).expect("open").clipping(id).expect("c").summary.byline, None);
    let replaced = run(&["reextract", "--all", "--yes"]);
    assert!(replaced.contains("1 clipping(s): 1 replaced, 0 unchanged, 0 failed"), "{replaced}");
    assert_eq!(Library::open(&path).expect("open").clipping(id).expect("c").summary.title, current.title);
}
