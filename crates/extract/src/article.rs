//! The result of extraction: a cleaned article and its metadata.

use serde::{Deserialize, Serialize};

/// A cleaned article as found in a page: its metadata and its body in three forms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Headline, without the outlet's suffix.
    pub title: String,
    /// Author names, without a leading "By".
    pub byline: Option<String>,
    /// Publication date and time as ISO 8601 (`2016-12-15` or `2016-12-15T14:00:00+09:00`); never the modified date.
    pub published: Option<String>,
    /// Name of the outlet (site name).
    pub site_name: Option<String>,
    /// Language tag of the article (`en`, `ko`, `pt-BR`).
    pub lang: Option<String>,
    /// Canonical URL the page declares, made absolute.
    pub canonical_url: Option<String>,
    /// Absolute URL of the lead image.
    pub lead_image: Option<String>,
    /// A short summary: the page's description or the first paragraph.
    pub excerpt: Option<String>,
    /// Number of words of the body text (for scripts without spaces: characters / 2, rounded up).
    pub word_count: u32,
    /// Body as plain text, blocks separated by blank lines.
    pub text: String,
    /// Body as sanitised HTML (allow-listed tags and attributes, absolute links).
    pub html: String,
    /// Body as GitHub-flavoured Markdown.
    pub markdown: String,
}
