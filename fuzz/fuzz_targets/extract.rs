//! Fuzz target: arbitrary bytes through `decode::decode_page` and then `extract::extract`, as a fetched page would
//! go. Neither may panic, overflow the stack or hang, whatever the bytes; an `Err` from extraction is fine.
//!
//! An input whose first byte is below 8 uses that byte to pick a charset the "server" declared (a real one or a
//! bogus label) and the rest as the page, so the header path of the decoder is fuzzed too; any other input is a
//! page without a declared charset, so saved pages work as seeds unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use url::Url;

/// Charsets a server might declare, chosen by a first input byte below 8.
const DECLARED_CHARSETS: [&str; 8] =
    ["utf-8", "iso-8859-1", "euc-kr", "shift_jis", "gbk", "windows-1251", "utf-16le", "x-bogus"];

/// A fixed page address, so relative links and images have something to resolve against.
static PAGE_URL: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://news.example.com/2024/05/city-council-budget.html?ref=home").expect("valid URL"));

fuzz_target!(|data: &[u8]| {
    let (declared, page) = match data.split_first() {
        Some((&selector, rest)) if usize::from(selector) < DECLARED_CHARSETS.len() => {
            (Some(DECLARED_CHARSETS[usize::from(selector)]), rest)
        }
        _ => (None, data),
    };
    let decoded = cuttings_extract::decode::decode_page(page, declared);
    let _ = cuttings_extract::extract(&decoded.text, &PAGE_URL);
});
