//! Highlights in a Markdown export: each passage marked in the article's Markdown where it reads there as in the
//! text (`==passage==`, or `<mark>passage</mark>` for readers without the `==` extension), its comment as a
//! footnote after it, and every highlight listed in a "Highlights" section (a quote, its colour, its comment), the
//! form Obsidian and similar tools read. A passage the Markdown writes differently (across formatting or
//! paragraphs) or a detached one is only listed, never marked in the wrong place.

use std::fmt::Write as _;

use crate::store::Highlight;

/// How passages are marked in the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkStyle {
    /// `==passage==` (Obsidian, Typora, many others).
    #[default]
    Equals,
    /// `<mark>passage</mark>` (any Markdown reader that shows HTML).
    Html,
}

/// `body` with each highlight's passage marked and its comment's footnote reference after it, and the footnotes'
/// definitions to add at the end of the file.
pub fn mark_passages(body: &str, highlights: &[Highlight], style: MarkStyle) -> (String, String) {
    let mut marks: Vec<(usize, usize, &Highlight)> = Vec::new();
    for highlight in highlights {
        let exact = highlight.selectors.exact.as_str();
        if highlight.is_detached() || exact.trim().is_empty() || exact.contains('\n') {
            continue;
        }
        // Found several times in the Markdown: the one after the passage's prefix.
        let found: Vec<usize> = body.match_indices(exact).map(|(at, _)| at).collect();
        let at = match found.as_slice() {
            [] => continue,
            [only] => *only,
            several => {
                let prefix = highlight.selectors.prefix.trim_end();
                let tail: String = prefix.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
                match several.iter().find(|&&at| body[..at].trim_end().ends_with(&tail)) {
                    Some(at) => *at,
                    None => continue,
                }
            }
        };
        marks.push((at, at + exact.len(), highlight));
    }
    marks.sort_by_key(|(at, _, _)| *at);
    // Overlapping passages: the first one is marked, the others only listed.
    let mut out = String::with_capacity(body.len() + marks.len() * 16);
    let mut notes = String::new();
    let mut last = 0;
    for (start, end, highlight) in marks {
        if start < last {
            continue;
        }
        out.push_str(&body[last..start]);
        let passage = &body[start..end];
        match style {
            MarkStyle::Equals => {
                let _ = write!(out, "=={passage}==");
            }
            MarkStyle::Html => {
                let _ = write!(out, "<mark class=\"{}\">{passage}</mark>", highlight.colour.as_str());
            }
        }
        if let Some(comment) = &highlight.comment {
            let label = format!("h{}", highlight.id.0);
            let _ = write!(out, "[^{label}]");
            let _ = writeln!(notes, "[^{label}]: {}", comment.trim().replace('\n', "\n    "));
        }
        last = end;
    }
    out.push_str(&body[last..]);
    (out, notes)
}

/// "## Highlights" (at `level`) and each passage as a quote with its colour and comment; empty without highlights.
pub fn highlights_section(highlights: &[Highlight], level: &str) -> String {
    if highlights.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{level} Highlights\n\n");
    for highlight in highlights {
        for line in highlight.selectors.exact.trim().lines() {
            let _ = writeln!(out, "> {line}");
        }
        let detached = if highlight.is_detached() { ", no longer in the text" } else { "" };
        let _ = writeln!(out, ">\n> — {}{detached}\n", highlight.colour.as_str());
        if let Some(comment) = &highlight.comment {
            let _ = writeln!(out, "{}\n", comment.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlights::Selectors;
    use crate::store::{ClippingId, Colour, HighlightId};

    fn highlight(id: i64, exact: &str, prefix: &str, comment: Option<&str>) -> Highlight {
        Highlight {
            id: HighlightId(id),
            clipping: ClippingId(1),
            selectors: Selectors {
                exact: exact.into(),
                prefix: prefix.into(),
                suffix: String::new(),
                position: Some((0, 1)),
            },
            colour: Colour::Yellow,
            comment: comment.map(String::from),
            created_at: String::new(),
            modified_at: String::new(),
        }
    }

    #[test]
    fn passages_are_marked_with_their_comments_as_footnotes() {
        let body = "The council met on **Monday**.\n\nIt voted for the budget. Later, it voted for the harbour.";
        let hs = [
            highlight(1, "voted for the", "Later, it ", Some("the second vote")),
            highlight(2, "It voted for the budget", "Monday.\n\n", None),
            highlight(3, "met on Monday", "The council ", None),
        ];
        let (marked, notes) = mark_passages(body, &hs, MarkStyle::Equals);
        assert_eq!(
            marked,
            "The council met on **Monday**.\n\n==It voted for the budget==. Later, it ==voted for the==[^h1] harbour."
        );
        assert_eq!(notes, "[^h1]: the second vote\n");
        let (html, _) = mark_passages(body, &hs[1..2], MarkStyle::Html);
        assert!(html.contains("<mark class=\"yellow\">It voted for the budget</mark>"), "{html}");
    }

    #[test]
    fn every_highlight_is_listed_even_when_it_cannot_be_marked() {
        let mut detached = highlight(4, "a vanished line", "", Some("why"));
        detached.selectors.position = None;
        let section = highlights_section(&[highlight(3, "met on Monday", "", None), detached], "##");
        assert!(section.contains("## Highlights\n\n> met on Monday\n>\n> — yellow\n"), "{section}");
        assert!(section.contains("> a vanished line\n>\n> — yellow, no longer in the text\n\nwhy\n"), "{section}");
    }
}
