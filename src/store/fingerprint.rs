//! Text fingerprints for finding syndicated copies: MinHash over shingles, with LSH bands for lookup. Pure: the
//! store computes them as it saves a clipping (`similar.rs`) and nothing here touches SQLite.
//!
//! Stages of [`fingerprint`]: 1. cut the text into tokens: lowercased words, except that every character of a
//! script written without spaces (Chinese, Japanese, Thai, and Korean, whose words carry attached particles) is a
//! token of its own; 2. hash every run of [`SHINGLE_TOKENS`] tokens (a shingle), once per distinct shingle;
//! 3. keep, for each of [`SIGNATURE_LEN`] hash permutations, the smallest value (the MinHash signature, 16 bits
//! kept per value); 4. hash each of [`BANDS`] groups of [`ROWS_PER_BAND`] full values into a bucket.
//!
//! Two texts whose shingle sets have Jaccard similarity J share a given bucket with probability J^4, so at least
//! one of 16 buckets with probability 1 − (1 − J⁴)¹⁶: 99.98 % at J = 0.8, 12 % at J = 0.3. Candidates sharing a
//! bucket are then kept only if their signatures agree on at least [`MIN_SIMILARITY`] of the values.

/// Tokens per shingle.
pub const SHINGLE_TOKENS: usize = 3;

/// Texts with fewer distinct shingles than this get no fingerprint (too short to tell copies from coincidences).
pub const MIN_SHINGLES: usize = 40;

/// Values in a MinHash signature.
pub const SIGNATURE_LEN: usize = 64;

/// LSH bands; each is a bucket of [`ROWS_PER_BAND`] signature values.
pub const BANDS: usize = 16;

/// Signature values per band.
pub const ROWS_PER_BAND: usize = SIGNATURE_LEN / BANDS;

/// Share of agreeing signature values (the estimated Jaccard similarity of the shingle sets) from which two texts
/// are linked as similar. Copies of one wire story with a different dateline, byline or closing line are well above
/// it; different articles on the same subject are far below (see the benchmark in `examples/similar_bench.rs`).
pub const MIN_SIMILARITY: f64 = 0.6;

/// The seeds of the hash permutations, fixed for ever: fingerprints are stored, so they must not change between
/// versions.
const SEEDS: [u64; SIGNATURE_LEN] = seeds();

/// A text's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The MinHash signature, 16 bits per value, little-endian (as stored).
    pub signature: Vec<u8>,
    /// The LSH bucket of each band (31 bits, so that it is a small positive SQLite integer).
    pub buckets: [i64; BANDS],
}

/// The fingerprint of `text`, or `None` when it is too short to have one.
pub fn fingerprint(text: &str) -> Option<Fingerprint> {
    // 1–2. Tokens and distinct shingle hashes.
    let tokens = tokens(text);
    if tokens.len() < SHINGLE_TOKENS {
        return None;
    }
    let mut shingles: Vec<u64> = tokens
        .windows(SHINGLE_TOKENS)
        .map(|window| window.iter().fold(0xcbf2_9ce4_8422_2325, |h, &t| mix(h ^ t)))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    // 3. MinHash.
    let mut minimum = [u64::MAX; SIGNATURE_LEN];
    for &shingle in &shingles {
        for (slot, seed) in minimum.iter_mut().zip(SEEDS) {
            *slot = (*slot).min(mix(shingle ^ seed));
        }
    }
    let signature = minimum.iter().flat_map(|v| ((v >> 48) as u16).to_le_bytes()).collect();
    // 4. Bands.
    let mut buckets = [0i64; BANDS];
    for (band, rows) in minimum.chunks(ROWS_PER_BAND).enumerate() {
        let h = rows.iter().fold(band as u64, |h, &v| mix(h ^ v));
        buckets[band] = (h >> 33) as i64;
    }
    Some(Fingerprint { signature, buckets })
}

/// The estimated Jaccard similarity of two stored signatures: the share of values that agree (0 when they are not
/// both signatures).
pub fn similarity(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != SIGNATURE_LEN * 2 || b.len() != SIGNATURE_LEN * 2 {
        return 0.0;
    }
    let same = a.chunks(2).zip(b.chunks(2)).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE_LEN as f64
}

/// Stage 1: the tokens of `text`, each as a 64-bit hash.
fn tokens(text: &str) -> Vec<u64> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut word = String::new();
    let flush = |word: &mut String, tokens: &mut Vec<u64>| {
        if !word.is_empty() {
            tokens.push(fnv(word.as_bytes()));
            word.clear();
        }
    };
    for c in text.chars() {
        if crate::extract::script::is_spaceless(c) {
            flush(&mut word, &mut tokens);
            let mut buf = [0u8; 4];
            tokens.push(fnv(c.encode_utf8(&mut buf).as_bytes()));
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut tokens);
        }
    }
    flush(&mut word, &mut tokens);
    tokens
}

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The SplitMix64 finaliser: a fast, well-mixing 64-bit permutation.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// [`SEEDS`], from the SplitMix64 sequence.
const fn seeds() -> [u64; SIGNATURE_LEN] {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut state: u64 = 0x6375_7474_696e_6773; // "cuttings"
    let mut i = 0;
    while i < SIGNATURE_LEN {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = mix(state);
        i += 1;
    }
    seeds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n).map(|i| format!("{salt}{}", i * 7919 % 1000)).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        assert!(fingerprint("Too short to tell.").is_none());
        assert!(fingerprint(&words(200, "w")).is_some());
    }

    #[test]
    fn copies_agree_and_different_texts_do_not() {
        let base = words(400, "w");
        let copy = format!("LONDON (Wire) — {base} Reporting by A. Writer; editing by B. Editor.");
        let (a, b) = (fingerprint(&base).expect("fp"), fingerprint(&copy).expect("fp"));
        assert!(similarity(&a.signature, &b.signature) >= MIN_SIMILARITY);
        assert!(a.buckets.iter().zip(b.buckets).any(|(x, y)| *x == y));
        let other = fingerprint(&words(400, "v")).expect("fp");
        assert!(similarity(&a.signature, &other.signature) < 0.1);
    }

    #[test]
    fn spaceless_scripts_are_shingled_by_character() {
        let korean = "북한 김정은 국무위원장이 지방 간부들에게 파벌을 만들지 말라고 경고했다고 소식통이 전했다. "
            .repeat(3)
            + "양강도 당위원장이 직접 지시문을 전달한 것은 매우 이례적인 일이라고 이 소식통은 말했다.";
        let edited = korean.replace("전했다", "밝혔다");
        let (a, b) = (fingerprint(&korean).expect("fp"), fingerprint(&edited).expect("fp"));
        assert!(similarity(&a.signature, &b.signature) >= MIN_SIMILARITY);
        let other = "서울 시내 아파트 값이 석 달째 오르면서 정부가 추가 대책을 검토하고 있는 것으로 알려졌다. \
                     전문가들은 금리 인상과 공급 확대가 함께 이뤄져야 집값이 안정될 것이라고 내다봤다.";
        let c = fingerprint(other).expect("fp");
        assert!(similarity(&a.signature, &c.signature) < 0.2);
    }
}
