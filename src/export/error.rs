//! Errors of an export: one enum, [`ExportError`], with a stable [`ExportError::code`] for the UI.
//!
//! Messages are lowercase without a final period and name what the user needs: the path, the clipping, the
//! query. A bad image is never an error (it becomes a placeholder); a bad clipping selection, a target that is in
//! the way, a full disk, a cancel or a layout failure are.

use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// Everything that can stop an export. Nothing is left at the target when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the library failed (unknown folder, bad search query, busy library, …).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The selection holds no clipping, so there is nothing to export.
    #[error("nothing to export: {what} holds no clippings")]
    Empty {
        /// What was selected, in words ("folder 3", "tag \"korea\"", …).
        what: String,
    },
    /// The target already exists and is not an empty folder; an export never overwrites files.
    #[error("{} already exists; choose another name or remove it first", path.display())]
    TargetExists {
        /// The target path.
        path: PathBuf,
    },
    /// The folder the target should be written in does not exist.
    #[error("the folder {} does not exist", path.display())]
    NoParentFolder {
        /// The missing folder.
        path: PathBuf,
    },
    /// The disk (or the user's quota) is full.
    #[error("writing {}: the disk is full; free some space and export again", path.display())]
    DiskFull {
        /// The file being written.
        path: PathBuf,
    },
    /// Any other failure to write the export.
    #[error("writing {}: {source}", path.display())]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The PDF engine could not lay out the review (a bug in the template or an engine limit).
    #[error("laying out the PDF failed: {message}")]
    Layout {
        /// The engine's messages, joined.
        message: String,
    },
    /// The user cancelled the export.
    #[error("the export was cancelled")]
    Cancelled,
}

impl ExportError {
    /// A short stable code for the UI to branch on: the store's codes, or `empty`, `target_exists`,
    /// `no_parent_folder`, `disk_full`, `write`, `layout`, `cancelled`.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Store(error) => error.code(),
            ExportError::Empty { .. } => "empty",
            ExportError::TargetExists { .. } => "target_exists",
            ExportError::NoParentFolder { .. } => "no_parent_folder",
            ExportError::DiskFull { .. } => "disk_full",
            ExportError::Write { .. } => "write",
            ExportError::Layout { .. } => "layout",
            ExportError::Cancelled => "cancelled",
        }
    }

    /// The error for a failed write of `path`, telling a full disk apart.
    pub(crate) fn write(path: &Path, source: std::io::Error) -> ExportError {
        let full = matches!(source.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
            || source.raw_os_error() == Some(libc::ENOSPC);
        if full {
            ExportError::DiskFull { path: path.to_path_buf() }
        } else {
            ExportError::Write { path: path.to_path_buf(), source }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_space_left_is_a_full_disk() {
        let path = Path::new("/exports/review.pdf");
        let full = ExportError::write(path, std::io::Error::from_raw_os_error(libc::ENOSPC));
        assert_eq!(full.code(), "disk_full");
        assert_eq!(full.to_string(), "writing /exports/review.pdf: the disk is full; free some space and export again");
        let denied = ExportError::write(path, std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(denied.code(), "write");
    }
}
