//! Stage 1a of [`super::extract`]: the page without what no later stage reads and the parser would otherwise
//! tokenise one character at a time: the bodies of its scripts and style sheets, and the `data-*` attributes that
//! no stage reads. On the pages people read the bodies are about half of the bytes and the `data-*` attributes a
//! tenth of the rest, and parsing is more than half of an extraction's work.
//!
//! A script or style sheet is found as the parser would find it: a light scan follows the tokeniser's states that
//! decide where a tag starts (text, tags and their quoted attribute values, comments, and the raw text of `<title>`,
//! `<textarea>`, `<iframe>`, `<noscript>` and the like), so that a `<script>` inside a comment, an attribute or a
//! text area stays as it is. Only the body between a start tag and its end tag is left out; the elements themselves
//! stay, so the tree has the same elements with or without this stage. A JSON-LD script keeps its body (the
//! metadata stage reads it), and the `data-*` attributes of lazily loaded images stay ([`h::LAZY_SRC_ATTRS`],
//! [`h::SRCSET_ATTRS`]: the only ones any stage reads). Wherever the scan could part from the parser (a script
//! holding `<!--`, whose end the tokeniser's escape states decide; a CDATA section; `<plaintext>`) it stops and
//! leaves the rest of the page as it is. Pure; never panics on any input.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use crate::heuristics as h;

/// Elements whose content the tokeniser reads as raw text (or as text with character references) up to their own
/// end tag, with scripting on as in a browser.
const RAW_TEXT_ELEMENTS: &[&[u8]] =
    &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];

/// The `type` of the scripts whose body the metadata stage reads (compared without case, spaces trimmed).
const KEPT_SCRIPT_TYPE: &str = "application/ld+json";

/// `page` without the bodies of its scripts (but its JSON-LD) and style sheets and without the `data-*` attributes
/// no stage reads; borrowed when it has none of them.
pub fn without_unread_parts(page: &str) -> Cow<'_, str> {
    let cuts = unread_parts(page.as_bytes());
    if cuts.is_empty() {
        return Cow::Borrowed(page);
    }
    let mut kept = String::with_capacity(page.len() - cuts.iter().map(|(start, end)| end - start).sum::<usize>());
    let mut from = 0;
    for (start, end) in cuts {
        // Every cut starts and ends next to an ASCII byte (`>`, `<`, a quote, a space): character boundaries.
        kept.push_str(page.get(from..start).unwrap_or_default());
        from = end;
    }
    kept.push_str(page.get(from..).unwrap_or_default());
    Cow::Owned(kept)
}

/// The byte ranges to leave out (the unread attributes of a tag, then the body it may open), in order.
fn unread_parts(page: &[u8]) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', page.get(at..).unwrap_or_default()) {
        let open = at + offset;
        match markup_at(page, open) {
            Markup::Text => at = open + 1,
            Markup::Skip(end) => at = end,
            Markup::Stop => break,
            Markup::StartTag { name, end, script_type, unread_attributes } => {
                at = end;
                cuts.extend(unread_attributes);
                if !RAW_TEXT_ELEMENTS.iter().any(|raw| raw.eq_ignore_ascii_case(name)) {
                    continue;
                }
                // Raw text runs to the element's own end tag; without one, the rest of the page is its text.
                let Some(close) = end_tag(page, end, name) else { break };
                let script = name.eq_ignore_ascii_case(b"script");
                if script && memmem::find(page.get(end..close).unwrap_or_default(), b"<!--").is_some() {
                    break;
                }
                let read = script
                    && script_type.is_some_and(|t| t.contains('&') || t.trim().eq_ignore_ascii_case(KEPT_SCRIPT_TYPE));
                if (script || name.eq_ignore_ascii_case(b"style")) && !read && close > end {
                    cuts.push((end, close));
                }
                at = close;
            }
        }
    }
    cuts
}

/// What starts at a `<`.
enum Markup<'a> {
    /// Text: the `<` begins no markup.
    Text,
    /// Markup (a comment, an end tag, a declaration) that ends before this offset.
    Skip(usize),
    /// A start tag named `name` that ends before `end`, with its `type` attribute's value and the byte ranges of
    /// its unread `data-*` attributes (name and value).
    StartTag { name: &'a [u8], end: usize, script_type: Option<&'a str>, unread_attributes: Vec<(usize, usize)> },
    /// Markup the scan does not follow as the parser would; the rest of the page is left as it is.
    Stop,
}

