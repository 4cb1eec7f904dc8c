//! When a page is better clipped from a browser: the rule behind the clip dialog's "Open in Cuttings' browser".
//!
//! Cuttings fetches pages without the user's cookies and runs no script, so three kinds of page defeat it that a
//! browser with the user's session gets right: a page that wants a login (the server answers 401 or 403), a
//! cookie-consent wall (the fetch lands on a consent platform's host or page instead of the article), and a page
//! built by script (nothing on it reads like an article). [`browser_reason`] says which, from a failed clip;
//! [`looks_like_consent_wall`] from a clipping that was prepared but is the wall rather than the article.
//! Pure: it reads what the clip already holds, and never fetches.

use super::{ClipError, PreparedClipping};
use crate::extract::ExtractError;
use crate::fetch::FetchError;
use crate::store::ClipSource;

/// Why a page is better opened in a browser with the user's own session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserReason {
    /// The site wants a login (HTTP 401 or 403).
    Login,
    /// The page is a cookie-consent wall, not the article.
    ConsentWall,
    /// The page is built by script: nothing on it as served reads like an article.
    Script,
}

impl BrowserReason {
    /// A stable identifier for the front ends: `login`, `consent_wall` or `script`.
    pub fn as_str(self) -> &'static str {
        match self {
            BrowserReason::Login => "login",
            BrowserReason::ConsentWall => "consent_wall",
            BrowserReason::Script => "script",
        }
    }
}

/// Whether a browser with the user's session would clip the page that failed with `error` (see [`browser_reason`]).
pub fn browser_would_help(error: &ClipError) -> bool {
    browser_reason(error).is_some()
}

/// Why a browser would clip the page that failed with `error`: a 401 or 403 answer wants a login; a page with no
/// article is most often built by script. `None` for every other failure (a dead link, a timeout, a cancel…), which
/// a browser would not fix.
pub fn browser_reason(error: &ClipError) -> Option<BrowserReason> {
    match error {
        ClipError::Fetch(FetchError::HttpStatus { status: 401 | 403, .. }) => Some(BrowserReason::Login),
        ClipError::NoArticle { consent_wall: true, .. } => Some(BrowserReason::ConsentWall),
        ClipError::NoArticle { .. } | ClipError::Unreadable { source: ExtractError::NoArticle, .. } => {
            Some(BrowserReason::Script)
        }
        _ => None,
    }
}

/// Why a browser would do better than this prepared clipping: [`BrowserReason::ConsentWall`] when it
/// [`looks_like_consent_wall`], else `None`; always `None` for a page that came from a browser already.
pub fn prepared_reason(prepared: &PreparedClipping) -> Option<BrowserReason> {
    let from_browser = prepared.source == ClipSource::Browser;
    (!from_browser && looks_like_consent_wall(prepared)).then_some(BrowserReason::ConsentWall)
}

/// Hosts that only ever serve consent pages, by how their names start: the big portals send every visitor
/// without a consent cookie there (`consent.google.com`, `consent.youtube.com`, `consent.yahoo.com`) and Yahoo's
/// and AOL's properties through `guce.` ("Global User Consent Experience").
const CONSENT_HOST_PREFIXES: &[&str] = &["consent.", "guce."];

/// Path segments of a site's own consent page (`https://www.example.com/consent?redirect=…`), compared whole and
/// ignoring case, so that an article about a consent decree is not one.
const CONSENT_PATH_SEGMENTS: &[&str] =
    &["consent", "cookie-consent", "cookieconsent", "collectconsent", "consent-management", "privacy-gate"];

/// Markers of the common consent-management platforms in a page's source (script hosts, globals, element ids),
/// lowercase. A marker alone proves nothing (most news sites load one of these on every article); it counts only
/// on a page with little text ([`WALL_MAX_TEXT_CHARS`]).
const CONSENT_PLATFORM_MARKERS: &[&str] = &[
    // OneTrust (and its CookieLaw CDN).
    "onetrust",
    "optanon",
    "cookielaw.org",
    // Cookiebot.
    "cookiebot",
    // Didomi.
    "didomi",
    // Quantcast Choice.
    "quantcast.mgr.consensu.org",
    "cmp.quantcast.com",
    "qc-cmp2",
    // Sourcepoint.
    "sourcepoint",
    "privacy-mgmt.com",
    "sp_message_container",
    // TrustArc (formerly TRUSTe).
    "trustarc",
    "truste.com",
    // Usercentrics.
    "usercentrics",
    // Consentmanager.
    "consentmanager.net",
    "cmpbox",
    // iubenda.
    "iubenda",
    // Google Funding Choices, CookieYes, Osano, Termly, Complianz, Borlabs, Klaro, and the IAB's TCF frame.
    "fundingchoicesmessages.google.com",
    "cookieyes",
    "osano.com",
    "termly.io",
    "cmplz-cookiebanner",
    "borlabs-cookie",
    "klaro",
    "__tcfapi",
];

