//! Notes from Markdown to HTML: [`render_note`], the one renderer of notes, for the reader (through the desktop
//! shell) and the PDF (whose blocks are made from this HTML as from an article's).
//!
//! Stages: 1. pulldown-cmark parses the note as CommonMark with GitHub's tables, strikethrough and task lists;
//! 2. the events are adjusted (below); 3. pulldown-cmark writes HTML; 4. the article sanitiser
//! (`extract::output::sanitise_html`, the same allow-list, URL schemes and link `rel`) decides what stays. Never
//! trusted to be safe before stage 4.
//!
//! The adjustments of stage 2: HTML typed in a note is shown as the text it is, never as markup (as before, in the
//! window's own renderer); a line break is kept as a line break (notes are typed, not wrapped); headings go two
//! levels down (`#` is an `h3`), since a note sits under the clipping's own headings; strikethrough is written as
//! `<s>` and task-list boxes as ☐ and ☑, which the article allow-list keeps (it has no `del` or `input`).

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use url::Url;

use crate::extract::output::sanitise_html;

/// The address notes are resolved against. A note has no address of its own, and this one cannot be a base: a
/// relative link such as `[x](page.html)` loses its target (its text stays), and only a bare `#fragment` resolves,
/// to an address that goes nowhere.
static NOTE_BASE: LazyLock<Url> = LazyLock::new(|| Url::parse("about:blank").expect("a constant address parses"));

/// Levels a note's headings go down.
const HEADING_SHIFT: usize = 2;

/// The Markdown extensions notes are read with.
const NOTE_OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_TASKLISTS);

/// A note's Markdown as sanitised HTML, safe to show and to turn into PDF blocks.
pub fn render_note(markdown: &str) -> String {
    // 1.–2. Parse and adjust.
    let events = Parser::new_ext(markdown, NOTE_OPTIONS).map(adjust);
    // 3. Write HTML.
    let mut html = String::with_capacity(markdown.len() * 3 / 2 + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    // 4. The article allow-list decides.
    sanitise_html(&html, &NOTE_BASE)
}

/// One event as notes show it (see the module's documentation).
fn adjust(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::SoftBreak => Event::HardBreak,
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: lower(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Strikethrough) => Event::InlineHtml(CowStr::Borrowed("<s>")),
        Event::End(TagEnd::Strikethrough) => Event::InlineHtml(CowStr::Borrowed("</s>")),
        Event::TaskListMarker(done) => Event::Text(CowStr::Borrowed(if done { "☑ " } else { "☐ " })),
        other => other,
    }
}

