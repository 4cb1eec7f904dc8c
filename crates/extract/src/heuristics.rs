//! Every selector, pattern and threshold of the body stages, in one place, grouped by purpose.
//!
//! Patterns are matched against an element's hint string: its `class`, `id`, `role` and `itemprop` values,
//! lower-cased and joined by spaces. Each pattern is compiled once, on first use. Nothing here is tuned to a single
//! site: every entry is a word or phrase that marks the same kind of block on many sites, in many languages.

use regex::Regex;
use std::sync::LazyLock;

/// Compiles one of the constant patterns below. They are literals checked by the unit tests, so failure is a bug.
fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|error| panic!("heuristic pattern {source:?} does not compile: {error}"))
}

// ---------------------------------------------------------------------------------------------------------------
// Caps on hostile pages (stage 1).
// ---------------------------------------------------------------------------------------------------------------

/// The most elements (with comments) a page may have; parsing stops past it with "the page is too complex".
/// Measured with `cargo run --example page_complexity -- tests/extraction-bench/data
/// ../shared/extraction-bench/wcxb-dev` (2026-12-02): the largest of the 181 benchmark pages has 1,709, the largest
/// of the 1,497 WCXB development pages 15,799 (99th percentile 9,194). The cap is about 9.5 times the largest.
pub const MAX_ELEMENTS: usize = 150_000;

/// The deepest an element may be nested; parsing stops past it. Measured as [`MAX_ELEMENTS`]: the deepest of the
/// benchmark pages is 52, of the WCXB development pages 56 (99th percentile 39). The cap is 18 times that, above
/// the deliberately deep pages of the tests (900 levels of quotes and lists in the export's hostile page). Every
/// start tag makes the parser scan the open elements, so this cap also bounds the parser's work per tag.
pub const MAX_DEPTH: usize = 1_000;

/// The parser is fed this many bytes at a time, and the caps are checked between pieces: a piece can create many
/// elements (each re-opens every unclosed formatting element), so pieces are small.
pub const PARSE_CHUNK_BYTES: usize = 512;

// ---------------------------------------------------------------------------------------------------------------
// Elements that never hold article text.
// ---------------------------------------------------------------------------------------------------------------

/// Elements dropped with everything inside them while the page is copied: code, styling, embedded objects,
/// form controls and document metadata.
pub const NEVER_CONTENT_TAGS: &[&str] = &[
    "script", "style", "template", "svg", "canvas", "iframe", "object", "embed", "head", "link", "meta", "input",
    "select", "textarea", "button", "option", "datalist", "audio", "video", "source", "track", "map", "area", "dialog",
    "title", "base", "param", "frame", "frameset", "applet", "math",
];

/// Page furniture by tag: navigation and sidebars are dropped before scoring (stage 4) unless
/// the element holds a whole article's worth of paragraph text.
pub const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "menu"];

/// On a page of links (a listing, a collection) read coarsely, furniture by tag besides [`FURNITURE_TAGS`]: the
/// `<time>` of each item, when it was posted or updated ("5 hours ago", "Mar 3, 2025"). A reader of such a page
/// takes in the items' titles and summaries; their dates, repeated on every card, are chrome, as a post's date
/// is on a thread. Measured on folds 1–4 of the development set: the items' dates are left out of the content on
/// most listings that mark them. And the `<label>` of a form control, whose control is never copied: the "Compare"
/// box of each product card, the choices of a filter; on folds 1–4, collections and listings of 4 hosts gain.
pub const ITEM_FURNITURE_TAGS: &[&str] = &["time", "label"];

/// A furniture element holding at least this many characters of paragraph text is kept (some sites wrap the
/// whole page in `<header>` or `<footer>` by mistake).
pub const FURNITURE_KEEP_CHARS: usize = 1500;

/// ARIA roles of page furniture.
pub static FURNITURE_ROLES: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(menu|menubar|complementary|navigation|alert|alertdialog|dialog|banner|contentinfo|search|toolbar)$")
});

/// Block elements: they start a new block of text and stop a paragraph's inline run.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "html",
    "noscript",
    "picture",
    "img",
];

// ---------------------------------------------------------------------------------------------------------------
// Class and id hints (stage 4: unlikely candidates; stage 5: class weight).
// ---------------------------------------------------------------------------------------------------------------

/// Hints of blocks that are almost never the article: comments, sidebars, menus, share bars, related lists,
/// banners, consent notices, newsletter boxes, breadcrumbs, author bios, pagers. Such elements are dropped
/// before scoring unless [`MAYBE_CANDIDATE`] also matches.
pub static UNLIKELY_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"-ad-|\bads?\b|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|",
        r"header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|",
        r"ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe|signup|sign-up|",
        r"share|sharing|toolbar|promo|outbrain|taboola|recirc|most-?popular|most-?read|trending|modal|",
        r"masthead|skip-?link|login|bio-?box|about-?the-?author|reply|sns|post-author|",
        r"author-?(bio|box|info|card|profile|details|description|content)"
    ))
});

/// The [`UNLIKELY_CANDIDATE`] word that on a heading (`h1`–`h6`) names the heading itself ("header-anchor-post",
/// "section-header"), not a page header: it does not make the heading unlikely.
pub const HEADING_OWN_HINT: &str = "header";

/// A class token naming the header of one part of the article, not the page's: an accordion pane's or a tab's,
/// a listed item's, a product card's ("kt-pane-header-alignment-left", "listicle-item-header",
/// "best-header-card"). The [`HEADING_OWN_HINT`] in it does not make the element unlikely.
pub static PART_HEADER_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(item|pane|panel|tab|card|accordion|listicle|product|component|faq|step)[-_]{0,2}header|",
        r"header[-_]{0,2}(card|item)"
    ))
});

/// A utility class that sets one style property ("leading-extra-tight", "tracking-wide", "md:text-2xl"): its words
/// name a typeface or a spacing, not what the element is, so they are no hint of furniture.
pub static STYLE_UTILITY_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^([a-z0-9]+:)*-?(leading|tracking|text|font|bg|border|rounded|shadow|gap|space-[xy]|[mp][xytblr]?)-")
});

/// One class or id token naming a comment section or a single comment ("comments", "comment-list",
/// "post-comments", "disqus_thread", "respond"). Comments are never the article, so these go in every attempt.
pub static COMMENT_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^([a-z]+[-_])?(comments?|commentlist|disqus_thread|respond|replies|comment-respond)",
        r"([-_](area|list|section|container|wrapper|wrap|block|box|thread|holder|content|form|widget))?$"
    ))
});

