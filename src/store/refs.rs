//! How stored article HTML refers to stored images: `<img src="cuttings-image://localhost/<sha256>"
//! data-original-src="https://…">`. The desktop shell serves the `cuttings-image` scheme from
//! [`crate::store::Library::image`]; exports read the same function. The store owns this addressing: it stores the
//! images and checks a backup's articles with it; the archive uses it to point a new article at its images.
//!
//! The rewriting works on HTML that the extractor has already sanitised (html5ever's serialisation: every attribute
//! value in double quotes, `&`, `"` and no-break spaces escaped in them, `<` escaped in text), walking tag by tag so
//! that a `<` or `>` inside an attribute value is never taken for a tag. The sanitiser's allow-list is left as it
//! is: a page cannot bring its own `cuttings-image:` references or `data-original-src` attributes, since those are
//! added only here, after sanitising. Pure: no I/O.

use std::collections::HashMap;

/// The scheme and host of a stored-image reference.
pub const IMAGE_REF_PREFIX: &str = "cuttings-image://localhost/";

/// The attribute that keeps an image's original address once its `src` points at the stored copy.
pub const ORIGINAL_SRC_ATTRIBUTE: &str = "data-original-src";

/// The reference to the stored image with this SHA-256: `cuttings-image://localhost/<sha256>`.
pub fn image_ref(sha256: &str) -> String {
    format!("{IMAGE_REF_PREFIX}{sha256}")
}

/// The SHA-256 named by a stored-image reference, if `src` is one (exactly 64 lowercase hex digits after the
/// prefix).
pub fn parse_image_ref(src: &str) -> Option<&str> {
    let sha = src.strip_prefix(IMAGE_REF_PREFIX)?;
    super::is_sha256_hex(sha).then_some(sha)
}

/// One attribute of a tag: its name and value as written (still escaped), or no value.
struct Attribute<'a> {
    name: &'a str,
    raw_value: Option<&'a str>,
}

/// The `src` of every `<img>` in `html`, unescaped, in document order (stored references included).
pub fn image_sources(html: &str) -> Vec<String> {
    let mut sources = Vec::new();
    walk_tags(html, |name, attributes| {
        if name.eq_ignore_ascii_case("img")
            && let Some(src) = attributes.iter().find(|a| a.name.eq_ignore_ascii_case("src"))
        {
            sources.push(unescape(src.raw_value.unwrap_or_default()));
        }
        None
    });
    sources
}

/// `html` with every `<img>` whose `src` is a key of `stored` (an original address → SHA-256) pointing at the
/// stored copy, the original address kept in `data-original-src`. Other images and all other markup are left
/// exactly as they were.
pub fn point_images_to_store(html: &str, stored: &HashMap<String, String>) -> String {
    walk_tags(html, |name, attributes| {
        if !name.eq_ignore_ascii_case("img") {
            return None;
        }
        let src = attributes.iter().find(|a| a.name.eq_ignore_ascii_case("src"))?;
        let original = unescape(src.raw_value.unwrap_or_default());
        let sha = stored.get(&original)?;
        let mut tag = format!("<img src=\"{}\" {ORIGINAL_SRC_ATTRIBUTE}=\"{}\"", image_ref(sha), escape(&original));
        for attribute in attributes {
            let name = attribute.name;
            if name.eq_ignore_ascii_case("src") || name.eq_ignore_ascii_case(ORIGINAL_SRC_ATTRIBUTE) {
                continue;
            }
            match attribute.raw_value {
                Some(value) => tag.push_str(&format!(" {name}=\"{value}\"")),
                None => tag.push_str(&format!(" {name}")),
            }
        }
        tag.push('>');
        Some(tag)
    })
}

/// `html` with every `<img>` that points at a stored copy (`cuttings-image:`) pointing at its original address
/// again, taken from `data-original-src` (an image without one loses its `src`): the inverse of
/// [`point_images_to_store`], for HTML that is to be sanitised again (the sanitiser drops both the scheme and the
/// attribute). Other markup is left as it was.
pub fn point_images_to_originals(html: &str) -> String {
    walk_tags(html, |name, attributes| {
        if !name.eq_ignore_ascii_case("img") {
            return None;
        }
        let points_to_store = |a: &Attribute<'_>| {
            a.name.eq_ignore_ascii_case("src")
                && unescape(a.raw_value.unwrap_or_default()).starts_with(IMAGE_REF_PREFIX)
        };
        if !attributes.iter().any(points_to_store) {
            return None;
        }
        let original = attributes.iter().find(|a| a.name.eq_ignore_ascii_case(ORIGINAL_SRC_ATTRIBUTE));
        let mut tag = String::from("<img");
        if let Some(value) = original.and_then(|a| a.raw_value) {
            tag.push_str(&format!(" src=\"{}\"", value.replace('"', "&quot;")));
        }
        for attribute in attributes {
            let name = attribute.name;
            if name.eq_ignore_ascii_case("src") || name.eq_ignore_ascii_case(ORIGINAL_SRC_ATTRIBUTE) {
                continue;
            }
            match attribute.raw_value {
                Some(value) => tag.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;"))),
                None => tag.push_str(&format!(" {name}")),
            }
        }
        tag.push('>');
        Some(tag)
    })
}

