//! Backup and restore of a whole library (database and images), while another connection writes; restore refuses
//! every kind of bad backup and leaves the library as it was; the JSON metadata export.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use cuttings::store::{AddOutcome, ClippingEdit, ClippingFilter, ClippingId, Library, NewImage, SortOrder, StoreError};

use super::{image_file, image_files};
use crate::store::new_clipping;

/// Saves a clipping with one image of its own (`tiny.png` plus `n` trailing bytes, so each is distinct) and one
/// shared image.
fn add_with_images(library: &mut Library, n: u32) -> ClippingId {
    let mut own = image_file("tiny.png");
    own.extend(n.to_le_bytes());
    let images = [
        NewImage::stored(&format!("https://x.test/own-{n}.png"), false, "image/png", own),
        NewImage::stored("https://x.test/shared.gif", true, "image/gif", image_file("tiny.gif")),
    ];
    let new = new_clipping(&format!("https://x.test/story-{n}"), &format!("Story {n}"), &format!("Text {n}"));
    match library.add_clipping_with_images(new, &images).expect("saved") {
        AddOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    }
}

fn titles(library: &Library) -> Vec<String> {
    let list = library.list_clippings(&ClippingFilter::All, SortOrder::Title, 100_000, 0).expect("list");
    list.into_iter().map(|c| c.title).collect()
}

/// Every image the library refers to can be read back and matches its SHA-256.
fn assert_images_sound(library: &Library) {
    for summary in library.list_clippings(&ClippingFilter::All, SortOrder::Title, 100_000, 0).expect("list") {
        for record in library.clipping_images(summary.id).expect("records") {
            let sha = record.sha256.expect("stored");
            assert!(library.image(&sha).expect("readable").is_some(), "image {sha} of #{}", summary.id);
        }
    }
}

#[test]
fn a_backup_taken_during_writes_restores_to_a_sound_library() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("open");
    for n in 0..20 {
        add_with_images(&mut library, n);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut library = Library::open(&path).expect("open for writing");
            let mut n = 1000;
            while !stop.load(Ordering::SeqCst) {
                add_with_images(&mut library, n);
                if n % 7 == 0 {
                    library.trash_clippings(&[ClippingId(i64::from(n - 999))]).expect("trash");
                    library.empty_trash().expect("empty");
                }
                n += 1;
            }
            n - 1000
        })
    };
    let mut backups = Vec::new();
    for i in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let target = dir.path().join(format!("backup-{i}"));
        let report = library.backup_to(&target).expect("backed up while another connection writes");
        assert!(report.clippings >= 20 && report.images >= 2, "{report:?}");
        backups.push((target, report));
    }
    stop.store(true, Ordering::SeqCst);
    let written = writer.join().expect("writer thread");
    assert!(written > 0, "the writer wrote during the backups");

    for (backup, report) in &backups {
        let restored_path = dir.path().join(format!("restored-{}", report.clippings)).join("library.db");
        let mut restored = Library::open(&restored_path).expect("a new library");
        let again = restored.restore_from(backup).expect("restored");
        assert_eq!((again.clippings, again.images), (report.clippings, report.images));
        drop(restored);
        let restored = Library::open(&restored_path).expect("reopens");
        assert_eq!(restored.integrity_check().expect("check"), "ok");
        assert_eq!(
            titles(&restored).len() as u64 + restored.list_trash().expect("trash").len() as u64,
            report.clippings
        );
        assert_images_sound(&restored);
        assert_eq!(image_files(&restored_path).len() as u64, report.images);
    }
}

#[test]
fn restore_replaces_the_library_and_drops_images_it_no_longer_uses() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (source_path, target_path) = (dir.path().join("a/library.db"), dir.path().join("b/library.db"));
    let mut source = Library::open(&source_path).expect("open");
    add_with_images(&mut source, 1);
    let edited = add_with_images(&mut source, 2);
    source.edit_clipping(edited, &ClippingEdit { title: Some("Edited".into()), ..Default::default() }).expect("edit");
    source.backup_to(&dir.path().join("backup")).expect("backed up");

    let mut target = Library::open(&target_path).expect("open");
    for n in 50..53 {
        add_with_images(&mut target, n);
    }
    assert_eq!(image_files(&target_path).len(), 4);
    target.restore_from(&dir.path().join("backup")).expect("restored");
    assert_eq!(titles(&target), vec!["Edited", "Story 1"]);
    assert_eq!(target.edited_fields(edited).expect("edits"), vec!["title"]);
    assert_eq!(image_files(&target_path).len(), 3, "own-1, own-2 and the shared image; the old own images are gone");
    assert_images_sound(&target);
    // A second connection that had the library open sees the restored content.
    let other = Library::open(&target_path).expect("open");
    assert_eq!(titles(&other), vec!["Edited", "Story 1"]);
}

