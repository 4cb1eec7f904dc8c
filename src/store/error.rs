//! Errors of the clipping library.
//!
//! One enum, [`StoreError`], for every store operation. Messages are lowercase, without a final period, and carry
//! what the user needs (the library path, the id, the name). The UI branches on [`StoreError::code`], never on text.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything that can go wrong while using a library.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database, or is one that another program made.
    #[error("{} is not a Cuttings library (not an SQLite database, or one made by another program)", path.display())]
    NotALibrary {
        /// Path of the file.
        path: PathBuf,
    },
    /// The library was written by a newer version of Cuttings; it is left untouched.
    #[error(
        "library {} was written by a newer version of Cuttings (schema version {found}, this version knows up to {supported}); update Cuttings to open it",
        path.display()
    )]
    NewerSchema {
        /// Path of the library.
        path: PathBuf,
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },
    /// Another program held the library's write lock for longer than the busy timeout.
    #[error("the library is busy: another program is writing to it; try again")]
    Busy,
    /// Another program (or another connection of this one) has the library open, so it cannot be replaced now.
    #[error(
        "the library {} is open in another program (the Cuttings app?); close it and try again",
        path.display()
    )]
    InUse {
        /// Path of the library.
        path: PathBuf,
    },
    /// The library file or its folder cannot be written.
    #[error("cannot write to library {}: the file or its folder is read-only", path.display())]
    ReadOnly {
        /// Path of the library.
        path: PathBuf,
    },
    /// No live (untrashed) item of this kind has this id.
    #[error("no {what} with id {id}")]
    NotFound {
        /// Kind of item: "folder", "clipping", "note", "trash item".
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// No tag has this name (compared case-insensitively).
    #[error("no tag named {name:?}")]
    UnknownTag {
        /// The name asked for.
        name: String,
    },
    /// A sibling folder or another tag already has this name (compared case-insensitively).
    #[error("the name {name:?} is already taken")]
    NameTaken {
        /// The name that was refused.
        name: String,
    },
    /// A folder cannot be moved into itself or into one of its own subfolders.
    #[error("a folder cannot be moved into itself or one of its subfolders")]
    FolderCycle,
    /// A folder or tag name that cannot be used.
    #[error("invalid name {name:?}: {reason}")]
    InvalidName {
        /// The name that was refused.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A clipping's title is empty or only spaces; every clipping has a title.
    #[error("a clipping needs a title")]
    TitleRequired,
    /// A note body (or other required text) is empty.
    #[error("the {what} is empty")]
    EmptyText {
        /// What was empty: "note".
        what: &'static str,
    },
    /// A search query that cannot be understood.
    #[error("invalid search query: {reason}")]
    InvalidQuery {
        /// What is wrong with it, in words a user understands.
        reason: String,
    },
    /// The stored original page of a clipping does not decompress or does not match its content hash.
    #[error("the stored page of clipping {id} is damaged: {reason}")]
    DamagedPage {
        /// The clipping.
        id: i64,
        /// What is wrong.
        reason: String,
    },
    /// A backup that cannot be written or restored: damaged, incomplete, not a library, or newer than this version.
    #[error("backup {}: {reason}", path.display())]
    BadBackup {
        /// The backup folder or file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// There is no home or data folder to put the default library in.
    #[error("cannot find a data folder for the library; set CUTTINGS_LIBRARY or pass --library")]
    NoDataFolder,
    /// A file-system operation on the library's folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A passage to highlight is not in the clipping's text, or is there several times and none was chosen.
    #[error(transparent)]
    Anchor(crate::highlights::AnchorError),
    /// Any other SQLite failure.
    #[error("library error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// A short stable code for the UI to branch on: "busy", "not_found", "name_taken", …
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotALibrary { .. } => "not_a_library",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Busy => "busy",
            StoreError::InUse { .. } => "in_use",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::NotFound { .. } | StoreError::UnknownTag { .. } => "not_found",
            StoreError::NameTaken { .. } => "name_taken",
            StoreError::FolderCycle => "folder_cycle",
            StoreError::InvalidName { .. } => "invalid_name",
            StoreError::TitleRequired => "title_required",
            StoreError::EmptyText { .. } => "empty_text",
            StoreError::InvalidQuery { .. } => "invalid_query",
            StoreError::DamagedPage { .. } => "damaged_page",
            StoreError::BadBackup { .. } => "bad_backup",
            StoreError::NoDataFolder => "no_data_folder",
            StoreError::Io { .. } => "io",
            StoreError::Anchor(crate::highlights::AnchorError::Empty) => "empty_text",
            StoreError::Anchor(crate::highlights::AnchorError::NotFound) => "quote_not_found",
            StoreError::Anchor(_) => "quote_ambiguous",
            StoreError::Sqlite(_) => "sqlite",
        }
    }

    /// Replaces errors that only make sense with the library's path (read-only, not a database) by their variant.
    pub(crate) fn at_path(self, path: &std::path::Path) -> StoreError {
        match sqlite_code(&self) {
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly { path: path.to_path_buf() }
            }
            Some(ErrorCode::NotADatabase) => StoreError::NotALibrary { path: path.to_path_buf() },
            _ => self,
        }
    }
}

/// The SQLite error code behind an error, if it is an SQLite error.
fn sqlite_code(error: &StoreError) -> Option<ErrorCode> {
    match error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
        _ => None,
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::SqliteFailure(e, _)
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
            {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(error),
        }
    }
}
