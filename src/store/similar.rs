//! Syndicated copies: each clipping's text fingerprint ([`super::fingerprint`]) is stored when it is saved
//! or re-extracted, and clippings with nearly the same text are linked as similar, in both directions. Nothing is
//! merged: a link only says "these read alike".
//!
//! Lookup: the 16 band buckets of a fingerprint are looked up in the indexed `fingerprint_bands` table, and each
//! clipping found is kept if its signature agrees enough ([`super::fingerprint::MIN_SIMILARITY`]). A text
//! too short for a fingerprint gets an empty signature and no buckets, so it is never linked and never indexed
//! twice.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::fingerprint::{Fingerprint, MIN_SIMILARITY, fingerprint, similarity};
use super::{ClippingId, ClippingSummary, Library, StoreError, now};

/// A clipping linked as similar to another, and how alike their texts are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarClipping {
    /// The other clipping.
    pub clipping: ClippingSummary,
    /// Estimated share of shared word sequences (Jaccard similarity of shingle sets), from 0 to 1.
    pub similarity: f64,
}

impl Library {
    /// The live clippings linked as similar to `id`, most alike first.
    pub fn similar(&self, id: ClippingId) -> Result<Vec<SimilarClipping>, StoreError> {
        super::clippings::summary(&self.conn, id.0)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {}, s.similarity FROM similar_clippings s JOIN clippings c ON c.id = s.other_id
             WHERE s.clipping_id = ?1 AND c.trash_id IS NULL ORDER BY s.similarity DESC, c.id",
            super::clippings::SUMMARY_COLUMNS
        ))?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok(SimilarClipping {
                    clipping: super::clippings::summary_from_row(r)?,
                    similarity: r.get(super::clippings::SUMMARY_COLUMN_COUNT)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Live clippings whose text nearly matches `text` (for example a page about to be saved), with their
    /// similarity, most alike first. Reads only the fingerprint tables.
    pub fn find_similar_text(&self, text: &str) -> Result<Vec<(ClippingId, f64)>, StoreError> {
        let Some(fp) = fingerprint(text) else {
            return Ok(Vec::new());
        };
        let mut found = candidates(&self.conn, &fp, None)?;
        found.retain(|(id, _)| {
            self.conn
                .prepare_cached("SELECT 1 FROM clippings WHERE id = ?1 AND trash_id IS NULL")
                .and_then(|mut s| s.query_row([id], |_| Ok(())).optional())
                .is_ok_and(|live| live.is_some())
        });
        Ok(found.into_iter().map(|(id, s)| (ClippingId(id), s)).collect())
    }

    /// Fingerprints the clippings that have none (saved before fingerprints existed) and links their copies;
    /// returns how many were fingerprinted. Quick when there is nothing to do.
    pub fn fingerprint_missing(&mut self) -> Result<u32, StoreError> {
        let missing: Vec<i64> = self
            .conn
            .prepare(
                "SELECT c.id FROM clippings c WHERE NOT EXISTS
                    (SELECT 1 FROM clipping_fingerprints f WHERE f.clipping_id = c.id) ORDER BY c.id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for chunk in missing.chunks(500) {
            let tx = self.write()?;
            let now = now();
            for id in chunk {
                let text: String =
                    tx.query_row("SELECT text FROM clipping_bodies WHERE clipping_id = ?1", [id], |r| r.get(0))?;
                index(&tx, *id, &text, &now)?;
            }
            tx.commit()?;
        }
        Ok(missing.len() as u32)
    }
}

/// Stores the fingerprint of clipping `id` (replacing any) and links it with the clippings whose text nearly
/// matches, inside the caller's transaction.
pub(super) fn index(conn: &Connection, id: i64, text: &str, now: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM similar_clippings WHERE clipping_id = ?1 OR other_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM clipping_fingerprints WHERE clipping_id = ?1")?.execute([id])?;
    let fp = fingerprint(text);
    let signature = fp.as_ref().map(|f| f.signature.as_slice()).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO clipping_fingerprints (clipping_id, minhash, created_at, modified_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, signature, now])?;
    let Some(fp) = fp else {
        return Ok(());
    };
    let found = candidates(conn, &fp, Some(id))?;
    let mut band_insert =
        conn.prepare_cached("INSERT OR IGNORE INTO fingerprint_bands (band, bucket, clipping_id) VALUES (?1, ?2, ?3)")?;
    for (band, bucket) in fp.buckets.iter().enumerate() {
        band_insert.execute(params![band as i64, bucket, id])?;
    }
    let mut link = conn.prepare_cached(
        "INSERT OR REPLACE INTO similar_clippings (clipping_id, other_id, similarity, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    for (other, alike) in found {
        link.execute(params![id, other, alike, now])?;
        link.execute(params![other, id, alike, now])?;
    }
    Ok(())
}

/// Clippings (live or not) sharing a bucket with `fp` whose signatures agree enough, most alike first.
fn candidates(conn: &Connection, fp: &Fingerprint, exclude: Option<i64>) -> Result<Vec<(i64, f64)>, StoreError> {
    let mut ids = BTreeSet::new();
    let mut probe = conn.prepare_cached("SELECT clipping_id FROM fingerprint_bands WHERE band = ?1 AND bucket = ?2")?;
    for (band, bucket) in fp.buckets.iter().enumerate() {
        for id in probe.query_map(params![band as i64, bucket], |r| r.get::<_, i64>(0))? {
            ids.insert(id?);
        }
    }
    let mut signature = conn.prepare_cached("SELECT minhash FROM clipping_fingerprints WHERE clipping_id = ?1")?;
    let mut found = Vec::new();
    for id in ids.into_iter().filter(|id| Some(*id) != exclude) {
        let theirs: Vec<u8> = signature.query_row([id], |r| r.get(0))?;
        let alike = similarity(&fp.signature, &theirs);
        if alike >= MIN_SIMILARITY {
            found.push((id, alike));
        }
    }
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(found)
}
