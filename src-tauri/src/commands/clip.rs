//! Clipping from the window: fetch and extract a page (or a saved file's bytes) into a held preview, then save it
//! with its folder, tags and note (downloading its images first), or discard it; and later download the images a
//! clipping is still missing ("Load images" in the reader). The network is used with no lock held; the library is
//! locked only to read what is needed and for each save's one transaction. A saved page crosses IPC as raw bytes
//! (the request body), its other arguments in one header ([`RawArgs`]). Rules (a page's declared address, tag
//! clean-up) are the core's: the commands pass what the user typed.

use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use cuttings::archive::{ImageLimits, missing_images};
use cuttings::clip::{Filing, WholePage, prepare_bytes, prepare_url};
use cuttings::store::{AddOutcome, ClippingId, FolderId};

use crate::dto::{ClipPreview, ImagesLoaded, SaveClipRequest, SaveOutcome, SaveProgress};
use crate::error::CommandError;
use crate::state::{ClipState, LibraryState};

/// The header holding the other arguments of a command whose body is raw bytes (`RAW_ARGS_HEADER` in
/// ui/src/lib/backend.ts).
const RAW_ARGS_HEADER: &str = "cuttings-args";

/// The arguments of `prepare_page` beside the page's bytes: form-encoded in the [`RAW_ARGS_HEADER`] header
/// (`request=9&url=https%3A%2F%2F…`), so that an address in any script survives a header's ASCII.
#[derive(Debug, Default, PartialEq, Eq)]
struct RawArgs {
    /// The UI's number for the extraction, which [`cancel_clip`] takes.
    request: Option<u64>,
    /// The address the page was published at, as typed; `None` when the field was left empty.
    url: Option<String>,
}

impl RawArgs {
    /// Reads the arguments from the request's headers; none at all is no argument.
    fn from_headers(headers: &tauri::http::HeaderMap) -> Result<RawArgs, CommandError> {
        let Some(value) = headers.get(RAW_ARGS_HEADER) else { return Ok(RawArgs::default()) };
        let value = value.to_str().map_err(|_| CommandError::bad_input("the arguments header is not ASCII"))?;
        let mut args = RawArgs::default();
        for (key, value) in url::form_urlencoded::parse(value.as_bytes()) {
            match &*key {
                "request" => {
                    let number = value.parse().map_err(|_| CommandError::bad_input(format!("request {value:?}")))?;
                    args.request = Some(number);
                }
                "url" => args.url = Some(value.trim().to_string()).filter(|url| !url.is_empty()),
                _ => {}
            }
        }
        Ok(args)
    }
}

/// Refuses an empty or oversized page by the core's rule, before the bytes are copied out of the request.
fn check_page_size(len: usize) -> Result<(), CommandError> {
    Ok(cuttings::clip::check_saved_size(u64::try_from(len).unwrap_or(u64::MAX))?)
}

/// The page's bytes from the request body: raw bytes, or (from a webview that fell back to `postMessage`) a JSON
/// array of numbers. The size is checked before anything is copied.
fn page_bytes(body: &InvokeBody) -> Result<Vec<u8>, CommandError> {
    match body {
        InvokeBody::Raw(bytes) => {
            check_page_size(bytes.len())?;
            Ok(bytes.clone())
        }
        InvokeBody::Json(serde_json::Value::Array(numbers)) => {
            check_page_size(numbers.len())?;
            numbers
                .iter()
                .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| CommandError::bad_input("the saved page is not bytes"))
        }
        InvokeBody::Json(_) => Err(CommandError::bad_input("the saved page must be sent as bytes")),
    }
}

/// Fetches the page at `url` and extracts its article; the result is held for [`save_clip`]. `request` is the
/// UI's number for this fetch, which [`cancel_clip`] takes: it drops the fetch and stops the extraction.
#[tauri::command]
pub async fn prepare_clip(clips: State<'_, ClipState>, request: u64, url: String) -> Result<ClipPreview, CommandError> {
    let fetcher = clips.fetcher()?;
    let cancel = clips.start(request);
    let outcome = tokio::select! {
        prepared = prepare_url(&fetcher, &url, WholePage::Refuse, cancel.flag()) => Some(prepared),
        () = cancel.cancelled() => None,
    };
    clips.finish(request);
    let prepared = outcome.ok_or_else(|| CommandError::new("cancelled", "clipping was cancelled"))??;
    let token = clips.hold(prepared.clone());
    Ok(ClipPreview::new(token, &prepared))
}

