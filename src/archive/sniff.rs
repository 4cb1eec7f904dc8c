//! What a downloaded image really is, decided from its bytes (never from the server's `Content-Type`), and whether
//! an SVG may be kept. Pure: no I/O.
//!
//! SVG is the one image format that can carry scripts. Cuttings serves stored images only as images (where browsers
//! run no script), but an SVG file could still be opened on its own, so an SVG with anything active in it
//! (script elements, event-handler attributes, `javascript:` addresses, embedded HTML, entity declarations) is
//! refused rather than cleaned: a refused image is recorded as missing and the article keeps its original address.

use std::sync::LazyLock;

use regex::Regex;

/// Raster formats recognised by their leading bytes, as (signature, media type).
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"\xff\x0a", "image/jxl"),
    (b"\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a", "image/jxl"),
];

/// ISO base-media brands (bytes 8–12 after `ftyp`) of AVIF and HEIF images.
const FTYP_BRANDS: &[(&[u8], &str)] = &[
    (b"avif", "image/avif"),
    (b"avis", "image/avif"),
    (b"heic", "image/heic"),
    (b"heix", "image/heic"),
    (b"mif1", "image/heif"),
];

/// How far into a text file the `<svg` root element is looked for.
const SVG_PRESCAN_BYTES: usize = 4096;

/// Anything in an SVG that can run code or pull in a document: script-like elements (with or without a namespace
/// prefix), event-handler attributes, script addresses, embedded HTML, DTD entity declarations (billion laughs) and
/// animations that rewrite a link.
static ACTIVE_SVG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)<\s*([a-z0-9_.-]+:)?(script|foreignobject|iframe|embed|object|handler|listener)\b|[\s"'/]on[a-z]+\s*=|javascript:|vbscript:|data:\s*text/html|<!entity|attributename\s*=\s*["']?\s*(xlink:)?href"#,
    )
    .unwrap_or_else(|error| panic!("the active-SVG pattern does not compile: {error}"))
});

/// The media type of an image from its bytes, or why the bytes are not an image Cuttings keeps.
pub fn sniff_image(bytes: &[u8]) -> Result<&'static str, String> {
    if let Some((_, media_type)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Ok(media_type);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok("image/webp");
    }
    if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && let Some((_, media_type)) = FTYP_BRANDS.iter().find(|(brand, _)| &bytes[8..12] == *brand)
    {
        return Ok(media_type);
    }
    if bytes.len() >= 26 && bytes.starts_with(b"BM") {
        return Ok("image/bmp");
    }
    if looks_like_svg(bytes) {
        return check_svg(bytes).map(|()| "image/svg+xml");
    }
    Err(format!("the server sent {}, not an image", describe(bytes)))
}

/// Whether text bytes start like an SVG document: an XML declaration, comments or a doctype, then `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SVG_PRESCAN_BYTES)];
    let Ok(text) = std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()])) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("<svg") else {
        return false;
    };
    // Only prologue may come before the root: no other element (an HTML page that embeds an SVG is not an SVG).
    let before = &lower[..at];
    !before.contains("<html") && !before.contains("<body") && !before.contains("<head")
}

/// Refuses an SVG with anything active in it (see the module documentation).
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    match ACTIVE_SVG.find(&text) {
        Some(found) => Err(format!(
            "the SVG image contains active content ({:?}); it is not stored",
            found.as_str().trim().chars().take(40).collect::<String>()
        )),
        None => Ok(()),
    }
}

/// A few words on what non-image bytes look like, for the failure message.
fn describe(bytes: &[u8]) -> &'static str {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let head = bytes[start..bytes.len().min(start + 512)].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.windows(5).any(|w| w == b"<body") {
        "a web page"
    } else if head.starts_with(b"%pdf") {
        "a PDF document"
    } else if head.starts_with(b"<") {
        "a text document"
    } else {
        "data in no image format Cuttings knows"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raster_formats_are_known_by_their_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0\0\x10JFIF"), Ok("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a\x01\0\x01\0"), Ok("image/gif"));
        assert_eq!(sniff_image(b"RIFF\x24\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(sniff_image(b"\0\0\0\x1cftypavif\0\0\0\0"), Ok("image/avif"));
        assert_eq!(sniff_image(&[b"BM".as_slice(), &[0u8; 30]].concat()), Ok("image/bmp"));
        assert_eq!(sniff_image(b"II*\0\x08\0\0\0"), Ok("image/tiff"));
    }

    #[test]
    fn clean_svg_is_kept_and_active_svg_refused() {
        let clean = br##"<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>one = 1</title><a href="#x"><circle r="4"/></a></svg>"##;
        assert_eq!(sniff_image(clean), Ok("image/svg+xml"));
        for active in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="JavaScript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>"#,
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="x"/></svg>"#,
        ] {
            let verdict = sniff_image(active.as_bytes());
            assert!(verdict.as_ref().is_err_and(|e| e.contains("active content")), "{active}: {verdict:?}");
        }
    }

    #[test]
    fn pages_and_unknown_bytes_are_not_images() {
        let page = sniff_image(b"<!DOCTYPE html><html><body><svg></svg></body></html>");
        assert_eq!(page, Err("the server sent a web page, not an image".to_string()));
        assert!(sniff_image(b"").is_err());
        assert!(sniff_image(b"%PDF-1.7").is_err_and(|e| e.contains("PDF")));
        assert!(sniff_image(&[0u8; 64]).is_err());
    }
}
