//! Article extraction for press clippings: page text and its address in, [`Article`] out (title, byline, date,
//! outlet, language, lead image, and the body as text, sanitised HTML and Markdown). Pure: no network, no file
//! system, no database; cargo holds it to that, since none of this crate's dependencies does any of them.
//!
//! ```
//! use cuttings_extract::{decode::decode_page, extract};
//!
//! let paragraph = "<p>The harbour authority said on Tuesday that the new quay would open in the spring, after two \
//!                  years of work, and that it expected traffic to double within five years.</p>";
//! let page = format!(
//!     "<html><head><title>Quay opens in spring | Harbour News</title>\
//!      <meta property=og:site_name content='Harbour News'></head>\
//!      <body><nav><a href=/>Home</a></nav><article><h1>Quay opens in spring</h1>{}</article>\
//!      <div class=share>Share on Facebook</div></body></html>",
//!     paragraph.repeat(4)
//! );
//! // Bytes as served or saved; the character set comes from the header (none here), a BOM or `<meta>`.
//! let text = decode_page(page.as_bytes(), None).text;
//! let url = url::Url::parse("https://harbour.example/news/quay").expect("an address");
//! let article = extract(&text, &url).expect("an article");
//! assert_eq!(article.title, "Quay opens in spring");
//! assert_eq!(article.site_name.as_deref(), Some("Harbour News"));
//! assert!(article.text.starts_with("The harbour authority said"));
//! assert!(!article.text.contains("Share on Facebook") && !article.text.contains("Home"));
//! ```
//!
//! [`extract`] classifies the page's kind ([`PageKind`]: article, forum thread, product, documentation, listing,
//! collection, service), finds its content as readers of that kind expect and strips everything around it; when
//! no part reads clearly as the content it keeps a coarse reading (the page minus its furniture) marked
//! [`Confidence::Low`], so a page with readable text never comes back empty. [`extract_whole_page`] keeps all
//! readable text instead, the reading a front end offers beside a low-confidence one ([`extract_or_whole_page`]
//! chooses); [`declared_url`] finds the address a saved page declares for itself;
//! [`decode`] turns page bytes into text; [`script`] knows the scripts written without spaces between words. The
//! body stages live in `dom` (a compact copy of the page), `kind` (the page's kind), `reading` (how each kind is
//! read, and the coarse reading), `forum` and `product` (the readings of threads and products), `content`
//! (finding and cleaning the article) and `render` (text and HTML out); every selector, pattern and threshold they use is a named constant in
//! `heuristics`. Metadata comes from [`metadata`], sanitising and Markdown from [`output`]. Nothing here panics on
//! any input or recurses on the page's nesting.
//!
//! Every stage is linear in the size of the page. Hostile pages are bounded three ways: `parse` stops the parser as
//! soon as the page has more elements or deeper nesting than any real page (caps in `heuristics`), and a
//! [`Budget`] limits the time and carries the flag that cancels an extraction from another thread.

#[cfg(feature = "mimalloc")]
mod allocator;
mod article;
mod budget;
mod content;
pub mod decode;
mod dom;
mod forum;
mod heuristics;
mod kind;
pub mod markdown_escape;
pub mod metadata;
pub mod output;
mod parse;
mod product;
mod reading;
mod render;
pub mod script;
mod selection;
mod tag_set;
mod unread;

use script::word_count;

pub use article::{Article, Confidence, PageKind};
pub use budget::Budget;
pub use selection::extract_selection;

use content::{Attempt, Flags, collapsed_len};
use dom::{Dom, NodeIx};
use scraper::{Html, Selector};
use std::sync::LazyLock;
use std::time::Duration;
use url::Url;

/// Why no article could be extracted from a page.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The page has no readable text worth the name (an empty page, or one drawn entirely by scripts).
    #[error("no article found on the page")]
    NoArticle,
    /// The page has more elements than any real page (a hostile or broken page); parsing stopped there.
    #[error("the page is too complex to read: more than {limit} elements")]
    TooManyElements {
        /// The cap that was passed.
        limit: usize,
    },
    /// The page nests elements deeper than any real page; parsing stopped there.
    #[error("the page is too complex to read: elements nested more than {limit} deep")]
    TooDeep {
        /// The cap that was passed.
        limit: usize,
    },
    /// Reading the page took longer than its [`Budget`] allowed.
    #[error("the page is too complex to read: it took more than {} s", .limit.as_secs_f32())]
    TookTooLong {
        /// The time the budget gave.
        limit: Duration,
    },
    /// The extraction was cancelled through its [`Budget`]'s flag.
    #[error("reading the page was cancelled")]
    Cancelled,
}

/// The article attempts of stages 4–9, strictest first (see `reading`).
const ATTEMPTS: [Flags; 4] = reading::ARTICLE_ATTEMPTS;

/// The first `<h1>` of a page, a fallback for the title.
static FIRST_HEADING: LazyLock<Selector> = LazyLock::new(|| selector("h1"));

/// The `<title>` of a page, the last fallback for the title.
static TITLE_ELEMENT: LazyLock<Selector> = LazyLock::new(|| selector("title"));

/// Compiles a constant selector; they are literals covered by the tests, so failure is a bug.
fn selector(source: &str) -> Selector {
    Selector::parse(source).unwrap_or_else(|error| panic!("selector {source:?} does not parse: {error}"))
}

/// Extracts the article of `page` (HTML as text), whose address is `page_url`, within the default [`Budget`]
/// ([`Budget::DEFAULT_TIME_LIMIT`], not cancellable). See [`extract_within`] for the stages.
pub fn extract(page: &str, page_url: &Url) -> Result<Article, ExtractError> {
    extract_within(page, page_url, &Budget::default())
}