/// Words one of which every [`COMMENT_SECTION`] token contains: a cheap test before the pattern.
pub const COMMENT_WORDS: &[&str] = &["comment", "disqus", "respond", "repl"];

/// The most text boxes (`<textarea>`s) of a page that are looked at as comment forms.
pub const MAX_TEXT_BOXES: usize = 32;

/// How many open elements above a `<textarea>` are searched for the `<form>` that holds it.
pub const TEXT_BOX_FORM_LEVELS: usize = 16;

/// The most address fields (see [`SIGNUP_FIELD`]) of a page that are looked at as sign-up forms.
pub const MAX_SIGNUP_FORMS: usize = 32;

/// An `<input>` that asks for the reader's e-mail address, by its type, name, id or placeholder: the field of a
/// newsletter or mailing-list sign-up form ("Subscribe to get the latest posts sent to your email").
pub static SIGNUP_FIELD: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)e-?mail|courriel|correo"));

/// A sign-up box (the form asking for an address and its heading and prompt around it) holds at most this many
/// characters: the block above it that holds more holds the article too.
pub const SIGNUP_BOX_MAX_CHARS: usize = 400;

/// A comment section (the block around a form with a text box) holds at most this share of the page's
/// paragraph text; the block that holds more also holds the article.
pub const COMMENT_BLOCK_MAX_SHARE: f32 = 0.5;

/// A form with a text box is a comment section only after this many characters of paragraph text (the article
/// it discusses, counted in characters so kept low for the scripts written without spaces); one before the article
/// is a question box or a contact form.
pub const COMMENT_MIN_PROSE_BEFORE: usize = 150;

/// How many headings or short blocks just before a comment section are its own (its heading, its moderation
/// notice, the count of comments).
pub const COMMENT_LEAD_BLOCKS: usize = 2;

/// A block just before a comment section with at most this many characters is its heading or notice.
pub const COMMENT_NOTICE_MAX_CHARS: usize = 300;

/// Hints of a cookie-consent banner or privacy-preference dialog (the consent platforms' own names among them).
/// Long enough to outscore a short article, and never part of one: dropped in every attempt and in the coarse
/// reading, whatever else their hints say.
pub static CONSENT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"consent|gdpr|onetrust|cookiebot|didomi|usercentrics|truste-|qc-cmp2|privacy-?(center|preference)|",
        r"cookie-?(banner|notice|bar|law|popup|modal|dialog|wall|settings|preferences|policy-?banner|overlay|message)"
    ))
});

/// What marks a utility class that styles an element's descendants, not the element ("[&_figcaption]:mt-xs",
/// "[&>ul]:mb-sm"): such classes are left out of the element's hints.
pub const DESCENDANT_VARIANT_MARK: &str = "[&";

/// Elements at most this many levels inside a `<pre>` or `<code>` (counting the parent as one) carry no hints: a
/// syntax highlighter's classes ("hljs-comment") name parts of the code.
pub const CODE_HINT_LEVELS: usize = 6;

/// Classes of a line of highlighted code that a stylesheet sets on a line of its own (`display: block`), read on
/// elements inside `<pre>` (see `render::breaks_code_line`).
pub static CODE_LINE_CLASS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)(^|[\s_-])(code-?line|token-line|highlight-?line|hl-?line|line)($|\s)"));

/// Hints of image captions and credits: kept in the article's HTML, left out of its plain text.
pub static CAPTION_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"caption|credit|wp-caption-text|image-?source|photo-?source"));

/// An unlikely-looking element holding more than this share of the page's paragraph text is kept anyway:
/// it is a layout wrapper with an unlucky class ("container-single has_sidebar"), not a sidebar.
pub const UNLIKELY_KEEP_SHARE: f32 = 0.5;

/// Hints of author-bio boxes, removed from the article in every attempt when shorter than [`AUTHOR_BIO_MAX_CHARS`].
pub static AUTHOR_BIO_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"post-author|author-?(bio|box|info|card|profile|details|description)|about-?the-?author|bio-?box|abh_box|saboxplugin",
    )
});

/// See [`AUTHOR_BIO_HINT`].
pub const AUTHOR_BIO_MAX_CHARS: usize = 1000;

/// A block of the article is compared with the biographies the page declares for its people (see
/// `content::Attempt::drop_declared_biographies`) only when it holds at least this many letters and digits: a
/// sentence, not a name or a job title that the biography also holds.
pub const BIOGRAPHY_MIN_KEY_CHARS: usize = 40;

/// A block that holds a declared biography is the author's card when it holds at most this many more characters
/// (the author's name, "View all posts"); a block holding more is the article around it.
pub const BIOGRAPHY_MAX_EXTRA_CHARS: usize = 200;

/// Hints of embedded posts (tweets, Instagram posts) that an article quotes: kept although they say "social".
pub static EMBED_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"embed|twitter-tweet|instagram-media|tiktok-embed|fb-post"));

/// Hints that keep an element that also matches [`UNLIKELY_CANDIDATE`] (an "article-header" holds the
/// article, a "main-sidebar-content" may).
pub static MAYBE_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"and|article|body|column|content|main|shadow|story|entry|post-?text"));

/// Hints that make an element more likely to hold the article (class weight +[`CLASS_WEIGHT`]).
pub static POSITIVE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"article|body|content|entry|hentry|h-entry|main|pagination|post|text|blog|story|",
        r"articlebody|story-?body|field-?body"
    ))
});

/// Hints that make an element less likely to hold the article (class weight −[`CLASS_WEIGHT`]).
pub static NEGATIVE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"-ad-|\bads?\b|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|",
        r"meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|",
        r"byline|author|dateline|caption|credit|newsletter|subscribe|social|cookie|consent|breadcrumb|recommend|",
        r"popular|trending|nav|toolbar|tool-?bar|print|sns|reply"
    ))
});

/// Class weight added or subtracted for a positive or negative hint (class and id each count).
pub const CLASS_WEIGHT: f32 = 25.0;

/// A class word on the nearest this-many ancestors of paragraphs…
pub const VOCABULARY_LEVELS: usize = 4;
/// …holding at least this share of the page's paragraph text is the page's own vocabulary, not a hint
/// (see `Dom::vocabulary`).
pub const VOCABULARY_MIN_SHARE: f32 = 0.5;

