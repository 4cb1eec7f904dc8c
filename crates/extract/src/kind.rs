//! Classifying a page's kind (stage 3b of [`super::extract`]): article, forum thread, product, documentation,
//! listing, collection or service, from the page's own signals.
//!
//! Evidence is weighed, never trusted alone: the structured data a page declares (JSON-LD and microdata `@type`,
//! `og:type`) counts most; the shape of the body (repeated posts, code blocks beside a side navigation, a price
//! beside an add-to-cart control, many similar link cards) next; words of the address's path least. A page with no
//! clear evidence is an [`PageKind::Article`], the kind the body stages were made for. Every pattern and weight is
//! a named constant here; nothing names a site. Nothing recurses: JSON values are walked with a stack, the page
//! with the [`Dom`]'s indices, and everything is linear in the size of the page.

use super::article::PageKind;
use super::dom::{Dom, NO_PARENT, Node};
use super::heuristics as h;
use super::product;
use html5ever::{LocalName, local_name, ns};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;
use url::Url;

/// Compiles a constant pattern; they are literals checked by the unit tests, so failure is a bug.
fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|error| panic!("kind pattern {source:?} does not compile: {error}"))
}

/// Compiles a constant selector; they are literals checked by the unit tests, so failure is a bug.
fn selector(source: &str) -> Selector {
    Selector::parse(source).unwrap_or_else(|error| panic!("kind selector {source:?} does not parse: {error}"))
}

// ---------------------------------------------------------------------------------------------------------------
// Weights.
// ---------------------------------------------------------------------------------------------------------------

/// Weight of a structured-data type the page declares for itself (JSON-LD, microdata, `og:type`).
const DECLARED: i32 = 4;
/// Weight of the body's shape (repeated posts, code and side navigation, price and cart).
const SHAPE: i32 = 3;
/// Weight of a word of the address's path.
const PATH_WORD: i32 = 1;
/// Weight of an address that is a site's home page, for a service page: as much as the body's shape, so that a
/// home page made of link cards stays a listing, and one that declares an article stays one.
const HOME_PAGE: i32 = SHAPE;
/// A kind other than article needs at least this much evidence, and more than the article's.
const MIN_EVIDENCE: i32 = 3;

// ---------------------------------------------------------------------------------------------------------------
// Structured data.
// ---------------------------------------------------------------------------------------------------------------

/// The `type` of a JSON-LD block (`<script>`), compared without ASCII case.
const JSON_LD_TYPE: &str = "application/ld+json";
/// The `property` of the `og:type` meta element, compared without ASCII case.
const OG_TYPE_PROPERTY: &str = "og:type";
/// JSON-LD blocks, as a selector: what [`Declarations::of`] finds in its walk (checked by the tests).
#[cfg(test)]
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json" i]"#));
/// Elements declaring a microdata type, as a selector (see [`JSON_LD`]).
#[cfg(test)]
static ITEM_TYPE: LazyLock<Selector> = LazyLock::new(|| selector("[itemtype]"));
/// The `og:type` meta element, as a selector (see [`JSON_LD`]).
#[cfg(test)]
static OG_TYPE: LazyLock<Selector> = LazyLock::new(|| selector(r#"meta[property="og:type" i]"#));

/// Schema.org types of an article page.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportage",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
];
/// Schema.org types of a discussion thread.
const FORUM_TYPES: &[&str] = &["discussionforumposting", "qapage"];
/// Schema.org types of a documentation page.
const DOCUMENTATION_TYPES: &[&str] = &["techarticle", "apireference"];
/// Schema.org types of a service page (an organisation's offer).
const SERVICE_TYPES: &[&str] = &["service", "professionalservice"];
/// Schema.org types of a page that gathers items.
const GATHERING_TYPES: &[&str] = &["collectionpage", "searchresultspage", "offercatalog"];
/// Schema.org types of a product's offer.
const OFFER_TYPES: &[&str] = &["offer", "aggregateoffer"];
/// With this many products declared, the page gathers products (a collection) rather than presents one.
const COLLECTION_MIN_PRODUCTS: usize = 3;
/// JSON-LD values walked per page at most (a bound on hostile data).
const MAX_JSON_VALUES: usize = 20_000;

/// `og:type` values of a product page (`product`, `product.item`, `og:product`, `shop:product`…).
static OG_PRODUCT: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)^([a-z_-]+:)?(product|product\.item|item)$"));
/// `og:type` values of a collection (`product.group`).
static OG_COLLECTION: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)^product\.group$"));

// ---------------------------------------------------------------------------------------------------------------
// Shape of the body.
// ---------------------------------------------------------------------------------------------------------------

/// Hint tokens (class, id, role, itemprop) of one post of a thread: a message, a reply, an answer. Matched as a
/// whole token, anywhere in a node's hints (the hints split at whitespace): a few comparisons of the node's tokens
/// with these, cheaper than a search of the hints for a pattern of them.
const POST_HINT: [&str; 24] = [
    "crawler-post",
    "topic-post",
    "post-body",
    "postbody",
    "postbit",
    "message",
    "message--post",
    "forum-post",
    "forumpost",
    "bbp-reply",
    "reply-item",
    "replyitem",
    "answer",
    "comment",
    "postcontainer",
    "post-row",
    "postrow",
    "discussion-item",
    "discussionitem",
    "thread-post",
    "threadpost",
    // Invision Community's two markups.
    "cpost",
    "ipscomment",
    "ipsentry--post",
];
/// Letter pairs one of which every token of [`POST_HINT`] holds ("post", "message", "reply", "answer", "comment",
/// "discussion"): hints without any are not searched.
const POST_MARKS: [[u8; 2]; 5] = [*b"os", *b"ss", *b"pl", *b"sw", *b"mm"];

