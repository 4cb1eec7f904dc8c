//! Highlights marked in a PDF article: each highlighted passage washed in its colour where it reads in the
//! article's blocks, and a passage with a comment followed by the comment's number, the comment printed under the
//! article as an end note.
//!
//! A passage is found in the blocks' own text by the highlight's text-quote selector (the occurrence whose prefix
//! and suffix match best, as when a highlight is placed again after a re-extraction, [`reanchor`]), so the
//! white-space differences between the blocks and the stored text do not matter. A passage may run across runs of
//! different styles, links and paragraphs. A passage not found in the blocks (detached, or in text the PDF does
//! not print as runs, such as code), or one overlapping an earlier passage, is not marked; it is still printed
//! under "Key passages". Pure; no I/O.

use super::blocks::{Block, Run};
use crate::highlights::reanchor;
use crate::store::{Colour, Highlight, HighlightId};

/// The colours of a highlight on paper: a bar beside a passage and a light wash behind it.
pub(super) fn paper_colours(colour: Colour) -> (&'static str, &'static str) {
    match colour {
        Colour::Yellow => ("#d4a72c", "#fff3bf"),
        Colour::Green => ("#2f9e44", "#d3f9d8"),
        Colour::Blue => ("#1c7ed6", "#d0ebff"),
        Colour::Pink => ("#d6336c", "#ffdeeb"),
    }
}

/// A passage placed in the blocks' text, in characters.
struct Mark {
    start: usize,
    end: usize,
    wash: &'static str,
    /// The comment's number, when the highlight has a comment.
    note: Option<usize>,
}