/// `itemprop="articleBody"` and its kin: publishers that mark their body this way are right almost always.
pub static ARTICLE_BODY_MARK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"\barticlebody\b|\barticle-?body\b|\bstory-?body\b|\bpost-?content\b|\bentry-?content\b")
});

/// Extra score for an element marked by [`ARTICLE_BODY_MARK`].
pub const ARTICLE_BODY_BONUS: f32 = 30.0;

/// Hints of share bars and social buttons, removed from the article when their text is short.
pub static SHARE_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(\b|_)(share|sharedaddy|social|sns|follow|print-?button)(\b|_)"));

/// A paragraph that is one link and shorter than this is a promotion for another page ("CLICK HERE TO GET
/// THE APP", a related headline), not article text.
pub const LINK_PARAGRAPH_MAX_CHARS: usize = 200;

/// A paragraph that is one link, in a block of at most this many characters that shows a price, is the title of a
/// product's card, and stays (see `content::Attempt::is_card_title`): a card holds its title, its price and a few
/// words more. Measured on folds 1–4 of the development set: without the bound, articles whose paragraphs quote a
/// price lose and gain pages by the dozen.
pub const CARD_TITLE_BLOCK_MAX_CHARS: usize = 300;

/// The share of a paragraph's text in links above which it counts as one link.
pub const LINK_PARAGRAPH_DENSITY: f32 = 0.75;

/// A block whose link text exceeds this share is a row of links; boilerplate words in it are dropped.
pub const LINK_ROW_DENSITY: f32 = 0.8;

/// Hints of "read more", "see also" and recommendation links set inside the article text.
pub static INLINE_PROMO_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"read-?more|related|see-?also|also-?read|recommend|more-?stories|promo|newsletter|subscribe|signup|sign-up|donate",
    )
});

/// The class or id word of a call to action set in the article ("cta", "cta-box", "blog_cta"): a box that sells
/// the publisher's product or service ("Try it free for 30 days", "Book a demo"), dropped from the article when
/// shorter than [`SHARE_MAX_CHARS`]. Compared with the words of the hints split at spaces, hyphens and
/// underscores; a page builder's "call-to-action" widget names a layout, often the page's own cards, and is not
/// this word.
pub const CALL_TO_ACTION_WORD: &str = "cta";

/// The calls to action ([`CALL_TO_ACTION_WORD`]) of an article go only when together they hold less than this share
/// of its text: more, and they are the page's content (a page laid out as a grid of such boxes).
pub const CALL_TO_ACTION_MAX_SHARE: f32 = 0.25;

/// Share bars longer than this are kept (a whole article might sit in a "share-wrapper").
pub const SHARE_MAX_CHARS: usize = 500;

/// Hints of byline, dateline and author-bio elements inside the article body, removed when short.
pub static BYLINE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"byline|author|writtenby|p-author|dateline|timestamp|publish|pubdate|posted-on|(\b|_|-)meta(data)?(\b|_|-)",
    )
});

/// A dateline written out as text: a "published"/"updated" label (or a Korean 입력/수정/등록 label) followed by a
/// date, such as "입력 2016.12.15 09:30 | 문성희 기자", "Published: 12 March 2024", "Last Updated on June 2, 2025" or
/// "Last reviewed January 2023", in any case (labels are written capitalised as often as not). Dropped when short.
pub static DATELINE_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)^\s*(기사\s*)?(입력|수정|등록|발행|승인|최종\s*수정|게재)(일|시간|일시)?\s*:?\s*\d{4}\s*[.\-/년]|",
        r"^\s*(published|updated|posted|last updated|last reviewed|first published|veröffentlicht|aktualisiert|publié le|",
        r"mis à jour le|publicado|atualizado|actualizado)\s*:?\s*(on\s+)?(\d{1,4}[\s.\-/]|[a-z]+\s+\d)"
    ))
});

/// A block that repeats the block before it word for word goes when it has at least this many words (a shorter
/// one is a label that may well come twice).
pub const REPEATED_BLOCK_MIN_WORDS: usize = 4;

/// On a shop's page (a product, a collection), a block that repeats word for word an earlier block of the reading
/// goes when it holds at least this many characters (see `content::Attempt::drop_repeated_blocks`): a sentence of a
/// description or a feature panel laid out twice; a shorter one is a label or a value ("Handmade", "100% cotton")
/// that a page may rightly show under several options.
pub const SHOP_REPEATED_BLOCK_MIN_CHARS: usize = 60;

/// On a listing, a block of at most this many characters that comes back word for word at least
/// [`ITEM_LABEL_MIN_REPEATS`] times is a label every item repeats (a button, a link to more, an icon's name), and
/// goes (see `content::Attempt::drop_repeated_item_labels`).
pub const ITEM_LABEL_MAX_CHARS: usize = 30;
/// See [`ITEM_LABEL_MAX_CHARS`].
pub const ITEM_LABEL_MIN_REPEATS: usize = 3;

/// The words of an item's control: a label opening with a verb that asks the reader to act on the item ("Apply
/// now", "Read more", "View profile", "Compare", "Register now", "Rate this book"), not a value of the item (its
/// place, its terms, a colour, an author).
pub static ITEM_CONTROL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)^(apply|add|book|buy|clear|compare|contact|download|exhibit|explore|follow|get|join|learn|listen|open|",
        r"order|rate|read|register|reserve|save|see|shop|show|sign|start|subscribe|try|view|visit|watch)\b"
    ))
});

/// On a product page, a heading left alone in its section by the reading heads a section that lost its content (a
/// carousel of other products, a panel of the buy box) when the page shows at least this many more characters
/// there (see `content::Attempt::orphan_sections`): more than a caption or a feature's line, whose heading stays
/// (measured on folds 1–4 of the development set: from 20 characters, feature headings whose captions a reading
/// left out went too).
pub const ORPHAN_SECTION_MIN_LOST_CHARS: usize = 150;

/// A byline element longer than this is not a byline.
pub const BYLINE_MAX_CHARS: usize = 120;

// ---------------------------------------------------------------------------------------------------------------
// Boilerplate by its words (stage 7): short blocks that are labels, links or notices, not article text.
// ---------------------------------------------------------------------------------------------------------------

