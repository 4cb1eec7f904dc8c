//! Decoding page bytes to text: the character set is taken from the HTTP header, then a byte-order mark,
//! then a `<meta>` declaration in the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, then guessed from the
//! bytes. Pure: no I/O.

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
    let (encoding, source) = choose_encoding(bytes, header_charset);
    // `decode` sniffs and strips a BOM itself, which is what we want whatever the source.
    let (text, used, _had_errors) = encoding.decode(bytes);
    DecodedPage { text: text.into_owned(), encoding: used.name(), source }
}

/// Picks the encoding of `bytes`, in the order header, BOM, meta, detection.
fn choose_encoding(bytes: &[u8], header_charset: Option<&str>) -> (&'static Encoding, CharsetSource) {
    if let Some(enc) = header_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        // A UTF-16 header on a page without a BOM is almost always a misconfigured server; trust the bytes then.
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
            return (enc, CharsetSource::Header);
        }
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, CharsetSource::ByteOrderMark);
    }
    if let Some(enc) = meta_charset(bytes) {
        return (enc, CharsetSource::Meta);
    }
    // Undeclared bytes that are valid UTF-8 are UTF-8: text in another multi-byte encoding almost never is,
    // and the check is far cheaper than guessing.
    if std::str::from_utf8(bytes).is_ok() {
        return (encoding_rs::UTF_8, CharsetSource::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), CharsetSource::Detected)
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
    fn undeclared_shift_jis_is_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("<p>東京都は本日、新しい条例を発表しました。市民の皆さんへのお知らせです。</p>");
        let decoded = decode_page(&bytes, None);
        assert_eq!(decoded.source, CharsetSource::Detected);
        assert_eq!(decoded.encoding, "Shift_JIS");
        assert!(decoded.text.contains("東京都"));
    }
}