/// Whether `hints` hold one of [`POST_MARKS`]: a pair is compared with the marks only where its first byte starts
/// one of them.
fn post_mark(hints: &str) -> bool {
    hints.as_bytes().windows(2).any(|pair| {
        matches!(pair.first(), Some(b'o' | b's' | b'p' | b'm')) && POST_MARKS.iter().any(|mark| pair == mark)
    })
}

/// Whether one of the whitespace-separated tokens of `hints` is one of [`POST_HINT`].
fn has_post_hint(hints: &str) -> bool {
    hints.split_whitespace().any(|token| POST_HINT.contains(&token))
}

/// Microdata types of one post of a thread.
static POST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)schema\.org/(Comment|DiscussionForumPosting|Answer|Question)\b"));
/// Microdata type of a whole thread as one item: schema.org nests the replies inside it as its `comment` items
/// (forum software that marks its threads up, Discourse among them, lays them out so).
static THREAD_ITEM: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)schema\.org/DiscussionForumPosting\b"));
/// A thread shows at least this many posts.
const MIN_POSTS: usize = 3;
/// Hint of a price or an add-to-cart control. Every match holds [`PRICE_MARK`].
static PRICE_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(^|[\s_-])(price|prix|preis|precio|prezzo|preco)($|[\s_-])"));
/// Hint of an add-to-cart or buy control (the buttons themselves are not copied; their wrappers are). Every match
/// holds one of [`CART_MARKS`].
static CART_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"add-?to-?(cart|bag|basket)|addtocart|add_to_cart|buy-?now|product-?form|buy-?box"));
/// Letters every match of [`PRICE_HINT`] holds (each of its words starts with them), and of [`CART_HINT`] one of
/// them or of [`CART_MARKS`] ("product", "add", "buy"): hints without them are not searched.
const PRICE_MARK: &[u8] = b"pr";
/// See [`PRICE_MARK`].
const CART_MARKS: [&[u8]; 2] = [b"add", b"buy"];

/// Whether `hints` hold [`PRICE_MARK`], and whether they hold one of [`CART_MARKS`]: one pass over their bytes.
fn marks(hints: &str) -> (bool, bool) {
    let bytes = hints.as_bytes();
    let (mut price, mut cart) = (false, false);
    for (at, &byte) in bytes.iter().enumerate() {
        let rest = bytes.get(at..).unwrap_or_default();
        match byte {
            b'p' => price |= rest.starts_with(PRICE_MARK),
            b'a' | b'b' => cart |= CART_MARKS.iter().any(|mark| rest.starts_with(mark)),
            _ => {}
        }
    }
    (price, cart)
}
/// Add-to-cart forms and buttons, looked for in the parsed page (form controls are not in the [`Dom`]).
static CART_CONTROL: LazyLock<Selector> = LazyLock::new(|| {
    selector(concat!(
        r#"form[action*="cart" i], button[name="add" i], [name="add-to-cart" i], button[class*="add-to-cart" i], "#,
        r#"button[class*="addtocart" i], button[id*="add-to-cart" i]"#
    ))
});
/// Code blocks of at least this many characters count towards documentation.
const MIN_CODE_CHARS: usize = 20;
/// A documentation page shows at least this many code blocks.
const MIN_CODE_BLOCKS: usize = 2;
/// Hint of a documentation side navigation or table of contents.
static DOC_NAV_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(^|[\s_-])(toc|table-?of-?contents|sidebar|side-?nav|docs?-?nav|doc-?sidebar|menu|on-?this-?page)($|[\s_-])",
    )
});
/// A side navigation lists at least this many links.
const MIN_NAV_LINKS: usize = 8;
/// A paragraph of at least this many characters is prose.
const LONG_PARAGRAPH_CHARS: usize = 200;
/// A page with this many prose paragraphs reads as an article, whatever cards surround it.
const MIN_PROSE_PARAGRAPHS: usize = 8;
/// A run of this many sibling cards of one class, each with a link, is a listing's body.
const MIN_CARDS: usize = 6;
/// The cards hold at least this share of the page's readable text (outside its navigation, header, footer and
/// sidebars): measured against the whole text, the menus of a large site hid its list of stories. On folds 1–4 of the
/// development set, pages of 7 hosts gain (an encyclopedia's category, news fronts, a blog's index, catalogues),
/// articles lose nothing (with the menus that no tag marks left out of the search for cards, [`names_a_menu`]).
const CARDS_MIN_TEXT_SHARE: f32 = 0.4;
/// A run of priced cards holds at least this share of the page's text to make it a collection.
const PRICED_CARDS_MIN_TEXT_SHARE: f32 = 0.25;

// ---------------------------------------------------------------------------------------------------------------
// Address path words (weak evidence, several languages).
// ---------------------------------------------------------------------------------------------------------------

/// Path segments of news and blog posts, and the year of a dated address (`/2019/05/...`).
static ARTICLE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^(news|noticias?|nachrichten|actualites?|actualidad|notizie|nieuws|novosti|noticia|blogs?|artikel|articles?|",
        r"story|stories|posts?|press|opinion|(19|20)[0-9]{2})$"
    ))
});
/// Path segments of a discussion forum.
static FORUM_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(t|forums?|threads?|topics?|viewtopic(\.php)?|showthread(\.php)?|discussions?|questions|foro|foros|forum-?[a-z]*|community|comunidad|communaute|gemeinschaft)$",
    )
});
/// Path segments of a product page.
static PRODUCT_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(products?|produkte?|produits?|productos?|prodotti|prodotto|produtos?|item|itm|dp|p)$")
});
/// Path segments of a collection of products.
static COLLECTION_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(collections?|categor(y|ies)|kategorie[n]?|categorie|categorias?|categories|catalog(ue)?|shop|c)$")
});
/// Path segments of documentation.
static DOCUMENTATION_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(docs?|documentation|dokumentation|documentacion|documentazione|reference|api|manual|handbook|wiki|kb|knowledge-?base|developer|sdk)$",
    )
});
/// Path segments of a listing.
static LISTING_PATH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(search|suche|recherche|buscar|tags?|archives?|jobs|events|listings?|directory|results|page)$")
});

