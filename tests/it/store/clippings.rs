//! Clippings: save with every field, read back, list with filters and sorts, edit, move, duplicates, unknown ids.

use cuttings::store::{
    AddOutcome, ClippingEdit, ClippingFilter, ClippingId, FolderId, NewClipping, SortOrder, StoreError,
};

use cuttings::extract::{Confidence, PageKind};

use super::{add, article, new_clipping};
use crate::util::temp_library;

#[test]
fn every_field_is_stored_and_read_back() {
    let (_dir, mut library) = temp_library();
    let folder = library.create_folder(None, "Politics").unwrap();
    let mut a = article("Budget passes", "The budget passed on Tuesday.");
    a.published = Some("2024-03-05T09:00:00+09:00".into());
    a.lang = Some("en".into());
    a.canonical_url = Some("https://news.example/budget".into());
    a.lead_image = Some("https://news.example/img.jpg".into());
    a.excerpt = Some("It passed.".into());
    let page: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
    let new = NewClipping {
        url: "https://news.example/budget?utm_source=feed".into(),
        article: a.clone(),
        original_page: page.clone(),
        folder: Some(folder),
        tags: vec!["Budget".into(), "economy".into()],
        note: Some("Check the *numbers*.".into()),
        allow_duplicate: false,
        source: Default::default(),
        saved_at: None,
    };
    let id = add(&mut library, new);
    let c = library.clipping(id).unwrap();
    assert_eq!(c.summary.title, "Budget passes");
    assert_eq!(c.summary.folder, Some(folder));
    assert_eq!(c.summary.tags, ["Budget", "economy"]);
    assert_eq!(c.summary.published.as_deref(), Some("2024-03-05T09:00:00+09:00"));
    assert_eq!(c.summary.site_name.as_deref(), Some("The Daily Test"));
    assert_eq!(c.summary.byline.as_deref(), Some("Ada Writer"));
    assert_eq!(c.summary.excerpt.as_deref(), Some("It passed."));
    assert_eq!(c.summary.word_count, 5);
    assert_eq!(c.canonical_url, a.canonical_url);
    assert_eq!(c.lang.as_deref(), Some("en"));
    assert_eq!(c.lead_image, a.lead_image);
    assert_eq!(c.html, a.html);
    assert_eq!(c.text, a.text);
    assert_eq!(c.markdown, a.markdown);
    assert_eq!(c.notes.len(), 1);
    assert_eq!(c.notes[0].body, "Check the *numbers*.");
    assert_eq!(c.content_hash.len(), 64);
    assert_eq!(c.original_size, 50_000);
    assert!(!c.in_trash);
    assert!(c.summary.saved_at.ends_with('Z') && c.summary.saved_at.len() == 24, "{}", c.summary.saved_at);
    assert_eq!(c.created_at, c.summary.saved_at);
    assert_eq!(library.original_page(id).unwrap(), page);
    assert_eq!((c.summary.kind, c.summary.low_confidence), (PageKind::Article, false));
}

#[test]
fn the_kind_of_page_and_an_unsure_extraction_are_kept_and_follow_a_reextraction() {
    let (_dir, mut library) = temp_library();
    let mut new = new_clipping("https://forum.example/t/42", "Boiler pressure drops", "My boiler loses pressure.");
    new.article.kind = PageKind::Forum;
    new.article.confidence = Confidence::Low;
    let id = add(&mut library, new);
    let summary = library.clipping(id).unwrap().summary;
    assert_eq!((summary.kind, summary.low_confidence), (PageKind::Forum, true));
    let listed = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 10, 0).unwrap();
    assert_eq!((listed[0].kind, listed[0].low_confidence), (PageKind::Forum, true));

    let mut better = article("Boiler pressure drops", "My boiler loses pressure. Check the expansion vessel.");
    better.kind = PageKind::Product;
    library.replace_article(id, &better, &[]).unwrap();
    let summary = library.clipping(id).unwrap().summary;
    assert_eq!((summary.kind, summary.low_confidence), (PageKind::Product, false));
}

#[test]
fn ids_are_never_reused() {
    let (_dir, mut library) = temp_library();
    let first = add(&mut library, new_clipping("https://example.com/1", "one", "text"));
    library.trash_clippings(&[first]).unwrap();
    library.empty_trash().unwrap();
    let second = add(&mut library, new_clipping("https://example.com/2", "two", "text"));
    assert!(second.0 > first.0);
    let f1 = library.create_folder(None, "F").unwrap();
    library.delete_folder(f1).unwrap();
    library.empty_trash().unwrap();
    let f2 = library.create_folder(None, "F").unwrap();
    assert!(f2.0 > f1.0);
}

