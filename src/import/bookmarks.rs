//! Netscape bookmark files, the format every browser exports (and Raindrop, Linkwarden, Karakeep, Pinboard):
//! `<DL>` lists of `<DT><H3>Folder</H3><DL>…</DL>` folders and `<DT><A HREF ADD_DATE TAGS>title</A>` bookmarks,
//! each bookmark optionally followed by `<DD>` and its description.
//!
//! The files are never well-formed (`<DT>` and `<p>` are not closed), so they are read as a list of tokens, not a
//! tree: a `<DL>` opens the folder named by the `<H3>` before it, `</DL>` closes it. The `<H1>` is the file's own
//! heading ("Bookmarks", Firefox's "Bookmarks Menu"), not a folder: the bookmarks directly under it are in no
//! folder; every `<H3>` is a folder, the browsers' own ("Bookmarks bar", "Bookmarks Toolbar", "Other bookmarks")
//! like any other. `ADD_DATE` is Unix seconds, or milliseconds or microseconds in some writers, told apart by size;
//! `TAGS` are separated by commas. Nothing is read as read or archived: a bookmark is Unread.

use super::fields::{self, Address};
use super::html_tokens::{HtmlToken, html_tokens, text_until};
use super::{ImportError, ImportedFile, ImportedItem, Origin};

/// What separates the tags in a bookmark's `TAGS` attribute.
const TAG_SEPARATOR: char = ',';

/// Reads a Netscape bookmark file.
pub(super) fn read(origin: Origin<'_>, bytes: &[u8]) -> Result<ImportedFile, ImportError> {
    let text = crate::decode::decode_page(bytes, None).text;
    let tokens = html_tokens(&text);
    let mut file = ImportedFile::default();
    // One entry per open <DL>: the folder it is, or `None` for a list without a heading (the top one).
    let mut open_lists: Vec<Option<String>> = Vec::new();
    // The name of the last <H3>, until the <DL> it heads.
    let mut folder_heading: Option<String> = None;
    // The bookmark just read, which a <DD> after it describes.
    let mut describable: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        let rest = &tokens[index + 1..];
        match token {
            HtmlToken::Start { name, line, .. } => match name.as_str() {
                "h3" => {
                    folder_heading = fields::one_line(&text_until(rest, |t| t.is_end("h3") || ends_entry(t)));
                    describable = None;
                }
                "dl" => {
                    open_lists.push(folder_heading.take());
                    describable = None;
                }
                "a" => {
                    // A heading not followed by its list names an empty folder; it must not head a later list.
                    folder_heading = None;
                    let title = text_until(rest, |t| t.is_end("a") || ends_entry(t));
                    let folder: Vec<String> = open_lists.iter().flatten().cloned().collect();
                    match bookmark_item(token, &title, folder).map_err(|reason| origin.at_line(*line, reason))? {
                        Some(item) => {
                            file.items.push(item);
                            describable = Some(file.items.len() - 1);
                        }
                        None => {
                            file.skipped_not_web += 1;
                            describable = None;
                        }
                    }
                }
                "dd" => {
                    if let Some(item) = describable.take().and_then(|i| file.items.get_mut(i)) {
                        item.description = fields::text(&text_until(rest, ends_entry));
                    }
                }
                "dt" | "h1" => describable = None,
                _ => {}
            },
            HtmlToken::End { name } if name == "dl" => {
                open_lists.pop();
                folder_heading = None;
                describable = None;
            }
            _ => {}
        }
    }
    Ok(file)
}

/// Whether a token ends the entry being read: the next entry, list, heading or description, or the end of a list.
fn ends_entry(token: &HtmlToken) -> bool {
    ["dt", "dd", "dl", "h1", "h3", "a"].iter().any(|tag| token.is_start(tag)) || token.is_end("dl")
}