/// Stops fetch, extraction or save `request` (its connections are dropped, its extraction stops within a fraction
/// of a second); its `prepare_clip`, `prepare_page` or `save_clip` answers with the code "cancelled".
#[tauri::command]
pub fn cancel_clip(clips: State<'_, ClipState>, request: u64) {
    clips.cancel(request);
}

/// The web address on the system clipboard, which the clip dialog offers in its URL field; `None` when the
/// clipboard is empty, cannot be read or holds anything but one http(s) address. Other clipboard text never
/// reaches the UI.
#[tauri::command]
pub async fn clipboard_web_address(app: AppHandle) -> Option<String> {
    // Reading waits on the clipboard's owner (another program): off the async threads.
    let text = tauri::async_runtime::spawn_blocking(move || app.clipboard().read_text().ok()).await.ok().flatten()?;
    web_address_in(&text)
}

/// `text` as a web address to clip: one http(s) URL with a host, nothing else, at most 2,048 bytes.
fn web_address_in(text: &str) -> Option<String> {
    /// Longer clipboard text is a document, not an address someone copied.
    const MAX_ADDRESS_BYTES: usize = 2048;
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_ADDRESS_BYTES || text.contains(char::is_whitespace) {
        return None;
    }
    cuttings::fetch::web_url(text).ok().map(|_| text.to_string())
}

/// Extracts the article from a saved page, whose bytes are the request body; the result is held for [`save_clip`].
/// The header [`RAW_ARGS_HEADER`] may give `url`, the address the page was published at (else the core reads the
/// one the page declares, and fails with `no_address` when there is none), and `request`, the UI's number for this
/// extraction, which [`cancel_clip`] takes.
#[tauri::command]
pub async fn prepare_page(clips: State<'_, ClipState>, request: Request<'_>) -> Result<ClipPreview, CommandError> {
    let bytes = page_bytes(request.body())?;
    let args = RawArgs::from_headers(request.headers())?;
    let url = args.url.as_deref().map(cuttings::fetch::web_url).transpose()?;
    let cancel = args.request.map(|request| clips.start(request)).unwrap_or_default();
    // Extraction is CPU work: off the async threads.
    let flag = cancel.flag();
    let extracted = tauri::async_runtime::spawn_blocking(move || prepare_bytes(bytes, url, WholePage::Refuse, flag))
        .await
        .map_err(|e| CommandError::new("internal", format!("extracting the page stopped: {e}")));
    if let Some(request) = args.request {
        clips.finish(request);
    }
    let prepared = extracted??;
    let token = clips.hold(prepared.clone());
    Ok(ClipPreview::new(token, &prepared))
}

/// Saves a held page: downloads its images (reporting each one on `on_progress`; `request` is the UI's number for
/// this save, which [`cancel_clip`] takes, and a cancelled save stores nothing), then stores the clipping with them
/// in one transaction. A duplicate address is reported (and the page kept) unless `allowDuplicate`.
#[tauri::command]
pub async fn save_clip(
    app: AppHandle,
    clips: State<'_, ClipState>,
    request: SaveClipRequest,
    on_progress: Channel<SaveProgress>,
) -> Result<SaveOutcome, CommandError> {
    let mut prepared = clips.get(request.token)?;
    if request.whole_page && !prepared.choose_whole_page() {
        return Err(CommandError::bad_input("this page was read with confidence: there is no whole page to choose"));
    }
    let fetcher = clips.fetcher()?;
    // 1. The images, with no lock held: a failed image is recorded, never an error.
    let report = |done: usize, total: usize| {
        let progress = SaveProgress { images_done: clamp(done), images_total: clamp(total) };
        // The window may have closed the dialog; its progress is then of no use to anyone.
        let _ = on_progress.send(progress);
    };
    let limits = ImageLimits::default();
    let cancel = clips.start(request.request);
    let downloaded = tokio::select! {
        images = prepared.download_images(&fetcher, &limits, &report) => Some(images),
        () = cancel.cancelled() => None,
    };
    clips.finish(request.request);
    let images = downloaded.ok_or_else(|| CommandError::new("cancelled", "saving was cancelled"))?;

    // 2. One transaction, off the async threads (the image files are written first).
    // The tags and the note go as typed: the core cleans them.
    let filing = Filing {
        folder: request.folder.map(FolderId),
        tags: request.tags,
        note: request.note,
        allow_duplicate: request.allow_duplicate,
        saved_at: None,
    };
    let new = prepared.into_new_clipping(filing);
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        app.state::<LibraryState>().with(|lib| lib.add_clipping_with_images(new, &images))
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("saving the clipping stopped: {e}")))??;
    Ok(match outcome {
        AddOutcome::Added(id) => {
            clips.release(request.token);
            SaveOutcome::Added { id: id.0 }
        }
        AddOutcome::Duplicate { existing } => SaveOutcome::Duplicate { existing: existing.into() },
    })
}

