//! Highlights in the library: anchored on the clipping's text when added, listed in reading order, placed again
//! when the text changes (detached and kept when their passage is gone), with their clipping in the trash and back.

use cuttings::store::{Colour, FoundIn, HighlightEdit, Library, NewHighlight, StoreError};

use super::{add, article, new_clipping};

const TEXT: &str = "The council met on Monday.\n\nIt voted for the budget. Later, it voted for the harbour.";

fn quote(text: &str) -> NewHighlight {
    NewHighlight { quote: text.into(), ..NewHighlight::default() }
}

fn open_with_clipping() -> (tempfile::TempDir, Library, cuttings::store::ClippingId) {
    let (dir, mut library) = crate::util::temp_library();
    let id = add(&mut library, new_clipping("https://news.example/a", "Council", TEXT));
    (dir, library, id)
}

#[test]
fn passages_are_highlighted_and_listed_in_reading_order() {
    let (_dir, mut library, id) = open_with_clipping();
    let second = library
        .add_highlight(
            id,
            &NewHighlight { colour: Colour::Pink, comment: Some(" check ".into()), ..quote("the harbour") },
        )
        .expect("highlighted");
    let first = library.add_highlight(id, &quote("met on\nMonday")).expect("highlighted across a line break");
    assert_eq!(first.selectors.exact, "met on Monday");
    assert_eq!(second.comment.as_deref(), Some("check"));
    let listed = library.highlights(id).expect("listed");
    assert_eq!(listed.iter().map(|h| h.id).collect::<Vec<_>>(), [first.id, second.id]);
}

#[test]
fn a_passage_that_is_not_there_or_twice_there_is_refused_in_words() {
    let (_dir, mut library, id) = open_with_clipping();
    let missing = library.add_highlight(id, &quote("the mayor resigned")).unwrap_err();
    assert_eq!(missing.code(), "quote_not_found");
    let twice = library.add_highlight(id, &quote("voted for the")).unwrap_err();
    assert_eq!(twice.code(), "quote_ambiguous");
    assert!(twice.to_string().contains("2 times"), "{twice}");
    let chosen =
        library.add_highlight(id, &NewHighlight { occurrence: Some(2), ..quote("voted for the") }).expect("the second");
    assert!(chosen.selectors.suffix.starts_with(" harbour"));
    assert!(matches!(library.add_highlight(id, &quote("  ")), Err(StoreError::Anchor(_))));
}

#[test]
fn after_re_extraction_highlights_follow_their_passage_or_are_kept_detached() {
    let (_dir, mut library, id) = open_with_clipping();
    let harbour = library.add_highlight(id, &quote("voted for the harbour")).expect("highlighted");
    let monday = library.add_highlight(id, &quote("met on Monday")).expect("highlighted");
    let shifted = format!("A correction was added above.\n\n{}", TEXT.replace("met on Monday", "met on Tuesday"));
    library.replace_article(id, &article("Council", &shifted), &[]).expect("re-extracted");
    let after = library.highlights(id).expect("listed");
    let moved = after.iter().find(|h| h.id == harbour.id).expect("kept");
    let (start, end) = moved.selectors.position.expect("placed again");
    assert_eq!(shifted.chars().skip(start).take(end - start).collect::<String>(), "voted for the harbour");
    let gone = after.iter().find(|h| h.id == monday.id).expect("kept, not dropped");
    assert!(gone.is_detached());
    assert_eq!(after.last().map(|h| h.id), Some(monday.id), "detached ones last");
}

#[test]
fn highlights_go_to_the_trash_and_come_back_with_their_clipping_and_removal_can_be_undone() {
    let (_dir, mut library, id) = open_with_clipping();
    let highlight = library.add_highlight(id, &quote("met on Monday")).expect("highlighted");
    library.trash_clippings(&[id]).expect("to the trash");
    assert_eq!(library.add_highlight(id, &quote("the budget")).unwrap_err().code(), "not_found");
    let item = library.list_trash().expect("the trash")[0].id;
    library.restore(item).expect("restored");
    assert_eq!(library.highlights(id).expect("listed"), vec![highlight.clone()]);

    let edited = library
        .edit_highlight(highlight.id, &HighlightEdit { colour: Some(Colour::Green), comment: Some(Some("key".into())) })
        .expect("edited");
    assert_eq!((edited.colour, edited.comment.as_deref()), (Colour::Green, Some("key")));
    let removed = library.remove_highlight(highlight.id).expect("removed");
    assert!(library.highlights(id).expect("listed").is_empty());
    let back = library.restore_highlight(&removed).expect("undone");
    assert_eq!(
        (back.selectors.clone(), back.colour, back.comment.clone()),
        (removed.selectors, Colour::Green, Some("key".into()))
    );
}

