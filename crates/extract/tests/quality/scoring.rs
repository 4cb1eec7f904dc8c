//! The benchmark's scoring, as `score.py` does it: `\w+` tokens, 4-token shingles counted as a multiset, per-page
//! true and false positives and negatives, precision averaged over non-empty outputs and recall over all pages.

use std::collections::HashMap;

/// Every maximal run of word characters, as Python's `re.findall(r"\w+")` finds them.
pub fn tokens(text: &str) -> Vec<&str> {
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
pub fn shingles(tokens: &[&str]) -> HashMap<String, usize> {
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
pub fn page_counts(truth: &str, predicted: &str) -> (f64, f64, f64) {
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
pub fn score(pages: &[(f64, f64, f64)]) -> (f64, f64, f64) {
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
