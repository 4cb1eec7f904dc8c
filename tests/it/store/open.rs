//! Opening library files: new, reopened, migrated, not SQLite, another program's database, a newer schema, a
//! read-only folder, a busy library.

use std::time::{Duration, Instant};

use cuttings::store::{ClippingFilter, Library, SortOrder, StoreError, schema};

use super::{add, new_clipping};
use crate::util::temp_library;

#[test]
fn creates_missing_folders_and_reopens_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/library.db");
    let mut library = Library::open(&path).unwrap();
    let id = add(&mut library, new_clipping("https://example.com/a", "First", "some text"));
    drop(library);
    let library = Library::open(&path).unwrap();
    assert_eq!(library.clipping(id).unwrap().summary.title, "First");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    assert_eq!(mode, "wal");
    assert_eq!(library.integrity_check().unwrap(), "ok");
}

#[test]
fn opening_twice_at_once_works() {
    let (dir, mut first) = temp_library();
    let second = Library::open(&dir.path().join("library.db")).unwrap();
    add(&mut first, new_clipping("https://example.com/a", "Shared", "text"));
    let seen = second.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 10, 0).unwrap();
    assert_eq!(seen.len(), 1);
}

#[test]
fn migrates_an_empty_version_zero_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::write(&path, b"").unwrap();
    let library = Library::open(&path).unwrap();
    assert!(library.folder_tree().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app, schema::APPLICATION_ID);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let bytes = "These are my notes, not a database.\n".repeat(200).into_bytes();
    std::fs::write(&path, &bytes).unwrap();
    let error = Library::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::NotALibrary { .. }), "{error:?}");
    assert_eq!(error.code(), "not_a_library");
    assert!(error.to_string().contains("notes.txt"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let error = Library::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::NotALibrary { .. }), "{error:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_schema_is_refused_and_the_file_untouched() {
    let (dir, library) = temp_library();
    let path = dir.path().join("library.db");
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::SCHEMA_VERSION + 7).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let error = Library::open(&path).unwrap_err();
    match &error {
        StoreError::NewerSchema { found, supported, .. } => {
            assert_eq!(*found, schema::SCHEMA_VERSION + 7);
            assert_eq!(*supported, schema::SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(error.to_string().contains("newer version of Cuttings"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the newer library was modified");
}

#[test]
fn a_folder_instead_of_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = Library::open(dir.path()).unwrap_err();
    assert_eq!(error.code(), "io");
    assert!(error.to_string().contains("folder"), "{error}");
}

#[test]
fn default_path_follows_the_environment_variable() {
    // Run in a child so that setting the variable cannot race other tests of this process.
    let wanted = std::path::Path::new("/some/where/my-library.db");
    assert_eq!(super::processes::run_role("default_path", wanted, None).trim(), wanted.display().to_string());
    let default = super::processes::run_role("default_path", std::path::Path::new(""), None);
    assert!(default.trim().ends_with("cuttings/library.db"), "{default}");
}

#[test]
fn a_held_write_lock_gives_busy_after_the_timeout() {
    let (dir, mut library) = temp_library();
    let other = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let error = library.create_folder(None, "Blocked").unwrap_err();
    assert!(matches!(error, StoreError::Busy), "{error:?}");
    assert_eq!(error.code(), "busy");
    assert!(error.to_string().contains("busy"), "{error}");
    assert!(started.elapsed() >= schema::BUSY_TIMEOUT - Duration::from_millis(100));
    other.execute_batch("ROLLBACK").unwrap();
    library.create_folder(None, "Blocked").unwrap();
}

/// Whether this process runs as root (who can write into read-only folders, so a child must drop to `nobody`).
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

#[test]
fn a_read_only_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let path = locked.join("library.db");
    let code = if running_as_root() {
        // Root ignores permissions: open from a child process running as `nobody`.
        super::processes::run_role("open", &path, Some(65534)).trim().to_string()
    } else {
        match Library::open(&path) {
            Ok(_) => "opened".to_string(),
            Err(e) => format!("{}: {e}", e.code()),
        }
    };
    assert!(code.starts_with("read_only: cannot write to library"), "{code}");
    assert!(code.contains("locked/library.db"), "{code}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The desktop app asks `changed_by_others` every few seconds: true once after another connection commits, never
/// for the library's own writes.
#[test]
fn data_version_tells_changes_by_other_connections() {
    let (dir, mut app) = temp_library();
    assert!(!app.changed_by_others().unwrap(), "nothing happened yet");
    add(&mut app, new_clipping("https://example.com/own", "Own", "own words"));
    assert!(!app.changed_by_others().unwrap(), "its own write does not count");
    let mut other = Library::open(&dir.path().join("library.db")).unwrap();
    assert!(!app.changed_by_others().unwrap(), "opening is not a change");
    other.create_folder(None, "From the command line").unwrap();
    assert!(app.changed_by_others().unwrap(), "another connection wrote");
    assert!(!app.changed_by_others().unwrap(), "told once");
    // A plain SQLite connection (another program) counts too.
    let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    conn.execute("UPDATE clippings SET title = 'Changed'", []).unwrap();
    assert!(app.changed_by_others().unwrap());
    app.create_folder(None, "Mine").unwrap();
    assert!(!app.changed_by_others().unwrap());
    // Copying the log back into the file (what the background checkpointer does) changes no content.
    let _: (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert!(!app.changed_by_others().unwrap(), "a checkpoint is not a change");
}