/// A piece of the article's text as the walk meets it: a list of runs (which can be marked) or text that cannot.
enum Piece<'a> {
    Runs(&'a mut Vec<Run>),
    Text(&'a str),
}

/// Calls `visit` on every piece of text of `blocks`, in reading order.
fn walk(blocks: &mut [Block], visit: &mut dyn FnMut(Piece<'_>)) {
    for block in blocks {
        match block {
            Block::Heading { runs, .. } | Block::Para { runs } => visit(Piece::Runs(runs)),
            Block::List { items, .. } => items.iter_mut().for_each(|item| walk(item, visit)),
            Block::Quote { blocks } => walk(blocks, visit),
            Block::Figure { caption, .. } => visit(Piece::Runs(caption)),
            Block::Table { rows, caption } => {
                visit(Piece::Runs(caption));
                for cell in rows.iter_mut().flatten() {
                    visit(Piece::Runs(&mut cell.runs));
                }
            }
            Block::Code { text } => visit(Piece::Text(text)),
            Block::Rule => {}
        }
    }
}

/// Marks the passages of `highlights` (in reading order) in `blocks`. Answers the number given to each marked
/// highlight with a comment, in reading order from 1: the article prints it after the passage and before the
/// comment's end note.
pub(super) fn mark_passages(blocks: &mut [Block], highlights: &[Highlight]) -> Vec<(HighlightId, usize)> {
    if highlights.is_empty() {
        return Vec::new();
    }
    // 1. The blocks' text, and where each run starts in it (in characters); breaks and block ends are new lines.
    let mut text = String::new();
    let mut length = 0usize;
    let mut starts: Vec<Vec<usize>> = Vec::new();
    walk(blocks, &mut |piece| {
        match piece {
            Piece::Runs(runs) => {
                let mut list = Vec::with_capacity(runs.len());
                for run in runs.iter() {
                    list.push(length);
                    let s = if run.br { "\n" } else { run.s.as_str() };
                    text.push_str(s);
                    length += s.chars().count();
                }
                starts.push(list);
            }
            Piece::Text(code) => {
                text.push_str(code);
                length += code.chars().count();
            }
        }
        text.push('\n');
        length += 1;
    });

    // 2. Each passage's place there; the first of overlapping passages wins.
    let mut marks: Vec<(Mark, HighlightId, bool)> = highlights
        .iter()
        .filter(|h| !h.is_detached())
        .filter_map(|h| {
            let (start, end) = reanchor(&text, &h.selectors).position?;
            let (_, wash) = paper_colours(h.colour);
            Some((
                Mark { start, end, wash, note: None },
                h.id,
                h.comment.as_deref().is_some_and(|c| !c.trim().is_empty()),
            ))
        })
        .collect();
    marks.sort_by_key(|(mark, _, _)| mark.start);
    let mut numbers = Vec::new();
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for (mut mark, id, commented) in marks {
        if kept.last().is_some_and(|last| mark.start < last.end) {
            continue;
        }
        if commented {
            let n = numbers.len() + 1;
            numbers.push((id, n));
            mark.note = Some(n);
        }
        kept.push(mark);
    }
    if kept.is_empty() {
        return numbers;
    }

    // 3. Runs split where a passage starts or ends; the pieces inside washed, each comment's number after its end.
    let mut list = 0;
    walk(blocks, &mut |piece| {
        let Piece::Runs(runs) = piece else { return };
        // The same walk as step 1 over the same blocks: every list of runs has its starts.
        let Some(run_starts) = starts.get(list) else { return };
        list += 1;
        let mut out = Vec::with_capacity(runs.len());
        for (run, &start) in std::mem::take(runs).into_iter().zip(run_starts) {
            let length = if run.br { 1 } else { run.s.chars().count() };
            let end = start + length;
            let touching: Vec<&Mark> = kept.iter().filter(|m| m.start < end && m.end > start).collect();
            if run.br || touching.is_empty() {
                out.push(run);
                continue;
            }
            // Cut points inside the run, in characters from its start.
            let mut cuts: Vec<usize> = touching
                .iter()
                .flat_map(|m| [m.start, m.end])
                .filter(|&at| at > start && at < end)
                .map(|at| at - start)
                .collect();
            cuts.push(length);
            cuts.sort_unstable();
            cuts.dedup();
            let chars: Vec<char> = run.s.chars().collect();
            let mut from = 0;
            for to in cuts {
                let mark = touching.iter().find(|m| m.start <= start + from && m.end > start + from);
                let mut piece = Run { s: chars[from..to].iter().collect(), ..run.clone() };
                piece.mark = mark.map(|m| m.wash.to_string());
                out.push(piece);
                if let Some(mark) = mark
                    && let Some(n) = mark.note
                    && mark.end == start + to
                {
                    out.push(Run { s: n.to_string(), sup: true, b: true, note: true, ..Run::default() });
                }
                from = to;
            }
        }
        *runs = out;
    });
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::blocks::article_blocks;
    use crate::highlights::anchor;
    use crate::store::ClippingId;

    /// A highlight of `passage` (occurrence `occurrence`) in `text`.
    fn highlight(id: i64, text: &str, passage: &str, occurrence: Option<usize>, comment: Option<&str>) -> Highlight {
        Highlight {
            id: HighlightId(id),
            clipping: ClippingId(1),
            selectors: anchor(text, passage, occurrence).expect("the passage is in the text"),
            colour: if id % 2 == 0 { Colour::Green } else { Colour::Yellow },
            comment: comment.map(String::from),
            created_at: String::new(),
            modified_at: String::new(),
        }
    }

    /// The runs of each paragraph as (text, wash) pairs, and note numbers as "^n".
    fn shown(blocks: &[Block]) -> Vec<Vec<(String, Option<String>)>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { runs } | Block::Heading { runs, .. } => Some(
                    runs.iter()
                        .map(|r| (if r.note { format!("^{}", r.s) } else { r.s.clone() }, r.mark.clone()))
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    const HTML: &str = "<p>The council met on <b>Monday</b> at noon.</p>\
                        <p>It voted for the budget. Later, it voted for the <a href=\"https://x.example/\">harbour</a>.</p>";
    const TEXT: &str =
        "The council met on Monday at noon.\n\nIt voted for the budget. Later, it voted for the harbour.";

    #[test]
    fn a_passage_across_styles_is_washed_and_its_comment_numbered() {
        let mut blocks = article_blocks(HTML);
        let hs = [highlight(1, TEXT, "met on Monday at", None, Some("the day"))];
        let numbers = mark_passages(&mut blocks, &hs);
        assert_eq!(numbers, vec![(HighlightId(1), 1)]);
        let yellow = Some("#fff3bf".to_string());
        assert_eq!(
            shown(&blocks)[0],
            vec![
                ("The council ".into(), None),
                ("met on ".into(), yellow.clone()),
                ("Monday".into(), yellow.clone()),
                (" at".into(), yellow),
                ("^1".into(), None),
                (" noon.".into(), None),
            ]
        );
        let Block::Para { runs } = &blocks[0] else { panic!("a paragraph") };
        assert!(runs[2].b, "the bold run keeps its style when washed");
    }

    #[test]
    fn a_repeated_passage_is_marked_where_its_context_says() {
        let mut blocks = article_blocks(HTML);
        let hs = [highlight(2, TEXT, "voted for the", Some(2), None)];
        assert!(mark_passages(&mut blocks, &hs).is_empty(), "no comment, no number");
        let green = Some("#d3f9d8".to_string());
        let second = &shown(&blocks)[1];
        assert_eq!(second[0], ("It voted for the budget. Later, it ".into(), None));
        assert_eq!(second[1], ("voted for the".into(), green));
    }

    #[test]
    fn a_passage_across_paragraphs_and_a_link_is_washed_in_each() {
        let mut blocks = article_blocks(HTML);
        let hs = [
            highlight(3, TEXT, "at noon. It voted", None, Some("two paragraphs")),
            highlight(5, TEXT, "the harbour", None, Some("a link")),
        ];
        assert_eq!(mark_passages(&mut blocks, &hs), vec![(HighlightId(3), 1), (HighlightId(5), 2)]);
        let paras = shown(&blocks);
        let yellow = Some("#fff3bf".to_string());
        assert_eq!(paras[0].last(), Some(&("at noon.".into(), yellow.clone())));
        assert_eq!(paras[1][0], ("It voted".into(), yellow.clone()));
        assert_eq!(paras[1][1], ("^1".into(), None));
        let Block::Para { runs } = &blocks[1] else { panic!("a paragraph") };
        let harbour = runs.iter().find(|r| r.s == "harbour").expect("the link's run");
        assert_eq!((harbour.mark.as_deref(), harbour.href.as_deref()), (Some("#fff3bf"), Some("https://x.example/")));
        assert!(paras[1].iter().any(|(s, _)| s == "^2"));
    }

    #[test]
    fn overlapping_detached_and_unprinted_passages_are_not_marked() {
        let mut blocks = article_blocks(HTML);
        let mut detached = highlight(7, TEXT, "the budget", None, Some("gone"));
        detached.selectors.position = None;
        let hs = [
            highlight(1, TEXT, "council met on", None, None),
            highlight(3, TEXT, "met on Monday", None, Some("overlaps")),
            detached,
        ];
        assert!(mark_passages(&mut blocks, &hs).is_empty());
        let marked: Vec<String> =
            shown(&blocks).into_iter().flatten().filter(|(_, w)| w.is_some()).map(|(s, _)| s).collect();
        assert_eq!(marked, vec!["council met on".to_string()]);
    }
}
