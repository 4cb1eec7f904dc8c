//! Tags (bulk add and remove, counts, rename, merge, delete) and notes (add, edit, delete, times).

use cuttings::store::{ClippingId, NoteId, StoreError, TagCount};

use super::{add, new_clipping};
use crate::util::temp_library;

fn counts(library: &cuttings::store::Library) -> Vec<(String, u32)> {
    library.tags().unwrap().into_iter().map(|TagCount { name, count }| (name, count)).collect()
}

#[test]
fn tags_in_bulk_with_counts_ignoring_case() {
    let (_dir, mut library) = temp_library();
    let a = add(&mut library, new_clipping("https://example.com/a", "a", "text"));
    let b = add(&mut library, new_clipping("https://example.com/b", "b", "text"));
    library.add_tags(&[a, b], &["Korea".into(), "economy".into()]).unwrap();
    library.add_tags(&[a], &["KOREA".into(), "Trade".into()]).unwrap();
    assert_eq!(counts(&library), [("economy".into(), 2), ("Korea".into(), 2), ("Trade".into(), 1)]);
    assert_eq!(library.clipping(a).unwrap().summary.tags, ["economy", "Korea", "Trade"]);
    library.remove_tags(&[a, b], &["korea".into(), "never-existed".into()]).unwrap();
    assert_eq!(counts(&library), [("economy".into(), 2), ("Trade".into(), 1)]);
    assert!(matches!(library.add_tags(&[a, ClippingId(99)], &["x".into()]), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.add_tags(&[a], &["".into()]), Err(StoreError::InvalidName { .. })));
    // The failed bulk add left nothing behind.
    assert!(!counts(&library).iter().any(|(n, _)| n == "x"));
}

#[test]
fn tags_are_cleaned_the_same_way_wherever_they_enter() {
    use cuttings::store::clean_tags;
    // The rules the app's tag field had: `#` dropped, spaces trimmed and collapsed, blanks and repeats ignoring
    // case dropped, the first spelling kept.
    assert_eq!(
        clean_tags(&[" korea", "#Purge", "", " korea ", "KOREA", " north   korea ", "##", "# Seoul"]),
        ["korea", "Purge", "north korea", "Seoul"]
    );
    assert!(clean_tags::<&str>(&[]).is_empty());

    let (_dir, mut library) = temp_library();
    // A new clipping: "#Korea" and "korea" are one tag.
    let mut new = new_clipping("https://example.com/a", "a", "text");
    new.tags = vec!["#Korea".into(), "korea".into(), "  ".into(), "North\tKorea".into()];
    let a = add(&mut library, new);
    assert_eq!(library.clipping(a).unwrap().summary.tags, ["Korea", "North Korea"]);
    // A tag equal ignoring case to one in the library takes its spelling.
    let mut new = new_clipping("https://example.com/b", "b", "text");
    new.tags = vec!["KOREA".into(), "#north korea".into()];
    let b = add(&mut library, new);
    assert_eq!(library.clipping(b).unwrap().summary.tags, ["Korea", "North Korea"]);
    assert_eq!(counts(&library), [("Korea".into(), 2), ("North Korea".into(), 2)]);
    // Bulk add: the same clean-up; a list with nothing left is refused.
    library.add_tags(&[a, b], &["#economy".into(), " Economy ".into(), "#korea".into()]).unwrap();
    assert_eq!(counts(&library), [("economy".into(), 2), ("Korea".into(), 2), ("North Korea".into(), 2)]);
    let error = library.add_tags(&[a], &["#".into(), "  ".into()]).unwrap_err();
    assert_eq!(error.code(), "invalid_name");
    // Rename and merge targets too.
    library.rename_tag("economy", "  #Economy   policy ").unwrap();
    library.merge_tags("north korea", "#korea").unwrap();
    assert_eq!(counts(&library), [("Economy policy".into(), 2), ("Korea".into(), 2)]);
    assert_eq!(library.rename_tag("korea", " # ").unwrap_err().code(), "invalid_name");
}

#[test]
fn rename_merge_and_delete_tags() {
    let (_dir, mut library) = temp_library();
    let a = add(&mut library, new_clipping("https://example.com/a", "a", "text"));
    let b = add(&mut library, new_clipping("https://example.com/b", "b", "text"));
    library.add_tags(&[a], &["nk".into(), "politics".into()]).unwrap();
    library.add_tags(&[b], &["North Korea".into()]).unwrap();
    library.rename_tag("NK", "Pyongyang").unwrap();
    library.rename_tag("pyongyang", "PYONGYANG").unwrap();
    assert!(matches!(library.rename_tag("PYONGYANG", "north korea"), Err(StoreError::NameTaken { .. })));
    assert!(matches!(library.rename_tag("nothing", "x"), Err(StoreError::UnknownTag { .. })));
    library.merge_tags("pyongyang", "North Korea").unwrap();
    assert_eq!(counts(&library), [("North Korea".into(), 2), ("politics".into(), 1)]);
    assert_eq!(library.search("tag:\"north korea\"", 10).unwrap().len(), 2);
    // Search sees the renamed tag, not the old one.
    assert_eq!(library.search("pyongyang", 10).unwrap().len(), 0);
    assert_eq!(library.search("north", 10).unwrap().len(), 2);
    library.merge_tags("politics", "policy").unwrap();
    assert_eq!(counts(&library), [("North Korea".into(), 2), ("policy".into(), 1)]);
    assert!(matches!(library.merge_tags("absent", "policy"), Err(StoreError::UnknownTag { .. })));
    library.delete_tag("north korea").unwrap();
    assert_eq!(counts(&library), [("policy".into(), 1)]);
    assert!(library.clipping(b).unwrap().summary.tags.is_empty());
    assert_eq!(library.delete_tag("north korea").unwrap_err().code(), "not_found");
}

#[test]
fn notes_with_times() {
    let (_dir, mut library) = temp_library();
    let a = add(&mut library, new_clipping("https://example.com/a", "a", "text"));
    let first = library.add_note(a, "# Why\nBecause **quotes** matter.").unwrap();
    let second = library.add_note(a, "Follow up with the ministry.").unwrap();
    let notes = library.notes(a).unwrap();
    assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), [first, second]);
    assert_eq!(notes[0].created_at, notes[0].edited_at);
    std::thread::sleep(std::time::Duration::from_millis(3));
    library.edit_note(first, "Rewritten entirely.").unwrap();
    let edited = &library.notes(a).unwrap()[0];
    assert_eq!(edited.body, "Rewritten entirely.");
    assert!(edited.edited_at > edited.created_at);
    assert_eq!(library.search("ministry", 5).unwrap().len(), 1);
    assert_eq!(library.search("because", 5).unwrap().len(), 0);
    library.delete_note(second).unwrap();
    assert_eq!(library.search("ministry", 5).unwrap().len(), 0);
    assert_eq!(library.notes(a).unwrap().len(), 1);
    assert!(matches!(library.edit_note(second, "x"), Err(StoreError::NotFound { what: "note", .. })));
    assert!(matches!(library.delete_note(NoteId(999)), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.add_note(ClippingId(999), "x"), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.add_note(a, "  \n "), Err(StoreError::EmptyText { what: "note" })));
    assert!(matches!(library.edit_note(first, ""), Err(StoreError::EmptyText { .. })));
}