/// What the `<` at `open` begins.
fn markup_at(page: &[u8], open: usize) -> Markup<'_> {
    let rest = page.get(open + 1..).unwrap_or_default();
    match rest.first() {
        Some(b'!') if rest.starts_with(b"!--") => comment_end(page, open + 4).map_or(Markup::Stop, Markup::Skip),
        Some(b'!') if rest.starts_with(b"![CDATA[") => Markup::Stop,
        Some(b'!' | b'?') => past_next_gt(page, open + 1),
        Some(b'/') => match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => match tag_end(page, open + 2) {
                Some(tag) => Markup::Skip(tag.end),
                None => Markup::Stop,
            },
            Some(b'>') => Markup::Skip(open + 3),
            Some(_) => past_next_gt(page, open + 2),
            None => Markup::Stop,
        },
        Some(c) if c.is_ascii_alphabetic() => {
            let name_end =
                rest.iter().position(|&c| is_space(c) || c == b'/' || c == b'>').map_or(page.len(), |p| open + 1 + p);
            let name = page.get(open + 1..name_end).unwrap_or_default();
            if name.eq_ignore_ascii_case(b"plaintext") {
                return Markup::Stop;
            }
            match tag_end(page, name_end) {
                Some(Tag { end, script_type, unread_attributes }) => {
                    Markup::StartTag { name, end, script_type, unread_attributes }
                }
                None => Markup::Stop,
            }
        }
        _ => Markup::Text,
    }
}

/// A bogus comment or a declaration: past the next `>`.
fn past_next_gt(page: &[u8], from: usize) -> Markup<'_> {
    match memchr(b'>', page.get(from..).unwrap_or_default()) {
        Some(offset) => Markup::Skip(from + offset + 1),
        None => Markup::Stop,
    }
}

/// The end of a comment whose text starts at `from` (after `<!--`): `<!-->` and `<!--->` end at once, any other at
/// the next `-->` or `--!>`.
fn comment_end(page: &[u8], from: usize) -> Option<usize> {
    let text = page.get(from..).unwrap_or_default();
    if text.starts_with(b">") {
        return Some(from + 1);
    }
    if text.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = 0;
    while let Some(offset) = memmem::find(text.get(at..).unwrap_or_default(), b"--") {
        let dashes = at + offset;
        let after = text.get(dashes + 2..).unwrap_or_default();
        if after.starts_with(b">") {
            return Some(from + dashes + 3);
        }
        if after.starts_with(b"!>") {
            return Some(from + dashes + 4);
        }
        at = dashes + 1;
    }
    None
}

/// What the scan learns of a tag: where it ends (past its `>`), the value of its first `type` attribute, and the
/// byte ranges of its `data-*` attributes that no stage reads.
struct Tag<'a> {
    end: usize,
    script_type: Option<&'a str>,
    unread_attributes: Vec<(usize, usize)>,
}

/// The tag whose attributes start at `from` (after its name); `None` when the page ends inside it. Values in quotes
/// may hold `>`.
fn tag_end(page: &[u8], from: usize) -> Option<Tag<'_>> {
    let mut at = from;
    let mut script_type = None;
    let mut unread_attributes = Vec::new();
    loop {
        let c = *page.get(at)?;
        if is_space(c) || c == b'/' {
            at += 1;
            continue;
        }
        if c == b'>' {
            return Some(Tag { end: at + 1, script_type, unread_attributes });
        }
        // An attribute's name: its first character is taken as it is (even `=`), then up to a space, `/`, `>`, `=`.
        let name_start = at;
        at += 1;
        while page.get(at).is_some_and(|&c| !(is_space(c) || c == b'/' || c == b'>' || c == b'=')) {
            at += 1;
        }
        let name = page.get(name_start..at).unwrap_or_default();
        let unread = is_unread_attribute(name);
        let name_end = at;
        while page.get(at).is_some_and(|&c| is_space(c)) {
            at += 1;
        }
        if page.get(at) != Some(&b'=') {
            if unread {
                unread_attributes.push((name_start, name_end));
            }
            continue;
        }
        at += 1;
        while page.get(at).is_some_and(|&c| is_space(c)) {
            at += 1;
        }
        let (value_start, value_end) = match *page.get(at)? {
            quote @ (b'"' | b'\'') => {
                let start = at + 1;
                let end = start + memchr(quote, page.get(start..)?)?;
                at = end + 1;
                (start, end)
            }
            b'>' => {
                if unread {
                    unread_attributes.push((name_start, at));
                }
                continue;
            }
            _ => {
                let start = at;
                while page.get(at).is_some_and(|&c| !(is_space(c) || c == b'>')) {
                    at += 1;
                }
                (start, at)
            }
        };
        if unread {
            unread_attributes.push((name_start, at));
        }
        if script_type.is_none() && name.eq_ignore_ascii_case(b"type") {
            script_type = page.get(value_start..value_end).and_then(|v| std::str::from_utf8(v).ok());
        }
    }
}

