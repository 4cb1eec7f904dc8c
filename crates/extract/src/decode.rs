//! Decoding page bytes to text: the character set is taken from the HTTP header, then a byte-order mark,
//! then a `<meta>` declaration in the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, then guessed from the
//! bytes. Pure: no I/O. Text that was encoded to UTF-8 twice ("itâ€™s", "cafÃ©": UTF-8 read as Windows-1252 or
//! Latin-1 and written out again, as some publishing chains do) is put back ("it’s", "café").

use encoding_rs::Encoding;
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How many leading bytes are searched for a `<meta charset>` declaration (the HTML standard's prescan uses 1024;
/// real pages put long scripts first, so we look further).
const META_PRESCAN_BYTES: usize = 4096;

/// `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
static META_CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)"#).expect("valid regex"));

/// Where the character set of a decoded page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// The `charset` parameter of the HTTP `Content-Type` header.
    Header,
    /// A byte-order mark at the start of the bytes.
    ByteOrderMark,
    /// A `<meta>` declaration in the page.
    Meta,
    /// Guessed from the bytes (chardetng).
    Detected,
}

/// Page text decoded to UTF-8, with the encoding that was used.
#[derive(Debug, Clone)]
pub struct DecodedPage {
    /// The page as text.
    pub text: String,
    /// The WHATWG name of the encoding used (`UTF-8`, `EUC-KR`, `Shift_JIS`…).
    pub encoding: &'static str,
    /// Where that encoding came from.
    pub source: CharsetSource,
}

/// Decodes `bytes` to text. `header_charset` is the `charset` parameter of the HTTP `Content-Type` header, if any.
///
/// An unknown label at one step falls through to the next. Malformed sequences become U+FFFD; decoding never fails.
pub fn decode_page(bytes: &[u8], header_charset: Option<&str>) -> DecodedPage {
    let (encoding, source, valid) = choose_encoding(bytes, header_charset);
    let (text, used) = match valid {
        // Bytes already checked to be UTF-8 (without a BOM: else the BOM would have chosen) need no second check.
        Some(text) => (std::borrow::Cow::Borrowed(text), encoding_rs::UTF_8),
        // `decode` sniffs and strips a BOM itself, which is what we want whatever the source.
        None => {
            let (text, used, _had_errors) = encoding.decode(bytes);
            (text, used)
        }
    };
    let text = match repair_double_encoding(&text) {
        Some(repaired) => repaired,
        None => text.into_owned(),
    };
    DecodedPage { text, encoding: used.name(), source }
}

/// The byte a character stands for when UTF-8 was read as Windows-1252 (or Latin-1): U+0080–U+00FF for
/// themselves, and the Windows-1252 letters and signs of 0x80–0x9F for theirs.
fn byte_of(c: char) -> Option<u8> {
    match c {
        '\u{80}'..='\u{ff}' => u8::try_from(u32::from(c)).ok(),
        '€' => Some(0x80),
        '‚' => Some(0x82),
        'ƒ' => Some(0x83),
        '„' => Some(0x84),
        '…' => Some(0x85),
        '†' => Some(0x86),
        '‡' => Some(0x87),
        'ˆ' => Some(0x88),
        '‰' => Some(0x89),
        'Š' => Some(0x8A),
        '‹' => Some(0x8B),
        'Œ' => Some(0x8C),
        'Ž' => Some(0x8E),
        '‘' => Some(0x91),
        '’' => Some(0x92),
        '“' => Some(0x93),
        '”' => Some(0x94),
        '•' => Some(0x95),
        '–' => Some(0x96),
        '—' => Some(0x97),
        '˜' => Some(0x98),
        '™' => Some(0x99),
        'š' => Some(0x9A),
        '›' => Some(0x9B),
        'œ' => Some(0x9C),
        'ž' => Some(0x9E),
        'Ÿ' => Some(0x9F),
        _ => None,
    }
}

