//! Downloading the images of clippings for an export, a few at a time, with a size cap and a short time limit.
//!
//! [`HttpImages`] is an [`ImageSource`] over HTTP(S) that goes through the [`Fetcher`] (its client, redirect rules
//! and limits; only the fetch module touches the network). The body must be an image, as its bytes say (an HTML
//! error page served with status 200 is refused). Every failure is `None`, so that the export shows a placeholder
//! or keeps the address. Never writes anything.

use std::time::Duration;

use futures_util::StreamExt;

use super::images::{ImageSource, LoadedImage};
use crate::fetch::Fetcher;

/// Largest image downloaded; the download stops as soon as it is passed.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// Images downloaded at the same time.
pub const PARALLEL_DOWNLOADS: usize = 4;

/// How long one image may take in all.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(15);

/// Downloads images over HTTP(S).
#[derive(Debug)]
pub struct HttpImages {
    fetcher: Fetcher,
    runtime: tokio::runtime::Runtime,
}

impl HttpImages {
    /// A downloader with the default limits; `None` if the network runtime cannot start.
    pub fn new() -> Option<HttpImages> {
        let fetcher = Fetcher::new().ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        Some(HttpImages { fetcher, runtime })
    }

    /// Downloads one image; `None` on any failure.
    async fn get(&self, src: &str) -> Option<LoadedImage> {
        let fetched = self.fetcher.fetch_resource(src, MAX_IMAGE_BYTES as u64, IMAGE_TIMEOUT, None).await.ok()?;
        Some(LoadedImage::new(fetched.bytes)).filter(|image| image.kind.is_image())
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
