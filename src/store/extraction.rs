//! Replacing a clipping's extracted article (after re-extraction from its stored original page), and the record
//! of which fields the user edited by hand, which a replacement leaves alone unless told otherwise.

use rusqlite::params;

use super::{ClippingId, Library, StoreError, fts, now, require_live_clipping, url_key};
use crate::extract::{Article, Confidence};

/// The metadata fields a user can edit by hand ([`super::ClippingEdit`]), as [`Library::edited_fields`] names them.
pub const EDITABLE_FIELDS: &[&str] = &["title", "byline", "site_name", "published", "lang", "excerpt"];

impl Library {
    /// The fields of a clipping that the user edited by hand (names from [`EDITABLE_FIELDS`]), sorted.
    pub fn edited_fields(&self, id: ClippingId) -> Result<Vec<String>, StoreError> {
        super::clippings::summary(&self.conn, id.0)?;
        let fields = self
            .conn
            .prepare_cached("SELECT field FROM clipping_edits WHERE clipping_id = ?1 ORDER BY field")?
            .query_map([id.0], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(fields)
    }

    /// Replaces the extracted article of a live clipping (metadata and body) by `article`, in one transaction,
    /// except the fields named in `keep` (names from [`EDITABLE_FIELDS`]). The original page, folder, tags, notes
    /// and images stay; the search index and the text fingerprint follow the new text.
    pub fn replace_article(&mut self, id: ClippingId, article: &Article, keep: &[&str]) -> Result<(), StoreError> {
        let tx = self.write()?;
        require_live_clipping(&tx, id)?;
        let now = now();
        let title = article.title.trim();
        let fields: [(&str, Option<&str>); 6] = [
            ("title", Some(title)),
            ("byline", article.byline.as_deref()),
            ("site_name", article.site_name.as_deref()),
            ("published", article.published.as_deref()),
            ("lang", article.lang.as_deref()),
            ("excerpt", article.excerpt.as_deref()),
        ];
        for (column, value) in fields {
            if keep.contains(&column) || !EDITABLE_FIELDS.contains(&column) {
                continue;
            }
            // The title is never empty: an extraction that found none keeps the old one.
            if column == "title" && title.is_empty() {
                continue;
            }
            tx.execute(&format!("UPDATE clippings SET {column} = ?2 WHERE id = ?1"), params![id.0, value])?;
        }
        let canonical_key = article.canonical_url.as_deref().and_then(url_key::normalise_canonical);
        tx.execute(
            "UPDATE clippings SET canonical_url = ?2, canonical_key = ?3, lead_image = ?4, word_count = ?5,
                modified_at = ?6, page_kind = ?7, low_confidence = ?8, whole_page = ?9 WHERE id = ?1",
            params![
                id.0,
                article.canonical_url,
                canonical_key,
                article.lead_image,
                article.word_count,
                now,
                article.kind.as_str(),
                article.confidence == Confidence::Low,
                article.whole_page
            ],
        )?;
        tx.execute(
            "UPDATE clipping_bodies SET html = ?2, text = ?3, markdown = ?4, modified_at = ?5 WHERE clipping_id = ?1",
            params![id.0, article.html, article.text, article.markdown, now],
        )?;
        fts::refresh(&tx, id.0)?;
        super::similar::index(&tx, id.0, &article.text, &now)?;
        super::highlights::reanchor_all(&tx, id.0, &article.text, &now)?;
        tx.commit()?;
        Ok(())
    }
}
