//! Fetching a page over HTTP and decoding it to text. The only module of the core that touches the network.
//!
//! [`Fetcher`] holds one HTTP client (rustls, gzip/brotli/deflate, no cookie store) and turns a URL into a
//! [`FetchedPage`]: redirects followed and the final URL recorded, the body streamed and cut off past a size limit,
//! only HTML and XHTML accepted, the text decoded by [`crate::decode`]. Every failure is a [`FetchError`] a user can
//! read. This module never parses HTML and never writes anything anywhere.

mod error;
mod guard;
mod resource;
mod sniff;

pub use error::FetchError;
pub use guard::{Reach, is_global};
pub use resource::FetchedResource;

use crate::decode::decode_page;
use error::{Limits, RedirectRefusal, classify};
use guard::{GuardedResolver, refusal_as_written, typed_address_is_private};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use std::time::Duration;
use url::Url;

/// The `User-Agent` sent with every request: names the program so site owners can tell who is asking.
pub const USER_AGENT: &str = concat!("Cuttings/", env!("CARGO_PKG_VERSION"), " (+press clipping manager)");

/// The `Accept` header: web pages first, anything else only if that is all there is.
const ACCEPT_PAGES: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

/// Share of a body's non-ASCII bytes that may be malformed UTF-8 before a `charset=utf-8` header is disbelieved.
/// A stray byte or two in a UTF-8 page is common; a page in a legacy encoding is malformed almost everywhere.
const MAX_MALFORMED_UTF8_SHARE: f64 = 0.1;

/// The limits a [`Fetcher`] works under. The defaults suit real use; tests shorten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchLimits {
    /// How long to wait for a TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// How long the whole request may take, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// The largest body read, after decompression; reading stops as soon as it is passed.
    pub max_body_bytes: u64,
    /// How many redirects are followed before giving up.
    pub max_redirects: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body_bytes: 20 * 1024 * 1024,
            max_redirects: 10,
        }
    }
}

/// A web page as received, with its text decoded.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// The URL asked for.
    pub requested_url: Url,
    /// The URL the page was finally served from, after redirects.
    pub final_url: Url,
    /// What the request could reach: [`Reach::PrivateAllowed`] only when the user typed an address on their own
    /// network. The page's own images are fetched under the same reach.
    pub reach: Reach,
    /// The HTTP status of the final response (always a success status).
    pub status: u16,
    /// The `Content-Type` header as the server sent it, if any.
    pub content_type: Option<String>,
    /// The body as received, after HTTP decompression.
    pub bytes: Vec<u8>,
    /// The body decoded to text.
    pub text: String,
    /// The WHATWG name of the encoding the body was decoded from (`UTF-8`, `EUC-KR`, …).
    pub encoding: &'static str,
}

/// Downloads web pages and the files they use: the one road from the core to the network. Cheap to share (two
/// clients, each with its own connection pool).
///
/// Every request has a [`Reach`] (see `guard.rs`): [`Reach::PublicOnly`] requests go through a client whose
/// resolver drops non-global addresses and whose redirect policy refuses every hop to a non-global address as
/// written; only a page the user typed on their own network is fetched with [`Reach::PrivateAllowed`].
#[derive(Debug, Clone)]
pub struct Fetcher {
    /// The guarded client, for [`Reach::PublicOnly`].
    public: reqwest::Client,
    /// The client for [`Reach::PrivateAllowed`].
    private: reqwest::Client,
    limits: FetchLimits,
}

impl Fetcher {
    /// A fetcher with the default limits (10 s to connect, 30 s in all, 20 MiB, 10 redirects).
    pub fn new() -> Result<Self, FetchError> {
        Self::with_limits(FetchLimits::default())
    }

    /// A fetcher with the given limits, using the proxies of the environment (`HTTP_PROXY`, `HTTPS_PROXY`,
    /// `ALL_PROXY`, `NO_PROXY`) if any.
    pub fn with_limits(limits: FetchLimits) -> Result<Self, FetchError> {
        Self::build(limits, None)
    }

