//! The one error type that crosses to the UI: `{ code, message }`, and [`ErrorCode`], every code it can carry.
//!
//! `code` is the core's stable code (`StoreError::code`, `ClipError::code`, `FetchError::code`, `ExportError::code`,
//! `ArchiveError::code`, `ImportError::code`) or one of the shell's own (`bad_input`, `internal`, `open_failed`, `browser_closed`,
//! `browser_no_page`), and for a clip that Cuttings' browser would fix, why (`browserWouldHelp`, the core's rule); the UI branches on it,
//! never on `message`, which is the core's plain-words text for showing to the user. [`ErrorCode`] lists them all
//! and becomes a TypeScript union (`bindings.rs`) that the UI checks exhaustively, so a code added here without
//! words for it in the UI fails `npm run check`; a test reads the core's `code()` functions and fails when one
//! returns a code missing here. This module never decides what an error means.

use cuttings::clip::ClipError;
use cuttings::fetch::FetchError;
use cuttings::store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it from every command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// Stable kind of failure, for the UI to branch on.
    pub code: ErrorCode,
    /// What went wrong, in plain words, ready to show.
    pub message: String,
    /// Why Cuttings' browser would clip the page that failed (the core's rule, `cuttings::clip::browser_reason`);
    /// absent for every other failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub browser_would_help: Option<crate::dto::BrowserReason>,
}

/// Every stable code a command can fail with: the core's, then the shell's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The store's (`StoreError::code`).
    /// The file is not a Cuttings library.
    NotALibrary,
    /// The library was made by a newer Cuttings.
    NewerSchema,
    /// Another program is writing to the library.
    Busy,
    /// The library is open in another program (a restore was refused).
    InUse,
    /// The library file cannot be written.
    ReadOnly,
    /// No clipping, folder, note or tag with that id or name (also an expired preview).
    NotFound,
    /// A folder or tag with that name exists.
    NameTaken,
    /// A folder cannot go inside itself.
    FolderCycle,
    /// A folder or tag name that cannot be used.
    InvalidName,
    /// A clipping's title is empty.
    TitleRequired,
    /// A note (or other required text) is empty.
    EmptyText,
    /// A search the query syntax cannot read.
    InvalidQuery,
    /// A stored page is damaged.
    DamagedPage,
    /// A backup that cannot be restored.
    BadBackup,
    /// The system has no folder for the library.
    NoDataFolder,
    /// Reading or writing a file failed.
    Io,
    /// SQLite failed.
    Sqlite,
    /// A passage to highlight is not in the clipping's text.
    QuoteNotFound,
    /// A passage to highlight occurs several times and none was chosen.
    QuoteAmbiguous,
    // The fetcher's (`FetchError::code`).
    /// Not a web address (or a redirect to none).
    BadUrl,
    /// The server answered with an error status.
    HttpStatus,
    /// The server took too long.
    Timeout,
    /// No connection to the server.
    Network,
    /// The page is larger than the limit.
    TooLarge,
    /// The address gives something else than a web page.
    NotAWebPage,
    /// The redirects go round in circles or never end.
    RedirectLoop,
    /// The server sent an empty page.
    EmptyPage,
    /// A page supplied an address on a private network.
    PrivateAddress,
    // Clipping's (`ClipError::code`).
    /// A saved page could not be read from disk.
    ReadFile,
    /// Nothing on the page reads like an article.
    NoArticle,
    /// A saved page was given without its address, and it declares none.
    NoAddress,
    /// The page is too complex (or too slow) to read.
    PageTooComplex,
    /// The user cancelled (a fetch, a save, an export).
    Cancelled,
    // The export's (`ExportError::code`).
    /// Nothing to export.
    Empty,
    /// Something with the export's name is already there.
    TargetExists,
    /// The folder to export into no longer exists.
    NoParentFolder,
    /// The disk is full.
    DiskFull,
    /// The export could not be written.
    Write,
    /// The PDF could not be laid out.
    Layout,
    // The importers' (`ImportError::code`).
    /// An export file that cannot be read (the message names the file and the line or record).
    ImportMalformed,
    // The shell's own.
    /// Input from the UI that the shell refuses before calling the core.
    BadInput,
    /// A file or address could not be opened in another program.
    OpenFailed,
    /// Cuttings' browser window is not open (it was closed).
    BrowserClosed,
    /// Cuttings' browser did not hand over its page (still loading, or it did not answer).
    BrowserNoPage,
    /// The shell itself failed (a worker thread stopped).
    Internal,
}

impl ErrorCode {
    /// The code named `code` (a core error's `code()`); `Internal` for a name not listed, which the test of this
    /// module rules out for the core's codes.
    pub fn of(code: &str) -> ErrorCode {
        serde_json::from_value(serde_json::Value::String(code.to_string())).unwrap_or(ErrorCode::Internal)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => f.write_str(&name),
            _ => write!(f, "{self:?}"),
        }
    }
}

/// Compares with a code's name, as the core's `code()` returns it.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        matches!(serde_json::to_value(self), Ok(serde_json::Value::String(name)) if name == *other)
    }
}

