//! Writing an export all at once: everything goes into a hidden temporary folder or file beside the target, which
//! is renamed to the target only when the export has succeeded. A failed or cancelled export (or a full disk)
//! leaves nothing behind, and an export never overwrites an existing file or a non-empty folder.
//!
//! Durability: before the final rename every file written and every folder of the staging folder is flushed to
//! disk, and after it the folder that holds the target, so that an export that has appeared survives a power cut
//! whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::ExportError;

/// Prefix of the temporary folder or file, so that a crashed export's leftovers are recognisable.
const TEMP_PREFIX: &str = ".cuttings-export-";

/// Checks that `target` can be created: its folder exists, and it does not exist (or, for a folder target, is an
/// empty folder). Returns the folder to stage in.
fn check_target(target: &Path, folder_target: bool) -> Result<PathBuf, ExportError> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(ExportError::NoParentFolder { path: parent });
    }
    if let Ok(meta) = fs::symlink_metadata(target) {
        let empty_dir =
            folder_target && meta.is_dir() && fs::read_dir(target).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty_dir {
            return Err(ExportError::TargetExists { path: target.to_path_buf() });
        }
    }
    Ok(parent)
}

/// A folder being filled; becomes the target folder on [`StagedFolder::finish`], vanishes if dropped.
#[derive(Debug)]
pub struct StagedFolder {
    temp: tempfile::TempDir,
    target: PathBuf,
}

impl StagedFolder {
    /// Starts a folder export to `target`.
    pub fn new(target: &Path) -> Result<StagedFolder, ExportError> {
        let parent = check_target(target, true)?;
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempdir_in(&parent)
            .map_err(|e| ExportError::write(&parent, e))?;
        Ok(StagedFolder { temp, target: target.to_path_buf() })
    }

    /// Writes `bytes` at `relative` inside the folder, creating folders on the way.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        let path = self.temp.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| ExportError::write(&self.target.join(relative), e))?;
        }
        // Not flushed here: `finish` flushes everything at once, which lets the disk batch the writes; a write
        // error (a full disk) is still reported here.
        fs::write(&path, bytes).map_err(|e| ExportError::write(&self.target.join(relative), e))
    }

    /// Flushes every file and folder written, renames the folder to the target (replacing an empty target
    /// folder), then flushes the folder that holds it.
    pub fn finish(self) -> Result<PathBuf, ExportError> {
        sync_tree(self.temp.path()).map_err(|e| ExportError::write(&self.target, e))?;
        if self.target.is_dir() {
            fs::remove_dir(&self.target).map_err(|e| ExportError::write(&self.target, e))?;
        }
        let temp = self.temp.keep();
        fs::rename(&temp, &self.target).map_err(|e| {
            let _ = fs::remove_dir_all(&temp);
            ExportError::write(&self.target, e)
        })?;
        sync_parent(&self.target).map_err(|e| ExportError::write(&self.target, e))?;
        Ok(self.target)
    }
}

/// Checks early that a file export can go to `target` (its folder exists, it does not).
pub fn check_file_target(target: &Path) -> Result<(), ExportError> {
    check_target(target, false).map(|_| ())
}

/// An anonymous temporary file beside `target`, for what an export sets aside while it works (on the disk the
/// export goes to, not in memory); it vanishes when closed, whatever happens.
pub fn scratch_file(target: &Path) -> Result<fs::File, ExportError> {
    let parent = check_target(target, false)?;
    tempfile::tempfile_in(&parent).map_err(|e| ExportError::write(target, e))
}

/// Writes `bytes` to a new file `target` through a temporary file beside it; never overwrites.
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_file_with(target, &mut |out| out.write_all(bytes).map_err(|e| ExportError::write(target, e)))
}

/// Writes a new file `target` through a temporary file beside it, its content streamed by `write` (buffered);
/// never overwrites.
pub fn write_file_with(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let parent = check_target(target, false)?;
    let temp =
        tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(&parent).map_err(|e| ExportError::write(target, e))?;
    let mut out = std::io::BufWriter::new(temp);
    write(&mut out)?;
    let temp = out.into_inner().map_err(|e| ExportError::write(target, e.into_error()))?;
    temp.as_file().sync_all().map_err(|e| ExportError::write(target, e))?;
    temp.persist_noclobber(target).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::TargetExists { path: target.to_path_buf() }
        } else {
            ExportError::write(target, e.error)
        }
    })?;
    sync_parent(target).map_err(|e| ExportError::write(target, e))?;
    Ok(())
}

/// Flushes every file under `folder`, then each folder (deepest first), then `folder` itself.
fn sync_tree(folder: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            sync_tree(&entry.path())?;
        } else if kind.is_file() {
            fs::File::open(entry.path())?.sync_all()?;
        }
    }
    sync_folder(folder)
}

/// Flushes the folder that holds `path` (the entry of a file or folder just renamed there).
fn sync_parent(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => sync_folder(parent),
        _ => sync_folder(Path::new(".")),
    }
}

/// Flushes a folder's entries to disk; systems that cannot open a folder as a file (Windows) have nothing to do.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    match fs::File::open(folder) {
        Ok(file) => file.sync_all(),
        Err(_) if cfg!(not(unix)) => Ok(()),
        Err(e) => Err(e),
    }
}
