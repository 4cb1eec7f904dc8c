//! Reading a product page (a page of kind [`PageKind::Product`](super::PageKind::Product)): shops often keep the
//! product's description only in their JSON-LD `Product` (the visible one is drawn by scripts), while the body
//! shows the specifications. When the body read from the page does not already hold the description, it is put
//! first.
//!
//! Prices are known by their shape in any of the common currencies ([`is_price`]); a run of sibling link cards
//! that mostly show prices is a shop's grid of products: a collection's body, and on a product page the carousels
//! of other products ("Customers also viewed", "Similar items"), which its reading drops ([`priced_card_runs`]).
//!
//! JSON values are walked with a stack, never recursively, and the walk is bounded.

use super::dom::{Dom, NO_PARENT, NodeIx};
use regex::Regex;
use scraper::{Html, Selector};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A price as a shop prints it: a currency sign or code before or after an amount (several currencies). Case is
/// ignored on the currencies only: `[^\p{L}\x{345}]` is what `[^\p{L}]` is under `(?i)` (folding adds U+0345 to
/// the letters), without folding the letters' table at each compile.
static PRICE_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(^|[^\p{L}\x{345}])(?i:((US|A|C|NZ|R|HK|S)?\$|€|£|¥|₹|₩|₽|zł|kr|chf|eur|usd|gbp))\s?[0-9]|",
        r"[0-9]([0-9.,' ]*[0-9])?\s?(?i:(€|£|\$|zł|kr|kč|chf|eur|usd|gbp|руб|₽|円|元|₺|lei|ft))($|[^\p{L}\x{345}])"
    ))
    .unwrap_or_else(|error| panic!("price pattern does not compile: {error}"))
});
/// A text longer than this (characters) is prose, not a price tag.
pub const PRICE_MAX_CHARS: usize = 40;
/// Of a run of cards, at least this share shows a price for the run to be a shop's products.
pub const PRICED_CARDS_MIN_SHARE: f32 = 0.6;
/// On a product page, this many priced sibling link cards are a carousel of other products.
pub const RELATED_MIN_CARDS: usize = 3;
/// Distinct (tag, class) groups of cards tracked per parent at most, which keeps the walk linear.
const MAX_CARD_GROUPS: usize = 8;

/// An amount with its currency, before or after it (the currencies of [`PRICE_TEXT`], lower-cased), spaces and
/// separators inside.
const AMOUNT: &str = concat!(
    r"(((us|a|c|nz|r|hk|s)?\$|€|£|¥|₹|₩|₽|zł|kr|chf|eur|usd|gbp)\s?[0-9]([0-9.,' ]*[0-9])?|",
    r"[0-9]([0-9.,' ]*[0-9])?\s?(€|£|\$|zł|kr|kč|chf|eur|usd|gbp|руб|₽|円|元|₺|lei|ft))"
);

/// A block that says only what the product costs: one or more amounts ([`AMOUNT`]), each perhaps after the words
/// a shop labels a price with ("Regular price", "Sale price", "Current price is", "Original price was", "Your
/// price", "From", "Price:"), perhaps with what it saves ("$40.00 off", "£94.90 -17%", "$34.99 Original price:
/// $49.99 Save $15"). Matched on the block's words, lower-cased.
static PRICE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"^(((regular|sale|current|list|original|our|your|now|was|from|starting at|starting from|price)\s?)*",
            r"(price)?\s?(is|was)?\s?:?\s?{amount}(\s?off)?\s?(-[0-9]+\s?%)?\s?[-–/|.]?\s?)+",
            r"((you )?save\s?{amount})?$"
        ),
        amount = AMOUNT
    ))
    .unwrap_or_else(|error| panic!("price-only pattern does not compile: {error}"))
});

/// A block of at most this many characters may be a price alone ([`is_price_only`]).
pub const PRICE_ONLY_MAX_CHARS: usize = 60;

/// Whether a block's lower-cased `words` are only a price or a few ([`PRICE_ONLY`]): on a product page, the buy
/// box's price tag (and its struck-through former price), set apart from the product's description and
/// specifications, which a reader clips.
pub fn is_price_only(words: &str) -> bool {
    words.len() <= PRICE_ONLY_MAX_CHARS * 4
        && words.chars().count() <= PRICE_ONLY_MAX_CHARS
        && words.bytes().any(|b| b.is_ascii_digit())
        && PRICE_ONLY.is_match(words)
}

/// A block of at most this many characters may be a piece of the shop's buying machinery ([`is_shop_chrome`]).
pub const SHOP_CHROME_MAX_CHARS: usize = 80;