#[test]
fn duplicates_are_reported_with_the_existing_clipping() {
    let (_dir, mut library) = temp_library();
    let mut first = new_clipping("https://News.Example.com:443/story/?utm_medium=x#top", "Story", "text");
    first.article.canonical_url = Some("https://news.example.com/canonical-story".into());
    let id = add(&mut library, first);
    for url in [
        "http://news.example.com/story?fbclid=abc",
        "https://news.example.com/story/?gclid=1&mc_cid=2&utm_source=y",
        "https://news.example.com/canonical-story/",
    ] {
        match library.add_clipping(new_clipping(url, "Again", "text")).unwrap() {
            AddOutcome::Duplicate { existing } => assert_eq!(existing.id, id, "{url}"),
            AddOutcome::Added(other) => panic!("{url} stored twice as {other}"),
        }
    }
    // A new URL whose canonical URL is the first one's URL.
    let mut via_canonical = new_clipping("https://m.news.example.com/x", "Mobile", "text");
    via_canonical.article.canonical_url = Some("https://news.example.com/story".into());
    assert!(matches!(library.add_clipping(via_canonical.clone()).unwrap(), AddOutcome::Duplicate { .. }));
    // The caller may force a copy.
    via_canonical.allow_duplicate = true;
    let copy = add(&mut library, via_canonical);
    assert_ne!(copy, id);
    // Different query parameters are different pages; a home-page canonical URL does not make duplicates.
    add(&mut library, new_clipping("https://news.example.com/story?page=2", "Page 2", "text"));
    let mut home = new_clipping("https://other.example/a", "A", "text");
    home.article.canonical_url = Some("https://other.example/".into());
    add(&mut library, home);
    let mut home2 = new_clipping("https://other.example/b", "B", "text");
    home2.article.canonical_url = Some("https://other.example/".into());
    add(&mut library, home2);
    // Trashed clippings do not count.
    library.trash_clippings(&[id, copy]).unwrap();
    add(&mut library, new_clipping("https://news.example.com/story", "Back", "text"));
}

#[test]
fn lists_filter_sort_and_page() {
    let (_dir, mut library) = temp_library();
    let parent = library.create_folder(None, "Parent").unwrap();
    let child = library.create_folder(Some(parent), "Child").unwrap();
    let mut ids = Vec::new();
    for (i, title) in ["banana", "Apple", "cherry"].iter().enumerate() {
        let mut new = new_clipping(&format!("https://example.com/{i}"), title, "text");
        new.article.published = Some(format!("2024-01-0{}", 3 - i));
        new.article.site_name = Some(["Zeta", "alpha", "Mid"][i].into());
        new.folder = [Some(parent), Some(child), None][i];
        new.tags = vec![if i == 1 { "Fruit".into() } else { "other".into() }];
        ids.push(add(&mut library, new));
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    let titles = |filter: ClippingFilter, sort: SortOrder| -> Vec<String> {
        library.list_clippings(&filter, sort, 10, 0).unwrap().into_iter().map(|s| s.title).collect()
    };
    assert_eq!(titles(ClippingFilter::All, SortOrder::SavedNewest), ["cherry", "Apple", "banana"]);
    assert_eq!(titles(ClippingFilter::All, SortOrder::Title), ["Apple", "banana", "cherry"]);
    assert_eq!(titles(ClippingFilter::All, SortOrder::PublishedNewest), ["banana", "Apple", "cherry"]);
    assert_eq!(titles(ClippingFilter::All, SortOrder::Outlet), ["Apple", "cherry", "banana"]);
    assert_eq!(titles(ClippingFilter::Inbox, SortOrder::Title), ["cherry"]);
    assert_eq!(titles(ClippingFilter::Folder { id: parent, include_subfolders: false }, SortOrder::Title), ["banana"]);
    assert_eq!(
        titles(ClippingFilter::Folder { id: parent, include_subfolders: true }, SortOrder::Title),
        ["Apple", "banana"]
    );
    assert_eq!(titles(ClippingFilter::Tag("fruit".into()), SortOrder::Title), ["Apple"]);
    let page = library.list_clippings(&ClippingFilter::All, SortOrder::Title, 1, 1).unwrap();
    assert_eq!(page[0].title, "banana");
    let missing = library.list_clippings(
        &ClippingFilter::Folder { id: FolderId(77), include_subfolders: true },
        SortOrder::Title,
        1,
        0,
    );
    assert!(matches!(missing, Err(StoreError::NotFound { what: "folder", id: 77 })));
}

#[test]
fn edit_and_move() {
    let (_dir, mut library) = temp_library();
    let folder = library.create_folder(None, "Later").unwrap();
    let id = add(&mut library, new_clipping("https://example.com/e", "Old title", "body"));
    let before = library.clipping(id).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3));
    let edit = ClippingEdit {
        title: Some("New title".into()),
        byline: Some(None),
        published: Some(Some("2020-02-02".into())),
        ..Default::default()
    };
    library.edit_clipping(id, &edit).unwrap();
    let after = library.clipping(id).unwrap();
    assert_eq!(after.summary.title, "New title");
    assert_eq!(after.summary.byline, None);
    assert_eq!(after.summary.site_name.as_deref(), Some("The Daily Test"));
    assert_eq!(after.summary.published.as_deref(), Some("2020-02-02"));
    assert!(after.modified_at > before.modified_at);
    assert_eq!(library.search("\"new title\"", 5).unwrap().len(), 1);
    library.move_clippings(&[id], Some(folder)).unwrap();
    assert_eq!(library.clipping(id).unwrap().summary.folder, Some(folder));
    library.move_clippings(&[id], None).unwrap();
    assert_eq!(library.clipping(id).unwrap().summary.folder, None);
}