/// Whole short blocks that are ad labels, share prompts, newsletter prompts, other-version links and copyright
/// notices (comment sections are known by their shape: see `content::Attempt::drop_comment_sections`), in English, French, German, Spanish, Portuguese, Italian, Korean, Japanese,
/// Chinese, Russian and Arabic. Matched against the trimmed, lower-cased text of a block.
pub static BOILERPLATE_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^(",
        // Ad labels.
        r"advertisement|advertisements|advertising|advert|adverts|sponsored|sponsored content|ad|ads|anzeige|werbung|",
        r"publicité|this slideshow requires javascript|",
        r"publicidad|publicidade|pubblicità|реклама|إعلان|광고|広告|广告|廣告|",
        r"story continues below( this)? advertisement|article continues below( this)? (advertisement|ad)|",
        r"continue reading (the main story|below)|",
        // Other versions of the page.
        r"view full site|full site|desktop version|desktop site|mobile version|mobile site|switch to desktop|",
        r"view desktop version|voir la version complète du site|version (mobile|classique)|pc ?버전( ?보기)?|",
        r"모바일 ?(버전|웹)|전체 ?보기|パソコン版|pc版|电脑版|電腦版|полная версия( сайта)?|",
        // Share, print and follow prompts.
        r"share|share this|share this (article|story|post|page)|share on (facebook|twitter|linkedin)|",
        r"print|email|print this (article|page)|tweet|facebook|twitter|linkedin|whatsapp|pinterest|reddit|",
        r"follow us|teilen|partager|compartir|condividi|기사 ?공유|공유하기|카카오톡|シェア|分享|",
        r"like this (story|article)\?.*|share (it|this) with a friend!?|",
        // Newsletter prompts.
        r"sign up for (our|the) newsletter|subscribe|subscribe now|newsletter|abonnieren|s'abonner|suscríbete|",
        // Navigation words.
        r"skip to (main )?content|back to top|top|home|next|previous|read more|more|read next|related|",
        r"(learn|find out|discover|explore) more|",
        r"related (stories|articles|posts|content|coverage)|most (popular|read|viewed)|you (may|might) also like|",
        r"don'?t miss|see more|see also|must see|(more|top|latest) (\w+ ){0,2}(stories|news|articles|headlines)|",
        r"click to tweet|image \d+ (of|/) \d+|photo \d+ (of|/) \d+|",
        // Messages a script shows after an action (a form sent, an item added, an error), left in the markup. (No
        // `\b` here: a word boundary makes the regex engine's fast automaton give up on text that is not ASCII.)
        r"(oops!? )?something went wrong( while [a-z ]+)?([.!] please try again)?|(there was a problem|error) [^.!]{0,60}[.!] (please |refresh and )?try again|",
        r"thank you for (subscribing|signing up)(\W.*)?|(adding to cart… )?the item has been added(\W.*)?|",
        r"added to (your )?(cart|bag)(\W.*)?|",
        r"please enter a valid (email|e-mail)( address)?|",
        // The label of a table of contents (whose links are dropped as a link list), left alone above the text.
        r"(table of )?contents( toggle)?|in this (article|guide|post)|on this page|jump to( section)?|",
        r"inhaltsverzeichnis|inhalt|sommaire|table des matières|índice|indice|contenido|tabla de contenidos?|",
        r"sommario|indice dei contenuti|содержание|目次|目录|目錄|목차",
        r")[\s.:!»›>|]*$"
    ))
});

/// The heading of a list of other pages set at the end of an article ("Related articles", "You may also like",
/// "Recommended reading", "More from the blog", "Lire aussi"; on a company's page "From our blog", "Featured
/// insights", "What's trending"), in English, French, German, Spanish, Portuguese and
/// Italian; "Related" alone may head an article's own section ("Related work"), and is not one. Matched against the lower-cased text of a heading or a short label (at most
/// [`RELATED_HEADING_MAX_CHARS`]); the heading goes with the links it heads (see
/// `content::Attempt::related_section`).
pub static RELATED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^(related (articles?|posts?|stories|reads?|reading|content|guides|topics|news)",
        r"( (that )?(you )?(may|might) (also )?(interest you|like|enjoy))?|",
        r"recommended( (reading|reads?|articles?|posts?|stories|for you))?|",
        r"(you|we think you) (may|might|will) (also )?(like|love|enjoy|be interested in)\b.*|",
        r"more from \S+.*|more (\S+ ){0,3}(articles|posts|stories|guides|reads)( like this)?|",
        r"further reading|read next|keep reading|up next|(other|similar) (articles|posts|stories|guides)\b.*|",
        r"(from|explore) (our|the) blog|(featured|latest) insights|what.s trending( (in|with|on) .*)?|",
        r"(articles|posts|stories) you (may|might) (also )?(like|enjoy)|",
        r"à lire aussi|lire aussi|sur le même sujet|weitere artikel|das könnte sie auch interessieren|mehr zum thema|",
        r"también te puede interesar|te puede interesar|artículos relacionados|leia também|veja também|",
        r"potrebbe interessarti|articoli correlati|leggi anche",
        r")[\s.:!»›>|]*$"
    ))
});

/// The heading or label of the author's card ("About the author", "About the Author: Jane Doe is…", "Über den
/// Autor", "À propos de l'auteur", "Sobre el autor"), matched at the start of a block's text: the heading goes with
/// the card it heads (at most [`AUTHOR_BIO_MAX_CHARS`]), a block it starts goes whole when no longer than that.
pub static AUTHOR_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)^(about the (author|authors|writer)|meet the author|über (den|die) autor(in)?|à propos de l'auteur|",
        r"sobre (el|o|a) autor(a)?)(\W|$)"
    ))
});

/// See [`RELATED_HEADING`]: a heading longer than this is a title of the article's own.
pub const RELATED_HEADING_MAX_CHARS: usize = 80;

/// The list a [`RELATED_HEADING`] heads holds at most this many characters (a few teasers)…
pub const RELATED_SECTION_MAX_CHARS: usize = 2500;

/// …and at least this share of its text in links (the teasers' headlines): a table or a passage of the article
/// after such a heading has few.
pub const RELATED_SECTION_MIN_LINK_DENSITY: f32 = 0.2;

