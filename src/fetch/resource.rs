//! Fetching a file that is not a page (an article's image) with the [`Fetcher`]'s clients: the same guard, redirect
//! rules and error messages, its own size limit and time limit, and no judgement of the content type (the caller
//! sniffs the bytes). Never writes anything anywhere.

use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use url::Url;

use super::error::{Limits, classify};
use super::{FetchError, Fetcher, Reach, web_url};

/// The `Accept` header sent for images.
const ACCEPT_IMAGES: &str = "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5";

/// A file as received.
#[derive(Debug, Clone)]
pub struct FetchedResource {
    /// The URL it was finally served from, after redirects.
    pub final_url: Url,
    /// The `Content-Type` header as the server sent it, if any (not to be trusted).
    pub content_type: Option<String>,
    /// The body, after HTTP decompression.
    pub bytes: Vec<u8>,
}

impl Fetcher {
    /// Fetches the file at `url` (http or https only) under `reach` (a page's images: [`Reach::PublicOnly`] unless
    /// the page is one the user typed on their own network), refusing a body over `max_bytes` (stopping as soon as
    /// it is passed) and giving up after `timeout` in all. `referer` is sent when given, as some sites refuse images
    /// without one.
    pub async fn fetch_resource(
        &self,
        url: &str,
        reach: Reach,
        max_bytes: u64,
        timeout: Duration,
        referer: Option<&Url>,
    ) -> Result<FetchedResource, FetchError> {
        let shown = url.trim();
        let requested = web_url(shown)?;
        let limits = Limits { connect_timeout: self.limits.connect_timeout, timeout };
        let network = |e: reqwest::Error| classify(shown, &e, &limits);
        let client = self.client_for(&requested, shown, reach)?;
        let mut request =
            client.get(requested).timeout(timeout).header(ACCEPT, HeaderValue::from_static(ACCEPT_IMAGES));
        if let Some(referer) = referer.and_then(|r| HeaderValue::from_str(r.as_str()).ok()) {
            request = request.header(reqwest::header::REFERER, referer);
        }
        let mut response = request.send().await.map_err(network)?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::HttpStatus {
                url: shown.to_string(),
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("(an unknown status)").to_string(),
                retry_after: response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(super::error::retry_after),
            });
        }
        let final_url = response.url().clone();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_string());
        let too_large = || FetchError::TooLarge { url: shown.to_string(), limit: max_bytes };
        if response.content_length().is_some_and(|len| len > max_bytes) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if (bytes.len() + chunk.len()) as u64 > max_bytes {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() {
            return Err(FetchError::EmptyPage { url: shown.to_string() });
        }
        Ok(FetchedResource { final_url, content_type, bytes })
    }
}