/// Extracts the article of `page` (HTML as text), whose address is `page_url`, within `budget` (checked between
/// stages and inside the long loops): the way to extract with a cancel flag or another time limit.
///
/// Stages (the code carries the same numbers):
/// 1. Parse the page with html5ever into scraper's tree, in chunks, stopping with [`ExtractError::TooManyElements`]
///    or [`ExtractError::TooDeep`] as soon as the page passes a cap.
/// 2. Read the metadata (`metadata::read_metadata`); the title falls back to the first `<h1>`, then `<title>`.
/// 3. Copy the `<body>` into a compact tree, leaving out scripts, styles, embedded objects, form controls and
///    hidden elements, and resolving lazy images (`data-src`, `srcset`, `<noscript>` copies, `<picture>`).
///    3b. Classify the page's kind (`kind::classify`): declared JSON-LD, microdata and `og:type` types first, the
///    body's shape next (repeated posts, code beside a side navigation, price beside a cart, link cards, prose),
///    address path words last; an article when nothing speaks for another kind.
///    3c. A forum thread is read as the container of its posts (`forum::thread_root`), comment-like classes kept,
///    the posts' chrome and the copies of earlier posts that replies show again (quotes, previews) dropped;
///    when that holds enough text, stages 4–9 are skipped.
///    3d. A page typed article or service that shows no date and whose readable part splits into several headed
///    parts with little prose (`reading::landing_page`: a company's, a product's or a service's landing page, its
///    hero, features, steps, questions and testimonials) is read whole, as the coarse reading of 9b without what
///    stage 8 drops before its conditional cleaning (headings repeating the title, boilerplate, link paragraphs,
///    calls to action, lists of other pages, sign-up boxes, declared biographies); stages 4–9b are skipped, and the
///    page is a service page, whatever it declares itself.
/// 4. Count text, link text and commas per element, bottom-up.
/// 5. Drop page furniture: navigation, asides, headers, footers, forms, ARIA landmarks that are not the main
///    content, dialogs laid over the page (however long, when the page has text of its own), and (strict attempt) elements whose class or id marks them unlikely (comments, share bars,
///    related lists, cookie banners, newsletter boxes…).
/// 6. Score: every paragraph votes for its parent and ancestors by its length and commas; class and id hints
///    add or subtract; link-heavy containers lose.
/// 7. Choose the best container (moved up to an ancestor shared by several near-best ones, or to a
///    better-scoring parent) and add the siblings that belong with it.
/// 8. Clean the article: headings repeating the title, share bars, bylines, ad labels, "View Full Site" links,
///    comment and newsletter prompts, copyright lines, then (strict attempts) link lists and short or
///    image-heavy containers; and the blocks that show a biography the page declares for a person, its author's
///    card (`content::Attempt::drop_declared_biographies`).
///    The attempts depend on the kind (`reading::attempts`): a thread keeps its comment sections (and loses the
///    copies of earlier posts, `forum::drop_repeated_copies`), a listing has none (no single container holds it).
/// 9. Judge the attempt by its text: under `heuristics::MIN_ARTICLE_CHARS`, run stages 4–8 again with one
///    strict stage fewer; keep the attempt with the most text.
///    9b. No attempt read clearly as the content (less text than its kind needs, or under `reading::MIN_READ_SHARE`
///    of the page's readable text, `reading::MIN_ARTICLE_READ_SHARE` on a page that declares itself an article):
///    the coarse reading (`reading::page_minus_furniture`) replaces it when longer, with [`Confidence::Low`].
///    9c. Still nothing clear, and the page carries a copy of itself in a `<noscript>`: stages 3–9b on that copy.
///    9d. A product whose body lacks the description of its JSON-LD `Product`: that description first.
///    9e. Still no readable text, and the page hides its content until scripts reveal it: the coarse reading of
///    the page with its hidden elements kept ([`Confidence::Low`]).
///    9f. Still nothing, but the page declares a description of its content (the posts or text that scripts
///    fetch later): that description ([`Confidence::Low`]).
///    9g. A shop's page (a product, a collection), once its reading is chosen and before 9d: the second copies of
///    blocks it lays out twice (`content::Attempt::drop_repeated_blocks`).
///    9h. A shop's page (a product, a collection), after 9g: the shop's buying machinery its words give away, the buy
///    box's price tags (a product's: a collection's prices are its cards'), its rating summary, its notes on stock,
///    shipping and returns, its offers of financing and protection plans, the prompts of its pickers of variants, its
///    notes of who sells and ships the product, its buttons and links to more of the shop, saving badges and the badges
///    on its pictures, the placeholders scripts fill in and the titles of carousels of other products, and (a
///    product's) the sections left with their heading alone (`content::Attempt::drop_shop_chrome`). An article or a
///    listing whose reading is a grid of products (`reading::reads_as_grid`) loses its cards' badges, buttons, rating
///    summaries and links to more (`content::Attempt::drop_grid_card_chrome`).
///    9i. A listing, once its reading is chosen and before 9d: the controls that its items repeat word for word
///    ("Apply now", "Compare"; `content::Attempt::drop_repeated_item_labels`).
///    9j. Any page, after 9i: the blocks of legal small print its markup names as such (a class or id word
///    ending in "disclaimer" or "legal": offers' footnotes, trademark and licence notices), whatever their
///    length (`content::Attempt::drop_legal_blocks`).
/// 10. Write the article as text, sanitised HTML and Markdown, with its kind and confidence; only a page with no
///     readable text worth the name (`heuristics::MIN_READABLE_CHARS`) is [`ExtractError::NoArticle`].
pub fn extract_within(page: &str, page_url: &Url, budget: &Budget) -> Result<Article, ExtractError> {
    // 1. Parse.
    let doc = parse::parse_page(page, budget)?;

    // 2. Metadata.
    let meta = metadata::read_metadata(&doc, page_url);
    let title = meta.title.clone().or_else(|| fallback_title(&doc)).unwrap_or_default();
    budget.check()?;

    // 3–9b, 9d, 9g–9i. The body.
    let dated = meta.published.is_some();
    let mut body =
        read_body(&doc, &title, meta.excerpt.as_deref(), &meta.person_descriptions, dated, page_url, budget)?;

    // 9c. A page that shows its content only to readers without scripts: read the `<noscript>` copy.
    if body.as_ref().is_none_or(|b| b.confidence == Confidence::Low)
        && let Some(markup) = reading::noscript_page(&doc)
    {
        let inner = parse::parse_page(&markup, budget)?;
        if let Some(found) =
            read_body(&inner, &title, meta.excerpt.as_deref(), &meta.person_descriptions, dated, page_url, budget)?
            && body.as_ref().is_none_or(|b| found.length > b.length)
        {
            body = Some(found);
        }
    }

    // 10. Write out. The parsed page is no longer needed: its memory goes back before the output is made.
    drop(doc);
    let Some(body) = body else {
        return Err(ExtractError::NoArticle);
    };
    let mut article = assemble(meta, title, body.text, &body.html, page_url, budget)?;
    article.kind = body.kind;
    article.confidence = body.confidence;
    Ok(article)
}

