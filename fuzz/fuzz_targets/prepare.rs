//! Fuzz target: arbitrary bytes through the whole of `clip::prepare_bytes` (decode, extract, and with the first
//! input bit set the whole-page fallback), as a dropped or saved page would go. Nothing may panic, overflow the
//! stack, hang or take gigabytes, whatever the bytes: every page ends as an article or as an error (no article,
//! too complex, too slow). Run with libFuzzer's `-timeout` and `-rss_limit_mb` (see `scripts/fuzz-smoke.sh`).

#![no_main]

use cuttings::clip::{WholePage, prepare_bytes};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use url::Url;

/// A fixed page address, so relative links and images have something to resolve against.
static PAGE_URL: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://news.example.com/2024/05/city-council-budget.html?ref=home").expect("valid URL"));

fuzz_target!(|data: &[u8]| {
    // The first byte's lowest bit picks what to do without an article; the page is all the bytes, so saved pages
    // work as seeds unchanged (`<` has it clear: Refuse).
    let whole_page = match data.first() {
        Some(byte) if byte & 1 == 1 => WholePage::Keep,
        _ => WholePage::Refuse,
    };
    let _ = prepare_bytes(data.to_vec(), PAGE_URL.clone(), whole_page, Default::default());
});
