//! Backing up and restoring a whole library: the SQLite file through SQLite's online backup API, plus the stored
//! image files.
//!
//! A backup is a folder laid out like a library: `<backup>/library.db` and `<backup>/library.db.files/images/…`.
//! The database is copied in one backup step, which reads one consistent snapshot while other programs go on
//! writing (in WAL mode readers never block the writer); image files never change once written, and none is
//! removed while a backup holds the files lock, so copying those the snapshot refers to gives a consistent whole.
//!
//! Restoring trusts nothing in the backup (see [`Library::restore_from`] and its steps): it works on a private copy,
//! opened with `trusted_schema` off; refuses a schema that differs in anything from the one the store's own
//! migrations make (a trigger, view, table or index more or changed), a newer schema, and a file that fails
//! `integrity_check` or `foreign_key_check`; sanitises every article's HTML again with the extractor's sanitiser;
//! and takes an image file only if its bytes hash to its name. It refuses to run while another program has the
//! library open (the open lock, `lock.rs`), so no window goes on showing ids of a library that is gone. Only then
//! is the library's content replaced, in one backup step. A failure at any point leaves the library as it was.
//!
//! Every file of a backup is flushed to disk before the database is renamed into place, and the folders after.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use url::Url;

use super::images::{files_folder, image_file, is_sha256_hex, lock_files, sha256_hex, write_image_file};
use super::refs::{point_images_to_originals, point_images_to_store};
use super::schema::{self, APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};
use super::{Library, StoreError};
use crate::extract::output::{sanitise_html, to_markdown};
use crate::images::sniff_image;

/// Name of the database file inside a backup folder.
pub const BACKUP_DATABASE: &str = "library.db";

/// What a backup or a restore copied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    /// Clippings in the copy (live and in the trash).
    pub clippings: u64,
    /// Image files in the copy.
    pub images: u64,
    /// Bytes written (database and images).
    pub bytes: u64,
}

/// An error about the backup at `path`.
fn bad_backup(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::BadBackup { path: path.to_path_buf(), reason: reason.into() }
}

/// An I/O error at `path`.
fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

impl Library {
    /// Writes a consistent copy of the whole library (database and image files) into the folder `destination`,
    /// which must not exist yet or be empty. Other programs may go on using the library meanwhile.
    pub fn backup_to(&self, destination: &Path) -> Result<BackupReport, StoreError> {
        if destination.exists() && std::fs::read_dir(destination).map_err(io_at(destination))?.next().is_some() {
            return Err(bad_backup(destination, "the backup folder exists and is not empty; choose a new folder"));
        }
        std::fs::create_dir_all(destination).map_err(io_at(destination))?;
        let result = self.backup_into(destination);
        if result.is_err() {
            // The folder was new or empty: what is in it now is only the unfinished copy.
            let _ = std::fs::remove_dir_all(destination);
        }
        result
    }

