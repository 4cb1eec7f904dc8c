//! Whether an SVG drawing is inert and bounded enough to keep, decided by parsing it ([`check`]). Pure.
//!
//! The drawing is parsed with `roxmltree` (the XML parser the SVG renderer uses), so character and entity
//! references are decoded before anything is judged: `&#106;avascript:` is seen as `javascript:`. An SVG is
//! refused, never cleaned, when it:
//! - is not UTF-8, not well-formed XML, or has more than [`MAX_NODES`] nodes or deeper nesting than [`MAX_DEPTH`];
//! - declares entities (`<!ENTITY`; a doctype without them is fine);
//! - has an element that runs code or embeds a document ([`ACTIVE_ELEMENTS`]), an event-handler attribute (`on…`),
//!   or an animation that rewrites a link;
//! - refers to anything but itself (`#id`) or an embedded image (`data:image/…`) in an `href`, `xlink:href` or a
//!   `url(…)` of any attribute or style sheet, or imports a style sheet (`javascript:`, `data:text/html` and
//!   every outside address are thus refused);
//! - embeds a raster image whose header claims more than [`MAX_EMBEDDED_PIXELS`], or one whose size cannot be
//!   read, or an embedded SVG that is itself refused (nesting at most [`MAX_NESTED_SVG`] deep);
//! - would draw more than [`MAX_EXPANDED_ELEMENTS`] elements once every `<use>` is expanded (a 1.5 KB file of
//!   nested `<use>` references expands to billions).

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use roxmltree::{Document, Node, NodeId, ParsingOptions};

/// Most XML nodes (elements, text, comments) of one drawing.
pub const MAX_NODES: u32 = 200_000;

/// Deepest element nesting accepted (the expansion count below recurses this deep).
pub const MAX_DEPTH: usize = 256;

/// Most elements a drawing may draw with its `<use>` references expanded.
pub const MAX_EXPANDED_ELEMENTS: u64 = 100_000;

/// Most pixels an embedded raster image may claim (16 megapixels: 64 MB decoded).
pub const MAX_EMBEDDED_PIXELS: u64 = 16_000_000;

/// How deep SVGs embedded in SVGs (as `data:image/svg+xml`) may nest.
pub const MAX_NESTED_SVG: usize = 2;

/// Elements that run code, listen to events or embed another document; refused with or without a namespace prefix.
pub const ACTIVE_ELEMENTS: &[&str] = &["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"];

/// Elements that animate an attribute (refused when the attribute is a link).
const ANIMATIONS: &[&str] = &["set", "animate", "animatetransform", "animatemotion", "animatecolor"];

/// Why an SVG is refused; each message completes "the SVG image …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SvgRefusal {
    /// Not UTF-8 or not well-formed XML (including too many nodes).
    #[error("is not well-formed ({0})")]
    Malformed(String),
    /// Script, event handlers, script addresses, embedded documents, entity declarations.
    #[error("contains active content ({0})")]
    Active(String),
    /// A reference to anything but the drawing itself or an embedded image.
    #[error("refers to an outside resource ({0})")]
    External(String),
    /// Too many elements once expanded, nested too deep, or an embedded image too large.
    #[error("is too large to draw ({0})")]
    TooLarge(String),
}

/// Refuses an SVG that is active, refers outside itself or is too large to draw (see the module documentation).
pub fn check(bytes: &[u8]) -> Result<(), SvgRefusal> {
    check_nested(bytes, 0)
}

