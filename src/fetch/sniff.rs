//! Deciding whether a response is a web page: the `Content-Type` header, checked against the first bytes of the
//! body, because servers lie (an image served as `text/html`) or say nothing. Pure: no I/O.

/// Content types Cuttings clips. Everything else is refused before the body is read.
const WEB_PAGE_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

/// Signatures of common non-HTML files, as (leading bytes, content type). A body that starts with one of these is
/// not a web page whatever its header says.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b\x08", "application/gzip"),
    (b"OggS\x00", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
];

/// How many leading bytes are searched for an `<html` tag after an XML declaration.
const XML_PRESCAN_BYTES: usize = 1024;

/// Tags that start an HTML document, from the WHATWG MIME-sniffing standard ("identifying a resource with an
/// unknown MIME type"), lowercase; each must be followed by a space or `>` (or `!--` by anything).
const HTML_OPENINGS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
    "<meta",
    "<link",
];

/// The MIME type of a `Content-Type` header without parameters, lowercase (`text/html`).
pub(crate) fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` header, without quotes.
pub(crate) fn charset_parameter(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Whether a declared content type may be a web page. A missing or empty one may be (the bytes decide later).
pub(crate) fn header_allows_page(content_type: Option<&str>) -> bool {
    match content_type.map(essence) {
        None => true,
        Some(essence) => essence.is_empty() || WEB_PAGE_TYPES.contains(&essence.as_str()),
    }
}

/// Checks a whole body against its declared type. `Err` carries the content type to report: the sniffed one when
/// the bytes are a known binary format, else the declared one.
pub(crate) fn check_page(content_type: Option<&str>, body: &[u8]) -> Result<(), String> {
    if let Some(sniffed) = binary_signature(body) {
        return Err(sniffed.to_string());
    }
    let declared = content_type.map(essence).unwrap_or_default();
    if declared.is_empty() {
        return if looks_like_html(body) { Ok(()) } else { Err(String::new()) };
    }
    if WEB_PAGE_TYPES.contains(&declared.as_str()) { Ok(()) } else { Err(declared) }
}

/// The content type of a known binary signature at the start of `body`.
fn binary_signature(body: &[u8]) -> Option<&'static str> {
    if body.len() >= 12 && &body[..4] == b"RIFF" && &body[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if body.len() >= 12 && &body[4..8] == b"ftyp" {
        return Some("video/mp4");
    }
    BINARY_SIGNATURES.iter().find(|(magic, _)| body.starts_with(magic)).map(|(_, kind)| *kind)
}

/// Whether bytes of unknown type start like an HTML document (after a BOM and white space).
fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let body = &body[start..];
    if body.starts_with(b"<!--") {
        return true;
    }
    if starts_with_ignore_case(body, b"<?xml") {
        // XHTML served without a type: an XML declaration, then an `<html` element soon after.
        let head = &body[..body.len().min(XML_PRESCAN_BYTES)];
        return head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"));
    }
    HTML_OPENINGS.iter().any(|opening| {
        starts_with_ignore_case(body, opening.as_bytes())
            && matches!(body.get(opening.len()), Some(b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/'))
    })
}

/// ASCII case-insensitive `starts_with`.
fn starts_with_ignore_case(body: &[u8], prefix: &[u8]) -> bool {
    body.len() >= prefix.len() && body[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter_is_found_in_any_position_and_quoting() {
        assert_eq!(charset_parameter("text/html; charset=EUC-KR").as_deref(), Some("EUC-KR"));
        assert_eq!(charset_parameter("text/html;foo=bar; Charset=\"utf-8\"").as_deref(), Some("utf-8"));
        assert_eq!(charset_parameter("text/html; charset="), None);
        assert_eq!(charset_parameter("text/html"), None);
    }

    #[test]
    fn untyped_bodies_are_sniffed() {
        assert!(check_page(None, b"\n  <!DOCTYPE html><title>x</title>").is_ok());
        assert!(check_page(Some(""), b"<p>Hello</p>").is_ok());
        assert!(check_page(None, b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">").is_ok());
        assert_eq!(check_page(None, b"<?xml version=\"1.0\"?><rss>"), Err(String::new()));
        assert_eq!(check_page(None, b"just some words"), Err(String::new()));
        assert_eq!(check_page(None, b"<pre>x</pre>"), Err(String::new()));
    }

    #[test]
    fn binary_signature_beats_a_lying_header() {
        assert_eq!(check_page(Some("text/html"), b"%PDF-1.7\n%..."), Err("application/pdf".to_string()));
        assert_eq!(check_page(Some("text/html"), b"RIFF\0\0\0\0WEBPVP8 "), Err("image/webp".to_string()));
        assert_eq!(check_page(Some("application/json"), b"{}"), Err("application/json".to_string()));
    }
}