    /// The steps of [`Library::backup_to`] once the (empty) folder is there.
    ///
    /// Stages: 1. take the files lock (shared), so that no unused image is removed until the copy is done; 2. copy
    /// the database in one step (one snapshot); 3. copy the images the snapshot refers to (each was written before
    /// its row was committed, and none can be removed now); 4. flush and name the database.
    fn backup_into(&self, destination: &Path) -> Result<BackupReport, StoreError> {
        let database = destination.join(BACKUP_DATABASE);
        let partial = destination.join(format!("{BACKUP_DATABASE}.partial"));
        let (source_files, target_files) = (self.files_folder(), files_folder(&database));

        // 1. No sweep from here on (one running now finishes first).
        let _files_lock = lock_files(&source_files, false, true)?;

        // 2. The database, in one step.
        let mut copy = Connection::open(&partial).map_err(|e| StoreError::from(e).at_path(&partial))?;
        copy_database(&self.conn, &mut copy)?;
        copy.execute_batch("PRAGMA journal_mode = DELETE")?;
        let shas = image_shas(&copy)?;
        let clippings: i64 = copy.query_row("SELECT count(*) FROM clippings", [], |r| r.get(0))?;
        drop(copy);

        // 3. Its images.
        let mut bytes = std::fs::metadata(&partial).map_err(io_at(&partial))?.len();
        for sha in &shas {
            let from = image_file(&source_files, sha);
            let image = std::fs::read(&from).map_err(|e| {
                bad_backup(&from, format!("image {sha} of the library cannot be read ({e}); nothing was backed up"))
            })?;
            write_image_file(&target_files, sha, &image)?;
            bytes += image.len() as u64;
        }

        // 4. The backup is whole: every file and folder flushed, then the database named, then the folders that
        //    hold the new names flushed.
        sync_file(&partial)?;
        let images = target_files.join("images");
        for folder in [images.as_path(), target_files.as_path()] {
            if folder.is_dir() {
                sync_folder(folder)?;
            }
        }
        std::fs::rename(&partial, &database).map_err(io_at(&database))?;
        sync_folder(destination)?;
        if let Some(parent) = destination.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_folder(parent)?;
        }
        Ok(BackupReport { clippings: clippings.max(0) as u64, images: shas.len() as u64, bytes })
    }

    /// Replaces the whole library by the backup in the folder (or database file) `backup`, after checking it.
    /// Everything in the library now is lost, so callers should ask first (or use
    /// [`Library::restore_from_keeping_copy`]). The library is left as it was if the backup is damaged,
    /// incomplete, not a Cuttings library, newer than this version, or holds anything a library made by Cuttings
    /// does not, and [`StoreError::InUse`] is returned while another program has the library open.
    pub fn restore_from(&mut self, backup: &Path) -> Result<BackupReport, StoreError> {
        self.restore_backup(backup, None)
    }

    /// [`Library::restore_from`], keeping first a backup of the library as it is in the new folder `copy` (written
    /// only once the backup has passed every check and no other program has the library open).
    pub fn restore_from_keeping_copy(&mut self, backup: &Path, copy: &Path) -> Result<BackupReport, StoreError> {
        self.restore_backup(backup, Some(copy))
    }

    /// The restore: the open lock turned exclusive for its whole length (so no other program has the library
    /// open), and shared again after.
    fn restore_backup(&mut self, backup: &Path, copy: Option<&Path>) -> Result<BackupReport, StoreError> {
        let database = if backup.is_dir() { backup.join(BACKUP_DATABASE) } else { backup.to_path_buf() };
        if !database.is_file() {
            return Err(bad_backup(backup, "no library.db in it; give the folder that `cuttings backup` wrote"));
        }
        if let Some(lock) = &self.open_lock {
            lock.exclusive(&self.path)?;
        }
        // A private folder (only this user may enter it) next to the library, on the same disk.
        let folder = match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let result = tempfile::Builder::new()
            .prefix(".restore-")
            .tempdir_in(&folder)
            .map_err(io_at(&folder))
            .and_then(|private| self.restore_via(&database, private.path(), copy));
        if let Some(lock) = &self.open_lock {
            lock.back_to_shared();
        }
        result
    }

    /// The steps of a restore, on a private copy of the backup in the folder `private`:
    ///
    /// 1. copy the backup's database (and its log, if it was left in WAL mode) into `private`;
    /// 2. check the copy before anything in it is used: a Cuttings library not newer than this version, with
    ///    exactly the schema a new library of its version has (no trigger, view, table or index more, none
    ///    changed), `PRAGMA integrity_check` and `foreign_key_check` clean;
    /// 3. bring the copy to the current schema and compare again;
    /// 4. sanitise every article's HTML again with the extractor's own sanitiser, and make its Markdown from it;
    /// 5. take each image of the backup only if its bytes hash to its name, a regular file, with its media type
    ///    sniffed again, into the library's files (extra files are harmless until the sweep);
    /// 6. keep a copy of the library as it is, if asked;
    /// 7. the switch: one backup step into the open library; then the images no longer used go.
    fn restore_via(
        &mut self,
        database: &Path,
        private: &Path,
        keep: Option<&Path>,
    ) -> Result<BackupReport, StoreError> {
        // 1. The private copy.
        let copy_path = private.join(BACKUP_DATABASE);
        std::fs::copy(database, &copy_path).map_err(|e| bad_backup(database, format!("it cannot be read ({e})")))?;
        let log = sibling(database, "-wal");
        if log.is_file() {
            std::fs::copy(&log, sibling(&copy_path, "-wal"))
                .map_err(|e| bad_backup(database, format!("its log cannot be read ({e})")))?;
        }

        // 2. Checked before use.
        {
            let raw = Connection::open_with_flags(&copy_path, OpenFlags::SQLITE_OPEN_READ_WRITE)
                .map_err(|e| bad_backup(database, format!("it cannot be opened ({e})")))?;
            raw.execute_batch("PRAGMA trusted_schema = OFF")?;
            check_backup(&raw, database)?;
        }

        // 3. The current schema.
        let mut copy = schema::open(&copy_path).map_err(|e| bad_backup(database, e.to_string()))?;
        compare_schema(&copy, SCHEMA_VERSION, database)?;

        // 4. Articles sanitised again.
        sanitise_articles(&mut copy)?;

        // 5. Images checked, then copied into the library's files.
        let backup_files = files_folder(database);
        let target_files = self.files_folder();
        let shas = image_shas(&copy)?;
        let mut bytes = std::fs::metadata(database).map_or(0, |m| m.len());
        let tx = copy.transaction()?;
        for sha in &shas {
            let image = read_backup_image(&backup_files, sha, database)?;
            let media_type = sniff_image(&image).unwrap_or(UNKNOWN_MEDIA_TYPE);
            tx.prepare_cached("UPDATE images SET media_type = ?2, size = ?3 WHERE sha256 = ?1")?
                .execute(rusqlite::params![sha, media_type, image.len() as i64])?;
            write_image_file(&target_files, sha, &image)?;
            bytes += image.len() as u64;
        }
        tx.commit()?;
        let clippings: i64 = copy.query_row("SELECT count(*) FROM clippings", [], |r| r.get(0))?;

        // 6. The library as it is, kept.
        if let Some(keep) = keep {
            self.backup_to(keep).map_err(|e| {
                bad_backup(
                    keep,
                    format!("keeping a copy of the library before restoring failed ({e}); nothing was restored"),
                )
            })?;
        }

        // 7. The switch: one backup step into the open library.
        copy_database(&copy, &mut self.conn)?;
        drop(copy);
        // Files the restored library does not use (the old library's) go now.
        self.sweep_image_files()?;
        Ok(BackupReport { clippings: clippings.max(0) as u64, images: shas.len() as u64, bytes })
    }
}

