//! Stored images: content-addressed files beside the library, and the rows that say which clipping uses which.
//!
//! For the library `/x/library.db` an image with SHA-256 `ab12…` lives in `/x/library.db.files/images/ab/ab12…`.
//! A file is written to a temporary file in the same folder, flushed to disk and then renamed, so a reader never
//! sees half an image, and writing the same image twice is harmless. The `images` table records each stored image
//! (SHA-256, media type sniffed from the bytes, size); `clipping_images` records, per clipping, every image address
//! and either the stored image or why it could not be stored.
//!
//! Invariants: an image file is removed only when no clipping (live or in the trash) refers to it any more, and
//! only while the write lock is held (see [`Library::empty_trash`]); a save checks, under the same lock, that the
//! files it refers to are there (writing them again if not). This module never touches the network: the caller
//! downloads, this module keeps.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{AddOutcome, ClippingId, Library, NewClipping, StoreError, now, require_live_clipping};

/// Folder, inside the library's files folder, that holds the image files.
const IMAGES_FOLDER: &str = "images";

/// Prefix of the temporary files an image is written to before it is renamed into place.
const TEMP_PREFIX: &str = ".tmp-";

/// File in the files folder that backups lock shared and the sweep locks exclusively (see [`lock_files`]).
const LOCK_FILE: &str = "files.lock";

/// A temporary image file older than this is left over from a killed program and may be removed.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// A stored image, as the reader and the exports get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// The image file's bytes.
    pub bytes: Vec<u8>,
    /// Its media type, sniffed from the bytes when it was stored (`image/png`, `image/svg+xml`, …).
    pub media_type: String,
}

/// An image of a clipping about to be saved: its address and what came of downloading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImage {
    /// The image's address as the article gave it (absolute).
    pub url: String,
    /// Whether this is the article's lead image.
    pub is_lead: bool,
    /// The downloaded image, or why there is none.
    pub outcome: ImageOutcome,
}

/// What came of downloading one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageOutcome {
    /// The image was downloaded and checked.
    Stored {
        /// SHA-256 of the bytes, 64 lowercase hex digits.
        sha256: String,
        /// Media type sniffed from the bytes.
        media_type: String,
        /// The image file.
        bytes: Vec<u8>,
    },
    /// The image could not be stored; the article keeps its original address.
    Failed {
        /// Why, in words a user understands ("the server answered 404 Not Found").
        reason: String,
    },
}

impl NewImage {
    /// A stored image whose SHA-256 is computed here.
    pub fn stored(url: &str, is_lead: bool, media_type: &str, bytes: Vec<u8>) -> NewImage {
        let sha256 = sha256_hex(&bytes);
        NewImage {
            url: url.to_string(),
            is_lead,
            outcome: ImageOutcome::Stored { sha256, media_type: media_type.to_string(), bytes },
        }
    }

    /// An image that could not be stored, and why.
    pub fn failed(url: &str, is_lead: bool, reason: impl Into<String>) -> NewImage {
        NewImage { url: url.to_string(), is_lead, outcome: ImageOutcome::Failed { reason: reason.into() } }
    }

    /// The SHA-256 of the stored image, if it was stored.
    pub fn sha256(&self) -> Option<&str> {
        match &self.outcome {
            ImageOutcome::Stored { sha256, .. } => Some(sha256),
            ImageOutcome::Failed { .. } => None,
        }
    }
}

/// What the library knows about one image address of a clipping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClippingImage {
    /// The image's original address.
    pub url: String,
    /// Whether it is the article's lead image.
    pub is_lead: bool,
    /// SHA-256 of the stored image; `None` when it could not be stored.
    pub sha256: Option<String>,
    /// Media type of the stored image.
    pub media_type: Option<String>,
    /// Size in bytes of the stored image.
    pub size: Option<u64>,
    /// Why the image could not be stored.
    pub failure: Option<String>,
}

/// SHA-256 of `bytes`, 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `text` is a SHA-256 as the library writes it: exactly 64 lowercase hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The folder beside the library file that holds its stored files: `<library file name>.files`.
pub fn files_folder(library: &Path) -> PathBuf {
    let mut name = library.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".files");
    library.with_file_name(name)
}

/// Where the image with this SHA-256 (already checked to be 64 lowercase hex digits) is stored.
pub(crate) fn image_file(files: &Path, sha256: &str) -> PathBuf {
    files.join(IMAGES_FOLDER).join(&sha256[..2]).join(sha256)
}

/// Writes an image file unless a file of the same size is already there: to a temporary file in the same folder,
/// flushed to disk, then renamed into place.
pub(crate) fn write_image_file(files: &Path, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let path = image_file(files, sha256);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(());
    }
    let folder = path.parent().unwrap_or(files);
    let io = |source| StoreError::Io { path: folder.to_path_buf(), source };
    std::fs::create_dir_all(folder).map_err(io)?;
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(folder).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(&path).map_err(|e| io(e.error))?;
    // The rename is durable only once the folder itself is flushed.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A lock on the library's image files: held shared while a backup copies them, exclusive while the sweep removes
