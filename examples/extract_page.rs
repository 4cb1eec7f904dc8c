//! Clips one saved page through `cuttings::clip::prepare_bytes` (decode, then extract; no whole-page fallback) and
//! prints the seconds it took and the outcome, tab-separated: what `cuttings extract` does, in a binary that builds
//! without the export, for
//! measuring a page's time and peak memory with `/usr/bin/time -v` (see `scripts/bench-hostile.sh`).
//!
//! `cargo run --release --no-default-features --example extract_page -- PAGE.html [URL]`

use std::time::Instant;

use anyhow::Context;
use cuttings::clip::{WholePage, prepare_bytes};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().context("usage: extract_page PAGE.html [URL]")?;
    let url = url::Url::parse(&args.next().unwrap_or_else(|| "https://news.example/a".into()))?;
    let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let started = Instant::now();
    let outcome = prepare_bytes(bytes, Some(url), WholePage::Refuse, Default::default());
    let seconds = started.elapsed().as_secs_f64();
    match outcome {
        Ok(prepared) => println!("{seconds:.3}\tan article of {} words", prepared.article.word_count),
        Err(error) => println!("{seconds:.3}\t{}: {error}", error.code()),
    }
    Ok(())
}
