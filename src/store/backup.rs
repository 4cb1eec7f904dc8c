//! Backing up and restoring a whole library: the SQLite file through SQLite's online backup API, plus the stored
//! image files.
//!
//! A backup is a folder laid out like a library: `<backup>/library.db` and `<backup>/library.db.files/images/…`.
//! The database is copied in one backup step, which reads one consistent snapshot while other programs go on
//! writing (in WAL mode readers never block the writer); image files never change once written, and none is
//! removed while a backup holds the files lock, so copying those the snapshot refers to gives a consistent whole.
//!
//! Restoring checks the backup first (an SQLite file made by Cuttings, a schema this version knows,
//! `PRAGMA integrity_check`, foreign keys, every image present and matching its SHA-256) on a temporary copy next
//! to the library, brings that copy to the current schema, copies the image files in (extra files are harmless),
//! then replaces the library's content in one backup step, which is atomic for every program that has the library
//! open. A failure at any point leaves the library as it was.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::images::{files_folder, image_file, is_sha256_hex, lock_files, sha256_hex, write_image_file};
use super::schema::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};
use super::{Library, StoreError};

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

        // 4. The backup is whole.
        sync_file(&partial)?;
        std::fs::rename(&partial, &database).map_err(io_at(&database))?;
        Ok(BackupReport { clippings: clippings.max(0) as u64, images: shas.len() as u64, bytes })
    }

    /// Replaces the whole library by the backup in the folder (or database file) `backup`, after checking it.
    /// Everything in the library now is lost, so callers should ask first. The library is left as it was if the
    /// backup is damaged, incomplete, not a Cuttings library, or newer than this version.
    pub fn restore_from(&mut self, backup: &Path) -> Result<BackupReport, StoreError> {
        let database = if backup.is_dir() { backup.join(BACKUP_DATABASE) } else { backup.to_path_buf() };
        if !database.is_file() {
            return Err(bad_backup(backup, "no library.db in it; give the folder that `cuttings backup` wrote"));
        }
        let backup_files = files_folder(&database);

        // 1. A temporary copy next to the library, made with the backup API (so a backup left in WAL mode is read
        //    whole), then checked and brought to the current schema.
        let folder = self.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(".restore-")
            .suffix(".db")
            .tempfile_in(if folder.as_os_str().is_empty() { Path::new(".") } else { &folder })
            .map_err(io_at(&folder))?;
        let temp_path = temp.path().to_path_buf();
        let result = self.restore_via(&database, &backup_files, &temp_path);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", temp_path.display())));
        }
        drop(temp);
        result
    }

    /// The steps of [`Library::restore_from`] after the temporary file is made.
    fn restore_via(&mut self, database: &Path, backup_files: &Path, temp: &Path) -> Result<BackupReport, StoreError> {
        {
            let source = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| bad_backup(database, format!("it cannot be opened ({e})")))?;
            check_backup(&source, database)?;
            let mut copy = Connection::open(temp).map_err(|e| StoreError::from(e).at_path(temp))?;
            copy_database(&source, &mut copy)?;
        }
        // Migrates an older backup; checks it again on the way.
        let checked = Library::open(temp).map_err(|e| bad_backup(database, e.to_string()))?;
        let verdict = checked.integrity_check()?;
        if verdict != "ok" {
            return Err(bad_backup(database, format!("the integrity check failed: {verdict}")));
        }

        // 2. Every image present and sound, then copied into the library's files (before the switch: extra files
        //    are harmless, missing ones are not).
        let shas = image_shas(&checked.conn)?;
        let clippings: i64 = checked.conn.query_row("SELECT count(*) FROM clippings", [], |r| r.get(0))?;
        let target_files = self.files_folder();
        let mut bytes = 0;
        for sha in &shas {
            let from = image_file(backup_files, sha);
            let image = std::fs::read(&from)
                .map_err(|e| bad_backup(database, format!("image {sha} is missing from the backup ({e})")))?;
            if sha256_hex(&image) != *sha {
                return Err(bad_backup(database, format!("image {sha} in the backup is damaged")));
            }
            write_image_file(&target_files, sha, &image)?;
            bytes += image.len() as u64;
        }

        // 3. The switch: one backup step into the open library, atomic for every reader.
        copy_database(&checked.conn, &mut self.conn)?;
        drop(checked);
        bytes += std::fs::metadata(database).map_or(0, |m| m.len());
        // Files the restored library does not use (the old library's) go now.
        self.sweep_image_files()?;
        Ok(BackupReport { clippings: clippings.max(0) as u64, images: shas.len() as u64, bytes })
    }
}

/// Refuses a file that is not a sound Cuttings library this version can read.
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
    let verdict: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()
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