/// Whether a short block's lower-cased `words` are a piece of the shop's buying machinery, not of the product's
/// own text: a rating summary ([`is_rating_summary`]), a placeholder that scripts fill in
/// ([`is_loading_placeholder`]) or the title of a carousel of other products ([`is_carousel_title`]). A price alone
/// ([`is_price_only`]) is judged with the other prices of the reading.
pub fn is_shop_chrome(words: &str) -> bool {
    is_rating_summary(words)
        || is_loading_placeholder(words)
        || is_carousel_title(words)
        || is_delivery_note(words)
        || is_buy_box_label(words)
        || is_card_badge(words)
        || is_more_link(words)
        || is_payment_offer(words)
        || is_variant_prompt(words)
        || is_seller_note(words)
}

/// Whether a short block's lower-cased `words` are the machinery of a card in a grid of products: its badge
/// ([`is_card_badge`]), its buttons ([`is_buy_box_label`]), its rating summary ([`is_rating_summary`]), its link to
/// more ([`is_more_link`]) or a placeholder that scripts fill in ([`is_loading_placeholder`]). Unlike
/// [`is_shop_chrome`], a card's note on stock ("Only 2 left") stays: it is a value of the item.
pub fn is_card_chrome(words: &str) -> bool {
    is_card_badge(words)
        || is_buy_box_label(words)
        || is_rating_summary(words)
        || is_more_link(words)
        || is_loading_placeholder(words)
}

