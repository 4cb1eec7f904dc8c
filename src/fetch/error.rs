//! Why a page could not be fetched: [`FetchError`], one variant per thing a user can be told, each with a stable
//! [`FetchError::code`] for the UI. Turning a `reqwest::Error` into a variant happens here and nowhere else.

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

/// Why fetching a page failed. Every message starts with "fetching URL:" (the URL as the user gave it).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The address is not an http or https URL (unparsable, `file:`, `javascript:`, …).
    #[error("fetching {url}: {reason}")]
    BadUrl { url: String, reason: String },
    /// A redirect pointed at an address that is not http or https.
    #[error("fetching {url}: the server redirected to {target}, which is not a web address")]
    BadRedirect { url: String, target: String },
    /// The server answered with an HTTP error status (4xx, 5xx, or a 3xx without a usable `Location`).
    /// `retry_after` is how long its `Retry-After` header asks to wait (429 and 503 send one), if it sent one.
    #[error("fetching {url}: the server answered {status} {reason}")]
    HttpStatus { url: String, status: u16, reason: String, retry_after: Option<Duration> },
    /// The server accepted no connection within the connect timeout.
    #[error("fetching {url}: the server did not accept a connection within {} seconds", secs(.limit))]
    ConnectTimeout { url: String, limit: Duration },
    /// The whole request (connection, answer and body) took longer than allowed.
    #[error("fetching {url}: the server did not send the page within {} seconds", secs(.limit))]
    Timeout { url: String, limit: Duration },
    /// The host name could not be resolved.
    #[error("fetching {url}: the address {host} could not be found (check the spelling or your connection)")]
    Dns { url: String, host: String },
    /// Nothing listens at the address: the connection was refused.
    #[error("fetching {url}: the server at {host} refused the connection")]
    ConnectionRefused { url: String, host: String },
    /// Any other network failure (reset connection, TLS failure, corrupt compressed body, …).
    #[error("fetching {url}: {reason}")]
    Network { url: String, reason: String },
    /// The body is larger than the limit; reading stopped there.
    #[error("fetching {url}: the page is larger than {} MiB, the most Cuttings reads", .limit / (1024 * 1024))]
    TooLarge { url: String, limit: u64 },
    /// The server sent something that is not an HTML or XHTML page (a PDF, an image, JSON, …).
    #[error("fetching {url}: this is {}, not a web page", describe_content_type(.content_type))]
    NotAWebPage { url: String, content_type: String },
    /// The redirects came back to an address already visited.
    #[error("fetching {url}: the server redirects in a loop (back to {target})")]
    RedirectLoop { url: String, target: String },
    /// More redirects than allowed, without a loop.
    #[error("fetching {url}: the server redirected more than {limit} times")]
    TooManyRedirects { url: String, limit: usize },
    /// The address is on a private or reserved network (as written or as resolved) and the request may only reach
    /// public addresses: a page from the internet may not make Cuttings reach into the user's own network.
    #[error(
        "fetching {url}: refused: {host} is an address on a private or reserved network, which a page from the internet may not reach"
    )]
    PrivateAddress { url: String, host: String },
    /// A redirect pointed into a private or reserved network.
    #[error("fetching {url}: refused: the server redirected to {target}, an address on a private or reserved network")]
    PrivateRedirect { url: String, target: String },
    /// The server answered with an empty body.
    #[error("fetching {url}: the server sent an empty page")]
    EmptyPage { url: String },
    /// The HTTP client or its runtime could not be set up (no TLS roots, no threads, …).
    #[error("setting up the HTTP client: {reason}")]
    ClientSetup { reason: String },
}

impl FetchError {
    /// A stable identifier of the kind of failure, for the UI to branch on (never branch on the message).
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::BadUrl { .. } | FetchError::BadRedirect { .. } => "bad_url",
            FetchError::HttpStatus { .. } => "http_status",
            FetchError::ConnectTimeout { .. } | FetchError::Timeout { .. } => "timeout",
            FetchError::Dns { .. } | FetchError::ConnectionRefused { .. } | FetchError::Network { .. } => "network",
            FetchError::ClientSetup { .. } => "network",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::NotAWebPage { .. } => "not_a_web_page",
            FetchError::RedirectLoop { .. } | FetchError::TooManyRedirects { .. } => "redirect_loop",
            FetchError::EmptyPage { .. } => "empty_page",
            FetchError::PrivateAddress { .. } | FetchError::PrivateRedirect { .. } => "private_address",
        }
    }
}

/// How long a `Retry-After` header asks to wait: a number of seconds or an HTTP date (RFC 9110), counted from now;
/// `None` when it is neither. A date in the past is no wait.
pub(crate) fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let date = time::PrimitiveDateTime::parse(value, &format).ok()?.assume_utc();
    let wait = date - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// Whole seconds for a message; a sub-second test limit reads "0.2" rather than "0".