/// The item of one `<A>`, or `None` when its address is not a web page's.
fn bookmark_item(link: &HtmlToken, title: &str, folder: Vec<String>) -> Result<Option<ImportedItem>, String> {
    let Address::Web(url) = fields::address(link.attribute("href"))? else {
        return Ok(None);
    };
    Ok(Some(ImportedItem {
        url,
        title: fields::one_line(title),
        tags: fields::tags(link.attribute("tags").unwrap_or_default().split(TAG_SEPARATOR)),
        folder,
        saved_at: fields::unix_time("ADD_DATE", link.attribute("add_date").unwrap_or_default())?,
        ..ImportedItem::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ReadState;
    use time::macros::datetime;

    fn fixture(name: &str) -> ImportedFile {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/bookmarks").join(name);
        read(Origin::file(name), &std::fs::read(path).unwrap()).unwrap()
    }

    fn folders_and_titles(file: &ImportedFile) -> Vec<(String, String)> {
        file.items.iter().map(|i| (i.folder.join("/"), i.title.clone().unwrap_or_default())).collect()
    }

    #[test]
    fn a_firefox_file_gives_folders_tags_dates_and_descriptions() {
        let file = fixture("firefox.html");
        assert_eq!(
            folders_and_titles(&file),
            [
                ("".into(), "Get Help".into()),
                ("Bookmarks Toolbar".into(), "News & views".into()),
                ("Bookmarks Toolbar/Reading/Long reads".into(), "The long one".into()),
                ("Bookmarks Toolbar/Reading".into(), "Back in Reading".into()),
                ("Other Bookmarks".into(), "Untagged".into()),
            ]
        );
        // The "Most Visited" place: query and a bookmarklet.
        assert_eq!(file.skipped_not_web, 2);
        let news = &file.items[1];
        assert_eq!(news.url, "https://news.example.org/?a=1&b=2");
        assert_eq!(news.tags, ["news", "daily & weekly"]);
        assert_eq!(news.saved_at, Some(datetime!(2023-07-22 4:26:40 UTC)));
        assert_eq!(news.description.as_deref(), Some("A <daily> read & more"));
        assert_eq!(news.state, ReadState::Unread);
        assert_eq!(file.items[2].description.as_deref(), Some("Two lines\nof notes"));
        assert_eq!(file.items[3].description, None);
        assert_eq!(file.items[4].tags, Vec::<String>::new());
    }

    #[test]
    fn a_chrome_file_keeps_its_bars_as_folders() {
        let file = fixture("chrome.html");
        assert_eq!(
            folders_and_titles(&file),
            [
                ("Bookmarks bar".into(), "Search".into()),
                ("Bookmarks bar/Work".into(), "Docs".into()),
                ("Bookmarks bar".into(), "After the folder".into()),
                ("Other bookmarks".into(), "Elsewhere".into()),
            ]
        );
        assert_eq!(file.skipped_not_web, 0);
        assert_eq!(file.items[0].saved_at, Some(datetime!(2020-09-13 12:26:40 UTC)));
    }

    #[test]
    fn dates_in_milliseconds_and_microseconds_are_read() {
        let html = "<DL><p><DT><A HREF=\"https://a.test/\" ADD_DATE=\"1600000000000\">ms</A>\n\
                    <DT><A HREF=\"https://b.test/\" ADD_DATE=\"1600000000000000\">µs</A></DL>";
        let file = read(Origin::file("raindrop.html"), html.as_bytes()).unwrap();
        let expected = Some(datetime!(2020-09-13 12:26:40 UTC));
        assert_eq!((file.items[0].saved_at, file.items[1].saved_at), (expected, expected));
    }

    #[test]
    fn malformed_bookmarks_name_the_line() {
        let html = "<DL><p>\n<DT><A HREF=\"https://a.test/\">A</A>\n<DT><A ADD_DATE=\"1\">No address</A>\n</DL>";
        assert_eq!(
            read(Origin::file("b.html"), html.as_bytes()).unwrap_err().to_string(),
            "b.html, line 3: the url is missing"
        );
        let html = "<DL><p>\n\n<DT><A HREF=\"https://a.test/\" ADD_DATE=\"yesterday\">A</A>\n</DL>";
        assert_eq!(
            read(Origin::file("b.html"), html.as_bytes()).unwrap_err().to_string(),
            "b.html, line 3: ADD_DATE \"yesterday\" is not a Unix time"
        );
    }

    #[test]
    fn an_empty_file_is_no_error() {
        assert_eq!(read(Origin::file("b.html"), b"").unwrap(), ImportedFile::default());
        let html = "<!DOCTYPE NETSCAPE-Bookmark-file-1><TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p></DL><p>";
        assert_eq!(read(Origin::file("b.html"), html.as_bytes()).unwrap(), ImportedFile::default());
    }
}