/// Media type recorded for a backup's image whose bytes are no longer recognised as an image Cuttings keeps: served
/// as such, it is shown as nothing and never run.
const UNKNOWN_MEDIA_TYPE: &str = "application/octet-stream";

/// `path` with `suffix` added to its file name (`library.db` → `library.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads the backup's image `sha` (already checked to be 64 hex digits): only a regular file (no link, device or
/// pipe), and only if its bytes hash to its name.
fn read_backup_image(files: &Path, sha: &str, database: &Path) -> Result<Vec<u8>, StoreError> {
    let from = image_file(files, sha);
    let missing = |e: std::io::Error| bad_backup(database, format!("image {sha} is missing from the backup ({e})"));
    let meta = std::fs::symlink_metadata(&from).map_err(missing)?;
    if !meta.is_file() {
        return Err(bad_backup(database, format!("image {sha} in the backup is not a plain file")));
    }
    let image = std::fs::read(&from).map_err(missing)?;
    if sha256_hex(&image) != sha {
        return Err(bad_backup(
            database,
            format!("image {sha} in the backup is damaged (its bytes do not match its name)"),
        ));
    }
    Ok(image)
}

/// Refuses a file that is not a sound Cuttings library this version can read, or whose schema is not exactly the
/// one Cuttings makes. Reads nothing but the header, the schema and SQLite's own checks.
fn check_backup(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read = || -> rusqlite::Result<(i32, i64)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    };
    let (app, version) = read().map_err(|e| bad_backup(path, format!("it is not an SQLite database ({e})")))?;
    if app != APPLICATION_ID {
        return Err(bad_backup(path, "it is not a Cuttings library"));
    }
    if version > SCHEMA_VERSION {
        return Err(bad_backup(
            path,
            format!(
                "it was written by a newer version of Cuttings (schema {version}, this version knows {SCHEMA_VERSION})"
            ),
        ));
    }
    compare_schema(conn, version, path)?;
    let verdict: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| bad_backup(path, format!("the integrity check failed ({e})")))?;
    if verdict != ["ok"] {
        return Err(bad_backup(path, format!("the integrity check failed: {}", verdict.join("; "))));
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .map_err(|e| bad_backup(path, format!("the foreign-key check failed ({e})")))?;
    if broken > 0 {
        return Err(bad_backup(path, format!("{broken} rows refer to rows that are missing")));
    }
    Ok(())
}

/// The statistics tables `ANALYZE` (run by [`Library::optimize`]) makes, exactly as SQLite writes them; a backup
/// may have them or not. Their rows only guide the query planner.
const STATISTICS_TABLES: &[(&str, &str)] = &[
    ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
];

/// Most differences a refusal names (the rest are counted).
const MAX_NAMED_DIFFERENCES: usize = 6;

