//! Text into Markdown: [`escape`] adds a backslash only where CommonMark (and GitHub's extensions: strikethrough,
//! tables) would otherwise read the text as markup, so that "10 Tips" stays "10 Tips" and "C#" stays "C#", while
//! `[x](javascript:…)`, `<b>` or `# ` print literally.
//!
//! A backslash escapes only ASCII punctuation in CommonMark ("\1" prints a backslash and a one), so the escape always
//! goes right before the punctuation that would start the construct: `10\. Tips`, never `\10. Tips`.

/// Where the escaped text goes in a line of Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// At the start of a line: a paragraph's line or a list item's text. Block markers are escaped too: `#` headings,
    /// `>` quotes, `-`/`+`/`*` and `1.`/`1)` list items, `---`/`===` rules and underlines.
    LineStart,
    /// Inside a line, after other text; also link text (`[` and `]` are always escaped).
    Inline,
    /// The text of an ATX heading, after `# `: a closing run of `#` at its end is escaped as well.
    Heading,
}

/// `text` as Markdown that reads back as the same text in `context`, on one line: line breaks become spaces, and
/// spaces and tabs at both ends are dropped (Markdown would drop them, and leading ones could make a code block).
///
/// Inline, it escapes `\` before punctuation or at the end, every `` ` ``, `[` and `]`; `*`, `_` and `~` unless
/// spaces surround them (and `_` between two letters or digits, which never emphasises); `<` before a letter, `/`,
/// `!` or `?` (a tag, an autolink, a comment); `&` that starts an entity such as `&amp;` or `&#42;`. `!` needs
/// nothing once `[` is escaped, and `|` matters only in tables, which no export writes text into.
pub fn escape(text: &str, context: Context) -> String {
    let one_line: String =
        text.replace("\r\n", " ").chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    let chars: Vec<char> = one_line.trim_matches([' ', '\t']).chars().collect();
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if inline_markup(c, prev, next, &chars[i + 1..]) {
            out.push('\\');
        }
        out.push(c);
    }
    match context {
        Context::Inline => {}
        Context::LineStart => escape_block_start(&mut out),
        Context::Heading => escape_closing_hashes(&mut out),
    }
    out
}

/// Whether `c` (between `prev` and `next`, followed by `rest`) could start or end inline markup.
fn inline_markup(c: char, prev: Option<char>, next: Option<char>, rest: &[char]) -> bool {
    let spaced =
        |p: Option<char>, n: Option<char>| p.is_some_and(char::is_whitespace) && n.is_some_and(char::is_whitespace);
    match c {
        // A backslash escapes the punctuation after it, or (at the end) whatever the caller writes next.
        '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
        '`' | '[' | ']' => true,
        // Delimiters with white space on both sides can neither open nor close emphasis or strikethrough.
        '*' | '~' => !spaced(prev, next),
        // An underscore inside a word never emphasises ("snake_case").
        '_' => {
            let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
            !(spaced(prev, next) || (word(prev) && word(next)))
        }
        '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        '&' => starts_entity(rest),
        _ => false,
    }
}

/// Whether the characters after an `&` make an entity or numeric character reference (`amp;`, `#42;`, `#x2A;`).
fn starts_entity(rest: &[char]) -> bool {
    let name: Vec<char> = rest.iter().copied().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
    !name.is_empty() && rest.get(name.len()) == Some(&';')
}

/// Escapes what would make `line` (already escaped inline) start a block other than a paragraph.
fn escape_block_start(line: &mut String) {
    if line.starts_with('\\') {
        // The first character is already escaped (a `*`, `` ` ``, `[`, `<`…), so no block starts here.
        return;
    }
    let spaced_after = |n: usize| line[n..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let only = |mark: char| line.contains(mark) && line.chars().all(|c| c == mark || c == ' ' || c == '\t');
    if ((1..=6).contains(&hashes) && spaced_after(hashes))
        || line.starts_with('>')
        || (line.starts_with(['-', '+']) && spaced_after(1))
        || only('-')
        || only('=')
    {
        // A heading, a quote, a list item, a thematic break or a setext underline.
        line.insert(0, '\\');
    } else if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) && spaced_after(digits + 1) {
        // An ordered list item: the escape goes before its `.` or `)`, as a backslash before a digit is no escape.
        line.insert(digits, '\\');
    }
}

