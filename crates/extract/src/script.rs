//! Scripts whose words are not separated by spaces: the one table that word counts (here) and the library's
//! search index (`cuttings::store`) both read, so that they never disagree on what such a script is.

/// How a script separates its words, for the scripts where spaces do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Chinese characters and Japanese kana: no spaces, a word is about two characters.
    Ideographic,
    /// Thai, Lao, Myanmar, Khmer: no spaces between words, only between phrases.
    Unspaced,
    /// Korean: spaces between phrases, with particles attached to the words, so a word alone is not a token.
    AttachedParticles,
}

/// How the script of `c` separates words, or `None` for a script that separates them with spaces (and for
/// everything that is not a letter of such a script).
pub fn spacing(c: char) -> Option<Spacing> {
    match c as u32 {
        0x3040..=0x30FF          // Hiragana, Katakana
        | 0x31F0..=0x31FF        // Katakana extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width Katakana
        | 0x20000..=0x3134F      // CJK extensions B to G
        => Some(Spacing::Ideographic),
        0x0E00..=0x0EFF          // Thai, Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1780..=0x17FF        // Khmer
        => Some(Spacing::Unspaced),
        0x1100..=0x11FF          // Hangul Jamo
        | 0x3130..=0x318F        // Hangul compatibility Jamo
        | 0xA960..=0xA97F        // Hangul Jamo extended A
        | 0xAC00..=0xD7AF        // Hangul syllables
        => Some(Spacing::AttachedParticles),
        _ => None,
    }
}

/// Whether spaces fail to separate the words of `c`'s script, so that word tokenisation cannot find them (every
/// [`Spacing`]).
pub fn is_spaceless(c: char) -> bool {
    spacing(c).is_some()
}

/// Whether `text` has any character of a script that [`is_spaceless`].
pub fn has_spaceless(text: &str) -> bool {
    text.chars().any(is_spaceless)
}

/// Words in `text`: ideographic characters count half a word each (rounded up), every other run between spaces
/// one word. A run of ASCII characters holds no ideograph: it is one word without reading its characters.
pub fn word_count(text: &str) -> u32 {
    let ideographic = |c: char| spacing(c) == Some(Spacing::Ideographic);
    let mut words = 0u32;
    let mut ideographs = 0u32;
    for token in text.split_whitespace() {
        if token.is_ascii() {
            words = words.saturating_add(1);
            continue;
        }
        let count = token.chars().filter(|&c| ideographic(c)).count() as u32;
        ideographs = ideographs.saturating_add(count);
        if count == 0 || token.chars().any(|c| c.is_alphanumeric() && !ideographic(c)) {
            words = words.saturating_add(1);
        }
    }
    words.saturating_add(ideographs.div_ceil(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_has_its_spacing() {
        assert_eq!(spacing('中'), Some(Spacing::Ideographic));
        assert_eq!(spacing('か'), Some(Spacing::Ideographic));
        assert_eq!(spacing('ไ'), Some(Spacing::Unspaced));
        assert_eq!(spacing('한'), Some(Spacing::AttachedParticles));
        assert_eq!(spacing('a'), None);
        assert_eq!(spacing('ж'), None);
        assert!(has_spaceless("Seoul 서울") && !has_spaceless("Москва, Paris"));
    }

    #[test]
    fn ideographs_count_half_a_word_and_spaced_words_one() {
        assert_eq!(word_count("one two three"), 3);
        assert_eq!(word_count("中国经济"), 2);
        assert_eq!(word_count("中国经济 grows"), 3);
        assert_eq!(word_count("서울 시장"), 2);
        assert_eq!(word_count("日本語の文章"), 3);
        assert_eq!(word_count("북한 간부들에 경고"), 3);
    }

    #[test]
    fn a_word_count_reads_ascii_runs_whole_as_it_read_them_character_by_character() {
        // The count before ASCII runs were taken whole.
        let by_characters = |text: &str| {
            let ideographic = |c: char| spacing(c) == Some(Spacing::Ideographic);
            let (mut words, mut ideographs) = (0u32, 0u32);
            for token in text.split_whitespace() {
                let count = token.chars().filter(|&c| ideographic(c)).count() as u32;
                ideographs += count;
                if count == 0 || token.chars().any(|c| c.is_alphanumeric() && !ideographic(c)) {
                    words += 1;
                }
            }
            words + ideographs.div_ceil(2)
        };
        for text in [
            "",
            "  one\ttwo\x0bthree\x0cfour\r\nfive ",
            "— – … “quoted” words, 12 34",
            "中国经济 grows 3% in 2024年",
            "mixed日本 text\u{a0}with\u{2003}spaces \x1c\x1f",
            "!!! ?? -- ::",
            "北京。 上海、 東京",
        ] {
            assert_eq!(word_count(text), by_characters(text), "{text:?}");
        }
    }
}
