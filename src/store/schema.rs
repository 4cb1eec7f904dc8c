//! The library's schema: an append-only list of migrations, tracked by `PRAGMA user_version`.
//!
//! Opening a library checks, before writing anything, that the file is an SQLite database made by Cuttings and not
//! by a newer version of it; then it turns on WAL and foreign keys and applies the missing migrations in one
//! transaction. Never edit or reorder a shipped migration: append a new one.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::StoreError;

/// `PRAGMA application_id` of a Cuttings library ("CUTS").
pub const APPLICATION_ID: i32 = 0x4355_5453;

/// How long a write waits for another program's write lock before giving up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The migrations, in order; migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] =
    &[MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4, MIGRATION_5, MIGRATION_6, MIGRATION_7];

/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: folders, clippings, tags, notes, trash and the two full-text indexes.
///
/// `trash_id` is set on every row that is in the trash; live rows have it NULL. `*_key` columns hold the lowercased
/// name or normalised URL that uniqueness and duplicate checks compare. The bulky parts of a clipping (HTML, text,
/// Markdown, compressed page) live in `clipping_bodies`, so that lists, filters and the search join read small
/// `clippings` rows (tens of clippings per page instead of one clipping over many pages). The full-text tables are contentless
/// (`clipping_fts`, words, ranked with bm25) or hold only the words written in scripts without spaces
/// (`clipping_cjk`, trigram), and use the clipping id as rowid.
const MIGRATION_1: &str = r#"
CREATE TABLE trash (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('clipping', 'folder')),
    clipping_id INTEGER,
    folder_id INTEGER,
    title TEXT NOT NULL,
    original_parent INTEGER,
    original_path TEXT NOT NULL,
    trashed_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

