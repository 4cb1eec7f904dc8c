//! Exporting from the window: the native save dialog that chooses where, then the export itself, run on a worker
//! thread with its own connection to the library (so the window stays usable), reporting progress on a channel and
//! stopping when cancelled. The core writes all or nothing: a failed or cancelled export leaves no file behind.

use std::path::PathBuf;

use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use cuttings::export::{self, ExportControl, ExportProgress};
use cuttings::store::Library;

use crate::dto::{ExportFormat, ExportProgressReport, ExportRequest, ExportSummary};
use crate::error::CommandError;
use crate::state::{ExportState, LibraryState};

/// Asks the user where to write an export, with the native save dialog, starting from `suggestedName`. Answers the
/// chosen path (a PDF gets its `.pdf` ending), or `null` when the dialog was closed without choosing.
#[tauri::command]
pub async fn choose_export_target(
    app: AppHandle,
    format: ExportFormat,
    suggested_name: String,
) -> Result<Option<String>, CommandError> {
    let name = cuttings::export::file_names::safe_name(&suggested_name);
    let (title, file_name) = match format {
        ExportFormat::Pdf => ("Save the press review", format!("{name}.pdf")),
        ExportFormat::Markdown => ("Name the new folder for the Markdown files", name),
    };
    let mut dialog = app.dialog().file().set_title(title).set_file_name(file_name);
    if let Some(folder) = default_folder() {
        dialog = dialog.set_directory(folder);
    }
    if format == ExportFormat::Pdf {
        dialog = dialog.add_filter("PDF document", &["pdf"]);
    }
    let (sender, receiver) = tokio::sync::oneshot::channel();
    dialog.save_file(move |chosen| {
        // The receiver waits for this answer; it is gone only if the command itself was dropped.
        let _ = sender.send(chosen);
    });
    let chosen = receiver.await.map_err(|_| CommandError::new("internal", "the save dialog closed unexpectedly"))?;
    let Some(chosen) = chosen else { return Ok(None) };
    let mut path = chosen
        .into_path()
        .map_err(|e| CommandError::bad_input(format!("that place cannot be written to from here: {e}")))?;
    if format == ExportFormat::Pdf && !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
        path.as_mut_os_string().push(".pdf");
    }
    Ok(Some(path.display().to_string()))
}

/// Where the save dialog starts: the user's Documents folder, else their home.
fn default_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(dirs.document_dir().unwrap_or(dirs.home_dir()).to_path_buf())
}

/// Exports a collection as a PDF or as Markdown files to `request.target`, reporting progress on `on_progress`.
/// Stored images are used first; others are downloaded (a failed image is a placeholder, never an error).
#[tauri::command]
pub async fn export(
    app: AppHandle,
    exports: State<'_, ExportState>,
    request: ExportRequest,
    on_progress: Channel<ExportProgressReport>,
) -> Result<ExportSummary, CommandError> {
    let target = PathBuf::from(request.target.trim());
    if request.target.trim().is_empty() || !target.is_absolute() {
        return Err(CommandError::bad_input("choose where to save the export"));
    }
    let library_path = app.state::<LibraryState>().path().to_path_buf();
    let core_request = request.core(&target);
    let id = request.request;
    let cancel = exports.start(id);
    // On a worker thread with its own connection to the library, so that the window stays usable.
    let outcome = tauri::async_runtime::spawn_blocking(move || -> Result<ExportSummary, CommandError> {
        let report = |progress: ExportProgress| {
            // The dialog may have been closed; the export goes on to its end or its cancel.
            let _ = on_progress.send(progress.into());
        };
        let library = Library::open(&library_path)?;
        Ok(export::run(&library, &core_request, ExportControl::new(&report, &cancel))?.into())
    })
    .await;
    exports.finish(id);
    let summary = outcome.map_err(|e| CommandError::new("internal", format!("the export stopped: {e}")))??;
    exports.remember(PathBuf::from(&summary.path));
    Ok(summary)
}

/// Shows a finished export: opens the PDF with the system's viewer, or the Markdown folder in the file manager.
/// Only what this run of the app exported can be opened this way.
#[tauri::command]
pub fn open_export(app: AppHandle, exports: State<'_, ExportState>, path: String) -> Result<(), CommandError> {
    let path = PathBuf::from(path);
    if !exports.exported(&path) {
        return Err(CommandError::bad_input("only a file this window exported can be opened from here"));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| CommandError::new("open_failed", format!("opening {}: {e}", path.display())))
}

/// Stops export `request`; it answers with the code "cancelled" and leaves nothing behind.
#[tauri::command]
pub fn cancel_export(exports: State<'_, ExportState>, request: u64) {
    exports.cancel(request);
}
