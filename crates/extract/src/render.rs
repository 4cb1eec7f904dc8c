//! Writing the chosen article out: plain text in blocks, and structural HTML (stage 10 of [`super::extract`]).
//!
//! Both walks are loops with an explicit stack, so depth costs no call stack. The HTML keeps headings,
//! paragraphs, lists, quotes, figures, tables, code and inline emphasis; wrapper elements (`div`, `section`…)
//! are dropped, and inline text loose in them is wrapped in `<p>`, one per `<br>`-separated run. Nesting deeper
//! than [`h::MAX_RENDER_DEPTH`] is written flat. Links and images come out absolute. The HTML is not yet safe:
//! the caller passes it through the sanitiser.

use super::content::{Attempt, is_block};
use super::dom::NodeIx;
use super::heuristics as h;
use url::Url;

/// The text of the article under `roots`: blocks separated by blank lines, whitespace collapsed except in `<pre>`,
/// image captions and credits left out.
pub fn text(attempt: &Attempt<'_, '_>, roots: &[NodeIx]) -> String {
    enum Step {
        Enter(NodeIx),
        Exit(NodeIx),
        /// The line break after a line of highlighted code ([`breaks_code_line`]).
        LineBreak,
    }
    let nodes = &attempt.dom.nodes;
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut pending_space = false;
    let mut in_pre = 0usize;
    let flush = |current: &mut String, blocks: &mut Vec<String>, pending_space: &mut bool| {
        let trimmed = current.trim();
        if !trimmed.is_empty() {
            blocks.push(trimmed.to_string());
        }
        current.clear();
        *pending_space = false;
    };
    let mut stack: Vec<Step> = roots.iter().rev().map(|&r| Step::Enter(r)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(ix) => {
                if attempt.removed[ix] {
                    continue;
                }
                let node = &nodes[ix];
                if node.is_text() {
                    if in_pre > 0 {
                        current.push_str(node.text);
                        continue;
                    }
                    // Word by word: each piece after the first follows a whitespace character.
                    for (n, word) in node.text.split(char::is_whitespace).enumerate() {
                        if n > 0 {
                            pending_space = !current.is_empty();
                        }
                        if !word.is_empty() {
                            if pending_space {
                                current.push(' ');
                                pending_space = false;
                            }
                            current.push_str(word);
                        }
                    }
                    continue;
                }
                // Captions and credits belong to the picture, not to the text. A block whose class says caption
                // but which holds a heading is a card's text (a product's name, price and summary under its
                // picture), not a caption.
                let caption_hint = !node.hints.is_empty()
                    && h::CAPTION_HINT.is_match(&node.hints)
                    && attempt.stats.get(ix).is_none_or(|s| s.headings == 0);
                if node.tag == "figcaption" || caption_hint {
                    continue;
                }
                if node.tag == "br" || node.block {
                    flush(&mut current, &mut blocks, &mut pending_space);
                }
                if node.tag == "pre" {
                    in_pre += 1;
                }
                if in_pre > 0 && breaks_code_line(attempt, ix) {
                    stack.push(Step::LineBreak);
                }
                stack.push(Step::Exit(ix));
                stack.extend(attempt.dom.children(ix).iter().rev().map(|&c| Step::Enter(c)));
            }
            Step::Exit(ix) => {
                let node = &nodes[ix];
                if node.tag == "pre" {
                    in_pre = in_pre.saturating_sub(1);
                }
                if node.block {
                    flush(&mut current, &mut blocks, &mut pending_space);
                }
            }
            Step::LineBreak => current.push('\n'),
        }
    }
    flush(&mut current, &mut blocks, &mut pending_space);
    blocks.join("\n\n")
}

/// Whether element `ix`, inside a `<pre>`, is a line of highlighted code that its stylesheet sets on a line of its
/// own ([`h::CODE_LINE_CLASS`]: "gatsby-highlight-code-line", "token-line") with no line break in the text after
/// it: the writers then put the break in. Lines whose break the page writes ("<span class=line>…</span>\n") get
/// none, nor does the last line.
fn breaks_code_line(attempt: &Attempt<'_, '_>, ix: NodeIx) -> bool {
    let dom = attempt.dom;
    let node = &dom.nodes[ix];
    if node.is_text() || !node.attr("class").is_some_and(|class| h::CODE_LINE_CLASS.is_match(class)) {
        return false;
    }
    let siblings = dom.nodes.get(node.parent).map_or(&[][..], |_| dom.children(node.parent));
    // Children are in document order, so the node is found by bisection.
    let Ok(at) = siblings.binary_search(&ix) else { return false };
    siblings.get(at + 1).is_some_and(|&next| {
        let next = &dom.nodes[next];
        !(next.is_text() && next.text.starts_with(['\n', '\r']))
    })
}

