//! Article extraction: page text and base URL in, [`Article`] out. Pure: no network, no file system, no database.

mod article;
pub mod metadata;
pub mod output;

pub use article::Article;

use url::Url;

/// Why no article could be extracted from a page.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The page has no part that reads like an article (a home page, a listing, an empty page).
    #[error("no article found on the page")]
    NoArticle,
}

/// Extracts the article of `page` (HTML as text), whose address is `page_url`.
pub fn extract(page: &str, page_url: &Url) -> Result<Article, ExtractError> {
    // Placeholder until the extraction stages land; replaced on the `extract` branch.
    let _ = (page, page_url);
    Err(ExtractError::NoArticle)
}