/// The words of an affiliate-link disclosure ("This post contains affiliate links", "we may earn a commission"), in
/// English, French, German, Spanish, Italian and Portuguese: the site's notice about how it is paid, set above or
/// below the article, not part of it. Matched anywhere in a short block. A labelled notice ("Disclosure: … affiliate
/// …") is read by [`DISCLOSURE_LABEL`] and [`DISCLOSURE_WORD`] instead: written here as one pattern with the
/// distance between them, it ran the slowest kind of search on every short block. Word boundaries are ASCII ones,
/// which the fast search handles on any text (a Unicode one sends a text with a curly quote to the slow search).
pub static AFFILIATE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)((?-u:\b)(post|article|page|site|guide|review|blog|content) (may )?(contains?|includes?|uses) (paid |sponsored )?",
        r"(affiliate|referral) links|",
        r"(?-u:\b)(we|i) (may|might|will) (also )?(earn|receive|get|make) (us )?(a )?(small |affiliate )?(commission|compensation|fee)|",
        r"(?-u:\b)(purchases|sales) made through (our |these )?links|links (in|on) this (post|article|page) are affiliate|",
        r"liens? (affiliés|d'affiliation)|affiliate-links|provisions-?links|erhalten wir (eine )?(kleine )?provision|",
        r"enlaces de afiliad[oa]s?|link di affiliazione|links de afiliad[oa]s?)"
    ))
});

/// The label of a notice ("Disclosure:", "Disclaimer:", "Note:") that is an affiliate-link disclosure when
/// [`DISCLOSURE_WORD`] follows within [`DISCLOSURE_REACH`] characters on the same line.
pub static DISCLOSURE_LABEL: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)(disclosure|disclaimer|note)\s*:"));

/// See [`DISCLOSURE_LABEL`].
pub static DISCLOSURE_WORD: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)affiliate|commission"));

/// See [`DISCLOSURE_LABEL`].
pub const DISCLOSURE_REACH: usize = 200;

/// An affiliate-link disclosure is a short notice: a block longer than this that mentions one is article text.
pub const AFFILIATE_NOTICE_MAX_CHARS: usize = 400;

/// Hints of copyright and legal notices set apart by the page's own markup. Wire-service notices written as
/// ordinary paragraphs ("© 2019 Associated Press…") are left alone: readers and archivists keep those.
pub static COPYRIGHT_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"copyright|disclaimer|legal-?notice|rights-?reserved"));

/// A copyright element longer than this is not a notice.
pub const COPYRIGHT_MAX_CHARS: usize = 300;

/// Hints that name a block of legal small print as a whole (stage 9j): a class or id word that is, or ends a
/// compound with, "disclaimer(s)" or "legal" (`disclaimer`, `pdp-disclaimer`, `game_area_legal`,
/// `feature-benefit__disclaimer`, `content legal`); not one that only starts with it (`disclaimer-button`,
/// `disclaimer-affiliate`, `has-legal-font-size`), which styles or tags its element rather than naming it.
pub static LEGAL_BLOCK_HINT: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?:^|[\s_-])(?:disclaimers?|legal)(?:\s|$)"));

/// Blocks of legal small print (by [`LEGAL_BLOCK_HINT`]) holding together more than this share of the reading's
/// text are the content itself (a page of terms), and stay.
pub const LEGAL_BLOCK_MAX_SHARE: f32 = 0.75;

/// A block matching [`BOILERPLATE_BLOCK`] is only dropped when it is at most this long.
pub const BOILERPLATE_MAX_CHARS: usize = 80;

// ---------------------------------------------------------------------------------------------------------------
// Scoring (stage 5) and choosing (stage 6).
// ---------------------------------------------------------------------------------------------------------------

/// A paragraph shorter than this (in characters) does not vote for its ancestors.
pub const MIN_PARAGRAPH_CHARS: usize = 25;

/// Each this-many characters of a paragraph add one point, up to [`MAX_LENGTH_POINTS`].
pub const CHARS_PER_POINT: usize = 100;

/// The most points a paragraph's length can add.
pub const MAX_LENGTH_POINTS: f32 = 3.0;

/// How many ancestor levels a paragraph's score reaches (the parent gets it whole, the grandparent half,
/// further ancestors score / (level × 3)).
pub const SCORE_ANCESTOR_LEVELS: usize = 5;

/// Characters that separate clauses, counted as one point each: a long, comma-rich paragraph is prose.
pub const CLAUSE_SEPARATORS: &[char] = &[',', '，', '、', '،', '﹐', '､'];

/// How many of the best candidates are compared when looking for a shared ancestor.
pub const TOP_CANDIDATES: usize = 5;

/// Other top candidates scoring at least this share of the best one pull the choice up to their common ancestor.
pub const SHARED_ANCESTOR_SCORE_SHARE: f32 = 0.75;

/// How many such candidates must share an ancestor for it to be chosen.
pub const SHARED_ANCESTOR_MIN_COUNT: usize = 3;

/// The chosen container is widened to an ancestor whose prose (paragraph votes, discounted by link text) is at
/// least this many times its own: the other children of that ancestor are further sections of the article.
pub const SECTION_GAIN: f32 = 1.6;

/// The label of a box of key points an article sets before its body ("Key takeaways", "TL;DR", "At a glance"),
/// matched against a block's whole text, lower-cased.
pub static KEY_POINTS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(key (takeaways?|points|insights|highlights|facts)|tl;? ?dr|at a glance|in brief|quick summary)[\s.:!]*$",
    )
});

/// A box's label is a block of at most this many characters.
pub const KEY_POINTS_LABEL_MAX_CHARS: usize = 30;

/// The label of a box of key points is looked for among this many nodes before the article's body.
pub const KEY_POINTS_LOOKBACK: usize = 400;

/// A box of key points holds at most this many characters (a few sentences, not a section of the article).
pub const KEY_POINTS_MAX_CHARS: usize = 1500;

/// A class that marks at most this many elements of the page, the chosen container among them, marks the chunks of
/// one article body (a publisher's body class, used once per run of text between pictures, ads or widgets): a
/// widening that takes in another chunk needs no [`SECTION_GAIN`]. A page builder's class for every block marks
/// dozens of elements, and says nothing.
pub const BODY_CHUNK_MAX_COUNT: usize = 6;

/// Another element of the chosen container's class is a chunk of the body only with at least this share of the
/// chosen container's text: a reference list or an author's note set in the same class is not.
pub const BODY_CHUNK_MIN_SHARE: f32 = 0.1;