/// How the HTML writer treats an element.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A structural block kept as is, which may hold inline content directly.
    Block,
    /// A block kept as is that holds only blocks (lists, tables).
    Frame,
    /// An inline element kept as is.
    Inline,
    /// An empty element kept as is.
    Void,
    /// A block wrapper whose tag is dropped; loose inline content in it is wrapped in `<p>`.
    Wrapper,
    /// An inline wrapper whose tag is dropped.
    Transparent,
}

/// The writer's treatment of `tag`.
fn role(tag: &str) -> Role {
    match tag {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" | "blockquote" | "pre" | "figcaption"
        | "td" | "th" | "caption" | "address" | "figure" => Role::Block,
        "ul" | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "tr" => Role::Frame,
        "a" | "em" | "i" | "strong" | "b" | "code" | "sub" | "sup" | "s" | "del" | "ins" | "mark" | "small"
        | "abbr" | "q" | "cite" | "time" | "u" | "kbd" | "samp" | "var" => Role::Inline,
        "img" | "br" | "hr" => Role::Void,
        _ if is_block(tag) => Role::Wrapper,
        _ => Role::Transparent,
    }
}

/// Escapes text for HTML content and attribute values. The characters escaped are ASCII, so the text between
/// them is copied a run at a time.
fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        out.push_str(escaped);
        start = at + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// Structural HTML of the article under `roots`, links made absolute against `base`.
