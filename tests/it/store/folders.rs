//! Folders: create, nest, order, rename, move (never into itself), delete, and their failures.

use cuttings::store::{ClippingFilter, FolderAtPath, FolderId, SortOrder, StoreError};

use super::add_in;
use crate::util::temp_library;

#[test]
fn tree_lists_parents_before_children_in_order() {
    let (_dir, mut library) = temp_library();
    let world = library.create_folder(None, "World").unwrap();
    let asia = library.create_folder(Some(world), "Asia").unwrap();
    let korea = library.create_folder(Some(asia), "Korea").unwrap();
    let europe = library.create_folder(Some(world), "Europe").unwrap();
    let sport = library.create_folder(None, "Sport").unwrap();
    add_in(&mut library, korea, "https://example.com/k", "Seoul", "text");
    let tree = library.folder_tree().unwrap();
    let order: Vec<FolderId> = tree.iter().map(|f| f.id).collect();
    assert_eq!(order, vec![world, asia, korea, europe, sport]);
    assert_eq!(tree[2].parent, Some(asia));
    assert_eq!(tree[2].clipping_count, 1);
    assert_eq!(tree[1].position, 0);
    assert_eq!(tree[3].position, 1);
}

#[test]
fn sibling_names_are_unique_ignoring_case() {
    let (_dir, mut library) = temp_library();
    let news = library.create_folder(None, "News").unwrap();
    let error = library.create_folder(None, "  nEWS ").unwrap_err();
    assert!(matches!(&error, StoreError::NameTaken { name } if name == "nEWS"), "{error:?}");
    assert_eq!(error.code(), "name_taken");
    // Unicode case folding, not only ASCII.
    library.create_folder(None, "Ärzte").unwrap();
    assert!(matches!(library.create_folder(None, "ÄRZTE"), Err(StoreError::NameTaken { .. })));
    // The same name under another parent is fine.
    library.create_folder(Some(news), "News").unwrap();
    let other = library.create_folder(None, "Other").unwrap();
    assert!(matches!(library.rename_folder(other, "news"), Err(StoreError::NameTaken { .. })));
    assert!(matches!(library.move_folder(other, Some(news), None), Ok(())));
    let second = library.create_folder(None, "Second").unwrap();
    library.create_folder(Some(second), "other").unwrap();
    let clash = library.tree_id("News/Other");
    assert!(matches!(library.move_folder(clash, Some(second), None), Err(StoreError::NameTaken { .. })));
}

#[test]
fn bad_names_are_refused() {
    let (_dir, mut library) = temp_library();
    for name in ["", "   ", "tab\there", &"x".repeat(201)] {
        let error = library.create_folder(None, name).unwrap_err();
        assert_eq!(error.code(), "invalid_name", "{name:?}: {error:?}");
    }
}

#[test]
fn rename_keeps_place_and_allows_a_case_change() {
    let (_dir, mut library) = temp_library();
    let a = library.create_folder(None, "economy").unwrap();
    library.rename_folder(a, "Economy").unwrap();
    library.rename_folder(a, "Markets").unwrap();
    assert_eq!(library.folder_tree().unwrap()[0].name, "Markets");
    assert!(matches!(library.rename_folder(FolderId(999), "x"), Err(StoreError::NotFound { what: "folder", id: 999 })));
}

#[test]
fn move_refuses_itself_and_descendants() {
    let (_dir, mut library) = temp_library();
    let a = library.create_folder(None, "A").unwrap();
    let b = library.create_folder(Some(a), "B").unwrap();
    let c = library.create_folder(Some(b), "C").unwrap();
    assert!(matches!(library.move_folder(a, Some(a), None), Err(StoreError::FolderCycle)));
    assert!(matches!(library.move_folder(a, Some(c), None), Err(StoreError::FolderCycle)));
    assert!(matches!(library.move_folder(b, Some(c), None), Err(StoreError::FolderCycle)));
    assert_eq!(library.move_folder(a, Some(b), None).unwrap_err().code(), "folder_cycle");
    // Moving up and to the top level works.
    library.move_folder(c, None, Some(0)).unwrap();
    let tree = library.folder_tree().unwrap();
    assert_eq!(tree[0].id, c);
    assert_eq!(tree[0].parent, None);
    assert!(matches!(library.move_folder(a, Some(FolderId(12345)), None), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.move_folder(FolderId(12345), None, None), Err(StoreError::NotFound { .. })));
}