/// A sibling section whose text is more than this share links is not more of the article (a teaser list: a
/// headline link over a summary each), and its prose does not count towards [`SECTION_GAIN`].
pub const SECTION_CHILD_MAX_LINK_DENSITY: f32 = 0.15;

/// A sibling holding at least this many headline links, more than half of its headings, is a list of teasers for
/// other pages, not a section of the article.
pub const TEASER_MIN_HEADLINES: usize = 2;

/// A sibling holding this many `<article>` elements is a list of other stories, not a section of the article.
pub const TEASER_MIN_ARTICLES: usize = 2;

/// An ancestor whose text is more than this share links is navigation around the article, not more of it.
pub const SECTION_MAX_LINK_DENSITY: f32 = 0.35;

/// A sibling of the chosen element joins the article if it scores at least this share of the chosen score…
pub const SIBLING_SCORE_SHARE: f32 = 0.2;

/// A sibling without a score of its own joins if its best descendant scores at least this share of the
/// chosen container's best (an article split into sections by figures).
pub const SIBLING_BORROWED_SCORE_SHARE: f32 = 0.4;

/// …and at least this much in absolute terms.
pub const SIBLING_MIN_SCORE: f32 = 10.0;

/// A sibling paragraph joins the article if it is longer than this and its link density is below
/// [`SIBLING_MAX_LINK_DENSITY`].
pub const SIBLING_PARAGRAPH_CHARS: usize = 80;

/// See [`SIBLING_PARAGRAPH_CHARS`].
pub const SIBLING_MAX_LINK_DENSITY: f32 = 0.25;

/// An attempt whose text is shorter than this under-delivered, and the next, more lenient stage runs.
pub const MIN_ARTICLE_CHARS: usize = 500;

/// Below this many characters of text (or this many for CJK scripts), a page has no article at all.
pub const NO_ARTICLE_CHARS: usize = 140;

/// A page with no readable text whose declared description has at least this many characters is read from that
/// description (stage 9f); a shorter one is a slogan, not a summary of content.
pub const MIN_DESCRIPTION_BODY_CHARS: usize = 100;

/// Below this many characters even the coarse reading of the whole page has no text worth the name: the page
/// has no readable text, and extraction fails with `NoArticle`.
pub const MIN_READABLE_CHARS: usize = 20;

// ---------------------------------------------------------------------------------------------------------------
// Conditional cleaning (stage 7).
// ---------------------------------------------------------------------------------------------------------------

/// A container with at least this many clause separators is prose and is never cleaned away.
pub const PROSE_MIN_COMMAS: usize = 10;

/// Class and id words of customers' reviews, ratings and testimonials, dropped from a product page (matched on
/// whole words of the hint string).
pub static REVIEWS_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(^|[\s_-])(reviews?|ratings?|testimonials?|questions-?and-?answers|qna)($|[\s_-])"));

/// A reviews block holding this share of the page's text or more is the page itself (a page of reviews), and stays.
pub const REVIEWS_MAX_SHARE: f32 = 0.5;

/// Class and id words of a forum post's furniture: the poster's details column and picture (or the initials that
/// stand in for it), signatures, reaction and vote bars, quotes of earlier posts (matched on whole words of the hint
/// string).
pub static POST_CHROME_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(^|[\s_-])(user-?info|user-?details|userdetails|user-?title|user-?stats|user-?extras|user-?block|postprofile|avatar|",
        r"poster-?info|member-?info|author-?info|postbit|signature|reactions?|reaction-?bar|likes-?bar|votes?|",
        r"vote-?count|quote|quotes|blockquote)($|[\s_-])"
    ))
});

/// A class, id or itemprop token of the element that names a post's writer: "username" and its variants
/// ("ipsUsername", "thread-user-name"), "author" and its variants ("post-author", "cAuthorPane_author"),
/// "poster-name", "message-name". Matched against
/// one token at a time.
pub static POSTER_NAME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^([a-z_-]*user-?name|([a-z]+[_-]+)?author(-?name)?|post-?author|poster(-?name)?|message-name)$")
});

/// The letters that stand in for a poster's missing picture ("F", "JD") are at most this many characters.
pub const AVATAR_INITIALS_MAX_CHARS: usize = 2;

/// A post's writer or time is shown by an element of at most this many characters; a longer one is a line of the
/// post rather than its signature of who and when.
pub const POSTER_LINE_MAX_CHARS: usize = 80;

/// A line of a forum post that only counts or dates: a number, a date, "12 likes", "3 replies", "#4", "Joined",
/// "Click to expand...", the note of an edit ("Last edited:", "Last edited by ann").
pub static POST_CHROME_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)^(#?\d[\d,.]*k?|\d[\d,.]*k?\s+(likes?|replies|reply|posts?|messages|points|votes?|reactions?)|",
        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}|\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago|",
        r"joined|posts|messages|reaction score|points|location|member|new member|moderator|original poster|",
        r"click to expand\.*|like|reply|quote|report|share|last edited:?|last edited by\b.{0,80})$"
    ))
});

/// A block of a thread shaped as a quote: a `<blockquote>`, or an element whose class or id holds this word
/// anywhere ("ipsQuote", "quotebox", "quotecontent", "bbcode_quote"), as forum software marks the quote of an
/// earlier post. The shape alone drops nothing: the post bodies of some forums are quote-shaped too
/// ("js-selectToQuote", `<blockquote class="postcontent">`); only a quote that repeats earlier text goes.
pub const QUOTE_MARK: &str = "quote";

/// Text of a thread is compared with the text shown before it in runs of this many words (as the benchmark's
/// scorer compares texts): a run seen earlier in the thread is repeated.
pub const COPY_RUN_WORDS: usize = 4;

/// A block of a thread is judged a copy of earlier text only when it has at least this many words: a shorter one
/// ("Quote", "Thanks!", a poster's name) may well come twice. From 6 to 12 words score alike on folds 1–4 of the
/// development set.
pub const COPY_MIN_WORDS: usize = 6;

/// A quote-shaped block ([`QUOTE_MARK`]) of a thread is a copy of an earlier post when at least this share of its
/// words lie in blocks that repeat earlier text ([`COPY_BLOCK_SHARE`]): the rest is its attribution ("ann wrote:",
/// "10 hours ago ann said:") and whatever the quote does not share with the earlier post (a line the quoter
/// added, a paragraph too short to judge).
pub const COPY_QUOTE_SHARE: f32 = 0.5;