/// The buy box's note of who sells or ships the product, a marketplace's and not the product's: "Sold and shipped
/// by Megamart.example", "Sold & shipped by", "Sold by: Harbour Stitches", "Shipped by Quay Electronics", "Visit
/// the Harbour Store", "Made by QuayPotteryStore" (a shop's one-word name; "Made by artists, not machines" says
/// something of the product). A bare "Sold by", a label whose value may be the product's maker, is left alone, and so is a
/// sentence naming both ("Sold by Acme, shipped by Mugs"). Matched on a short block's words, lower-cased.
static SELLER_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(sold (&|and) shipped by( [^,]+)?|(sold|shipped|fulfilled) by:? [^,]+|visit the .{1,40} store|",
        r"made by [^ ]+|vendu (et expédié )?par:? .+|verkauf (und versand )?durch:? .+)$"
    ))
    .unwrap_or_else(|error| panic!("seller note pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are a note of who sells or ships the product ([`SELLER_NOTE`]).
pub fn is_seller_note(words: &str) -> bool {
    SELLER_NOTE.is_match(words)
}

/// The prompt or the state of the buy box's picker of variants, whose choices are form controls never copied:
/// "Select a size", "Choose your colour", "Selected: Moon Silver", "Current selected colour black", "Quantity: 1".
/// In English, French and German. Matched on a short block's words, lower-cased.
static VARIANT_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^((please )?(select|choose|pick) (a |an |your )?(size|colou?r|style|option|variant|finish|length|width|fit)",
        r".*|(current(ly)? )?selected( colou?r| size| option)?\s?: .+|current(ly)? selected( colou?r| size)? .+|",
        r"quantity:?\s?[0-9]+|",
        r"(choisir|sélectionner|choisissez|sélectionnez) (une |la |votre )?(taille|couleur|option).*|",
        r"(größe|farbe) (wählen|auswählen).*)$"
    ))
    .unwrap_or_else(|error| panic!("variant prompt pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are the prompt or state of a picker of variants
/// ([`VARIANT_PROMPT`]).
pub fn is_variant_prompt(words: &str) -> bool {
    VARIANT_PROMPT.is_match(words)
}

/// The buy box's offers of how to pay for the product or insure it, none of its own text: financing ("$91.67/mo.",
/// "Starting at $67/mo or 0% APR with Affirm", "Pay later in easy monthly payments", "Financing options", "More
/// ways to pay") and protection plans ("Add a protection plan from $79.99", "3-Year Plan - $24.00"). Matched on a
/// short block's words, lower-cased.
static PAYMENT_OFFER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(.*(?-u:\b)(protection|replacement|care) plan(?-u:\b).*|[0-9]+[- ]years? plan(?-u:\b).*|",
        r".*[0-9]/mo(?-u:\b).*|.*(?-u:\b)(financing|monthly payments|",
        r"pay (later|over time|in [0-9]+ (interest-free )?installments))(?-u:\b).*|",
        r"(more )?ways to pay|(checking )?payment options(?-u:\b).*)$"
    ))
    .unwrap_or_else(|error| panic!("payment offer pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are an offer of how to pay for the product or insure it
/// ([`PAYMENT_OFFER`]).
pub fn is_payment_offer(words: &str) -> bool {
    PAYMENT_OFFER.is_match(words)
}

/// The label of a link or button that leads from a product, or a card, to more of the shop ("View details", "Learn
/// more", "See more", "Shop now", "Quick view", "View all", "View collection"), in English, French, German and
/// Spanish: a way to another page, never what it says. Matched on a block's words, lower-cased, when they are the
/// label alone (an arrow after it allowed).
static MORE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(view (details|product|collection|all)|learn more|see (more|details|all)|show more|shop (now|all)|",
        r"more (info|information|details)|discover more|quick (view|shop)|read less read more|",
        r"en savoir plus|voir (plus|le produit|tout)|mehr erfahren|alle anzeigen|ver (más|todo))\s?[>›→]?$"
    ))
    .unwrap_or_else(|error| panic!("more link pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are the label of a link to more of the shop ([`MORE_LINK`]).
pub fn is_more_link(words: &str) -> bool {
    MORE_LINK.is_match(words)
}

/// A badge a shop sets on a product's picture or card to sell it ("New", "Best seller", "Top rated", "Sale!",
/// "Sponsored", "Online only"), in English, French, German and Spanish: a word of marketing over the product, not
/// its text. Matched on a block's words, lower-cased, when they are the badge alone.
static CARD_BADGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(new|new!|new arrivals?|new colou?rs?|best ?sellers?|top rated|top seller|sale|sale!|on sale|sponsored|",
        r"online only|web exclusive|limited edition|staff pick|nouveau|nouveauté|meilleure vente|exclu web|promo|",
        r"neu|bestseller|angebot|nuevo|más vendido|oferta)$"
    ))
    .unwrap_or_else(|error| panic!("card badge pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are a shop's badge on a product ([`CARD_BADGE`]).
pub fn is_card_badge(words: &str) -> bool {
    CARD_BADGE.is_match(words)
}

/// A label of the buy box that says nothing of the product: a button or link that acts on it ("Add to cart",
/// "Add to wishlist", "Compare", "View full details", "More buying options", "Sign in to add this item to your
/// wishlist…"), a badge of what a reader saves ("Save $100", "Save 40%", "You save $15", "19% off"), and the
/// labels of a price the scripts have not filled in yet ("Sale price Regular price"). In English, French, German
/// and Spanish for the buttons. Matched on a short block's words, lower-cased.
static BUY_BOX_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"^(add to (cart|bag|basket|wish ?list|watchlist|compare|favou?rites)\s?!?|",
            r"sign in to add (this|the) (item|product|game) to your (wish ?list|cart)(?-u:\b).*|",
            r"view (full|product) details|more buying options|show me how|compare|comparer|vergleichen|",
            r"ajouter au panier|in den warenkorb|añadir al carrito|",
            r"(you )?save (up to )?({amount}|[0-9]+\s?%)|(up to )?[0-9]+\s?% off|",
            r"((sale|regular|current|list|original|your) price( is| was)?\s?:?\s?)+|price when purchased online)$"
        ),
        amount = AMOUNT
    ))
    .unwrap_or_else(|error| panic!("buy box label pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are a label of the buy box ([`BUY_BOX_LABEL`]).
pub fn is_buy_box_label(words: &str) -> bool {
    BUY_BOX_LABEL.is_match(words)
}

/// A note of the buy box on the product's stock or on how it is shipped and returned, which changes from day to
/// day and from shop to shop and is none of the product's own text: its stock ("In stock", "Sold out", "Low in
/// stock, only 1 left", "This product is in stock and can be shipped immediately"), a shipping offer ("Free
/// shipping on orders over $75", "€9 flat rate | Free shipping €150+"), where and when it ships ("Ships from:
/// Ukraine", "Order today to get by Mar 17-27", "Cost to ship: USD 14.40", "Standard delivery (4-7 working days)",
/// "Same day shipping if ordered by 4PM") and the return terms ("Returns & exchanges accepted within 14 days",
/// "Free 90-day returns"). A count of stock in brackets ("In stock
/// (3)") is left alone, and so are the headings of the shop's terms ("Standard delivery", "Delivery & returns").
/// Matched on a short block's words, lower-cased.
static DELIVERY_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^((in stock|out of stock|sold out|low in stock|no longer available|currently unavailable)",
        r"(\s?[,.!:–-]?\s?only [0-9]+ left( in stock)?)?\s?[.!]?|only [0-9]+ left( in stock)?\s?!?|",
        r"this (product|item) is (in stock|out of stock|sold out|no longer available)(?-u:\b).*|",
        r"in stock and ship.*|ships (from|within|in|by)(?-u:\b).*|cost to ship(?-u:\b).*|estimated delivery(?-u:\b).*|",
        r"order (today|now|within|in the next|before)(?-u:\b).*",
        r"(?-u:\b)(get|have|receive|arrives?|ship(ped|s)?|delivery)(?-u:\b).*|",
        r"free (standard |express )?(shipping|delivery|returns?)(?-u:\b).*|.*(?-u:\b)flat rate(?-u:\b).*|",
        r"(free )?returns? (&|and) exchanges? (accepted|within|policy)(?-u:\b).*|return (&|and) exchange policy|",
        r"(free )?[0-9]+[- ]day returns?\.?|(standard|express|international|next[- ]day) (shipping|delivery) .+|",
        r"spend .* to get free (shipping|delivery)(?-u:\b).*|",
        r"(all )?orders? (are )?(dispatched|shipped) within(?-u:\b).*|",
        r"same[- ]day (shipping|dispatch)(?-u:\b).*|ready to ship|(call for|check) in-store availability(?-u:\b).*)$"
    ))
    .unwrap_or_else(|error| panic!("delivery note pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are a note on the product's stock, shipping or returns
/// ([`DELIVERY_NOTE`]).
pub fn is_delivery_note(words: &str) -> bool {
    DELIVERY_NOTE.is_match(words)
}

/// The title of a shop's carousel of other products ("People who viewed this item also viewed", "Similar items",
/// "Recommended accessories", "Complete the look", "Recently viewed"), in English, French, German, Spanish and
/// Italian: left behind where the carousel's cards were dropped, or set apart from them. Matched on a short block's
/// words, lower-cased.
static CAROUSEL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(recently viewed( items| products)?|recommended (accessories|products|for you)|",
        r"(people|customers) who (viewed|bought) this (item|product) also (viewed|bought)|",
        r"customers also (viewed|bought|liked)|you (may|might) also like|similar (items|products)|complete the look|",
        r"frequently bought together|more from (this|the) (seller|brand|series|collection)|related (items|products)|",
        r"explore related items|produits (similaires|complémentaires)|vous aimerez aussi|pour compléter votre achat|",
        r"ähnliche (artikel|produkte)|kunden kauften auch|das könnte (dir|ihnen) auch gefallen|",
        r"productos (similares|relacionados)|prodotti (simili|correlati))\s?:?$"
    ))
    .unwrap_or_else(|error| panic!("carousel title pattern does not compile: {error}"))
});

/// Whether a short block's lower-cased `words` are the title of a carousel of other products
/// ([`CAROUSEL_TITLE`]).
pub fn is_carousel_title(words: &str) -> bool {
    CAROUSEL_TITLE.is_match(words)
}

/// A rating summary: the stars' average and the count of reviews or ratings ("4.4 stars out of 1935 reviews",
/// "4.7 out of 5 stars from 10 customer ratings", "1,935 ratings", "(4.4)"), or the note that there are none yet.
/// Matched on a block's words, lower-cased.
static RATING_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\(?[0-9][0-9.,]*\)?\s?(stars?)?\s?(out of\s?[0-9.]+\s?(stars?)?\.?)?\s?(from|based on|·|\|)?\s?",
        r"\(?[0-9,.]*\)?\s?(customer |verified )?(reviews?|ratings?)\)?$|^no reviews( yet)?\.?$|^\([0-5]\.[0-9]\)\s?\|?$"
    ))
    .unwrap_or_else(|error| panic!("rating summary pattern does not compile: {error}"))
});

