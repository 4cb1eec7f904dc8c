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
    /// What kind of page the body was taken from; each kind is extracted as its readers expect.
    #[serde(default)]
    pub kind: PageKind,
    /// How sure the extractor is that the body is the page's content: [`Confidence::Low`] when it fell back to a
    /// coarse reading, so that a front end can offer the whole readable page beside it.
    #[serde(default)]
    pub confidence: Confidence,
    /// Whether the body is the readable text of the whole page ([`crate::extract_whole_page`]), kept because no
    /// article was found or the extraction was unsure and the reader chose the page: a re-extraction keeps it so.
    #[serde(default)]
    pub whole_page: bool,
}

/// The kind of page a clipping was taken from, as the extractor classified it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A news story, blog post, guide, review or newsletter issue.
    #[default]
    Article,
    /// A discussion thread: its posts are the content.
    Forum,
    /// A product page: name, description and specifications.
    Product,
    /// A documentation or reference page: its body without the side navigation.
    Documentation,
    /// A list of items that each lead elsewhere (search results, an index of posts, job or event listings).
    Listing,
    /// A shop's category or collection page: the products it gathers and the text around them.
    Collection,
    /// A page presenting an organisation's service or offer (a landing or "about" page).
    Service,
}

impl PageKind {
    /// Every kind, in the order a menu lists them.
    pub const ALL: [PageKind; 7] = [
        PageKind::Article,
        PageKind::Forum,
        PageKind::Product,
        PageKind::Documentation,
        PageKind::Listing,
        PageKind::Collection,
        PageKind::Service,
    ];

    /// The stable lowercase name stored in the library and used in JSON (`article`, `forum`…).
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::Forum => "forum",
            PageKind::Product => "product",
            PageKind::Documentation => "documentation",
            PageKind::Listing => "listing",
            PageKind::Collection => "collection",
            PageKind::Service => "service",
        }
    }

    /// The kind with this stable name, if any.
    pub fn from_name(name: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// How sure the extractor is of the body it returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The body was found by the rules for its kind of page.
    #[default]
    High,
    /// The body is a coarse reading (no part of the page read clearly as its content): worth checking, and the
    /// whole readable page is offered beside it.
    Low,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_kind_names_round_trip() {
        for kind in PageKind::ALL {
            assert_eq!(PageKind::from_name(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(PageKind::from_name("blog"), None);
    }
}