/// `text` with every run of characters that spells a UTF-8 sequence byte by byte (a lead byte, then its
/// continuation bytes, read as Windows-1252 or Latin-1) put back to the character it encodes; `None` when there is
/// none. A lone accented letter, or letters that do not form a whole sequence, stay as they are: real text almost
/// never spells a UTF-8 sequence this way. One pass, linear in the text.
pub fn repair_double_encoding(text: &str) -> Option<String> {
    if !spells_a_sequence(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repaired = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let sequence = byte_of(c).filter(|b| (0xC2..=0xF4).contains(b)).and_then(|lead| {
            let len = match lead {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let mut bytes = [lead, 0, 0, 0];
            for (k, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
                *slot = chars.get(i + k).copied().and_then(byte_of).filter(|b| (0x80..=0xBF).contains(b))?;
            }
            let decoded = std::str::from_utf8(bytes.get(..len)?).ok()?.chars().next()?;
            Some((decoded, len))
        });
        match sequence {
            Some((decoded, len)) => {
                out.push(decoded);
                repaired = true;
                i += len;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    repaired.then_some(out)
}

/// Whether `text` has a lead byte read as Â–ô followed by a continuation byte, as every run that spells a UTF-8
/// sequence starts: the fast path of [`repair_double_encoding`]. Those letters (U+00C2–U+00F4) are all written in
/// UTF-8 as the byte 0xC3 and a second one, so only the places of that byte are looked at, not every character.
fn spells_a_sequence(text: &str) -> bool {
    let is_lead = |c: char| ('\u{c2}'..='\u{f4}').contains(&c);
    let is_continuation = |c: char| byte_of(c).is_some_and(|b| (0x80..=0xBF).contains(&b));
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|at| {
        // 0xC3 never continues a sequence, so `at` is a character boundary.
        let mut chars = text.get(at..).unwrap_or_default().chars();
        chars.next().is_some_and(is_lead) && chars.next().is_some_and(is_continuation)
    })
}

/// Picks the encoding of `bytes`, in the order header, BOM, meta, detection; with the bytes as text when that
/// choice checked them to be UTF-8 (undeclared, without a BOM).
fn choose_encoding<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
) -> (&'static Encoding, CharsetSource, Option<&'a str>) {
    if let Some(enc) = header_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        // A UTF-16 header on a page without a BOM is almost always a misconfigured server; trust the bytes then.
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
            return (enc, CharsetSource::Header, None);
        }
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, CharsetSource::ByteOrderMark, None);
    }
    if let Some(enc) = meta_charset(bytes) {
        return (enc, CharsetSource::Meta, None);
    }
    // Undeclared bytes that are valid UTF-8 are UTF-8: text in another multi-byte encoding almost never is,
    // and the check is far cheaper than guessing.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (encoding_rs::UTF_8, CharsetSource::Detected, Some(text));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), CharsetSource::Detected, None)
}

/// The encoding a `<meta>` tag near the top of the page declares. A page that claims UTF-16 in a meta tag
/// is already readable as ASCII, so the claim is false and UTF-8 is meant (as the HTML standard says).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_wins_over_meta() {
        let page = b"<meta charset=\"euc-kr\"><p>caf\xc3\xa9</p>";
        let decoded = decode_page(page, Some("utf-8"));
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.source, CharsetSource::Header);
        assert!(decoded.text.contains("café"));
    }

    #[test]
    fn meta_http_equiv_euc_kr() {
        let (bytes, _, _) = encoding_rs::EUC_KR
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"><p>북한</p>");
        let decoded = decode_page(&bytes, None);
        assert_eq!(decoded.encoding, "EUC-KR");
        assert_eq!(decoded.source, CharsetSource::Meta);
        assert!(decoded.text.contains("북한"));
    }

    #[test]
    fn unknown_header_label_falls_through_to_bom() {
        let decoded = decode_page(b"\xef\xbb\xbf<p>na\xc3\xafve</p>", Some("x-no-such-charset"));
        assert_eq!(decoded.source, CharsetSource::ByteOrderMark);
        assert_eq!(decoded.text, "<p>naïve</p>");
    }

    #[test]
    fn text_encoded_twice_is_put_back() {
        // UTF-8 read as Windows-1252, and as Latin-1 (C1 controls), then written as UTF-8 again.
        let decoded = decode_page("<p>itâ€™s a cafÃ© â\u{80}\u{94} naÃ¯ve</p>".as_bytes(), Some("utf-8"));
        assert_eq!(decoded.text, "<p>it’s a café — naïve</p>");
        // Real accented text, and letters that spell no whole sequence, stay.
        for text in ["¡Olé! Ça coûte 5 €, à Zürich, Ærø.", "ÂÃ", "Ã"] {
            assert_eq!(repair_double_encoding(text), None, "{text}");
        }
        assert_eq!(repair_double_encoding("cafÃ©").as_deref(), Some("café"));
    }

    #[test]
    fn the_fast_path_finds_what_a_scan_of_every_character_finds() {
        // The definition the byte search stands for: a lead letter, then a continuation, anywhere.
        let scan = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            chars.windows(2).any(|pair| {
                ('\u{c2}'..='\u{f4}').contains(&pair[0]) && byte_of(pair[1]).is_some_and(|b| (0x80..=0xBF).contains(&b))
            })
        };
        for text in
            ["", "Ã", "ÃÃ", "ÃA", "Ã©", "â€™", "Ãœ", "õ€", "Â\u{a0}", "Ã\u{7f}", "caf\u{e9}", "ÿ€", "北Ã京", "aÃ"]
        {
            assert_eq!(spells_a_sequence(text), scan(text), "{text:?}");
        }
    }

    #[test]
    fn undeclared_shift_jis_is_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("<p>東京都は本日、新しい条例を発表しました。市民の皆さんへのお知らせです。</p>");
        let decoded = decode_page(&bytes, None);
        assert_eq!(decoded.source, CharsetSource::Detected);
        assert_eq!(decoded.encoding, "Shift_JIS");
        assert!(decoded.text.contains("東京都"));
    }
}
