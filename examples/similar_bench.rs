//! Benchmark of the syndicated-copy finder (issue 6, sections 3 and 6).
//!
//! `cargo run --release --example similar_bench -- [--clippings 100000]` measures:
//! 1. the false-positive rate on the 181 benchmark pages (`tests/extraction-bench/data/`): every pair of different
//!    articles whose fingerprints would link them;
//! 2. the recall on "syndicated" copies of the same 181 articles (a dateline and credit line added, the last
//!    paragraph cut; and a harsher copy with every fifth paragraph cut as well);
//! 3. the lookup time of [`Library::find_similar_text`] and [`Library::similar`] in a generated library of
//!    `--clippings` clippings (default 100,000; built once in `target/similar-bench/library.db`, reused after).
//!
//! Prints a Markdown report.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cuttings::extract::{Article, extract};
use cuttings::store::fingerprint::{MIN_SIMILARITY, fingerprint, similarity};
use cuttings::store::{ClippingId, Library, NewClipping};

/// Words per generated clipping (the lookup does not depend on the length).
const WORDS: usize = 200;
/// Distinct generated words.
const VOCABULARY: usize = 20_000;
/// Clippings saved per transaction while building.
const BATCH: usize = 2_000;
/// Timed lookups.
const LOOKUPS: usize = 1_000;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let clippings: usize = args
        .iter()
        .position(|a| a == "--clippings")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(100_000);
    println!("# Syndicated copies: fingerprint benchmark\n");
    bench_pages()?;
    bench_lookup(clippings)?;
    Ok(())
}

/// Parts 1 and 2: false positives and recall on the 181 pages.
fn bench_pages() -> anyhow::Result<()> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extraction-bench/data");
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("ground-truth.json"))?)?;
    let mut texts = Vec::new();
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    for key in keys {
        let mut page = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(data.join("html").join(format!("{key}.html.gz")))?)
            .read_to_end(&mut page)?;
        let url = url::Url::parse(truth[key]["url"].as_str().unwrap_or("https://example.org/"))?;
        let text = cuttings::decode::decode_page(&page, None).text;
        if let Ok(article) = extract(&text, &url) {
            texts.push((key.clone(), article.text));
        }
    }
    let prints: Vec<_> = texts.iter().map(|(k, t)| (k, fingerprint(t))).collect();
    let with = prints.iter().filter(|(_, f)| f.is_some()).count();
    let (mut pairs, mut linked, mut bucket_shared, mut highest) = (0, 0, 0, (0.0f64, String::new()));
    for (i, (ka, a)) in prints.iter().enumerate() {
        for (kb, b) in &prints[i + 1..] {
            let (Some(a), Some(b)) = (a, b) else { continue };
            pairs += 1;
            let s = similarity(&a.signature, &b.signature);
            if a.buckets.iter().zip(b.buckets).any(|(x, y)| *x == y) {
                bucket_shared += 1;
                if s >= MIN_SIMILARITY {
                    linked += 1;
                    println!("linked: {ka} ~ {kb} ({s:.2})");
                }
            }
            if s > highest.0 {
                highest = (s, format!("{} ~ {}", &ka[..8], &kb[..8]));
            }
        }
    }
    println!("## 1. False positives on the 181 benchmark pages\n");
    println!("- pages extracted: {}, with a fingerprint (≥ 40 distinct shingles): {with}", texts.len());
    println!("- pairs of different articles: {pairs}");
    println!("- pairs sharing an LSH bucket (candidates): {bucket_shared}");
    println!(
        "- pairs linked as similar: {linked} (false-positive rate {:.4} %)",
        100.0 * linked as f64 / pairs.max(1) as f64
    );
    println!("- highest estimated similarity between different articles: {:.3} ({})\n", highest.0, highest.1);

    println!("## 2. Recall on syndicated copies of the same articles\n");
    for (name, make) in [
        ("dateline + credit line, last paragraph cut", copy_light as fn(&str) -> String),
        ("as above, and every fifth paragraph cut", copy_harsh),
    ] {
        let (mut found, mut total, mut sum) = (0, 0, 0.0);
        for (_, text) in &texts {
            let (Some(a), Some(b)) = (fingerprint(text), fingerprint(&make(text))) else { continue };
            total += 1;
            let s = similarity(&a.signature, &b.signature);
            sum += s;
            if s >= MIN_SIMILARITY && a.buckets.iter().zip(b.buckets).any(|(x, y)| *x == y) {
                found += 1;
            }
        }
        println!(
            "- {name}: {found} of {total} linked ({:.1} %), mean similarity {:.2}",
            100.0 * found as f64 / total.max(1) as f64,
            sum / total.max(1) as f64
        );
    }
    println!();
    Ok(())
}