/// A heading level [`HEADING_SHIFT`] further down, at most `h6`.
fn lower(level: HeadingLevel) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + HEADING_SHIFT).min(6)).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_emphasis_code_and_headings() {
        assert_eq!(
            render_note("For **Monday** and *Tuesday*, see `x`"),
            "<p>For <strong>Monday</strong> and <em>Tuesday</em>, see <code>x</code></p>\n"
        );
        assert_eq!(render_note("# Title\n\nline one\nline two"), "<h3>Title</h3>\n<p>line one<br>\nline two</p>\n");
        assert_eq!(render_note("###### Deep"), "<h6>Deep</h6>\n");
        assert_eq!(render_note("~~gone~~"), "<p><s>gone</s></p>\n");
    }

    #[test]
    fn lists_nest() {
        let html = render_note("- one\n  - one a\n  - one b\n- two\n\n1. first\n2. second\n   1. second i");
        assert_eq!(
            html,
            "<ul>\n<li>one\n<ul>\n<li>one a</li>\n<li>one b</li>\n</ul>\n</li>\n<li>two</li>\n</ul>\n\
             <ol>\n<li>first</li>\n<li>second\n<ol>\n<li>second i</li>\n</ol>\n</li>\n</ol>\n"
        );
        let tasks = render_note("- [x] done\n- [ ] to do");
        assert_eq!(tasks, "<ul>\n<li>☑ done</li>\n<li>☐ to do</li>\n</ul>\n");
    }

    #[test]
    fn tables_keep_their_cells_but_not_their_styles() {
        let html = render_note("| Name | Votes |\n|:-----|------:|\n| Kim | 12 |\n| Lee | 9 |");
        assert!(html.starts_with("<table><thead><tr><th>Name</th><th>Votes</th></tr></thead><tbody>"), "{html}");
        assert!(html.contains("<tr><td>Kim</td><td>12</td></tr>"), "{html}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn code_blocks_stay_text() {
        let html = render_note("```rust\nlet x = \"<b>\";\n```");
        assert_eq!(html, "<pre><code>let x = \"&lt;b&gt;\";\n</code></pre>\n");
    }

    #[test]
    fn links_are_web_or_mail_addresses_with_the_articles_rel() {
        assert_eq!(
            render_note("[src](https://a.example/x)"),
            "<p><a href=\"https://a.example/x\" rel=\"noopener noreferrer nofollow\">src</a></p>\n"
        );
        assert!(render_note("<https://a.example/auto>").contains("href=\"https://a.example/auto\""));
        assert!(render_note("[me](mailto:me@example.org)").contains("href=\"mailto:me@example.org\""));
        for hostile in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#115;cript:alert(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "[x](vbscript:msgbox)",
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
        ] {
            let html = render_note(hostile);
            assert!(!html.to_lowercase().contains("href=\"javascript"), "{hostile}: {html}");
            assert!(!html.contains("href=\"data:") && !html.contains("href=\"vbscript:"), "{hostile}: {html}");
        }
        // A note has no address, so a relative link keeps its text and loses its target.
        assert_eq!(render_note("[x](page.html)"), "<p><a rel=\"noopener noreferrer nofollow\">x</a></p>\n");
        // No way out of the attribute.
        let html = render_note("[x](https://a.example/\"onmouseover=\"alert(1))");
        assert!(!html.contains("onmouseover=\""), "{html}");
    }

    #[test]
    fn typed_html_is_shown_as_text_and_never_runs() {
        let html = render_note("<script>alert(1)</script>\n\nHello <img src=x onerror=alert(2)> <b>bold?</b>");
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;b&gt;bold?&lt;/b&gt;"), "{html}");
        let html = render_note("<div onclick=\"x()\">\n*not emphasis*\n</div>");
        assert!(!html.contains("<div") && !html.contains("<em>"), "an HTML block is text: {html}");
        assert!(!render_note("<!-- hidden -->").contains("<!--"));
    }

    #[test]
    fn commonmark_edge_cases() {
        // A backslash escapes punctuation only; a digit and a dot without a space make no list.
        assert_eq!(render_note("\\*not\\* \\1"), "<p>*not* \\1</p>\n");
        assert_eq!(render_note("10 Tips"), "<p>10 Tips</p>\n");
        assert_eq!(render_note("3.14"), "<p>3.14</p>\n");
        // Intraword underscores do not emphasise; asterisks do.
        assert_eq!(
            render_note("snake_case_name and un*frigging*believable"),
            "<p>snake_case_name and un<em>frigging</em>believable</p>\n"
        );
        // A setext heading, a thematic break, a quote with a list, entities.
        assert_eq!(render_note("Title\n==="), "<h3>Title</h3>\n");
        assert_eq!(render_note("a\n\n---\n\nb"), "<p>a</p>\n<hr>\n<p>b</p>\n");
        assert_eq!(render_note("> - quoted item"), "<blockquote>\n<ul>\n<li>quoted item</li>\n</ul>\n</blockquote>\n");
        assert_eq!(render_note("AT&T &amp; &copy; &#42;"), "<p>AT&amp;T &amp; © *</p>\n");
        // Indented code, and a lazy continuation line.
        assert_eq!(render_note("    code\n"), "<pre><code>code\n</code></pre>\n");
        assert_eq!(render_note("> quote\nlazy"), "<blockquote>\n<p>quote<br>\nlazy</p>\n</blockquote>\n");
        assert_eq!(render_note(""), "");
    }

    #[test]
    fn hostile_nesting_does_not_overflow() {
        let html = render_note(&format!("{}deep", "> ".repeat(2_000)));
        assert!(html.contains("deep"));
        let html = render_note(&format!("{}deep", "- ".repeat(2_000)));
        assert!(html.contains("deep"));
    }
}
