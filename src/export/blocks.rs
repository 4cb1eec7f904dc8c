//! Article HTML turned into a small tree of blocks for the PDF template: headings, paragraphs of styled runs,
//! lists, quotes, figures with captions, tables, code and rules.
//!
//! The tree is data: the template prints every string as text, never as markup, so a page cannot inject typst
//! code. Input is the sanitised HTML of a clipping (hostile pages included); the walk is bounded by
//! [`MAX_DEPTH`], past which an element's text is kept flat. Pure; no I/O.

use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde::Serialize;

/// Deepest element nesting walked; deeper content is kept as plain text of the enclosing block. It also bounds the
/// nesting of lists and quotes, which the template renders recursively (typst allows about 80 nested calls).
pub const MAX_DEPTH: usize = 20;

/// One block of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    /// A heading inside the article (levels 1–6 as in the page).
    Heading {
        /// The level.
        level: u8,
        /// Its text.
        runs: Vec<Run>,
    },
    /// A paragraph.
    Para {
        /// Its text.
        runs: Vec<Run>,
    },
    /// A bulleted or numbered list; each item is a list of blocks.
    List {
        /// Numbered.
        ordered: bool,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote {
        /// What it quotes.
        blocks: Vec<Block>,
    },
    /// An image with its caption.
    Figure {
        /// The image address as stored.
        src: String,
        /// Its alternative text.
        alt: String,
        /// Its caption.
        caption: Vec<Run>,
        /// Where the PDF engine finds it (`/img/<n>.<ext>`), once loaded.
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// Width to print it at, in points, once loaded.
        #[serde(skip_serializing_if = "Option::is_none")]
        width: Option<f64>,
        /// Why it is not shown, when it could not be loaded.
        #[serde(skip_serializing_if = "Option::is_none")]
        problem: Option<String>,
    },
    /// A table: rows of cells.
    Table {
        /// The rows, each a list of cells.
        rows: Vec<Vec<Cell>>,
        /// Its caption.
        caption: Vec<Run>,
    },
    /// Preformatted text.
    Code {
        /// The text as it is.
        text: String,
    },
    /// A thematic break.
    Rule,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// A header cell.
    pub header: bool,
    /// Its text.
    pub runs: Vec<Run>,
}

/// A run of text with one style, or a line break.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Run {
    /// The text.
    pub s: String,
    /// Bold.
    #[serde(skip_serializing_if = "is_false")]
    pub b: bool,
    /// Italic.
    #[serde(skip_serializing_if = "is_false")]
    pub i: bool,
    /// Code (monospace).
    #[serde(skip_serializing_if = "is_false")]
    pub code: bool,
    /// Struck through.
    #[serde(skip_serializing_if = "is_false")]
    pub strike: bool,
    /// Superscript.
    #[serde(skip_serializing_if = "is_false")]
    pub sup: bool,
    /// Subscript.
    #[serde(skip_serializing_if = "is_false")]
    pub sub: bool,
    /// A line break instead of text.
    #[serde(skip_serializing_if = "is_false")]
    pub br: bool,
    /// Link target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// The wash of the highlight this text is in (a colour such as `#fff3bf`), set by [`super::pdf_marks`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// The number of a highlight's comment, printed after its passage (the text is the number).
    #[serde(skip_serializing_if = "is_false")]
    pub note: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The style that applies at a point of the tree.
#[derive(Debug, Clone, Default, PartialEq)]
struct Style {
    b: bool,
    i: bool,
    code: bool,
    strike: bool,
    sup: bool,
    sub: bool,
    href: Option<String>,
}

/// The blocks of sanitised article HTML.
pub fn article_blocks(html: &str) -> Vec<Block> {
    let fragment = Html::parse_fragment(html);
    let mut builder = Builder::default();
    builder.flow(fragment.tree.root(), &Style::default(), 0);
    builder.finish()
}

/// Collects blocks and the runs of the paragraph being built.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    runs: Vec<Run>,
}

impl Builder {
    /// Ends the open paragraph, if it has any text.
    fn flush(&mut self) {
        let runs = tidy(std::mem::take(&mut self.runs));
        if !runs.is_empty() {
            self.blocks.push(Block::Para { runs });
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    /// Adds text in `style`, with HTML's white-space collapsing.
    fn text(&mut self, text: &str, style: &Style) {
        let mut s = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                space = true;
            } else {
                if space {
                    s.push(' ');
                    space = false;
                }
                s.push(c);
            }
        }
        if space {
            s.push(' ');
        }
        if s.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && !last.br
            && same_style(last, style)
        {
            last.s.push_str(&s);
            return;
        }
        self.runs.push(Run {
            s,
            b: style.b,
            i: style.i,
            code: style.code,
            strike: style.strike,
            sup: style.sup,
            sub: style.sub,
            br: false,
            href: style.href.clone(),
            mark: None,
            note: false,
        });
    }

