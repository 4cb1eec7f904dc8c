//! The one error type that crosses to the UI: `{ code, message }`.
//!
//! `code` is the core's stable code (`StoreError::code`, `ClipError::code`, `FetchError::code`) or one of the
//! shell's own (`bad_input`, `library_unavailable`, `open_failed`); the UI branches on it, never on `message`, which
//! is the core's plain-words text for showing to the user. This module never decides what an error means.

use cuttings::clip::ClipError;
use cuttings::fetch::FetchError;
use cuttings::store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it from every command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// Stable kind of failure: "not_found", "busy", "http_status", "bad_input", …
    pub code: String,
    /// What went wrong, in plain words, ready to show.
    pub message: String,
}

impl CommandError {
    /// An error with the shell's own code.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError { code: code.to_string(), message: message.into() }
    }

    /// Input from the UI that the shell refuses before calling the core.
    pub fn bad_input(message: impl Into<String>) -> Self {
        CommandError::new("bad_input", message)
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<ClipError> for CommandError {
    fn from(error: ClipError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<FetchError> for CommandError {
    fn from(error: FetchError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<cuttings::export::ExportError> for CommandError {
    fn from(error: cuttings::export::ExportError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<cuttings::archive::ArchiveError> for CommandError {
    fn from(error: cuttings::archive::ArchiveError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for CommandError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_code_and_message() {
        let error = CommandError::from(StoreError::NotFound { what: "clipping", id: 42 });
        assert_eq!(error.code, "not_found");
        assert_eq!(error.message, "no clipping with id 42");
    }

    #[test]
    fn fetch_errors_keep_their_code() {
        let error = CommandError::from(cuttings::fetch::web_url("ftp://example.org/x").unwrap_err());
        assert_eq!(error.code, "bad_url");
        assert!(error.message.contains("ftp://example.org/x"), "{}", error.message);
    }

    #[test]
    fn serialises_as_code_and_message() {
        let json = serde_json::to_value(CommandError::bad_input("a limit of 0 rows")).unwrap();
        assert_eq!(json, serde_json::json!({ "code": "bad_input", "message": "a limit of 0 rows" }));
    }
}
