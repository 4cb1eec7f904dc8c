//! Commands that read the library (folders, tags, lists, one clipping, the trash, search), show a note, and open
//! links outside.

use tauri::State;
use tauri_plugin_opener::OpenerExt;

use cuttings::store::ClippingId;

use crate::dto::{
    ClippingRow, ClippingView, FolderNode, LibraryInfo, ListRequest, MAX_PAGE_ROWS, SearchRequest, SearchResult,
    TagSummary, TrashEntry,
};
use crate::error::CommandError;
use crate::state::LibraryState;

/// Where the open library is.
#[tauri::command]
pub fn library_info(state: State<'_, LibraryState>) -> Result<LibraryInfo, CommandError> {
    // Answer only for a library that opened, so the UI learns of an open failure from its first call.
    state.with(|_| Ok::<_, CommandError>(()))?;
    Ok(LibraryInfo { path: state.path().display().to_string() })
}

/// All folders, parents before children.
#[tauri::command]
pub fn folder_tree(state: State<'_, LibraryState>) -> Result<Vec<FolderNode>, CommandError> {
    let folders = state.with(|library| library.folder_tree())?;
    Ok(folders.into_iter().map(FolderNode::from).collect())
}

/// All tags with their counts.
#[tauri::command]
pub fn tags(state: State<'_, LibraryState>) -> Result<Vec<TagSummary>, CommandError> {
    let tags = state.with(|library| library.tags())?;
    Ok(tags.into_iter().map(TagSummary::from).collect())
}

/// One page of a list of clippings.
#[tauri::command]
pub fn list_clippings(state: State<'_, LibraryState>, request: ListRequest) -> Result<Vec<ClippingRow>, CommandError> {
    check_page(&request)?;
    let (filter, sort) = (request.source.into(), request.sort.into());
    let rows = state.with(|library| library.list_clippings(&filter, sort, request.limit, request.offset))?;
    Ok(rows.into_iter().map(ClippingRow::from).collect())
}

/// One clipping with its article and notes.
#[tauri::command]
pub fn clipping(state: State<'_, LibraryState>, id: i64) -> Result<ClippingView, CommandError> {
    let clipping = state.with(|library| library.clipping(ClippingId(id)))?;
    Ok(clipping.into())
}

/// What is in the trash, most recently deleted first (the core's order).
#[tauri::command]
pub fn trash(state: State<'_, LibraryState>) -> Result<Vec<TrashEntry>, CommandError> {
    let items = state.with(|library| library.list_trash())?;
    Ok(items.into_iter().map(TrashEntry::from).collect())
}

/// Clippings matching a query and filters, best first.
#[tauri::command]
pub fn search(state: State<'_, LibraryState>, request: SearchRequest) -> Result<Vec<SearchResult>, CommandError> {
    if request.limit == 0 || request.limit > MAX_PAGE_ROWS {
        return Err(CommandError::bad_input(format!("a search returns 1 to {MAX_PAGE_ROWS} results")));
    }
    let filters = request.filters();
    let hits = state.with(|library| library.search_with(&request.query, &filters, request.limit))?;
    Ok(hits.into_iter().map(SearchResult::from).collect())
}

/// Opens a web address in the system browser; the app window itself never navigates away.
#[tauri::command]
pub fn open_external(app: tauri::AppHandle, url: String) -> Result<(), CommandError> {
    let url = cuttings::fetch::web_url(&url)?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| CommandError::new("open_failed", format!("opening {url} in the browser: {e}")))
}

/// A note's Markdown as the HTML the reader shows, rendered and sanitised by the core's one note renderer (the PDF
/// prints notes from the same HTML).
#[tauri::command]
pub fn render_note(markdown: String) -> String {
    cuttings::markdown::render_note(&markdown)
}

/// Refuses a page size the list never asks for.
pub fn check_page(request: &ListRequest) -> Result<(), CommandError> {
    if request.limit == 0 || request.limit > MAX_PAGE_ROWS {
        return Err(CommandError::bad_input(format!(
            "a list page holds 1 to {MAX_PAGE_ROWS} rows, not {}",
            request.limit
        )));
    }
    Ok(())
}