    /// Walks the children of `node` as a flow of blocks and inline content.
    fn flow(&mut self, node: NodeRef<'_, Node>, style: &Style, depth: usize) {
        for child in node.children() {
            match child.value() {
                Node::Text(text) => self.text(text, style),
                Node::Element(element) => {
                    if depth >= MAX_DEPTH {
                        self.text(&all_text(child), style);
                        continue;
                    }
                    self.element(child, element.name(), style, depth + 1);
                }
                _ => {}
            }
        }
    }

    /// One element.
    fn element(&mut self, node: NodeRef<'_, Node>, name: &str, style: &Style, depth: usize) {
        let attr = |name: &str| node.value().as_element().and_then(|e| e.attr(name)).unwrap_or("").trim().to_string();
        match name {
            "p" | "div" | "section" | "article" | "dd" => {
                self.flush();
                self.flow(node, style, depth);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse().unwrap_or(2);
                let runs = inline_runs(node, style, depth);
                if !runs.is_empty() {
                    self.blocks.push(Block::Heading { level, runs });
                }
            }
            "dt" => {
                self.flush();
                self.flow(node, &Style { b: true, ..style.clone() }, depth);
                self.flush();
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                for li in node.children().filter(|c| c.value().as_element().is_some()) {
                    let mut item = Builder::default();
                    item.flow(li, style, depth + 1);
                    let blocks = item.finish();
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                }
                if !items.is_empty() {
                    self.blocks.push(Block::List { ordered: name == "ol", items });
                }
            }
            "blockquote" => {
                self.flush();
                let mut quote = Builder::default();
                quote.flow(node, style, depth);
                let blocks = quote.finish();
                if !blocks.is_empty() {
                    self.blocks.push(Block::Quote { blocks });
                }
            }
            "figure" => {
                self.flush();
                let caption = node
                    .descendants()
                    .find(|d| d.value().as_element().is_some_and(|e| e.name() == "figcaption"))
                    .map(|c| inline_runs(c, &Style::default(), depth))
                    .unwrap_or_default();
                let mut inner = Builder::default();
                for child in node.children() {
                    let is_caption = child.value().as_element().is_some_and(|e| e.name() == "figcaption");
                    if !is_caption {
                        let mut single = Builder::default();
                        single.flow_one(child, style, depth);
                        inner.blocks.extend(single.finish());
                    }
                }
                let mut blocks = inner.finish();
                // The caption goes under the last image of the figure; a figure without an image keeps it as text.
                match blocks.iter_mut().rev().find(|b| matches!(b, Block::Figure { .. })) {
                    Some(Block::Figure { caption: c, .. }) => *c = caption,
                    _ if !caption.is_empty() => blocks.push(Block::Para { runs: caption }),
                    _ => {}
                }
                self.blocks.extend(blocks);
            }
            "img" => {
                let src = attr("src");
                if !src.is_empty() {
                    self.flush();
                    self.blocks.push(Block::Figure {
                        src,
                        alt: attr("alt"),
                        caption: Vec::new(),
                        path: None,
                        width: None,
                        problem: None,
                    });
                }
            }
            "table" => {
                self.flush();
                let caption = node
                    .children()
                    .find(|c| c.value().as_element().is_some_and(|e| e.name() == "caption"))
                    .map(|c| inline_runs(c, &Style::default(), depth))
                    .unwrap_or_default();
                let rows: Vec<Vec<Cell>> = node
                    .descendants()
                    .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "tr"))
                    .map(|tr| {
                        tr.children()
                            .filter_map(|cell| {
                                let name = cell.value().as_element()?.name();
                                (name == "td" || name == "th").then(|| Cell {
                                    header: name == "th",
                                    runs: inline_runs(cell, &Style::default(), depth),
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                    .filter(|row| !row.is_empty())
                    .collect();
                if !rows.is_empty() {
                    self.blocks.push(Block::Table { rows, caption });
                }
            }
            "pre" => {
                self.flush();
                let text = all_text(node);
                let text = text.trim_end_matches(['\n', '\r']).to_string();
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Code { text });
                }
            }
            "hr" => {
                self.flush();
                self.blocks.push(Block::Rule);
            }
            "br" => self.runs.push(Run { br: true, ..Default::default() }),
            _ => {
                let mut inner = style.clone();
                match name {
                    "strong" | "b" => inner.b = true,
                    "em" | "i" | "cite" => inner.i = true,
                    "code" | "kbd" | "samp" => inner.code = true,
                    "s" | "del" | "strike" => inner.strike = true,
                    "sup" => inner.sup = true,
                    "sub" => inner.sub = true,
                    "a" => {
                        let href = attr("href");
                        if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
                            inner.href = Some(href);
                        }
                    }
                    "q" => {
                        self.text("“", style);
                        self.flow(node, &inner, depth);
                        self.text("”", style);
                        return;
                    }
                    _ => {}
                }
                self.flow(node, &inner, depth);
            }
        }
    }

    /// Walks a single node as if it were the only child of its parent.
    fn flow_one(&mut self, node: NodeRef<'_, Node>, style: &Style, depth: usize) {
        match node.value() {
            Node::Text(text) => self.text(text, style),
            Node::Element(element) => self.element(node, element.name(), style, depth + 1),
            _ => {}
        }
    }
}

/// The inline text of a node as runs (blocks inside are flattened).
fn inline_runs(node: NodeRef<'_, Node>, style: &Style, depth: usize) -> Vec<Run> {
    let mut builder = Builder::default();
    builder.flow(node, style, depth);
    builder.flush();
    let mut runs = Vec::new();
    for block in builder.blocks {
        if let Block::Para { runs: more } = block {
            if !runs.is_empty() {
                runs.push(Run { br: true, ..Default::default() });
            }
            runs.extend(more);
        }
    }
    tidy(runs)
}

/// All the text under a node, as it is.
fn all_text(node: NodeRef<'_, Node>) -> String {
    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect()
}

/// Whether a run has exactly this style.
fn same_style(run: &Run, style: &Style) -> bool {
    run.b == style.b
        && run.i == style.i
        && run.code == style.code
        && run.strike == style.strike
        && run.sup == style.sup
        && run.sub == style.sub
        && run.href == style.href
}

/// Trims white space at the ends of a paragraph and around line breaks; drops empty runs and edge breaks.
fn tidy(mut runs: Vec<Run>) -> Vec<Run> {
    for n in 0..runs.len() {
        let after_break = n == 0 || runs[n - 1].br;
        let before_break = n + 1 == runs.len() || runs[n + 1].br;
        let run = &mut runs[n];
        if !run.br {
            if after_break {
                run.s = run.s.trim_start().to_string();
            }
            if before_break {
                run.s = run.s.trim_end().to_string();
            }
        }
    }
    runs.retain(|r| r.br || !r.s.is_empty());
    while runs.first().is_some_and(|r| r.br) {
        runs.remove(0);
    }
    while runs.last().is_some_and(|r| r.br) {
        runs.pop();
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(runs: &[Run]) -> String {
        runs.iter().map(|r| if r.br { "\n" } else { r.s.as_str() }).collect()
    }

    #[test]
    fn structure_is_kept() {
        let blocks = article_blocks(
            "<h2>Sub <em>head</em></h2><p>One <strong>bold</strong> and <a href=\"https://x.example/\">a link</a>.</p>\
             <ul><li>first</li><li><p>second</p></li></ul><blockquote><p>Quoted.</p></blockquote>\
             <figure><img src=\"https://x.example/a.jpg\" alt=\"A\"><figcaption>The caption</figcaption></figure>\
             <table><caption>Results</caption><tr><th>Name</th><th>Votes</th></tr><tr><td>Kim</td><td>12</td></tr></table>\
             <pre><code>let x = 1;\n  y</code></pre><hr>",
        );
        assert!(matches!(&blocks[0], Block::Heading { level: 2, runs } if text_of(runs) == "Sub head"));
        let Block::Para { runs } = &blocks[1] else { panic!("a paragraph: {blocks:?}") };
        assert_eq!(text_of(runs), "One bold and a link.");
        assert!(runs.iter().any(|r| r.b && r.s == "bold"));
        assert!(runs.iter().any(|r| r.href.as_deref() == Some("https://x.example/") && r.s == "a link"));
        assert!(matches!(&blocks[2], Block::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&blocks[3], Block::Quote { blocks } if blocks.len() == 1));
        assert!(
            matches!(&blocks[4], Block::Figure { src, caption, .. } if src == "https://x.example/a.jpg" && text_of(caption) == "The caption")
        );
        let Block::Table { rows, caption } = &blocks[5] else { panic!("a table: {blocks:?}") };
        assert_eq!(text_of(caption), "Results");
        assert_eq!(rows.len(), 2);
        assert!(rows[0][0].header && !rows[1][0].header);
        assert_eq!(text_of(&rows[1][1].runs), "12");
        assert_eq!(blocks[6], Block::Code { text: "let x = 1;\n  y".into() });
        assert_eq!(blocks[7], Block::Rule);
    }

    #[test]
    fn markup_in_text_stays_text() {
        let blocks = article_blocks("<p>#panic(\"x\") $x^2$ &lt;l&gt; @r *no* [a](b)</p>");
        let Block::Para { runs } = &blocks[0] else { panic!("a paragraph") };
        assert_eq!(text_of(runs), "#panic(\"x\") $x^2$ <l> @r *no* [a](b)");
    }

    #[test]
    fn deep_nesting_is_flattened_without_overflow() {
        let html = format!("{}deep text{}", "<blockquote>".repeat(5000), "</blockquote>".repeat(5000));
        let blocks = article_blocks(&html);
        let json = serde_json::to_string(&blocks).expect("serialises");
        assert!(json.contains("deep text"));
    }

    #[test]
    fn inline_images_break_the_paragraph() {
        let blocks = article_blocks("<p>Before <img src=\"https://x.example/i.png\"> after</p>");
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(matches!(&blocks[1], Block::Figure { .. }));
    }
}
