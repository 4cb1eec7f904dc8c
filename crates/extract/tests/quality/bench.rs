//! Quality floor of the extractor on the 181-page article-extraction benchmark in `tests/extraction-bench/`
//! (STYLE 14): runs [`cuttings_extract::extract`] on every page, scores it exactly as `score.py` does, and fails
//! if F1 falls below the floor in `tests/extraction-floor.json` or if any page comes back empty.
//!
//! Raising the floor after an improvement is a one-line change in that file.

use cuttings_extract::extract;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use url::Url;

/// The benchmark folder: ground truth and gzipped pages.
fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/extraction-bench/data")
}

/// Every maximal run of word characters, as Python's `re.findall(r"\w+")` finds them.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        // Python's \w is letters, numbers and underscore; Rust's alphanumeric differs only on a few vowel signs.
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(&text[s..at]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// 4-token shingles counted as a multiset; 1–3 tokens make one shingle, none make none.
fn shingles(tokens: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        *counts.entry(tokens.join(" ")).or_insert(0) += 1;
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.join(" ")).or_insert(0) += 1;
    }
    counts
}

/// True positives, false positives and false negatives of `predicted` against `truth`.
fn page_counts(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let t = shingles(&tokens(truth));
    let p = shingles(&tokens(predicted));
    let mut tp = 0usize;
    for (shingle, &count) in &p {
        tp += count.min(*t.get(shingle).unwrap_or(&0));
    }
    let predicted_total: usize = p.values().sum();
    let truth_total: usize = t.values().sum();
    (tp as f64, (predicted_total - tp) as f64, (truth_total - tp) as f64)
}

/// Mean of per-page precision over non-empty outputs and recall over all pages, and F1 of those means.
fn score(pages: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    for &(tp, fp, fn_) in pages {
        let total = tp + fp + fn_;
        if total == 0.0 {
            continue;
        }
        let (tp, fp, fn_) = (tp / total, fp / total, fn_ / total);
        if tp + fp > 0.0 {
            precisions.push(tp / (tp + fp));
        }
        if tp + fn_ > 0.0 {
            recalls.push(tp / (tp + fn_));
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 }
    };
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f1)
}

#[test]
fn tokens_and_shingles_follow_the_benchmark() {
    assert_eq!(tokens("It's a dog-eat-dog world, 2019!"), vec!["It", "s", "a", "dog", "eat", "dog", "world", "2019"]);
    assert_eq!(shingles(&["a", "b"]).len(), 1);
    assert_eq!(shingles(&["a", "b", "c", "d", "e"]).len(), 2);
    let (tp, fp, fn_) = page_counts("one two three four five", "one two three four");
    assert_eq!((tp, fp, fn_), (1.0, 0.0, 1.0));
    let (p, r, f1) = score(&[(1.0, 0.0, 1.0), (0.0, 0.0, 3.0)]);
    assert_eq!((p, r), (1.0, 0.25));
    assert!((f1 - 0.4).abs() < 1e-12);
}

#[test]
fn benchmark_f1_stays_above_the_floor_and_no_page_is_empty() {
    let dir = bench_dir();
    let floor_text = std::fs::read_to_string(dir.join("../../extraction-floor.json")).unwrap();
    let floor: serde_json::Value = serde_json::from_str(&floor_text).unwrap();
    let floor_f1 = floor["f1"].as_f64().unwrap();
    let truth_text = std::fs::read_to_string(dir.join("ground-truth.json")).unwrap();
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&truth_text).unwrap();
    assert_eq!(truth.len(), 181, "the benchmark has 181 pages");

    let mut pages = Vec::new();
    let mut empty = Vec::new();
    for (id, entry) in &truth {
        let body = entry["articleBody"].as_str().unwrap();
        let url = Url::parse(entry["url"].as_str().unwrap()).unwrap();
        let mut html = String::new();
        let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap();
        flate2::read::GzDecoder::new(file).read_to_string(&mut html).unwrap();
        let text = extract(&html, &url).map(|article| article.text).unwrap_or_default();
        if tokens(&text).is_empty() {
            empty.push(id.clone());
        }
        pages.push(page_counts(body, &text));
    }
    let (p, r, f1) = score(&pages);
    eprintln!("benchmark: precision {p:.4}, recall {r:.4}, F1 {f1:.4} (floor {floor_f1})");
    assert!(empty.is_empty(), "pages with empty output: {empty:?}");
    assert!(f1 >= floor_f1, "F1 {f1:.4} fell below the floor {floor_f1} (precision {p:.4}, recall {r:.4})");
}
