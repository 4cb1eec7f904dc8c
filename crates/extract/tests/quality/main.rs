//! Quality tests of the extractor on real and hand-written pages, run from the extraction crate alone
//! (`cargo test --workspace --test quality`): the fixture pairs of `tests/fixtures/` (page in, expected clipping
//! out) and the quality floors in `tests/extraction-floor.json`.

mod bench;
mod fixtures;
mod scoring;
mod wcxb;