fn secs(limit: &Duration) -> String {
    if limit.subsec_millis() == 0 { limit.as_secs().to_string() } else { format!("{:.1}", limit.as_secs_f64()) }
}

/// A content type in words: "a PDF document", "a PNG image", "a file of type application/x-foo".
pub(crate) fn describe_content_type(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let named = match essence.as_str() {
        "application/pdf" => "a PDF document",
        "image/png" => "a PNG image",
        "image/jpeg" => "a JPEG image",
        "image/gif" => "a GIF image",
        "image/webp" => "a WebP image",
        "image/svg+xml" => "an SVG image",
        "application/json" => "JSON data",
        "application/xml" | "text/xml" => "an XML document",
        "application/rss+xml" | "application/atom+xml" => "a news feed",
        "text/plain" => "plain text",
        "application/zip" => "a ZIP archive",
        "application/gzip" => "a gzip archive",
        "application/octet-stream" => "a binary file",
        "application/msword" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "a Word document"
        }
        _ => "",
    };
    if !named.is_empty() {
        return named.to_string();
    }
    match essence.split('/').next() {
        Some("image") => format!("an image ({essence})"),
        Some("video") => format!("a video ({essence})"),
        Some("audio") => format!("a sound file ({essence})"),
        _ if essence.is_empty() => "a file of unknown type".to_string(),
        _ => format!("a file of type {essence}"),
    }
}

/// Markers put into a redirect error by the redirect policy, recognised again in [`classify`].
#[derive(Debug)]
pub(crate) enum RedirectRefusal {
    /// The next address was already visited.
    Loop(url::Url),
    /// The redirect limit was passed.
    TooMany(usize),
    /// The next address is not http or https.
    NotWeb(url::Url),
    /// The next address is on a private or reserved network, and the request may only reach public ones.
    Private(url::Url),
}

impl std::fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RedirectRefusal::Loop(url) => write!(f, "redirect loop back to {url}"),
            RedirectRefusal::TooMany(limit) => write!(f, "more than {limit} redirects"),
            RedirectRefusal::NotWeb(url) => write!(f, "redirect to non-web address {url}"),
            RedirectRefusal::Private(url) => write!(f, "redirect into a private network: {url}"),
        }
    }
}

impl StdError for RedirectRefusal {}

/// The limits a request ran under, needed to word timeout messages.
pub(crate) struct Limits {
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

/// Turns a `reqwest` error for the request to `url` into the variant a user can act on.
pub(crate) fn classify(url: &str, error: &reqwest::Error, limits: &Limits) -> FetchError {
    let url = url.to_string();
    if let Some(refusal) = find_source::<RedirectRefusal>(error) {
        return match refusal {
            RedirectRefusal::Loop(target) => FetchError::RedirectLoop { url, target: target.to_string() },
            RedirectRefusal::TooMany(limit) => FetchError::TooManyRedirects { url, limit: *limit },
            RedirectRefusal::NotWeb(target) => FetchError::BadRedirect { url, target: target.to_string() },
            RedirectRefusal::Private(target) => FetchError::PrivateRedirect { url, target: target.to_string() },
        };
    }
    if let Some(refusal) = find_source::<super::guard::PrivateAddressRefusal>(error) {
        return FetchError::PrivateAddress { url, host: refusal.host.clone() };
    }
    let host = error.url().and_then(|u| u.host_str()).unwrap_or("the server").to_string();
    if error.is_timeout() {
        // A timeout while connecting is the connect limit; any other is the whole-request limit.
        return if error.is_connect() {
            FetchError::ConnectTimeout { url, limit: limits.connect_timeout }
        } else {
            FetchError::Timeout { url, limit: limits.timeout }
        };
    }
    if error.is_dns() {
        return FetchError::Dns { url, host };
    }
    if find_io_kind(error) == Some(io::ErrorKind::ConnectionRefused) {
        return FetchError::ConnectionRefused { url, host };
    }
    let reason = if error.is_decode() {
        "the server sent a body that could not be decompressed or read to the end".to_string()
    } else if error.is_connect() {
        format!("could not connect to {host}: {}", innermost_message(error))
    } else {
        format!("network error: {}", innermost_message(error))
    };
    FetchError::Network { url, reason }
}

/// The first error of type `T` in the source chain of `error`.
fn find_source<'a, T: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(err) = current {
        if let Some(found) = err.downcast_ref::<T>() {
            return Some(found);
        }
        current = err.source();
    }
    None
}

/// The kind of the first `io::Error` in the source chain of `error`.
fn find_io_kind(error: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    find_source::<io::Error>(error).map(io::Error::kind)
}

/// The message of the deepest cause, which names the actual failure ("connection reset by peer").
fn innermost_message(error: &(dyn StdError + 'static)) -> String {
    let mut last: &(dyn StdError + 'static) = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}