    /// A fetcher that sends every request through `proxy` (an `http://` proxy), except to the hosts of `no_proxy`
    /// (a `NO_PROXY`-style list), instead of the environment's proxies. This is how the tests make public-looking
    /// hosts (`news.example`) on a local proxy server.
    pub fn with_proxy(limits: FetchLimits, proxy: &Url, no_proxy: Option<&str>) -> Result<Self, FetchError> {
        let setup = |e: reqwest::Error| FetchError::ClientSetup { reason: format!("proxy {proxy}: {e}") };
        let proxy_setting = reqwest::Proxy::all(proxy.clone())
            .map_err(setup)?
            .no_proxy(no_proxy.and_then(reqwest::NoProxy::from_string));
        Self::build(limits, Some((proxy, proxy_setting)))
    }

    fn build(limits: FetchLimits, proxy: Option<(&Url, reqwest::Proxy)>) -> Result<Self, FetchError> {
        let proxy_hosts = guard::proxy_hosts(proxy.as_ref().map(|(url, _)| *url));
        let client = |reach: Reach| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_PAGES));
            // No cookie store: reqwest keeps no cookies unless one is given, and none is.
            let mut builder = reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .default_headers(headers)
                .connect_timeout(limits.connect_timeout)
                .timeout(limits.timeout)
                .redirect(redirect_policy(limits.max_redirects, reach))
                .dns_resolver(GuardedResolver::new(reach, proxy_hosts.clone()));
            if let Some((_, setting)) = &proxy {
                builder = builder.no_proxy().proxy(setting.clone());
            }
            builder.build().map_err(|e| FetchError::ClientSetup { reason: e.to_string() })
        };
        Ok(Fetcher { public: client(Reach::PublicOnly)?, private: client(Reach::PrivateAllowed)?, limits })
    }

    /// The client for requests under `reach`; under [`Reach::PublicOnly`], `url` as written must be global too
    /// (IP literals never reach the resolver).
    fn client_for(&self, url: &Url, shown: &str, reach: Reach) -> Result<&reqwest::Client, FetchError> {
        match reach {
            Reach::PrivateAllowed => Ok(&self.private),
            Reach::PublicOnly => match refusal_as_written(url) {
                Some(refusal) => Err(FetchError::PrivateAddress { url: shown.to_string(), host: refusal.host }),
                None => Ok(&self.public),
            },
        }
    }

    /// The limits this fetcher works under.
    pub fn limits(&self) -> &FetchLimits {
        &self.limits
    }

    /// Fetches the page at `url` (http or https only), an address the user gave, and decodes it.
    ///
    /// The page may be on the user's own network if `url` itself is (an intranet page they typed: see
    /// [`Reach::PrivateAllowed`]); a public address is fetched under [`Reach::PublicOnly`], so that no redirect
    /// leads it into the private network. [`FetchedPage::reach`] says which, for the page's images.
    ///
    /// Stages: 1. check the URL and choose its reach; 2. send the request, following redirects; 3. refuse an error status or a
    /// declared non-HTML type before reading the body; 4. stream the body, stopping past the size limit;
    /// 5. refuse an empty body or one whose bytes are not a web page; 6. decode the text.
    pub async fn fetch(&self, url: &str) -> Result<FetchedPage, FetchError> {
        self.fetch_within(url, None).await
    }

    /// Fetches a page whose address came from another page (a link clipped from the browser's menu), always under
    /// [`Reach::PublicOnly`]: a link on a page, even one the user chose, never leads into their own network.
    pub async fn fetch_link(&self, url: &str) -> Result<FetchedPage, FetchError> {
        self.fetch_within(url, Some(Reach::PublicOnly)).await
    }

    /// [`Fetcher::fetch`] under `reach`, or the reach the typed address itself allows when `None`.
    async fn fetch_within(&self, url: &str, reach: Option<Reach>) -> Result<FetchedPage, FetchError> {
        // 1. Only web addresses; the message quotes what the user typed.
        let shown = url.trim();
        let requested_url = web_url(shown)?;
        let limits = Limits { connect_timeout: self.limits.connect_timeout, timeout: self.limits.timeout };
        let network = |e: reqwest::Error| classify(shown, &e, &limits);
        let reach = match reach {
            Some(reach) => reach,
            None if typed_address_is_private(&requested_url).await => Reach::PrivateAllowed,
            None => Reach::PublicOnly,
        };
        let client = self.client_for(&requested_url, shown, reach)?;

        // 2. Redirects are followed inside `send`, under `redirect_policy`.
        let mut response = client.get(requested_url.clone()).send().await.map_err(network)?;
        let status = response.status();
        let final_url = response.url().clone();

        // 3. Dropping `response` early closes the connection without reading the body.
        if status.is_redirection()
            && let Some(location) = response.headers().get(LOCATION)
        {
            // reqwest hands back, unfollowed, a redirect whose target is not http(s) or not a URL at all.
            return Err(FetchError::BadRedirect {
                url: shown.to_string(),
                target: String::from_utf8_lossy(location.as_bytes()).trim().to_string(),
            });
        }
        if !status.is_success() {
            return Err(FetchError::HttpStatus {
                url: shown.to_string(),
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("(an unknown status)").to_string(),
                retry_after: response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(error::retry_after),
            });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_string());
        if !sniff::header_allows_page(content_type.as_deref()) {
            let declared = content_type.as_deref().map(sniff::essence).unwrap_or_default();
            return Err(FetchError::NotAWebPage { url: shown.to_string(), content_type: declared });
        }
        let too_large = || FetchError::TooLarge { url: shown.to_string(), limit: self.limits.max_body_bytes };
        if response.content_length().is_some_and(|len| len > self.limits.max_body_bytes) {
            return Err(too_large());
        }

        // 4. Chunks arrive decompressed, so the limit also stops a compression bomb.
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if (bytes.len() + chunk.len()) as u64 > self.limits.max_body_bytes {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }

        // 5. The bytes have the last word on what the body is.
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(FetchError::EmptyPage { url: shown.to_string() });
        }
        if let Err(content_type) = sniff::check_page(content_type.as_deref(), &bytes) {
            return Err(FetchError::NotAWebPage { url: shown.to_string(), content_type });
        }

        // 6. The header's charset first, unless the bytes prove it wrong (see `vetted_header_charset`).
        let header_charset = content_type.as_deref().and_then(sniff::charset_parameter);
        let decoded = decode_page(&bytes, vetted_header_charset(header_charset.as_deref(), &bytes));
        Ok(FetchedPage {
            requested_url,
            final_url,
            reach,
            status: status.as_u16(),
            content_type,
            bytes,
            text: decoded.text,
            encoding: decoded.encoding,
        })
    }
}

