//! Extraction speed on the 181-page benchmark, in one process, pages already in memory: parsing alone with scraper
//! (the floor any scraper-based extractor stands on) beside the whole of `cuttings::extract::extract`.
//!
//! `cargo run --release --example extract_speed -- [--rounds N]` (default 5 rounds; the best round is reported,
//! as the machine may be busy with other work during the others).

use std::io::Read;
use std::time::{Duration, Instant};

use anyhow::Context;

/// One benchmark page, decoded.
struct Page {
    text: String,
    url: url::Url,
}

fn load_pages() -> anyhow::Result<Vec<Page>> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extraction-bench/data");
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("ground-truth.json")).context("reading the ground truth")?)?;
    let entries = truth.as_object().context("the ground truth is an object")?;
    let mut pages = Vec::new();
    for (id, entry) in entries {
        let gz = std::fs::read(data.join("html").join(format!("{id}.html.gz")))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut bytes)?;
        let url = url::Url::parse(entry["url"].as_str().context("a url")?)?;
        pages.push(Page { text: cuttings::decode::decode_page(&bytes, None).text, url });
    }
    Ok(pages)
}

/// The shortest time of `rounds` runs of `work` over every page.
fn best_of(rounds: usize, pages: &[Page], work: impl Fn(&Page) -> usize) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        let mut sink = 0;
        for page in pages {
            sink += work(page);
        }
        std::hint::black_box(sink);
        best = best.min(started.elapsed());
    }
    best
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut rounds = 5;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().unwrap_or_default().parse().context("--rounds N")?,
            other => anyhow::bail!("unknown option {other}; use --rounds N"),
        }
    }
    let pages = load_pages()?;
    let n = pages.len() as f64;
    let parse = best_of(rounds, &pages, |p| scraper::Html::parse_document(&p.text).tree.values().count());
    let extract = best_of(rounds, &pages, |p| cuttings::extract::extract(&p.text, &p.url).map_or(0, |a| a.text.len()));
    println!("{} pages, best of {rounds} rounds, one thread", pages.len());
    println!("parse only (scraper):  {:7.1} pages/s  ({:.3} s)", n / parse.as_secs_f64(), parse.as_secs_f64());
    println!("cuttings extract:      {:7.1} pages/s  ({:.3} s)", n / extract.as_secs_f64(), extract.as_secs_f64());
    Ok(())
}