/// Whether a block's lower-cased `words` are a rating summary ([`RATING_SUMMARY`]): the buy box's stars, whose
/// reviews a product page's reading drops.
pub fn is_rating_summary(words: &str) -> bool {
    words.bytes().any(|b| b.is_ascii_digit() || b == b'n') && RATING_SUMMARY.is_match(words)
}

/// The placeholder of a part of the page that scripts fill in ("Loading…"), in a few languages.
static LOADING_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(loading|chargement|cargando|carregando|caricamento|wird geladen)\s?(\.\.\.|…)?$")
        .unwrap_or_else(|error| panic!("loading placeholder pattern does not compile: {error}"))
});

/// Whether a block's lower-cased `words` are a placeholder that scripts fill in ([`LOADING_PLACEHOLDER`]).
pub fn is_loading_placeholder(words: &str) -> bool {
    LOADING_PLACEHOLDER.is_match(words)
}

/// A reading with more than this many blocks that are a price alone ([`is_price_only`]) is a grid of products
/// (a collection typed as a product), whose prices are the cards' content: they stay. Measured on folds 1–4 of the
/// development set: a product page shows at most six, a grid a dozen.
pub const PRICE_ONLY_MAX_BLOCKS: usize = 8;

/// Whether a text node of `chars` characters is a price tag. A text of no characters is only ASCII whitespace (it
/// holds no digit): its bytes are not read.
fn is_price(text: &str, chars: usize) -> bool {
    chars > 0 && chars <= PRICE_MAX_CHARS && text.bytes().any(|b| b.is_ascii_digit()) && PRICE_TEXT.is_match(text)
}