/// A block of a thread without blocks below it is a copy of earlier text when at least this share of its runs of
/// [`COPY_RUN_WORDS`] words came earlier in the thread: a paragraph of a quote, the preview of the post a reply
/// answers, a signature under every post. Measured on folds 1–4 of the development set: the labels keep each
/// post's own text once and mostly leave out the copies that later posts show again; shares from 0.6 to 0.95
/// score alike there.
pub const COPY_BLOCK_SHARE: f32 = 0.8;

/// Blocks of a thread that may rightly come again and are never judged copies of earlier text: preformatted text,
/// the code or log that a reply posts again to show what changed.
pub const COPY_KEPT_TAGS: &[&str] = &["pre"];

/// A container inside the article with at least [`PROSE_MIN_COMMAS`] clause separators and at most this share of
/// link text is prose, kept even when its class sounds like furniture ("product-widget", "card").
pub const PROSE_BOX_MAX_LINK_DENSITY: f32 = 0.2;

/// A container whose link text exceeds this share of its text is a link list (when its class weight is low).
pub const MAX_LINK_DENSITY: f32 = 0.2;

/// A container with a positive class weight may hold this share of link text.
pub const MAX_LINK_DENSITY_POSITIVE: f32 = 0.5;

/// A container inside the article with several images and fewer than one paragraph for two images is a gallery,
/// dropped, only with less than this much text per image (a caption's worth); cards that each say more beside their
/// picture (a checklist, a row of product boxes written in divs) are the article's.
pub const GALLERY_MAX_CHARS_PER_IMAGE: f32 = 200.0;

/// A container whose pictures each come with a heading of their own (a roundup's picks, a recipe list, a service's
/// features) is a row of cards, not a gallery, however short its text, when at most this share of its text is
/// links; more, and its cards are teasers for other pages.
pub const HEADED_CARDS_MAX_LINK_DENSITY: f32 = 0.3;

/// Containers shorter than this, with no image or with several, are dropped unless they are headings.
pub const MIN_CONTAINER_CHARS: usize = 25;

/// A list (or list-like container) whose share of link text exceeds this is navigation, not content…
pub const MAX_LIST_LINK_DENSITY: f32 = 0.5;

/// …unless at least this share of its items are annotated: they hold at least [`ANNOTATED_ITEM_MIN_CHARS`] of
/// text outside their links ("Official website: <a>…</a>", a sentence around a link), where a list of links to
/// elsewhere has items that are only their link.
pub const ANNOTATED_LIST_MIN_SHARE: f32 = 0.75;

/// See [`ANNOTATED_LIST_MIN_SHARE`].
pub const ANNOTATED_ITEM_MIN_CHARS: usize = 15;

/// Deepest nesting the renderer descends into; anything deeper is rendered flat (guards the sanitiser and the
/// Markdown converter, which recurse).
pub const MAX_RENDER_DEPTH: usize = 120;

// ---------------------------------------------------------------------------------------------------------------
// Images (stage 3).
// ---------------------------------------------------------------------------------------------------------------

/// Attributes that lazy-loading scripts use for the real image address, in order of preference. With those of
/// [`SRCSET_ATTRS`], the only `data-*` attributes the parser is given (`unread.rs`): a stage that reads another
/// must name it here.
pub const LAZY_SRC_ATTRS: &[&str] =
    &["data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src", "data-lazy"];

/// Attributes holding a `srcset` list, in order of preference.
pub const SRCSET_ATTRS: &[&str] = &["srcset", "data-srcset", "data-lazy-srcset"];

/// `src` values that are placeholders for a lazily loaded image.
pub static PLACEHOLDER_SRC: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^data:|blank\.(gif|png)|spacer\.gif|pixel\.(gif|png)|placeholder|/lazy[-_.]|transparent\.(gif|png)|1x1",
    )
});

/// The `src` and `alt` of an `<img>` written inside a `<noscript>`, which the parser keeps as text.
pub static NOSCRIPT_IMG: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"(?is)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>"#));

/// The `alt` attribute inside the `<img>` matched by [`NOSCRIPT_IMG`].
pub static NOSCRIPT_ALT: LazyLock<Regex> = LazyLock::new(|| pattern(r#"(?is)\balt\s*=\s*["']([^"']*)["']"#));

/// The id of a segment of a page rendered in a stream (React's server rendering sends each late part as
/// `<div hidden id="S:0">` at the end of the body, and a script moves it into its placeholder): hidden only until
/// then, so its `hidden` attribute does not hide it here.
pub static STREAMED_SEGMENT_ID: LazyLock<Regex> = LazyLock::new(|| pattern(r"^S:[0-9a-z]+$"));

/// Hints of a collapsed panel of an accordion or of tabs: hidden until a reader opens it, and part of the page's
/// content (a guide's steps, a review's method), so not left out as hidden. Also a panel labelled as such by ARIA
/// (`role=tabpanel`, `role=region`, `aria-labelledby`).
pub static PANEL_HINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"accordion|collapse|tab-?pane|tab-?panel|tab-?content|panel-?(body|content)|faq"));

/// The [`NEGATIVE_HINT`] word that in the class of a panel ([`PANEL_HINT`]) names its collapsed state
/// ("accordion-panel-hidden"), not furniture: it gives the panel no negative weight.
pub const COLLAPSED_PANEL_HINT: &str = "hidden";

/// Hints of overlays that a hidden panel may also be (menus, dialogs, pop-ups, drawers): those stay hidden.
pub static OVERLAY_HINT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"menu|nav|modal|dialog|popup|pop-up|popover|drawer|dropdown|overlay|tooltip|search|cart|login|cookie|consent|mega",
    )
});

/// Class names that hide an element whatever the stylesheet says elsewhere: a page builder's mark on a block whose
/// condition is not met on this page (a gated copy of the article, an empty template part), always `display: none`.
/// Compared with each class token, whole.
pub const HIDDEN_CLASSES: &[&str] = &["w-condition-invisible"];

/// Inline styles that hide an element.
pub static HIDDEN_STYLE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden"));

// ---------------------------------------------------------------------------------------------------------------
// Item controls (the coarse reading of a page of items; see `reading::drops_item_controls`).
// ---------------------------------------------------------------------------------------------------------------

