//! Downloading a clipping's images before it is saved: a few at a time, each one and the whole clipping capped, each
//! checked by its bytes. A failed image is an outcome to record, never an error: saving goes on without it.
//!
//! The network is reached through [`Fetcher::fetch_resource`] only, under the page's [`Reach`] (an image address
//! a page gives may never lead into the user's private network unless the page itself is one the user typed
//! there); nothing here writes anything (the store keeps the files, see
//! [`crate::store::Library::add_clipping_with_images`]). All the images of one clipping share one deadline, so a
//! page of slow images cannot hold a save: what has not arrived by then is recorded as failed, for
//! `refetch-images`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use url::Url;

use crate::extract::Article;
use crate::extract::output::to_markdown;
use crate::fetch::{FetchError, Fetcher, Reach};
use crate::images::sniff_image;
use crate::store::refs::{image_sources, parse_image_ref, point_images_to_store};
use crate::store::{ImageOutcome, NewImage};

/// Limits on downloading the images of one clipping. The defaults suit real use; tests shorten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageLimits {
    /// The largest image kept.
    pub max_image_bytes: u64,
    /// The most bytes of images kept for one clipping; images past it are recorded as skipped.
    pub max_clipping_bytes: u64,
    /// The most images downloaded for one clipping (a hostile page may list thousands).
    pub max_images: usize,
    /// How many downloads run at once.
    pub concurrent: usize,
    /// How long one image may take, from connecting to its last byte.
    pub timeout: Duration,
    /// How long all the images of one clipping may take together; what is not in by then is recorded as failed.
    pub deadline: Duration,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_image_bytes: 10 * 1024 * 1024,
            max_clipping_bytes: 50 * 1024 * 1024,
            max_images: 200,
            concurrent: 4,
            timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(120),
        }
    }
}

/// Images already in hand, by the address the article gives them: what the browser extension fetched with the
/// user's session. Such an image is taken from here instead of the network, under the same limits and checks.
pub type ProvidedImages = HashMap<String, Vec<u8>>;

/// An image address an article uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedImage {
    /// Absolute http(s) address.
    pub url: String,
    /// Whether it is the lead image.
    pub is_lead: bool,
}

/// The images of an article worth downloading: every `<img>` of its HTML that is not yet a stored reference, then
/// its lead image; each address once (the lead image flagged wherever it appears), only http and https.
pub fn wanted_images(article: &Article) -> Vec<WantedImage> {
    let mut wanted: Vec<WantedImage> = Vec::new();
    let lead = article.lead_image.as_deref().map(str::trim).filter(|l| !l.is_empty());
    let sources = image_sources(&article.html);
    for url in sources.iter().map(String::as_str).chain(lead) {
        let web = url.starts_with("http://") || url.starts_with("https://");
        if !web || parse_image_ref(url).is_some() || wanted.iter().any(|w| w.url == url) {
            continue;
        }
        wanted.push(WantedImage { url: url.to_string(), is_lead: Some(url) == lead });
    }
    wanted
}

/// Downloads `wanted` with `fetcher` under `reach` and `limits`, sending `page_url` (if any) as the referrer; one
/// outcome per image, in the same order. Never fails: a failed image says why.
pub async fn download_images(
    fetcher: &Fetcher,
    wanted: &[WantedImage],
    page_url: Option<&Url>,
    reach: Reach,
    limits: &ImageLimits,
) -> Vec<NewImage> {
    download_images_reporting(fetcher, wanted, page_url, reach, limits, &ProvidedImages::new(), &|_, _| {}).await
}

/// [`download_images`], taking the images in `provided` from there, and calling `on_image(done, total)` each time
/// one more image is finished (stored or failed).
pub async fn download_images_reporting(
    fetcher: &Fetcher,
    wanted: &[WantedImage],
    page_url: Option<&Url>,
    reach: Reach,
    limits: &ImageLimits,
    provided: &ProvidedImages,
    on_image: &(dyn Fn(usize, usize) + Sync),
) -> Vec<NewImage> {
    let deadline = tokio::time::Instant::now() + limits.deadline;
    let used = AtomicU64::new(0);
    let finished = AtomicUsize::new(0);
    let (used, finished, total) = (&used, &finished, wanted.len());
    // The futures are made first and then polled a few at a time: a stream combinator over a closure that borrows
    // would make the whole future lose `Send`, which the desktop app's async commands need.
    let downloads: Vec<_> = wanted
        .iter()
        .enumerate()
        .map(|(index, image)| async move {
            let outcome = if index >= limits.max_images {
                let reason = format!("not downloaded: the article has more than {} images", limits.max_images);
                NewImage::failed(&image.url, image.is_lead, reason)
            } else {
                let download = download_one(fetcher, image, page_url, reach, limits, provided, used);
                tokio::time::timeout_at(deadline, download).await.unwrap_or_else(|_| {
                    let reason = format!(
                        "not downloaded: the clipping's images took more than {} seconds in all (try refetch-images)",
                        limits.deadline.as_secs()
                    );
                    NewImage::failed(&image.url, image.is_lead, reason)
                })
            };
            on_image(finished.fetch_add(1, Ordering::SeqCst) + 1, total);
            outcome
        })
        .collect();
    futures_util::stream::iter(downloads).buffered(limits.concurrent.max(1)).collect().await
}

