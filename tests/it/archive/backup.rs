//! Backup and restore of a whole library (database and images), while another connection writes; restore refuses
//! every kind of bad backup and leaves the library as it was; the JSON metadata export.

use std::path::{Path, PathBuf};
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
    // A highlight with its comment travels with the backup.
    let text = source.clipping(edited).expect("the clipping").text;
    let passage = text.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let highlight = cuttings::store::NewHighlight {
        quote: passage.clone(),
        occurrence: Some(1),
        comment: Some("Kept in the backup".into()),
        ..Default::default()
    };
    source.add_highlight(edited, &highlight).expect("highlighted");
    source.backup_to(&dir.path().join("backup")).expect("backed up");

    let mut target = Library::open(&target_path).expect("open");
    for n in 50..53 {
        add_with_images(&mut target, n);
    }
    assert_eq!(image_files(&target_path).len(), 4);
    target.restore_from(&dir.path().join("backup")).expect("restored");
    assert_eq!(titles(&target), vec!["Edited", "Story 1"]);
    assert_eq!(target.edited_fields(edited).expect("edits"), vec!["title"]);
    let restored = target.highlights(edited).expect("highlights");
    assert_eq!(restored.len(), 1);
    assert_eq!(
        (restored[0].selectors.exact.as_str(), restored[0].comment.as_deref()),
        (passage.as_str(), Some("Kept in the backup"))
    );
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
    // Make the backup a version 1 library: without the tables migrations 2, 5 and 6 add and the columns of migrations 3, 4 and 7.
    rusqlite::Connection::open(backup.join("library.db"))
        .and_then(|c| {
            c.execute_batch(
                "DROP TABLE highlights; DROP TABLE queue_jobs; DROP TABLE queue_batches; DROP TABLE similar_clippings; DROP TABLE fingerprint_bands; DROP TABLE clipping_fingerprints;
                 DROP TABLE clipping_edits; DROP TABLE clipping_images; DROP TABLE images; ALTER TABLE clippings DROP COLUMN page_kind;
         ALTER TABLE clippings DROP COLUMN low_confidence; ALTER TABLE clippings DROP COLUMN source;
         ALTER TABLE clippings DROP COLUMN whole_page; PRAGMA user_version = 1;",
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

/// A good backup of a library with one clipping (and its two images), in `dir/<name>`.
fn good_backup(dir: &Path, name: &str) -> PathBuf {
    let mut source = Library::open(&dir.join(format!("{name}-source/library.db"))).expect("open");
    add_with_images(&mut source, 1);
    let backup = dir.join(name);
    source.backup_to(&backup).expect("backed up");
    backup
}

/// Runs SQL on a backup's database, as someone tampering with it would.
fn tamper(backup: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(backup.join("library.db")).expect("open the backup");
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// A library with one clipping of its own ("Story 7"), to restore over.
fn target(dir: &Path) -> (PathBuf, Library) {
    let path = dir.join("target/library.db");
    let mut library = Library::open(&path).expect("open");
    add_with_images(&mut library, 7);
    (path, library)
}

/// A backup with an added trigger, view, table, index, or a changed or missing one is refused, names what is
/// unexpected, and leaves the library as it was; the trigger never runs (it once did, on the next note).
#[test]
fn restore_refuses_a_backup_whose_schema_is_not_the_one_cuttings_makes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (target_path, mut target) = target(dir.path());
    let story = target.list_clippings(&ClippingFilter::All, SortOrder::Title, 1, 0).expect("list")[0].id;
    let files_before = image_files(&target_path);
    let cases = [
        (
            "trigger",
            "CREATE TRIGGER evil AFTER INSERT ON notes BEGIN UPDATE clippings SET title = 'owned'; END;",
            r#"an unexpected trigger "evil""#,
        ),
        ("trigger-on-update", "CREATE TRIGGER sly AFTER UPDATE ON clipping_bodies BEGIN DELETE FROM tags; END;", "sly"),
        ("view", "CREATE VIEW everything AS SELECT * FROM clippings;", r#"an unexpected view "everything""#),
        (
            "table",
            "CREATE TABLE extra (x TEXT); INSERT INTO extra VALUES ('payload');",
            r#"an unexpected table "extra""#,
        ),
        ("index", "CREATE INDEX clippings_title ON clippings (title);", r#"an unexpected index "clippings_title""#),
        ("missing-index", "DROP INDEX clippings_saved;", r#"no index "clippings_saved""#),
        (
            "changed-table",
            "DROP TABLE clipping_edits; CREATE TABLE clipping_edits (clipping_id INTEGER, field TEXT, created_at TEXT,
             modified_at TEXT, PRIMARY KEY (clipping_id, field)) WITHOUT ROWID;",
            r#"the table "clipping_edits" is changed"#,
        ),
    ];
    for (name, sql, says) in cases {
        let backup = good_backup(dir.path(), name);
        tamper(&backup, sql);
        let error = target.restore_from(&backup).expect_err("refused");
        assert!(matches!(error, StoreError::BadBackup { .. }), "{name}: {error:?}");
        assert!(error.to_string().contains(says), "{name}: {error} should say {says:?}");
        assert!(error.to_string().contains("not a library as Cuttings makes it"), "{error}");
        assert_eq!(titles(&target), vec!["Story 7"], "{name}: the library is as it was");
        assert_eq!(image_files(&target_path), files_before, "{name}");
    }
    // Nothing of the backups came in: no trigger fires on the next note, no view or table is there.
    target.add_note(story, "a note that would have fired the trigger").expect("note");
    assert_eq!(titles(&target), vec!["Story 7"]);
    let conn = rusqlite::Connection::open(&target_path).expect("open");
    let extra: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('evil', 'sly', 'everything', 'extra', 'clippings_title')",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(extra, 0);
}

/// A library that `ANALYZE` ran on (as `optimize` may) has SQLite's statistics table; its backup restores.
#[test]
fn restore_takes_a_backup_with_planner_statistics() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut source = Library::open(&dir.path().join("source/library.db")).expect("open");
    for n in 0..3 {
        add_with_images(&mut source, n);
    }
    rusqlite::Connection::open(source.path()).and_then(|c| c.execute_batch("ANALYZE")).expect("analyze");
    source.backup_to(&dir.path().join("backup")).expect("backed up");
    let stats: i64 = rusqlite::Connection::open(dir.path().join("backup/library.db"))
        .and_then(|c| c.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'", [], |r| r.get(0)))
        .expect("schema");
    assert_eq!(stats, 1, "the test needs a backup with statistics");
    let (_target_dir, mut target) = crate::util::temp_library();
    target.restore_from(&dir.path().join("backup")).expect("restored");
    assert_eq!(titles(&target), vec!["Story 0", "Story 1", "Story 2"]);
}

/// Raw `<script>`, event handlers and `javascript:` links put into a backup's articles (HTML and Markdown) come
/// back sanitised by the extractor's own sanitiser; an article Cuttings stored (images pointed at the store) comes
/// back byte for byte.
#[test]
fn restore_sanitises_the_articles_of_a_backup_again() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut source = Library::open(&dir.path().join("source/library.db")).expect("open");
    // A genuine clipping whose article shows a stored image, as saving makes it.
    let png = image_file("tiny.png");
    let images = [NewImage::stored("https://x.test/photo.png", false, "image/png", png)];
    let mut genuine = new_clipping("https://x.test/genuine", "Genuine", "Genuine text");
    genuine.article.html = cuttings::extract::output::sanitise_html(
        r#"<p>Genuine <a href="https://x.test/more">text</a></p><figure><img src="https://x.test/photo.png" alt="A photo"><figcaption>Caption</figcaption></figure>"#,
        &url::Url::parse("https://x.test/genuine").expect("url"),
    );
    cuttings::archive::point_article_to_store(&mut genuine.article, &images);
    assert!(genuine.article.html.contains("cuttings-image://localhost/"), "{}", genuine.article.html);
    let genuine = match source.add_clipping_with_images(genuine, &images).expect("saved") {
        AddOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    };
    let hostile = crate::store::add(&mut source, new_clipping("https://x.test/hostile", "Hostile", "Hostile text"));
    let before = source.clipping(genuine).expect("clipping");
    let backup = dir.path().join("backup");
    source.backup_to(&backup).expect("backed up");
    tamper(
        &backup,
        &format!(
            r#"UPDATE clipping_bodies SET
                 html = '<p>Hi</p><script>alert(1)</script><img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a><iframe src="https://evil.test/"></iframe><img src="cuttings-image://localhost/{sha}" onload="alert(4)">',
                 markdown = '<script>alert(5)</script>'
               WHERE clipping_id = {id};"#,
            sha = "0".repeat(64),
            id = hostile.0
        ),
    );

    let (_target_dir, mut target) = crate::util::temp_library();
    target.restore_from(&backup).expect("restored, sanitised");
    let restored = target.clipping(hostile).expect("clipping");
    for bad in ["<script", "alert", "onerror", "onload", "javascript:", "<iframe", "cuttings-image:"] {
        assert!(!restored.html.contains(bad), "{bad} in {}", restored.html);
        assert!(!restored.markdown.contains(bad), "{bad} in {}", restored.markdown);
    }
    assert!(restored.html.contains("<p>Hi</p>"), "{}", restored.html);
    assert!(restored.html.contains(r#"src="https://x.test/x.png""#), "made absolute: {}", restored.html);
    let same = target.clipping(genuine).expect("clipping");
    assert_eq!((same.html, same.markdown), (before.html, before.markdown), "a genuine article is unchanged");
}

/// An image file of the backup is taken only under its content-addressed name and only when its bytes hash to it:
/// a tampered file, or one that is a link elsewhere, is refused and nothing of the backup comes in.
#[test]
fn restore_takes_no_image_that_does_not_hash_to_its_name() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (target_path, mut target) = target(dir.path());
    let files_before = image_files(&target_path);

    let tampered = good_backup(dir.path(), "tampered");
    let file = image_files(&tampered.join("library.db"))[0].clone();
    let mut bytes = std::fs::read(&file).expect("read");
    bytes.extend_from_slice(b"<svg onload=alert(1)>");
    std::fs::write(&file, bytes).expect("tamper");
    let error = target.restore_from(&tampered).expect_err("refused");
    assert!(error.to_string().contains("do not match its name"), "{error}");

    let linked = good_backup(dir.path(), "linked");
    let file = image_files(&linked.join("library.db"))[0].clone();
    let elsewhere = dir.path().join("elsewhere.bin");
    std::fs::rename(&file, &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, &file).expect("link");
    let error = target.restore_from(&linked).expect_err("refused");
    assert!(error.to_string().contains("not a plain file"), "{error}");

    assert_eq!(titles(&target), vec!["Story 7"]);
    assert_eq!(image_files(&target_path), files_before, "no file of the backups was taken");
}

/// A backup whose pages are damaged is refused by SQLite's integrity check; the library stays as it was.
#[test]
fn restore_refuses_a_corrupt_backup() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (_target_path, mut target) = target(dir.path());
    let backup = good_backup(dir.path(), "corrupt");
    let database = backup.join("library.db");
    let (page_size, root): (i64, i64) = rusqlite::Connection::open(&database)
        .and_then(|c| {
            Ok((
                c.query_row("PRAGMA page_size", [], |r| r.get(0))?,
                c.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'clippings_url_key'", [], |r| r.get(0))?,
            ))
        })
        .expect("read the backup");
    // Scribble over the index's page after its header: the file still opens, its content no longer adds up.
    let mut bytes = std::fs::read(&database).expect("read");
    let start = ((root - 1) * page_size) as usize + 8;
    for b in &mut bytes[start..start + 64] {
        *b = 0x5a;
    }
    std::fs::write(&database, bytes).expect("write");
    let error = target.restore_from(&backup).expect_err("refused");
    assert!(error.to_string().contains("integrity check failed"), "{error}");
    assert_eq!(titles(&target), vec!["Story 7"]);
    assert_eq!(target.integrity_check().expect("check"), "ok");
}

/// While another process has the library open (the desktop app), a restore is refused, by the core and by
/// `cuttings restore`, before anything is written (no safety copy either); once it has closed, the restore runs.
#[test]
fn restore_is_refused_while_another_process_has_the_library_open() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (target_path, mut target) = target(dir.path());
    let backup = good_backup(dir.path(), "backup");

    let mut holder = crate::store::processes::hold_open(&target_path);
    let error = target.restore_from(&backup).expect_err("refused");
    assert!(matches!(error, StoreError::InUse { .. }), "{error:?}");
    assert!(error.to_string().contains("open in another program"), "{error}");
    assert_eq!(titles(&target), vec!["Story 7"]);
    drop(target);

    let out = crate::util::cuttings(&target_path, &["restore", "--yes", backup.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the library") && said.contains("is open in another program (the Cuttings app?)"), "{said}");
    let kept: Vec<_> = std::fs::read_dir(target_path.parent().expect("folder"))
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert!(kept.is_empty(), "no safety copy for a refused restore: {kept:?}");
    assert_eq!(titles(&Library::open(&target_path).expect("open")), vec!["Story 7"]);

    // The holder closes the library; now the restore goes ahead.
    drop(holder.stdin.take());
    holder.wait().expect("the holder ends");
    let out = crate::util::cuttings(&target_path, &["restore", "--yes", backup.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(titles(&Library::open(&target_path).expect("open")), vec!["Story 1"]);
}

/// A second `Library` in the same process (the app's export worker) counts as another holder too, and a library
/// is open again normally after a refused or finished restore.
#[test]
fn restore_is_refused_while_another_connection_of_this_process_is_open() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (target_path, mut target) = target(dir.path());
    let backup = good_backup(dir.path(), "backup");
    let worker = Library::open(&target_path).expect("a second connection");
    let error = target.restore_from(&backup).expect_err("refused");
    assert!(matches!(error, StoreError::InUse { .. }), "{error:?}");
    drop(worker);
    target.restore_from(&backup).expect("restored once the other connection closed");
    assert_eq!(titles(&target), vec!["Story 1"]);
    // The lock is shared again: another connection opens at once.
    let other = Library::open(&target_path).expect("opens");
    assert_eq!(titles(&other), vec!["Story 1"]);
}