#[test]
fn a_title_is_required_and_trimmed() {
    let (_dir, mut library) = temp_library();
    let id = add(&mut library, new_clipping("https://example.com/t", "Old title", "body"));
    for blank in ["", "   ", "\n\t "] {
        let edit =
            ClippingEdit { title: Some(blank.into()), byline: Some(Some("Someone Else".into())), ..Default::default() };
        let error = library.edit_clipping(id, &edit).unwrap_err();
        assert!(matches!(error, StoreError::TitleRequired), "{blank:?}: {error:?}");
        assert_eq!(error.code(), "title_required");
        assert_eq!(error.to_string(), "a clipping needs a title");
    }
    // The refused edit changed nothing, not even the other fields.
    let kept = library.clipping(id).unwrap().summary;
    assert_eq!(kept.title, "Old title");
    assert_eq!(kept.byline.as_deref(), Some("Ada Writer"));
    assert!(library.edited_fields(id).unwrap().is_empty());

    let edit = ClippingEdit { title: Some("  Kim warns against cliques \n".into()), ..Default::default() };
    library.edit_clipping(id, &edit).unwrap();
    assert_eq!(library.clipping(id).unwrap().summary.title, "Kim warns against cliques");
    // Leaving the title out leaves it alone.
    library.edit_clipping(id, &ClippingEdit { byline: Some(None), ..Default::default() }).unwrap();
    assert_eq!(library.clipping(id).unwrap().summary.title, "Kim warns against cliques");
}

#[test]
fn unknown_ids_are_not_found() {
    let (_dir, mut library) = temp_library();
    let id = add(&mut library, new_clipping("https://example.com/u", "u", "text"));
    let nobody = ClippingId(4242);
    assert!(matches!(library.clipping(nobody), Err(StoreError::NotFound { what: "clipping", id: 4242 })));
    assert!(matches!(library.original_page(nobody), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.edit_clipping(nobody, &ClippingEdit::default()), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.move_clippings(&[id, nobody], None), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.move_clippings(&[id], Some(FolderId(9))), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.trash_clippings(&[nobody]), Err(StoreError::NotFound { .. })));
    let mut in_missing = new_clipping("https://example.com/v", "v", "text");
    in_missing.folder = Some(FolderId(9));
    assert!(matches!(library.add_clipping(in_missing), Err(StoreError::NotFound { what: "folder", .. })));
    let error = library.clipping(nobody).unwrap_err();
    assert_eq!(error.to_string(), "no clipping with id 4242");
    assert_eq!(error.code(), "not_found");
}

#[test]
fn a_failed_bulk_import_stores_nothing() {
    let (_dir, mut library) = temp_library();
    let good = new_clipping("https://example.com/good", "good", "text");
    let mut bad = new_clipping("https://example.com/bad", "bad", "text");
    // A blank tag is dropped by the clean-up; one too long for a name still fails the import.
    bad.tags = vec!["x".repeat(201)];
    assert!(library.add_clippings(vec![good.clone(), bad]).is_err());
    assert!(library.list_clippings(&ClippingFilter::All, SortOrder::Title, 10, 0).unwrap().is_empty());
    let outcomes = library.add_clippings(vec![good.clone(), good]).unwrap();
    assert!(matches!(outcomes[0], AddOutcome::Added(_)));
    assert!(matches!(outcomes[1], AddOutcome::Duplicate { .. }));
}
