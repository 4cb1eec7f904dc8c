//! Extracts a list of saved pages in one process with the extraction crate alone (no core, no database), for
//! scoring and timing the extractor: `cargo run --release -p cuttings-extract --example batch -- LIST OUT_DIR`.
//!
//! `LIST` has one line per page, `id<TAB>path<TAB>url` (a `.gz` path is decompressed). For each page the example
//! writes `OUT_DIR/{id}.txt` (the body text) and `OUT_DIR/{id}.json` (metadata, page kind and confidence, in the
//! shape `cuttings extract --json` prints), then the wall time in `OUT_DIR/elapsed_s`. A page that fails is
//! reported on stderr and gets no files (the scorers count it as empty). `scripts/score-extraction.py` drives it.
//! With `--parse-only` first, it only parses each page (and writes nothing but `elapsed_s`): the speed floor.

use cuttings_extract::{Budget, declared_url, decode::decode_page, extract};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--parse-only`: parse every page with scraper and nothing else, the floor no extractor can beat, so that
    // pages per second on a noisy machine can be read against it.
    let parse_only = args.first().is_some_and(|a| a == "--parse-only");
    if parse_only {
        args.remove(0);
    }
    let [list, out_dir] = args.as_slice() else {
        eprintln!("usage: batch [--parse-only] LIST OUT_DIR");
        std::process::exit(2);
    };
    let out_dir = Path::new(out_dir);
    let listing = std::fs::read_to_string(list).unwrap_or_else(|error| panic!("reading {list}: {error}"));
    std::fs::create_dir_all(out_dir).unwrap_or_else(|error| panic!("creating {}: {error}", out_dir.display()));
    let started = Instant::now();
    let (mut done, mut failed) = (0usize, 0usize);
    for line in listing.lines().filter(|line| !line.trim().is_empty()) {
        let mut fields = line.split('\t');
        let (Some(id), Some(path), Some(url)) = (fields.next(), fields.next(), fields.next()) else {
            eprintln!("batch: bad line {line:?}");
            failed += 1;
            continue;
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
        if parse_only {
            let document = scraper::Html::parse_document(&text);
            done += usize::from(document.tree.nodes().len() > 0);
            continue;
        }
        // A page listed without an address is read at the one it declares, as a saved page would be.
        let page_url = url::Url::parse(url)
            .ok()
            .or_else(|| declared_url(&text, &Budget::default()).ok().flatten())
            .unwrap_or_else(|| url::Url::parse("https://unknown.invalid/").expect("a constant address"));
        match extract(&text, &page_url) {
            Ok(article) => {
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
                done += 1;
            }
            Err(error) => {
                eprintln!("batch: page {id}: {error}");
                failed += 1;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    std::fs::write(out_dir.join("elapsed_s"), format!("{elapsed:.3}\n")).expect("writing elapsed_s");
    eprintln!("batch: {done} pages extracted, {failed} failed, in {elapsed:.2} s");
}
