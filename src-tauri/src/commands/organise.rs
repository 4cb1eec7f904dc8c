//! Commands that change the library: folders (new, rename, move, delete), moving clippings, tags, metadata,
//! notes, and the trash (delete, restore, empty). Each is one core call under the library lock.

use tauri::State;

use cuttings::store::{ClippingId, FolderId, NoteId, TrashItemId};

use crate::commands::clipping_ids;
use crate::dto::MetadataEdit;
use crate::error::CommandError;
use crate::state::LibraryState;

/// Creates a folder under `parent` (or at the top); returns its id.
#[tauri::command]
pub fn create_folder(state: State<'_, LibraryState>, parent: Option<i64>, name: String) -> Result<i64, CommandError> {
    let id = state.with(|library| library.create_folder(parent.map(FolderId), &name))?;
    Ok(id.0)
}

/// Renames a folder.
#[tauri::command]
pub fn rename_folder(state: State<'_, LibraryState>, id: i64, name: String) -> Result<(), CommandError> {
    state.with(|library| library.rename_folder(FolderId(id), &name))
}

/// Moves a folder under `parent` (or to the top), last among its new siblings.
#[tauri::command]
pub fn move_folder(state: State<'_, LibraryState>, id: i64, parent: Option<i64>) -> Result<(), CommandError> {
    state.with(|library| library.move_folder(FolderId(id), parent.map(FolderId), None))
}

/// Moves a folder, with everything in it, to the trash.
#[tauri::command]
pub fn delete_folder(state: State<'_, LibraryState>, id: i64) -> Result<(), CommandError> {
    state.with(|library| library.delete_folder(FolderId(id)))
}

/// Moves clippings to a folder (`null` for the Inbox).
#[tauri::command]
pub fn move_clippings(state: State<'_, LibraryState>, ids: Vec<i64>, folder: Option<i64>) -> Result<(), CommandError> {
    let ids = clipping_ids(&ids)?;
    state.with(|library| library.move_clippings(&ids, folder.map(FolderId)))
}

/// Gives tags to clippings.
#[tauri::command]
pub fn add_tags(state: State<'_, LibraryState>, ids: Vec<i64>, tags: Vec<String>) -> Result<(), CommandError> {
    let ids = clipping_ids(&ids)?;
    state.with(|library| library.add_tags(&ids, &tags))
}

/// Takes tags off clippings.
#[tauri::command]
pub fn remove_tags(state: State<'_, LibraryState>, ids: Vec<i64>, tags: Vec<String>) -> Result<(), CommandError> {
    let ids = clipping_ids(&ids)?;
    state.with(|library| library.remove_tags(&ids, &tags))
}

/// Renames a tag.
#[tauri::command]
pub fn rename_tag(state: State<'_, LibraryState>, from: String, to: String) -> Result<(), CommandError> {
    state.with(|library| library.rename_tag(&from, &to))
}

/// Merges tag `from` into tag `into`.
#[tauri::command]
pub fn merge_tags(state: State<'_, LibraryState>, from: String, into: String) -> Result<(), CommandError> {
    state.with(|library| library.merge_tags(&from, &into))
}

/// Deletes a tag from every clipping.
#[tauri::command]
pub fn delete_tag(state: State<'_, LibraryState>, name: String) -> Result<(), CommandError> {
    state.with(|library| library.delete_tag(&name))
}

/// Changes a clipping's title, authors, outlet and publication date; the core refuses an empty title
/// (`title_required`).
#[tauri::command]
pub fn edit_metadata(state: State<'_, LibraryState>, id: i64, edit: MetadataEdit) -> Result<(), CommandError> {
    state.with(|library| library.edit_clipping(ClippingId(id), &edit.to_core()))
}

/// Adds a Markdown note to a clipping; returns its id.
#[tauri::command]
pub fn add_note(state: State<'_, LibraryState>, clipping: i64, body: String) -> Result<i64, CommandError> {
    let id = state.with(|library| library.add_note(ClippingId(clipping), &body))?;
    Ok(id.0)
}

/// Replaces a note's text.
#[tauri::command]
pub fn edit_note(state: State<'_, LibraryState>, id: i64, body: String) -> Result<(), CommandError> {
    state.with(|library| library.edit_note(NoteId(id), &body))
}

/// Deletes a note.
#[tauri::command]
pub fn delete_note(state: State<'_, LibraryState>, id: i64) -> Result<(), CommandError> {
    state.with(|library| library.delete_note(NoteId(id)))
}

/// Moves clippings to the trash.
#[tauri::command]
pub fn trash_clippings(state: State<'_, LibraryState>, ids: Vec<i64>) -> Result<(), CommandError> {
    let ids = clipping_ids(&ids)?;
    state.with(|library| library.trash_clippings(&ids))
}

/// Puts a trash entry back where it was.
#[tauri::command]
pub fn restore(state: State<'_, LibraryState>, id: i64) -> Result<(), CommandError> {
    state.with(|library| library.restore(TrashItemId(id)))
}

/// Destroys everything in the trash; returns how many entries were emptied.
#[tauri::command]
pub fn empty_trash(state: State<'_, LibraryState>) -> Result<u32, CommandError> {
    state.with(|library| library.empty_trash())
}
