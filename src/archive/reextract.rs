//! Re-extraction: the current extractor run again on a clipping's stored original page, what changed shown before
//! anything is replaced, and hand-edited fields left alone unless the user insists.
//!
//! Stages of [`reextract`]: 1. read the stored page (checked against its content hash) and the clipping; 2. decode
//! and extract it against the clipping's URL, as saving did; 3. point the new article's images at the copies
//! already stored (no network); 4. compare field by field and the text paragraph by paragraph. Nothing is written
//! until [`apply_reextraction`]. [`reextract_many`] runs stage 1 for many clippings, then stages 2–4 on every
//! core: a whole library is brought up to a new extractor as fast as the machine allows.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use url::Url;

use super::ArchiveError;
use super::download::point_article_to_store;
use crate::decode::decode_page;
use crate::extract::{Article, Budget, Confidence, ExtractError, WholePage, extract_or_whole_page};
use crate::store::{Clipping, ClippingId, ClippingImage, ImageOutcome, Library, NewImage, StoreError};

/// One metadata field whose value the extractor now finds different.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field (`title`, `byline`, `published`, `site_name`, `lang`, `excerpt`, `lead_image`, `canonical_url`,
    /// `kind`: the kind of page, `confidence`: `high` or `low`, `reading`: `article` or `whole page`).
    pub field: &'static str,
    /// The stored value.
    pub old: Option<String>,
    /// The value the extractor finds now.
    pub new: Option<String>,
    /// Whether the user edited this field by hand (then it is kept unless forced).
    pub edited: bool,
}

/// How the article's body changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    /// Words before.
    pub old_words: u32,
    /// Words now.
    pub new_words: u32,
    /// Paragraphs of the stored text no longer in the new one.
    pub paragraphs_removed: usize,
    /// Paragraphs of the new text not in the stored one.
    pub paragraphs_added: usize,
    /// Whether only the markup changed (same text, different HTML).
    pub markup_only: bool,
}

/// The outcome of running the extractor again on one clipping: the new article and what differs.
#[derive(Debug, Clone, Serialize)]
pub struct Reextraction {
    /// The clipping.
    pub id: ClippingId,
    /// The new article, its images pointed at the stored copies.
    #[serde(skip)]
    pub article: Article,
    /// Metadata fields that differ.
    pub changes: Vec<FieldChange>,
    /// How the body differs, if it does.
    pub text: Option<TextChange>,
}

impl Reextraction {
    /// Whether anything differs.
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty() && self.text.is_none()
    }

    /// A short summary for people: one line per changed field, then one for the text.
    pub fn summary(&self) -> Vec<String> {
        let show = |value: &Option<String>| match value {
            Some(v) => format!("{:?}", shorten(v, 80)),
            None => "(none)".to_string(),
        };
        let mut lines: Vec<String> = self
            .changes
            .iter()
            .map(|c| {
                let edited = if c.edited { " [edited by hand]" } else { "" };
                format!("{}: {} → {}{edited}", c.field, show(&c.old), show(&c.new))
            })
            .collect();
        if let Some(t) = &self.text {
            lines.push(if t.markup_only {
                "text: same words, different markup".to_string()
            } else {
                format!(
                    "text: {} → {} words, {} paragraph(s) removed, {} added",
                    t.old_words, t.new_words, t.paragraphs_removed, t.paragraphs_added
                )
            });
        }
        lines
    }
}

/// `text` cut to `max` characters with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { text.chars().take(max).collect::<String>() + "…" }
}

/// How many clippings [`reextract_many`] is asked for at once by a caller going through a whole library: their
/// stored pages are held in memory together while every core extracts them.
pub const REEXTRACTED_AT_ONCE: usize = 64;

/// Runs the current extractor on the stored original page of clipping `id` and tells what would change.
pub fn reextract(library: &Library, id: ClippingId) -> Result<Reextraction, ArchiveError> {
    compare(stored(library, id)?)
}

/// [`reextract`] for each of `ids`, in their order: the stored pages are read one after the other (the library
/// has one connection), then extracted and compared on every core. A clipping that fails gets its error in its
/// place; the others go on.
pub fn reextract_many(library: &Library, ids: &[ClippingId]) -> Vec<Result<Reextraction, ArchiveError>> {
    let stored: Vec<Result<Stored, ArchiveError>> = ids.iter().map(|&id| stored(library, id)).collect();
    stored.into_par_iter().map(|stored| stored.and_then(compare)).collect()
}

/// What a re-extraction reads from the library: the clipping as stored, its original page, the fields edited by
/// hand and its images.
struct Stored {
    /// The clipping re-extracted.
    id: ClippingId,
    /// The clipping as stored now.
    clipping: Clipping,
    /// Its original page, as saved.
    page: Vec<u8>,
    /// The fields the user edited by hand.
    edited: HashSet<String>,
    /// Its images, with the copies already stored.
    images: Vec<ClippingImage>,
}