// ---------------------------------------------------------------------------------------------------------------
// The classifier.
// ---------------------------------------------------------------------------------------------------------------

/// The evidence gathered for each kind, in the order of [`PageKind::ALL`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Evidence([i32; 7]);

impl Evidence {
    /// Adds `weight` to `kind`.
    fn add(&mut self, kind: PageKind, weight: i32) {
        if let Some(slot) = self.0.get_mut(index(kind)) {
            *slot += weight;
        }
    }

    /// The evidence for `kind`.
    fn of(&self, kind: PageKind) -> i32 {
        self.0.get(index(kind)).copied().unwrap_or(0)
    }

    /// The kind with the most evidence; an article unless another has at least [`MIN_EVIDENCE`] and more than it.
    pub fn kind(&self) -> PageKind {
        let article = self.of(PageKind::Article);
        let mut best = PageKind::Article;
        let mut best_weight = article.max(MIN_EVIDENCE - 1);
        for kind in PageKind::ALL.into_iter().skip(1) {
            if self.of(kind) > best_weight {
                best = kind;
                best_weight = self.of(kind);
            }
        }
        best
    }
}

/// The position of `kind` in [`PageKind::ALL`].
fn index(kind: PageKind) -> usize {
    PageKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// What the classifier concluded about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The page's kind.
    pub kind: PageKind,
    /// Whether anything on the page speaks for an article (declared type, `og:type`, prose paragraphs): when
    /// nothing does, an "article" is only the default, and the article reading is trusted less.
    pub article_evidence: bool,
}

/// The kind of the page `doc`, whose body is copied in `dom` and whose address is `page_url`.
pub fn classify(doc: &Html, dom: &Dom<'_>, page_url: &Url) -> Verdict {
    let mut evidence = Evidence::default();
    declared(doc, &mut evidence);
    shape(doc, dom, &mut evidence);
    path_words(page_url, &mut evidence);
    Verdict { kind: evidence.kind(), article_evidence: evidence.of(PageKind::Article) > 0 }
}

/// The elements of a page that declare its types: its JSON-LD blocks, its elements with a microdata `itemtype`
/// and its first `og:type` meta element, each in the order [`Html::select`] gives them. Found in one walk over the
/// page, its names compared as the parser's interned names: the same elements as the selectors [`JSON_LD`],
/// [`ITEM_TYPE`] and [`OG_TYPE`] (an attribute of no namespace, the values without ASCII case).
struct Declarations<'a> {
    /// The `<script>` elements of type [`JSON_LD_TYPE`].
    json_ld: Vec<ElementRef<'a>>,
    /// The elements with an `itemtype`.
    item_types: Vec<ElementRef<'a>>,
    /// The first `<meta>` whose `property` is [`OG_TYPE_PROPERTY`].
    og_type: Option<ElementRef<'a>>,
}

impl<'a> Declarations<'a> {
    /// The declarations of `doc`, in one walk over its elements.
    fn of(doc: &'a Html) -> Self {
        let mut found = Declarations { json_ld: Vec::new(), item_types: Vec::new(), og_type: None };
        // As `Html::select`: every node of the tree, elements only, and only those with a parent.
        for element in doc.tree.nodes().filter_map(ElementRef::wrap) {
            if element.parent().is_none() {
                continue;
            }
            let el = element.value();
            let has = |name: &LocalName, value: Option<&str>| {
                el.attrs.iter().any(|(key, found)| {
                    key.ns == ns!() && key.local == *name && value.is_none_or(|v| found.eq_ignore_ascii_case(v))
                })
            };
            if el.name.local == local_name!("script") && has(&local_name!("type"), Some(JSON_LD_TYPE)) {
                found.json_ld.push(element);
            } else if el.name.local == local_name!("meta")
                && found.og_type.is_none()
                && has(&local_name!("property"), Some(OG_TYPE_PROPERTY))
            {
                found.og_type = Some(element);
            }
            if has(&local_name!("itemtype"), None) {
                found.item_types.push(element);
            }
        }
        found
    }
}

/// Adds the evidence of the structured data the page declares.
fn declared(doc: &Html, evidence: &mut Evidence) {
    let declarations = Declarations::of(doc);
    let mut types: Vec<String> = Vec::new();
    for script in &declarations.json_ld {
        let source: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(source.trim()) {
            json_types(&value, &mut types);
        }
    }
    for element in &declarations.item_types {
        for url in element.value().attr("itemtype").unwrap_or("").split_whitespace() {
            if let Some(name) = url.rsplit('/').next() {
                types.push(name.to_ascii_lowercase());
            }
        }
    }
    let has = |list: &[&str]| types.iter().any(|t| list.contains(&t.as_str()));
    let products = types.iter().filter(|t| *t == "product").count();
    if has(ARTICLE_TYPES) {
        evidence.add(PageKind::Article, DECLARED);
    }
    if has(FORUM_TYPES) {
        evidence.add(PageKind::Forum, DECLARED + 1);
    }
    if has(DOCUMENTATION_TYPES) {
        evidence.add(PageKind::Documentation, DECLARED);
    }
    if has(SERVICE_TYPES) {
        evidence.add(PageKind::Service, DECLARED);
    }
    if products >= COLLECTION_MIN_PRODUCTS || (products > 0 && has(GATHERING_TYPES)) {
        evidence.add(PageKind::Collection, DECLARED);
    } else if products > 0 && has(OFFER_TYPES) {
        evidence.add(PageKind::Product, DECLARED + 1);
    } else if has(GATHERING_TYPES) || has(&["itemlist"]) {
        evidence.add(PageKind::Listing, PATH_WORD);
        evidence.add(PageKind::Collection, PATH_WORD);
    }
    if let Some(og) = declarations.og_type.and_then(|m| m.value().attr("content")) {
        let og = og.trim();
        if og.eq_ignore_ascii_case("article") {
            evidence.add(PageKind::Article, DECLARED - 1);
        } else if OG_PRODUCT.is_match(og) {
            evidence.add(PageKind::Product, DECLARED);
        } else if OG_COLLECTION.is_match(og) {
            evidence.add(PageKind::Collection, DECLARED);
        }
    }
}

