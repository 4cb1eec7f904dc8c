//! Downloading a clipping's images before it is saved: a few at a time, each one and the whole clipping capped, each
//! checked by its bytes. A failed image is an outcome to record, never an error: saving goes on without it.
//!
//! The network is reached through [`Fetcher::fetch_resource`] only; nothing here writes anything (the store keeps
//! the files, see [`crate::store::Library::add_clipping_with_images`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use url::Url;

use super::refs::{image_sources, parse_image_ref, point_images_to_store};
use super::sniff::sniff_image;
use crate::extract::Article;
use crate::extract::output::to_markdown;
use crate::fetch::{FetchError, Fetcher};
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
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_image_bytes: 10 * 1024 * 1024,
            max_clipping_bytes: 50 * 1024 * 1024,
            max_images: 200,
            concurrent: 4,
            timeout: Duration::from_secs(20),
        }
    }
}

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

/// Downloads `wanted` with `fetcher` under `limits`, sending `page_url` (if any) as the referrer; one outcome per
/// image, in the same order. Never fails: a failed image says why.
pub async fn download_images(
    fetcher: &Fetcher,
    wanted: &[WantedImage],
    page_url: Option<&Url>,
    limits: &ImageLimits,
) -> Vec<NewImage> {
    download_images_reporting(fetcher, wanted, page_url, limits, &|_, _| {}).await
}

/// [`download_images`], calling `on_image(done, total)` each time one more image is finished (stored or failed).
pub async fn download_images_reporting(
    fetcher: &Fetcher,
    wanted: &[WantedImage],
    page_url: Option<&Url>,
    limits: &ImageLimits,
    on_image: &(dyn Fn(usize, usize) + Sync),
) -> Vec<NewImage> {
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
                download_one(fetcher, image, page_url, limits, used).await
            };
            on_image(finished.fetch_add(1, Ordering::SeqCst) + 1, total);
            outcome
        })
        .collect();
    futures_util::stream::iter(downloads).buffered(limits.concurrent.max(1)).collect().await
}

/// Whether fetching `image_url` would let a page from the internet make this computer send a request into its own
/// private network (a router's admin page, a printer, a local service): the image's host is a loopback, private,
/// link-local or unspecified address (or `localhost`) while the page's is not. A page served from such an address
/// (an intranet, a test server) may use images there. Host names are judged as written; they are not resolved.
fn reaches_into_private_network(image_url: &str, page_url: Option<&Url>) -> bool {
    let private = |url: &Url| match url.host() {
        Some(url::Host::Ipv4(ip)) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.is_broadcast()
        }
        Some(url::Host::Ipv6(ip)) => {
            let unique_local = (ip.segments()[0] & 0xfe00) == 0xfc00;
            let link_local = (ip.segments()[0] & 0xffc0) == 0xfe80;
            let mapped_private = ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback() || v4.is_private());
            ip.is_loopback() || ip.is_unspecified() || unique_local || link_local || mapped_private
        }
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        None => false,
    };
    let Ok(image) = Url::parse(image_url) else { return false };
    private(&image) && !page_url.is_some_and(private)
}

/// Downloads one image, keeping the clipping's running total under its cap.
async fn download_one(
    fetcher: &Fetcher,
    image: &WantedImage,
    page_url: Option<&Url>,
    limits: &ImageLimits,
    used: &AtomicU64,
) -> NewImage {
    let failed = |reason: String| NewImage::failed(&image.url, image.is_lead, reason);
    if reaches_into_private_network(&image.url, page_url) {
        return failed("not downloaded: the image is on a private network address and the page is not".into());
    }
    let over_budget =
        || format!("not downloaded: the clipping's images passed {} MiB", limits.max_clipping_bytes / (1024 * 1024));
    let left = limits.max_clipping_bytes.saturating_sub(used.load(Ordering::SeqCst));
    if left == 0 {
        return failed(over_budget());
    }
    let max = limits.max_image_bytes.min(left);
    let resource = match fetcher.fetch_resource(&image.url, max, limits.timeout, page_url).await {
        Ok(resource) => resource,
        Err(FetchError::TooLarge { .. }) if max < limits.max_image_bytes => return failed(over_budget()),
        Err(FetchError::TooLarge { .. }) => {
            return failed(format!(
                "the image is larger than {} MiB, the most Cuttings keeps",
                limits.max_image_bytes / (1024 * 1024)
            ));
        }
        Err(error) => return failed(error.to_string()),
    };
    let media_type = match sniff_image(&resource.bytes) {
        Ok(media_type) => media_type,
        Err(reason) => return failed(reason),
    };
    let size = resource.bytes.len() as u64;
    let reserved = used.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |total| {
        (total + size <= limits.max_clipping_bytes).then_some(total + size)
    });
    if reserved.is_err() {
        return failed(over_budget());
    }
    NewImage::stored(&image.url, image.is_lead, media_type, resource.bytes)
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

/// [`download_images`] of [`wanted_images`], then [`point_article_to_store`]: what saving a clipping does between
/// extracting and storing. `on_image(done, total)` is called as each image finishes.
pub async fn archive_article_images(
    fetcher: &Fetcher,
    article: &mut Article,
    page_url: &Url,
    limits: &ImageLimits,
    on_image: &(dyn Fn(usize, usize) + Sync),
) -> Vec<NewImage> {
    let wanted = wanted_images(article);
    if wanted.is_empty() {
        return Vec::new();
    }
    let images = download_images_reporting(fetcher, &wanted, Some(page_url), limits, on_image).await;
    point_article_to_store(article, &images);
    images
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Url {
        Url::parse(url).expect("a URL")
    }

    #[test]
    fn a_page_from_the_internet_cannot_reach_into_the_private_network() {
        let public = page("https://news.example.com/story");
        for image in [
            "http://127.0.0.1/admin.png",
            "http://192.168.1.1/cgi-bin/reboot?x.png",
            "http://10.0.0.5/a.jpg",
            "http://172.16.4.4/a.jpg",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/a.png",
            "http://[fd00::1]/a.png",
            "http://[::ffff:192.168.0.1]/a.png",
            "http://localhost:8080/a.png",
            "http://printer.localhost/a.png",
            "http://0.0.0.0/a.png",
        ] {
            assert!(reaches_into_private_network(image, Some(&public)), "{image}");
        }
        for image in ["https://cdn.example.com/a.jpg", "http://8.8.8.8/a.png", "https://[2001:db8::1]/a.png"] {
            assert!(!reaches_into_private_network(image, Some(&public)), "{image}");
        }
    }

    #[test]
    fn a_page_on_the_private_network_may_use_images_there() {
        let intranet = page("http://10.1.2.3/news/story.html");
        assert!(!reaches_into_private_network("http://10.1.2.4/photo.jpg", Some(&intranet)));
        assert!(!reaches_into_private_network(
            "http://127.0.0.1:9000/photo.jpg",
            Some(&page("http://127.0.0.1:8000/s"))
        ));
        assert!(reaches_into_private_network("http://127.0.0.1/photo.jpg", None), "no page: no trust");
    }
}