/// unused ones, so that no file a backup's snapshot refers to can vanish before it is copied. Released on drop.
#[derive(Debug)]
pub(crate) struct FilesLock {
    _file: std::fs::File,
}

/// Takes the files lock (`exclusive` for the sweep, shared for a backup); `wait` or not. `None` when it would
/// have to wait and `wait` is false.
pub(crate) fn lock_files(files: &Path, exclusive: bool, wait: bool) -> Result<Option<FilesLock>, StoreError> {
    let io = |source| StoreError::Io { path: files.to_path_buf(), source };
    std::fs::create_dir_all(files).map_err(io)?;
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(files.join(LOCK_FILE)).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let mut operation = if exclusive { libc::LOCK_EX } else { libc::LOCK_SH };
        if !wait {
            operation |= libc::LOCK_NB;
        }
        // SAFETY: `file` is open for the duration of the call; flock only reads the descriptor.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } != 0 {
            let error = std::io::Error::last_os_error();
            return if error.kind() == std::io::ErrorKind::WouldBlock { Ok(None) } else { Err(io(error)) };
        }
    }
    #[cfg(not(unix))]
    let _ = (exclusive, wait);
    Ok(Some(FilesLock { _file: file }))
}

impl Library {
    /// The folder beside the library file that holds its stored files (`<library>.files`).
    pub fn files_folder(&self) -> PathBuf {
        files_folder(&self.path)
    }

