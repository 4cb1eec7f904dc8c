//! The Tauri commands the UI calls. Each one checks its input, calls one core function and maps the error.
//!
//! No SQL and no HTML handling here (ARCHITECTURE.md): the core does the work, [`crate::dto`] shapes the answer.
//! Every command is listed in `build.rs`, registered in `main.rs` and granted in `capabilities/main.json`.
//! Modules: [`browse`] (reading the library, search, opening links), [`clip`] (fetch, preview, save, and loading
//! the images a clipping is missing), [`organise`] (folders, moving, tags, metadata, notes, trash), [`export`]
//! (save dialog, PDF and Markdown export), [`highlights`] (the reader's highlights), [`queue`] (queueing many addresses, the queue panel, imports).

pub mod browse;
pub mod clip;
pub mod export;
pub mod highlights;
pub mod organise;
pub mod queue;

use crate::error::CommandError;

/// Ids from the UI as the core's ids, refusing an empty selection.
pub fn clipping_ids(ids: &[i64]) -> Result<Vec<cuttings::store::ClippingId>, CommandError> {
    if ids.is_empty() {
        return Err(CommandError::bad_input("no clipping is selected"));
    }
    Ok(ids.iter().copied().map(cuttings::store::ClippingId).collect())
}
