//! Where a highlight sits in a clipping's text, and where it sits again after the text changed: W3C Web Annotation
//! selectors, pure.
//!
//! A highlight is stored as a text-quote selector (the exact passage, with up to [`CONTEXT_CHARS`] characters of
//! text before and after it) and a text-position selector (its start and end, in characters of the clipping's
//! plain text). Passages are compared with runs of white space taken as one space, so that a passage selected across
//! paragraphs, or across bold text and links in the reader, matches the stored text whatever white space separates
//! them there.
//!
//! Anchoring a new passage ([`anchor`]) finds it in the text: once, or the occurrence the caller names; a passage
//! that occurs several times and no occurrence named is refused saying how many there are. Placing it again after a
//! re-extraction or an edit ([`reanchor`]): where its position still holds the passage, there; else among the
//! occurrences of the passage, the one whose surroundings best match its prefix and suffix (nearest its old place
//! on a tie); else it is **detached**: kept, shown apart, never dropped.

/// Characters of context kept before and after a passage.
pub const CONTEXT_CHARS: usize = 32;

/// A passage's place in a text, as the W3C Web Annotation selectors describe it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Selectors {
    /// The passage exactly as it reads in the text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
    /// Its start and end in characters of the text; `None` when it could not be placed (detached).
    pub position: Option<(usize, usize)>,
}

/// Why a passage could not be anchored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    /// The passage is empty or only white space.
    #[error("the passage to highlight is empty")]
    Empty,
    /// The passage is not in the text.
    #[error("the passage is not in the clipping's text")]
    NotFound,
    /// The passage occurs several times and no occurrence was named.
    #[error("the passage occurs {count} times in the clipping's text; say which one (1 to {count})")]
    Ambiguous { count: usize },
    /// The occurrence named is not there.
    #[error("the passage occurs {count} times in the clipping's text, not {asked}")]
    NoSuchOccurrence { count: usize, asked: usize },
}

/// A text with its white space runs taken as one space: the folded characters, and for each the index of the
/// original character it stands for.
struct Folded {
    chars: Vec<char>,
    origin: Vec<usize>,
}

fn fold(text: &str) -> Folded {
    let (mut chars, mut origin) = (Vec::new(), Vec::new());
    let mut in_space = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !in_space {
                chars.push(' ');
                origin.push(i);
            }
            in_space = true;
        } else {
            chars.push(c);
            origin.push(i);
            in_space = false;
        }
    }
    Folded { chars, origin }
}

/// The folded form of a passage, trimmed.
fn folded_passage(passage: &str) -> Vec<char> {
    let folded = fold(passage.trim());
    folded.chars
}

/// Every start (in folded characters) of `needle` in `haystack`, in order; linear in practice (the comparison
/// stops at the first differing character).
fn occurrences(haystack: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len()).filter(|&i| haystack[i..i + needle.len()] == *needle).collect()
}

/// The selectors of the folded occurrence starting at `at` of a passage `len` folded characters long.
fn selectors_at(text: &[char], folded: &Folded, at: usize, len: usize) -> Selectors {
    let start = folded.origin[at];
    let end = folded.origin[at + len - 1] + 1;
    let slice = |from: usize, to: usize| text[from..to].iter().collect::<String>();
    Selectors {
        exact: slice(start, end),
        prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
        suffix: slice(end, (end + CONTEXT_CHARS).min(text.len())),
        position: Some((start, end)),
    }
}

/// Anchors `passage` in `text`: its selectors, or why it cannot be. `occurrence` (1 for the first) chooses among
/// several occurrences.
pub fn anchor(text: &str, passage: &str, occurrence: Option<usize>) -> Result<Selectors, AnchorError> {
    let needle = folded_passage(passage);
    if needle.is_empty() {
        return Err(AnchorError::Empty);
    }
    let folded = fold(text);
    let found = occurrences(&folded.chars, &needle);
    let at = match (found.len(), occurrence) {
        (0, _) => return Err(AnchorError::NotFound),
        (1, None) => found[0],
        (count, None) => return Err(AnchorError::Ambiguous { count }),
        (count, Some(asked)) => {
            *found.get(asked.wrapping_sub(1)).ok_or(AnchorError::NoSuchOccurrence { count, asked })?
        }
    };
    let chars: Vec<char> = text.chars().collect();
    Ok(selectors_at(&chars, &folded, at, needle.len()))
}