    /// The stored image with this SHA-256, or `None` if the library has no such image. Anything but 64 lowercase
    /// hex digits is `None` without touching the file system. A file that no longer matches its SHA-256 is an
    /// error.
    pub fn image(&self, sha256: &str) -> Result<Option<StoredImage>, StoreError> {
        if !is_sha256_hex(sha256) {
            return Ok(None);
        }
        let media_type: Option<String> = self
            .conn
            .prepare_cached("SELECT media_type FROM images WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?;
        let Some(media_type) = media_type else {
            return Ok(None);
        };
        let path = image_file(&self.files_folder(), sha256);
        let bytes = std::fs::read(&path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        if sha256_hex(&bytes) != sha256 {
            return Err(StoreError::Io {
                path,
                source: std::io::Error::other("the stored image is damaged (its SHA-256 does not match)"),
            });
        }
        Ok(Some(StoredImage { bytes, media_type }))
    }

    /// Every image address of a clipping (live or in the trash), in the order of the article, with what was
    /// stored for it.
    pub fn clipping_images(&self, id: ClippingId) -> Result<Vec<ClippingImage>, StoreError> {
        super::clippings::summary(&self.conn, id.0)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT ci.url, ci.is_lead, ci.sha256, i.media_type, i.size, ci.failure
             FROM clipping_images ci LEFT JOIN images i ON i.sha256 = ci.sha256
             WHERE ci.clipping_id = ?1 ORDER BY ci.position",
        )?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok(ClippingImage {
                    url: r.get(0)?,
                    is_lead: r.get(1)?,
                    sha256: r.get(2)?,
                    media_type: r.get(3)?,
                    size: r.get::<_, Option<i64>>(4)?.map(|s| s.max(0) as u64),
                    failure: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Saves a clipping like [`Library::add_clipping`] together with its downloaded images: the image files are
    /// written first (outside the write lock), then the clipping and its image rows in one transaction. A
    /// duplicate stores nothing (its files are swept by the next [`Library::empty_trash`]).
    pub fn add_clipping_with_images(
        &mut self,
        new: NewClipping,
        images: &[NewImage],
    ) -> Result<AddOutcome, StoreError> {
        let files = self.files_folder();
        write_files(&files, images)?;
        let tx = self.write()?;
        let now = now();
        let outcome = super::clippings::insert(&tx, &new, &now)?;
        if let AddOutcome::Added(id) = &outcome {
            record_images(&tx, &files, id.0, images, &now)?;
        }
        super::merging::after_saving(&tx, 1)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Records images downloaded again for a live clipping (`cuttings refetch-images`) and replaces its HTML and
    /// Markdown by versions that refer to them, in one transaction. An address already recorded gets the new
    /// outcome; a new address is added after the others.
    pub fn update_clipping_images(
        &mut self,
        id: ClippingId,
        images: &[NewImage],
        html: &str,
        markdown: &str,
    ) -> Result<(), StoreError> {
        let files = self.files_folder();
        write_files(&files, images)?;
        let tx = self.write()?;
        require_live_clipping(&tx, id)?;
        let now = now();
        record_images(&tx, &files, id.0, images, &now)?;
        tx.execute(
            "UPDATE clipping_bodies SET html = ?2, markdown = ?3, modified_at = ?4 WHERE clipping_id = ?1",
            params![id.0, html, markdown, now],
        )?;
        tx.execute("UPDATE clippings SET modified_at = ?2 WHERE id = ?1", params![id.0, now])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes every image file that no image row refers to (left by a killed program, a duplicate save, or the
    /// last clipping using it leaving the trash), holding the write lock so that no save is between writing its
    /// files and recording them. Returns how many files were removed.
    pub(crate) fn sweep_image_files(&mut self) -> Result<u32, StoreError> {
        let images = self.files_folder().join(IMAGES_FOLDER);
        if !images.is_dir() {
            return Ok(0);
        }
        let files = self.files_folder();
        let tx = self.write()?;
        // A backup is copying files: leave them all; the next sweep removes what is unused then.
        let Some(_files_lock) = lock_files(&files, true, false)? else {
            return Ok(0);
        };
        let known: HashSet<String> =
            tx.prepare("SELECT sha256 FROM images")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut removed = 0;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        for shard in std::fs::read_dir(&images).map_err(io(&images))? {
            let shard = shard.map_err(io(&images))?.path();
            if !shard.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&shard).map_err(io(&shard))? {
                let file = file.map_err(io(&shard))?.path();
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let unused = if name.starts_with(TEMP_PREFIX) {
                    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
                    modified
                        .and_then(|m| SystemTime::now().duration_since(m).ok())
                        .is_some_and(|age| age > STALE_TEMP_AGE)
                } else {
                    is_sha256_hex(name) && !known.contains(name)
                };
                if unused {
                    std::fs::remove_file(&file).map_err(io(&file))?;
                    removed += 1;
                }
            }
        }
        tx.commit()?;
        Ok(removed)
    }
}

/// How many image files are written (and flushed to disk) at once.
const PARALLEL_WRITES: usize = 8;

/// Writes the files of the stored images (outside any transaction), several at once: each is flushed to disk,
/// and waiting for the disk one file after the other would make saving slow.
pub(super) fn write_files(files: &Path, images: &[NewImage]) -> Result<(), StoreError> {
    let stored: Vec<(&String, &Vec<u8>)> = images
        .iter()
        .filter_map(|image| match &image.outcome {
            ImageOutcome::Stored { sha256, bytes, .. } => Some((sha256, bytes)),
            ImageOutcome::Failed { .. } => None,
        })
        .collect();
    for (sha256, bytes) in &stored {
        check_sha256(sha256, bytes)?;
    }
    for chunk in stored.chunks(PARALLEL_WRITES) {
        std::thread::scope(|scope| {
            let writers: Vec<_> = chunk
                .iter()
                .map(|(sha256, bytes)| scope.spawn(move || write_image_file(files, sha256, bytes)))
                .collect();
            writers.into_iter().try_for_each(|writer| {
                writer.join().unwrap_or_else(|_| {
                    Err(StoreError::Io {
                        path: files.to_path_buf(),
                        source: std::io::Error::other("an image writer failed"),
                    })
                })
            })
        })?;
    }
    Ok(())
}

/// Refuses an image whose stated SHA-256 is malformed or is not that of its bytes.
fn check_sha256(sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
    if is_sha256_hex(sha256) && sha256_hex(bytes) == sha256 {
        return Ok(());
    }
    Err(StoreError::Io {
        path: "(storing an image)".into(),
        source: std::io::Error::other(format!("the image's SHA-256 {sha256:?} does not match its bytes")),
    })
}

/// Records the images of clipping `id` inside the caller's transaction, first making sure each stored image's file
/// is there (an `empty_trash` in another program may have removed an identical unused file meanwhile).
pub(super) fn record_images(
    conn: &Connection,
    files: &Path,
    id: i64,
    images: &[NewImage],
    now: &str,
) -> Result<(), StoreError> {
    let mut next: i64 =
        conn.query_row("SELECT ifnull(max(position) + 1, 0) FROM clipping_images WHERE clipping_id = ?1", [id], |r| {
            r.get(0)
        })?;
    for image in images {
        let (sha256, failure) = match &image.outcome {
            ImageOutcome::Stored { sha256, media_type, bytes } => {
                write_image_file(files, sha256, bytes)?;
                conn.prepare_cached(
                    "INSERT INTO images (sha256, media_type, size, created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?4)
                     ON CONFLICT (sha256) DO NOTHING",
                )?
                .execute(params![sha256, media_type, bytes.len() as i64, now])?;
                (Some(sha256.as_str()), None)
            }
            ImageOutcome::Failed { reason } => (None, Some(reason.as_str())),
        };
        let updated = conn
            .prepare_cached(
                "UPDATE clipping_images SET sha256 = ?3, failure = ?4, is_lead = max(is_lead, ?5), modified_at = ?6
                 WHERE clipping_id = ?1 AND url = ?2",
            )?
            .execute(params![id, image.url, sha256, failure, image.is_lead, now])?;
        if updated == 0 {
            conn.prepare_cached(
                "INSERT INTO clipping_images (clipping_id, position, url, is_lead, sha256, failure, created_at,
                    modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![id, next, image.url, image.is_lead, sha256, failure, now])?;
            next += 1;
        }
    }
    Ok(())
}

/// Deletes the image rows no clipping refers to any more (inside the caller's transaction); their files go in the
/// sweep that follows.
pub(super) fn forget_unused(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM images WHERE NOT EXISTS (SELECT 1 FROM clipping_images ci WHERE ci.sha256 = images.sha256)",
        [],
    )?;
    Ok(())
}
