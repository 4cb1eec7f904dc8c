//! The largest element count and nesting depth over the benchmark pages, from which the extractor's caps on hostile
//! pages are set (`MAX_ELEMENTS`, `MAX_DEPTH` in `crates/extract/src/heuristics.rs`). Counts as the capped parser does:
//! elements, comments and processing instructions; depth below the document (`<html>` is 1).
//!
//! `cargo run --release --example page_complexity -- [DATA_DIR…]` (default: `tests/extraction-bench/data`; each
//! folder holds `ground-truth.json` and `html/{id}.html.gz`, as `../shared/extraction-bench/wcxb-dev` does).

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extraction-bench/data"));
    }
    for dir in dirs {
        let mut sizes: Vec<(usize, usize, String)> = Vec::new();
        for entry in std::fs::read_dir(dir.join("html")).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            let gz = std::fs::read(&path)?;
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut bytes)?;
            let text = cuttings::decode::decode_page(&bytes, None).text;
            let doc = scraper::Html::parse_document(&text);
            let mut nodes = 0;
            let mut depth = 0usize;
            let mut deepest = 0;
            for edge in doc.tree.root().traverse() {
                match edge {
                    ego_tree::iter::Edge::Open(node) => {
                        if !node.value().is_text() && !node.value().is_document() && !node.value().is_doctype() {
                            nodes += 1;
                        }
                        deepest = deepest.max(depth);
                        depth += 1;
                    }
                    ego_tree::iter::Edge::Close(_) => depth -= 1,
                }
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            sizes.push((nodes, deepest, name));
        }
        let most = sizes.iter().max_by_key(|s| s.0).context("no pages")?;
        let deepest = sizes.iter().max_by_key(|s| s.1).context("no pages")?;
        let mut counts: Vec<usize> = sizes.iter().map(|s| s.0).collect();
        counts.sort_unstable();
        let mut depths: Vec<usize> = sizes.iter().map(|s| s.1).collect();
        depths.sort_unstable();
        let p99 = |v: &[usize]| v[(v.len() * 99 / 100).min(v.len() - 1)];
        println!("{}: {} pages", dir.display(), sizes.len());
        println!("  elements: max {} ({}), 99th percentile {}", most.0, most.2, p99(&counts));
        println!("  depth:    max {} ({}), 99th percentile {}", deepest.1, deepest.2, p99(&depths));
    }
    Ok(())
}