#[test]
fn move_reorders_siblings() {
    let (_dir, mut library) = temp_library();
    let ids: Vec<FolderId> =
        ["one", "two", "three", "four"].iter().map(|n| library.create_folder(None, n).unwrap()).collect();
    library.move_folder(ids[3], None, Some(1)).unwrap();
    library.move_folder(ids[0], None, Some(99)).unwrap();
    let names: Vec<String> = library.folder_tree().unwrap().into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["four", "two", "three", "one"]);
}

#[test]
fn deleting_a_full_folder_trashes_its_contents() {
    let (_dir, mut library) = temp_library();
    let a = library.create_folder(None, "A").unwrap();
    let b = library.create_folder(Some(a), "B").unwrap();
    let kept = library.create_folder(None, "Kept").unwrap();
    add_in(&mut library, a, "https://example.com/1", "one", "text");
    add_in(&mut library, b, "https://example.com/2", "two", "text");
    add_in(&mut library, kept, "https://example.com/3", "three", "text");
    library.delete_folder(a).unwrap();
    let tree = library.folder_tree().unwrap();
    assert_eq!(tree.len(), 1);
    let all = library.list_clippings(&ClippingFilter::All, SortOrder::Title, 10, 0).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].title, "three");
    // A trashed folder is gone for every operation, and its name is free again.
    assert!(matches!(library.create_folder(Some(b), "X"), Err(StoreError::NotFound { .. })));
    assert!(matches!(library.delete_folder(a), Err(StoreError::NotFound { .. })));
    library.create_folder(None, "A").unwrap();
    let trash = library.list_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].clipping_count, 2);
}

#[test]
fn a_folder_path_is_found_or_created_and_says_what_it_created() {
    let (_dir, mut library) = temp_library();
    assert_eq!(library.folder_at_path("Politics/Korea").unwrap(), None);
    let made = library.ensure_folder_path("Politics/Korea").unwrap();
    assert_eq!(made.created, ["Politics", "Politics/Korea"]);
    assert_eq!(library.folder_at_path("politics / KOREA").unwrap(), Some(made.id));
    assert_eq!(library.tree_id("Politics/Korea"), made.id);
    // Existing folders are reused (ignoring case, with their own spelling); only the missing ones are created.
    let again = library.ensure_folder_path("/politics//korea/").unwrap();
    assert_eq!(again, FolderAtPath { id: made.id, created: Vec::new() });
    let deeper = library.ensure_folder_path("POLITICS/Korea/Purges 2016").unwrap();
    assert_eq!(deeper.created, ["Politics/Korea/Purges 2016"]);
    assert_eq!(library.folder_tree().unwrap().len(), 3);
    // A path with no name, or a bad name, creates nothing.
    for bad in ["", " / ", "Politics/\u{7}bell"] {
        assert_eq!(library.ensure_folder_path(bad).unwrap_err().code(), "invalid_name", "{bad:?}");
    }
    assert_eq!(library.folder_tree().unwrap().len(), 3);
    // A folder in the trash is not on the path: a new one is made.
    library.delete_folder(deeper.id).unwrap();
    assert_eq!(library.folder_at_path("Politics/Korea/Purges 2016").unwrap(), None);
    let remade = library.ensure_folder_path("Politics/Korea/Purges 2016").unwrap();
    assert_ne!(remade.id, deeper.id);
}

/// Finds a folder id by its path of names, for tests.
trait TreeId {
    fn tree_id(&self, path: &str) -> FolderId;
}

impl TreeId for cuttings::store::Library {
    fn tree_id(&self, path: &str) -> FolderId {
        let tree = self.folder_tree().unwrap();
        let mut parent = None;
        let mut found = None;
        for name in path.split('/') {
            let folder = tree.iter().find(|f| f.parent == parent && f.name.eq_ignore_ascii_case(name)).unwrap();
            parent = Some(folder.id);
            found = Some(folder.id);
        }
        found.unwrap()
    }
}