/// The body read from a page: its kind, how sure the reading is, its text and its HTML (not yet sanitised).
struct Body {
    /// The page's kind.
    kind: PageKind,
    /// How sure the reading is.
    confidence: Confidence,
    /// The text.
    text: String,
    /// Characters of the text, whitespace runs counted once.
    length: usize,
    /// The HTML, not yet sanitised.
    html: String,
}

/// Stages 3–9b, 9d–9g (and the HTML of 10) on a parsed page whose declared description is `description`, which
/// declares `people` (their biographies, see `metadata::Metadata`) and which shows a publication date when `dated`:
/// the body, or `None` when the page has no readable text.
fn read_body(
    doc: &Html,
    title: &str,
    description: Option<&str>,
    people: &[String],
    dated: bool,
    page_url: &Url,
    budget: &Budget,
) -> Result<Option<Body>, ExtractError> {
    // 3. Copy the body.
    let dom = Dom::build(doc, page_url, budget)?;

    // 3b. Kind.
    let verdict = kind::classify(doc, &dom, page_url);
    let kind = verdict.kind;
    budget.check()?;

    // 4–9. Attempts, strictest first; a later one runs only when the one before under-delivered.
    let mut best: Option<(usize, Attempt<'_, '_>, Vec<NodeIx>, String)> = None;
    // 3c. A thread: the container of its posts.
    if kind == PageKind::Forum
        && let Some((attempt, roots)) = reading::forum_thread(&dom)
    {
        let text = render::text(&attempt, &roots);
        let length = collapsed_len(&text);
        if length >= heuristics::MIN_ARTICLE_CHARS {
            best = Some((length, attempt, roots, text));
        }
    }
    // 3d. A landing page (no date, several headed parts, little prose): read whole, by its parts.
    let mut landing = false;
    if best.is_none()
        && !dated
        && matches!(kind, PageKind::Article | PageKind::Service)
        && let Some((attempt, roots)) = reading::landing_page(&dom, kind, title, people)
    {
        let text = render::text(&attempt, &roots);
        let length = collapsed_len(&text);
        if length >= reading::enough_chars(kind) {
            best = Some((length, attempt, roots, text));
            landing = true;
        }
    }
    budget.check()?;
    let attempts = if best.is_some() { &[][..] } else { reading::attempts(kind) };
    for &flags in attempts {
        let flags = Flags {
            drop_reviews: kind == PageKind::Product,
            drop_signup_boxes: !matches!(kind, PageKind::Forum | PageKind::Collection),
            ..flags
        };
        // 4. Count.
        budget.check()?;
        let mut attempt = Attempt::new(&dom, flags);
        // 5. Furniture.
        attempt.drop_furniture();
        budget.check()?;
        // 6. Score.
        attempt.score();
        budget.check()?;
        // 7. Choose.
        let roots = attempt.choose();
        if roots.is_empty() {
            continue;
        }
        budget.check()?;
        // 8. Clean.
        attempt.clean(&roots, title);
        // 8. The biographies of the people the page declares: the author's card below the article.
        attempt.drop_declared_biographies(&roots, people);
        // 8. A thread: the copies of earlier posts that replies show again.
        if kind == PageKind::Forum {
            forum::drop_repeated_copies(&mut attempt, &roots);
        }
        budget.check()?;
        // 9. Judge.
        let text = render::text(&attempt, &roots);
        let length = collapsed_len(&text);
        let enough = length >= heuristics::MIN_ARTICLE_CHARS;
        if best.as_ref().is_none_or(|(best_length, ..)| length > *best_length) {
            best = Some((length, attempt, roots, text));
        }
        if enough {
            break;
        }
    }

    // 9b. Coarse reading: no attempt read clearly as the content (too little text, or a small part of the
    // page's readable text).
    let mut confidence = Confidence::High;
    budget.check()?;
    // A page that declares itself an article is held to a lower share: its attempt is trusted unless it kept only
    // a small part of the page (one box of a page in many parts).
    let min_share = if kind != PageKind::Article || !verdict.article_evidence {
        reading::MIN_READ_SHARE
    } else {
        reading::MIN_ARTICLE_READ_SHARE
    };
    let too_short = best.as_ref().is_none_or(|(length, ..)| *length < reading::enough_chars(kind));
    // The coarse reading keeps at most the page's whole text: an attempt holding the share of that is not judged
    // against it, and the coarse reading need not be made.
    let page_chars = dom.text_chars();
    // A landing page's reading is the coarse reading already, cleaned.
    let may_fall_short =
        !landing && best.as_ref().is_none_or(|(length, ..)| (*length as f32) < page_chars as f32 * min_share);
    if too_short || may_fall_short {
        let (attempt, roots) = reading::page_minus_furniture(&dom, kind);
        let readable = attempt.stats.first().map_or(0, |s| s.chars);
        if too_short || best.as_ref().is_some_and(|(length, ..)| (*length as f32) < readable as f32 * min_share) {
            let text = render::text(&attempt, &roots);
            let length = collapsed_len(&text);
            if best.as_ref().is_none_or(|(best_length, ..)| length > *best_length) {
                best = Some((length, attempt, roots, text));
                confidence = Confidence::Low;
            }
        }
    }

    let Some((mut length, mut attempt, roots, mut text)) =
        best.filter(|(length, ..)| *length >= heuristics::MIN_READABLE_CHARS)
    else {
        // 9e, 9f. Content revealed by scripts, else the page's own summary of it.
        let revealed = revealed_body(doc, kind, page_url, budget)?;
        return Ok(revealed.or_else(|| described_body(description, kind)));
    };
    budget.check()?;
    // 9g. A shop's page: the second copies of its blocks, once the reading is chosen (which reading is chosen is
    // judged on the text as the page shows it).
    if reading::drops_repeated_blocks(kind) && attempt.drop_repeated_blocks(&roots) {
        text = render::text(&attempt, &roots);
        length = collapsed_len(&text);
    }
    // 9h. A shop's page: the shop's buying machinery that its words give away (a collection keeps its prices).
    if reading::drops_shop_chrome(kind) && attempt.drop_shop_chrome(&roots, kind == PageKind::Product) {
        text = render::text(&attempt, &roots);
        length = collapsed_len(&text);
    }
    // 9h. A grid of products the classifier did not take for a shop's page: its cards' machinery.
    if reading::reads_as_grid(kind, attempt.kept_price_tags(&roots)) && attempt.drop_grid_card_chrome(&roots) {
        text = render::text(&attempt, &roots);
        length = collapsed_len(&text);
    }
    // 9i. A listing: the controls that its items repeat word for word.
    if kind == PageKind::Listing && attempt.drop_repeated_item_labels(&roots) {
        text = render::text(&attempt, &roots);
        length = collapsed_len(&text);
    }
    // 9j. Any page: the blocks of legal small print its markup names as such, whatever their length.
    if attempt.drop_legal_blocks(&roots) {
        text = render::text(&attempt, &roots);
        length = collapsed_len(&text);
    }
    let mut html = render::html(&attempt, &roots, page_url);

    // 9d. A product whose description lives only in its JSON-LD: the description first.
    if kind == PageKind::Product
        && let Some(description) = product::json_ld_description(doc)
        && !product::body_covers(&text, &description)
    {
        html = format!("<p>{}</p>{html}", output::escape_html(&description));
        length += collapsed_len(&description);
        text = format!("{description}\n\n{text}");
    }
    // A page read as a landing page presents a company, a product or a service, whatever it declares itself.
    let kind = if landing { PageKind::Service } else { kind };
    Ok(Some(Body { kind, confidence, text, length, html }))
}