/// Downloads one image (or takes it from `provided`), keeping the clipping's running total under its cap.
async fn download_one(
    fetcher: &Fetcher,
    image: &WantedImage,
    page_url: Option<&Url>,
    reach: Reach,
    limits: &ImageLimits,
    provided: &ProvidedImages,
    used: &AtomicU64,
) -> NewImage {
    let failed = |reason: String| NewImage::failed(&image.url, image.is_lead, reason);
    let over_budget =
        || format!("not downloaded: the clipping's images passed {} MiB", limits.max_clipping_bytes / (1024 * 1024));
    let left = limits.max_clipping_bytes.saturating_sub(used.load(Ordering::SeqCst));
    if left == 0 {
        return failed(over_budget());
    }
    let max = limits.max_image_bytes.min(left);
    let fetched = match provided.get(&image.url) {
        Some(bytes) if bytes.len() as u64 > max => Err(FetchError::TooLarge { url: image.url.clone(), limit: max }),
        Some(bytes) => Ok(bytes.clone()),
        None => fetcher.fetch_resource(&image.url, reach, max, limits.timeout, page_url).await.map(|r| r.bytes),
    };
    let bytes = match fetched {
        Ok(bytes) => bytes,
        Err(FetchError::TooLarge { .. }) if max < limits.max_image_bytes => return failed(over_budget()),
        Err(FetchError::TooLarge { .. }) => {
            return failed(format!(
                "the image is larger than {} MiB, the most Cuttings keeps",
                limits.max_image_bytes / (1024 * 1024)
            ));
        }
        Err(error) => return failed(error.to_string()),
    };
    let media_type = match sniff_image(&bytes) {
        Ok(media_type) => media_type,
        Err(reason) => return failed(reason),
    };
    let size = bytes.len() as u64;
    let reserved = used.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |total| {
        (total + size <= limits.max_clipping_bytes).then_some(total + size)
    });
    if reserved.is_err() {
        return failed(over_budget());
    }
    NewImage::stored(&image.url, image.is_lead, media_type, bytes)
}

/// Points the article's `<img>` elements at the stored copies of the images that were stored, and makes its
/// Markdown again from the new HTML so that it refers to the same copies. Images that failed keep their address.
pub fn point_article_to_store(article: &mut Article, images: &[NewImage]) {
    let stored: HashMap<String, String> = images
        .iter()
        .filter_map(|image| match &image.outcome {
            ImageOutcome::Stored { sha256, .. } => Some((image.url.clone(), sha256.clone())),
            ImageOutcome::Failed { .. } => None,
        })
        .collect();
    if stored.is_empty() {
        return;
    }
    let html = point_images_to_store(&article.html, &stored);
    if html != article.html {
        article.markdown = to_markdown(&html);
        article.html = html;
    }
}

/// [`download_images`] of [`wanted_images`] (those in `provided` taken from there), then [`point_article_to_store`]:
/// what saving a clipping does between extracting and storing. `reach` is the page's own (see
/// [`crate::fetch::FetchedPage::reach`]).
/// `on_image(done, total)` is called as each image finishes.
pub async fn archive_article_images(
    fetcher: &Fetcher,
    article: &mut Article,
    page_url: &Url,
    reach: Reach,
    limits: &ImageLimits,
    provided: &ProvidedImages,
    on_image: &(dyn Fn(usize, usize) + Sync),
) -> Vec<NewImage> {
    let wanted = wanted_images(article);
    if wanted.is_empty() {
        return Vec::new();
    }
    let images = download_images_reporting(fetcher, &wanted, Some(page_url), reach, limits, provided, on_image).await;
    point_article_to_store(article, &images);
    images
}
