//! The trash: clippings and folders go there, come back where they were with tags and notes, and only
//! `empty_trash` destroys them.

use cuttings::store::{ClippingFilter, SortOrder, StoreError, TrashItemId, TrashKind};

use super::{add, add_in, new_clipping};
use crate::util::temp_library;

#[test]
fn a_trashed_clipping_comes_back_with_folder_tags_and_notes() {
    let (_dir, mut library) = temp_library();
    let world = library.create_folder(None, "World").unwrap();
    let asia = library.create_folder(Some(world), "Asia").unwrap();
    let id = add_in(&mut library, asia, "https://example.com/t", "Typhoon", "A typhoon reached Busan.");
    library.add_tags(&[id], &["weather".into(), "Busan".into()]).unwrap();
    library.add_note(id, "Follow the recovery.").unwrap();
    library.trash_clippings(&[id]).unwrap();
    assert!(library.list_clippings(&ClippingFilter::All, SortOrder::Title, 10, 0).unwrap().is_empty());
    assert!(library.tags().unwrap().is_empty(), "tags of trashed clippings are not counted");
    assert!(library.search("typhoon", 10).unwrap().is_empty());
    assert!(library.clipping(id).unwrap().in_trash);
    assert!(matches!(library.add_note(id, "x"), Err(StoreError::NotFound { .. })));
    let trash = library.list_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].kind, TrashKind::Clipping);
    assert_eq!(trash[0].title, "Typhoon");
    assert_eq!(trash[0].original_path, ["World", "Asia"]);
    // Its folder is deleted and emptied meanwhile: restoring recreates the path.
    library.delete_folder(world).unwrap();
    let folder_item = library.list_trash().unwrap().into_iter().find(|t| t.kind == TrashKind::Folder).unwrap();
    assert_eq!(folder_item.clipping_count, 0);
    library.restore(trash[0].id).unwrap();
    let restored = library.clipping(id).unwrap();
    assert!(!restored.in_trash);
    assert_eq!(restored.summary.tags, ["Busan", "weather"]);
    assert_eq!(restored.notes[0].body, "Follow the recovery.");
    let tree = library.folder_tree().unwrap();
    let names: Vec<&str> = tree.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["World", "Asia"]);
    assert_eq!(restored.summary.folder, Some(tree[1].id));
    assert_ne!(tree[1].id, asia, "a new folder was made for the path");
    assert_eq!(library.search("recovery", 10).unwrap().len(), 1);
    assert!(matches!(library.restore(trash[0].id), Err(StoreError::NotFound { what: "trash item", .. })));
}

#[test]
fn a_trashed_folder_comes_back_with_its_subfolders_and_clippings() {
    let (_dir, mut library) = temp_library();
    let top = library.create_folder(None, "Top").unwrap();
    let a = library.create_folder(Some(top), "A").unwrap();
    let b = library.create_folder(Some(a), "B").unwrap();
    let in_a = add_in(&mut library, a, "https://example.com/1", "In A", "text");
    let in_b = add_in(&mut library, b, "https://example.com/2", "In B", "text");
    library.add_tags(&[in_b], &["deep".into()]).unwrap();
    library.add_note(in_b, "deep note").unwrap();
    library.delete_folder(a).unwrap();
    // The name is taken while A is in the trash: the restored one gets a new name.
    let clash = library.create_folder(Some(top), "a").unwrap();
    let item = library.list_trash().unwrap()[0].clone();
    assert_eq!((item.kind, item.folder, item.clipping_count), (TrashKind::Folder, Some(a), 2));
    library.restore(item.id).unwrap();
    let tree = library.folder_tree().unwrap();
    let shape: Vec<(String, Option<i64>)> = tree.iter().map(|f| (f.name.clone(), f.parent.map(|p| p.0))).collect();
    assert_eq!(
        shape,
        [("Top".into(), None), ("a".into(), Some(top.0)), ("A (2)".into(), Some(top.0)), ("B".into(), Some(a.0)),]
    );
    assert_ne!(clash, a);
    assert_eq!(library.clipping(in_a).unwrap().summary.folder, Some(a));
    let c = library.clipping(in_b).unwrap();
    assert_eq!(c.summary.folder, Some(b));
    assert_eq!(c.summary.tags, ["deep"]);
    assert_eq!(c.notes.len(), 1);
    assert!(library.list_trash().unwrap().is_empty());
}

#[test]
fn a_clipping_trashed_alone_stays_in_the_trash_when_its_folder_is_restored() {
    let (_dir, mut library) = temp_library();
    let f = library.create_folder(None, "F").unwrap();
    let alone = add_in(&mut library, f, "https://example.com/1", "alone", "text");
    let with = add_in(&mut library, f, "https://example.com/2", "with", "text");
    library.trash_clippings(&[alone]).unwrap();
    library.delete_folder(f).unwrap();
    let items = library.list_trash().unwrap();
    assert_eq!(items.len(), 2);
    let folder_item = items.iter().find(|i| i.kind == TrashKind::Folder).unwrap();
    library.restore(folder_item.id).unwrap();
    assert!(!library.clipping(with).unwrap().in_trash);
    assert!(library.clipping(alone).unwrap().in_trash);
    let clipping_item = library.list_trash().unwrap()[0].id;
    library.restore(clipping_item).unwrap();
    assert_eq!(library.clipping(alone).unwrap().summary.folder, Some(f));
}

#[test]
fn empty_trash_destroys_only_what_is_in_it() {
    let (_dir, mut library) = temp_library();
    let f = library.create_folder(None, "F").unwrap();
    let gone = add_in(&mut library, f, "https://example.com/1", "gone", "text");
    let kept = add(&mut library, new_clipping("https://example.com/2", "kept", "text"));
    library.add_tags(&[gone], &["only-gone".into(), "shared".into()]).unwrap();
    library.add_tags(&[kept], &["shared".into()]).unwrap();
    library.add_note(gone, "note").unwrap();
    let loose = add(&mut library, new_clipping("https://example.com/3", "loose", "text"));
    library.trash_clippings(&[loose]).unwrap();
    library.delete_folder(f).unwrap();
    assert_eq!(library.empty_trash().unwrap(), 2);
    assert!(library.list_trash().unwrap().is_empty());
    assert!(matches!(library.clipping(gone), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.clipping(loose), Err(StoreError::NotFound { .. })));
    assert!(library.clipping(kept).is_ok());
    assert!(library.folder_tree().unwrap().is_empty());
    assert!(matches!(library.rename_tag("only-gone", "x"), Err(StoreError::UnknownTag { .. })));
    assert_eq!(library.tags().unwrap().len(), 1);
    assert_eq!(library.empty_trash().unwrap(), 0);
    assert!(matches!(library.restore(TrashItemId(1)), Err(StoreError::NotFound { .. })));
    assert_eq!(library.integrity_check().unwrap(), "ok");
}