/// Per node of `dom`, whether it shows a price by itself: a text node that is a price tag ([`is_price`]), or an
/// element whose own text nodes read as one only together. Pages rendered by scripts on the server often split a
/// price around an interpolation (`$<!-- -->30`), which leaves the currency sign and the amount in two text nodes
/// side by side. Linear: each text node is read once, by itself and with its siblings.
pub fn prices(dom: &Dom<'_>) -> Vec<bool> {
    let nodes = &dom.nodes;
    let mut marks = vec![false; nodes.len()];
    let mut joined = String::new();
    for (ix, node) in nodes.iter().enumerate() {
        if node.is_text() {
            marks[ix] = is_price(node.text, node.text_chars);
            continue;
        }
        let children = dom.children(ix);
        if children.len() < 2 {
            continue;
        }
        let texts = children.iter().filter(|&&child| nodes[child].is_text());
        if texts.clone().take(2).count() < 2 {
            continue;
        }
        let chars: usize = texts.clone().map(|&child| nodes[child].text_chars).sum();
        // Texts of no characters are only whitespace, without a digit: no price (see `is_price`).
        if chars == 0 || chars > PRICE_MAX_CHARS {
            continue;
        }
        joined.clear();
        for &child in texts {
            joined.push_str(nodes[child].text.trim());
        }
        marks[ix] = is_price(&joined, chars);
    }
    marks
}

/// A run of sibling cards: children of one parent with the same tag and first class token, each holding a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardRun {
    /// Their parent.
    pub parent: NodeIx,
    /// How many cards.
    pub cards: usize,
    /// How many of them show a price.
    pub priced: usize,
    /// Characters of text in them.
    pub chars: usize,
}

impl CardRun {
    /// Whether most of its cards ([`PRICED_CARDS_MIN_SHARE`]) show a price: a shop's products.
    pub fn is_priced(&self) -> bool {
        self.priced as f32 >= PRICED_CARDS_MIN_SHARE * self.cards as f32
    }
}

/// Every run of at least `min_cards` cards in the page, outside the elements `skip` says. `chars`, `linked` and
/// `priced` are per node, for its whole subtree. Linear in the size of the page: at most [`MAX_CARD_GROUPS`]
/// groups are tracked per parent.
pub fn card_runs(
    dom: &Dom<'_>,
    min_cards: usize,
    chars: &[usize],
    linked: &[bool],
    priced: &[bool],
    skip: &[bool],
) -> Vec<CardRun> {
    let nodes = &dom.nodes;
    let mut runs = Vec::new();
    for (ix, node) in nodes.iter().enumerate() {
        if node.is_text() || skip[ix] {
            continue;
        }
        let children = dom.children(ix);
        if children.len() < min_cards {
            continue;
        }
        let mut groups: Vec<(&str, &str, CardRun)> = Vec::new();
        for &child in children {
            let c = &nodes[child];
            if c.is_text() || !linked[child] {
                continue;
            }
            let first = c.hints.split_whitespace().next().unwrap_or("");
            let index = groups.iter().position(|(tag, hint, _)| *tag == c.tag && *hint == first);
            let run = match index {
                Some(index) => &mut groups[index].2,
                None if groups.len() < MAX_CARD_GROUPS => {
                    groups.push((c.tag, first, CardRun { parent: ix, cards: 0, priced: 0, chars: 0 }));
                    let last = groups.len() - 1;
                    &mut groups[last].2
                }
                None => continue,
            };
            run.cards += 1;
            run.priced += usize::from(priced[child]);
            run.chars += chars[child];
        }
        runs.extend(groups.into_iter().map(|(_, _, run)| run).filter(|run| run.cards >= min_cards));
    }
    runs
}

/// The parents of runs of at least `min_cards` cards that mostly show a price ([`CardRun::is_priced`]).
pub fn priced_card_runs(dom: &Dom<'_>, min_cards: usize) -> Vec<NodeIx> {
    let nodes = &dom.nodes;
    let mut chars = vec![0usize; nodes.len()];
    let mut priced = dom.prices().to_vec();
    let mut linked = vec![false; nodes.len()];
    for ix in (0..nodes.len()).rev() {
        let node = &nodes[ix];
        if node.is_text() {
            chars[ix] = node.text_chars;
        }
        linked[ix] |= node.tag == "a";
        if node.parent != NO_PARENT {
            chars[node.parent] += chars[ix];
            priced[node.parent] |= priced[ix];
            linked[node.parent] |= linked[ix];
        }
    }
    let skip = vec![false; nodes.len()];
    let mut parents: Vec<NodeIx> = card_runs(dom, min_cards, &chars, &linked, &priced, &skip)
        .into_iter()
        .filter(CardRun::is_priced)
        .map(|run| run.parent)
        .collect();
    parents.dedup();
    parents
}

/// JSON-LD blocks.
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"script[type="application/ld+json" i]"#)
        .unwrap_or_else(|error| panic!("JSON-LD selector does not parse: {error}"))
});