fn copy_light(text: &str) -> String {
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    if paragraphs.len() > 2 {
        paragraphs.pop();
    }
    format!("LONDON (Wire) —\n\n{}\n\nReporting by a correspondent; editing by the desk.", paragraphs.join("\n\n"))
}

fn copy_harsh(text: &str) -> String {
    let light = copy_light(text);
    let kept: Vec<&str> = light.split("\n\n").enumerate().filter(|(i, _)| i % 5 != 4).map(|(_, p)| p).collect();
    kept.join("\n\n")
}

/// A small deterministic generator (xorshift), so that runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A Zipf-ish word index: small indexes far more often.
    fn word(&mut self) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((VOCABULARY as f64).powf(u) as usize).min(VOCABULARY - 1)
    }
}

fn generated_text(rng: &mut Rng) -> String {
    (0..WORDS).map(|_| format!("w{}", rng.word())).collect::<Vec<_>>().join(" ")
}

/// Part 3: lookup time in a large library.
fn bench_lookup(clippings: usize) -> anyhow::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/similar-bench");
    let path = dir.join(format!("library-{clippings}.db"));
    let mut library = Library::open(&path)?;
    let have =
        library.list_clippings(&cuttings::store::ClippingFilter::All, cuttings::store::SortOrder::Title, 1, 0)?;
    let mut rng = Rng(0x5eed);
    if have.is_empty() {
        let start = Instant::now();
        let mut made = 0;
        while made < clippings {
            let batch: Vec<NewClipping> = (made..(made + BATCH).min(clippings))
                .map(|i| {
                    let text = generated_text(&mut rng);
                    NewClipping {
                        url: format!("https://bench.example/{i}"),
                        article: Article {
                            title: format!("Generated {i}"),
                            word_count: WORDS as u32,
                            html: format!("<p>{text}</p>"),
                            markdown: text.clone(),
                            text,
                            ..Article::default()
                        },
                        original_page: Vec::new(),
                        folder: None,
                        tags: Vec::new(),
                        note: None,
                        allow_duplicate: true,
                        source: Default::default(),
                        saved_at: None,
                    }
                })
                .collect();
            made += batch.len();
            library.add_clippings(batch)?;
        }
        eprintln!("built {clippings} clippings in {:.1} s", start.elapsed().as_secs_f64());
    }
    // Queries: half are fresh texts (no match), half are light copies of stored ones.
    let mut rng_copy = Rng(0x5eed);
    let stored: Vec<String> = (0..LOOKUPS / 2).map(|_| generated_text(&mut rng_copy)).collect();
    let mut queries: Vec<(String, bool)> = stored.iter().map(|t| (copy_light(t), true)).collect();
    let mut fresh = Rng(0xf7e5);
    queries.extend((0..LOOKUPS / 2).map(|_| (generated_text(&mut fresh), false)));
    let mut times = Vec::new();
    let mut hits = 0;
    for (query, _) in &queries {
        let start = Instant::now();
        let found = library.find_similar_text(query)?;
        times.push(start.elapsed());
        hits += usize::from(!found.is_empty());
    }
    let mut similar_times = Vec::new();
    for i in 0..LOOKUPS {
        let id = ClippingId(1 + (i * 97 % clippings) as i64);
        let start = Instant::now();
        library.similar(id)?;
        similar_times.push(start.elapsed());
    }
    // Closing the library checkpoints its write-ahead log into the file, so the size is the library's own.
    drop(library);
    let size =
        std::fs::metadata(&path)?.len() + std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len());
    let mut long = Rng(0x10_0000);
    let thousand: String = (0..1000).map(|_| format!("w{}", long.word())).collect::<Vec<_>>().join(" ");
    let start = Instant::now();
    for _ in 0..100 {
        std::hint::black_box(fingerprint(std::hint::black_box(&thousand)));
    }
    let per_text = start.elapsed() / 100;
    println!("## 3. Lookup in a library of {clippings} clippings\n");
    println!("- fingerprinting a 1,000-word text (done on every save): {:.3} ms", per_text.as_secs_f64() * 1000.0);
    println!("- `find_similar_text` (fingerprint the text + bucket lookup + signature check), {LOOKUPS} queries:");
    println!("  {}; {hits} found a match (expected {})", percentiles(&mut times), LOOKUPS / 2);
    println!("- `similar(id)` (stored links), {LOOKUPS} lookups: {}", percentiles(&mut similar_times));
    println!(
        "- library size: {:.1} MiB ({WORDS}-word generated clippings; the fingerprint tables take about 0.7 KiB per clipping)",
        size as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}

fn percentiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    format!("p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms", at(0.5), at(0.95), at(1.0))
}
