//! A JSON export of everything but the article bodies and files: folders, tags, and every clipping's metadata with
//! its notes, highlights (as W3C Web Annotations), image records, similar clippings and hand-edited fields. Meant for scripts; the desktop shell and
//! `cuttings export --format json` call [`write_metadata_json`].
//!
//! The shape, one object: `{"format": "cuttings-metadata", "version": 1, "schema_version": …, "folders": […],
//! "tags": […], "clippings": […]}`. Clippings are written one by one, oldest first, so that a large library is
//! never held in memory whole.

use std::io::Write;

use serde_json::json;

use super::ArchiveError;
use crate::store::{ClippingFilter, ClippingId, Highlight, Library, SortOrder, StoreError};

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
            "annotations": library.highlights(id)?.iter().map(|h| web_annotation(h, &s.url)).collect::<Vec<_>>(),
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

/// A highlight in the W3C Web Annotation data model (JSON-LD): its passage as a text-quote selector and, unless it
/// is detached, a text-position selector (in characters of the clipping's plain text) on the page it was clipped
/// from; its comment as a Markdown textual body, its colour as a tag.
pub fn web_annotation(highlight: &Highlight, source: &str) -> serde_json::Value {
    let s = &highlight.selectors;
    let mut selectors =
        vec![json!({"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix})];
    if let Some((start, end)) = s.position {
        selectors.push(json!({"type": "TextPositionSelector", "start": start, "end": end}));
    }
    let mut body = vec![json!({"type": "TextualBody", "purpose": "tagging", "value": highlight.colour.as_str()})];
    if let Some(comment) = &highlight.comment {
        body.push(json!({"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": comment}));
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:cuttings:highlight:{}", highlight.id.0),
        "type": "Annotation",
        "motivation": if highlight.comment.is_some() { "commenting" } else { "highlighting" },
        "created": highlight.created_at,
        "modified": highlight.modified_at,
        "body": body,
        "target": {"source": source, "selector": selectors},
    })
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