/// Walks the tags of `html`, calling `visit` with each start tag's name and attributes; where it returns a
/// replacement, the whole tag is replaced. Returns the (possibly) rewritten HTML.
fn walk_tags(html: &str, mut visit: impl FnMut(&str, &[Attribute<'_>]) -> Option<String>) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 256);
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        out.push_str(&html[at..start]);
        let (end, replacement) = read_tag(html, bytes, start, &mut visit);
        match replacement {
            Some(text) => out.push_str(&text),
            None => out.push_str(&html[start..end]),
        }
        at = end;
    }
    out.push_str(&html[at..]);
    out
}

/// Reads the tag starting at `start` (a `<`): returns where it ends (after its `>`) and the visitor's replacement.
fn read_tag(
    html: &str,
    bytes: &[u8],
    start: usize,
    visit: &mut impl FnMut(&str, &[Attribute<'_>]) -> Option<String>,
) -> (usize, Option<String>) {
    let find_from = |from: usize, needle: &str| html[from..].find(needle).map(|i| from + i + needle.len());
    let mut at = start + 1;
    if html[at..].starts_with("!--") {
        return (find_from(at, "-->").unwrap_or(html.len()), None);
    }
    if matches!(bytes.get(at), Some(b'/' | b'!' | b'?')) {
        return (find_from(at, ">").unwrap_or(html.len()), None);
    }
    let name_end = at + html[at..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(html.len() - at);
    if name_end == at {
        // A lone `<` (never in serialised HTML, where it is escaped): copy it as text.
        return (at, None);
    }
    let name = &html[at..name_end];
    at = name_end;
    let mut attributes = Vec::new();
    loop {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at) {
            None => return (html.len(), None),
            Some(b'>') => {
                at += 1;
                break;
            }
            Some(b'/') => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let attr_start = at;
        while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')) {
            at += 1;
        }
        if at == attr_start {
            at += 1;
            continue;
        }
        let attr_name = &html[attr_start..at];
        let mut raw_value = None;
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let value_start = at + 1;
                    let value_end = html[value_start..].find(quote as char).map_or(html.len(), |i| value_start + i);
                    raw_value = Some(&html[value_start..value_end]);
                    at = (value_end + 1).min(html.len());
                }
                _ => {
                    let value_start = at;
                    while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                        at += 1;
                    }
                    raw_value = Some(&html[value_start..at]);
                }
            }
        }
        attributes.push(Attribute { name: attr_name, raw_value });
    }
    (at, visit(name, &attributes))
}

/// An attribute value with the character references html5ever writes (and the common others) decoded.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "nbsp" => Some('\u{a0}'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes an attribute value as html5ever does.
fn escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('\u{a0}', "&nbsp;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn refs_round_trip_and_refuse_anything_else() {
        assert_eq!(parse_image_ref(&image_ref(SHA)), Some(SHA));
        assert_eq!(parse_image_ref("https://example.org/a.png"), None);
        assert_eq!(parse_image_ref(&image_ref("../../etc/passwd")), None);
        assert_eq!(parse_image_ref(&image_ref(&SHA.to_uppercase())), None);
        assert_eq!(parse_image_ref(&format!("{}/x", image_ref(SHA))), None);
    }

    #[test]
    fn pointing_back_to_the_originals_undoes_pointing_to_the_store() {
        let html = r#"<p>a</p><img src="https://x.test/a.png?w=1&amp;h=2" alt="A"><img src="https://x.test/b.png">"#;
        let stored = HashMap::from([("https://x.test/a.png?w=1&h=2".to_string(), SHA.to_string())]);
        let pointed = point_images_to_store(html, &stored);
        assert_ne!(pointed, html);
        assert_eq!(point_images_to_originals(&pointed), html);
        // A stored reference without its original address loses its `src`.
        let bare = format!(r#"<img src="{}" alt='x"y'>"#, image_ref(SHA));
        assert_eq!(point_images_to_originals(&bare), r#"<img alt="x&quot;y">"#);
    }

    #[test]
    fn only_known_images_are_rewritten_and_everything_else_is_kept() {
        let html = r#"<p title="a > b &lt;img src=&quot;x&quot;">Text &lt;img src="y"&gt;</p><figure><img src="https://x.test/a.png?w=1&amp;h=2" alt="A &quot;quoted&quot; > alt"><img src="https://x.test/missing.png" alt="M"></figure>"#;
        let stored = HashMap::from([("https://x.test/a.png?w=1&h=2".to_string(), SHA.to_string())]);
        let out = point_images_to_store(html, &stored);
        assert_eq!(
            out,
            format!(
                r#"<p title="a > b &lt;img src=&quot;x&quot;">Text &lt;img src="y"&gt;</p><figure><img src="cuttings-image://localhost/{SHA}" data-original-src="https://x.test/a.png?w=1&amp;h=2" alt="A &quot;quoted&quot; > alt"><img src="https://x.test/missing.png" alt="M"></figure>"#
            )
        );
        assert_eq!(
            image_sources(&out),
            vec![image_ref(SHA), "https://x.test/missing.png".to_string()],
            "the title attribute's text is not an image"
        );
        // Rewriting again changes nothing: the stored image's src is no longer an original address.
        assert_eq!(point_images_to_store(&out, &stored), out);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in ["<img src=\"unterminated", "<", "<img", "<img src=", "a < b", "<!-- x", "<img src='x'/>"] {
            let _ = point_images_to_store(html, &HashMap::from([("x".to_string(), SHA.to_string())]));
            let _ = image_sources(html);
        }
        assert_eq!(unescape("&amp;&#x41;&#66;&bogus;&"), "&AB&bogus;&");
    }
}