/// All readable text of the page's body, for a page where no article is found and the user wants it saved
/// anyway: scripts, styles and hidden elements are left out, nothing else. Bounded as [`extract`] is; never
/// [`ExtractError::NoArticle`].
pub fn extract_whole_page(page: &str, page_url: &Url, budget: &Budget) -> Result<Article, ExtractError> {
    let doc = parse::parse_page(page, budget)?;
    let meta = metadata::read_metadata(&doc, page_url);
    let title = meta.title.clone().or_else(|| fallback_title(&doc)).unwrap_or_default();
    budget.check()?;
    let dom = Dom::build(&doc, page_url, budget)?;
    let attempt = Attempt::new(&dom, ATTEMPTS[3]);
    let text = render::text(&attempt, &[0]);
    budget.check()?;
    let body_html = render::html(&attempt, &[0], page_url);
    Ok(Article { whole_page: true, ..assemble(meta, title, text, &body_html, page_url, budget)? })
}

/// [`extract_whole_page`] of a page whose kind the extraction already found: the whole page keeps it.
pub fn extract_whole_page_as(
    page: &str,
    page_url: &Url,
    kind: PageKind,
    budget: &Budget,
) -> Result<Article, ExtractError> {
    Ok(Article { kind, ..extract_whole_page(page, page_url, budget)? })
}

/// What to do when no article is found on a page, or the extraction is unsure ([`Confidence::Low`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WholePage {
    /// Keep what the extraction found, and fail with [`ExtractError::NoArticle`] where it found nothing.
    #[default]
    Refuse,
    /// Keep the readable text of the whole page ([`extract_whole_page`]) instead, classified as the extraction
    /// classified the page.
    Keep,
}

/// The article of `page`, or with [`WholePage::Keep`] the whole page's readable text where no article is found or
/// the extraction is unsure; both within one `budget`. [`ExtractError::NoArticle`] only with [`WholePage::Refuse`].
pub fn extract_or_whole_page(
    page: &str,
    page_url: &Url,
    whole_page: WholePage,
    budget: &Budget,
) -> Result<Article, ExtractError> {
    match (extract_within(page, page_url, budget), whole_page) {
        (Err(ExtractError::NoArticle), WholePage::Keep) => extract_whole_page(page, page_url, budget),
        (Ok(article), WholePage::Keep) if article.confidence == Confidence::Low => {
            extract_whole_page_as(page, page_url, article.kind, budget)
        }
        (outcome, _) => outcome,
    }
}

/// The address a saved page declares for itself (canonical link, `og:url`, JSON-LD `url`, a browser's "saved
/// from" comment; see [`metadata::declared_url`]), for a page whose address the user did not give. Parsing is
/// bounded as in [`extract_within`].
pub fn declared_url(page: &str, budget: &Budget) -> Result<Option<Url>, ExtractError> {
    let doc = parse::parse_page(page, budget)?;
    Ok(metadata::declared_url(&doc))
}

/// Builds the [`Article`] from metadata and body (stage 10).
fn assemble(
    meta: metadata::Metadata,
    title: String,
    text: String,
    body_html: &str,
    page_url: &Url,
    budget: &Budget,
) -> Result<Article, ExtractError> {
    budget.check()?;
    let html = output::sanitise_html(body_html, page_url);
    budget.check()?;
    let markdown = output::to_markdown(&html);
    budget.check()?;
    let excerpt = meta.excerpt.or_else(|| text.split("\n\n").next().map(|first| first.chars().take(300).collect()));
    Ok(Article {
        title,
        byline: meta.byline,
        published: meta.published,
        site_name: meta.site_name,
        lang: meta.lang,
        canonical_url: meta.canonical_url,
        lead_image: meta.lead_image,
        excerpt: excerpt.filter(|e| !e.is_empty()),
        word_count: word_count(&text),
        text,
        html,
        markdown,
        kind: PageKind::Article,
        confidence: Confidence::High,
        whole_page: false,
    })
}

/// 9e. A page that shows no readable text because it hides all of it until scripts reveal it (streamed or
/// hydrated pages): the coarse reading of the page with its hidden elements kept, with [`Confidence::Low`];
/// `None` when even that has no text worth the name.
fn revealed_body(doc: &Html, kind: PageKind, page_url: &Url, budget: &Budget) -> Result<Option<Body>, ExtractError> {
    budget.check()?;
    let dom = Dom::build_with(doc, page_url, budget, true)?;
    let (attempt, roots) = reading::page_minus_furniture(&dom, kind);
    let text = render::text(&attempt, &roots);
    let length = collapsed_len(&text);
    if length < heuristics::MIN_READABLE_CHARS {
        return Ok(None);
    }
    budget.check()?;
    let html = render::html(&attempt, &roots, page_url);
    Ok(Some(Body { kind, confidence: Confidence::Low, text, length, html }))
}