/// Whether the attribute `name` is a `data-*` attribute that no stage reads (all but those of lazy images).
fn is_unread_attribute(name: &[u8]) -> bool {
    name.len() > 5
        && name.get(..5).is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"data-"))
        && !h::LAZY_SRC_ATTRS.iter().chain(h::SRCSET_ATTRS).any(|kept| kept.as_bytes().eq_ignore_ascii_case(name))
}

/// Where the end tag of the raw-text element `name` whose text starts at `from` begins: the first `</name` followed
/// by a space, `/` or `>` (the tokeniser's "appropriate end tag").
fn end_tag(page: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let offset = memmem::find(page.get(at..)?, b"</")?;
        let open = at + offset;
        let after = page.get(open + 2..).unwrap_or_default();
        if after.len() > name.len()
            && after.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && after.get(name.len()).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(open);
        }
        at = open + 2;
    }
}

/// The tokeniser's white space (a carriage return counts: the parser reads it as a line feed).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(page: &str) -> String {
        without_unread_parts(page).into_owned()
    }

    #[test]
    fn script_and_style_bodies_go_and_their_elements_stay() {
        assert_eq!(
            cut(
                "<head><style>p { color: red }</style><script src=a.js></script></head><body><p>Hi</p><script>if (a < b) { x('</p>') }</script>"
            ),
            "<head><style></style><script src=a.js></script></head><body><p>Hi</p><script></script>"
        );
        assert_eq!(
            cut("<SCRIPT type=text/javascript>x()</SCRIPT ><p>a</p>"),
            "<SCRIPT type=text/javascript></SCRIPT ><p>a</p>"
        );
        // Nothing to leave out: the page itself comes back.
        assert!(matches!(without_unread_parts("<p>plain</p>"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_ld_keeps_its_body() {
        let page = r#"<script type=" Application/LD+JSON ">{"@type":"Article"}</script><script>x()</script>"#;
        assert_eq!(cut(page), r#"<script type=" Application/LD+JSON ">{"@type":"Article"}</script><script></script>"#);
    }

    #[test]
    fn a_script_tag_in_text_a_comment_or_an_attribute_is_no_script() {
        for page in [
            "<!-- <script> --><p>a</p><!-- </script> -->",
            "<textarea><script>kept</script></textarea>",
            "<title><style>kept</style></title>",
            r#"<div title="<script>kept</script>">x</div>"#,
            "<noscript><style>kept</style></noscript>",
            "<p>1 <script 2</p>",
        ] {
            assert_eq!(cut(page), page);
        }
    }

    #[test]
    fn a_quoted_gt_does_not_end_a_tag() {
        assert_eq!(cut(r#"<script data-x="a>b" src=c>x()</script>"#), r#"<script  src=c></script>"#);
        assert_eq!(cut(r#"<p title="a>b data-x=1">x</p>"#), r#"<p title="a>b data-x=1">x</p>"#);
    }

    #[test]
    fn data_attributes_go_but_those_of_lazy_images() {
        assert_eq!(
            cut(
                r#"<div data-id="7" class=a data-x='a>b' DATA-FLAG data-n = 3>x</div><img data-src=/a.jpg data-track=1>"#
            ),
            r#"<div  class=a   >x</div><img data-src=/a.jpg >"#
        );
        // An unquoted value ends at a space or `>`; without a value the name alone goes; `data-` alone is no name.
        assert_eq!(cut("<a href=/x data-a=b/c>y</a><p data->z</p>"), "<a href=/x >y</a><p data->z</p>");
        assert_eq!(cut("<p data-x=>z</p>"), "<p >z</p>");
        // Attributes of end tags are no attributes of any element: they stay as written.
        assert_eq!(cut("<p>z</p data-x=1>"), "<p>z</p data-x=1>");
    }

    #[test]
    fn the_parsed_tree_keeps_every_attribute_a_stage_reads() {
        let page = r#"<body><figure data-component="media" class="wide"><img src="blank.gif" data-src="/a.jpg"
            data-srcset="/a.jpg 1x, /b.jpg 2x" data-lazy-src="/c.jpg" data-analytics='{"a":1}' alt="A"></figure>
            <p data-block-key=x1 id=p1 style="color:red" hidden>Text</p></body>"#;
        let attributes = |page: &str| {
            let doc = scraper::Html::parse_document(page);
            doc.tree
                .nodes()
                .filter_map(|n| n.value().as_element())
                .map(|el| el.attrs().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        let before = attributes(page);
        let read_before: Vec<Vec<String>> = before
            .iter()
            .map(|attrs| attrs.iter().filter(|a| !a.starts_with("data-") || is_kept(a)).cloned().collect())
            .collect();
        assert_eq!(attributes(&cut(page)), read_before);
        assert!(read_before.iter().flatten().any(|a| a == "data-srcset=/a.jpg 1x, /b.jpg 2x"));
        assert!(!read_before.iter().flatten().any(|a| a.starts_with("data-analytics")));
    }

    fn is_kept(attribute: &str) -> bool {
        let name = attribute.split('=').next().unwrap_or_default();
        h::LAZY_SRC_ATTRS.contains(&name) || h::SRCSET_ATTRS.contains(&name)
    }

    #[test]
    fn where_the_scan_could_part_from_the_parser_it_stops() {
        // A script holding a comment (the tokeniser's escape states), a CDATA section, plaintext, an unclosed script.
        for page in [
            "<script><!-- x('<script>'); --></script><style>a</style>",
            "<svg><![CDATA[ <style> ]]></svg><style>a</style>",
            "<plaintext><style>a</style>",
            "<script>x()",
        ] {
            assert_eq!(cut(page), page);
        }
        // A comment ended early as the parser ends it: what follows is scanned again.
        assert_eq!(cut("<!--><style>a</style>"), "<!--><style></style>");
        assert_eq!(cut("<!-- a --!><style>a</style>"), "<!-- a --!><style></style>");
    }

    #[test]
    fn the_parsed_tree_keeps_its_text_without_the_bodies() {
        let page = "<html><head><style>.a{}</style><script>var s = '<p>no</p>';</script></head>\
                    <body><p>Yes <b>bold</b></p><script type=application/ld+json>{}</script></body></html>";
        let before = scraper::Html::parse_document(page);
        let after = scraper::Html::parse_document(&cut(page));
        let text = |doc: &scraper::Html| {
            let p = scraper::Selector::parse("p, script[type]").expect("a selector");
            doc.select(&p).map(|e| e.text().collect::<String>()).collect::<Vec<_>>()
        };
        assert_eq!(text(&before), text(&after));
        assert_eq!(
            before.tree.nodes().filter(|n| n.value().is_element()).count(),
            after.tree.nodes().filter(|n| n.value().is_element()).count()
        );
    }

    #[test]
    fn a_headline_styled_from_inside_reads_as_its_words() {
        // CSS-in-JS writes a `<style>` into the heading it styles: its rules are no words of the headline.
        let rules = ".css-1a8e5pi{cursor:pointer;display:inline-block;font-weight:700;}".repeat(8);
        let page = format!(
            "<html><head><title>Quay Cream - Harbour Goods | Shop</title></head><body><h1><style>{rules}</style>\
             <a href=/brand>Harbour Goods</a> <span>Quay Cream</span></h1><p>{}</p></body></html>",
            "A cream for the hands of those who work the quay, in winter and in summer. ".repeat(12)
        );
        let url = url::Url::parse("https://shop.example/p/1").expect("an address");
        let article = crate::extract(&page, &url).expect("an article");
        assert_eq!(article.title, "Harbour Goods Quay Cream");
    }
}