pub fn html(attempt: &Attempt<'_, '_>, roots: &[NodeIx], base: &Url) -> String {
    enum Step<'t> {
        Enter(NodeIx),
        /// Closing tag to write (if any), whether the element held inline flow, whether it was a `<pre>`.
        Exit(Option<&'t str>, bool, bool),
        /// The line break after a line of highlighted code ([`breaks_code_line`]).
        LineBreak,
    }
    let nodes = &attempt.dom.nodes;
    let mut out = String::new();
    let mut auto_paragraph = false;
    let mut flow = 0usize;
    let mut depth = 0usize;
    let mut in_pre = 0usize;
    let mut stack: Vec<Step> = roots.iter().rev().map(|&r| Step::Enter(r)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(ix) => {
                if attempt.removed[ix] {
                    continue;
                }
                let node = &nodes[ix];
                if node.is_text() {
                    if in_pre > 0 {
                        escape_into(&mut out, node.text);
                        continue;
                    }
                    let blank = node.text.trim().is_empty();
                    if flow == 0 && !auto_paragraph {
                        if blank {
                            continue;
                        }
                        out.push_str("<p>");
                        auto_paragraph = true;
                    }
                    if node.text.starts_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    for (n, word) in node.text.split_whitespace().enumerate() {
                        if n > 0 {
                            out.push(' ');
                        }
                        escape_into(&mut out, word);
                    }
                    if !blank && node.text.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    continue;
                }
                let mut kind = role(node.tag);
                if kind == Role::Inline && attempt.stats[ix].has_block {
                    kind = Role::Transparent;
                }
                if depth >= h::MAX_RENDER_DEPTH && kind != Role::Void {
                    kind = if is_block(node.tag) { Role::Wrapper } else { Role::Transparent };
                }
                let children = attempt.dom.children(ix).iter().rev().map(|&c| Step::Enter(c));
                if in_pre > 0 && breaks_code_line(attempt, ix) {
                    stack.push(Step::LineBreak);
                }
                match kind {
                    Role::Void => match node.tag {
                        "br" if flow == 0 => {
                            if auto_paragraph {
                                out.push_str("</p>");
                                auto_paragraph = false;
                            }
                        }
                        "img" => {
                            let Some(src) = node.image_address(base) else { continue };
                            out.push_str("<img src=\"");
                            escape_into(&mut out, &src);
                            out.push('"');
                            let alt = node.attr("alt").or(node.image_alt.as_deref());
                            if let Some(alt) = alt {
                                out.push_str(" alt=\"");
                                escape_into(&mut out, alt);
                                out.push('"');
                            }
                            out.push('>');
                        }
                        "hr" => {
                            if auto_paragraph {
                                out.push_str("</p>");
                                auto_paragraph = false;
                            }
                            out.push_str("<hr>");
                        }
                        _ => out.push_str("<br>"),
                    },
                    Role::Block | Role::Frame => {
                        if auto_paragraph {
                            out.push_str("</p>");
                            auto_paragraph = false;
                        }
                        out.push('<');
                        out.push_str(node.tag);
                        for name in ["colspan", "rowspan"] {
                            if let Some(value) = node.attr(name) {
                                out.push_str(&format!(" {name}=\""));
                                escape_into(&mut out, value);
                                out.push('"');
                            }
                        }
                        out.push('>');
                        let holds_flow = kind == Role::Block;
                        if holds_flow {
                            flow += 1;
                        }
                        if node.tag == "pre" {
                            in_pre += 1;
                        }
                        depth += 1;
                        stack.push(Step::Exit(Some(node.tag), holds_flow, node.tag == "pre"));
                        stack.extend(children);
                    }
                    Role::Inline => {
                        if flow == 0 && !auto_paragraph {
                            out.push_str("<p>");
                            auto_paragraph = true;
                        }
                        out.push('<');
                        out.push_str(node.tag);
                        if node.tag == "a" {
                            let target = node.attr("href").and_then(|href| base.join(href.trim()).ok());
                            if let Some(target) = target {
                                out.push_str(" href=\"");
                                escape_into(&mut out, target.as_str());
                                out.push('"');
                            }
                        }
                        out.push('>');
                        depth += 1;
                        stack.push(Step::Exit(Some(node.tag), false, false));
                        stack.extend(children);
                    }
                    Role::Wrapper => {
                        if auto_paragraph {
                            out.push_str("</p>");
                            auto_paragraph = false;
                        }
                        stack.push(Step::Exit(None, false, false));
                        stack.extend(children);
                    }
                    Role::Transparent => stack.extend(children),
                }
            }
            Step::LineBreak => out.push('\n'),
            Step::Exit(tag, holds_flow, pre) => {
                match tag {
                    Some(tag) => {
                        if (holds_flow || role(tag) == Role::Frame) && auto_paragraph {
                            out.push_str("</p>");
                            auto_paragraph = false;
                        }
                        out.push_str("</");
                        out.push_str(tag);
                        out.push('>');
                        depth = depth.saturating_sub(1);
                    }
                    None => {
                        if auto_paragraph {
                            out.push_str("</p>");
                            auto_paragraph = false;
                        }
                    }
                }
                if holds_flow {
                    flow = flow.saturating_sub(1);
                }
                if pre {
                    in_pre = in_pre.saturating_sub(1);
                }
            }
        }
    }
    if auto_paragraph {
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    #[test]
    fn escaping_copies_runs_and_escapes_each_special_character() {
        let by_char = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    _ => out.push(c),
                }
            }
            out
        };
        for text in ["", "plain", "&", "a<b>c", "\"q\" & é<ü>", "日本&&<<", "end&", "&start", "x\u{a0}\"y\""] {
            let mut out = String::from("prefix");
            escape_into(&mut out, text);
            assert_eq!(out, format!("prefix{}", by_char(text)), "{text:?}");
        }
    }
    use crate::content::Flags;
    use crate::dom::Dom;
    use scraper::Html;

    /// Runs `read` on an attempt over the whole of `page`, none of its strict stages applied.
    fn with_attempt<R>(page: &str, read: impl FnOnce(&Attempt<'_, '_>, &Url) -> R) -> R {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://site.example/").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let flags = Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
            keep_comments: false,
            drop_reviews: false,
            drop_signup_boxes: false,
        };
        read(&Attempt::new(&dom, flags), &url)
    }

    fn whole_text(page: &str) -> String {
        with_attempt(page, |attempt, _| text(attempt, &[0]))
    }

    #[test]
    fn lines_of_highlighted_code_keep_their_breaks() {
        let page = "<body><pre><code><span class='gatsby-highlight-code-line'>let a = 1;</span>\
                    <span class='gatsby-highlight-code-line'>let b = 2;</span>let c = 3;\n</code></pre></body>";
        assert_eq!(whole_text(page), "let a = 1;\nlet b = 2;\nlet c = 3;");
        // Breaks the page writes itself are not doubled.
        let written = "<body><pre><code><span class='line'>x</span>\n<span class='line'>y</span></code></pre></body>";
        assert_eq!(whole_text(written), "x\ny");
        // Outside code a class named "line" is no line of code.
        assert_eq!(whole_text("<body><p><span class='line'>a</span><span class='line'>b</span></p></body>"), "ab");
    }

    #[test]
    fn the_html_of_highlighted_code_keeps_its_line_breaks() {
        let page = "<body><pre><code><span class='token-line'>a()</span><span class='token-line'>b()</span>\
                    </code></pre></body>";
        let out = with_attempt(page, |attempt, url| html(attempt, &[0], url));
        assert!(out.contains("a()\nb()"), "{out}");
    }

    #[test]
    fn a_caption_stays_out_of_the_text_but_a_card_called_caption_does_not() {
        let figure = "<body><p>The harbour at dawn.</p><div class='wp-caption-text'>Photo: A. Lens</div></body>";
        assert_eq!(whole_text(figure), "The harbour at dawn.");
        let card = "<body><ul><li><a href='/p/1'><img src='/1.jpg'></a><div class='product-caption'>\
                    <h3><a href='/p/1'>Canvas Tote</a></h3><span class='price'>$24.00</span></div></li></ul></body>";
        assert_eq!(whole_text(card), "Canvas Tote\n\n$24.00");
    }
}
