//! An HTML export read as a flat list of tokens, each tag with its line. Bookmark files and Pocket's
//! `ril_export.html` are never well-formed (`<DT>` and `<p>` are never closed, `<DL>` sits inside `<DT>`), and what
//! matters in them is the order of a few tags, not the tree a browser would build; the html5ever tokenizer reads
//! any bytes without failing, decodes character references (in text and attributes) exactly once, lower-cases tag
//! and attribute names, and counts lines, so an error can say where.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::RefCell;

/// One token of an HTML export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum HtmlToken {
    /// A start tag: its name and attributes in lower case, and the line it ends on.
    Start { name: String, attributes: Vec<(String, String)>, line: u64 },
    /// An end tag, in lower case.
    End { name: String },
    /// Text between tags, references decoded (consecutive pieces joined).
    Text(String),
}

impl HtmlToken {
    /// Whether this is the start tag `name` (lower case).
    pub fn is_start(&self, tag: &str) -> bool {
        matches!(self, HtmlToken::Start { name, .. } if name == tag)
    }

    /// Whether this is the end tag `name` (lower case).
    pub fn is_end(&self, tag: &str) -> bool {
        matches!(self, HtmlToken::End { name } if name == tag)
    }

    /// The value of the attribute `name` (lower case) of a start tag.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        match self {
            HtmlToken::Start { attributes, .. } => {
                attributes.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
            }
            _ => None,
        }
    }
}

/// The tokens of `html`, in order. Comments, the doctype and parse errors are left out.
pub(super) fn html_tokens(html: &str) -> Vec<HtmlToken> {
    let tokenizer = Tokenizer::new(TokenList::default(), TokenizerOpts { discard_bom: true, ..Default::default() });
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.into_inner()
}

/// The text of `tokens`, from the first up to the first one that `stops` accepts (tags in between are passed over).
pub(super) fn text_until(tokens: &[HtmlToken], stops: impl Fn(&HtmlToken) -> bool) -> String {
    let mut text = String::new();
    for token in tokens.iter().take_while(|t| !stops(t)) {
        if let HtmlToken::Text(piece) = token {
            text.push_str(piece);
        }
    }
    text
}

/// The sink that keeps the tokens.
#[derive(Default)]
struct TokenList {
    tokens: RefCell<Vec<HtmlToken>>,
}

impl TokenSink for TokenList {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                tokens.push(match tag.kind {
                    TagKind::StartTag => HtmlToken::Start {
                        name,
                        attributes: tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect(),
                        line: line_number,
                    },
                    TagKind::EndTag => HtmlToken::End { name },
                });
            }
            Token::CharacterTokens(text) => match tokens.last_mut() {
                Some(HtmlToken::Text(last)) => last.push_str(&text),
                _ => tokens.push(HtmlToken::Text(text.to_string())),
            },
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_come_with_their_lines_and_text_decoded_once() {
        let tokens = html_tokens(
            "<DL><p>\n<DT><A HREF=\"https://a.test/?x=1&amp;y=2\" TAGS=\"a&amp;b\">Q&amp;A &amp;amp;</A>\n</DL>",
        );
        assert_eq!(
            tokens,
            [
                HtmlToken::Start { name: "dl".into(), attributes: vec![], line: 1 },
                HtmlToken::Start { name: "p".into(), attributes: vec![], line: 1 },
                HtmlToken::Text("\n".into()),
                HtmlToken::Start { name: "dt".into(), attributes: vec![], line: 2 },
                HtmlToken::Start {
                    name: "a".into(),
                    attributes: vec![("href".into(), "https://a.test/?x=1&y=2".into()), ("tags".into(), "a&b".into())],
                    line: 2
                },
                HtmlToken::Text("Q&A &amp;".into()),
                HtmlToken::End { name: "a".into() },
                HtmlToken::Text("\n".into()),
                HtmlToken::End { name: "dl".into() },
            ]
        );
        assert_eq!(tokens[4].attribute("tags"), Some("a&b"));
    }
}
