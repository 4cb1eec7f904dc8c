//! Backing up and restoring a whole library: the SQLite file through SQLite's online backup API, plus the stored
//! image files.
//!
//! A backup is a folder laid out like a library: `<backup>/library.db` and `<backup>/library.db.files/images/…`.
//! The database is copied in one backup step, which reads one consistent snapshot while other programs go on
//! writing (in WAL mode readers never block the writer); image files never change once written, so copying those
//! the snapshot refers to gives a consistent whole.
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

use super::images::{files_folder, image_file, is_sha256_hex, sha256_hex, write_image_file};
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
    /// Stages: 1. copy every image file there is now; 2. copy the database in one step (one snapshot); 3. copy the
    /// images the snapshot refers to that were added since stage 1 (a file the snapshot needs can be missing only
    /// if it was added after stage 1 and removed again after stage 2, its only clipping emptied from the trash
    /// meanwhile: then stages 2–3 run again); 4. remove copied files the snapshot does not use.
    fn backup_into(&self, destination: &Path) -> Result<BackupReport, StoreError> {
        const ATTEMPTS: usize = 5;
        let database = destination.join(BACKUP_DATABASE);
        let partial = destination.join(format!("{BACKUP_DATABASE}.partial"));
        let (source_files, target_files) = (self.files_folder(), files_folder(&database));

        // 1. Every image file there is now.
        for sha in stored_files(&source_files)? {
            copy_image(&source_files, &target_files, &sha)?;
        }
        for _ in 0..ATTEMPTS {
            // 2. The database, in one step: one consistent snapshot.
            let _ = std::fs::remove_file(&partial);
            let mut copy = Connection::open(&partial).map_err(|e| StoreError::from(e).at_path(&partial))?;
            copy_database(&self.conn, &mut copy)?;
            copy.execute_batch("PRAGMA journal_mode = DELETE")?;
            let shas = image_shas(&copy)?;
            let clippings: i64 = copy.query_row("SELECT count(*) FROM clippings", [], |r| r.get(0))?;
            drop(copy);

            // 3. The images added since step 1.
            let mut complete = true;
            for sha in &shas {
                complete &= copy_image(&source_files, &target_files, sha)?;
            }
            if !complete {
                continue;
            }

            // 4. Tidy up, flush, and name the database: the backup is whole.
            let used: std::collections::HashSet<&String> = shas.iter().collect();
            let mut bytes = std::fs::metadata(&partial).map_err(io_at(&partial))?.len();
            for sha in stored_files(&target_files)? {
                let file = image_file(&target_files, &sha);
                if used.contains(&sha) {
                    bytes += std::fs::metadata(&file).map_err(io_at(&file))?.len();
                } else {
                    std::fs::remove_file(&file).map_err(io_at(&file))?;
                }
            }
            sync_file(&partial)?;
            std::fs::rename(&partial, &database).map_err(io_at(&database))?;
            return Ok(BackupReport { clippings: clippings.max(0) as u64, images: shas.len() as u64, bytes });
        }
        Err(bad_backup(destination, "images kept disappearing while copying (the trash is being emptied); try again"))
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

/// The SHA-256 names of the image files in a files folder.
fn stored_files(files: &Path) -> Result<Vec<String>, StoreError> {
    let images = files.join("images");
    let mut shas = Vec::new();
    let Ok(shards) = std::fs::read_dir(&images) else {
        return Ok(shas);
    };
    for shard in shards {
        let shard = shard.map_err(io_at(&images))?.path();
        let Ok(entries) = std::fs::read_dir(&shard) else { continue };
        for entry in entries {
            let name = entry.map_err(io_at(&shard))?.file_name();
            if let Some(name) = name.to_str().filter(|n| is_sha256_hex(n)) {
                shas.push(name.to_string());
            }
        }
    }
    Ok(shas)
}

/// Copies one image file from one files folder to another unless it is there already; `false` if the source has
/// no such file (any more).
fn copy_image(from: &Path, to: &Path, sha: &str) -> Result<bool, StoreError> {
    if image_file(to, sha).is_file() {
        return Ok(true);
    }
    let source = image_file(from, sha);
    match std::fs::read(&source) {
        Ok(bytes) => {
            write_image_file(to, sha, &bytes)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_at(&source)(e)),
    }
}

/// Flushes a file to disk.
fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(io_at(path))
}
