//! Fuzz target: arbitrary bytes through the chain a saved page goes through in `clip::prepare_bytes`: decode, the
//! address the page declares (canonical link, `og:url`, JSON-LD, "saved from" comment), then the article, or with
//! the first input bit set the whole-page fallback, all within one budget. Nothing may panic, overflow the stack,
//! hang or take gigabytes, whatever the bytes: every page ends as an article or as an error (no article, too
//! complex, too slow). Run with libFuzzer's `-timeout` and `-rss_limit_mb` (see `scripts/fuzz-smoke.sh`).

#![no_main]

use cuttings_extract::{Budget, WholePage, declared_url, decode::decode_page, extract_or_whole_page};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use url::Url;

/// The address used when the page declares none, so relative links and images have something to resolve against.
static PAGE_URL: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://news.example.com/2024/05/city-council-budget.html?ref=home").expect("valid URL"));

fuzz_target!(|data: &[u8]| {
    // The first byte's lowest bit picks what to do without an article; the page is all the bytes, so saved pages
    // work as seeds unchanged (`<` has it clear: Refuse).
    let whole_page = match data.first() {
        Some(byte) if byte & 1 == 1 => WholePage::Keep,
        _ => WholePage::Refuse,
    };
    let budget = Budget::default();
    let text = decode_page(data, None).text;
    let url = match declared_url(&text, &budget) {
        Ok(Some(url)) => url,
        Ok(None) => PAGE_URL.clone(),
        Err(_) => return,
    };
    let _ = extract_or_whole_page(&text, &url, whole_page, &budget);
});