/// Escapes a closing sequence of `#` at the end of heading text ("Issue #" would lose its "#").
fn escape_closing_hashes(text: &mut String) {
    let body = text.trim_end_matches('#');
    let closing = body.len() < text.len() && (body.is_empty() || body.ends_with([' ', '\t']));
    let at = body.len();
    if closing {
        text.insert(at, '\\');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// Strings that look like Markdown in some place of a line.
    const TRICKY: &[&str] = &[
        "10 Tips to Successfully Complete Online Courses",
        "1. First",
        "2024) A year",
        "123456789. Long number",
        "3.14 is pi",
        "# Not a heading",
        "###### Six",
        "####### Seven",
        "#hashtag",
        "Issue #",
        "C# and F#",
        "##",
        "> quoted",
        "- item",
        "+ item",
        "* item",
        "-",
        "--- rule",
        "---",
        "- - -",
        "***",
        "_ _ _",
        "===",
        "= sign",
        "*bold*",
        "**strong**",
        "2 * 3 * 4",
        "_under_",
        "snake_case_name",
        "__init__",
        "~~struck~~",
        "~tilde~",
        "about ~5 km",
        "`code`",
        "``",
        "[link](https://example.com)",
        "![image](x.png)",
        "[^1]",
        "[ ] task",
        "[x]: https://example.com",
        "Wow!",
        "<script>alert(1)</script>",
        "<https://example.com>",
        "<!-- comment -->",
        "a < b > c",
        "AT&T",
        "&amp; &#42; &#x2A; &copy;",
        "& alone;",
        "back\\slash",
        "ends with \\",
        "\\*not bold\\*",
        "pipe | table | cell",
        "  leading and trailing  ",
        "line one\nline two\r\nline three\rfour",
        "tab\there",
        "$x^2$ {braces} @handle",
        "#panic(\"x\") [link](javascript:alert(1)) *bold*",
        "```fenced",
        "~~~fenced",
        "    four spaces",
        "서울 시장 선거 결과",
        "مرحبا *بالعالم*",
        "http://www.example.com/a_b_c",
        "Emoji 🎉 *",
        "a\\",
    ];

    /// The input as it must read back: on one line, ends trimmed.
    fn expected(text: &str) -> String {
        let one_line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        one_line.trim_matches([' ', '\t']).to_string()
    }

    /// What a reader shows of `source` (text and code, breaks as spaces), and every block and inline tag it found.
    fn read_back(source: &str) -> (String, Vec<String>) {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let (mut text, mut tags) = (String::new(), Vec::<String>::new());
        for event in Parser::new_ext(source, options) {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::Start(tag) => tags.push(format!("{tag:?}").split(['(', ' ', '{']).next().unwrap_or("").into()),
                Event::End(TagEnd::Paragraph) => text.push('\n'),
                Event::End(_) => {}
                other => tags.push(format!("{other:?}")),
            }
        }
        (text, tags)
    }

    #[test]
    fn every_tricky_string_reads_back_as_itself_at_the_start_of_a_line() {
        for input in TRICKY {
            let escaped = escape(input, Context::LineStart);
            let (text, tags) = read_back(&format!("{escaped}\n"));
            assert_eq!(text, format!("{}\n", expected(input)), "{input:?} written as {escaped:?}");
            assert_eq!(tags, ["Paragraph"], "{input:?} written as {escaped:?} is one plain paragraph");
            // A second line of a paragraph: no setext underline, no list interrupting it.
            let (text, tags) = read_back(&format!("Before\n{escaped}\n"));
            assert_eq!(text, format!("Before {}\n", expected(input)), "{input:?} after a line");
            assert_eq!(tags, ["Paragraph"], "{input:?} after a line, written as {escaped:?}");
        }
    }

    #[test]
    fn every_tricky_string_reads_back_as_itself_in_a_heading() {
        for input in TRICKY {
            let escaped = escape(input, Context::Heading);
            let (text, tags) = read_back(&format!("# {escaped}\n"));
            assert_eq!(text, expected(input), "{input:?} written as {escaped:?}");
            assert_eq!(tags, ["Heading"], "{input:?} written as {escaped:?}");
        }
    }

    #[test]
    fn every_tricky_string_reads_back_as_itself_in_link_text_and_after_it() {
        for input in TRICKY {
            let escaped = escape(input, Context::Inline);
            let source = format!("- [{escaped}](<a b.md>) — {escaped}\n");
            let mut links = Vec::new();
            let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
            let (mut in_link, mut link_text) = (false, String::new());
            for event in Parser::new_ext(&source, options) {
                match event {
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        in_link = true;
                        links.push(dest_url.to_string());
                    }
                    Event::End(TagEnd::Link) => in_link = false,
                    Event::Text(t) | Event::Code(t) if in_link => link_text.push_str(&t),
                    _ => {}
                }
            }
            assert_eq!(links, ["a b.md"], "{input:?} written as {escaped:?} makes exactly our link");
            assert_eq!(link_text, expected(input), "{input:?} is the link text");
            let (text, tags) = read_back(&source);
            assert_eq!(text, format!("{} — {}", expected(input), expected(input)), "{input:?} as {escaped:?}");
            assert_eq!(tags, ["List", "Item", "Link"], "{input:?} written as {escaped:?}");
        }
    }

    #[test]
    fn nothing_more_than_needed_is_escaped() {
        let plain = [
            "10 Tips to Successfully Complete Online Courses",
            "3.14 is pi",
            "#hashtag",
            "C# and F#",
            "2 * 3 * 4",
            "snake_case_name",
            "a < b > c",
            "AT&T",
            "Wow!",
            "pipe | table | cell",
            "$x^2$ {braces} @handle",
            "####### Seven",
            "= sign",
            "서울 시장 선거 결과",
        ];
        for text in plain {
            assert_eq!(escape(text, Context::LineStart), text);
            assert_eq!(escape(text, Context::Heading), text);
            assert_eq!(escape(text, Context::Inline), text);
        }
        assert_eq!(escape("1. First", Context::LineStart), "1\\. First");
        assert_eq!(escape("1. First", Context::Inline), "1. First");
        assert_eq!(escape("2024) A year", Context::LineStart), "2024\\) A year");
        assert_eq!(escape("# Not a heading", Context::LineStart), "\\# Not a heading");
        assert_eq!(escape("# Not a heading", Context::Heading), "# Not a heading");
        assert_eq!(escape("Issue #", Context::Heading), "Issue \\#");
        assert_eq!(escape("- item", Context::LineStart), "\\- item");
        assert_eq!(escape("---", Context::LineStart), "\\---");
        assert_eq!(escape("[x](y)", Context::Inline), "\\[x\\](y)");
        assert_eq!(escape("&amp; AT&T", Context::Inline), "\\&amp; AT&T");
        assert_eq!(escape("<b> a < b", Context::Inline), "\\<b> a < b");
    }
}