#[test]
fn restore_refuses_bad_backups_and_leaves_the_library_as_it_was() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut source = Library::open(&dir.path().join("source/library.db")).expect("open");
    add_with_images(&mut source, 1);
    let good = dir.path().join("good");
    source.backup_to(&good).expect("backed up");
    let copy_of_good = |name: &str| {
        let to = dir.path().join(name);
        copy_dir(&good, &to);
        to
    };

    let garbage = dir.path().join("garbage");
    std::fs::create_dir_all(&garbage).expect("mkdir");
    std::fs::write(garbage.join("library.db"), b"this is not a database at all, just some words ".repeat(100))
        .expect("write");
    let newer = copy_of_good("newer");
    rusqlite::Connection::open(newer.join("library.db"))
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump the version");
    let missing = copy_of_good("missing-image");
    std::fs::remove_file(&image_files(&missing.join("library.db"))[0]).expect("remove an image");
    let damaged = copy_of_good("damaged-image");
    std::fs::write(&image_files(&damaged.join("library.db"))[0], b"\x89PNG\r\n\x1a\nnot the same").expect("damage");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");

    let target_path = dir.path().join("target/library.db");
    let mut target = Library::open(&target_path).expect("open");
    add_with_images(&mut target, 7);
    let files_before = image_files(&target_path);
    for (backup, says) in [
        (&garbage, "not an SQLite database"),
        (&newer, "newer version"),
        (&missing, "missing from the backup"),
        (&damaged, "damaged"),
        (&empty, "no library.db"),
    ] {
        let error = target.restore_from(backup).expect_err("refused");
        assert!(matches!(error, StoreError::BadBackup { .. }), "{error:?}");
        assert!(error.to_string().contains(says), "{error} should say {says:?}");
        assert_eq!(titles(&target), vec!["Story 7"], "after {}", backup.display());
        assert_eq!(image_files(&target_path), files_before);
    }
    assert_eq!(target.integrity_check().expect("check"), "ok");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("target"))
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".restore-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary copies are removed: {leftovers:?}");
    // And a backup never goes into a folder that has something in it.
    let error = source.backup_to(&good).expect_err("refused");
    assert!(error.to_string().contains("not empty"), "{error}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn the_metadata_json_has_folders_tags_notes_images_and_links() {
    let (_dir, mut library) = crate::util::temp_library();
    let folder = library.create_folder(None, "Politics").expect("folder");
    let id = add_with_images(&mut library, 1);
    library.move_clippings(&[id], Some(folder)).expect("move");
    library.add_tags(&[id], &["Korea".to_string()]).expect("tag");
    library.add_note(id, "Check the *second* source").expect("note");
    library.edit_clipping(id, &ClippingEdit { byline: Some(Some("Me".into())), ..Default::default() }).expect("edit");
    add_with_images(&mut library, 2);
    let mut out = Vec::new();
    cuttings::archive::write_metadata_json(&library, &mut out).expect("written");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(json["format"], "cuttings-metadata");
    assert_eq!(json["folders"][0]["name"], "Politics");
    assert_eq!(json["tags"][0]["name"], "Korea");
    let first = &json["clippings"][0];
    assert_eq!(first["id"], id.0);
    assert_eq!(first["folder"], folder.0);
    assert_eq!(first["tags"][0], "Korea");
    assert_eq!(first["notes"][0]["body"], "Check the *second* source");
    assert_eq!(first["edited_fields"][0], "byline");
    assert_eq!(first["images"].as_array().map(Vec::len), Some(2));
    assert_eq!(first["images"][1]["media_type"], "image/gif");
    assert_eq!(json["clippings"].as_array().map(Vec::len), Some(2));
    let (_dir, empty) = crate::util::temp_library();
    let mut out = Vec::new();
    cuttings::archive::write_metadata_json(&empty, &mut out).expect("written");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON for an empty library");
    assert_eq!(json["clippings"], serde_json::json!([]));
}

#[test]
fn cuttings_backup_and_restore() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("open");
    add_with_images(&mut library, 1);
    drop(library);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", &path)
            .output()
            .expect("cuttings runs")
    };
    let backup = dir.path().join("backup");
    let out = run(&["backup", backup.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("backed up 1 clipping(s) and 2 image(s)"));
    let mut library = Library::open(&path).expect("open");
    add_with_images(&mut library, 2);
    drop(library);
    let refused = run(&["restore", backup.to_str().expect("utf-8")]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("add --yes"));
    let out = run(&["restore", "--yes", backup.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(titles(&Library::open(&path).expect("open")), vec!["Story 1"]);

    // Nothing is lost: the library as it was before the restore was backed up first, and says where.
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let safety = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("library.before-restore-")))
        .unwrap_or_else(|| panic!("no safety copy beside the library: {said}"));
    assert!(said.contains(&safety.display().to_string()), "{said}");
    let out = run(&["restore", "--yes", safety.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut back = titles(&Library::open(&path).expect("open"));
    back.sort();
    assert_eq!(back, vec!["Story 1", "Story 2"]);
}

#[test]
fn a_backup_from_an_older_version_is_migrated_on_restore() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut source = Library::open(&dir.path().join("old/library.db")).expect("open");
    crate::store::add(&mut source, new_clipping("https://x.test/old", "From version 1", "Old text"));
    let backup = dir.path().join("backup");
    source.backup_to(&backup).expect("backed up");
    // Make the backup a version 1 library: without the tables migration 2 adds.
    rusqlite::Connection::open(backup.join("library.db"))
        .and_then(|c| {
            c.execute_batch(
                "DROP TABLE similar_clippings; DROP TABLE fingerprint_bands; DROP TABLE clipping_fingerprints;
                 DROP TABLE clipping_edits; DROP TABLE clipping_images; DROP TABLE images; PRAGMA user_version = 1;",
            )
        })
        .expect("downgrade");
    let (_target_dir, mut target) = crate::util::temp_library();
    target.restore_from(&backup).expect("restored and migrated");
    assert_eq!(titles(&target), vec!["From version 1"]);
    let id = target.list_clippings(&ClippingFilter::All, SortOrder::Title, 1, 0).expect("list")[0].id;
    assert_eq!(target.clipping_images(id).expect("the new tables are there"), vec![]);
    assert_eq!(target.fingerprint_missing().expect("fingerprinted"), 1);
}