/// [`check`] for a drawing embedded `nesting` levels deep.
fn check_nested(bytes: &[u8], nesting: usize) -> Result<(), SvgRefusal> {
    let text = std::str::from_utf8(bytes).map_err(|_| SvgRefusal::Malformed("not UTF-8".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    // Markup cannot come from a reference, so a literal search finds every entity declaration.
    if text.to_ascii_lowercase().contains("<!entity") {
        return Err(SvgRefusal::Active("an entity declaration".into()));
    }
    let options = ParsingOptions { allow_dtd: true, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    let document = Document::parse_with_options(text, options).map_err(|e| SvgRefusal::Malformed(e.to_string()))?;
    let mut ids = HashMap::new();
    for node in document.descendants().filter(Node::is_element) {
        check_element(node, nesting)?;
        if let Some(id) = node.attribute("id") {
            ids.entry(id).or_insert(node.id());
        }
    }
    let mut expansion = Expansion { document: &document, ids, counted: HashMap::new(), open: HashSet::new() };
    let drawn = expansion.count(document.root_element(), 0)?;
    if drawn > MAX_EXPANDED_ELEMENTS {
        return Err(SvgRefusal::TooLarge(format!("{drawn} elements with its references expanded")));
    }
    Ok(())
}

/// Checks one element: its name, its attributes, and (for `<style>`) its style sheet.
fn check_element(node: Node<'_, '_>, nesting: usize) -> Result<(), SvgRefusal> {
    let name = node.tag_name().name().to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&name.as_str()) {
        return Err(SvgRefusal::Active(format!("a {} element", node.tag_name().name())));
    }
    if ANIMATIONS.contains(&name.as_str())
        && node.attribute("attributeName").is_some_and(|a| a.trim().to_ascii_lowercase().ends_with("href"))
    {
        return Err(SvgRefusal::Active("an animation of a link".into()));
    }
    for attribute in node.attributes() {
        let local = attribute.name().to_ascii_lowercase();
        if local.starts_with("on") {
            return Err(SvgRefusal::Active(format!("an event handler {}", attribute.name())));
        }
        if local == "href" {
            check_reference(attribute.value(), nesting)?;
        } else {
            check_style(attribute.value(), nesting)?;
        }
    }
    if name == "style" {
        let sheet: String = node.children().filter_map(|child| child.text()).collect();
        check_style(&sheet, nesting)?;
    }
    Ok(())
}

/// Checks every `url(…)` of a style sheet or attribute value, and refuses `@import`.
fn check_style(css: &str, nesting: usize) -> Result<(), SvgRefusal> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Err(SvgRefusal::External("a style sheet import".into()));
    }
    let mut from = 0;
    while let Some(at) = lower[from..].find("url(").map(|p| from + p + 4) {
        let end = lower[at..].find(')').map_or(lower.len(), |p| at + p);
        let target = css[at..end].trim().trim_matches(|c| c == '"' || c == '\'');
        check_reference(target, nesting)?;
        from = end;
    }
    Ok(())
}

/// Accepts a reference only to the drawing itself (`#id`) or to an embedded image that passes the checks.
fn check_reference(target: &str, nesting: usize) -> Result<(), SvgRefusal> {
    // Browsers drop ASCII white space and control characters from addresses, so judge what they would see.
    let seen: String = target.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = seen.to_ascii_lowercase();
    if seen.is_empty() || seen.starts_with('#') {
        return Ok(());
    }
    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:text/html") {
        return Err(SvgRefusal::Active(format!("a script address {}", short(&seen))));
    }
    if !lower.starts_with("data:image/") {
        return Err(SvgRefusal::External(short(&seen)));
    }
    check_embedded(&seen, nesting)
}

/// Checks an embedded `data:image/…` image: a raster's declared size, or a drawing's own checks.
fn check_embedded(data_url: &str, nesting: usize) -> Result<(), SvgRefusal> {
    let (head, payload) = data_url.split_once(',').unwrap_or((data_url, ""));
    let head = head.to_ascii_lowercase();
    let bytes = if head.ends_with(";base64") {
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .map_err(|_| SvgRefusal::Malformed("an embedded image is not valid base64".into()))?
    } else {
        percent_decoded(payload)
    };
    if head.starts_with("data:image/svg") {
        if nesting >= MAX_NESTED_SVG {
            return Err(SvgRefusal::TooLarge("drawings embedded too deep".into()));
        }
        return check_nested(&bytes, nesting + 1);
    }
    let (width, height) =
        super::pixel_size(&bytes).ok_or_else(|| SvgRefusal::TooLarge("an embedded image of unknown size".into()))?;
    if u64::from(width) * u64::from(height) > MAX_EMBEDDED_PIXELS {
        return Err(SvgRefusal::TooLarge(format!("an embedded image of {width}×{height} pixels")));
    }
    Ok(())
}