/// 9f. A page whose content scripts fetch after it loads (a thread's posts, a shop's text) and that shows none of
/// it, but declares a description of it (`description`, `og:description`, JSON-LD): that description, when it is
/// at least [`heuristics::MIN_DESCRIPTION_BODY_CHARS`] long, as the body with [`Confidence::Low`].
fn described_body(description: Option<&str>, kind: PageKind) -> Option<Body> {
    let text = description?.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = collapsed_len(&text);
    if length < heuristics::MIN_DESCRIPTION_BODY_CHARS {
        return None;
    }
    let html = format!("<p>{}</p>", output::escape_html(&text));
    Some(Body { kind, confidence: Confidence::Low, text, length, html })
}

/// The text of the first `<h1>`, else of `<title>`.
fn fallback_title(doc: &Html) -> Option<String> {
    let text_of = |sel: &Selector| {
        doc.select(sel)
            .next()
            .map(|el| el.text().flat_map(str::split_whitespace).collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    text_of(&FIRST_HEADING).or_else(|| text_of(&TITLE_ELEMENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example.com/2020/01/story.html").unwrap()
    }

    fn paragraphs(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story tells, at some length and with commas, what happened in the \
                     town council, why it matters, and who said what about it afterwards.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn article_is_kept_and_furniture_dropped() {
        let page = format!(
            "<html><head><title>A story - Outlet</title></head><body>\
             <nav><a href='/'>Home</a><a href='/world'>World</a></nav>\
             <div class='share-bar'><a href='#'>Facebook</a><a href='#'>Twitter</a></div>\
             <article><h1>A story</h1>{}<p>Advertisement</p>{}</article>\
             <div class='related'><h3>Related Stories</h3><ul><li><a href='/a'>Other story one</a></li></ul></div>\
             <footer><a href='/full'>View Full Site</a> Copyright 2020</footer></body></html>",
            paragraphs(3),
            paragraphs(2)
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.text.matches("Paragraph").count(), 5, "{}", article.text);
        for junk in ["Home", "Facebook", "Related", "View Full Site", "Copyright", "Advertisement", "A story"] {
            assert!(!article.text.contains(junk), "{junk} kept in {}", article.text);
        }
        assert_eq!(article.title, "A story");
        assert!(article.word_count > 100);
    }

    #[test]
    fn text_split_by_line_breaks_becomes_blocks() {
        let body = (0..6)
            .map(|i| {
                format!("Line {i} of a story written with line breaks only, long enough to count as prose, surely.")
            })
            .collect::<Vec<_>>()
            .join("<br><br>");
        let page = format!("<body><div id='menu'><a href='/'>Home</a></div><div class='text'>{body}</div></body>");
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.text.split("\n\n").count(), 6, "{}", article.text);
        assert!(!article.text.contains("Home"));
    }

    /// A landing page: a hero, a section of features, one of steps and one of testimonials, in a `<main>`, with
    /// a date in its header when `date` is given.
    fn landing_page(date: &str) -> String {
        let features: String = (1..=3)
            .map(|i| {
                format!("<div class='feature'><h3>Feature {i}</h3><p>What feature {i} does for your team.</p></div>")
            })
            .collect();
        let steps: String =
            (1..=3).map(|i| format!("<li><h3>Step {i}</h3><p>Do the thing number {i}.</p></li>")).collect();
        format!(
            "<html><head><title>Acme planner</title></head><body><header><a href='/'>Acme</a>{date}</header><main>\
             <section class='hero'><h1>Plan your work in one place</h1><p>Acme planner keeps your tasks, your \
             calendar and your notes together, so that the whole team sees what is next, and why, and who does it, \
             and when it is due, without a meeting about it.</p><p><a href='/join'>Start your free trial</a></p>\
             </section>\
             <section class='features'><h2>Everything you need</h2>{features}</section>\
             <section class='steps'><h2>How it works</h2><ol>{steps}</ol></section>\
             <section class='quotes'><h2>Loved by teams</h2><blockquote><p>It changed how we work.</p>\
             <cite>Jane, Initech</cite></blockquote></section></main><footer>Copyright Acme</footer></body></html>"
        )
    }

    #[test]
    fn a_landing_page_is_read_by_all_its_parts() {
        let url = Url::parse("https://acme.example/planner").unwrap();
        let article = extract(&landing_page(""), &url).unwrap();
        for part in ["keeps your tasks", "Feature 3", "What feature 2 does", "Step 3", "Do the thing number 1", "Jane"]
        {
            assert!(article.text.contains(part), "{part} missing from {}", article.text);
        }
        // Read on purpose, and cleaned as an article is: its buttons go with the page's furniture. It presents a
        // service.
        assert_eq!((article.kind, article.confidence), (PageKind::Service, Confidence::High));
        assert!(!article.text.contains("Copyright") && !article.text.contains("free trial"), "{}", article.text);
        // A dated page is a story, whatever its layout: the article attempts read it.
        let dated = landing_page("<time datetime='2024-03-01T10:00:00Z'>1 March 2024</time>");
        let story = extract(&dated, &url).unwrap();
        assert!(story.published.is_some());
        assert_ne!(story.text, article.text, "{}", story.text);
    }

    #[test]
    fn page_without_article_is_an_error() {
        let page = "<body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav><p>Hello.</p></body>";
        assert!(matches!(extract(page, &base()), Err(ExtractError::NoArticle)));
        assert!(matches!(extract("", &base()), Err(ExtractError::NoArticle)));
    }

    #[test]
    fn a_page_without_an_article_is_read_coarsely_with_low_confidence() {
        let cards: String = (0..8)
            .map(|i| {
                format!(
                    "<div class='card'><h3><a href='/e/{i}'>Event number {i}</a></h3>\
                     <p>What happens at event {i}.</p></div>"
                )
            })
            .collect();
        let page = format!(
            "<body><nav><a href='/'>Home</a><a href='/about'>About</a></nav><h1>Events</h1>\
             <div class='events'>{cards}</div><footer>Copyright</footer></body>"
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!((article.kind, article.confidence), (PageKind::Listing, Confidence::Low));
        assert!(article.text.contains("Event number 0") && article.text.contains("What happens at event 7."));
        assert!(!article.text.contains("About") && !article.text.contains("Copyright"), "{}", article.text);
        assert!(!article.whole_page);
        let whole = extract_or_whole_page(&page, &base(), WholePage::Keep, &Budget::default()).unwrap();
        assert!(whole.whole_page && whole.text.contains("Copyright"), "{}", whole.text);
        assert_eq!(whole.kind, PageKind::Listing);
    }

    #[test]
    fn a_page_shown_only_to_readers_without_scripts_is_read_from_its_noscript_copy() {
        let copy = format!("<article>{}</article>", paragraphs(20));
        let page = format!("<body><div id='app'></div><noscript>{copy}</noscript></body>");
        let article = extract(&page, &base()).unwrap();
        assert!(article.text.contains("Paragraph 3"), "{}", article.text);
        assert_eq!(article.confidence, Confidence::High);
    }

    #[test]
    fn a_page_hiding_all_its_content_until_scripts_run_is_read_with_low_confidence() {
        let page = format!("<body><div hidden></div><div hidden id='app'><main>{}</main></div></body>", paragraphs(3));
        let article = extract(&page, &base()).unwrap();
        assert!(article.text.contains("Paragraph 2"), "{}", article.text);
        assert_eq!(article.confidence, Confidence::Low);
        // A page with readable text of its own keeps its hidden parts hidden.
        let shown = format!("<body><article>{}</article><div hidden>Secret menu text.</div></body>", paragraphs(3));
        assert!(!extract(&shown, &base()).unwrap().text.contains("Secret"));
    }

    #[test]
    fn a_long_consent_dialog_is_never_the_article() {
        let purposes: String = (0..8)
            .map(|i| {
                format!(
                    "<h3>Purpose {i}</h3><p>These cookies, set by us and by our partners, allow us to count visits, \
                     measure traffic, and, where you agree, show you adverts that match your interests.</p>"
                )
            })
            .collect();
        let page = format!(
            "<body><div class='listing'><h1>Dinner</h1><p>What is for dinner tonight? Ideas for every night of the \
             week.</p><ul><li><a href='/a'>Soups</a></li><li><a href='/b'>Salads</a></li></ul></div>\
             <div id='privacy-center' class='ot-consent-layer'><h2>Your privacy</h2>{purposes}</div></body>"
        );
        // The listing's own text is short, so every attempt runs; none may take the dialog.
        let text = extract(&page, &base()).unwrap().text;
        assert!(text.contains("What is for dinner") && !text.contains("cookies"), "{text}");
    }

    #[test]
    fn a_page_whose_scripts_fetch_everything_is_read_from_its_description() {
        let description = "I am new to astronomy and would like advice on a first telescope: refractor or reflector, \
                           which brands, and which accessories matter most for a beginner.";
        let page = format!(
            "<html><head><title>First telescope?</title><meta property='og:description' content='{description}'>\
             </head><body><div id='app'></div><script>start()</script></body></html>"
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.text, description.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(article.confidence, Confidence::Low);
        // A short description is not a body.
        let page = "<html><head><meta name='description' content='Home page.'></head><body></body></html>";
        assert!(matches!(extract(page, &base()), Err(ExtractError::NoArticle)));
    }

    #[test]
    fn a_thread_read_by_the_attempts_loses_the_quotes_of_its_earlier_posts() {
        // Declared a thread, but its posts carry no class that marks them: the attempts read it.
        let opening = "<p>Our harbour town is planning a second quay, and the council wants opinions from people who \
                       fish here, sail here, or simply walk along the front every evening.</p>";
        let page = format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"DiscussionForumPosting\",\
             \"headline\":\"A second quay\"}}</script></head><body><div class='thread'>\
             <div class='entry'>{opening}</div>\
             <div class='entry'><p>The fishermen say the old quay is too small, silted up, and dangerous in a \
             storm, so they would welcome a new one, wherever it goes.</p></div>\
             <div class='entry'><blockquote>{opening}</blockquote><p>A second quay would bring more ferries, more \
             noise and more traffic, and the town has no room for any of them in summer.</p></div></div></body></html>"
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!((article.kind, article.confidence), (PageKind::Forum, Confidence::High));
        assert_eq!(article.text.matches("planning a second quay").count(), 1, "{}", article.text);
        assert!(article.text.contains("more ferries") && article.text.contains("silted up"), "{}", article.text);
    }

    /// A shop's page for a mug, declared a product, with `extra` at the end of its description.
    fn product_page(extra: &str) -> String {
        let description: String = (0..4)
            .map(|i| {
                format!(
                    "<p>Part {i} of the description: a hand-thrown stoneware mug with a speckled glaze, fired twice, \
                     safe in the dishwasher and the microwave, and holding a generous 350 ml of tea.</p>"
                )
            })
            .collect();
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"Product\",\"name\":\"Speckled mug\",\
             \"offers\":{{\"@type\":\"Offer\",\"price\":\"24.00\"}}}}</script></head><body><main>\
             <div class='product'><h1>Speckled mug</h1><p class='price'>$24.00</p>\
             <div class='description'>{description}{extra}</div></div></main></body></html>"
        )
    }

    #[test]
    fn a_product_page_loses_its_sign_up_box() {
        let page = product_page(
            "<div class='restock'><h3>Notify me when back in stock</h3><p>Colours sell out fast. Leave your \
             address and we will write when this one is back.</p><form><input type='email' name='email'>\
             <button>Notify me</button></form></div>",
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.kind, PageKind::Product);
        assert!(article.text.contains("Part 3 of the description"), "{}", article.text);
        assert!(!article.text.contains("Notify me") && !article.text.contains("sell out fast"), "{}", article.text);
    }

    #[test]
    fn a_product_page_loses_its_buy_box_by_its_words() {
        let page = product_page(
            "<div class='buy'><div class='a'>4.6 out of 5 stars from 212 customer ratings</div>\
             <div class='b'>Regular price $29.00</div><div><span>Loading...</span><div>Size guide: the mug \
             holds 350 ml, and its handle takes three fingers.</div></div><h3>Recommended accessories</h3>\
             <div><a href='/saucer'>Matching saucer</a></div></div>",
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.kind, PageKind::Product);
        assert!(article.text.contains("Part 3 of the description"), "{}", article.text);
        assert!(article.text.contains("Size guide"), "{}", article.text);
        for chrome in ["$24.00", "$29.00", "4.6 out of 5", "Loading", "Recommended accessories"] {
            assert!(!article.text.contains(chrome), "{chrome:?} kept in {}", article.text);
        }
    }

    #[test]
    fn a_product_page_keeps_the_prices_of_a_grid() {
        // Typed a product, but a grid of priced items: their prices are its content.
        let items: String =
            (1..=9).map(|i| format!("<h3>Mug {i}</h3><p>Stoneware, 350 ml.</p><p>${i}4.00</p>")).collect();
        let article = extract(&product_page(&items), &base()).unwrap();
        assert_eq!(article.kind, PageKind::Product);
        assert!(article.text.contains("$94.00"), "{}", article.text);
    }

    #[test]
    fn a_product_page_loses_the_heading_of_a_dropped_carousel() {
        let cards: String = (1..=3)
            .map(|i| {
                format!(
                    "<li class='card'><a href='/p/{i}'><img src='/p/{i}.jpg' alt=''>Speckled stoneware mug in colour \
                     number {i}, thrown by hand</a><span>$2{i}.00</span></li>"
                )
            })
            .collect();
        let page = product_page(&format!(
            "<h2>Care</h2><p>Wash by hand.</p><section><h2>Customers also viewed</h2><ul class='row'>{cards}</ul>\
             </section>"
        ));
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.kind, PageKind::Product);
        assert!(article.text.contains("Care") && article.text.contains("Wash by hand"), "{}", article.text);
        assert!(!article.text.contains("in colour number"), "{}", article.text);
        assert!(!article.text.contains("Customers also viewed"), "{}", article.text);
    }

    #[test]
    fn a_collection_loses_its_cards_buttons_and_stock_notes_but_keeps_their_prices() {
        let cards: String = (1..=8)
            .map(|i| {
                format!(
                    "<li class='tile'><a href='/p/{i}'><img src='/i/{i}.jpg' alt=''>Stoneware mug number {i}, thrown \
                     by hand and glazed in speckled white</a><p>Each one a little different from the next.</p>\
                     <span>${i}9.00</span><div class='badge'>Sold out</div><div class='cta'>Add to cart</div></li>"
                )
            })
            .collect();
        let page = format!("<html><body><main><h1>Mugs</h1><ul class='grid'>{cards}</ul></main></body></html>");
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.kind, PageKind::Collection);
        assert!(article.text.contains("Stoneware mug number 8") && article.text.contains("$89.00"), "{}", article.text);
        assert!(!article.text.contains("Sold out") && !article.text.contains("Add to cart"), "{}", article.text);
    }

    #[test]
    fn a_product_page_keeps_one_copy_of_a_block_laid_out_twice() {
        let panel = "<p>Wheel thrown in our studio by one potter, glazed by hand and fired twice in a gas kiln.</p>";
        let page = product_page(&format!(
            "<div class='panel-small'>{panel}<p>100% stoneware</p></div><h2>Care</h2><p>Wash by hand.</p>\
             <div class='panel-large'>{panel}<p>100% stoneware</p></div>"
        ));
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.kind, PageKind::Product);
        assert_eq!(article.text.matches("Wheel thrown in our studio").count(), 1, "{}", article.text);
        // A short value may rightly come twice.
        assert_eq!(article.text.matches("100% stoneware").count(), 2, "{}", article.text);
        assert!(article.text.contains("Part 3 of the description"), "{}", article.text);
    }

    #[test]
    fn an_article_keeps_its_kind_and_high_confidence() {
        let page = format!("<body><article><h1>A story</h1>{}</article></body>", paragraphs(4));
        let article = extract(&page, &base()).unwrap();
        assert_eq!((article.kind, article.confidence), (PageKind::Article, Confidence::High));
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = heuristics::MAX_DEPTH - 10;
        let page = format!("<body>{}{}{}</body>", "<div>".repeat(depth), paragraphs(5), "</div>".repeat(depth));
        let article = extract(&page, &base()).unwrap();
        assert!(article.text.contains("Paragraph 4"));
        let quotes =
            format!("<body>{}{}{}</body>", "<blockquote>".repeat(depth), paragraphs(5), "</blockquote>".repeat(depth));
        let _ = extract(&quotes, &base());
        let whole = extract_whole_page(&quotes, &base(), &Budget::default()).unwrap();
        assert!(whole.text.contains("Paragraph 4"));
    }

    #[test]
    fn nesting_past_the_cap_is_too_complex_for_both_extractions() {
        let depth = heuristics::MAX_DEPTH + 10;
        let page = format!("<body>{}{}{}</body>", "<div>".repeat(depth), paragraphs(5), "</div>".repeat(depth));
        assert!(matches!(extract(&page, &base()), Err(ExtractError::TooDeep { .. })));
        assert!(matches!(extract_whole_page(&page, &base(), &Budget::default()), Err(ExtractError::TooDeep { .. })));
    }

    #[test]
    fn an_article_whose_classes_style_its_captions_keeps_its_text() {
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><main><h1>Batching</h1>\
             <article class='[&_figcaption]:mt-xs [&_p]:text-gray lg:[&>*]:col-start-3'>{}</article></main>\
             <footer>Footer links</footer></body>",
            paragraphs(5)
        );
        let article = extract(&page, &base()).unwrap();
        assert!(article.text.contains("Paragraph 4"), "{}", article.text);
    }

    #[test]
    fn a_long_page_footer_beside_the_main_landmark_is_furniture() {
        let disclaimer = "<p>This material is for general information only and is not intended to replace the advice \
                          of a qualified adviser, and no reproduction in whole or in part is permitted.</p>"
            .repeat(12);
        let page = format!(
            "<body><main><section><h1>Renting vehicles safely</h1><p>A good safety programme screens every renter at \
             the counter, checks the licence and the record of each driver, and keeps the fleet in good repair, \
             which is the first step in keeping vehicles safe and costs down for the whole season ahead.</p>\
             <p>The guide covers the steps at the counter, drivers from abroad, and how to report a loss quickly.</p>\
             </section><section><form><p>Fill out the form for a copy.</p></form></section></main>\
             <footer>{disclaimer}</footer></body>"
        );
        let article = extract(&page, &base()).unwrap();
        assert!(article.text.contains("screens every renter"), "{}", article.text);
        assert!(!article.text.contains("qualified adviser"), "{}", article.text);

        // Without a main landmark elsewhere, a long footer may be the page (wrapped in it by mistake).
        let wrapped = format!("<body><footer><h1>Notes</h1>{}</footer></body>", paragraphs(5));
        let article = extract(&wrapped, &base()).unwrap();
        assert!(article.text.contains("Paragraph 4"), "{}", article.text);
    }

    #[test]
    fn whole_page_keeps_all_readable_text() {
        let page = "<body><nav>Menu</nav><script>var x = 1;</script><p>Body text.</p></body>";
        let article = extract_whole_page(page, &base(), &Budget::default()).unwrap();
        assert_eq!(article.text, "Menu\n\nBody text.");
    }

    #[test]
    fn every_kind_of_boilerplate_is_stripped() {
        let page = format!(
            "<html lang='en'><body>\
             <div id='cookie-banner'>We use cookies to improve your experience. Accept all cookies</div>\
             <ol class='breadcrumbs'><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ol>\
             <main><article><h1>Council votes</h1>\
             <div class='social-share'><a href='#'>Share on Facebook</a> <a href='#'>Tweet</a></div>\
             {}<aside class='newsletter-box'><h3>Sign up for our newsletter</h3><p>Get the best stories \
             in your inbox every morning, free.</p></aside>{}\
             <div class='ad-label'>Advertisement</div>\
             <div class='author-bio'><p>Jane Doe covers local politics and has written for many papers over \
             twenty years.</p></div>\
             <p><a href='/?desktop=1'>Desktop version</a></p><p><a href='/pc'>PC버전 보기</a></p>\
             <p><a href='/full'>Voir la version complète du site</a></p>\
             </article>\
             <section id='comments'><h3>3 Comments</h3><form><label>Add your comment</label>\
             <textarea></textarea></form><ul class='comment-list'><li class='comment'><p>I disagree with \
             this decision entirely, it is a waste of money.</p></li></ul></section>\
             <div class='related-stories'><h3>You might also like</h3><ul><li><a href='/x'>Another story \
             about the council and its many votes</a></li></ul></div></main>\
             <footer><p>Copyright 2020 The Paper. All rights reserved.</p></footer></body></html>",
            paragraphs(3),
            paragraphs(3)
        );
        let article = extract(&page, &base()).unwrap();
        assert_eq!(article.text.matches("Paragraph").count(), 6, "{}", article.text);
        for junk in [
            "cookies",
            "Home",
            "Share",
            "Tweet",
            "newsletter",
            "inbox",
            "Advertisement",
            "Jane Doe",
            "Desktop",
            "PC버전",
            "version complète",
            "Comments",
            "disagree",
            "might also like",
            "Another story",
            "Copyright",
            "Council votes",
        ] {
            assert!(!article.text.contains(junk), "{junk:?} kept in {}", article.text);
        }
    }

    #[test]
    fn right_to_left_text_is_kept_in_order() {
        let body: String = (0..5)
            .map(|i| {
                format!("<p>الفقرة رقم {i} من المقال تتحدث عن قرار المجلس البلدي، وعن أسبابه، وعن ردود الفعل عليه.</p>")
            })
            .collect();
        let page = format!(
            "<html dir='rtl' lang='ar'><body><nav><a href='/'>الرئيسية</a></nav><article>{body}</article></body></html>"
        );
        let article = extract(&page, &base()).unwrap();
        let blocks: Vec<&str> = article.text.split("\n\n").collect();
        assert_eq!(blocks.len(), 5, "{}", article.text);
        assert!(blocks[0].contains("رقم 0") && blocks[4].contains("رقم 4"));
        assert!(!article.text.contains("الرئيسية"));
    }

    #[test]
    fn article_html_keeps_structure_and_makes_images_and_links_absolute() {
        let page = format!(
            "<body><article>{}<h2>Subhead</h2><ul><li>one item in a list</li><li>two</li></ul>\
             <blockquote><p>A quoted line that is long enough to matter.</p></blockquote>\
             <figure><img src='data:image/gif;base64,R0l' data-src='/img/a.jpg' alt='A'>\
             <figcaption>The caption</figcaption></figure>\
             <p>Text with <a href='../other.html'>a relative link</a> and more words.</p>\
             <div>First line<br>Second line</div>\
             <table><tr><th>Year</th></tr><tr><td>2020</td></tr></table><pre>let x = 1;\n  y</pre>{}</article></body>",
            paragraphs(2),
            paragraphs(2)
        );
        let doc = Html::parse_document(&page);
        let dom = Dom::build(&doc, &base(), &Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, ATTEMPTS[0]);
        attempt.drop_furniture();
        attempt.score();
        let roots = attempt.choose();
        attempt.clean(&roots, "");
        let html = render::html(&attempt, &roots, &base());
        for part in [
            "<h2>Subhead</h2>",
            "<ul><li>one item in a list</li>",
            "<blockquote><p>A quoted line",
            "<img src=\"https://news.example.com/img/a.jpg\" alt=\"A\">",
            "<figcaption>The caption</figcaption>",
            "<a href=\"https://news.example.com/2020/other.html\">a relative link</a>",
            "<p>First line</p><p>Second line</p>",
            "<th>Year</th>",
            "<pre>let x = 1;\n  y</pre>",
        ] {
            assert!(html.contains(part), "{part:?} missing from {html}");
        }
        let text = render::text(&attempt, &roots);
        assert!(!text.contains("The caption"), "captions stay out of the text: {text}");
        assert!(text.contains("First line\n\nSecond line"));
    }

    #[test]
    fn hostile_or_broken_input_does_not_panic() {
        for page in [
            "<",
            "<html><body><p>unclosed <b>bold <i>italic",
            "\u{0}\u{feff}<p>\u{0}</p>",
            "<svg><script>alert(1)</script></svg><img src=x onerror=alert(1)>",
            "<a href='javascript:alert(1)'>x</a><a href='http://[::1'>bad url</a><img srcset=', , 12w'>",
            "<noscript><img src=\"\"></noscript><picture><source srcset=''><img></picture>",
        ] {
            let _ = extract(page, &base());
            let _ = extract_whole_page(page, &base(), &Budget::default());
        }
    }

    #[test]
    fn title_falls_back_to_first_heading_then_title_element() {
        let doc = Html::parse_document("<title>T</title><h1> The  head </h1>");
        assert_eq!(fallback_title(&doc).as_deref(), Some("The head"));
        let doc = Html::parse_document("<title>T</title>");
        assert_eq!(fallback_title(&doc).as_deref(), Some("T"));
    }
}
