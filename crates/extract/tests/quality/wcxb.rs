//! Quality floors on the modern web: the sample of WCXB's development split in `tests/extraction-bench/wcxb-sample/`
//! (498 pages of seven kinds, every page whose id is a multiple of 3; `scripts/make-wcxb-sample.py`). Every page is
//! extracted and scored as `score.py` and `meta_score.py` score them; the test fails when a figure falls below its
//! floor in `tests/extraction-floor.json` (`wcxb_sample`): F1 on the articles and on every page, empty pages,
//! and title / author / date right on the articles.
//!
//! The floors sit a little under the figures measured when they were set (printed by the test), so that noise
//! never fails CI but a real regression does.

use cuttings_extract::decode::decode_page;
use cuttings_extract::{Article, Budget, declared_url, extract};
use serde_json::{Map, Value};
use std::io::Read;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::scoring::{page_counts, score, tokens};

/// The sample's folder.
fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/extraction-bench/wcxb-sample")
}

/// A JSON file of the sample as an object.
fn read_object(name: &str) -> Map<String, Value> {
    let path = sample_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The address a page was published at: as the truth gives it, else (a few pages have none) the one the page
/// declares, else a placeholder, as a saved page without an address would be read.
fn page_address(given: &str, page: &str) -> Url {
    Url::parse(given)
        .ok()
        .or_else(|| declared_url(page, &Budget::default()).ok().flatten())
        .unwrap_or_else(|| Url::parse("https://unknown.invalid/").expect("a constant address"))
}

/// Text compared as `meta_score.py` compares it: NFKC, case folded, quotes and dashes unified, spaces collapsed.
fn normalised(text: &str) -> String {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    let unified: String = folded
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '`' | '´' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            c => c,
        })
        .collect();
    unified.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a name, punctuation dropped, as `meta_score.py` splits them.
fn name_words(text: &str) -> Vec<String> {
    let cleaned: String = normalised(text)
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' || c.is_whitespace() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// Whether the extracted title, byline and date match the truth (`None` where the truth has no value).
fn metadata_hits(truth: &Value, article: Option<&Article>) -> [Option<bool>; 3] {
    let field = |name: &str| truth.get(name).and_then(Value::as_str).filter(|v| !v.is_empty());
    let title = field("title").map(|t| article.is_some_and(|a| normalised(&a.title) == normalised(t)));
    let author = field("author").map(|t| {
        let got = name_words(article.and_then(|a| a.byline.as_deref()).unwrap_or(""));
        !got.is_empty() && name_words(t).iter().all(|w| got.contains(w))
    });
    let date = field("publish_date").map(|t| {
        let day: String = t.chars().take(10).collect();
        article.and_then(|a| a.published.as_deref()).is_some_and(|p| p.starts_with(&day))
    });
    [title, author, date]
}

/// The share of `Some(true)` among the `Some`s.
fn rate(hits: &[Option<bool>]) -> f64 {
    let counted: Vec<bool> = hits.iter().flatten().copied().collect();
    counted.iter().filter(|&&hit| hit).count() as f64 / counted.len().max(1) as f64
}

#[test]
fn the_modern_web_sample_stays_above_its_floors() {
    let floors = {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/extraction-floor.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let all: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        all["wcxb_sample"].clone()
    };
    let floor = |name: &str| floors[name].as_f64().unwrap_or_else(|| panic!("no wcxb_sample.{name} floor"));
    let truth = read_object("ground-truth.json");
    let meta = read_object("meta.json");
    assert!(truth.len() >= 490, "the sample has {} pages", truth.len());

    let (mut all, mut articles, mut empty) = (Vec::new(), Vec::new(), Vec::new());
    let (mut titles, mut authors, mut dates) = (Vec::new(), Vec::new(), Vec::new());
    for (id, entry) in &truth {
        let body = entry["articleBody"].as_str().unwrap_or_default();
        let path = sample_dir().join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).unwrap_or_else(|e| panic!("page {id}: {e}"));
        let page = decode_page(&bytes, None).text;
        let url = page_address(entry["url"].as_str().unwrap_or_default(), &page);
        let article = extract(&page, &url).ok();
        let text = article.as_ref().map(|a| a.text.as_str()).unwrap_or("");
        if tokens(text).is_empty() {
            empty.push(id.clone());
        }
        let counts = page_counts(body, text);
        all.push(counts);
        if meta[id]["page_type"] == "article" {
            articles.push(counts);
            let [title, author, date] = metadata_hits(&meta[id], article.as_ref());
            titles.push(title);
            authors.push(author);
            dates.push(date);
        }
    }
    let (_, _, articles_f1) = score(&articles);
    let (_, _, all_f1) = score(&all);
    let (title, author, date) = (rate(&titles), rate(&authors), rate(&dates));
    eprintln!(
        "wcxb sample: {} pages ({} articles): articles F1 {articles_f1:.4}, all pages F1 {all_f1:.4}, {} empty; \
         title {title:.3}, author {author:.3}, date {date:.3}",
        all.len(),
        articles.len(),
        empty.len()
    );
    let mut below = Vec::new();
    for (name, value) in
        [("articles_f1", articles_f1), ("all_f1", all_f1), ("title", title), ("author", author), ("date", date)]
    {
        if value < floor(name) {
            below.push(format!("{name} {value:.4} < floor {}", floor(name)));
        }
    }
    if empty.len() as f64 > floor("max_empty") {
        below.push(format!("{} empty pages > {} allowed: {empty:?}", empty.len(), floor("max_empty")));
    }
    assert!(below.is_empty(), "the modern-web sample fell below its floors: {}", below.join("; "));
}

#[test]
fn metadata_is_compared_as_the_shared_scorer_compares_it() {
    assert_eq!(normalised("  “Smart”  Quotes — and\u{a0}ＦＵＬＬ width "), "\"smart\" quotes - and full width");
    assert_eq!(name_words("Dylan Bailey, MS, RD"), ["dylan", "bailey", "ms", "rd"]);
    let truth = serde_json::json!({"title": "A Title", "author": "Jane Doe", "publish_date": "2025-01-02"});
    let article = Article {
        title: "a  title".into(),
        byline: Some("By Jane Doe and John Roe".into()),
        published: Some("2025-01-02T10:00:00Z".into()),
        ..Article::default()
    };
    assert_eq!(metadata_hits(&truth, Some(&article)), [Some(true), Some(true), Some(true)]);
    let wrong =
        Article { title: "Other".into(), byline: Some("Jane".into()), published: Some("2025-01-03".into()), ..article };
    assert_eq!(metadata_hits(&truth, Some(&wrong)), [Some(false), Some(false), Some(false)]);
    assert_eq!(metadata_hits(&serde_json::json!({"title": null}), None), [None, None, None]);
    assert_eq!(rate(&[Some(true), None, Some(false)]), 0.5);
}