/// "Load images" in the reader: downloads the images of clipping `id` that are not stored yet, through the core's
/// guarded image downloader, and points its article at the stored copies. The library is locked to read what is
/// missing and to record the result, never while on the network.
#[tauri::command]
pub async fn load_images(app: AppHandle, clips: State<'_, ClipState>, id: i64) -> Result<ImagesLoaded, CommandError> {
    let fetcher = clips.fetcher()?;
    let library = app.state::<LibraryState>();
    let missing = library.with(|lib| missing_images(lib, ClippingId(id)))?;
    let downloaded = missing.download(&fetcher, &ImageLimits::default()).await;
    // One transaction, off the async threads.
    let report =
        tauri::async_runtime::spawn_blocking(move || app.state::<LibraryState>().with(|lib| downloaded.store(lib)))
            .await
            .map_err(|e| CommandError::new("internal", format!("storing the images stopped: {e}")))??;
    Ok(ImagesLoaded::from(&report))
}

/// A count as the UI's number type (no page has four billion images).
fn clamp(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Forgets a held page (the dialog was closed without saving).
#[tauri::command]
pub fn discard_clip(clips: State<'_, ClipState>, token: u64) {
    clips.release(token);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn headers(value: &str) -> tauri::http::HeaderMap {
        let mut headers = tauri::http::HeaderMap::new();
        headers.insert(RAW_ARGS_HEADER, tauri::http::HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn raw_arguments_come_form_encoded_in_one_header() {
        // As `URLSearchParams` writes them in backend.ts.
        let args = RawArgs::from_headers(&headers(
            "request=9&url=https%3A%2F%2Fnews.example%2F%EC%84%9C%EC%9A%B8%3Fa%3D1%26b%3D2",
        ));
        assert_eq!(args.unwrap(), RawArgs { request: Some(9), url: Some("https://news.example/서울?a=1&b=2".into()) });
        // An empty field is no address: the core reads the page's own.
        assert_eq!(
            RawArgs::from_headers(&headers("request=10&url=+")).unwrap(),
            RawArgs { request: Some(10), url: None }
        );
        assert_eq!(RawArgs::from_headers(&tauri::http::HeaderMap::new()).unwrap(), RawArgs::default());
        assert_eq!(RawArgs::from_headers(&headers("request=ten")).unwrap_err().code, ErrorCode::BadInput);
    }

    #[test]
    fn a_saved_page_is_taken_as_raw_bytes_within_the_limit() {
        assert_eq!(page_bytes(&InvokeBody::Raw(b"<p>hi".to_vec())).unwrap(), b"<p>hi");
        assert_eq!(page_bytes(&InvokeBody::Json(serde_json::json!([60, 112]))).unwrap(), b"<p");
        assert_eq!(page_bytes(&InvokeBody::Raw(Vec::new())).unwrap_err().code, ErrorCode::EmptyPage);
        assert_eq!(page_bytes(&InvokeBody::Json(serde_json::json!([300]))).unwrap_err().code, ErrorCode::BadInput);
        assert_eq!(
            page_bytes(&InvokeBody::Json(serde_json::json!({ "bytes": [1] }))).unwrap_err().code,
            ErrorCode::BadInput
        );
        let limit = usize::try_from(cuttings::fetch::FetchLimits::default().max_body_bytes).unwrap();
        let huge = page_bytes(&InvokeBody::Raw(vec![b' '; limit + 1])).unwrap_err();
        assert_eq!(huge.code, ErrorCode::TooLarge);
        assert!(huge.message.starts_with("the saved page is "), "{}", huge.message);
        assert!(page_bytes(&InvokeBody::Raw(vec![b' '; limit])).is_ok());
    }

    #[test]
    fn only_one_web_address_is_taken_from_the_clipboard() {
        assert_eq!(
            web_address_in("  https://news.example/a/story?id=1\n").as_deref(),
            Some("https://news.example/a/story?id=1")
        );
        assert_eq!(web_address_in("http://localhost:8080/x").as_deref(), Some("http://localhost:8080/x"));
        for not_an_address in [
            "",
            "   ",
            "news.example/a/story",
            "ftp://files.example/a",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://news.example/a and some words",
            "my password is hunter2",
        ] {
            assert_eq!(web_address_in(not_an_address), None, "{not_an_address:?}");
        }
        let long = format!("https://news.example/{}", "a".repeat(3000));
        assert_eq!(web_address_in(&long), None);
    }
}