/// Fetches `url` with the default limits on a runtime of its own, for callers without one (the command line).
///
/// Must not be called from inside a tokio runtime (tokio refuses to nest runtimes); use [`Fetcher::fetch`] there.
pub fn fetch_blocking(url: &str) -> Result<FetchedPage, FetchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::ClientSetup { reason: format!("starting the network runtime: {e}") })?;
    let fetcher = Fetcher::new()?;
    runtime.block_on(fetcher.fetch(url))
}

/// Parses `input` as an http or https URL, or says plainly why it is not one.
pub fn web_url(input: &str) -> Result<Url, FetchError> {
    let input = input.trim();
    let bad = |reason: String| FetchError::BadUrl { url: input.to_string(), reason };
    let url = Url::parse(input).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            bad("this is not a web address (it should start with http:// or https://)".to_string())
        }
        other => bad(format!("this is not a valid web address ({other})")),
    })?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        "http" | "https" => Err(bad("the address has no host name".to_string())),
        scheme => Err(bad(format!("only http and https addresses can be fetched, not {scheme}:"))),
    }
}

/// Follows at most `max` redirects to http or https addresses, and reports a loop as soon as an address repeats.
/// Under [`Reach::PublicOnly`] a hop to a non-global address as written is refused (host names are judged again
/// by the resolver when the hop connects).
fn redirect_policy(max: usize, reach: Reach) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let next = attempt.url().clone();
        if !matches!(next.scheme(), "http" | "https") {
            return attempt.error(RedirectRefusal::NotWeb(next));
        }
        if reach == Reach::PublicOnly && refusal_as_written(&next).is_some() {
            return attempt.error(RedirectRefusal::Private(next));
        }
        // `previous` holds the first URL and every redirect target so far.
        if attempt.previous().iter().any(|seen| same_address(seen, &next)) {
            return attempt.error(RedirectRefusal::Loop(next));
        }
        if attempt.previous().len() > max {
            return attempt.error(RedirectRefusal::TooMany(max));
        }
        attempt.follow()
    })
}