/// Places a highlight again in `text` (which may have changed since it was made): its new selectors, with
/// `position` `None` when the passage is no longer there (detached).
pub fn reanchor(text: &str, old: &Selectors) -> Selectors {
    let chars: Vec<char> = text.chars().collect();
    let needle = folded_passage(&old.exact);
    let detached = Selectors { position: None, ..old.clone() };
    if needle.is_empty() {
        return detached;
    }
    // 1. Its position still holds it.
    if let Some((start, end)) = old.position
        && end <= chars.len()
        && start < end
        && folded_passage(&chars[start..end].iter().collect::<String>()) == needle
    {
        let folded = fold(text);
        if let Some(at) = folded.origin.iter().position(|&o| o >= start) {
            let here = selectors_at(&chars, &folded, at, needle.len());
            if here.position == Some((start, end)) {
                return here;
            }
        }
    }
    // 2. The occurrence whose surroundings match best, nearest its old place on a tie.
    let folded = fold(text);
    let found = occurrences(&folded.chars, &needle);
    let (prefix, suffix) = (folded_passage(&old.prefix), folded_passage(&old.suffix));
    let old_start = old.position.map_or(0, |(start, _)| start);
    let best = found.into_iter().max_by_key(|&at| {
        let before = &folded.chars[..at];
        let after = &folded.chars[at + needle.len()..];
        let before = before.strip_suffix(&[' ']).unwrap_or(before);
        let after = after.strip_prefix(&[' ']).unwrap_or(after);
        let prefix_score = before.iter().rev().zip(prefix.iter().rev()).take_while(|(a, b)| a == b).count();
        let suffix_score = after.iter().zip(suffix.iter()).take_while(|(a, b)| a == b).count();
        let distance = folded.origin[at].abs_diff(old_start);
        (prefix_score + suffix_score, std::cmp::Reverse(distance))
    });
    match best {
        Some(at) => selectors_at(&chars, &folded, at, needle.len()),
        None => detached,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The council met on Monday.\n\nIt voted for the budget. Later, it voted for the harbour.";

    #[test]
    fn a_passage_is_anchored_with_its_context_and_place() {
        let s = anchor(TEXT, "met on Monday", None).expect("anchored");
        assert_eq!(s.exact, "met on Monday");
        assert_eq!(s.prefix, "The council ");
        assert_eq!(s.suffix, ".\n\nIt voted for the budget. Late");
        assert_eq!(s.position, Some((12, 25)));
    }

    #[test]
    fn a_passage_across_paragraphs_and_formatting_matches_whatever_white_space() {
        // Selected in the reader: the paragraph break reads as one newline, the bold word has spaces around it.
        let s = anchor(TEXT, "on Monday.\nIt   voted", None).expect("anchored");
        assert_eq!(s.exact, "on Monday.\n\nIt voted");
    }

    #[test]
    fn the_same_passage_twice_needs_its_occurrence() {
        assert_eq!(anchor(TEXT, "IT VOTED", None), Err(AnchorError::NotFound), "case counts");
        assert_eq!(anchor(TEXT, "voted for the", None), Err(AnchorError::Ambiguous { count: 2 }));
        let second = anchor(TEXT, "voted for the", Some(2)).expect("the second");
        assert!(second.suffix.starts_with(" harbour"), "{second:?}");
        assert_eq!(anchor(TEXT, "voted for the", Some(3)), Err(AnchorError::NoSuchOccurrence { count: 2, asked: 3 }));
        assert_eq!(anchor(TEXT, "  \n", None), Err(AnchorError::Empty));
    }

    #[test]
    fn korean_and_arabic_passages_are_counted_in_characters() {
        let korean = "국회는 월요일에 예산안을 통과시켰다. 야당은 반대했다.";
        let s = anchor(korean, "예산안을 통과시켰다", None).expect("anchored");
        assert_eq!(s.position, Some((9, 19)));
        let arabic = "وافق المجلس على الميزانية يوم الاثنين.";
        let s = anchor(arabic, "على الميزانية", None).expect("anchored");
        assert_eq!(s.exact, "على الميزانية");
        assert_eq!(arabic.chars().skip(s.position.expect("placed").0).take(3).collect::<String>(), "على");
    }

    #[test]
    fn after_the_text_shifts_the_highlight_follows_its_passage() {
        let old = anchor(TEXT, "voted for the", Some(2)).expect("anchored");
        let shifted = format!("Updated: a line added above.\n\n{TEXT}");
        let again = reanchor(&shifted, &old);
        assert_eq!(again.exact, "voted for the");
        let (start, _) = again.position.expect("placed");
        assert!(shifted.chars().skip(start).collect::<String>().starts_with("voted for the harbour"), "{again:?}");
        // Unchanged text: the same place.
        assert_eq!(reanchor(TEXT, &old), old);
    }

    #[test]
    fn a_passage_that_is_gone_is_detached_and_kept() {
        let old = anchor(TEXT, "met on Monday", None).expect("anchored");
        let again = reanchor("A different article altogether.", &old);
        assert_eq!(again.position, None);
        assert_eq!(again.exact, "met on Monday", "the passage is kept");
    }
}