/// Refuses a database whose schema (`sqlite_schema`: type, name, table, SQL) is not exactly that of a new library at
/// schema `version`, made by the store's own migrations; names what is unexpected, missing or changed.
fn compare_schema(conn: &Connection, version: i64, path: &Path) -> Result<(), StoreError> {
    let expected = schema::objects_at_version(version)?;
    let found =
        schema::schema_objects(conn).map_err(|e| bad_backup(path, format!("its schema cannot be read ({e})")))?;
    let mut differences = Vec::new();
    for ((kind, name), (table, sql)) in &found {
        let statistics =
            STATISTICS_TABLES.iter().any(|(n, s)| kind == "table" && name == n && sql.as_deref() == Some(s));
        match expected.get(&(kind.clone(), name.clone())) {
            _ if statistics => {}
            None => differences.push(format!("an unexpected {kind} {name:?}")),
            Some((t, s)) if t != table || s != sql => differences.push(format!("the {kind} {name:?} is changed")),
            Some(_) => {}
        }
    }
    for (kind, name) in expected.keys() {
        if !found.contains_key(&(kind.clone(), name.clone())) {
            differences.push(format!("no {kind} {name:?}"));
        }
    }
    if differences.is_empty() {
        return Ok(());
    }
    let more = differences.len().saturating_sub(MAX_NAMED_DIFFERENCES);
    differences.truncate(MAX_NAMED_DIFFERENCES);
    let and_more = if more > 0 { format!(" and {more} more") } else { String::new() };
    Err(bad_backup(
        path,
        format!(
            "it is not a library as Cuttings makes it (schema version {version}): {}{and_more}; nothing was restored",
            differences.join(", ")
        ),
    ))
}

/// Clippings whose article is sanitised again per transaction step (bounds the memory a large backup needs).
const SANITISE_BATCH: i64 = 200;

/// Sanitises every stored article's HTML again with the extractor's sanitiser (a backup is data from outside: its
/// HTML is treated like a page's), points its images at the stored copies its image records name, and makes its
/// Markdown from the result, as saving does. An article Cuttings stored comes out unchanged. Notes are Markdown
/// that the reader escapes, and no other stored text is shown as HTML.
fn sanitise_articles(conn: &mut Connection) -> Result<(), StoreError> {
    let blank = Url::parse("about:blank").map_err(|_| StoreError::Sqlite(rusqlite::Error::InvalidQuery))?;
    let tx = conn.transaction()?;
    {
        let mut read = tx.prepare(
            "SELECT b.clipping_id, b.html, b.markdown, c.url FROM clipping_bodies b JOIN clippings c ON c.id = b.clipping_id
             WHERE b.clipping_id > ?1 ORDER BY b.clipping_id LIMIT ?2",
        )?;
        let mut images =
            tx.prepare("SELECT url, sha256 FROM clipping_images WHERE clipping_id = ?1 AND sha256 IS NOT NULL")?;
        let mut write = tx.prepare("UPDATE clipping_bodies SET html = ?2, markdown = ?3 WHERE clipping_id = ?1")?;
        let mut after = i64::MIN;
        loop {
            let batch = read
                .query_map(rusqlite::params![after, SANITISE_BATCH], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let Some(last) = batch.last() else { break };
            after = last.0;
            for (id, html, markdown, url) in batch {
                // Stored links are absolute already; a relative one in a hostile backup resolves against the
                // clipping's address, or is dropped.
                let base = Url::parse(&url).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
                let clean = sanitise_html(&point_images_to_originals(&html), base.as_ref().unwrap_or(&blank));
                let stored: HashMap<String, String> = images
                    .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter(|(_, sha)| is_sha256_hex(sha))
                    .collect();
                let clean = point_images_to_store(&clean, &stored);
                let clean_markdown = to_markdown(&clean);
                if clean != html || clean_markdown != markdown {
                    write.execute(rusqlite::params![id, clean, clean_markdown])?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Copies the whole main database of `from` into `to` in one step (retrying while another program holds a lock,
/// up to the busy timeout).
fn copy_database(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    let start = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if start.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            StepResult::Busy | StepResult::Locked => return Err(StoreError::Busy),
            // StepResult is non-exhaustive.
            _ => {}
        }
    }
}

/// The SHA-256 of every image a database refers to (only well-formed ones: a hostile backup cannot name a path).
fn image_shas(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let shas: Vec<String> = conn
        .prepare("SELECT sha256 FROM images ORDER BY sha256")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(shas.into_iter().filter(|s| is_sha256_hex(s)).collect())
}

/// Flushes a file to disk.
fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(io_at(path))
}

/// Flushes a folder's entries (the names of new and renamed files) to disk. Systems that cannot open a folder
/// as a file (Windows) have nothing to flush.
fn sync_folder(path: &Path) -> Result<(), StoreError> {
    match std::fs::File::open(path) {
        Ok(folder) => folder.sync_all().map_err(io_at(path)),
        Err(_) if cfg!(not(unix)) => Ok(()),
        Err(e) => Err(io_at(path)(e)),
    }
}
