//! Integration tests of the clipping library (`cuttings::store`), each on a temporary library.
//!
//! `open`: the file (creation, migration, foreign and newer files, read-only folders, busy); `folders`, `clippings`,
//! `tags_notes`, `trash`, `search`: the operations and their failures; `processes`: real child processes writing at
//! once and killed while saving.

mod clippings;
mod folders;
mod highlights;
mod open;
pub(crate) mod processes;
mod queue;
mod search;
mod tags_notes;
mod trash;

use cuttings::extract::Article;
use cuttings::store::{AddOutcome, ClippingId, FolderId, Library, NewClipping};

/// An article with this title and body text.
pub fn article(title: &str, text: &str) -> Article {
    Article {
        title: title.to_string(),
        text: text.to_string(),
        html: format!("<p>{text}</p>"),
        markdown: text.to_string(),
        word_count: text.split_whitespace().count() as u32,
        site_name: Some("The Daily Test".into()),
        byline: Some("Ada Writer".into()),
        ..Default::default()
    }
}

/// A clipping to save from `url` with this title and text, in the Inbox, without tags.
pub fn new_clipping(url: &str, title: &str, text: &str) -> NewClipping {
    NewClipping {
        url: url.to_string(),
        article: article(title, text),
        original_page: format!("<html><title>{title}</title><body><p>{text}</p></body></html>").into_bytes(),
        folder: None,
        tags: Vec::new(),
        note: None,
        allow_duplicate: false,
        source: Default::default(),
        saved_at: None,
    }
}

/// Saves a clipping that must not be a duplicate and returns its id.
pub fn add(library: &mut Library, new: NewClipping) -> ClippingId {
    match library.add_clipping(new).expect("save the clipping") {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate { existing } => panic!("unexpected duplicate of {}", existing.id),
    }
}

/// Saves a clipping into `folder`.
pub fn add_in(library: &mut Library, folder: FolderId, url: &str, title: &str, text: &str) -> ClippingId {
    let mut new = new_clipping(url, title, text);
    new.folder = Some(folder);
    add(library, new)
}
