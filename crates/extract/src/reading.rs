//! How each kind of page is read (stages 4–9 and the fallback of stage 9b of [`super::extract`]): which strict
//! stages its attempts run, and the coarse reading of the whole page minus its furniture that keeps a clipping
//! from coming back empty.
//!
//! An article is read by the article attempts, strictest first. A forum thread is read the same way but keeps its
//! comment sections: there the posts, comment-like classes and all, are the content. When no attempt reads
//! clearly as the content, [`page_minus_furniture`] keeps the readable text of the body without navigation,
//! sidebars, headers, footers, forms and comment sections; that reading is marked low-confidence by the caller.

use super::article::PageKind;
use super::content::{Attempt, Flags, Stats};
use super::dom::{Dom, NodeIx};
use super::forum;
use super::heuristics as h;
use regex::Regex;
use scraper::{Html, Selector};
use std::sync::LazyLock;

/// `<noscript>` elements, whose content the parser keeps as text (scripting is on, as in a browser).
static NOSCRIPT: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("noscript").unwrap_or_else(|error| panic!("selector noscript does not parse: {error}"))
});

/// A `<noscript>` holding at least this many characters of markup is a copy of the page for readers without
/// scripts (some forums and shops serve their whole content that way).
pub const NOSCRIPT_PAGE_MIN_CHARS: usize = 2000;

/// The article attempts, strictest first. Each later one runs only if the one before under-delivered
/// (less than `heuristics::MIN_ARTICLE_CHARS` of text), switching off one more strict stage.
pub const ARTICLE_ATTEMPTS: [Flags; 4] = [
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        keep_comments: false,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: true,
        clean_conditionally: true,
        keep_comments: false,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
        keep_comments: false,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
        keep_comments: false,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
];

/// A forum thread's attempts: comment sections are kept, and class hints (which call posts "comments" and
/// "replies") neither drop nor weigh anything.
pub const FORUM_ATTEMPTS: [Flags; 2] = [
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
        keep_comments: true,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
        keep_comments: true,
        drop_reviews: false,
        drop_signup_boxes: false,
    },
];

/// The flags of the coarse reading: furniture by tag and role goes, comment sections too, nothing else.
pub const COARSE: Flags = Flags {
    strip_unlikely: false,
    weight_classes: false,
    clean_conditionally: false,
    keep_comments: false,
    drop_reviews: false,
    drop_signup_boxes: false,
};

/// In the coarse reading, a furniture element holding this share of the page's text or more is the page's
/// wrapper, not furniture, and stays.
pub const COARSE_FURNITURE_MAX_SHARE: f32 = 0.5;

/// In the coarse reading, a block with at least this many links…
pub const COARSE_MENU_MIN_LINKS: usize = 10;
/// …holding at least this share of its text in links…
pub const COARSE_MENU_LINK_DENSITY: f32 = 0.8;
/// …with at most this many characters per link on average is a menu or a site map, and goes.
pub const COARSE_MENU_MAX_LINK_CHARS: usize = 25;

/// In the coarse reading, the page's one main landmark (`<main>`, `role=main`) is read instead of the whole body
/// when it holds at least this share of the body's readable text.
pub const COARSE_MAIN_MIN_SHARE: f32 = 0.3;

/// The attempts' reading is judged not to have found the content when it holds less than this share of the
/// coarse reading's text: it picked one part of a page made of many (a service page's sections, a listing's
/// items, a thread's posts). Measured on the development set: below it, the coarse reading scores better for
/// every kind, articles included.
pub const MIN_READ_SHARE: f32 = 0.5;

/// The same judgement on a page that declares itself an article (JSON-LD, `og:type`): its attempt is replaced only
/// when it holds less than this share of the coarse reading's text, a box of a page made of many (a home page, a
/// listing or a service page typed as an article). Chosen on folds 1–4 of the development set, below the share of
/// short news stories on busy pages (about a sixth); fold 0 agrees.
pub const MIN_ARTICLE_READ_SHARE: f32 = 0.15;

/// A landing page (a company's, a product's or a service's home, [`landing_page`]) is read whole: its readable
/// part, the coarse reading's root taken down through every wrapper whose one child holds at least this share of
/// its text…
pub const LANDING_WRAPPER_SHARE: f32 = 0.8;
/// …splits into parts (children holding at least this share of its text)…
pub const LANDING_PART_MIN_SHARE: f32 = 0.02;
/// …at least this many of which have a heading of their own (a hero, features, steps, testimonials, questions)…
pub const LANDING_MIN_HEADED_PARTS: usize = 3;
/// …and it holds at most this many paragraphs of prose ([`LANDING_PROSE_CHARS`]): an article in headed sections
/// runs on in long paragraphs. Chosen on folds 1–4 of the development set.
pub const LANDING_MAX_PROSE_PARAGRAPHS: usize = 20;
/// A paragraph of at least this many characters is prose (as the classifier counts it).
pub const LANDING_PROSE_CHARS: usize = 200;