/// JSON-LD values walked per page at most (a bound on hostile data).
const MAX_JSON_VALUES: usize = 20_000;
/// A description shorter than this (characters) says too little to add.
pub const MIN_DESCRIPTION_CHARS: usize = 80;
/// The body already holds the description when it has at least this share of the description's first words.
pub const COVERED_WORD_SHARE: f32 = 0.6;
/// How many of the description's first words are compared with the body.
const COMPARED_WORDS: usize = 40;

/// The description of the first JSON-LD `Product` of `doc` that has one, as plain text (markup inside it
/// removed), if it is at least [`MIN_DESCRIPTION_CHARS`] long.
pub fn json_ld_description(doc: &Html) -> Option<String> {
    for script in doc.select(&JSON_LD) {
        let source: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(source.trim()) else { continue };
        let mut stack = vec![&value];
        let mut seen = 0;
        while let Some(current) = stack.pop() {
            seen += 1;
            if seen > MAX_JSON_VALUES {
                break;
            }
            match current {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    if is_product(map.get("@type"))
                        && let Some(text) =
                            map.get("description").and_then(|d| d.as_str()).map(|d| plain_text(&percent_decoded(d)))
                        && text.chars().count() >= MIN_DESCRIPTION_CHARS
                    {
                        return Some(text);
                    }
                    stack.extend(map.values());
                }
                _ => {}
            }
        }
    }
    None
}

/// `description` with its percent escapes decoded when the shop wrote it percent-encoded as a whole, as in an
/// address (no whitespace at all, and `%20` for its spaces); otherwise, or when the bytes decoded are not UTF-8,
/// as it is.
fn percent_decoded(description: &str) -> Cow<'_, str> {
    if description.contains(char::is_whitespace) || !description.contains("%20") {
        return Cow::Borrowed(description);
    }
    let bytes = description.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = bytes.get(i + 1..i + 3).filter(|_| byte == b'%').and_then(|hex| {
            let hex = std::str::from_utf8(hex).ok()?;
            u8::from_str_radix(hex, 16).ok()
        });
        match escaped {
            Some(value) => {
                decoded.push(value);
                i += 3;
            }
            None => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).map_or(Cow::Borrowed(description), Cow::Owned)
}

/// Whether a JSON-LD `@type` (a string or a list) names a product.
fn is_product(kind: Option<&serde_json::Value>) -> bool {
    match kind {
        Some(serde_json::Value::String(name)) => name.eq_ignore_ascii_case("product"),
        Some(serde_json::Value::Array(names)) => {
            names.iter().any(|n| n.as_str().is_some_and(|n| n.eq_ignore_ascii_case("product")))
        }
        _ => false,
    }
}

/// The text of a description that may hold markup, in blocks separated by blank lines, whitespace collapsed.
fn plain_text(description: &str) -> String {
    if !description.contains('<') {
        return description
            .split("\n\n")
            .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|block| !block.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let fragment = Html::parse_fragment(description);
    let mut blocks: Vec<String> = vec![String::new()];
    for node in fragment.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            if let Some(block) = blocks.last_mut() {
                block.push(' ');
                block.push_str(text);
            }
        } else if node.value().as_element().is_some_and(|el| BLOCK_TAGS.contains(&el.name())) {
            blocks.push(String::new());
        }
    }
    blocks
        .iter()
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|block| !block.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Elements of a description's markup that start a new block of text.
const BLOCK_TAGS: &[&str] = &["p", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "tr", "ul", "ol"];