CREATE TABLE folders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    trash_id INTEGER REFERENCES trash(id),
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE UNIQUE INDEX folders_sibling_name ON folders (ifnull(parent_id, 0), name_key) WHERE trash_id IS NULL;
CREATE INDEX folders_parent ON folders (parent_id, position);
CREATE INDEX folders_trash ON folders (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE clippings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    canonical_url TEXT,
    canonical_key TEXT,
    host TEXT,
    title TEXT NOT NULL,
    byline TEXT,
    site_name TEXT,
    published TEXT,
    saved_at TEXT NOT NULL,
    lang TEXT,
    excerpt TEXT,
    lead_image TEXT,
    word_count INTEGER NOT NULL,
    original_size INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    trash_id INTEGER REFERENCES trash(id),
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX clippings_folder ON clippings (folder_id, saved_at);
CREATE INDEX clippings_saved ON clippings (saved_at);
CREATE INDEX clippings_url_key ON clippings (url_key);
CREATE INDEX clippings_canonical_key ON clippings (canonical_key) WHERE canonical_key IS NOT NULL;
CREATE INDEX clippings_trash ON clippings (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE clipping_bodies (
    clipping_id INTEGER PRIMARY KEY REFERENCES clippings(id) ON DELETE CASCADE,
    html TEXT NOT NULL,
    text TEXT NOT NULL,
    markdown TEXT NOT NULL,
    original_page BLOB NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

CREATE TABLE clipping_tags (
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    PRIMARY KEY (clipping_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX clipping_tags_tag ON clipping_tags (tag_id, clipping_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX notes_clipping ON notes (clipping_id);

CREATE VIRTUAL TABLE clipping_fts USING fts5 (
    title, byline, outlet, text, notes, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE clipping_cjk USING fts5 (body, tokenize = 'trigram');
"#;

/// Version 2: the offline archive (issue #6): stored images, hand-edited fields, text fingerprints, similar links.
///
/// `images` has one row per stored image file (content-addressed by SHA-256; the bytes live beside the library in
/// `<library>.files/images/<2 hex>/<sha256>`). `clipping_images` records, per clipping, every image address it
/// used and either the stored image (`sha256`) or why it could not be stored (`failure`); an image row and its file
/// go only when no clipping refers to them any more (see `Library::empty_trash`). `clipping_edits` names the
/// fields the user changed by hand, which re-extraction leaves alone. `clipping_fingerprints` holds the MinHash
/// signature of the text (64 values of 16 bits) and `fingerprint_bands` its 16 LSH band buckets, indexed, so that
/// near-duplicates are found by exact bucket matches and then checked on their signatures. `similar_clippings`
/// links near-duplicates, one row per direction.
const MIGRATION_2: &str = r#"
CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE clipping_images (
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    is_lead INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT REFERENCES images(sha256),
    failure TEXT,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    PRIMARY KEY (clipping_id, position),
    CHECK ((sha256 IS NULL) <> (failure IS NULL))
) WITHOUT ROWID;
CREATE UNIQUE INDEX clipping_images_url ON clipping_images (clipping_id, url);
CREATE INDEX clipping_images_sha256 ON clipping_images (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE clipping_edits (
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    PRIMARY KEY (clipping_id, field)
) WITHOUT ROWID;

CREATE TABLE clipping_fingerprints (
    clipping_id INTEGER PRIMARY KEY REFERENCES clippings(id) ON DELETE CASCADE,
    minhash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

CREATE TABLE fingerprint_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    clipping_id INTEGER NOT NULL REFERENCES clipping_fingerprints(clipping_id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, clipping_id)
) WITHOUT ROWID;
CREATE INDEX fingerprint_bands_clipping ON fingerprint_bands (clipping_id);

CREATE TABLE similar_clippings (
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    PRIMARY KEY (clipping_id, other_id),
    CHECK (clipping_id <> other_id)
) WITHOUT ROWID;
CREATE INDEX similar_clippings_other ON similar_clippings (other_id);
"#;

/// Version 3: the kind of page each clipping was taken from (`article`, `forum`, `product`, `documentation`,
/// `listing`, `collection`, `service`: [`crate::extract::PageKind`]'s names) and whether its extraction was unsure
/// (`low_confidence`, 0 or 1). Clippings saved before are articles read with confidence, as the extractor then
/// only kept articles; `cuttings reextract --all` classifies them.
const MIGRATION_3: &str = r#"
ALTER TABLE clippings ADD COLUMN page_kind TEXT NOT NULL DEFAULT 'article'
    CHECK (page_kind IN ('article', 'forum', 'product', 'documentation', 'listing', 'collection', 'service'));
ALTER TABLE clippings ADD COLUMN low_confidence INTEGER NOT NULL DEFAULT 0 CHECK (low_confidence IN (0, 1));
"#;

/// Version 4: how each clipping's page reached Cuttings (`web`, `file` or `browser`: [`super::ClipSource`]'s
/// names). Clippings saved before have none: the library did not record it.
const MIGRATION_4: &str = r#"
ALTER TABLE clippings ADD COLUMN source TEXT CHECK (source IN ('web', 'file', 'browser'));
"#;

/// Version 5: the clipping queue (`super::queue`). A batch is one request to clip many addresses (a list, an
/// import); each job is one address with its filing (folder, tags as a JSON array, note, the saved time to keep)
/// and, for an import whose export held the article, its text (then nothing is fetched), and the passages the
/// user highlighted there (a JSON array of `{quote, comment}`). `state` moves from
/// `queued` to `running` to `done`, `duplicate`, `failed` or `cancelled`; a failed try that may succeed later goes
/// back to `queued` with `not_before`. `archived_copy` is the Wayback Machine's copy found for a gone page, and
/// `use_archived_copy` asks the next try to clip it.
const MIGRATION_5: &str = r#"
CREATE TABLE queue_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

CREATE TABLE queue_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL REFERENCES queue_batches(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    host TEXT NOT NULL,
    folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    saved_at TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    content_html TEXT,
    highlights TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'duplicate', 'cancelled')),
    tries INTEGER NOT NULL DEFAULT 0,
    not_before TEXT,
    error_code TEXT,
    error_message TEXT,
    archived_copy TEXT,
    use_archived_copy INTEGER NOT NULL DEFAULT 0 CHECK (use_archived_copy IN (0, 1)),
    clipping_id INTEGER REFERENCES clippings(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX queue_jobs_due ON queue_jobs (state, host, id);
CREATE INDEX queue_jobs_batch ON queue_jobs (batch_id, state);
CREATE INDEX queue_jobs_pending_url ON queue_jobs (url_key) WHERE state IN ('queued', 'running');
"#;

/// Version 6: highlights, passages of a clipping marked with a colour and an optional comment. Each is stored as
/// W3C Web Annotation selectors on the clipping's text (`crate::highlights`): the passage (`exact`) with its
/// context (`prefix`, `suffix`) and its place in characters (`start_char`, `end_char`), both NULL when it could not
/// be placed again after the text changed (detached: kept, shown apart).
const MIGRATION_6: &str = r#"
CREATE TABLE highlights (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start_char INTEGER,
    end_char INTEGER,
    colour TEXT NOT NULL DEFAULT 'yellow' CHECK (colour IN ('yellow', 'green', 'blue', 'pink')),
    comment TEXT,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    CHECK ((start_char IS NULL) = (end_char IS NULL))
);
CREATE INDEX highlights_clipping ON highlights (clipping_id, start_char);
"#;

/// Version 7: whether a clipping's body is the whole page's readable text (`whole_page`, 0 or 1), which the reader
/// chose where the extractor found no article or was unsure; a re-extraction keeps such a clipping whole. Clippings
/// saved before are taken as articles: the library did not record it.
const MIGRATION_7: &str = r#"
ALTER TABLE clippings ADD COLUMN whole_page INTEGER NOT NULL DEFAULT 0 CHECK (whole_page IN (0, 1));
"#;

/// Opens (creating if missing) the SQLite file at `path` and brings its schema up to [`SCHEMA_VERSION`].
pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    if path.is_dir() {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("this is a folder; a library is a file"),
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| match source.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                StoreError::ReadOnly { path: path.to_path_buf() }
            }
            _ => StoreError::Io { path: parent.to_path_buf(), source },
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from(e).at_path(path))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    check_file(&conn, path)?;
    configure(&conn).map_err(|e| e.at_path(path))?;
    migrate(&mut conn, path).map_err(|e| e.at_path(path))?;
    super::merging::configure(&conn);
    Ok(conn)
}

/// Refuses, before anything is written, a file that is not a Cuttings library or is newer than this build.
fn check_file(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read = || -> Result<(i32, i64, i64), StoreError> {
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    let (app, version, objects) = read().map_err(|e| e.at_path(path))?;
    let foreign = if version == 0 { objects > 0 || app != 0 } else { app != APPLICATION_ID };
    if foreign {
        return Err(StoreError::NotALibrary { path: path.to_path_buf() });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// Per-connection settings: no function or virtual table used by the schema itself unless SQLite deems it harmless
/// (`trusted_schema = OFF`: the file is data, not code), WAL (readers never block the writer), foreign keys, the
/// sync level SQLite recommends with WAL (`NORMAL`: a committed save survives a killed or crashed program; only an
/// operating-system crash or a power cut can roll back the last commits, never leaving a damaged file; `FULL`
/// would wait for the disk at every commit, 5–12 ms here: see ARCHITECTURE.md "Durability"), and a 32 MiB page
/// cache.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("PRAGMA trusted_schema = OFF;")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery));
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;")?;
    Ok(())
}

/// One object of a schema as `sqlite_schema` lists it: (type, name) → (table it belongs to, its SQL text).
pub(crate) type SchemaObjects = std::collections::BTreeMap<(String, String), (String, Option<String>)>;

/// Every object (table, index, trigger, view, and the tables SQLite makes for itself) of the main database.
pub(crate) fn schema_objects(conn: &Connection) -> Result<SchemaObjects, StoreError> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The schema objects of a new library at schema `version` (at most [`SCHEMA_VERSION`]), made by the migrations
/// themselves in a temporary folder: what a library of that version holds and nothing else.
pub(crate) fn objects_at_version(version: i64) -> Result<SchemaObjects, StoreError> {
    let folder = tempfile::tempdir().map_err(|source| StoreError::Io { path: std::env::temp_dir(), source })?;
    let path = folder.path().join("reference.db");
    let mut conn = Connection::open(&path).map_err(|e| StoreError::from(e).at_path(&path))?;
    let tx = conn.transaction()?;
    for migration in MIGRATIONS.iter().take(version.clamp(0, SCHEMA_VERSION) as usize) {
        tx.execute_batch(migration)?;
    }
    tx.commit()?;
    schema_objects(&conn)
}

/// Applies the missing migrations in one transaction (re-reading the version under the write lock, as another
/// program may have migrated meanwhile).
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: current, supported: SCHEMA_VERSION });
    }
    for migration in MIGRATIONS.iter().skip(current.max(0) as usize) {
        tx.execute_batch(migration)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library of version 2 with a clipping gains the kind columns: its clippings read as articles read with
    /// confidence, and the schema's check refuses a kind that has no name.
    #[test]
    fn version_two_clippings_become_articles_read_with_confidence() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            for migration in &MIGRATIONS[..2] {
                tx.execute_batch(migration).unwrap();
            }
            tx.execute(
                "INSERT INTO clippings (url, url_key, title, saved_at, word_count, original_size, content_hash,
                    created_at, modified_at) VALUES ('https://a.example/', 'a.example/', 'Old', 't', 1, 1, 'h', 't', 't')",
                [],
            )
            .unwrap();
            tx.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            tx.pragma_update(None, "user_version", 2).unwrap();
            tx.commit().unwrap();
        }
        let conn = open(&path).unwrap();
        let (kind, low): (String, i64) = conn
            .query_row("SELECT page_kind, low_confidence FROM clippings", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((kind.as_str(), low), ("article", 0));
        let refused = conn.execute("UPDATE clippings SET page_kind = 'blog'", []);
        assert!(refused.is_err(), "a kind without a name is refused");
        let source: Option<String> = conn.query_row("SELECT source FROM clippings", [], |r| r.get(0)).unwrap();
        assert_eq!(source, None, "an older clipping's source is unknown");
        let refused = conn.execute("UPDATE clippings SET source = 'carrier pigeon'", []);
        assert!(refused.is_err(), "a source without a name is refused");
        conn.execute("UPDATE clippings SET source = 'browser'", []).unwrap();
    }
}
