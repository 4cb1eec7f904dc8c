//! Integration tests of the offline archive (`cuttings::archive`) against a local HTTP server and real libraries.
//!
//! `images`: images downloaded on save, stored once, shown offline, removed with the last clipping using them,
//! refetched. `reextract`: re-extraction from the stored page. `similar`: syndicated copies. `backup`: backup, restore, JSON metadata.

mod backup;
mod export;
mod images;
mod reextract;
mod similar;

use std::path::{Path, PathBuf};

/// A test image from `tests/archive-images/` (made with ImageMagick: 3×2 red pixels).
pub fn image_file(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/archive-images").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// A page with a real article (enough prose that the extractor keeps it) around `inner`.
pub fn article_page(title: &str, inner: &str) -> String {
    let prose = "The harbour authority said on Tuesday that the new quay would open in the spring, after two years \
                 of work, and that it expected traffic to double within five years, according to its annual report. ";
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>{prose}</p>{inner}<p>{prose}</p><p>{prose}</p></article></body></html>"
    )
}

/// Every file under the image folder of the library at `library`.
pub fn image_files(library: &Path) -> Vec<PathBuf> {
    let root = cuttings::store::files_folder(library).join("images");
    let mut files = Vec::new();
    for shard in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(shard.path()).into_iter().flatten().flatten() {
            files.push(file.path());
        }
    }
    files.sort();
    files
}
