//! Commands for highlights in the reader: list a clipping's, add one from the reader's selection, recolour or
//! comment, remove (returning it, for the undo) and restore. Anchoring is the core's: the UI sends the selected
//! text and shows what the core answers. Each is one core call under the library lock.

use tauri::State;

use cuttings::store::{ClippingId, HighlightEdit, HighlightId, NewHighlight};

use crate::dto::{HighlightColour, HighlightView};
use crate::error::CommandError;
use crate::state::LibraryState;

/// A clipping's highlights in reading order, detached ones last.
#[tauri::command]
pub fn list_highlights(state: State<'_, LibraryState>, clipping: i64) -> Result<Vec<HighlightView>, CommandError> {
    let highlights = state.with(|library| library.highlights(ClippingId(clipping)))?;
    Ok(highlights.into_iter().map(HighlightView::from).collect())
}

/// Highlights a passage the reader selected; `occurrence` (1 for the first) says which when it occurs several
/// times (`quote_ambiguous` otherwise; `quote_not_found` when the text does not have it).
#[tauri::command]
pub fn add_highlight(
    state: State<'_, LibraryState>,
    clipping: i64,
    quote: String,
    occurrence: Option<u32>,
    colour: HighlightColour,
    comment: Option<String>,
) -> Result<HighlightView, CommandError> {
    let new = NewHighlight { quote, occurrence: occurrence.map(|n| n as usize), colour: colour.into(), comment };
    let highlight = state.with(|library| library.add_highlight(ClippingId(clipping), &new))?;
    Ok(highlight.into())
}

/// Recolours a highlight and/or changes its comment (an empty comment removes it); returns it as it is now.
#[tauri::command]
pub fn edit_highlight(
    state: State<'_, LibraryState>,
    id: i64,
    colour: Option<HighlightColour>,
    comment: Option<String>,
) -> Result<HighlightView, CommandError> {
    // The core takes a comment of only white space as none.
    let edit = HighlightEdit { colour: colour.map(Into::into), comment: comment.map(Some) };
    let highlight = state.with(|library| library.edit_highlight(HighlightId(id), &edit))?;
    Ok(highlight.into())
}

/// Removes a highlight and returns it, so the UI can undo with [`restore_highlight`].
#[tauri::command]
pub fn remove_highlight(state: State<'_, LibraryState>, id: i64) -> Result<HighlightView, CommandError> {
    let highlight = state.with(|library| library.remove_highlight(HighlightId(id)))?;
    Ok(highlight.into())
}

/// Puts back a removed highlight, placed again on its clipping's current text; returns it with its new id.
#[tauri::command]
pub fn restore_highlight(
    state: State<'_, LibraryState>,
    highlight: HighlightView,
) -> Result<HighlightView, CommandError> {
    let restored = state.with(|library| library.restore_highlight(&highlight.to_core()))?;
    Ok(restored.into())
}
