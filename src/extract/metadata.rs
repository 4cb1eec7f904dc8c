//! Article metadata read from a parsed page: title, byline, dates, outlet, language, canonical URL, lead image.

use url::Url;

/// What a page says about its article, apart from the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Headline without the outlet suffix.
    pub title: Option<String>,
    /// Author names without a leading "By".
    pub byline: Option<String>,
    /// Publication date as ISO 8601.
    pub published: Option<String>,
    /// Outlet name.
    pub site_name: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// Canonical URL, absolute.
    pub canonical_url: Option<String>,
    /// Lead image URL, absolute.
    pub lead_image: Option<String>,
    /// The page's own description.
    pub excerpt: Option<String>,
}

/// Reads the metadata of `doc`, resolving URLs against `page_url`.
pub fn read_metadata(doc: &scraper::Html, page_url: &Url) -> Metadata {
    // Placeholder until the metadata stages land; replaced on the `extract-meta` branch.
    let _ = (doc, page_url);
    Metadata::default()
}
