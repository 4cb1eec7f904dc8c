//! Quality floor of the extractor on the 181-page article-extraction benchmark in `tests/extraction-bench/`
//! (STYLE 14): runs [`cuttings_extract::extract`] on every page, scores it exactly as `score.py` does, and fails
//! if F1 falls below the floor in `tests/extraction-floor.json` or if any page comes back empty.
//!
//! Raising the floor after an improvement is a one-line change in that file.

use cuttings_extract::extract;
use std::io::Read;
use std::path::PathBuf;
use url::Url;

use crate::scoring::{page_counts, score, tokens};

/// The benchmark folder: ground truth and gzipped pages.
fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/extraction-bench/data")
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
