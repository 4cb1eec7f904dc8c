//! A passage the reader selected, made into an article: the selection is the body, as the reader chose it (kept
//! whole, nothing judged furniture but what is never text: scripts, forms, hidden elements), and the page it was
//! selected on gives the title, byline, date, outlet, language and kind.

use url::Url;

use crate::content::{Attempt, Flags, collapsed_len};
use crate::dom::Dom;
use crate::{
    Article, Budget, Confidence, ExtractError, assemble, fallback_title, heuristics, kind, metadata, parse, render,
};

/// How a selection is read: nothing dropped for its class, its shape or its links, comments kept (the reader chose
/// them).
const WHOLE_SELECTION: Flags = Flags {
    strip_unlikely: false,
    weight_classes: false,
    clean_conditionally: false,
    keep_comments: true,
    drop_reviews: false,
    drop_signup_boxes: false,
};

/// The article made of `selection` (the HTML of the reader's selection) on `page` (the whole page, as rendered),
/// within `budget`. [`ExtractError::NoArticle`] when the selection has no readable text worth the name.
pub fn extract_selection(
    page: &str,
    selection: &str,
    page_url: &Url,
    budget: &Budget,
) -> Result<Article, ExtractError> {
    // 1. The page: its metadata and its kind.
    let doc = parse::parse_page(page, budget)?;
    let meta = metadata::read_metadata(&doc, page_url);
    let title = meta.title.clone().or_else(|| fallback_title(&doc)).unwrap_or_default();
    budget.check()?;
    let kind = kind::classify(&doc, &Dom::build(&doc, page_url, budget)?, page_url).kind;
    budget.check()?;

    // 2. The selection, read whole.
    let chosen = parse::parse_page(selection, budget)?;
    let dom = Dom::build(&chosen, page_url, budget)?;
    let attempt = Attempt::new(&dom, WHOLE_SELECTION);
    let text = render::text(&attempt, &[0]);
    if collapsed_len(&text) < heuristics::MIN_READABLE_CHARS {
        return Err(ExtractError::NoArticle);
    }
    budget.check()?;
    let body_html = render::html(&attempt, &[0], page_url);

    // 3. The article, as sure as the reader who chose it.
    let article = assemble(meta, title, text, &body_html, page_url, budget)?;
    Ok(Article { kind, confidence: Confidence::High, ..article })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html lang="de"><head><title>Hafen wächst | Nordkurier</title>
        <meta property="og:site_name" content="Nordkurier"><meta name="author" content="Anna Berg">
        <meta property="article:published_time" content="2026-11-30T08:00:00Z"></head>
        <body><nav>Start Politik Sport</nav><article><h1>Hafen wächst</h1>
        <p>Der erste Absatz über den Hafen, lang genug für einen Artikel mit mehreren Wörtern.</p>
        <p class="chosen">Der zweite Absatz, den die Leserin markiert hat, mit dem Kern der Sache.</p>
        </article><div class="comments"><p>Ein Kommentar</p></div></body></html>"#;

    fn url() -> Url {
        Url::parse("https://nordkurier.example/hafen").unwrap()
    }

    /// The selection is the body, whole; the page gives the metadata.
    #[test]
    fn the_selection_is_the_body_and_the_page_gives_the_metadata() {
        let selection = r#"<p class="chosen">Der zweite Absatz, den die Leserin markiert hat, mit dem Kern der Sache.</p><div class="comments"><p>Ein Kommentar</p></div>"#;
        let article = extract_selection(PAGE, selection, &url(), &Budget::default()).unwrap();
        assert_eq!(article.title, "Hafen wächst");
        assert_eq!(article.byline.as_deref(), Some("Anna Berg"));
        assert_eq!(article.published.as_deref(), Some("2026-11-30T08:00:00Z"));
        assert_eq!(article.lang.as_deref(), Some("de"));
        assert!(article.text.contains("markiert hat"), "{}", article.text);
        assert!(article.text.contains("Ein Kommentar"), "what the reader chose is kept: {}", article.text);
        assert!(!article.text.contains("erste Absatz"), "only the selection: {}", article.text);
        assert_eq!(article.confidence, Confidence::High);
    }

    /// A selection with no text is no article.
    #[test]
    fn an_empty_selection_is_no_article() {
        let outcome = extract_selection(PAGE, "<img src=x.png><p> </p>", &url(), &Budget::default());
        assert!(matches!(outcome, Err(ExtractError::NoArticle)), "{outcome:?}");
    }
}