/// Collects the lower-cased `@type` names anywhere in a JSON-LD value, walking it with a stack.
fn json_types(root: &serde_json::Value, types: &mut Vec<String>) {
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(value) = stack.pop() {
        seen += 1;
        if seen > MAX_JSON_VALUES {
            break;
        }
        match value {
            serde_json::Value::Array(items) => stack.extend(items.iter()),
            serde_json::Value::Object(map) => {
                match map.get("@type") {
                    Some(serde_json::Value::String(name)) => types.push(name.to_ascii_lowercase()),
                    Some(serde_json::Value::Array(names)) => {
                        types.extend(names.iter().filter_map(|n| n.as_str()).map(str::to_ascii_lowercase))
                    }
                    _ => {}
                }
                stack.extend(map.iter().filter(|(key, _)| key.as_str() != "@type").map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

/// Whether `node` is one post of a thread: a class token of posts ([`POST_HINT`]) or a post's microdata type.
pub fn is_post(node: &Node<'_>) -> bool {
    let item_type = || {
        let el = node.element?;
        // The first attribute of that name, as [`Node::attr`] finds it, its name compared as the parser's.
        el.attrs.iter().find(|(key, _)| key.local == local_name!("itemtype")).map(|(_, value)| &**value)
    };
    (post_mark(&node.hints) && has_post_hint(&node.hints)) || item_type().is_some_and(|t| POST_ITEM.is_match(t))
}

/// Whether `node` is a whole thread as one microdata item ([`THREAD_ITEM`]): the replies may be items inside it.
pub fn is_thread_item(node: &Node<'_>) -> bool {
    node.element
        .and_then(|el| el.attrs.iter().find(|(key, _)| key.local == local_name!("itemtype")).map(|(_, value)| &**value))
        .is_some_and(|t| THREAD_ITEM.is_match(t))
}

/// Hint of a menu or a navigation that no furniture tag marks (a site's mega-menu of `<div>`s), as whole words.
/// Every match holds one of [`MENU_MARKS`].
static MENU_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(^|[\s_-])(menu|megamenu|mega-menu|nav|navbar|navigation)($|[\s_-])"));
/// See [`MENU_HINT`]: hints without one of these are not searched.
const MENU_MARKS: [&str; 2] = ["menu", "nav"];

/// Whether `hints` name a menu or a navigation ([`MENU_HINT`]).
fn names_a_menu(hints: &str) -> bool {
    MENU_MARKS.iter().any(|mark| hints.contains(mark)) && MENU_HINT.is_match(hints)
}

/// Adds the evidence of the body's shape.
fn shape(doc: &Html, dom: &Dom<'_>, evidence: &mut Evidence) {
    let nodes = &dom.nodes;
    let n = nodes.len();
    // Per node, bottom-up: characters of text and of link text below it.
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    let mut in_nav_links = vec![0usize; n];
    let mut priced = dom.prices().to_vec();
    for ix in (0..n).rev() {
        let node = &nodes[ix];
        if node.is_text() {
            chars[ix] = node.text_chars;
        }
        if node.tag == "a" {
            link_chars[ix] = chars[ix];
            in_nav_links[ix] += 1;
        }
        if node.parent != NO_PARENT {
            let parent = node.parent;
            chars[parent] += chars[ix];
            link_chars[parent] += link_chars[ix];
            priced[parent] |= priced[ix];
            in_nav_links[parent] += in_nav_links[ix];
        }
    }
    let total = chars.first().copied().unwrap_or(0).max(1);
    // Top-down: whether a node lies in page furniture (navigation, sidebars, headers, footers).
    // And the characters of text outside it, what a reader of the page reads. Cards are not looked for there, nor
    // in a menu that no furniture tag marks ([`names_a_menu`]), whose text still counts as the page's.
    let mut in_furniture = vec![false; n];
    let mut in_menu = vec![false; n];
    let mut readable = 0;
    for (ix, node) in nodes.iter().enumerate() {
        let parent_in = node.parent != NO_PARENT && in_furniture[node.parent];
        in_furniture[ix] = parent_in || (!node.is_text() && h::FURNITURE_TAGS.contains(&node.tag));
        let parent_in_menu = node.parent != NO_PARENT && in_menu[node.parent];
        in_menu[ix] = in_furniture[ix] || parent_in_menu || (!node.is_text() && names_a_menu(&node.hints));
        if node.is_text() && !in_furniture[ix] {
            readable += node.text_chars;
        }
    }
    let readable = readable.max(1);

    let mut posts = 0;
    let mut prose = 0;
    let mut code_blocks = 0;
    let mut doc_nav = false;
    let mut price = false;
    let mut cart = false;
    for (ix, node) in nodes.iter().enumerate() {
        if node.is_text() {
            continue;
        }
        if node.tag == "pre" && chars[ix] >= MIN_CODE_CHARS {
            code_blocks += 1;
        }
        if node.tag == "p" && chars[ix] >= LONG_PARAGRAPH_CHARS && link_chars[ix] * 2 < chars[ix] {
            prose += 1;
        }
        if is_post(node) {
            posts += 1;
        }
        if node.hints.is_empty() {
            continue;
        }
        // The count first: the pattern is searched only in a node with links enough to be a side navigation.
        if !doc_nav
            && in_nav_links[ix] >= MIN_NAV_LINKS
            && (matches!(node.tag, "nav" | "aside") || DOC_NAV_HINT.is_match(&node.hints))
        {
            doc_nav = true;
        }
        // Each pattern only while its answer is still no, and only in hints that could hold a match.
        if price && cart {
            continue;
        }
        let (price_mark, cart_mark) = marks(&node.hints);
        price = price || (price_mark && PRICE_HINT.is_match(&node.hints));
        cart = cart || ((price_mark || cart_mark) && CART_HINT.is_match(&node.hints));
    }
    // The selector walks the whole page: only worth it beside a price.
    cart = price && (cart || doc.select(&CART_CONTROL).next().is_some());

    if prose >= MIN_PROSE_PARAGRAPHS {
        evidence.add(PageKind::Article, SHAPE + 1);
    }
    if posts >= MIN_POSTS {
        evidence.add(PageKind::Forum, SHAPE - 1);
    }
    if code_blocks >= MIN_CODE_BLOCKS && doc_nav {
        evidence.add(PageKind::Documentation, SHAPE + 1);
    } else if code_blocks >= MIN_CODE_BLOCKS {
        evidence.add(PageKind::Documentation, PATH_WORD);
    }
    if price && cart {
        evidence.add(PageKind::Product, SHAPE);
    }
    let cards = cards(dom, &chars, &link_chars, &priced, &in_menu);
    // Cards that show prices are a shop's grid of products (a collection); others a listing, their share taken of
    // the text outside the page's furniture (a site's long menus and footer do not hide its list of stories).
    if cards.priced_text as f32 >= PRICED_CARDS_MIN_TEXT_SHARE * total as f32 {
        evidence.add(PageKind::Collection, SHAPE + 1);
    } else if cards.text as f32 >= CARDS_MIN_TEXT_SHARE * readable as f32 {
        evidence.add(PageKind::Listing, SHAPE);
    }
}

/// The largest runs of similar link cards: children of one parent with the same tag and first class, each holding
/// a link, outside the page furniture (a menu is not a listing), at least [`MIN_CARDS`] of them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Cards {
    /// Characters of text of the largest run.
    text: usize,
    /// Characters of text of the largest run whose cards mostly show a price ([`PRICED_CARDS_MIN_SHARE`]).
    priced_text: usize,
}

/// The runs of cards of the page ([`Cards`]); zero when no parent has [`MIN_CARDS`] of them.
fn cards(dom: &Dom<'_>, chars: &[usize], link_chars: &[usize], priced: &[bool], in_furniture: &[bool]) -> Cards {
    let linked: Vec<bool> = link_chars.iter().map(|&c| c > 0).collect();
    let mut best = Cards::default();
    for run in product::card_runs(dom, MIN_CARDS, chars, &linked, priced, in_furniture) {
        best.text = best.text.max(run.chars);
        if run.is_priced() {
            best.priced_text = best.priced_text.max(run.chars);
        }
    }
    best
}

/// First labels of the host name of a documentation site (`docs.…`, `developer.…`, `wiki.…`).
static DOCUMENTATION_HOST: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(docs?|developers?|devdocs|wiki|learn|manual|reference|api)$"));

/// A path segment naming only a language or a region (`en`, `de-de`, `us-en`, `pt_BR`): a site's home page in that
/// language is still its home page.
static LOCALE_SEGMENT: LazyLock<Regex> = LazyLock::new(|| pattern(r"^[a-z]{2}([-_][a-z]{2})?$"));

/// Whether `page_url` is a site's home page: its path is empty, or names only a language ([`LOCALE_SEGMENT`]),
/// and it has no query. A home page presents the site, its service or its offer; it is not an article.
fn is_home_page(page_url: &Url) -> bool {
    let Some(mut segments) = page_url.path_segments() else { return false };
    page_url.query().is_none_or(str::is_empty)
        && segments.all(|segment| segment.is_empty() || LOCALE_SEGMENT.is_match(&segment.to_ascii_lowercase()))
}

/// Adds the weak evidence of the address's path words, and of a documentation site's host name; and the evidence
/// of a home page ([`is_home_page`]), which presents a service unless its body or its declarations say more.
fn path_words(page_url: &Url, evidence: &mut Evidence) {
    if is_home_page(page_url) {
        evidence.add(PageKind::Service, HOME_PAGE);
    }
    if let Some(first) = page_url.host_str().and_then(|host| host.split('.').next())
        && DOCUMENTATION_HOST.is_match(&first.to_ascii_lowercase())
    {
        evidence.add(PageKind::Documentation, PATH_WORD);
    }
    let Some(segments) = page_url.path_segments() else { return };
    let mut seen = [false; 7];
    for segment in segments {
        let segment = segment.to_ascii_lowercase();
        for (kind, words) in [
            (PageKind::Article, &*ARTICLE_PATH),
            (PageKind::Forum, &*FORUM_PATH),
            (PageKind::Product, &*PRODUCT_PATH),
            (PageKind::Collection, &*COLLECTION_PATH),
            (PageKind::Documentation, &*DOCUMENTATION_PATH),
            (PageKind::Listing, &*LISTING_PATH),
        ] {
            if !seen[index(kind)] && words.is_match(&segment) {
                seen[index(kind)] = true;
                evidence.add(kind, PATH_WORD);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_post_hint_tokens_are_the_old_patterns_words() {
        // The words `^(crawler-post|…|thread-?post)$` matches: its alternatives with and without each optional `-`.
        let token_regex = Regex::new(concat!(
            r"^(crawler-post|topic-post|post-?body|postbit|message|message--post|forum-?post|bbp-reply|reply-?item|",
            r"answer|comment|postcontainer|post-?row|discussion-?item|thread-?post|cpost|ipscomment|ipsentry--post)$"
        ))
        .expect("a pattern");
        assert!(POST_HINT.iter().all(|token| token_regex.is_match(token)));
        // 18 alternatives, 6 of them with an optional `-`: 24 words, all different.
        let mut tokens = POST_HINT.to_vec();
        tokens.sort_unstable();
        tokens.dedup();
        assert_eq!(tokens.len(), 24);
    }

    #[test]
    fn a_post_hint_is_a_whole_token() {
        let token_regex = Regex::new(concat!(
            r"^(crawler-post|topic-post|post-?body|postbit|message|message--post|forum-?post|bbp-reply|reply-?item|",
            r"answer|comment|postcontainer|post-?row|discussion-?item|thread-?post)$"
        ))
        .expect("a pattern");
        // The pattern the tokens were searched with before: one search of all the hints.
        let post_hint_pattern = Regex::new(concat!(
            r"(?:^|\s)(?:crawler-post|topic-post|post-?body|postbit|message|message--post|forum-?post|bbp-reply|",
            r"reply-?item|answer|comment|postcontainer|post-?row|discussion-?item|thread-?post)(?:\s|$)"
        ))
        .expect("a pattern");
        for hints in [
            "message",
            "js-post message--post",
            "post-body",
            "postbody\tlayout",
            "messages",
            "comment-form",
            "no-comment",
            "comments comment",
            "a\u{a0}answer",
            "",
            "reply-item  thread-post",
            "crawler-post",
            "topic-post",
            "postbody",
            "postbit",
            "message--post",
            "forum-post",
            "forumpost",
            "bbp-reply",
            "replyitem",
            "answer",
            "comment",
            "postcontainer",
            "post-row",
            "postrow",
            "discussion-item",
            "discussionitem",
            "thread-post",
            "threadpost",
            "x\u{2003}comment\u{85}y",
            "answer\u{200b}",
            "Comment",
            "\u{3000}postrow",
        ] {
            let by_token = hints.split_whitespace().any(|token| token_regex.is_match(token));
            assert_eq!(post_hint_pattern.is_match(hints), by_token, "{hints:?}");
            assert_eq!(has_post_hint(hints), by_token, "{hints:?}");
            assert!(!by_token || post_mark(hints), "{hints:?}");
            let by_pairs = hints.as_bytes().windows(2).any(|pair| POST_MARKS.iter().any(|mark| pair == mark));
            assert_eq!(post_mark(hints), by_pairs, "{hints:?}");
            assert!(POST_MARKS.iter().all(|mark| matches!(mark[0], b'o' | b's' | b'p' | b'm')));
        }
    }

    #[test]
    fn price_and_cart_hints_hold_their_marks() {
        for hints in [
            "price",
            "product-price__amount",
            "prix",
            "preis_box",
            "precio",
            "prezzo-x",
            "preco",
            "add-to-cart",
            "addtobag",
            "add-tobasket",
            "add_to_cart",
            "buy-now",
            "buynow",
            "product-form",
            "productform",
            "buy-box",
            "a b-price c",
            "prices",
            "cart",
            "",
        ] {
            let (price_mark, cart_mark) = marks(hints);
            assert_eq!(price_mark, hints.contains("pr"), "{hints:?}");
            assert_eq!(cart_mark, hints.contains("add") || hints.contains("buy"), "{hints:?}");
            assert!(!PRICE_HINT.is_match(hints) || price_mark, "{hints:?}");
            assert!(!CART_HINT.is_match(hints) || price_mark || cart_mark, "{hints:?}");
        }
    }

    #[test]
    fn the_walk_for_declared_types_finds_what_their_selectors_find() {
        for page in [
            r#"<html><head><meta property="OG:Type" content=article><meta property=og:title content=T>
            <meta property="og:type" content=second><script type="Application/LD+JSON">{"@type": "NewsArticle"}</script>
            <script>var x</script><script type=" application/ld+json">{}</script><script type="application/ld+json">[]</script>
            </head><body><div itemscope itemtype="https://schema.org/Product"><span itemtype=x>y</span></div>
            <svg><script type="application/ld+json">{}</script><a xlink:type="x" itemtype=z>s</a></svg>
            <math><meta property=og:type content=m /></math><p ITEMTYPE=q>p</p><meta itemtype=w property=og:type></body></html>"#,
            "<body><p>nothing declared</p></body>",
            "",
        ] {
            let doc = Html::parse_document(page);
            let found = Declarations::of(&doc);
            let ids = |elements: &[ElementRef<'_>]| elements.iter().map(|e| e.id()).collect::<Vec<_>>();
            assert_eq!(ids(&found.json_ld), ids(&doc.select(&JSON_LD).collect::<Vec<_>>()), "{page}");
            assert_eq!(ids(&found.item_types), ids(&doc.select(&ITEM_TYPE).collect::<Vec<_>>()), "{page}");
            assert_eq!(found.og_type.map(|e| e.id()), doc.select(&OG_TYPE).next().map(|e| e.id()), "{page}");
        }
    }
    use crate::budget::Budget;

    fn kind_of(page: &str, url: &str) -> Verdict {
        let doc = Html::parse_document(page);
        let url = Url::parse(url).unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        classify(&doc, &dom, &url)
    }

    fn ld(json: &str) -> String {
        format!("<script type='application/ld+json'>{json}</script>")
    }

    const PLAIN: &str = "https://site.example/some/page";

    #[test]
    fn a_page_without_evidence_is_an_article() {
        let verdict = kind_of("<body><p>Some text.</p></body>", PLAIN);
        assert_eq!(verdict, Verdict { kind: PageKind::Article, article_evidence: false });
    }

    #[test]
    fn declared_types_decide() {
        let forum = ld(r#"{"@type":"DiscussionForumPosting","headline":"Q"}"#);
        assert_eq!(kind_of(&forum, PLAIN).kind, PageKind::Forum);
        let product = ld(r#"{"@graph":[{"@type":"Product","name":"Mug","offers":{"@type":"Offer","price":"2"}}]}"#);
        assert_eq!(kind_of(&product, PLAIN).kind, PageKind::Product);
        let collection = ld(r#"{"@type":"ItemList","itemListElement":[{"@type":"Product"},{"@type":"Product"},
            {"@type":"Product"}]}"#);
        assert_eq!(kind_of(&collection, PLAIN).kind, PageKind::Collection);
        let docs = ld(r#"{"@type":"TechArticle","headline":"API"}"#);
        assert_eq!(kind_of(&docs, PLAIN).kind, PageKind::Documentation);
        let news = ld(r#"{"@type":"NewsArticle","headline":"Flood"}"#);
        assert_eq!(kind_of(&news, PLAIN), Verdict { kind: PageKind::Article, article_evidence: true });
        let microdata = "<body><div itemscope itemtype='https://schema.org/DiscussionForumPosting'>Q</div></body>";
        assert_eq!(kind_of(microdata, PLAIN).kind, PageKind::Forum);
    }

    #[test]
    fn og_type_speaks_for_products_and_collections() {
        let og = |value: &str| format!("<head><meta property='og:type' content='{value}'></head>");
        assert_eq!(kind_of(&og("product"), PLAIN).kind, PageKind::Product);
        assert_eq!(kind_of(&og("product.group"), PLAIN).kind, PageKind::Collection);
        assert_eq!(kind_of(&og("article"), PLAIN).kind, PageKind::Article);
    }

    #[test]
    fn repeated_posts_make_a_thread() {
        let posts = "<div class='message message--post'><p>A post with some words.</p></div>".repeat(4);
        assert_eq!(kind_of(&format!("<body>{posts}</body>"), "https://site.example/threads/42").kind, PageKind::Forum);
        assert_eq!(kind_of("<body><div class='message'>One</div></body>", PLAIN).kind, PageKind::Article);
        // Invision Community's posts, in its two markups.
        for class in ["ipsEntry js-ipsEntry ipsEntry--post", "cPost ipsBox ipsComment ipsComment_parent"] {
            let post = format!("<article class='{class}'><p>A post with some words.</p></article>");
            let doc = Html::parse_document(&post);
            let dom = Dom::build(&doc, &Url::parse(PLAIN).unwrap(), &Budget::default()).unwrap();
            assert!(dom.nodes.iter().any(|node| node.tag == "article" && is_post(node)), "{class}");
            let posts = post.repeat(4);
            assert_eq!(
                kind_of(&format!("<body>{posts}</body>"), "https://site.example/topic/42").kind,
                PageKind::Forum
            );
        }
    }

    #[test]
    fn code_beside_a_side_navigation_is_documentation() {
        let nav: String = (0..10).map(|i| format!("<li><a href='/docs/{i}'>Page {i}</a></li>")).collect();
        let code = "<pre><code>let client = Client::new();</code></pre>".repeat(2);
        let page = format!("<body><nav class='sidebar'><ul>{nav}</ul></nav><main><p>Intro.</p>{code}</main></body>");
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Documentation);
        let without_nav = format!("<body><main><p>Intro.</p>{code}</main></body>");
        assert_eq!(kind_of(&without_nav, PLAIN).kind, PageKind::Article);
    }

    #[test]
    fn price_beside_a_cart_is_a_product() {
        let page = "<body><h1>Mug</h1><span class='price'>€24</span>\
                    <form action='/cart/add'><button name='add'>Add to cart</button></form></body>";
        assert_eq!(kind_of(page, PLAIN).kind, PageKind::Product);
        assert_eq!(kind_of("<body><span class='price'>€24</span></body>", PLAIN).kind, PageKind::Article);
    }

    #[test]
    fn many_link_cards_make_a_listing_unless_prose_dominates() {
        let cards: String = (0..8)
            .map(|i| {
                format!("<div class='card'><h3><a href='/e/{i}'>Event {i}</a></h3><p>Summary of event {i}.</p></div>")
            })
            .collect();
        assert_eq!(kind_of(&format!("<body><div class='list'>{cards}</div></body>"), PLAIN).kind, PageKind::Listing);
        let prose =
            format!("<p>{}</p>", "A long paragraph of prose, with commas, about the matter at hand. ".repeat(4))
                .repeat(MIN_PROSE_PARAGRAPHS);
        let page = format!("<body><article>{prose}</article><div class='list'>{cards}</div></body>");
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Article);
    }

    #[test]
    fn link_cards_are_weighed_against_the_text_outside_the_furniture() {
        let cards: String = (0..MIN_CARDS)
            .map(|i| format!("<div class='card'><a href='/story/{i}'>Story {i} of the day</a></div>"))
            .collect();
        let legal = "Terms of use, privacy, cookies and the imprint of the publisher. ".repeat(6);
        let page = format!("<body><main><div class='list'>{cards}</div></main><footer><p>{legal}</p></footer></body>");
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Listing);
        // The same text in the body's own is not furniture: the cards are a small part of the page.
        let unmarked = page.replace("<footer>", "<div>").replace("</footer>", "</div>");
        assert_eq!(kind_of(&unmarked, PLAIN).kind, PageKind::Article);
    }

    #[test]
    fn a_menu_that_no_tag_marks_is_no_listing() {
        let links: String = (0..MIN_CARDS * 2)
            .map(|i| format!("<div class='item'><a href='/topic/{i}'>Topic number {i} of the site</a></div>"))
            .collect();
        let page = format!(
            "<body><div class='menu-level-2'>{links}</div><article><h1>Trends</h1><p>A short post.</p></article></body>"
        );
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Article);
        assert_eq!(kind_of(&page.replace("menu-level-2", "stories"), PLAIN).kind, PageKind::Listing);
    }

    #[test]
    fn a_grid_of_priced_cards_is_a_collection_in_any_currency() {
        let prices = ["$19.99", "24,90 €", "£8", "1 299 kr", "¥1,200", "CHF 35.-", "R$ 49,90", "15 zł"];
        let cards: String = prices
            .iter()
            .enumerate()
            .map(|(i, price)| {
                format!(
                    "<li class='tile'><a href='/p/{i}'><img src='/i/{i}.jpg'>Product {i}</a><span>{price}</span></li>"
                )
            })
            .collect();
        let page = format!("<body><h1>Mugs</h1><ul class='grid'>{cards}</ul></body>");
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Collection);
        // The same cards without prices are a listing; with figures that are not prices too.
        let unpriced = prices.iter().fold(page.clone(), |page, price| page.replace(price, ""));
        assert_eq!(kind_of(&unpriced, PLAIN).kind, PageKind::Listing);
        let counted = prices.iter().fold(page.clone(), |page, price| page.replace(price, "12 reviews"));
        assert_eq!(kind_of(&counted, PLAIN).kind, PageKind::Listing);
        // A product page with a carousel of priced related products stays a product.
        let product = format!(
            "<head><meta property='og:type' content='product'></head><body><h1>Mug</h1><span class='price'>€24</span>\
             <form action='/cart/add'><button name='add'>Add to cart</button></form><ul class='grid'>{cards}</ul></body>"
        );
        assert_eq!(kind_of(&product, PLAIN).kind, PageKind::Product);
    }

    #[test]
    fn code_beside_a_side_navigation_on_a_documentation_host_is_documentation() {
        let nav: String = (0..10).map(|i| format!("<li><a href='/docs/{i}'>Topic {i}</a></li>")).collect();
        let prose =
            format!("<p>{}</p>", "A long paragraph of prose, with commas, about the matter at hand. ".repeat(4))
                .repeat(MIN_PROSE_PARAGRAPHS);
        let code = "<pre><code>let answer = compute(42, \"forty-two\");</code></pre>".repeat(2);
        let page = format!("<body><nav class='sidebar'><ul>{nav}</ul></nav><main>{prose}{code}</main></body>");
        // Prose speaks for an article as much as code beside a navigation speaks for documentation: a tie stays an
        // article, and one more sign decides: the address's path, or the documentation site's host name.
        assert_eq!(kind_of(&page, PLAIN).kind, PageKind::Article);
        assert_eq!(kind_of(&page, "https://docs.example.org/guide/start").kind, PageKind::Documentation);
        assert_eq!(kind_of(&page, "https://example.org/docs/start").kind, PageKind::Documentation);
        assert_eq!(kind_of(&page, "https://docsis.example.org/guide/start").kind, PageKind::Article);
    }

    #[test]
    fn path_words_are_weak_evidence_in_several_languages() {
        assert_eq!(kind_of("<body></body>", "https://shop.example/produkte/tasse").kind, PageKind::Article);
        let posts = "<div class='post-body'>A post.</div>".repeat(3);
        // Shape alone is short of the bar; with a path word it is a thread.
        assert_eq!(kind_of(&format!("<body>{posts}</body>"), PLAIN).kind, PageKind::Article);
        assert_eq!(kind_of(&format!("<body>{posts}</body>"), "https://x.example/foro/tema-1").kind, PageKind::Forum);
        assert!(kind_of("<body></body>", "https://x.example/noticias/2024/pleno").article_evidence);
    }

    #[test]
    fn a_home_page_presents_a_service_unless_it_declares_an_article_or_lists_cards() {
        let offer = "<body><h1>Accounting for small firms</h1><p>We keep your books.</p>\
                     <a class='button' href='/contact'>Book a call</a></body>";
        for home in
            ["https://firm.example/", "https://firm.example", "https://firm.example/en/", "https://firm.example/de-de"]
        {
            assert_eq!(kind_of(offer, home).kind, PageKind::Service, "{home}");
        }
        // Not a home page: a path below it, or a query (`/?p=123` is a post).
        for other in ["https://firm.example/about/team", "https://firm.example/?p=123", "https://firm.example/eng/"] {
            assert_eq!(kind_of(offer, other).kind, PageKind::Article, "{other}");
        }
        // A home page that declares an article is one; the declaration of a service speaks anywhere.
        let declared = format!("<head><meta property='og:type' content='article'></head>{offer}");
        assert_eq!(kind_of(&declared, "https://firm.example/").kind, PageKind::Article);
        let service = ld(r#"{"@context":"https://schema.org","@type":"ProfessionalService","name":"Firm"}"#);
        assert_eq!(kind_of(&service, "https://firm.example/bookkeeping").kind, PageKind::Service);
        // A home page made of link cards is a listing (the shape ties with the home page, and comes first).
        let cards: String = (0..MIN_CARDS + 2)
            .map(|i| format!("<div class='card'><a href='/story/{i}'>A story about the harbour, number {i}</a></div>"))
            .collect();
        let front = format!("<body><main><section class='grid'>{cards}</section></main></body>");
        assert_eq!(kind_of(&front, PLAIN).kind, PageKind::Listing);
        assert_eq!(kind_of(&front, "https://news.example/").kind, PageKind::Listing);
    }

    #[test]
    fn hostile_json_ld_does_not_panic() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        for json in ["{", "null", "[1,2", &deep, r#"{"@type":7}"#, r#"{"@type":[null,{"a":1}]}"#] {
            let _ = kind_of(&ld(json), PLAIN);
        }
    }
}