/// One class or id token naming the controls a page of items sets above or beside its items: filters, facets,
/// sort menus, toolbars, refinements, the per-page limiter, the count of results ("facets-container",
/// "toolbar-products", "collection-sorting", "refinement-bar", "category-facet-form", "sort-by-label",
/// "woocommerce-result-count"); class names are written in English on most sites, whatever the page's language.
/// The control word may follow other words, and be followed only by a word naming a part of a control block (its
/// bar, form, options, button): a token going on with anything else names what the controls act on
/// ("filter-results", "facet-row-container", "facets-vertical"), which holds the items.
pub static ITEM_CONTROLS_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^([a-z0-9]+(-|_|__|--))*",
        r"(filters?|facets?|sort|sorting|sorter|sort-?by|sort-?order|toolbar|refine|refinements?|limiter|results?-?count)",
        r"((-|_|__|--)(bar|form|wrapper|container|block|options?|list|menu|panel|btns?|buttons?|row|controls?|summary|",
        r"drawer|select|label|toggle|trigger|header))?$"
    ))
});

/// Whether the hints of an element name a block of item controls ([`ITEM_CONTROLS_TOKEN`] matches one of their
/// tokens, whole).
pub fn names_item_controls(hints: &str) -> bool {
    !hints.is_empty() && hints.split_whitespace().any(|token| ITEM_CONTROLS_TOKEN.is_match(token))
}

/// The most drop-down lists (`<select>`) of a page whose labels are looked at as item controls (see
/// `Dom::choice_lists`); a shop's filters rarely hold more than a few dozen.
pub const MAX_CHOICE_LISTS: usize = 256;

/// A drop-down list's label is the largest block around it holding at most this many characters of text ("Sort
/// by:", "Show 24 per page", "Price: low to high"): its name and its value, not the items it acts on.
pub const CHOICE_LABEL_MAX_CHARS: usize = 40;

/// A block of item controls holds no more than this many characters of paragraph text, a sentence or two (a
/// filter's own hint, "Filter by your company size."): a block with more says something about the items (a buying
/// guide laid out in a "facet" row), and stays.
pub const ITEM_CONTROLS_MAX_PROSE_CHARS: usize = 200;

// ---------------------------------------------------------------------------------------------------------------
// Dialogs laid over the page (dropped by every reading; see `Attempt::is_laid_over`).
// ---------------------------------------------------------------------------------------------------------------

/// ARIA roles of a dialog laid over the page (`role=dialog`, `role=alertdialog`). Such a dialog holds a shop's
/// terms of use, a size guide or a cart, never what the page shows, however long it is.
pub static MODAL_ROLES: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)^(dialog|alertdialog)$"));

/// A dialog laid over the page is dropped however long it is only when the page keeps at least this many
/// characters of text outside it (a page that shows its content only in a dialog keeps it).
pub const MODAL_MIN_TEXT_OUTSIDE: usize = NO_ARTICLE_CHARS;

/// Hints of a carousel (a slider of cards a reader pages through), matched on an element's `class`, `id` and
/// `aria-roledescription`. On a landing page, one whose text is nearly all links ([`CAROUSEL_MIN_LINK_DENSITY`]) is
/// a row of teasers for other pages (featured insights, case studies, blog posts), not the page's own content.
pub static CAROUSEL_HINT: LazyLock<Regex> = LazyLock::new(|| pattern(r"carousel|slider|swiper|slick"));

/// A landing page's carousel ([`CAROUSEL_HINT`]) with at least this share of its text in links is a row of
/// teasers for other pages. Testimonials and feature slides are read, not clicked: their text is not in links.
/// Chosen on folds 1–4 of the development set.
pub const CAROUSEL_MIN_LINK_DENSITY: f32 = 0.75;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_matches_what_it_names() {
        assert!(UNLIKELY_CANDIDATE.is_match("site-footer"));
        assert!(MAYBE_CANDIDATE.is_match("article-header"));
        assert!(COMMENT_SECTION.is_match("comments-area"));
        assert!(COMMENT_SECTION.is_match("post-comments"));
        assert!(!COMMENT_SECTION.is_match("comment-body"));
        assert!(CAPTION_HINT.is_match("wsj-article-caption"));
        assert!(CONSENT_HINT.is_match("onetrust-consent-sdk"));
        assert!(CONSENT_HINT.is_match("cookie-banner bottom"));
        assert!(!CONSENT_HINT.is_match("recipe-cookies"));
        assert!(POSITIVE_HINT.is_match("story-body"));
        assert!(NEGATIVE_HINT.is_match("share-tools"));
        assert!(ARTICLE_BODY_MARK.is_match("articlebody"));
        assert!(SHARE_HINT.is_match("share-bar"));
        assert!(BYLINE_HINT.is_match("article-byline"));
        assert!(BOILERPLATE_BLOCK.is_match("view full site"));
        assert!(BOILERPLATE_BLOCK.is_match("pc버전 보기"));
        assert!(BOILERPLATE_BLOCK.is_match("voir la version complète du site"));
        assert!(!BOILERPLATE_BLOCK.is_match("the shares fell sharply on monday"));
        assert!(COPYRIGHT_HINT.is_match("article-copyright"));
        assert!(FURNITURE_ROLES.is_match("navigation"));
        assert!(PLACEHOLDER_SRC.is_match("data:image/gif;base64,R0lGOD"));
        assert!(NOSCRIPT_IMG.is_match(r#"<img alt="x" src="/a.jpg">"#));
        assert!(NOSCRIPT_ALT.is_match(r#"<img alt="x" src="/a.jpg">"#));
        assert!(HIDDEN_STYLE.is_match("display: none"));
        assert!(POST_CHROME_TEXT.is_match("Last edited by ann"));
        assert!(!POST_CHROME_TEXT.is_match("Last edited the list of parts, and it works"));
        assert!(names_item_controls("toolbar toolbar-products"));
        assert!(names_item_controls("facets__filter-bar"));
        assert!(names_item_controls("collection-sorting"));
        assert!(names_item_controls("woocommerce-result-count"));
        assert!(!names_item_controls("middleware-ordering"));
        assert!(!names_item_controls("main-products-grid__results filter-result"));
        assert!(!names_item_controls("facet-row-container"));
        assert!(!names_item_controls("backdrop-filter-blur"));
    }
}
