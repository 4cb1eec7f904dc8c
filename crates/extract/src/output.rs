//! The article body in its output forms: sanitised HTML (an allow-list applied by ammonia) and GitHub-flavoured
//! Markdown (htmd). Pure; never panics on any input.
//!
//! What may pass the sanitiser is listed once below ([`ARTICLE_TAGS`], [`ARTICLE_ATTRIBUTES`], [`URL_SCHEMES`]);
//! everything else is dropped, and the elements in [`DROPPED_WITH_CONTENT`] lose their content too.

use htmd::element_handler::HandlerResult;
use std::collections::{HashMap, HashSet};
use url::Url;

/// Tags an article body keeps. `picture`, `source`, `div`, `span` and the like are unwrapped (their content stays).
pub const ARTICLE_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "pre",
    "code",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "br",
    "hr",
    "dl",
    "dt",
    "dd",
    "time",
    "abbr",
    "cite",
    "q",
];

/// Attributes kept, per tag; `title` is kept on every tag ([`GENERIC_ATTRIBUTES`]).
pub const ARTICLE_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "alt"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("time", &["datetime"]),
];

/// Attributes kept on any allowed tag.
pub const GENERIC_ATTRIBUTES: &[&str] = &["title"];

/// URL schemes a link or image may use; `javascript:`, `data:`, `vbscript:` and the rest are dropped.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// `rel` put on every kept link.
pub const LINK_REL: &str = "noopener noreferrer nofollow";

/// Elements removed together with everything inside them: code, embedded documents, forms and their controls,
/// and `<noscript>` (the body stage has already taken its image copies out).
pub const DROPPED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "form",
    "input",
    "textarea",
    "select",
    "button",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "canvas",
    "audio",
    "video",
    "title",
    "head",
    "xmp",
    "plaintext",
    "dialog",
];

/// Sanitised HTML nested deeper than this is turned into Markdown from its text alone: the Markdown converter
/// walks the tree recursively, and a hostile page must not overflow the stack.
pub const MAX_MARKDOWN_NESTING: usize = 256;

/// Sanitises article HTML with an allow-list: no scripts, event handlers, iframes, forms, style attributes,
/// `javascript:` or `data:` links; links and images made absolute against `base`.
pub fn sanitise_html(html: &str, base: &Url) -> String {
    SANITISER.with(|sanitiser| {
        let mut sanitiser = sanitiser.borrow_mut();
        sanitiser.url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()));
        sanitiser.clean(html).to_string()
    })
}

thread_local! {
    /// The sanitiser with the allow-list, made once per thread (building its sets costs as much as cleaning a short
    /// article); each page sets its own base address before cleaning.
    static SANITISER: std::cell::RefCell<ammonia::Builder<'static>> = std::cell::RefCell::new(sanitiser());

    /// The Markdown converter with its options and handlers, made once per thread: it keeps nothing from one
    /// conversion to the next.
    static CONVERTER: htmd::HtmlToMarkdown = converter();
}

/// The allow-list sanitiser of [`sanitise_html`], before a page's base address is set.
fn sanitiser() -> ammonia::Builder<'static> {
    let tag_attributes: HashMap<&str, HashSet<&str>> =
        ARTICLE_ATTRIBUTES.iter().map(|(tag, attrs)| (*tag, attrs.iter().copied().collect())).collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ARTICLE_TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    builder
}

/// The converter of [`to_markdown`].
fn converter() -> htmd::HtmlToMarkdown {
    htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            heading_style: htmd::options::HeadingStyle::Atx,
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            code_block_style: htmd::options::CodeBlockStyle::Fenced,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .skip_tags(DROPPED_WITH_CONTENT.to_vec())
        .add_handler(vec!["img"], image_markdown)
        .build()
}

/// Converts sanitised article HTML to GitHub-flavoured Markdown: headings in ATX style, `-` bullets, fenced code,
/// tables as pipe tables.
pub fn to_markdown(clean_html: &str) -> String {
    if nesting_depth(clean_html) > MAX_MARKDOWN_NESTING {
        return text_paragraphs(clean_html);
    }
    // The converter works in memory; an error would be a bug in it, and the text is the best we can still give.
    CONVERTER
        .with(|converter| converter.convert(clean_html))
        .map(|md| md.trim().to_string())
        .unwrap_or_else(|_| text_paragraphs(clean_html))
}