/// A `<header>` inside a `<section>` or `<main>` is its part's own ([`is_part_header`]) with at most this share of its
/// text in links. Chosen on folds 1–4 of the development set.
pub const PART_HEADER_MAX_LINK_DENSITY: f32 = 0.5;

/// Class and id hints of furniture that the coarse reading drops besides the furniture tags: cookie and consent
/// notices, announcement and promotion bars, newsletter boxes, breadcrumbs, share bars, related-item lists,
/// pagers, pop-ups. Matched on whole words of the hint string.
pub static COARSE_FURNITURE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(^|[\s_-])(cookies?|consent|gdpr|announcement|announcement-bar|promo|newsletter|breadcrumbs?|share|sharing|",
        r"social|related|related-products|recommendations?|upsell|cross-sell|pager|pagination|modal|popup|skip-?link|",
        r"visually-?hidden|sr-only)($|[\s_-])"
    ))
    .unwrap_or_else(|error| panic!("coarse furniture pattern does not compile: {error}"))
});

/// The [`COARSE_FURNITURE_HINT`] word that marks a promotion, as a whole word of the hint string: a bar announcing
/// a sale has no heading, but a block so marked that holds one is a card or a section of the page (a service's card
/// in a grid of services, a call to action with its title) and is not furniture by that word alone
/// ([`is_headed_promo`]).
static PROMO_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[\s_-])promo($|[\s_-])").unwrap_or_else(|error| panic!("promo pattern does not compile: {error}"))
});

/// Whether an element with hint string `hints`, counted in `stats`, is furniture to [`COARSE_FURNITURE_HINT`] only
/// by the word of [`PROMO_HINT`] and holds a heading: a promoted card or section, content of a landing page.
fn is_headed_promo(hints: &str, stats: &Stats) -> bool {
    stats.headings > 0
        && PROMO_HINT.is_match(hints)
        && !COARSE_FURNITURE_HINT.is_match(&PROMO_HINT.replace_all(hints, " "))
}

/// The attempts for a page of `kind`, strictest first. A listing has none: no single container holds it, so it
/// is read coarsely.
pub fn attempts(kind: PageKind) -> &'static [Flags] {
    match kind {
        PageKind::Forum => &FORUM_ATTEMPTS,
        PageKind::Listing => &[],
        _ => &ARTICLE_ATTEMPTS,
    }
}

/// The characters of text below which the attempts' reading of a page of `kind` did not find its content, and
/// the coarse reading is tried: an article may be short, but a product, a collection or a thread read down to a
/// few lines has lost its content.
pub fn enough_chars(kind: PageKind) -> usize {
    match kind {
        PageKind::Article | PageKind::Documentation | PageKind::Service => h::NO_ARTICLE_CHARS,
        PageKind::Forum | PageKind::Product | PageKind::Collection | PageKind::Listing => h::MIN_ARTICLE_CHARS,
    }
}

