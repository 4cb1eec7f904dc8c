//! The Internet Archive's Wayback Machine, for a page that is gone: its availability API says whether it holds a
//! copy (`GET {base}/wayback/available?url=…`), and the copy is then clipped in its original form (the `id_`
//! address, without the Wayback toolbar), saved under the page's own address with a note saying which copy it is.
//! The base address is configurable (`CUTTINGS_WAYBACK_URL`), so that tests use a local fake; requests go through
//! the [`Fetcher`] under [`Reach::PublicOnly`], like any address a page supplies.

use std::time::Duration;

use url::Url;

use crate::fetch::{Fetcher, Reach};

/// The availability API's default base address.
pub const DEFAULT_BASE: &str = "https://archive.org";

/// The largest answer read from the availability API.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;

/// How long the availability API may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A copy of a page in the Wayback Machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedCopy {
    /// The address of the copy as the page was served (`…/web/20190302123456id_/http://…`).
    pub url: String,
}

impl ArchivedCopy {
    /// The day the copy was taken (`2019-03-02`), read from its address.
    pub fn taken(&self) -> Option<String> {
        let stamp = self.url.split("/web/").nth(1)?.get(..8)?;
        stamp.bytes().all(|b| b.is_ascii_digit()).then(|| format!("{}-{}-{}", &stamp[..4], &stamp[4..6], &stamp[6..]))
    }

    /// The note saved with a clipping made from this copy.
    pub fn note(&self) -> String {
        match self.taken() {
            Some(day) => format!(
                "The page was gone; this is the Internet Archive's copy of {day} (Wayback Machine: <{}>).",
                self.url
            ),
            None => {
                format!("The page was gone; this is the Internet Archive's copy (Wayback Machine: <{}>).", self.url)
            }
        }
    }
}

/// Asks the availability API at `base` for the closest copy of `url`; `None` when there is none, or the API cannot
/// be reached or answers something else (a failed lookup only means no copy is offered).
pub async fn find_copy(fetcher: &Fetcher, base: &Url, url: &str) -> Option<ArchivedCopy> {
    let mut query = base.join("wayback/available").ok()?;
    query.query_pairs_mut().append_pair("url", url);
    let answer =
        fetcher.fetch_resource(query.as_str(), Reach::PublicOnly, MAX_ANSWER_BYTES, TIMEOUT, None).await.ok()?;
    copy_in_answer(&answer.bytes)
}

/// The copy an availability answer names: `archived_snapshots.closest`, available, with a 2xx status and an
/// http(s) address, turned into its `id_` form.
fn copy_in_answer(bytes: &[u8]) -> Option<ArchivedCopy> {
    let answer: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let closest = answer.get("archived_snapshots")?.get("closest")?;
    if closest.get("available").and_then(serde_json::Value::as_bool) != Some(true) {
        return None;
    }
    if let Some(status) = closest.get("status").and_then(serde_json::Value::as_str)
        && !status.starts_with('2')
    {
        return None;
    }
    let address = Url::parse(closest.get("url")?.as_str()?).ok()?;
    if !matches!(address.scheme(), "http" | "https") {
        return None;
    }
    Some(ArchivedCopy { url: original_form(address.as_str()) })
}

/// `…/web/20190302123456/http://…` as `…/web/20190302123456id_/http://…`: the page as it was served.
fn original_form(address: &str) -> String {
    let Some((before, after)) = address.split_once("/web/") else { return address.to_string() };
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || after[digits..].starts_with("id_") {
        return address.to_string();
    }
    format!("{before}/web/{}id_{}", &after[..digits], &after[digits..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_copy_is_taken_in_its_original_form() {
        let answer = br#"{"url":"example.com/a","archived_snapshots":{"closest":{"status":"200","available":true,
            "url":"http://web.archive.org/web/20190302123456/http://example.com/a","timestamp":"20190302123456"}}}"#;
        let copy = copy_in_answer(answer).expect("a copy");
        assert_eq!(copy.url, "http://web.archive.org/web/20190302123456id_/http://example.com/a");
        assert_eq!(copy.taken().as_deref(), Some("2019-03-02"));
        assert!(copy.note().contains("copy of 2019-03-02"), "{}", copy.note());
    }

    #[test]
    fn no_copy_without_an_available_snapshot() {
        assert_eq!(copy_in_answer(br#"{"url":"x","archived_snapshots":{}}"#), None);
        assert_eq!(
            copy_in_answer(br#"{"archived_snapshots":{"closest":{"available":false,"url":"http://a/web/1/x"}}}"#),
            None
        );
        assert_eq!(
            copy_in_answer(
                br#"{"archived_snapshots":{"closest":{"available":true,"status":"404","url":"http://a/web/1/x"}}}"#
            ),
            None
        );
        assert_eq!(copy_in_answer(b"<html>not json</html>"), None);
    }
}