/// Whether two URLs name the same resource (the fragment is never sent, so it does not count).
fn same_address(a: &Url, b: &Url) -> bool {
    a.as_str().split('#').next() == b.as_str().split('#').next()
}

/// The header charset to decode with, after checking it against the bytes.
///
/// The header comes first, as in browsers, except where the bytes prove it false — the common misconfiguration
/// being a server-wide `charset=ISO-8859-1` (or a `utf-8` default) in front of pages written otherwise:
/// - a legacy charset on a body that is valid UTF-8 and not plain ASCII: UTF-8 is meant (legacy-encoded text is
///   practically never valid UTF-8 by chance);
/// - `utf-8` on a body that is mostly malformed UTF-8: the header is ignored and the BOM, `<meta>` or the bytes
///   decide.
fn vetted_header_charset<'a>(header: Option<&'a str>, bytes: &[u8]) -> Option<&'a str> {
    let label = header?;
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    let (non_ascii, malformed) = utf8_malformed_bytes(bytes);
    if encoding == encoding_rs::UTF_8 {
        let share = if non_ascii == 0 { 0.0 } else { malformed as f64 / non_ascii as f64 };
        return (share <= MAX_MALFORMED_UTF8_SHARE).then_some(label);
    }
    let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    if !utf16 && non_ascii > 0 && malformed == 0 {
        return Some("utf-8");
    }
    Some(label)
}

/// Counts the non-ASCII bytes of `bytes` and how many of them are not part of a well-formed UTF-8 sequence.
fn utf8_malformed_bytes(bytes: &[u8]) -> (usize, usize) {
    let count_non_ascii = |b: &[u8]| b.iter().filter(|&&byte| byte >= 0x80).count();
    let (mut non_ascii, mut malformed) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => return (non_ascii + count_non_ascii(rest), malformed),
            Err(e) => {
                let valid = e.valid_up_to();
                let bad = e.error_len().unwrap_or(rest.len() - valid);
                non_ascii += count_non_ascii(&rest[..valid]) + bad;
                malformed += bad;
                rest = &rest[valid + bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_header_on_utf8_bytes_means_utf8() {
        assert_eq!(vetted_header_charset(Some("ISO-8859-1"), "café".as_bytes()), Some("utf-8"));
        // Pure ASCII proves nothing: the header stands.
        assert_eq!(vetted_header_charset(Some("ISO-8859-1"), b"cafe"), Some("ISO-8859-1"));
        // Real Latin-1 is not valid UTF-8: the header stands.
        assert_eq!(vetted_header_charset(Some("iso-8859-1"), b"caf\xe9"), Some("iso-8859-1"));
    }

    #[test]
    fn utf8_header_on_legacy_bytes_is_dropped_but_a_stray_byte_is_forgiven() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Новости дня");
        assert_eq!(vetted_header_charset(Some("utf-8"), &cyrillic), None);
        let mostly_utf8 = [("Ελληνικά κείμενα ".repeat(5)).as_bytes(), b"\xff"].concat();
        assert_eq!(vetted_header_charset(Some("utf-8"), &mostly_utf8), Some("utf-8"));
    }

    #[test]
    fn unknown_header_label_is_passed_through() {
        assert_eq!(vetted_header_charset(Some("x-klingon"), "café".as_bytes()), None);
    }

    #[test]
    fn malformed_count_handles_truncated_sequences() {
        assert_eq!(utf8_malformed_bytes(b"ab\xc3"), (1, 1));
        assert_eq!(utf8_malformed_bytes("é\u{1F600}".as_bytes()), (6, 0));
    }
}