/// The coarse reading of a page of `kind`: the body with furniture dropped (navigation, sidebars, headers,
/// footers, menus and ARIA furniture; comment sections too unless the page is a forum thread; on a page of links,
/// the items' dates and the labels of form controls, [`h::ITEM_FURNITURE_TAGS`]; on a product page, customers' reviews, the carousels of other
/// products and the sign-up boxes, [`Attempt::drop_signup_boxes`]; on any page but a thread, the controls that sort
/// and filter its items, [`drops_item_controls`]; never the `<header>` of an `<article>`, [`is_item_header`]). Unlike the
/// article attempts, a furniture element holding most of the page's text stays (some pages wrap everything in a
/// `<header>` or a landmark), and forms stay (their controls are never copied; some pages wrap everything in one).
/// Returns the attempt and its root: the page's one main landmark when it holds at least
/// [`COARSE_MAIN_MIN_SHARE`] of the readable text (not on a thread, whose replies may follow outside it), else the
/// body.
pub fn page_minus_furniture<'d, 'a>(dom: &'d Dom<'a>, kind: PageKind) -> (Attempt<'d, 'a>, Vec<NodeIx>) {
    let flags = Flags { keep_comments: kind == PageKind::Forum, drop_reviews: kind == PageKind::Product, ..COARSE };
    let mut attempt = Attempt::new(dom, flags);
    let nodes = &dom.nodes;
    let total = attempt.stats.first().map_or(0, |s| s.chars) as f32;
    let gathers_links = matches!(kind, PageKind::Listing | PageKind::Collection);
    let drops_controls = drops_item_controls(kind);
    let mains = attempt.main_landmarks();
    // Per node: whether an `<article>` holds it, and whether a `<section>` or `<main>` does (nodes come in document
    // order, parents first).
    let mut in_article = vec![false; nodes.len()];
    let mut in_part = vec![false; nodes.len()];
    for (ix, node) in nodes.iter().enumerate().skip(1) {
        let parent = node.parent;
        in_article[ix] = nodes.get(parent).is_some_and(|p| p.tag == "article") || in_article.get(parent) == Some(&true);
        in_part[ix] = nodes.get(parent).is_some_and(|p| matches!(p.tag, "section" | "main"))
            || in_part.get(parent) == Some(&true);
        if node.is_text() || attempt.removed.get(parent).copied().unwrap_or(false) {
            attempt.removed[ix] = attempt.removed.get(parent).copied().unwrap_or(false);
            continue;
        }
        let own_header = is_item_header(node.tag, in_article[ix], kind)
            || (in_part[ix] && kind != PageKind::Forum && is_part_header(node.tag, &attempt.stats[ix]));
        let furniture = (h::FURNITURE_TAGS.contains(&node.tag) && !own_header)
            || (gathers_links && h::ITEM_FURNITURE_TAGS.contains(&node.tag))
            || node.attr("role").is_some_and(|role| h::FURNITURE_ROLES.is_match(role))
            || (!flags.keep_comments && is_comment_section(&node.hints))
            || (drops_controls && is_item_controls(&attempt, ix))
            || (!node.hints.is_empty()
                && !matches!(node.tag, "main" | "article" | "body")
                && ((COARSE_FURNITURE_HINT.is_match(&node.hints)
                    && !is_headed_promo(&node.hints, &attempt.stats[ix]))
                    || (flags.drop_reviews && h::REVIEWS_HINT.is_match(&node.hints))));
        // A consent dialog goes however much of the page's text it holds (a short page behind a long dialog).
        let consent = !node.hints.is_empty()
            && !matches!(node.tag, "main" | "article" | "body")
            && attempt.stats[ix].articles == 0
            && h::CONSENT_HINT.is_match(&node.hints);
        // A dialog laid over the page goes however much of the page's text it holds.
        let modal = attempt.is_laid_over(ix);
        let stats = &attempt.stats[ix];
        // A block of many short links and little else: a menu or a site map that no tag or role marks (on a page
        // that gathers links, a listing or a collection, such blocks are its content).
        let menu = !gathers_links
            && matches!(node.tag, "ul" | "ol" | "div" | "section" | "table" | "dl")
            && stats.links >= COARSE_MENU_MIN_LINKS
            && stats.link_density() >= COARSE_MENU_LINK_DENSITY
            && stats.link_chars <= stats.links * COARSE_MENU_MAX_LINK_CHARS;
        // Furniture holding most of the text stays, unless the page marks its content with a main landmark
        // outside it.
        attempt.removed[ix] = consent
            || modal
            || ((furniture || menu)
                && ((attempt.stats[ix].chars as f32) < total * COARSE_FURNITURE_MAX_SHARE
                    || attempt.outside_main_landmarks(ix, &mains)));
    }
    if drops_controls {
        attempt.drop_choice_list_labels();
    }
    if flags.drop_reviews {
        attempt.drop_other_products();
        attempt.drop_signup_boxes();
    }
    attempt.count();
    // The page's one main landmark, when it holds a good share of the readable text, is where its content is
    // (on a thread, replies may follow outside it).
    let total = attempt.stats[0].chars as f32;
    let mut mains = nodes.iter().enumerate().filter(|(ix, node)| {
        !attempt.removed[*ix]
            && (node.tag == "main" || node.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main")))
    });
    if let (Some((main, _)), None) = (mains.next(), mains.next())
        && kind != PageKind::Forum
        && attempt.stats[main].chars as f32 >= total * COARSE_MAIN_MIN_SHARE
    {
        return (attempt, vec![main]);
    }
    // A thread read coarsely loses its posts' furniture as the reading of its posts does, so that the two compare.
    if kind == PageKind::Forum {
        forum::drop_post_chrome(&mut attempt, 0);
    }
    (attempt, vec![0])
}

/// The reading of a landing page: a page made of several headed parts of comparable weight (a hero, features,
/// steps, questions, testimonials) and little prose, whose content runs across all of them, where the article
/// attempts would keep the best one or clean the short ones away. `None` unless the coarse reading of the page
/// ([`page_minus_furniture`]) is one ([`is_landing_page`]); else that reading without its carousels of teasers for
/// other pages (`Attempt::drop_link_carousels`) and what the article's cleaning drops (headings repeating `title`,
/// boilerplate, link paragraphs, calls to action, lists of other pages, its sign-up boxes and the cards showing a
/// biography of one of `people`) and without the parts that a heading naming a list of other pages opens
/// (`Attempt::drop_headed_teaser_parts`), with its root. The caller asks it only of a page that shows no date: a dated page
/// is a story, whatever its layout.
pub fn landing_page<'d, 'a>(
    dom: &'d Dom<'a>,
    kind: PageKind,
    title: &str,
    people: &[String],
) -> Option<(Attempt<'d, 'a>, Vec<NodeIx>)> {
    let (mut attempt, roots) = page_minus_furniture(dom, kind);
    if !is_landing_page(&attempt, &roots) {
        return None;
    }
    attempt.drop_link_carousels(&roots);
    attempt.drop_signup_boxes();
    attempt.count();
    attempt.clean(&roots, title);
    attempt.drop_headed_teaser_parts(&roots);
    attempt.drop_declared_biographies(&roots, people);
    Some((attempt, roots))
}

/// Whether the coarse reading `attempt`, rooted at `roots`, is a landing page's: below the wrappers that hold
/// nearly all of its text ([`LANDING_WRAPPER_SHARE`]), at least [`LANDING_MIN_HEADED_PARTS`] parts of some weight
/// ([`LANDING_PART_MIN_SHARE`]) each with a heading, and at most [`LANDING_MAX_PROSE_PARAGRAPHS`] paragraphs of
/// prose in all. One pass over the reading.
pub fn is_landing_page(attempt: &Attempt<'_, '_>, roots: &[NodeIx]) -> bool {
    let dom = attempt.dom;
    let nodes = &dom.nodes;
    let live = |ix: NodeIx| !attempt.removed[ix] && !nodes[ix].is_text();
    let Some(&root) = roots.first() else { return false };
    let mut split = root;
    while let Some(child) = dom.children(split).iter().copied().find(|&child| {
        live(child) && attempt.stats[child].chars as f32 >= attempt.stats[split].chars as f32 * LANDING_WRAPPER_SHARE
    }) {
        split = child;
    }
    let total = attempt.stats[split].chars as f32;
    let headed_parts = dom
        .children(split)
        .iter()
        .filter(|&&child| {
            live(child)
                && attempt.stats[child].headings > 0
                && attempt.stats[child].chars as f32 >= total * LANDING_PART_MIN_SHARE
        })
        .count();
    if headed_parts < LANDING_MIN_HEADED_PARTS {
        return false;
    }
    let prose = attempt
        .subtree(roots)
        .into_iter()
        .filter(|&ix| nodes[ix].tag == "p" && !attempt.removed[ix] && attempt.stats[ix].chars >= LANDING_PROSE_CHARS)
        .count();
    prose <= LANDING_MAX_PROSE_PARAGRAPHS
}

/// Whether a `tag` element is the `<header>` of an `<article>` (`in_article`) on a page of `kind`: the item's own
/// headline and standfirst, as the article attempts judge it ([`Attempt::drop_furniture`]), not the page's header.
/// A listing's items are often `<article>` cards whose title sits in such a header. On a thread, where each post
/// is an `<article>`, it is the poster's details, and goes.
fn is_item_header(tag: &str, in_article: bool, kind: PageKind) -> bool {
    tag == "header" && in_article && kind != PageKind::Forum
}

/// Whether a `tag` element counted in `stats`, inside a `<section>` or the `<main>` landmark, is the header of that
/// part (a landing page's sections each open with one: a heading and its standfirst), not the page's banner, as
/// HTML's own rule has it: a `<header>` holding a heading, with at most [`PART_HEADER_MAX_LINK_DENSITY`] of its text
/// in links. A site's header set inside such a wrapper shows no heading, or is its menu of links.
fn is_part_header(tag: &str, stats: &Stats) -> bool {
    tag == "header" && stats.headings > 0 && stats.link_density() <= PART_HEADER_MAX_LINK_DENSITY
}

/// Whether the readings of a page of `kind` drop the second copies of its blocks
/// ([`Attempt::drop_repeated_blocks`]): a shop's pages, products and collections, which lay out their texts twice.
pub fn drops_repeated_blocks(kind: PageKind) -> bool {
    matches!(kind, PageKind::Product | PageKind::Collection)
}

/// Whether the chosen reading of a page of `kind` loses the shop's buying machinery that its words give away
/// (`content::Attempt::drop_shop_chrome`): a product's, and a collection's, whose cards carry the same rating
/// summaries, stock notes, buttons and saving badges as a product's buy box (but whose prices are the cards'
/// content, and stay). Measured on folds 1–4 of the development set: collections on eleven hosts gain.
pub fn drops_shop_chrome(kind: PageKind) -> bool {
    matches!(kind, PageKind::Product | PageKind::Collection)
}

/// Whether the chosen reading of a page of `kind` that keeps `price_tags` price tags is a grid of products that the
/// classifier did not see as one (an article or a listing laid out as a shop's category): more price tags than a
/// product page shows ([`crate::product::PRICE_ONLY_MAX_BLOCKS`]). Its cards lose their machinery
/// (`content::Attempt::drop_grid_card_chrome`).
pub fn reads_as_grid(kind: PageKind, price_tags: usize) -> bool {
    matches!(kind, PageKind::Article | PageKind::Listing) && price_tags > crate::product::PRICE_ONLY_MAX_BLOCKS
}

/// Whether the coarse reading of a page of `kind` drops the controls that sort and filter the items a page lays
/// out ([`is_item_controls`]): every page but a thread. A listing or a collection sets them above or beside its
/// items, and so do pages of items of other kinds (a shop's category typed as a product, a list of jobs typed as
/// an article); their readers take in the items, not the tools. Measured on folds 1–4 of the development set:
/// pages of every kind gain, none loses.
pub fn drops_item_controls(kind: PageKind) -> bool {
    kind != PageKind::Forum
}

/// Whether element `ix` is a block of item controls: its hints name filters, facets, a sort menu or a toolbar
/// ([`h::names_item_controls`]), and it holds none of the items (no picture, no headline link, no
/// `<article>`) and no prose (at most [`h::ITEM_CONTROLS_MAX_PROSE_CHARS`] of paragraph text).
fn is_item_controls(attempt: &Attempt<'_, '_>, ix: NodeIx) -> bool {
    let node = &attempt.dom.nodes[ix];
    let stats = &attempt.stats[ix];
    !matches!(node.tag, "main" | "article" | "body")
        && stats.images == 0
        && stats.linked_headings == 0
        && stats.articles == 0
        && stats.paragraph_chars <= h::ITEM_CONTROLS_MAX_PROSE_CHARS
        && h::names_item_controls(&node.hints)
}

/// Whether hints name a comment section, as the article attempts judge it.
fn is_comment_section(hints: &str) -> bool {
    !hints.is_empty()
        && super::content::has_comment_word(hints)
        && hints.split_whitespace().any(|token| h::COMMENT_SECTION.is_match(token))
}

/// The markup of the largest `<noscript>` of `doc` when it holds a page's worth of markup
/// ([`NOSCRIPT_PAGE_MIN_CHARS`]): the page as shown to readers without scripts.
pub fn noscript_page(doc: &Html) -> Option<String> {
    doc.select(&NOSCRIPT)
        .map(|element| element.text().collect::<String>())
        .filter(|markup| markup.len() >= NOSCRIPT_PAGE_MIN_CHARS && markup.contains('<'))
        .max_by_key(String::len)
}

/// A forum thread's reading: furniture dropped but comment-like classes kept, and the container of the posts
/// as the root ([`forum::thread_root`]). `None` when no thread of posts is found.
pub fn forum_thread<'d, 'a>(dom: &'d Dom<'a>) -> Option<(Attempt<'d, 'a>, Vec<NodeIx>)> {
    let mut attempt = Attempt::new(dom, FORUM_ATTEMPTS[FORUM_ATTEMPTS.len() - 1]);
    attempt.drop_furniture();
    let root = forum::thread_root(&attempt)?;
    forum::drop_post_chrome(&mut attempt, root);
    Some((attempt, vec![root]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;
    use crate::render;
    use url::Url;

    fn coarse(page: &str, kind: PageKind) -> String {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://site.example/").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let (attempt, roots) = page_minus_furniture(&dom, kind);
        render::text(&attempt, &roots)
    }

    /// Whether the coarse reading of `page` is a landing page's.
    fn landing(page: &str) -> bool {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://site.example/").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let (attempt, roots) = page_minus_furniture(&dom, PageKind::Service);
        is_landing_page(&attempt, &roots)
    }

    /// A `<main>` (in a wrapper) of `parts` sections, each with a heading and `prose` paragraphs of 250 characters.
    fn sections(parts: usize, prose: usize) -> String {
        let paragraph = format!("<p>{}</p>", "Words of the part, one after another. ".repeat(7));
        let parts: String = (0..parts)
            .map(|i| format!("<section><h2>Part {i}</h2><p>A short line.</p>{}</section>", paragraph.repeat(prose)))
            .collect();
        format!("<body><nav><a href='/'>Home</a></nav><main><div class='wrap'>{parts}</div></main></body>")
    }

    #[test]
    fn a_landing_page_is_several_headed_parts_with_little_prose() {
        assert!(landing(&sections(3, 1)));
        // Two parts are a page and its aside.
        assert!(!landing(&sections(2, 1)));
        // Parts without headings are a page's blocks.
        assert!(!landing(&sections(3, 1).replace("<h2>", "<b>").replace("</h2>", "</b>")));
        // An article in headed sections runs on in prose.
        assert!(!landing(&sections(4, 6)));
    }

    /// The text of `page` as a landing page's reading leaves it ([`landing_page`]); panics if it is none.
    fn landing_text(page: &str) -> String {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://site.example/").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let (attempt, roots) = landing_page(&dom, PageKind::Service, "", &[]).unwrap();
        render::text(&attempt, &roots)
    }

    #[test]
    fn a_landing_page_loses_its_carousels_of_teasers_but_not_its_testimonials() {
        let cards: String = (0..4)
            .map(|i| {
                format!(
                    "<div class='slide'><a href='/insights/{i}'><p>Report</p><p>What leaders learned about data, \
                     volume {i}</p><div>Our survey of a thousand firms shows how they use their data.</div></a></div>"
                )
            })
            .collect();
        let quotes: String = (0..4)
            .map(|i| format!("<div class='slide'><blockquote>They rebuilt our reporting in weeks, said client {i}.</blockquote></div>"))
            .collect();
        let page = sections(3, 1).replace(
            "</div></main>",
            &format!(
                "<section><h2>Featured insights</h2><div class='card-carousel'>{cards}</div></section>\
                 <section><h2>What clients say</h2><div class='quote-slider'>{quotes}</div></section></div></main>"
            ),
        );
        let text = landing_text(&page);
        assert!(!text.contains("What leaders learned"), "{text}");
        assert!(text.contains("rebuilt our reporting"), "{text}");
        assert!(text.contains("Words of the part"), "{text}");
    }

    #[test]
    fn the_coarse_reading_keeps_a_promoted_card_with_a_heading_but_drops_a_promotion_bar() {
        let page = "<body><div class='promo-bar'>Free shipping on orders over $50</div><main>\
                    <div class='promo card'><h3>Bike locks</h3><p>Keep your bike where you left it.</p></div>\
                    <div class='promo related'><h3>Other pages</h3><p>More to read.</p></div>\
                    <p>Locks for every door.</p></main></body>";
        let text = coarse(page, PageKind::Service);
        assert_eq!(text, "Bike locks\n\nKeep your bike where you left it.\n\nLocks for every door.");
    }

    #[test]
    fn a_landing_page_loses_a_part_that_its_blog_label_opens() {
        let cards: String = (0..2)
            .map(|i| {
                format!(
                    "<li><a href='/blog/{i}'><h3>When to meet and when to record, part {i}</h3><p>This guide \
                     weighs a meeting against a recorded message.</p><p>Read the article</p></a></li>"
                )
            })
            .collect();
        let blog = format!(
            "<section><header><p>From our blog</p><h2>How teams share work without meetings</h2></header>\
             <section><ul>{cards}</ul></section></section>"
        );
        let page = sections(3, 1).replace("</div></main>", &format!("{blog}</div></main>"));
        let text = landing_text(&page);
        assert!(!text.contains("From our blog") && !text.contains("Read the article"), "{text}");
        assert!(text.contains("Words of the part"), "{text}");
        // The same part under a heading of the page's own stays.
        let own = page.replace("From our blog", "How it works");
        assert!(landing_text(&own).contains("Read the article"));
    }

    #[test]
    fn the_header_of_a_part_stays_but_a_site_header_inside_main_goes() {
        let menu: String = (0..4).map(|i| format!("<a href='/m{i}'>Menu entry {i}</a>")).collect();
        let page = format!(
            "<body><main><header class='site'><a href='/'>Acme</a>{menu}</header>\
             <section><header><h2>Record in one click</h2><p>Share a video instead of a meeting.</p></header>\
             <p>Your screen, your camera and your voice, together.</p></section></main></body>"
        );
        let text = coarse(&page, PageKind::Service);
        assert!(text.starts_with("Record in one click\n\nShare a video"), "{text}");
        assert!(!text.contains("Menu entry"), "{text}");
        // A header outside any part is the page's banner.
        let banner = "<body><header><h1>Acme</h1><p>Videos for teams.</p></header><main><section><p>Your screen, \
                      your camera and your voice, together.</p></section></main></body>";
        assert!(!coarse(banner, PageKind::Service).contains("Videos for teams"));
    }

    #[test]
    fn the_coarse_reading_drops_furniture_by_tag_role_and_class() {
        let page = "<body><header>Logo</header><nav>Menu</nav><div class='cookie-banner'>We use cookies</div>\
                    <div role='complementary'>Side</div><main><h1>Title</h1><p>Body text.</p>\
                    <div class='related-products'>Other things</div></main>\
                    <section id='comments'>A comment</section><footer>Legal</footer></body>";
        assert_eq!(coarse(page, PageKind::Service), "Title\n\nBody text.");
        assert_eq!(coarse(page, PageKind::Forum), "Title\n\nBody text.\n\nA comment");
    }

    #[test]
    fn the_coarse_reading_keeps_the_headers_of_a_listings_items() {
        let items: String = (1..=3)
            .map(|i| {
                format!(
                    "<article class='post-{i} entry'><header class='entry-header'><h2><a href='/p/{i}'>Recipe {i}</a>\
                     </h2></header><p>Teaser of recipe {i}.</p></article>"
                )
            })
            .collect();
        let page = format!("<body><header class='site-header'><a href='/'>Home</a></header><div>{items}</div></body>");
        let listing =
            "Recipe 1\n\nTeaser of recipe 1.\n\nRecipe 2\n\nTeaser of recipe 2.\n\nRecipe 3\n\nTeaser of recipe 3.";
        assert_eq!(coarse(&page, PageKind::Listing), listing);
        assert_eq!(coarse(&page, PageKind::Article), listing);
        // On a thread, each post's header holds the poster's details.
        assert_eq!(coarse(&page, PageKind::Forum), "Teaser of recipe 1.\n\nTeaser of recipe 2.\n\nTeaser of recipe 3.");
    }

    #[test]
    fn the_coarse_reading_of_a_product_drops_its_sign_up_box() {
        let page = "<body><main><h1>Kettle K2</h1><p>Boils a litre in three minutes and keeps it hot for an hour.</p>\
                    <p>The steel body stays cool to the touch, and the base turns all the way round.</p>\
                    <div class='restock'><h3>Email me when back in stock</h3><form><input type='email' name='email'>\
                    <button>Notify me</button></form><p>Oops! Something went wrong. Please try again.</p></div>\
                    </main></body>";
        let kettle = "Kettle K2\n\nBoils a litre in three minutes and keeps it hot for an hour.\n\nThe steel body stays \
                      cool to the touch, and the base turns all the way round.";
        assert_eq!(coarse(page, PageKind::Product), kettle);
    }

    #[test]
    fn a_long_footer_stays_only_where_no_main_landmark_lies_beside_it() {
        let legal = "<p>Terms of use: by using this site you agree to be bound by these terms in full.</p>".repeat(20);
        let mains = format!(
            "<body><main><h1>Quay opens</h1><p>The new quay opens in the spring after two years of work on it.</p>\
             <p>Traffic is expected to double within five years, the harbour authority said.</p></main><footer>{legal}</footer></body>"
        );
        assert!(!coarse(&mains, PageKind::Service).contains("Terms of use"));
        let wrapped = format!("<body><footer><h1>Quay opens</h1>{legal}</footer></body>");
        assert!(coarse(&wrapped, PageKind::Service).contains("Terms of use"));
    }

    #[test]
    fn the_coarse_reading_keeps_to_the_main_landmark() {
        let menu: String = (0..4).map(|i| format!("<li><a href='/c{i}'>Category {i}</a></li>")).collect();
        let page = format!(
            "<body><div class='top'><ul>{menu}</ul></div><main><h1>Kettle K2</h1><p>Boils a litre in three \
             minutes and keeps it hot for an hour.</p></main><div class='bottom'>Legal lines and addresses</div></body>"
        );
        let kettle = "Kettle K2\n\nBoils a litre in three minutes and keeps it hot for an hour.";
        assert_eq!(coarse(&page, PageKind::Product), kettle);
        // Two main landmarks say nothing: the whole page is read.
        let two = "<body><main><p>One part of the page.</p></main><main><p>Another part.</p></main></body>";
        assert_eq!(coarse(two, PageKind::Product), "One part of the page.\n\nAnother part.");
    }

    #[test]
    fn an_unmarked_menu_goes_from_the_coarse_reading_except_on_pages_of_links() {
        let links: String = (0..12).map(|i| format!("<li><a href='/c{i}'>Shelf {i}</a></li>")).collect();
        let page = format!(
            "<body><div class='top'><ul>{links}</ul></div><div><h1>Kettle K2</h1><p>Boils a litre in three \
             minutes and keeps it hot for an hour, with a lid that opens wide.</p></div></body>"
        );
        assert!(!coarse(&page, PageKind::Product).contains("Shelf"));
        assert!(coarse(&page, PageKind::Listing).contains("Shelf 11"));
    }

    #[test]
    fn the_items_dates_go_from_the_coarse_reading_of_a_page_of_links() {
        let cards: String = (1..=3)
            .map(|i| {
                format!(
                    "<div class='card'><h2><a href='/s{i}'>Story {i} about the harbour</a></h2>\
                     <time datetime='2025-03-0{i}'>{i} hours ago</time><p>What happened at the quay.</p></div>"
                )
            })
            .collect();
        let page = format!("<body><main>{cards}</main></body>");
        for kind in [PageKind::Listing, PageKind::Collection] {
            let text = coarse(&page, kind);
            assert!(text.contains("Story 3 about the harbour") && !text.contains("hours ago"), "{kind:?}: {text}");
        }
        // Elsewhere a date is the content's own (an event's, a service's opening hours).
        assert!(coarse(&page, PageKind::Service).contains("2 hours ago"));
    }

    #[test]
    fn the_labels_of_form_controls_go_from_the_coarse_reading_of_a_page_of_links() {
        let cards: String = (1..=3)
            .map(|i| {
                format!(
                    "<li class='card'><h3><a href='/k{i}'>Kettle K{i}</a></h3><span>$4{i}.00</span>\
                     <input type='checkbox' id='c{i}'><label for='c{i}'>Compare</label></li>"
                )
            })
            .collect();
        let page = format!("<body><main><ul>{cards}</ul></main></body>");
        for kind in [PageKind::Listing, PageKind::Collection] {
            let text = coarse(&page, kind);
            assert!(text.contains("Kettle K3") && !text.contains("Compare"), "{kind:?}: {text}");
        }
        // Elsewhere a label may caption the content's own figures (a form to fill in on a service page).
        assert!(coarse(&page, PageKind::Service).contains("Compare"));
    }

    /// A page of three products, with `controls` set above the grid.
    fn shop_page(controls: &str) -> String {
        let cards: String = (1..=3)
            .map(|i| {
                format!(
                    "<li class='card'><img src='/k{i}.jpg' alt=''><h3><a href='/k{i}'>Kettle K{i}</a></h3>\
                     <p>Boils a litre in {i} minutes and keeps it hot for an hour.</p><span>$4{i}.00</span></li>"
                )
            })
            .collect();
        format!(
            "<body><main><h1>Kettles</h1>{controls}<div class='filter-results'><ul>{cards}</ul></div></main></body>"
        )
    }

    #[test]
    fn the_coarse_reading_drops_the_controls_named_by_their_classes() {
        let controls = "<div class='toolbar toolbar-products'><span>View as</span> <span>Grid</span> <span>List</span>\
                        <p>22 Items</p></div><div class='facets__filter-bar'><h2>Color</h2><ul><li><label>\
                        <input type='checkbox'>Red (12)</label></li><li><label><input type='checkbox'>Blue (3)\
                        </label></li></ul><a href='?clear'>Clear all</a></div>";
        let page = shop_page(controls);
        for kind in [PageKind::Collection, PageKind::Listing, PageKind::Product, PageKind::Article] {
            let text = coarse(&page, kind);
            assert!(text.starts_with("Kettles\n\nKettle K1") && text.contains("Kettle K3"), "{kind:?}: {text}");
            assert!(!text.contains("View as") && !text.contains("Red (12)") && !text.contains("Clear all"), "{text}");
        }
        // A thread's reading keeps them: there is no evidence that a thread's are furniture.
        assert!(coarse(&page, PageKind::Forum).contains("Red (12)"));
        // A block named as the controls' results holds the items, and stays (see `shop_page`).
        assert!(coarse(&shop_page(""), PageKind::Collection).contains("Kettle K2"));
    }

    #[test]
    fn a_controls_block_holding_items_or_prose_stays() {
        let guide = format!("<div class='facet-bar'><p>{}</p></div>", "How to choose a kettle, and why. ".repeat(8));
        assert!(coarse(&shop_page(&guide), PageKind::Collection).contains("How to choose a kettle"));
        let picked = "<div class='sort-by'><h3><a href='/k9'>Kettle K9, our pick</a></h3></div>";
        assert!(coarse(&shop_page(picked), PageKind::Collection).contains("Kettle K9, our pick"));
    }

    #[test]
    fn the_coarse_reading_drops_the_labels_of_drop_down_lists() {
        let controls = "<div><div><span>Sort by:</span><select><option>Price</option></select></div>\
                        <div><label>Show</label><select><option>24</option></select><span>per page</span></div></div>";
        let text = coarse(&shop_page(controls), PageKind::Collection);
        assert!(text.contains("Kettle K1") && !text.contains("Sort by") && !text.contains("per page"), "{text}");
        // A list beside a longer text leaves the text alone.
        let question = "<div><p>Which size of kettle do you need for a family of four?</p><select><option>1 l\
                        </option></select></div>";
        assert!(coarse(&shop_page(question), PageKind::Collection).contains("Which size of kettle"));
    }

    #[test]
    fn a_dialog_laid_over_the_page_goes_from_the_coarse_reading() {
        let terms = "<p>By ordering you accept these terms of sale, returns and liability in full.</p>".repeat(30);
        let kettle = "<div><h1>Kettle K2</h1><p>Boils a litre in three minutes, and its steel body keeps the water \
                      hot for an hour after it clicks off; the lid opens wide for cleaning.</p></div>";
        let page = format!("<body>{kettle}<div role='dialog' aria-modal='true'><h2>Terms</h2>{terms}</div></body>");
        for kind in [PageKind::Product, PageKind::Collection, PageKind::Listing, PageKind::Article] {
            assert!(coarse(&page, kind).starts_with("Kettle K2") && !coarse(&page, kind).contains("terms of sale"));
        }
        // A page that shows its content only in a dialog keeps it.
        let only = format!("<body><p>Menu</p><div role='dialog' aria-modal='true'>{terms}</div></body>");
        assert!(coarse(&only, PageKind::Article).contains("terms of sale"));
    }

    #[test]
    fn a_furniture_element_holding_most_of_the_page_stays() {
        let page = "<body><header><h1>Title</h1><p>All of the page's text sits inside a header element here.</p>\
                    </header><footer>Legal</footer></body>";
        assert!(coarse(page, PageKind::Article).contains("All of the page's text"));
    }

    #[test]
    fn an_article_or_a_listing_with_many_price_tags_reads_as_a_grid() {
        let many = crate::product::PRICE_ONLY_MAX_BLOCKS + 1;
        assert!(reads_as_grid(PageKind::Article, many) && reads_as_grid(PageKind::Listing, many));
        assert!(!reads_as_grid(PageKind::Article, crate::product::PRICE_ONLY_MAX_BLOCKS));
        // A shop's page loses its machinery by its own rules; a thread's prices are its posters'.
        assert!(!reads_as_grid(PageKind::Collection, many) && !reads_as_grid(PageKind::Forum, many));
    }

    #[test]
    fn forums_keep_comments_and_listings_skip_the_attempts() {
        assert!(attempts(PageKind::Forum).iter().all(|flags| flags.keep_comments && !flags.strip_unlikely));
        assert!(attempts(PageKind::Article).iter().all(|flags| !flags.keep_comments));
        assert!(attempts(PageKind::Listing).is_empty());
        assert!(enough_chars(PageKind::Product) > enough_chars(PageKind::Article));
    }

    #[test]
    fn a_noscript_copy_of_the_page_is_found() {
        let copy = format!("<div class='post'>{}</div>", "Text of the thread. ".repeat(200));
        let page =
            format!("<body><div id='app'></div><noscript>{copy}</noscript><noscript><img src=a></noscript></body>");
        let doc = Html::parse_document(&page);
        assert!(noscript_page(&doc).is_some_and(|markup| markup.contains("Text of the thread")));
        assert_eq!(noscript_page(&Html::parse_document("<body><noscript><img src=a></noscript></body>")), None);
    }
}
