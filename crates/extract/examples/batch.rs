//! Extracts a list of saved pages in one process with the extraction crate alone (no core, no database), for
//! scoring and timing the extractor: `cargo run --release -p cuttings-extract --example batch -- LIST OUT_DIR`.
//!
//! `LIST` has one line per page, `id<TAB>path<TAB>url` (a `.gz` path is decompressed). For each page the example
//! writes `OUT_DIR/{id}.txt` (the body text) and `OUT_DIR/{id}.json` (metadata, page kind and confidence, in the
//! shape `cuttings extract --json` prints), then the wall time in `OUT_DIR/elapsed_s`. A page that fails is
//! reported on stderr and gets no files (the scorers count it as empty). `scripts/score-extraction.py` drives it.
//!
//! Pages are extracted on every core, as `cuttings extract --batch` does; `--threads 1` extracts them one after
//! the other, for the speed of one core. With `--parse-only` it only parses each page (and writes nothing but
//! `elapsed_s`): the speed floor. With `--markdown` it also writes `OUT_DIR/{id}.md`, the body as Markdown, for
//! reading what the extractor kept in its structure (headings, lists).

use cuttings_extract::{Budget, declared_url, decode::decode_page, extract};
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// What the command line asks.
struct Options {
    /// Only parse each page.
    parse_only: bool,
    /// Also write each body as Markdown.
    markdown: bool,
    /// Worker threads; `None` for one per core.
    threads: Option<usize>,
    /// The list of pages.
    list: String,
    /// Where the outputs go.
    out_dir: String,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let (mut parse_only, mut markdown, mut threads, mut rest) = (false, false, None, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Parse every page with scraper and nothing else, the floor no extractor can beat, so that pages per
            // second on a noisy machine can be read against it.
            "--parse-only" => parse_only = true,
            "--markdown" => markdown = true,
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).filter(|&n: &usize| n > 0),
            _ => rest.push(arg),
        }
    }
    let [list, out_dir] = <[String; 2]>::try_from(rest).unwrap_or_else(|_| {
        eprintln!("usage: batch [--parse-only] [--markdown] [--threads N] LIST OUT_DIR");
        std::process::exit(2);
    });
    Options { parse_only, markdown, threads, list, out_dir }
}

fn main() {
    let options = options();
    let out_dir = Path::new(&options.out_dir);
    let list = &options.list;
    let listing = std::fs::read_to_string(list).unwrap_or_else(|error| panic!("reading {list}: {error}"));
    std::fs::create_dir_all(out_dir).unwrap_or_else(|error| panic!("creating {}: {error}", out_dir.display()));
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(options.threads.unwrap_or(0)).build().expect("a thread pool");
    let started = Instant::now();
    let lines: Vec<&str> = listing.lines().filter(|line| !line.trim().is_empty()).collect();
    let outcomes: Vec<Result<(), String>> =
        pool.install(|| lines.par_iter().map(|line| page(line, out_dir, &options)).collect());
    let elapsed = started.elapsed().as_secs_f64();
    let mut failed = 0;
    for error in outcomes.iter().filter_map(|outcome| outcome.as_ref().err()) {
        eprintln!("batch: {error}");
        failed += 1;
    }
    std::fs::write(out_dir.join("elapsed_s"), format!("{elapsed:.3}\n")).expect("writing elapsed_s");
    eprintln!("batch: {} pages extracted, {failed} failed, in {elapsed:.2} s", outcomes.len() - failed);
}

/// Reads, extracts and writes out the page of one line of the list (or only parses it).
fn page(line: &str, out_dir: &Path, options: &Options) -> Result<(), String> {
    let mut fields = line.split('\t');
    let (Some(id), Some(path), Some(url)) = (fields.next(), fields.next(), fields.next()) else {
        return Err(format!("bad line {line:?}"));
    };
    let raw = std::fs::read(path).unwrap_or_else(|error| panic!("reading {path}: {error}"));
    let bytes = if path.ends_with(".gz") {
        let mut unpacked = Vec::with_capacity(raw.len() * 4);
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut unpacked)
            .unwrap_or_else(|error| panic!("decompressing {path}: {error}"));
        unpacked
    } else {
        raw
    };
    let text = decode_page(&bytes, None).text;
    if options.parse_only {
        let document = scraper::Html::parse_document(&text);
        return if document.tree.nodes().len() > 0 { Ok(()) } else { Err(format!("page {id}: an empty tree")) };
    }
    // A page listed without an address is read at the one it declares, as a saved page would be.
    let page_url = url::Url::parse(url)
        .ok()
        .or_else(|| declared_url(&text, &Budget::default()).ok().flatten())
        .unwrap_or_else(|| url::Url::parse("https://unknown.invalid/").expect("a constant address"));
    let article = extract(&text, &page_url).map_err(|error| format!("page {id}: {error}"))?;
    let json = serde_json::json!({
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "site_name": article.site_name,
        "lang": article.lang,
        "word_count": article.word_count,
        "kind": article.kind,
        "confidence": article.confidence,
    });
    std::fs::write(out_dir.join(format!("{id}.txt")), &article.text).expect("writing the text");
    std::fs::write(out_dir.join(format!("{id}.json")), json.to_string()).expect("writing the metadata");
    if options.markdown {
        std::fs::write(out_dir.join(format!("{id}.md")), &article.markdown).expect("writing the Markdown");
    }
    Ok(())
}