/// Lower-cased words (runs of letters and digits) of `text`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Whether `body` already holds `description`: most of its first words appear in the body.
pub fn body_covers(body: &str, description: &str) -> bool {
    let body_words: HashSet<String> = words(body).collect();
    let first: Vec<String> = words(description).take(COMPARED_WORDS).collect();
    if first.is_empty() {
        return true;
    }
    let found = first.iter().filter(|w| body_words.contains(*w)).count();
    found as f32 >= first.len() as f32 * COVERED_WORD_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_price_pattern_reads_what_it_read_with_case_ignored_throughout() {
        let before = regex::Regex::new(concat!(
            r"(?i)(^|[^\p{L}])((US|A|C|NZ|R|HK|S)?\$|€|£|¥|₹|₩|₽|zł|kr|chf|eur|usd|gbp)\s?[0-9]|",
            r"[0-9]([0-9.,' ]*[0-9])?\s?(€|£|\$|zł|kr|kč|chf|eur|usd|gbp|руб|₽|円|元|₺|lei|ft)($|[^\p{L}])"
        ))
        .expect("test pattern");
        for text in [
            "$30",
            "US$ 30",
            "us$30",
            "Hk$5",
            "30 €",
            "30€",
            "EUR 30",
            "eur30",
            "30 EUR",
            "30 Eur.",
            "30 euros",
            "1.299,00 KČ",
            "30 РУБ",
            "30 руб.",
            "ZŁ 30",
            "30 zł",
            "CHF 12.50",
            "12 Ft",
            "12 FT",
            "12 LEI",
            "12 lei",
            "ab$30",
            "x€30",
            "\u{345}$30",
            "30 €\u{345}",
            "30 EURO",
            "30 usdt",
            "Price: 3 kr",
            "3 KR!",
            "no price",
            "",
        ] {
            assert_eq!(PRICE_TEXT.is_match(text), before.is_match(text), "{text:?}");
        }
    }

    #[test]
    fn a_cards_machinery_is_told_from_its_stock_note() {
        for chrome in
            ["best seller", "sale!", "add to wishlist", "compare", "4.6 out of 5 stars. 3323 reviews", "quick view"]
        {
            assert!(is_card_chrome(chrome), "{chrome}");
        }
        for value in ["only 2 left", "low stock", "stoneware mug", "black / white"] {
            assert!(!is_card_chrome(value), "{value}");
        }
    }

    #[test]
    fn a_price_alone_is_told_from_a_price_in_a_sentence() {
        for words in [
            "$110",
            "regular price $179",
            "sale price $179 regular price $299.00",
            "€25 €49",
            "79,00 €",
            "price:usd 99.60",
            "current price is $179.00",
            "£ 675",
            "us$ 30",
            "$1,099.99 $1,199.99",
            "current price: $34.99original price: $49.99save $15",
            "original price was: $100.00.current price is: $70.00.",
            "£94.90 -17%",
            "$40.00 off",
            "your price: $12",
        ] {
            assert!(is_price_only(words), "{words}");
        }
        for words in ["capacity: 350 ml", "save $100 on two mugs", "free shipping over $75", "2024", "12 x 4 mm", ""] {
            assert!(!is_price_only(words), "{words}");
        }
    }

    #[test]
    fn a_rating_summary_and_a_loading_placeholder_are_shop_chrome() {
        for words in [
            "4.4 stars out of 1935 reviews",
            "4.7 out of 5 stars from 10 customer ratings",
            "1,935 ratings",
            "4.9 358 reviews",
            "(4.4)",
            "no reviews yet",
            "loading",
            "loading...",
            "loading…",
            "chargement…",
        ] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in
            ["(24)", "reviews", "read all 24 reviews of the mug", "5 star reviews: 1005", "loading bay 3", "unloading"]
        {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn a_note_on_stock_shipping_or_returns_is_shop_chrome() {
        for words in [
            "in stock",
            "sold out",
            "low in stock, only 1 left",
            "only 3 left!",
            "this product is in stock and can be shipped immediately.",
            "free shipping on orders over $50",
            "free shipping",
            "€5 flat rate | free shipping €100+",
            "ships from: portugal",
            "order today to get by jun 3-9",
            "cost to ship: eur 4.00",
            "returns & exchanges accepted within 30 days",
            "free returns within 14 days of your purchase.",
            "free 30-day returns",
            "standard delivery (2-4 working days)",
            "all orders dispatched within 24 hours.",
            "same day shipping if ordered by 2pm.",
            "ready to ship",
        ] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in [
            "in stock (3)",
            "shipping weight: 2 kg",
            "the mug ships flat-packed in a recycled box",
            "free of bpa",
            "standard delivery",
        ] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn a_label_of_the_buy_box_is_shop_chrome() {
        for words in [
            "add to cart",
            "add to wishlist!",
            "add to wish list",
            "compare",
            "view full details",
            "sign in to add this item to your wishlist, follow it, or mark it as ignored",
            "save $20",
            "save 25%",
            "you save £4.50",
            "30% off",
            "sale price regular price",
            "current price is",
            "price when purchased online",
            "ajouter au panier",
        ] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in
            ["add to any tea for a smoky taste", "save energy with the eco mode", "compare with the mug", "-10%"]
        {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn a_badge_on_a_product_is_shop_chrome() {
        for words in ["new", "best seller", "bestseller", "top rated", "sale!", "sponsored", "nouveauté"] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in ["new in 2024: a wider handle", "sale ends sunday", "the best seller of the shop"] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn a_link_to_more_of_the_shop_is_shop_chrome() {
        for words in ["view details", "learn more", "shop now →", "quick view", "see all", "en savoir plus"] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in ["learn more about glazes in our guide", "view of the harbour", "see more colours below: blue"] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn an_offer_of_financing_or_a_protection_plan_is_shop_chrome() {
        for words in [
            "$12.50/mo.",
            "starting at $9/mo or 0% apr. see if you qualify",
            "pay later in easy monthly payments",
            "financing options",
            "more ways to pay",
            "add a protection plan from $19.99",
            "2-year plan - $9.00",
        ] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in ["a mug for the year ahead", "plan your tea breaks", "pays for itself in a month"] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn the_prompt_of_a_picker_of_variants_is_shop_chrome() {
        let prompts =
            ["select a size", "choose your colour", "selected: speckled white", "quantity: 1", "größe wählen"];
        for words in prompts {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in ["quantity:", "the size of a mug", "selected by our potters for their glaze"] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn a_note_of_who_sells_the_product_is_shop_chrome() {
        for words in
            ["sold and shipped by mugs.example", "sold & shipped by", "sold by: the pottery", "made by potterystore"]
        {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in [
            "sold by",
            "sold by acme, shipped by mugs.",
            "made by hand in our studio",
            "the first mugs were sold by the thousand in 1990",
        ] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    #[test]
    fn the_title_of_a_carousel_of_other_products_is_shop_chrome() {
        for words in [
            "people who viewed this item also viewed",
            "similar items",
            "recommended accessories",
            "complete the look",
            "produits complémentaires",
            "recently viewed",
        ] {
            assert!(is_shop_chrome(words), "{words}");
        }
        for words in ["similar items cost twice as much elsewhere", "the look", "recommended use: tea and coffee"] {
            assert!(!is_shop_chrome(words), "{words}");
        }
    }

    const DESCRIPTION: &str = "A hand-thrown stoneware mug with a speckled glaze, dishwasher safe, holds 350 ml and \
                               keeps tea warm for longer thanks to its thick walls.";

    fn page(ld: &str) -> Html {
        Html::parse_document(&format!(
            "<html><head><script type='application/ld+json'>{ld}</script></head><body></body></html>"
        ))
    }

    #[test]
    fn description_comes_from_the_product_even_in_a_graph() {
        let doc = page(&format!(
            r#"{{"@graph":[{{"@type":"WebPage","description":"A shop page"}},
                {{"@type":["Product"],"name":"Mug","description":"<p>{DESCRIPTION}</p>",
                  "offers":{{"@type":"Offer","price":"24.00"}}}}]}}"#
        ));
        assert_eq!(json_ld_description(&doc).as_deref(), Some(DESCRIPTION));
    }

    #[test]
    fn a_description_written_percent_encoded_is_decoded() {
        let encoded = DESCRIPTION.replace(' ', "%20").replace(',', "%2C");
        let doc = page(&format!(r#"{{"@type":"Product","name":"Mug","description":"{encoded}"}}"#));
        assert_eq!(json_ld_description(&doc).as_deref(), Some(DESCRIPTION));
        // A description with spaces keeps its percent signs, as does a broken escape.
        assert_eq!(percent_decoded("Save 20%20 today"), "Save 20%20 today");
        assert_eq!(percent_decoded("100%20cotton%2"), "100 cotton%2");
        assert_eq!(percent_decoded("caf%C3%A9%20au%20lait"), "café au lait");
    }

    #[test]
    fn short_or_missing_descriptions_are_not_used() {
        assert_eq!(json_ld_description(&page(r#"{"@type":"Product","description":"Mug."}"#)), None);
        assert_eq!(
            json_ld_description(&page(&format!(r#"{{"@type":"Article","description":"{DESCRIPTION}"}}"#))),
            None
        );
        assert_eq!(json_ld_description(&page("{broken")), None);
    }

    #[test]
    fn a_body_holding_the_description_covers_it() {
        let body = format!("Stoneware mug\n\n{DESCRIPTION}\n\nCapacity: 350 ml");
        assert!(body_covers(&body, DESCRIPTION));
        assert!(!body_covers("Capacity: 350 ml\n\nMaterial: stoneware", DESCRIPTION));
    }

    #[test]
    fn a_price_split_around_an_interpolation_is_still_a_price() {
        let doc = Html::parse_document(
            "<body><span class='a'>$<!-- -->30</span><span class='b'>30<!-- --> €</span>\
             <span class='c'>4<!-- --> items</span><span class='d'>$19.99</span></body>",
        );
        let url = url::Url::parse("https://shop.example/").unwrap();
        let dom = Dom::build(&doc, &url, &crate::budget::Budget::default()).unwrap();
        let marks = prices(&dom);
        let spans: Vec<bool> =
            (0..dom.nodes.len()).filter(|&ix| dom.nodes[ix].tag == "span").map(|ix| marks[ix]).collect();
        // The last span's price is its text node's own, not the element's.
        assert_eq!(spans, [true, true, false, false]);
        assert!(dom.nodes.iter().zip(&marks).any(|(node, &mark)| node.is_text() && mark));
    }

    #[test]
    fn escaping_keeps_text_as_text() {
        assert_eq!(crate::output::escape_html("a < b & c > d"), "a &lt; b &amp; c &gt; d");
    }
}
