//! The web addresses in a piece of text: a list pasted one per line, a file given to `cuttings add --from-file`,
//! or any text with links in it (an e-mail of the morning's coverage). One rule for the clip dialog and the command
//! line: every `http://` or `https://` address, and every line that is only a `www.` address, in order, each once,
//! without the punctuation that ends a sentence around it.

use crate::fetch::web_url;
use crate::store::NewJob;

/// How a list of addresses is filed: every clipping alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFiling {
    /// Folder path to file them in (`Politics/Korea`; missing folders are made when they are queued); `None` for
    /// the Inbox.
    pub folder: Option<String>,
    /// Tags, as typed.
    pub tags: Vec<String>,
    /// A first note on each.
    pub note: Option<String>,
}

/// The jobs that clip `addresses`, filed as `filing` says.
pub fn jobs_for_addresses(addresses: &[String], filing: &ListFiling) -> Vec<NewJob> {
    let subfolders: Vec<String> = filing
        .folder
        .as_deref()
        .map(|path| path.split('/').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    addresses
        .iter()
        .map(|url| NewJob {
            url: url.clone(),
            subfolders: subfolders.clone(),
            tags: filing.tags.clone(),
            note: filing.note.clone(),
            ..NewJob::default()
        })
        .collect()
}

/// Characters that end an address in running text.
fn ends_address(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
}

/// The addresses in `text`, in order of first appearance, each once (by their exact form).
pub fn addresses_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut push = |candidate: &str| {
        let trimmed = trim_trailing(candidate);
        if web_url(trimmed).is_ok() {
            let address = trimmed.to_string();
            if !found.contains(&address) {
                found.push(address);
            }
        }
    };
    for line in text.lines() {
        let bare = line.trim();
        if bare.len() > 4 && bare[..4].eq_ignore_ascii_case("www.") && !bare.contains(char::is_whitespace) {
            push(&format!("https://{bare}"));
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let mut from = 0;
        while let Some(offset) = lower[from..].find("http") {
            let start = from + offset;
            let rest = &lower[start..];
            if rest.starts_with("http://") || rest.starts_with("https://") {
                let end = line[start..].find(ends_address).map_or(line.len(), |e| start + e);
                push(&line[start..end]);
                from = end;
            } else {
                from = start + 4;
            }
        }
    }
    found
}

/// An address without the punctuation that ends the sentence it is in; a closing bracket stays when the address
/// opened one (`…/Sejong_(city)`).
fn trim_trailing(candidate: &str) -> &str {
    let mut address = candidate;
    loop {
        let Some(last) = address.chars().last() else { return address };
        let opens = |open: char| address.matches(open).count() >= address.matches(last).count();
        let keep = match last {
            ')' => opens('('),
            ']' => opens('['),
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => false,
            _ => true,
        };
        if keep {
            return address;
        }
        address = &address[..address.len() - last.len_utf8()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_per_line() {
        let text = "https://news.example/a\n  https://news.example/b  \n\nhttp://other.example/c?x=1#top\n";
        assert_eq!(
            addresses_in(text),
            ["https://news.example/a", "https://news.example/b", "http://other.example/c?x=1#top"]
        );
    }

    #[test]
    fn links_in_running_text_lose_the_sentence_around_them() {
        let text = "Coverage: https://news.example/a, and (see https://wiki.example/Sejong_(city)). Also \
                    <https://news.example/b>; \"https://news.example/c\"! Done: HTTPS://NEWS.EXAMPLE/D.";
        assert_eq!(
            addresses_in(text),
            [
                "https://news.example/a",
                "https://wiki.example/Sejong_(city)",
                "https://news.example/b",
                "https://news.example/c",
                "HTTPS://NEWS.EXAMPLE/D"
            ]
        );
    }

    #[test]
    fn repeats_non_web_and_bare_words_are_left_out() {
        let text = "https://news.example/a\nhttps://news.example/a\nftp://files.example/x\nhttp://\nhttpfoo\nwww.news.example/e";
        assert_eq!(addresses_in(text), ["https://news.example/a", "https://www.news.example/e"]);
    }
}