impl CommandError {
    /// An error with the code named `code`, one of [`ErrorCode`]'s (a test checks every such call in the shell).
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError { code: ErrorCode::of(code), message: message.into(), browser_would_help: None }
    }

    /// Input from the UI that the shell refuses before calling the core.
    pub fn bad_input(message: impl Into<String>) -> Self {
        CommandError { code: ErrorCode::BadInput, message: message.into(), browser_would_help: None }
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<ClipError> for CommandError {
    fn from(error: ClipError) -> Self {
        let browser_would_help = cuttings::clip::browser_reason(&error).map(crate::dto::BrowserReason::from);
        CommandError { browser_would_help, ..CommandError::new(error.code(), error.to_string()) }
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

impl From<cuttings::import::ImportError> for CommandError {
    fn from(error: cuttings::import::ImportError) -> Self {
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
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.message, "no clipping with id 42");
    }

    #[test]
    fn fetch_errors_keep_their_code() {
        let error = CommandError::from(cuttings::fetch::web_url("ftp://example.org/x").unwrap_err());
        assert_eq!(error.code, ErrorCode::BadUrl);
        assert!(error.message.contains("ftp://example.org/x"), "{}", error.message);
    }

    #[test]
    fn serialises_as_code_and_message() {
        let json = serde_json::to_value(CommandError::bad_input("a limit of 0 rows")).unwrap();
        assert_eq!(json, serde_json::json!({ "code": "bad_input", "message": "a limit of 0 rows" }));
    }

    #[test]
    fn a_clip_error_a_browser_would_fix_says_why() {
        let forbidden = FetchError::HttpStatus {
            url: "https://news.example/a".into(),
            status: 403,
            reason: "".into(),
            retry_after: None,
        };
        let json = serde_json::to_value(CommandError::from(ClipError::Fetch(forbidden))).unwrap();
        assert_eq!(json["code"], "http_status");
        assert_eq!(json["browserWouldHelp"], "login");
        let no_article =
            CommandError::from(ClipError::NoArticle { url: "https://news.example/a".into(), consent_wall: false });
        assert_eq!(no_article.browser_would_help, Some(crate::dto::BrowserReason::Script));
        assert_eq!(CommandError::from(ClipError::EmptyPage).browser_would_help, None);
    }

    #[test]
    fn an_unreadable_export_names_the_file_and_the_place() {
        let error = cuttings::import::read_export(cuttings::import::ImportFormat::Wallabag, "wallabag.json", b"[{")
            .unwrap_err();
        let error = CommandError::from(error);
        assert_eq!(error.code, ErrorCode::ImportMalformed);
        assert!(error.message.starts_with("wallabag.json"), "{}", error.message);
    }

    #[test]
    fn the_codes_returned_are_read_from_code_functions_only() {
        let source = r#"
            fn other() -> &'static str { "not_a_code" }
            pub fn code(&self) -> &'static str {
                match self { A => "a", B { .. } => { match c { _ => "b" } } }
            }
            fn after() { "neither" }
        "#;
        assert_eq!(codes_returned(source), ["a", "b"]);
    }

    /// The string literals inside the body of every `fn code(` in `source`.
    fn codes_returned(source: &str) -> Vec<String> {
        let mut codes = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find("fn code(") {
            let body = &rest[start..];
            let Some(open) = body.find('{') else { break };
            let mut depth = 0;
            let mut end = body.len();
            for (i, c) in body[open..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            codes.extend(body[open..end].split('"').skip(1).step_by(2).map(str::to_string));
            rest = &body[end..];
        }
        codes
    }

    #[test]
    fn every_code_the_core_returns_is_an_error_code() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let files = [
            "src/store/error.rs",
            "src/fetch/error.rs",
            "src/clip.rs",
            "src/export/error.rs",
            "src/archive/mod.rs",
            "src/import/mod.rs",
        ];
        let mut seen = 0;
        for file in files {
            let source = std::fs::read_to_string(root.join(file))
                .unwrap_or_else(|e| panic!("{file}: {e}; a core error moved: update this list"));
            let codes = codes_returned(&source);
            assert!(!codes.is_empty(), "{file} has no `fn code(` returning string literals");
            for code in codes {
                let parsed: Result<ErrorCode, _> = serde_json::from_value(serde_json::Value::String(code.clone()));
                assert!(parsed.is_ok(), "{file} returns the code {code:?}, which ErrorCode does not list");
                seen += 1;
            }
        }
        assert!(seen > 30, "only {seen} codes found");
    }

    #[test]
    fn every_code_the_shell_names_is_an_error_code() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = vec![];
        let mut folders = vec![dir];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    sources.push(path);
                }
            }
        }
        for path in sources {
            let source = std::fs::read_to_string(&path).unwrap();
            for call in source.split("CommandError::new(\"").skip(1) {
                let code = call.split('"').next().unwrap_or_default();
                let parsed: Result<ErrorCode, _> = serde_json::from_value(serde_json::Value::String(code.into()));
                assert!(parsed.is_ok(), "{}: CommandError::new({code:?}) is not an ErrorCode", path.display());
            }
        }
    }

    #[test]
    fn codes_are_snake_case_in_json() {
        assert_eq!(serde_json::to_value(ErrorCode::NotAWebPage).unwrap(), serde_json::json!("not_a_web_page"));
        assert_eq!(ErrorCode::of("no_address"), ErrorCode::NoAddress);
        assert_eq!(ErrorCode::of("something new"), ErrorCode::Internal);
        assert_eq!(ErrorCode::InUse.to_string(), "in_use");
        assert!(ErrorCode::Internal != "something new");
    }
}
