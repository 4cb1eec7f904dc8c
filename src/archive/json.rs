//! A JSON export of everything but the article bodies and files: folders, tags, and every clipping's metadata with
//! its notes, image records, similar clippings and hand-edited fields. Meant for scripts; the desktop shell and
//! `cuttings export --format json` call [`write_metadata_json`].
//!
//! The shape, one object: `{"format": "cuttings-metadata", "version": 1, "schema_version": …, "folders": […],
//! "tags": […], "clippings": […]}`. Clippings are written one by one, oldest first, so that a large library is
//! never held in memory whole.

use std::io::Write;

use serde_json::json;

use super::ArchiveError;
use crate::store::{ClippingFilter, ClippingId, Library, SortOrder, StoreError};

/// Version of the JSON layout; raised when a field changes meaning or disappears (new fields may appear any time).
pub const METADATA_JSON_VERSION: u32 = 1;

/// Writes the metadata of the whole library (live clippings; not the trash) as one JSON object to `out`.
pub fn write_metadata_json(library: &Library, mut out: impl Write) -> Result<(), ArchiveError> {
    let io = |source| ArchiveError::Io { what: "writing the JSON export".into(), source };
    let head = json!({
        "format": "cuttings-metadata",
        "version": METADATA_JSON_VERSION,
        "schema_version": crate::store::schema::SCHEMA_VERSION,
        "folders": library.folder_tree()?,
        "tags": library.tags()?,
    });
    let head = serde_json::to_string_pretty(&head).map_err(|e| io(e.into()))?;
    // The head without its closing brace, then the clippings array streamed in.
    let head = head.trim_end().strip_suffix('}').unwrap_or(&head).trim_end();
    write!(out, "{head},\n  \"clippings\": [").map_err(io)?;
    for (n, id) in all_clippings(library)?.into_iter().enumerate() {
        let clipping = library.clipping(id)?;
        let s = &clipping.summary;
        let record = json!({
            "id": s.id,
            "url": s.url,
            "canonical_url": clipping.canonical_url,
            "title": s.title,
            "byline": s.byline,
            "site_name": s.site_name,
            "published": s.published,
            "saved_at": s.saved_at,
            "lang": clipping.lang,
            "excerpt": s.excerpt,
            "lead_image": clipping.lead_image,
            "word_count": s.word_count,
            "folder": s.folder,
            "tags": s.tags,
            "notes": clipping.notes,
            "images": library.clipping_images(id)?,
            "similar": library.similar(id)?.iter().map(|x| json!({"id": x.clipping.id, "similarity": x.similarity}))
                .collect::<Vec<_>>(),
            "edited_fields": library.edited_fields(id)?,
            "content_hash": clipping.content_hash,
            "original_size": clipping.original_size,
            "created_at": clipping.created_at,
            "modified_at": clipping.modified_at,
        });
        let text = serde_json::to_string(&record).map_err(|e| io(e.into()))?;
        write!(out, "{}\n    {text}", if n == 0 { "" } else { "," }).map_err(io)?;
    }
    writeln!(out, "\n  ]\n}}").map_err(io)?;
    out.flush().map_err(io)
}

/// Every live clipping (not the trash), oldest first.
pub fn all_clippings(library: &Library) -> Result<Vec<ClippingId>, StoreError> {
    const PAGE: u32 = 1000;
    let mut ids = Vec::new();
    loop {
        let page = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, PAGE, ids.len() as u32)?;
        let done = page.len() < PAGE as usize;
        ids.extend(page.into_iter().map(|c| c.id));
        if done {
            break;
        }
    }
    ids.sort();
    Ok(ids)
}
