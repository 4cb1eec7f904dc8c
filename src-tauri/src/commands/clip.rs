//! Clipping from the window: fetch and extract a page (or a saved file's bytes) into a held preview, then save it
//! with its folder, tags and note, or discard it. The network is used with no lock held; the library is locked
//! only for the save.

use tauri::State;

use cuttings::clip::{Filing, WholePage, prepare_bytes, prepare_url};
use cuttings::store::{AddOutcome, FolderId};

use crate::dto::{ClipPreview, SaveClipRequest, SaveOutcome};
use crate::error::CommandError;
use crate::state::{ClipState, LibraryState};

/// The largest saved page the window accepts, as the fetcher's own limit.
const MAX_PAGE_BYTES: usize = 20 * 1024 * 1024;

/// Fetches the page at `url` and extracts its article; the result is held for [`save_clip`]. `request` is the
/// UI's number for this fetch, which [`cancel_clip`] takes.
#[tauri::command]
pub async fn prepare_clip(clips: State<'_, ClipState>, request: u64, url: String) -> Result<ClipPreview, CommandError> {
    let fetcher = clips.fetcher()?;
    let cancelled = clips.start(request);
    let outcome = tokio::select! {
        prepared = prepare_url(&fetcher, &url, WholePage::Refuse) => Some(prepared),
        () = cancelled.notified() => None,
    };
    clips.finish(request);
    let prepared = outcome.ok_or_else(|| CommandError::new("cancelled", "clipping was cancelled"))??;
    let token = clips.hold(prepared.clone());
    Ok(ClipPreview::new(token, &prepared))
}

/// Stops fetch `request` (its connection is dropped); its `prepare_clip` answers with the code "cancelled".
#[tauri::command]
pub fn cancel_clip(clips: State<'_, ClipState>, request: u64) {
    clips.cancel(request);
}

/// Extracts the article from a saved page's bytes, served at `url`; the result is held for [`save_clip`].
#[tauri::command]
pub async fn prepare_page(
    clips: State<'_, ClipState>,
    bytes: Vec<u8>,
    url: String,
) -> Result<ClipPreview, CommandError> {
    if bytes.is_empty() {
        return Err(CommandError::bad_input("the file is empty"));
    }
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(CommandError::bad_input(format!(
            "the file is {} MB; pages up to {} MB can be clipped",
            bytes.len() / 1_000_000,
            MAX_PAGE_BYTES / 1_000_000
        )));
    }
    let url = cuttings::fetch::web_url(&url)?;
    // Extraction is CPU work: off the async threads.
    let prepared = tauri::async_runtime::spawn_blocking(move || prepare_bytes(bytes, url, WholePage::Refuse))
        .await
        .map_err(|e| CommandError::new("internal", format!("extracting the page stopped: {e}")))??;
    let token = clips.hold(prepared.clone());
    Ok(ClipPreview::new(token, &prepared))
}

/// Saves a held page; a duplicate address is reported (and the page kept) unless `allowDuplicate`.
#[tauri::command]
pub fn save_clip(
    library: State<'_, LibraryState>,
    clips: State<'_, ClipState>,
    request: SaveClipRequest,
) -> Result<SaveOutcome, CommandError> {
    let prepared = clips.get(request.token)?;
    let tags = request.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    let note = request.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let filing = Filing { folder: request.folder.map(FolderId), tags, note, allow_duplicate: request.allow_duplicate };
    let outcome = library.with(|lib| lib.add_clipping(prepared.into_new_clipping(filing)))?;
    Ok(match outcome {
        AddOutcome::Added(id) => {
            clips.release(request.token);
            SaveOutcome::Added { id: id.0 }
        }
        AddOutcome::Duplicate { existing } => SaveOutcome::Duplicate { existing: existing.into() },
    })
}

/// Forgets a held page (the dialog was closed without saving).
#[tauri::command]
pub fn discard_clip(clips: State<'_, ClipState>, token: u64) {
    clips.release(token);
}