/// Stage 1 of [`reextract`]: the stored page and what is stored now.
fn stored(library: &Library, id: ClippingId) -> Result<Stored, ArchiveError> {
    Ok(Stored {
        id,
        clipping: library.clipping(id)?,
        page: library.original_page(id)?,
        edited: library.edited_fields(id)?.into_iter().collect(),
        images: library.clipping_images(id)?,
    })
}

/// Stages 2–4 of [`reextract`], touching nothing but what [`stored`] read.
fn compare(stored: Stored) -> Result<Reextraction, ArchiveError> {
    let Stored { id, clipping, page, edited, images } = stored;

    // 2. Extract as saving did.
    let url = Url::parse(&clipping.summary.url)
        .map_err(|e| ArchiveError::NoArticle { id: id.0, reason: format!("its address does not parse: {e}") })?;
    let text = decode_page(&page, None).text;
    // A clipping kept as the whole page stays whole unless the extractor is now sure of an article on it.
    let whole_page = if clipping.summary.whole_page { WholePage::Keep } else { WholePage::Refuse };
    let mut article = match extract_or_whole_page(&text, &url, whole_page, &Budget::default()) {
        Ok(article) => article,
        Err(ExtractError::NoArticle) => {
            return Err(ArchiveError::NoArticle {
                id: id.0,
                reason: "the extractor finds no article on the stored page".into(),
            });
        }
        Err(error) => return Err(ArchiveError::NoArticle { id: id.0, reason: error.to_string() }),
    };

    // 3. The images already stored, without the network.
    let stored: Vec<NewImage> = images
        .into_iter()
        .filter_map(|image| {
            let sha256 = image.sha256?;
            Some(NewImage {
                url: image.url,
                is_lead: image.is_lead,
                outcome: ImageOutcome::Stored {
                    sha256,
                    media_type: image.media_type.unwrap_or_default(),
                    bytes: vec![],
                },
            })
        })
        .collect();
    point_article_to_store(&mut article, &stored);

    // 4. Compare.
    let s = &clipping.summary;
    let confidence = |low: bool| Some(if low { "low" } else { "high" }.to_string());
    let reading = |whole: bool| Some(if whole { "whole page" } else { "article" }.to_string());
    let candidates: [(&'static str, Option<String>, Option<String>); 11] = [
        ("title", Some(s.title.clone()), Some(article.title.trim().to_string()).filter(|t| !t.is_empty())),
        ("byline", s.byline.clone(), article.byline.clone()),
        ("published", s.published.clone(), article.published.clone()),
        ("site_name", s.site_name.clone(), article.site_name.clone()),
        ("lang", clipping.lang.clone(), article.lang.clone()),
        ("excerpt", s.excerpt.clone(), article.excerpt.clone()),
        ("lead_image", clipping.lead_image.clone(), article.lead_image.clone()),
        ("canonical_url", clipping.canonical_url.clone(), article.canonical_url.clone()),
        ("kind", Some(s.kind.as_str().to_string()), Some(article.kind.as_str().to_string())),
        ("confidence", confidence(s.low_confidence), confidence(article.confidence == Confidence::Low)),
        ("reading", reading(s.whole_page), reading(article.whole_page)),
    ];
    let changes = candidates
        .into_iter()
        .filter(|(field, old, new)| old != new && !(*field == "title" && new.is_none()))
        .map(|(field, old, new)| FieldChange { field, old, new, edited: edited.contains(field) })
        .collect();
    let text = text_change(&clipping.text, &clipping.html, s.word_count, &article);
    Ok(Reextraction { id, article, changes, text })
}

/// How the body changed, if it did.
fn text_change(old_text: &str, old_html: &str, old_words: u32, new: &Article) -> Option<TextChange> {
    if old_text == new.text && old_html == new.html {
        return None;
    }
    let paragraphs = |text: &str| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for p in text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")) {
            if !p.is_empty() {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
        counts
    };
    let (old, new_p) = (paragraphs(old_text), paragraphs(&new.text));
    let missing = |a: &HashMap<String, usize>, b: &HashMap<String, usize>| {
        a.iter().map(|(p, n)| n.saturating_sub(b.get(p).copied().unwrap_or(0))).sum()
    };
    Some(TextChange {
        old_words,
        new_words: new.word_count,
        paragraphs_removed: missing(&old, &new_p),
        paragraphs_added: missing(&new_p, &old),
        markup_only: old_text == new.text,
    })
}

/// Replaces the clipping's article by the re-extracted one, keeping the fields edited by hand unless
/// `force_edited`. Returns the names of the fields kept.
pub fn apply_reextraction(
    library: &mut Library,
    reextraction: &Reextraction,
    force_edited: bool,
) -> Result<Vec<String>, StoreError> {
    let kept: Vec<String> = if force_edited { Vec::new() } else { library.edited_fields(reextraction.id)? };
    let keep: Vec<&str> = kept.iter().map(String::as_str).collect();
    library.replace_article(reextraction.id, &reextraction.article, &keep)?;
    Ok(kept)
}