/// An image as Markdown, with its alt text and title escaped so that they cannot close the image early and smuggle
/// in a link of their own (htmd's own handler leaves `]` in alt text as it is). An image without `src` is dropped.
fn image_markdown(_: &dyn htmd::element_handler::Handlers, element: htmd::Element) -> Option<HandlerResult> {
    let attr = |name: &str| {
        element
            .attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let src = attr("src").filter(|s| !s.is_empty())?;
    let escape = |text: String, special: &[char]| {
        text.chars().fold(String::new(), |mut out, c| {
            if special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    let alt = escape(attr("alt").unwrap_or_default(), &['\\', '[', ']']);
    let src = escape(src.replace(' ', "%20").replace('<', "%3C").replace('>', "%3E"), &['(', ')']);
    let title = attr("title").filter(|t| !t.is_empty()).map(|t| format!(" \"{}\"", escape(t, &['\\', '"'])));
    Some(format!("![{alt}]({src}{})", title.unwrap_or_default()).into())
}

/// The deepest nesting of elements in well-formed (serialised) HTML, found by counting tags without building a
/// tree. Void elements (`br`, `img`, `hr`) do not nest.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &["br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "base"];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let after_slashes = rest.trim_start_matches('/');
        let name_len = after_slashes.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = after_slashes.get(..name_len).unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.iter().any(|void| void.eq_ignore_ascii_case(name)) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The text of `html`, one paragraph per text run, escaped where Markdown would read it as markup (so that text such
/// as `<script>` stays text; [`crate::markdown_escape`]): the fallback Markdown for pages the converter cannot take.
fn text_paragraphs(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let runs: Vec<String> = fragment
        .root_element()
        .text()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .map(|t| crate::markdown_escape::escape(&t, crate::markdown_escape::Context::LineStart))
        .collect();
    runs.join("\n\n")
}

/// `text` escaped for HTML text content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example.org/world/2020/story.html").expect("test URL is valid")
    }

    #[test]
    fn nesting_is_measured_on_tag_names_as_written() {
        let old = |html: &str| {
            const VOID: &[&str] = &["br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "base"];
            let (mut depth, mut deepest) = (0usize, 0usize);
            let mut rest = html;
            while let Some(at) = rest.find('<') {
                rest = &rest[at + 1..];
                let closing = rest.starts_with('/');
                let name: String = rest
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name.is_empty() {
                    continue;
                }
                if closing {
                    depth = depth.saturating_sub(1);
                } else if !VOID.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            deepest
        };
        for html in [
            "",
            "<p>a</p>",
            "<div><DIV><Br><IMG src=x><p>x</p></DIV></div>",
            "<ul><li>a<li>b</ul>< p>",
            "<//p><h1x>é<日本>",
            "<a><b><c><d></d></c></b></a><hr><HR/><source>",
        ] {
            assert_eq!(nesting_depth(html), old(html), "{html:?}");
        }
    }

    /// Asserts that none of the dangerous fragments survive sanitising `html`.
    fn assert_inert(html: &str) -> String {
        let clean = sanitise_html(html, &base());
        let lower = clean.to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "onerror",
            "onload",
            "onclick",
            "<iframe",
            "<form",
            "<input",
            "<svg",
            "style=",
            "expression(",
            "data:",
            "<object",
            "<embed",
            "vbscript:",
            "alert(",
        ] {
            assert!(!lower.contains(bad), "{bad:?} survived in {clean:?} (from {html:?})");
        }
        clean
    }

    #[test]
    fn scripts_and_their_text_are_removed() {
        let clean = assert_inert("<p>Before</p><script>alert(1)</script><p>After</p>");
        assert_eq!(clean, "<p>Before</p><p>After</p>");
    }

    #[test]
    fn event_handlers_and_style_are_removed() {
        let clean = assert_inert(
            r#"<p style="width: expression(alert(1))" onclick="alert(1)">Text</p><img src="/a.jpg" onerror="alert(1)" alt="A">"#,
        );
        assert_eq!(clean, r#"<p>Text</p><img src="https://news.example.org/a.jpg" alt="A">"#);
    }

    #[test]
    fn javascript_and_data_links_lose_their_url() {
        let clean = assert_inert(
            r#"<a href="javascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a><img src="data:image/png;base64,AAAA"><a href="vbscript:msgbox">z</a>"#,
        );
        assert!(!clean.contains("href"), "{clean}");
    }

    #[test]
    fn svg_with_script_iframes_and_forms_are_removed_with_their_content() {
        let clean = assert_inert(
            r#"<p>Keep</p><svg><script>alert(1)</script><circle onload="alert(1)"/></svg>
            <iframe src="https://evil.example/"><p>fallback</p></iframe>
            <form action="/post"><label>Name</label><input name="n"><textarea>Add comment</textarea><button>Send</button></form>
            <math><mi xlink:href="javascript:alert(1)">x</mi></math><object data="x.swf"></object><embed src="x.swf">
            <style>p { color: red }</style>"#,
        );
        assert!(clean.contains("<p>Keep</p>"));
        for gone in ["fallback", "Add comment", "Send", "color: red"] {
            assert!(!clean.contains(gone), "{gone:?} kept in {clean:?}");
        }
    }

    #[test]
    fn links_are_absolute_and_get_rel() {
        let clean = sanitise_html(r#"<a href="../other.html" class="x" target="_blank" rel="me">Other</a>"#, &base());
        assert_eq!(
            clean,
            r#"<a href="https://news.example.org/world/other.html" rel="noopener noreferrer nofollow">Other</a>"#
        );
        let clean = sanitise_html(r#"<a href="mailto:desk@example.org">Mail</a>"#, &base());
        assert!(clean.contains(r#"href="mailto:desk@example.org""#));
    }

    #[test]
    fn article_structure_is_kept_and_wrappers_unwrapped() {
        let clean = sanitise_html(
            r#"<div class="entry-content"><h2 id="x">Sub</h2><figure><picture><source srcset="a.webp">
            <img src="a.jpg" alt="Alt" width="10"></picture><figcaption>Cap</figcaption></figure>
            <table><tr><th colspan="2" style="x">H</th></tr><tr><td rowspan="1">1</td></tr></table>
            <blockquote><p>Quote</p></blockquote><pre><code>let x = 1;</code></pre>
            <time datetime="2020-01-01" pubdate>Jan</time><span>inline</span></div>"#,
            &base(),
        );
        for kept in [
            "<h2>Sub</h2>",
            r#"<img src="https://news.example.org/world/2020/a.jpg" alt="Alt">"#,
            "<figcaption>Cap</figcaption>",
            r#"<th colspan="2">H</th>"#,
            r#"<td rowspan="1">1</td>"#,
            "<blockquote>",
            "<pre><code>let x = 1;</code></pre>",
            r#"<time datetime="2020-01-01">Jan</time>"#,
        ] {
            assert!(clean.contains(kept), "{kept:?} missing from {clean:?}");
        }
        for gone in ["<div", "<picture", "<source", "<span", "class=", "id=", "width="] {
            assert!(!clean.contains(gone), "{gone:?} kept in {clean:?}");
        }
    }

    #[test]
    fn markdown_keeps_tables_lists_quotes_images_and_code() {
        let clean = sanitise_html(
            r#"<h2>Results</h2><p>Intro with <a href="/x">a link</a> and <em>stress</em>.</p>
            <ul><li>One</li><li>Two</li></ul><ol><li>First</li></ol><blockquote><p>Said so.</p></blockquote>
            <img src="/p.jpg" alt="Photo"><pre><code>fn main() {}</code></pre>
            <table><thead><tr><th>Party</th><th>Seats</th></tr></thead><tbody><tr><td>Green</td><td>12</td></tr></tbody></table>"#,
            &base(),
        );
        let md = to_markdown(&clean);
        for kept in [
            "## Results",
            "[a link](https://news.example.org/x)",
            "*stress*",
            "- One",
            "1. First",
            "> Said so.",
            "![Photo](https://news.example.org/p.jpg)",
            "```\nfn main() {}\n```",
            "| Party | Seats |",
            "| ----- | ----- |",
            "| Green | 12",
        ] {
            assert!(md.contains(kept), "{kept:?} missing from markdown:\n{md}");
        }
    }

    #[test]
    fn markdown_cannot_be_broken_out_of() {
        let clean = sanitise_html(
            r#"<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>
            <img src="/a (1).jpg" alt="](javascript:alert(1))" title='say "hi"'><img alt="no source">
            <a href="https://x.test/a) [y](javascript:alert(1)">t</a>"#,
            &base(),
        );
        let md = to_markdown(&clean);
        assert!(md.contains(r"\<script>"), "{md}");
        assert!(md.contains(r"\[x\](javascript:alert(1))"), "{md}");
        assert!(
            md.contains(r#"![\](javascript:alert(1))](https://news.example.org/a%20\(1\).jpg "say \"hi\"")"#),
            "{md}"
        );
        assert!(!md.contains("no source"), "{md}");
        // Every "](javascript:" left is escaped text, never the start of a link target.
        assert!(!md.match_indices("](javascript:").any(|(at, _)| !md[..at].ends_with('\\')), "{md}");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let deep = format!("{}deep text{}", "<blockquote>".repeat(10_000), "</blockquote>".repeat(10_000));
        let clean = sanitise_html(&deep, &base());
        let md = to_markdown(&clean);
        assert!(md.contains("deep text"));
        let hostile = format!("{}&lt;script&gt;x{}", "<blockquote>".repeat(1_000), "</blockquote>".repeat(1_000));
        assert_eq!(to_markdown(&sanitise_html(&hostile, &base())), r"\<script>x");
        let divs = format!("{}x{}", "<div><span>".repeat(10_000), "</span></div>".repeat(10_000));
        assert_eq!(sanitise_html(&divs, &base()), "x");
    }

    #[test]
    fn empty_and_broken_input() {
        assert_eq!(sanitise_html("", &base()), "");
        assert_eq!(to_markdown(""), "");
        let _ = to_markdown(&sanitise_html("<p><b><i>unclosed <a href='", &base()));
    }
}