/// The bytes of a percent-encoded (non-base64) data address.
fn percent_decoded(payload: &str) -> Vec<u8> {
    let bytes = payload.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let decoded = (bytes[at] == b'%')
            .then(|| bytes.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                at += 3;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    out
}

/// The start of a reference, for a message.
fn short(reference: &str) -> String {
    let cut: String = reference.chars().take(40).collect();
    if cut.len() < reference.len() { format!("{cut}…") } else { cut }
}

/// Counts the elements a drawing draws with its `<use>` references expanded, each subtree counted once.
struct Expansion<'a, 'input> {
    document: &'a Document<'input>,
    ids: HashMap<&'a str, NodeId>,
    counted: HashMap<NodeId, u64>,
    open: HashSet<NodeId>,
}

impl Expansion<'_, '_> {
    /// The elements drawn for `node` and everything under it or referenced from it (saturating; a reference
    /// cycle counts as too many, as the renderer would refuse it anyway).
    fn count(&mut self, node: Node<'_, '_>, depth: usize) -> Result<u64, SvgRefusal> {
        if depth > MAX_DEPTH {
            return Err(SvgRefusal::TooLarge(format!("elements nested more than {MAX_DEPTH} deep")));
        }
        if let Some(&known) = self.counted.get(&node.id()) {
            return Ok(known);
        }
        if !self.open.insert(node.id()) {
            return Ok(MAX_EXPANDED_ELEMENTS + 1);
        }
        let mut total: u64 = 1;
        for child in node.children().filter(Node::is_element) {
            total = total.saturating_add(self.count(child, depth + 1)?);
            if total > MAX_EXPANDED_ELEMENTS {
                break;
            }
        }
        if node.tag_name().name() == "use"
            && let Some(target) = node.attributes().find(|a| a.name() == "href").map(|a| a.value().trim())
            && let Some(id) = target.strip_prefix('#')
            && let Some(&referenced) = self.ids.get(id)
            && let Some(referenced) = self.document.get_node(referenced)
        {
            total = total.saturating_add(self.count(referenced, depth + 1)?);
        }
        self.open.remove(&node.id());
        self.counted.insert(node.id(), total);
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = r##"<?xml version="1.0"?><!-- logo --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><title>one = 1</title><style>.a { fill: url(#g) }</style><defs><linearGradient id="g"/><circle id="c" r="1"/></defs><a href="#x"><circle r="4" style="fill: url('#g')"/></a><use xlink:href="#c"/></svg>"##;

    /// A 1.5 KB drawing whose eight levels of ten `<use>` references each expand to a hundred million circles.
    fn use_bomb() -> String {
        let mut svg = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg"><defs><circle id="a" r="1"/>"#);
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for level in 1..ids.len() {
            svg.push_str(&format!("<g id=\"{}\">", ids[level]));
            svg.push_str(&format!("<use href=\"#{}\"/>", ids[level - 1]).repeat(10));
            svg.push_str("</g>");
        }
        svg.push_str(r##"</defs><use href="#i"/></svg>"##);
        svg
    }

    /// A PNG header claiming `width`×`height` pixels, base64-encoded in a drawing.
    fn embedding(width: u32, height: u32) -> String {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(b"\x08\x02\0\0\0");
        let data = base64::engine::general_purpose::STANDARD.encode(&png);
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image width="10" height="10" href="data:image/png;base64,{data}"/></svg>"#
        )
    }

    #[test]
    fn clean_drawings_with_a_doctype_internal_references_and_small_images_pass() {
        assert_eq!(check(CLEAN.as_bytes()), Ok(()));
        assert_eq!(check(embedding(2000, 1000).as_bytes()), Ok(()));
    }

    #[test]
    fn active_content_is_refused_even_behind_character_references() {
        for active in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="JavaScript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x09;script:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>"#,
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="x"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="data:text/html,&lt;script&gt;x"><text>x</text></a></svg>"#,
        ] {
            let verdict = check(active.as_bytes());
            assert!(matches!(verdict, Err(SvgRefusal::Active(_))), "{active}: {verdict:?}");
        }
    }

    #[test]
    fn outside_references_are_refused() {
        for external in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/pixel.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="other.svg#x"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://x.example/p.svg#g)"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import 'https://x.example/a.css';</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(&#x68;ttps://x.example/p.svg#g)"/></svg>"#,
        ] {
            let verdict = check(external.as_bytes());
            assert!(matches!(verdict, Err(SvgRefusal::External(_))), "{external}: {verdict:?}");
        }
    }

    #[test]
    fn drawings_too_large_to_draw_are_refused() {
        let bomb = use_bomb();
        assert!(bomb.len() < 1600, "the bomb is small: {} bytes", bomb.len());
        assert!(matches!(check(bomb.as_bytes()), Err(SvgRefusal::TooLarge(_))), "{:?}", check(bomb.as_bytes()));
        let huge = embedding(30_000, 30_000);
        assert!(matches!(check(huge.as_bytes()), Err(SvgRefusal::TooLarge(_))));
        let cycle = r##"<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>"##;
        assert!(matches!(check(cycle.as_bytes()), Err(SvgRefusal::TooLarge(_))));
        let deep =
            format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{}{}</svg>"#, "<g>".repeat(400), "</g>".repeat(400));
        assert!(matches!(check(deep.as_bytes()), Err(SvgRefusal::TooLarge(_))));
    }

    #[test]
    fn malformed_drawings_are_refused() {
        assert!(matches!(check(b"<svg><g></svg>"), Err(SvgRefusal::Malformed(_))));
        assert!(matches!(check(b"<svg>\xff\xfe</svg>"), Err(SvgRefusal::Malformed(_))));
    }
}