#[test]
fn highlighted_clippings_are_found_by_their_highlights_colours_and_comments() {
    let (_dir, mut library, id) = open_with_clipping();
    let other = add(&mut library, new_clipping("https://news.example/b", "Ferries", "The ferries ran late all week."));
    let ids = |library: &Library, query: &str| -> Vec<i64> {
        let mut ids: Vec<i64> =
            library.search(query, 10).expect("searched").into_iter().map(|h| h.clipping.id.0).collect();
        ids.sort();
        ids
    };
    assert!(ids(&library, "has:highlights").is_empty());
    let highlight = library
        .add_highlight(
            id,
            &NewHighlight { colour: Colour::Green, comment: Some("ask the walrus desk".into()), ..quote("the budget") },
        )
        .expect("highlighted");
    assert_eq!(ids(&library, "has:highlights"), [id.0]);
    assert_eq!(ids(&library, "-has:highlights"), [other.0]);
    assert_eq!(ids(&library, "highlight:green"), [id.0]);
    assert!(ids(&library, "highlight:pink").is_empty());
    assert_eq!(ids(&library, "walrus"), [id.0], "a comment is searched");
    library.remove_highlight(highlight.id).expect("removed");
    assert!(ids(&library, "walrus").is_empty(), "and forgotten with its highlight");
}

/// Issue 17: a search hit says where its snippet was found, a highlight (its passage or its comment) first.
#[test]
fn a_search_hit_says_it_was_found_in_a_highlight_a_note_or_the_text() {
    let (dir, mut library, id) = open_with_clipping();
    library
        .add_highlight(
            id,
            &NewHighlight { comment: Some("ask the **walrus** desk".into()), ..quote("voted for the harbour") },
        )
        .expect("highlighted");
    library.add_note(id, "Call the pelican office.").expect("noted");
    let found = |library: &Library, query: &str| -> (FoundIn, String) {
        let hits = library.search(query, 10).expect("searched");
        assert_eq!(hits.iter().map(|h| h.clipping.id).collect::<Vec<_>>(), [id], "{query}");
        (hits[0].found_in, hits[0].snippet.clone())
    };
    let (found_in, snippet) = found(&library, "walrus");
    assert_eq!(found_in, FoundIn::Highlight, "a word only in a highlight's comment: {snippet}");
    assert!(snippet.contains("voted for the harbour — ask the **[[walrus]]** desk"), "{snippet}");
    let (found_in, snippet) = found(&library, "harbour");
    assert_eq!(found_in, FoundIn::Highlight, "a word in a highlighted passage: {snippet}");
    library.add_highlight(id, &quote("It voted for the budget.")).expect("highlighted");
    let (_, snippet) = found(&library, "walrus");
    assert!(snippet.starts_with("voted for the harbour"), "a snippet stays within one highlight: {snippet}");
    assert_eq!(found(&library, "pelican").0, FoundIn::Note, "a word only in a note");
    assert_eq!(found(&library, "Monday").0, FoundIn::Text, "a word only in the text");
    // The command line says it in words, and nothing for the text.
    let output = |query: &str| {
        let run = crate::util::cuttings(&dir.path().join("library.db"), &["search", query]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    assert!(output("walrus").contains("(in a highlight) voted for the harbour"), "{}", output("walrus"));
    assert!(output("pelican").contains("(in a note) Call the [[pelican]] office."), "{}", output("pelican"));
    assert!(!output("Monday").contains("(in "), "{}", output("Monday"));
    let json = crate::util::cuttings(&dir.path().join("library.db"), &["search", "walrus", "--json"]);
    assert!(String::from_utf8_lossy(&json.stdout).contains(r#""found_in": "highlight""#));
}

#[test]
fn the_json_export_carries_highlights_as_web_annotations() {
    let (_dir, mut library, id) = open_with_clipping();
    library
        .add_highlight(
            id,
            &NewHighlight { colour: Colour::Blue, comment: Some("**why** it matters".into()), ..quote("the budget") },
        )
        .expect("highlighted");
    let plain = library.add_highlight(id, &quote("met on Monday")).expect("highlighted");
    library
        .replace_article(id, &article("Council", &TEXT.replace("met on Monday", "met on Friday")), &[])
        .expect("changed");
    let mut out = Vec::new();
    cuttings::archive::write_metadata_json(&library, &mut out).expect("written");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let annotations = json["clippings"][0]["annotations"].as_array().expect("annotations").clone();
    assert_eq!(annotations.len(), 2);
    for annotation in &annotations {
        assert_eq!(annotation["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(annotation["type"], "Annotation");
        assert!(annotation["id"].as_str().is_some_and(|id| id.starts_with("urn:cuttings:highlight:")));
        assert_eq!(annotation["target"]["source"], "https://news.example/a");
        assert_eq!(annotation["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert!(annotation["created"].is_string() && annotation["body"].is_array());
    }
    let commented = annotations.iter().find(|a| a["motivation"] == "commenting").expect("the commented one");
    assert_eq!(commented["target"]["selector"][0]["exact"], "the budget");
    assert_eq!(commented["target"]["selector"][1]["type"], "TextPositionSelector");
    let start = commented["target"]["selector"][1]["start"].as_u64().expect("start") as usize;
    assert_eq!(TEXT.chars().skip(start).take(10).collect::<String>(), "the budget");
    assert!(
        commented["body"].as_array().expect("bodies").iter().any(|b| b["purpose"] == "commenting"
            && b["format"] == "text/markdown"
            && b["value"] == "**why** it matters")
    );
    let detached =
        annotations.iter().find(|a| a["id"] == format!("urn:cuttings:highlight:{}", plain.id.0)).expect("kept");
    assert_eq!(detached["motivation"], "highlighting");
    assert_eq!(detached["target"]["selector"].as_array().map(Vec::len), Some(1), "a detached one has no position");
}
