//! Downloading the images of clippings that the archive does not hold, for an export: a few at a time, with a size
//! cap, a short time limit per image, one deadline for the whole export, and no waiting on a network that is not
//! there.
//!
//! [`HttpImages`] is an [`ImageSource`] over HTTP(S) that goes through the [`Fetcher`] under
//! [`Reach::PublicOnly`]: an export never reaches into the user's private network, whatever address a clipping's
//! HTML holds (images refused when the clipping was saved stay refused). The body must be an image, as its bytes
//! say (an HTML error page served with status 200 is refused). After a few failures to reach any server in a row
//! (no network) or past the deadline, it stops asking and every further image is `None` at once, so that an
//! offline export takes the time of its local work. Every failure is `None`, so that the export shows a
//! placeholder or keeps the address. Never writes anything.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use super::images::{ImageSource, LoadedImage};
use crate::fetch::{FetchError, FetchLimits, Fetcher, Reach};

/// Largest image downloaded; the download stops as soon as it is passed.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// Images downloaded at the same time.
pub const PARALLEL_DOWNLOADS: usize = 4;

/// How long one image may take in all.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(15);

/// How long connecting to an image's server may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long all the downloads of one export may take together.
const EXPORT_DEADLINE: Duration = Duration::from_secs(60);

/// Failures to reach any server in a row (no success between them) after which the network counts as absent.
const UNREACHABLE_IN_A_ROW: usize = 3;

/// Downloads images over HTTP(S) for one export.
#[derive(Debug)]
pub struct HttpImages {
    fetcher: Fetcher,
    runtime: tokio::runtime::Runtime,
    /// When the downloads stop being tried.
    deadline: Instant,
    /// Failures to reach a server since the last image that arrived.
    unreachable_in_a_row: AtomicUsize,
}

impl HttpImages {
    /// A downloader with the default limits; `None` if the network runtime cannot start.
    pub fn new() -> Option<HttpImages> {
        let limits = FetchLimits { connect_timeout: CONNECT_TIMEOUT, ..FetchLimits::default() };
        Self::with_fetcher(Fetcher::with_limits(limits).ok()?)
    }

    /// A downloader going through `fetcher` (the tests give one behind a local proxy).
    pub fn with_fetcher(fetcher: Fetcher) -> Option<HttpImages> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        Some(HttpImages {
            fetcher,
            runtime,
            deadline: Instant::now() + EXPORT_DEADLINE,
            unreachable_in_a_row: AtomicUsize::new(0),
        })
    }

    /// Whether downloads are still worth trying: the deadline has not passed and the network seems present.
    fn worth_trying(&self) -> bool {
        Instant::now() < self.deadline && self.unreachable_in_a_row.load(Ordering::SeqCst) < UNREACHABLE_IN_A_ROW
    }

    /// Downloads one image; `None` on any failure.
    async fn get(&self, src: &str) -> Option<LoadedImage> {
        if !self.worth_trying() {
            return None;
        }
        let left = self.deadline.saturating_duration_since(Instant::now());
        let fetched =
            self.fetcher.fetch_resource(src, Reach::PublicOnly, MAX_IMAGE_BYTES as u64, IMAGE_TIMEOUT.min(left), None);
        match fetched.await {
            Ok(resource) => {
                self.unreachable_in_a_row.store(0, Ordering::SeqCst);
                Some(LoadedImage::new(resource.bytes)).filter(|image| image.kind.is_image())
            }
            Err(FetchError::Dns { .. } | FetchError::ConnectTimeout { .. } | FetchError::Network { .. }) => {
                self.unreachable_in_a_row.fetch_add(1, Ordering::SeqCst);
                None
            }
            Err(_) => None,
        }
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