/// A page with a consent platform's marker is a wall only when the text read from it is shorter than this: a
/// consent banner and a few links, not an article that merely loads the platform.
pub const WALL_MAX_TEXT_CHARS: usize = 600;

/// Only the start of a page is searched for markers: consent platforms load in the head or at the top of the body.
const MARKER_SEARCH_BYTES: usize = 512 * 1024;

/// Whether `prepared` is a cookie-consent wall rather than the article: its address (after redirects) is a consent
/// host ([`CONSENT_HOST_PREFIXES`]), or it has little text ([`WALL_MAX_TEXT_CHARS`]) and either a consent page's
/// address ([`CONSENT_PATH_SEGMENTS`]) or a consent platform's marker in its source
/// ([`CONSENT_PLATFORM_MARKERS`]).
pub fn looks_like_consent_wall(prepared: &PreparedClipping) -> bool {
    on_consent_host(&prepared.url)
        || (prepared.article.text.trim().chars().count() < WALL_MAX_TEXT_CHARS
            && is_consent_wall_page(&prepared.url, &prepared.original_page))
}

/// Whether a page known to have little or no text (`page`, at `url`) is a consent wall: a consent host, a consent
/// page's address, or a consent platform's marker in its source.
pub fn is_consent_wall_page(url: &url::Url, page: &[u8]) -> bool {
    let consent_path = url
        .path_segments()
        .into_iter()
        .flatten()
        .any(|segment| CONSENT_PATH_SEGMENTS.iter().any(|consent| segment.eq_ignore_ascii_case(consent)));
    on_consent_host(url) || consent_path || has_consent_marker(page)
}

/// Whether `url` is on a host that only serves consent pages ([`CONSENT_HOST_PREFIXES`]).
fn on_consent_host(url: &url::Url) -> bool {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    CONSENT_HOST_PREFIXES.iter().any(|prefix| host.starts_with(prefix))
}

