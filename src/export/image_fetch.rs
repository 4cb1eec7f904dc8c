//! Downloading the images of clippings for an export, a few at a time, with a size cap and short timeouts.
//!
//! [`HttpImages`] is an [`ImageSource`] over HTTP(S). It is separate from [`crate::fetch::Fetcher`], which
//! accepts only web pages: here the body must be an image, as its bytes say (an HTML error page served with
//! status 200 is refused). Only `http` and `https` addresses are fetched; every failure is `None`, so that the
//! export shows a placeholder or keeps the address. Never writes anything.

use std::time::Duration;

use futures_util::StreamExt;

use super::images::{ImageSource, LoadedImage};
use crate::fetch::USER_AGENT;

/// Largest image downloaded; the download stops as soon as it is passed.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// Images downloaded at the same time.
pub const PARALLEL_DOWNLOADS: usize = 4;

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long one image may take in all.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(15);

/// Redirects followed for one image.
const MAX_REDIRECTS: usize = 5;

/// Downloads images over HTTP(S).
#[derive(Debug)]
pub struct HttpImages {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl HttpImages {
    /// A downloader with the default limits; `None` if the network runtime cannot start.
    pub fn new() -> Option<HttpImages> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(IMAGE_TIMEOUT)
            .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
            .build()
            .ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        Some(HttpImages { client, runtime })
    }

    /// Downloads one image; `None` on any failure.
    async fn get(&self, src: &str) -> Option<LoadedImage> {
        let url = url::Url::parse(src).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let mut response = self.client.get(url).header(reqwest::header::ACCEPT, "image/*").send().await.ok()?;
        if !response.status().is_success() || response.content_length().is_some_and(|n| n > MAX_IMAGE_BYTES as u64) {
            return None;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.ok()? {
            if bytes.len() + chunk.len() > MAX_IMAGE_BYTES {
                return None;
            }
            bytes.extend_from_slice(&chunk);
        }
        Some(LoadedImage::new(bytes)).filter(|image| image.kind.is_image())
    }
}

impl ImageSource for HttpImages {
    fn load(&self, src: &str) -> Option<LoadedImage> {
        self.runtime.block_on(self.get(src))
    }

    fn load_all(&self, srcs: &[String]) -> Vec<Option<LoadedImage>> {
        self.runtime.block_on(
            futures_util::stream::iter(srcs.iter().map(|src| self.get(src)))
                .buffered(PARALLEL_DOWNLOADS)
                .collect::<Vec<_>>(),
        )
    }
}