/// Whether the start of `page` names a consent platform, ignoring case.
fn has_consent_marker(page: &[u8]) -> bool {
    let start = &page[..page.len().min(MARKER_SEARCH_BYTES)];
    let source = String::from_utf8_lossy(start).to_ascii_lowercase();
    CONSENT_PLATFORM_MARKERS.iter().any(|marker| source.contains(marker))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clip::prepare_bytes;
    use crate::extract::WholePage;

    fn prepared(url: &str, html: &str) -> PreparedClipping {
        let url = url::Url::parse(url).unwrap();
        prepare_bytes(html.as_bytes().to_vec(), Some(url), WholePage::Keep, Default::default()).unwrap()
    }

    /// A real article of several paragraphs, well over the wall's length.
    fn article_body() -> String {
        let paragraphs: String = (1..=5)
            .map(|n| {
                format!(
                    "<p>The harbour authority said on Tuesday that quay {n} along the northern shore of the bay \
                     would open in spring, after a winter of building that kept the ferries to the islands running on \
                     a reduced timetable and moved the fish market to a temporary hall near the station.</p>"
                )
            })
            .collect();
        format!("<article><h1>New quays open in spring</h1>{paragraphs}</article>")
    }

    const ONETRUST: &str = r#"<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"
        data-domain-script="0123"></script>"#;

    #[test]
    fn a_login_wall_and_a_page_without_article_want_a_browser() {
        let status = |status| {
            ClipError::Fetch(FetchError::HttpStatus {
                url: "https://news.example/a".into(),
                status,
                reason: "".into(),
                retry_after: None,
            })
        };
        assert_eq!(browser_reason(&status(401)), Some(BrowserReason::Login));
        assert_eq!(browser_reason(&status(403)), Some(BrowserReason::Login));
        assert!(browser_would_help(&status(403)));
        for other in [404, 410, 429, 500, 503] {
            assert!(!browser_would_help(&status(other)), "{other}");
        }
        let no_article = ClipError::NoArticle { url: "https://news.example/a".into(), consent_wall: false };
        assert_eq!(browser_reason(&no_article), Some(BrowserReason::Script));
        let wall = ClipError::NoArticle { url: "https://news.example/a".into(), consent_wall: true };
        assert_eq!(browser_reason(&wall), Some(BrowserReason::ConsentWall));
        assert!(wall.to_string().contains("cookie-consent wall"), "{wall}");
        let unreadable = |source| ClipError::Unreadable { url: "https://news.example/a".into(), source };
        assert_eq!(browser_reason(&unreadable(ExtractError::NoArticle)), Some(BrowserReason::Script));
        assert!(!browser_would_help(&unreadable(ExtractError::Cancelled)));
        assert!(!browser_would_help(&ClipError::EmptyPage));
        assert!(!browser_would_help(&ClipError::NoAddress));
        let timeout = FetchError::Timeout { url: "https://news.example/a".into(), limit: Default::default() };
        assert!(!browser_would_help(&ClipError::Fetch(timeout)));
    }

    #[test]
    fn the_big_portals_consent_hosts_are_walls_whatever_they_say() {
        let page = "<html><body><h1>Before you continue to Google</h1><p>We use cookies and data to deliver and \
            maintain services.</p><button>Accept all</button></body></html>";
        for url in [
            "https://consent.google.com/ml?continue=https://news.google.com/&gl=DE",
            "https://consent.youtube.com/m?continue=https://www.youtube.com/",
            "https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session",
            "https://guce.yahoo.com/consent?brandType=nonEu",
            "https://GUCE.aol.com/consent",
        ] {
            let prepared = prepared(url, page);
            assert!(looks_like_consent_wall(&prepared), "{url}");
            assert_eq!(prepared_reason(&prepared), Some(BrowserReason::ConsentWall));
            // Clipped from a browser, it is what the user saw: no browser would do better.
            let from_browser = PreparedClipping { source: ClipSource::Browser, ..prepared };
            assert_eq!(prepared_reason(&from_browser), None);
        }
    }

    #[test]
    fn a_short_page_of_a_consent_platform_is_a_wall() {
        let banners = [
            ONETRUST.to_string(),
            r#"<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="1"></script>"#.into(),
            r#"<script>window.didomiConfig = {};</script><div id="didomi-host"></div>"#.into(),
            r#"<script src="https://cmp.quantcast.com/choice/abc/news.example/choice.js"></script><div class="qc-cmp2-container"></div>"#.into(),
            r#"<script src="https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js"></script><div id="sp_message_container_123"></div>"#.into(),
            r#"<script src="https://consent.trustarc.com/notice?domain=news.example"></script>"#.into(),
            r#"<script id="usercentrics-cmp" src="https://app.usercentrics.eu/browser-ui/latest/loader.js"></script>"#.into(),
            r#"<script src="https://cdn.consentmanager.net/delivery/autoblocking/abc.js"></script><div id="cmpbox"></div>"#.into(),
            r#"<script src="https://cs.iubenda.com/autoblocking/123.js"></script>"#.into(),
        ];
        for banner in banners {
            let page = format!(
                "<html><head>{banner}</head><body><h1>We value your privacy</h1><p>We and our partners store \
                 and access information on your device. Accept to continue to the site.</p>\
                 <button>Accept</button><button>Manage choices</button></body></html>"
            );
            assert!(looks_like_consent_wall(&prepared("https://news.example/2026/12/quays", &page)), "{banner}");
        }
        // A site's own consent page, by its address.
        let page = "<html><body><h1>Cookies on this site</h1><p>Choose which cookies we may use.</p></body></html>";
        assert!(looks_like_consent_wall(&prepared("https://www.news.example/consent?redirect=/a/story", page)));
    }

    #[test]
    fn an_article_that_loads_a_consent_platform_is_not_a_wall() {
        let page = format!(
            "<html><head>{ONETRUST}<script>__tcfapi('addEventListener')</script></head><body>{}</body></html>",
            article_body()
        );
        let story = prepared("https://news.example/2026/12/quays", &page);
        assert!(story.article.text.chars().count() > WALL_MAX_TEXT_CHARS);
        assert!(!looks_like_consent_wall(&story));
        assert_eq!(prepared_reason(&story), None);
        // Nor is an article about consent, nor a short page with no platform at all.
        let consent_story = format!("<html><body>{}</body></html>", article_body());
        assert!(!looks_like_consent_wall(&prepared("https://news.example/consent-decree/quays", &consent_story)));
        let brief = "<html><body><article><h1>Ferry times</h1><p>The ferries run every hour from the quay, \
            from six in the morning.</p></article></body></html>";
        assert!(!looks_like_consent_wall(&prepared("https://news.example/ferries", brief)));
    }

    /// A consent wall with no article at all fails as no article, saying it is the wall, so the dialog's reason is
    /// right (the extractor drops consent dialogs, so such a page often has nothing else).
    #[test]
    fn a_consent_wall_with_nothing_else_fails_as_a_wall() {
        let page = format!(
            "<html><head>{ONETRUST}</head><body><div id=\"onetrust-banner-sdk\"><p>We value your \
            privacy</p><button>Accept all</button></div></body></html>"
        );
        let url = url::Url::parse("https://news.example/story").unwrap();
        let failed = super::super::prepare_bytes(
            page.into_bytes(),
            Some(url),
            super::super::WholePage::Refuse,
            Default::default(),
        );
        match failed {
            Err(error @ ClipError::NoArticle { consent_wall: true, .. }) => {
                assert_eq!(browser_reason(&error), Some(BrowserReason::ConsentWall))
            }
            Err(error) => panic!("expected a consent wall, got {error:?}"),
            Ok(prepared) => assert!(looks_like_consent_wall(&prepared), "{}", prepared.article.text),
        }
    }
}
