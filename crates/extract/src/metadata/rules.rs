//! Every name, selector and pattern the metadata reader relies on, in one place (STYLE 8), grouped by the
//! field it serves and listed in the order they are tried. Selectors and patterns are compiled once.
//!
//! Nothing here reads a page; the readers in the sibling modules do.

use super::scan::Scan;
use regex::Regex;
use scraper::Selector;
use std::sync::LazyLock;

/// Compiles a selector written in this file. The selectors are constants, so a failure is a bug caught by the
/// tests, never something a page can cause.
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?} in metadata rules is invalid: {e}"))
}

/// Compiles a pattern written in this file (constant, as for [`selector`]).
fn pattern(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| panic!("pattern {re:?} in metadata rules is invalid: {e}"))
}

// ---------------------------------------------------------------------------------------------------------
// Meta tags. Keys are lowercased `property`, `name`, `itemprop` or `http-equiv` values.
// ---------------------------------------------------------------------------------------------------------

/// Attributes of a `<meta content>` that name its key, in the order they are read.
pub const META_KEY_ATTRIBUTES: [&str; 4] = ["property", "name", "itemprop", "http-equiv"];

/// Meta keys naming the headline, best first.
pub const TITLE_META_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "headline"];

/// Meta keys naming the author. `article:author` is often a profile URL, which the reader skips.
pub const AUTHOR_META_KEYS: &[&str] =
    &["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "dcterms.creator"];

/// Meta keys a page repeats, one tag per author (`<meta name="citation_author">` on scholarly pages).
pub const REPEATED_AUTHOR_META_KEYS: &[&str] = &["citation_author"];

/// At most this many repeated author tags are kept.
pub const MAX_REPEATED_AUTHORS: usize = 30;

/// Keys of labelled meta pairs (`twitter:label1` "Written by", `twitter:data1` "Ann Lee"), without the number.
pub const META_LABEL_KEY: &str = "twitter:label";

/// See [`META_LABEL_KEY`].
pub const META_DATA_KEY: &str = "twitter:data";

/// Labelled meta pairs are numbered from 1 to this.
pub const MAX_META_LABEL_PAIRS: usize = 4;

/// A label of a meta pair that announces the writer.
pub static META_AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)^\s*(?:written\s+by|author|authors|by|geschrieben\s+von|écrit\s+par|escrito\s+por)\s*:?\s*$")
});

/// Meta keys holding the publication date, best first. None of them is ever a modification date.
pub const PUBLISHED_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
];

/// Meta keys naming the outlet.
pub const SITE_NAME_META_KEYS: &[&str] = &["og:site_name", "application-name", "apple-mobile-web-app-title"];

/// Meta keys naming the language (`og:locale` is written `en_US`).
pub const LANG_META_KEYS: &[&str] = &["content-language", "dc.language", "og:locale", "language"];

/// Meta keys holding the lead image.
pub const IMAGE_META_KEYS: &[&str] =
    &["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnailurl"];

/// Meta keys holding the page's summary.
pub const EXCERPT_META_KEYS: &[&str] = &["description", "og:description", "twitter:description", "dc.description"];

/// How a description cut short ends: an ellipsis, three dots, or an ellipsis entity encoded twice ("&amp;hellip;"
/// read once).
pub const TRUNCATION_MARKS: &[&str] = &["\u{2026}", "...", "&hellip;"];

/// Meta keys holding the canonical address (after `link rel=canonical`).
pub const CANONICAL_META_KEYS: &[&str] = &["og:url", "twitter:url"];

// ---------------------------------------------------------------------------------------------------------
// JSON-LD.
// ---------------------------------------------------------------------------------------------------------

/// The `type` of a JSON-LD script (compared without regard to case).
pub const JSON_LD_TYPE: &str = "application/ld+json";

/// Schema.org types that describe an article, beyond anything ending in `Article` or `Posting`.
pub const ARTICLE_TYPES: &[&str] = &["Report", "Review", "Blog", "Recipe", "VideoObject", "CreativeWork"];

/// Schema.org types of organisations, which are never a byline.
pub const ORGANISATION_TYPES: &[&str] = &[
    "Organization",
    "NewsMediaOrganization",
    "Corporation",
    "LocalBusiness",
    "EducationalOrganization",
    "GovernmentOrganization",
    "NGO",
    "OnlineBusiness",
    "Brand",
    "WebSite",
];

/// The schema.org type of a person (an author, someone the page is about).
pub const PERSON_TYPE: &str = "Person";

/// A JSON-LD `Person`'s description shorter than this (characters) is a job title, not a biography.
pub const MIN_PERSON_DESCRIPTION_CHARS: usize = 60;

/// The most `Person` descriptions read from a page.
pub const MAX_PERSON_DESCRIPTIONS: usize = 8;

/// JSON-LD values walked per page at most when looking for people (a bound on hostile data).
pub const MAX_JSON_LD_VALUES: usize = 20_000;

/// Schema.org types that describe the page rather than the article: used only when no article object exists.
pub const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "AboutPage", "ProfilePage", "QAPage"];

// ---------------------------------------------------------------------------------------------------------
// Title.
// ---------------------------------------------------------------------------------------------------------

/// First-level headings, and the headline classes CMSs put on other elements. Document order; the title reader
/// prefers the one the `<title>` repeats.
pub static HEADLINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "h1, [itemprop~=headline], [class~=headline], h2.title, [class*=article-title], [class*=article__title], \
         [class*=entry-title], [class*=story-headline], [class*=post-title], [class*=post__title], [class*=news-title]",
    )
});

/// [`HEADLINE`], for a scan of the whole page.
pub static HEADLINE_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&HEADLINE));

/// Separators between a headline and the outlet in `<title>` ("Headline | Outlet", "Headline : Outlet").
pub static TITLE_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| pattern(r"\s+(?:[|:\-–—·•»«/]|::|\\)\s+"));

/// A title separator at the start of what follows a headline ("Headline | Editorial": " | Editorial").
pub static TITLE_SEPARATOR_START: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s+(?:[|:\-–—·•»«/]|::|\\)\s+"));

/// The part after the last " | " of a title is an outlet or a section when it has at most this many words.
pub const MAX_PIPE_TAIL_WORDS: usize = 4;

/// A headline part left after cutting the outlet suffix must keep at least this many characters.
pub const MIN_TITLE_PART_CHARS: usize = 15;

/// A headline element with more text than this (bytes, before collapsing whitespace) is a wrapper whose class
/// happens to match, never a part of the `<title>`: its text is not read, so nested wrappers cost nothing.
pub const MAX_HEADLINE_BYTES: usize = 16 * 1024;

/// An element inside a headline that holds its dateline, whose text is not a part of the headline.
pub const HEADLINE_DATE_ELEMENT: &str = "time";

/// The headings that may carry the article's visible headline.
pub static PAGE_HEADING: LazyLock<Selector> = LazyLock::new(|| selector("h1"));

/// [`PAGE_HEADING`], for a scan of the whole page.
pub static PAGE_HEADING_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&PAGE_HEADING));

/// At most this many `<h1>` are looked at, in page order (the headline is near the top).
pub const MAX_PAGE_HEADINGS: usize = 12;

/// A visible headline longer than this (characters) is a block of text in an `<h1>`, not a headline.
pub const MAX_PAGE_HEADING_CHARS: usize = 200;

/// At most this many nodes inside an `<h1>` are looked at for the part of it that the page's titles repeat (a
/// headline beside a label or a source in elements of their own).
pub const MAX_HEADING_PARTS: usize = 24;

/// At least this many `<h1>` under one parent, none of which the page's titles repeat, head the sections of the
/// article's text: none of them is its headline.
pub const MIN_SECTION_HEADING_RUN: usize = 3;

/// The headings that may show a title the page declares, when its `<h1>` shows none of them.
pub static DECLARED_HEADING: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "h1, h2, h3, [itemprop~=headline], [class~=headline], [class*=article-title], [class*=article__title], \
         [class*=entry-title], [class*=story-headline], [class*=post-title], [class*=post__title], [class*=news-title]",
    )
});

/// [`DECLARED_HEADING`], for a scan of the whole page.
pub static DECLARED_HEADING_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&DECLARED_HEADING));

/// An `<h1>` agrees with a title the page declares when the title's words make up at least this share of its
/// letters and digits.
pub const MIN_AGREEING_WORD_SHARE: f64 = 0.5;

/// At most this many of the [`DECLARED_HEADING`] are looked at, in page order.
pub const MAX_DECLARED_HEADINGS: usize = 40;

/// Elements around an `<h1>` that make it site chrome (a logo, a menu title), not the article's headline.
pub const CHROME_ELEMENTS: &[&str] = &["nav", "footer", "aside", "dialog", "a", "button", "label"];

/// Class or id words of an `<h1>` (or an ancestor) that is hidden or belongs to site chrome: screen-reader
/// text, menus, modal dialogs, carts, logos.
pub static CHROME_HEADING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)sr-only|screen-reader|visually-hidden|visuallyhidden|invisible|offscreen|\bmenu|\bnavbar|modal|popup|\bcart\b|\blogo|site-title|site-name|site-branding|masthead",
    )
});

/// How many ancestors of an `<h1>` are checked for [`CHROME_HEADING_MARK`] (further up, page wrappers carry
/// every kind of class).
pub const CHROME_MARK_DEPTH: usize = 4;

/// Class or id words of a page-level `<header>` that is the article's hero banner, not the site's header (when it
/// holds no menu, search form or link to the home page).
pub static HERO_HEADER_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)hero|article|story|entry|\bpost|headline"));

/// A heading in a page-level `<header>` is the article's (a hero banner) when the page's title repeats it and it
/// makes up at least this share of that title (letters and digits); a logo heading is a small part of it.
pub const MIN_HEADER_TITLE_SHARE: f64 = 0.5;

/// Text that only a template engine would leave in a heading (`{{ title }}`).
pub const TEMPLATE_MARKERS: &[&str] = &["{{", "}}", "{%", "${"];

// ---------------------------------------------------------------------------------------------------------
// Byline.
// ---------------------------------------------------------------------------------------------------------

/// Elements that hold the author's name, best first: `rel=author` links, microdata, the byline classes CMSs use,
/// then anything whose class mentions an author or writer.
pub const BYLINE_SELECTORS: &[&str] = &[
    r#"a[rel~="author"], link[rel~="author"][title]"#,
    "[itemprop~=author] [itemprop~=name]",
    "[itemprop~=author]",
    ".byline__name, .author-name, .author__name, .byline-author, .article-author, .post-author, .entry-author",
    ".byline, .story-byline, [class*=byline]",
    "[class~=author], [class*=author], [class*=autor], [class*=writer], [class*=reporter], .signature, [class*=firma]",
];

/// [`BYLINE_SELECTORS`] compiled one by one, to rank the candidates.
pub static BYLINE_ELEMENTS: LazyLock<Vec<Selector>> =
    LazyLock::new(|| BYLINE_SELECTORS.iter().map(|css| selector(css)).collect());

/// Every element any of [`BYLINE_SELECTORS`] can match, written with few, simple selectors so that one walk over
/// the page finds the candidates cheaply.
pub static ANY_BYLINE_ELEMENT: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "[rel~=author], [itemprop~=author], [itemprop~=author] [itemprop~=name], [class*=byline], [class*=author], \
         [class*=autor], [class*=writer], [class*=reporter], .signature, [class*=firma]",
    )
});

/// [`ANY_BYLINE_ELEMENT`], for a scan of the whole page.
pub static ANY_BYLINE_ELEMENT_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&ANY_BYLINE_ELEMENT));

/// Class or id words of author boxes (biography, avatar, "about the author"), whose text is not a byline.
pub static AUTHOR_BOX: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)bio|box|about|avatar|photo|image|img|card|profile|info|title|link"));

/// A class or id naming the element that holds an author's name inside an author box (`author-box__name`,
/// `author-info-name`), whose text is the name alone.
pub static AUTHOR_NAME_CLASS: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)author[\w-]*[-_]name\b"));

/// A class that marks the element holding a person's name inside an author box: the word `name`, alone or as the
/// last part of a class (`card__name`, `profile-name`).
pub static NAME_ELEMENT_CLASS: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)(?:^|[\s_-])name(?:$|\s)"));

/// At most this many byline candidates are looked at, in page order (the byline is near the top; comment
/// authors, which come later, are many).
pub const MAX_BYLINE_CANDIDATES: usize = 60;

/// A byline text longer than this is a paragraph, not a name.
pub const MAX_BYLINE_CHARS: usize = 100;

/// A leading "By" in several languages (and the Chinese or Japanese "reporter" before a name), with the
/// punctuation that follows it.
pub static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^\s*(?:(?:written|posted|reported|analysis|opinion|commentary|review|story|text|words|photos?)\s+by|by|von|par|por|door|di|av|af|от|автор|authors?|autor|auteur|بقلم|كتب|كتبت|מאת|记者|記者|文)\s*[:：/]?(?:\s+|$)",
    )
});

/// Trailing job titles and contact details after a name ("문성희 기자 moon@x.kr", "山田太郎記者").
pub static BYLINE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:\s*[,|/]?\s*(?:\S+@\S+|선임기자|수습기자|기자|특파원|논설위원|記者|记者|特派員|特派员|編集委員|通讯员|staff\s+writer|staff\s+reporter|correspondent|reporter))+\s*$",
    )
});

/// Separators after which a byline element carries other things (a date, a section).
pub static BYLINE_CUT: LazyLock<Regex> = LazyLock::new(|| pattern(r"\s*(?:[|•·]|\s-\s|\s—\s)\s*"));

/// A byline has at most this many words (several authors with their particles).
pub const MAX_BYLINE_WORDS: usize = 16;

/// Lowercase words that may sit inside a name or a list of names ("Ludwig van Beethoven", "Ann Lee and Bo Lin",
/// "the Lavazza Team").
pub const NAME_PARTICLES: &[&str] = &[
    "and", "und", "et", "y", "e", "i", "og", "och", "en", "van", "von", "der", "den", "de", "da", "das", "do", "dos",
    "del", "della", "di", "du", "la", "le", "bin", "ibn", "al", "el", "ten", "ter", "zu", "af", "&", "the",
];

/// A template key left where a name should be (`page.head.extra.author`): lowercase words joined by dots.
pub static TEMPLATE_KEY: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b[a-z_]{2,}\.[a-z_]{2,}\.[a-z_]{2,}\b"));

/// A site's address given as a name ("Example.net", "shop.example.com"): a word ending in a common top-level domain,
/// written in lowercase as addresses are. A byline is never a site.
pub static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"[\p{L}\d-]\.(?:com|net|org|io|co|info|biz|ai|app|dev|me|tv|us|uk|ca|au|de|fr|es|it|nl|ru|online|site|blog|news)(?:$|[\s/,])",
    )
});

/// Words of the accounts a CMS names as a page's author ("NOC Admin", "Site Administrator", "Webmaster"): a role on
/// the site, never a person's name.
pub static ACCOUNT_NAME: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)(?:^|\s)(?:admin|administrator|webmaster|site\s+owner)(?:$|\s)"));

/// A name that is also the outlet's is a person's only with at most this many words.
pub const MAX_PERSON_NAME_WORDS: usize = 4;

/// Words of firms' and outlets' names, lowercase: a name with one of them is not a person's, even when it is
/// written like one.
pub const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "associates",
    "bank",
    "blog",
    "books",
    "club",
    "co",
    "company",
    "consulting",
    "corp",
    "corporation",
    "daily",
    "digital",
    "editors",
    "editorial",
    "forum",
    "forums",
    "foundation",
    "group",
    "guide",
    "hotel",
    "hotels",
    "hq",
    "inc",
    "institute",
    "int",
    "journal",
    "lab",
    "labs",
    "llc",
    "llp",
    "ltd",
    "magazine",
    "media",
    "network",
    "news",
    "newsroom",
    "online",
    "partners",
    "press",
    "services",
    "shop",
    "staff",
    "store",
    "studio",
    "studios",
    "team",
    "times",
    "today",
    "tv",
    "weekly",
];

/// What a byline carries beside the names: e-mail addresses, "Corresponding author" marks, envelope and footnote
/// signs, footnote numbers stuck to a name.
pub static BYLINE_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\S+@\S+\.\S+|corresponding\s+authors?\.?|author\s+for\s+correspondence|auteur\s+correspondant|autor\s+(?:de\s+)?correspondencia|korrespondenzautor\w*|[✉✉︎📧*†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]",
    )
});

/// Words of job titles, in a comma part after a name ("Ann Lee, Marketing and Event Coordinator"), which ends the
/// names there. Only whether and where a match starts is read, so a stem ("editor", for "editorial" too) is not
/// followed by `\w*\b`: the letters after a stem and the boundary after them are always there to match, and that
/// suffix was most of the pattern's compiling (a unit test compares the starts with the suffix kept).
pub static JOB_TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:editor|redakteur|rédact|redactor|korrespondent|корреспондент|(?:writer|director|manager|coordinator|head|chief|founder|co-founder|ceo|cto|cfo|coo|president|officer|reporter|correspondent|contributor|journalist|columnist|specialist|expert|analyst|consultant|engineer|developer|designer|marketing|senior|sr|junior|staff|intern|professor|lecturer|researcher|scientist|student|educators?|assistant|associate|lead|owner|partner|advisor|adviser|strategist|producer|photographer|periodista|giornalista|journaliste)\b)",
    )
});

/// "and" (in several languages) or "&" at the start of the last name of a list ("…, and Cy Dee").
pub static LEADING_CONJUNCTION: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)^(?:and|und|et|y|e|en|och|og|&)\s+"));

/// A job title after a name without a comma ("Ann Lee Staff Writer" is cut by [`BYLINE_SUFFIX`]; this catches
/// "Ann Lee is a freelance writer" and "Ann Lee - Editor").
pub static JOB_TITLE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\s+(?:is|ist|est|es|è)\s+(?:a|an|the|ein|eine|un|une|una|uno)\b.*$"));

/// A label that announces a byline at the start of a text ("By", "Written by:", "Von", "Par", "Автор:"), the
/// verb may follow what was written ("Article written by:", "This post was written by", "Artikel geschrieben von",
/// "Article écrit par", "Artículo escrito por").
/// "Reviewed by", "Edited by", "Updated by" and "Photo by" name other people, and are not here.
pub static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^\s*(?:(?:this\s+|dieser\s+|cet\s+|este\s+|questo\s+)?(?:article|post|blog\s+post|story|piece|guide|artikel|beitrag|billet|artículo|articulo|articolo)\s+(?:(?:was|is|wurde|a\s+été|fue|è\s+stato)\s+)?(?:written\s+by|geschrieben\s+von|von|écrit\s+par|escrito\s+por|scritto\s+da)|(?:written|posted|reported|authored|contributed|words|text|story|article)\s+by|by|von|par|por|door|di|av|af|автор|автора|авторы|autor|autora|autores|auteur|auteurs|author|authors|contributors?|escrito\s+por|scritto\s+da|geschrieben\s+von|écrit\s+par|publicado\s+por|publié\s+par)\s*[:：]?(?:\s+|$)",
    )
});

/// Byline labels of one language that are words of others ("Door Anchor", "AF Group", "Par for the course", "Von
/// Miller"), lowercase, each with the primary language subtags of the pages where it is a label: on a page that
/// declares another language it is a word of the text.
pub const LANGUAGE_BYLINE_LABELS: &[(&str, &[&str])] = &[
    ("von", &["de"]),
    ("door", &["nl"]),
    ("par", &["fr"]),
    ("por", &["es", "pt"]),
    ("di", &["it"]),
    ("av", &["sv", "no", "nb", "nn"]),
    ("af", &["da", "is"]),
];

/// A noun label ("Author", "Contributors") running straight on into other words without a colon: a heading
/// ("Author Spotlight", "Author Guidelines"), not a label before a name ("Author: Ann Lee", "Author" alone).
pub static BARE_NOUN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^\s*(?:автор|автора|авторы|autor|autora|autores|auteur|auteurs|author|authors|contributors?)\s+[^\s:：]",
    )
});

/// Where the names of a byline end: a word that starts something else ("on Monday", "in Politics", "Updated"),
/// a separator.
pub static BYLINE_END: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\s(?:on|in|at|for|from|am|le|el|il|em|dans|für|updated|published|posted|last|read|min|·|•|⋅|\||/|—|–|-)(?:\s|$)|\s*⋅",
    )
});

/// Words that announce a date, at the end of the text before it ("Ann Lee Updated Sat, Dec 20, 2025"): cut with
/// the date from a byline.
pub static DATE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:(?:^|\s)(?:last|updated|modified|published|posted|on|am|le|el|il|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[\s,.:]*)+$",
    )
});

/// How many ancestors of a byline label (or of an author link) are read to find the names (or the block).
pub const BYLINE_LABEL_CLIMB: usize = 3;

/// Elements whose text is not page text (scripts, styles, templates, the title, options of a select).
pub const NON_TEXT_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "title", "option", "textarea"];

/// Class, id or role words of menus and other site chrome, where "By Event Type" is a menu entry, not a byline; a
/// table of contents (whose widget credits its maker: "Contents app by Acme") is one too.
pub static MENU_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\bnav|menu|dropdown|breadcrumb|filter|table-of-contents|\btoc\b"));

/// Elements that hold site chrome rather than bylines.
pub const MENU_ELEMENTS: &[&str] = &["nav", "select", "button"];

/// The page's content landmarks: a byline candidate's climb looking for menus stops there.
pub const CONTENT_LANDMARKS: &[&str] = &["article", "main"];

/// How many ancestors of a byline candidate are checked for [`MENU_MARK`] and [`MENU_ELEMENTS`].
pub const MENU_MARK_DEPTH: usize = 8;

/// Pictures that may show an author beside their name.
pub static PICTURE_WITH_ALT: LazyLock<Selector> = LazyLock::new(|| selector("img[alt]"));

/// [`PICTURE_WITH_ALT`], for a scan of the whole page.
pub static PICTURE_WITH_ALT_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&PICTURE_WITH_ALT));

/// Elements whose pictures illustrate the article (a caption may repeat a portrait's `alt`): no author's avatar.
pub const FIGURE_ELEMENTS: &[&str] = &["figure"];

/// Class, id or address words of a person's picture: an avatar, a head shot, an author's or a profile's picture,
/// or the round crop that avatars get (not "portrait", which is only the orientation of a photo).
pub static AVATAR_MARK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)avatar|author|autor|auteur|byline|headshot|head-shot|gravatar|profile|writer|rounded-full|rounded-circle|img-circle",
    )
});

/// A picture is an avatar by its own marks or those of this many ancestors.
pub const AVATAR_MARK_DEPTH: usize = 2;

/// Around an avatar, at most this many elements are compared with its `alt`.
pub const MAX_AVATAR_NEIGHBOURS: usize = 40;

/// How many parts (texts cut at [`BYLINE_CUT`]) after the headline are read for the name in its dateline.
pub const DATELINE_BYLINE_PARTS: usize = 8;

/// A text of the dateline is a link's (a section, a tag) or a heading's when this many of its nearest elements
/// include one of [`NOT_DATELINE_NAME_ELEMENTS`].
pub const DATELINE_LINK_DEPTH: usize = 3;

/// Elements whose text beside a date is no byline: links (sections, tags), headings, buttons.
pub const NOT_DATELINE_NAME_ELEMENTS: &[&str] = &["a", "h1", "h2", "h3", "h4", "h5", "h6", "button"];

/// Words of the labels a dateline carries beside the name and the date ("Written By", "Last Modified", "In This
/// Article", "5 Min Read"), lowercase, in several languages: a part with one of them is no name.
pub const DATELINE_WORDS: &[&str] = &[
    "by",
    "written",
    "posted",
    "published",
    "updated",
    "modified",
    "last",
    "in",
    "on",
    "this",
    "article",
    "read",
    "min",
    "share",
    "of",
    "the",
    "von",
    "par",
    "por",
    "door",
    "di",
    "aktualisiert",
    "veröffentlicht",
    "mis",
    "publié",
    "actualizado",
    "publicado",
    "aggiornato",
    "pubblicato",
];

/// A label, at the end of the text before a name, that credits the person with something else than the writing
/// ("Fact-checked by", "Medically reviewed by:", "Edited by", "Tested by", "Photos by"), in several languages.
pub static OTHER_ROLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:fact[\s-]*check(?:ed|er)?|reviewed|review(?:er)?|edit(?:ed|or)|tested|illustrat(?:ed|ions?)|photos?|photographs?|images?|translated|produced|verified|approved|geprüft|redigiert|révisé|relu|revisado|editado|verificado|rivisto)\s*(?:by|von|par|por|da)?\s*[:：]?\s*$",
    )
});

/// The whole text between two names of one list: a comma, "and" (in several languages) or "&".
pub static NAME_JOINER: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)^\s*(?:,|&|and|und|et|y|e|en|och|og)?\s*,?\s*$"));

/// How many siblings before a link to an author page are read for [`OTHER_ROLE_LABEL`].
pub const ROLE_LABEL_SIBLINGS: usize = 6;

/// What separates the names of a byline joined for print ("A, B and C", "A & B").
pub static NAME_LIST_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| pattern(r"\s*,\s*|\s+(?:and|&)\s+"));

/// The address of an author's page ("/author/ann-lee", "?author=12"), matched on a link's `href` (one pattern
/// over each link is much cheaper than a selector of twenty substring tests).
pub static AUTHOR_HREF: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"/(?:authors?|autor|autores|auteurs?|contributors?|writers?|journalists?|reporter|columnist|people|staff)/|",
        r"/redakteur|[?&_]author="
    ))
});

/// Class or id words that mark comment threads, whose authors are not the article's.
pub static COMMENT_CONTAINER: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)comment|reply|replies|discussion|disqus|respond"));

// ---------------------------------------------------------------------------------------------------------
// Published date.
// ---------------------------------------------------------------------------------------------------------

/// Elements marked as the publication date by microdata.
pub static ITEMPROP_PUBLISHED: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop~=datePublished]"));

/// [`ITEMPROP_PUBLISHED`], for a scan of the whole page.
pub static ITEMPROP_PUBLISHED_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&ITEMPROP_PUBLISHED));

/// `<time>` elements with a machine-readable date.
pub static TIME_DATETIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));

/// [`TIME_DATETIME`], for a scan of the whole page.
pub static TIME_DATETIME_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&TIME_DATETIME));

/// Class, id or itemprop words marking a date as a modification, never a publication.
pub static MODIFIED_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)modif|updat|edited|revis|aktualisiert|mis-a-jour|maj\b"));

/// Elements near the headline that show a visible date (datelines, bylines, info lines).
pub static DATE_AREA: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "time, [class*=date], [class*=Date], [id*=date], [class*=time], [class*=publish], [class*=datum], \
         [class*=fecha], .byline, .dateline, .info, .meta, .article-info, .entry-meta, .post-meta, [class*=byline], \
         [class*=author-details], [class*=author-info], [class*=author-meta]",
    )
});

/// [`DATE_AREA`], for a scan of the whole page.
pub static DATE_AREA_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&DATE_AREA));

/// At most this many visible-date elements, and `<time>` elements with a valid date, are looked at (the dateline
/// is near the top; a page of thousands of dates is not searched through).
pub const MAX_DATE_AREA_CANDIDATES: usize = 60;

/// A visible-date element longer than this is text, not a dateline.
pub const MAX_DATE_AREA_CHARS: usize = 200;

/// Words announcing a modification date in a visible dateline ("Updated", "수정", "更新").
pub static VISIBLE_MODIFIED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:updated|modified|last\s+edited|aktualisiert|mis\s+à\s+jour|actualizado|atualizado|обновлено|수정|更新|修改)\s*[:：]?\s*$",
    )
});

/// Words announcing a modification date in running text, the date after them ("Last updated on", "Updated:",
/// "aktualisiert am", "Mis à jour le", "更新"): the page's date when it shows no other.
pub static VISIBLE_UPDATED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:\b(?:last\s+)?(?:updated|modified)(?:\s+on)?|aktualisiert(?:\s+am)?|mis\s+à\s+jour(?:\s+le)?|actualizado(?:\s+el)?|atualizado(?:\s+em)?|обновлено|수정|更新日?|修改)\s*[:：]?\s*",
    )
});

/// What every text [`VISIBLE_UPDATED_LABEL`] matches in holds: its words without their `\b` and their optional
/// parts, searched first (see `dateline::labelled_date`).
pub static VISIBLE_UPDATED_LABEL_GATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)updated|modified|aktualisiert|mis\s+à\s+jour|actualizado|atualizado|обновлено|수정|更新|修改")
});

/// Attributes of a dateline element that may hold a machine-readable date (`<input class="published_date" value>`).
pub const DATE_VALUE_ATTRIBUTES: &[&str] = &["datetime", "content", "value"];

/// Words announcing the publication date in running text ("Published:", "publiziert am", "Publié le", "입력").
pub static VISIBLE_PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:\bpublished(?:\s+on)?|\bposted(?:\s+on)?|publiziert(?:\s+am)?|veröffentlicht(?:\s+am)?|publié\s+le|publicado(?:\s+(?:el|em))?|pubblicato(?:\s+il)?|опубликовано|입력|发布时间|发布|公開|掲載)\s*[:：]?\s*",
    )
});

/// What every text [`VISIBLE_PUBLISHED_LABEL`] matches in holds: its words without their `\b` and their optional
/// ends, searched first (see `dateline::labelled_date`).
pub static VISIBLE_PUBLISHED_LABEL_GATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)published|posted|publiziert|veröffentlicht|publié\s+le|publicado|pubblicato|опубликовано|입력|发布|公開|掲載",
    )
});

/// A field label that is a whole text ("Date", "Publication date:", "Date published"): the date is the next text.
pub static DATE_FIELD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)^(?:date|publication\s+date|date\s+(?:of\s+)?publi(?:shed|cation)|published(?:\s+on)?)\s*[:：]?$")
});

/// Paragraphs, where a news agency's dateline opens the text.
pub static PARAGRAPH: LazyLock<Selector> = LazyLock::new(|| selector("p"));

/// [`PARAGRAPH`], for a scan of the whole page.
pub static PARAGRAPH_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&PARAGRAPH));

/// How many of the page's first paragraphs are read for a news agency's dateline.
pub const MAX_WIRE_DATELINE_PARAGRAPHS: usize = 40;

/// How much of a paragraph's start (bytes, at least) is read for a news agency's dateline.
pub const WIRE_DATELINE_BYTES: usize = 160;

/// The place before a news agency's dateline is at most this long (bytes, before the first comma; see
/// [`WIRE_PLACE`]).
pub const WIRE_PLACE_MAX_BYTES: usize = 128;

// A news agency's dateline at a paragraph's start: the place in capitals, a comma, the date (captured), the
// agency in brackets if any, then a dash: "RAJSHAHI, Dec 20, 2025 (BSS) -", "GENEVA, 3 March 2024 –". As one
// pattern it is
//
//   ^\s*\p{Lu}[\p{Lu}\p{M} .'’-]{2,40},(?:\s*\p{Lu}[\p{L}\p{M} .'’-]{1,30},)?\s*([^()\-–—]{6,30}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—]
//
// but compiling the counted Unicode classes cost more than the rest of the extractor's patterns together, so it
// is read in three parts ([`WIRE_PLACE`], [`WIRE_SECOND_PLACE`], [`WIRE_DATE`]) with the counts checked apart
// (`dateline::wire_date`, whose tests compare it with the single pattern). Neither place's class holds a comma,
// so each place runs to the next comma whatever its count: counting it afterwards matches the same texts.

/// The place opening a news agency's dateline, up to its comma: a capital, then capitals, marks, spaces, dots,
/// apostrophes and hyphens (captured, [`WIRE_PLACE_CHARS`] of them).
pub static WIRE_PLACE: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*\p{Lu}([\p{Lu}\p{M} .'’-]+),"));

/// How many characters follow the place's first capital in [`WIRE_PLACE`].
pub const WIRE_PLACE_CHARS: std::ops::RangeInclusive<usize> = 2..=40;

/// A second place after the first, up to its comma ("ATLANTA, Georgia, …"): a capital, then letters, marks,
/// spaces, dots, apostrophes and hyphens (captured, [`WIRE_SECOND_PLACE_CHARS`] of them). Optional: the date is
/// looked for after it, then, if none is there, right after the first place.
pub static WIRE_SECOND_PLACE: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*\p{Lu}([\p{L}\p{M} .'’-]+),"));

/// How many characters follow the second place's first capital in [`WIRE_SECOND_PLACE`].
pub const WIRE_SECOND_PLACE_CHARS: std::ops::RangeInclusive<usize> = 1..=30;

/// The date after a news agency's place (captured: 6 to 30 characters, as few as will do), the agency in brackets
/// if any, then a dash.
pub static WIRE_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s*([^()\-–—]{6,30}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—]"));

/// Words saying outright when a page first came out ("originally published on", "Originally posted:"): its date
/// beats any later one the page declares or shows.
pub static ORIGINALLY_PUBLISHED_LABEL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\boriginally\s+(?:published|posted)(?:\s+on)?\s*[:：]?\s*"));

/// What every text [`ORIGINALLY_PUBLISHED_LABEL`] matches in holds: that pattern without its `\b` and its optional
/// end. Without the `\b` one search covers all the page's texts together at the speed of a plain search (a Unicode
/// `\b` makes the search slow on any text that is not all ASCII); only a page where it matches is read text by
/// text.
pub static ORIGINALLY_PUBLISHED_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)originally\s+(?:published|posted)"));

/// "by" opening what follows a label: "Originally posted by" names a person (a forum's quote), not a date.
pub static BY_WORD: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)^by\b"));

/// `YYYY/MM/DD` or `YYYY/MM/` followed by more path, in a page's address.
pub static URL_DATE_SEGMENTS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(?:(0?[1-9]|[12]\d|3[01])(?:/|$|\.|-))?[^/]"));

/// `YYYY-MM-DD` inside a segment of a page's address (`/blog/2025-12-17-title`).
pub static URL_DATE_DASHED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[/_.-])"));

/// How many texts after the headline, and before it, are read for its dateline.
pub const DATELINE_TEXTS_AFTER: usize = 25;

/// See [`DATELINE_TEXTS_AFTER`].
pub const DATELINE_TEXTS_BEFORE: usize = 8;

/// The header cell of a table: a table that has one holds data (a time series, a schedule), and its dates are
/// not the page's dateline.
pub const TABLE_HEADER_CELL: &str = "th";

/// A text beside the headline longer than this (characters) is running text, not a dateline.
pub const MAX_DATELINE_TEXT_CHARS: usize = 80;

/// How many texts after a "Published" label standing alone are read for its date.
pub const DATELINE_TEXTS_AFTER_LABEL: usize = 3;

/// Meta keys of any other spelling that holds a publication date (`w-published-date`, `publication_date`).
pub static PUBLISHED_META_KEY: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)publi(?:shed|cation|sh)[-_.:]?(?:date|time|at|on)|(?:date|time)[-_.:]?publi"));

/// A publication date more than this many days after the page's own modification date is impossible (a post
/// scheduled after its last edit comes out days later, not months).
pub const MAX_DAYS_AFTER_MODIFIED: i64 = 45;

/// A card in a list of other pages (related articles, latest posts) has at most this many characters,
/// whitespace included.
pub const MAX_CARD_CHARS: usize = 600;

/// A run of at least this many sibling cards, each linked and showing a date, is a list of other pages: their
/// dates are not the page's.
pub const MIN_DATED_CARDS: usize = 3;

/// At most this many siblings of a card are read to find the others of its run.
pub const MAX_CARD_SIBLINGS_READ: usize = 24;

/// Links to another page.
pub static LINK: LazyLock<Selector> = LazyLock::new(|| selector("a[href]"));

/// [`LINK`], for a scan of the whole page.
pub static LINK_SCAN: LazyLock<Scan> = LazyLock::new(|| Scan::of(&LINK));

/// Hours the westernmost time zone is behind UTC: a declared instant falls on no calendar day before its UTC
/// instant less this.
pub const WESTERNMOST_UTC_OFFSET_HOURS: i64 = 12;

/// Meta keys holding the modification date: a publication date after it is impossible.
pub const MODIFIED_META_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// ISO 8601 (or the SQL-like variant with a space) at the start of a value: date, then optional time and offset.
pub static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
});

/// Eight digits, year first (`20161215`), as some meta tags write it.
pub static COMPACT_DATE: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)"));

/// Year first with dots, slashes, dashes or CJK/Korean units: `2016.12.15`, `2016/12/15`, `2016년 12월 15일`, `2016年12月15日`.
pub static YMD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:^|\D)(\d{4})\s*(?:[./\-]|년|年)\s*(\d{1,2})\s*(?:[./\-]|월|月)\s*(\d{1,2})(?:\s*(?:일|日))?(?:\D|$)")
});

/// Day or month first with dots, slashes or dashes: `15.12.2016`, `12/15/2016`, `15-12-2016`.
pub static NUMERIC_DMY_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|\D)(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?:\D|$)"));

// The month names below are `[\p{L}\x{345}]`, not `\p{L}` under `(?i)`: the same characters (case folding adds to
// the letters only U+0345, the combining Greek iota, which folds to ι; a test compares the two on every character),
// without folding the letters' table each time the pattern is compiled. Case is ignored only where it matters, on
// the words written out. A name is at least [`MIN_MONTH_NAME_CHARS`] of them, counted by `dates` rather than
// written `{3,}` in the patterns (which compiled the letters' table four times over): each name is a whole run of
// letters (what comes before and after it is not a letter), and at any start a pattern can read a text in one
// way only (the "de" of "15 de diciembre" aside, where the other way reads "de" as the name, too short), so a
// match whose name is too short means no match at that start, and `dates` looks again from the next character.
// Its tests compare the matches with those of the patterns written with `{3,}`.

/// A month name (in the patterns below) has at least this many letters.
pub const MIN_MONTH_NAME_CHARS: usize = 3;

/// Month name, day, year: `December 15, 2016`, `Dec. 15 2016`.
pub static MDY_WORDS_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"([\p{L}\x{345}]+)\.?\s+(\d{1,2})(?i:st|nd|rd|th)?,?\s+(\d{4})"));

/// Year, month name, day, as scholarly meta tags write it: `2023 Jan 7`, `2016 December 15`.
pub static YMD_WORDS_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?-u:\b)(\d{4})\s+([\p{L}\x{345}]+)\.?\s+(\d{1,2})(?-u:\b)"));

/// Day, month name, year: `15 December 2016`, `15. Dezember 2016`, `15 de diciembre de 2016`, `15 декабря 2016`,
/// or joined by dashes: `04-ago-2021`, `15-Dec-2016`.
pub static DMY_WORDS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(\d{1,2})(?:(?i:er|st|nd|rd|th)?\.?\s+(?i:de\s+)?([\p{L}\x{345}]+)\.?,?\s+(?i:de\s+)?|-([\p{L}\x{345}]+)-)(\d{4})",
    )
});

/// A text that is only a month name and a year: `November 2003`, `Nov. 2003`.
pub static MONTH_YEAR_DATE: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s*(\p{L}+)\.?,?\s+(\d{4})\s*$"));

/// Month names by language, lowercase, January first. A name may also be abbreviated to three letters or more.
#[rustfmt::skip]
pub const MONTH_NAMES: &[[&str; 12]] = &[
    // English
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"],
    // French
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
     "décembre"],
    // German
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
     "dezember"],
    // Spanish
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
     "diciembre"],
    // Portuguese
    ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro",
     "dezembro"],
    // Italian
    ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
     "novembre", "dicembre"],
    // Russian, genitive (as dates write it) and nominative
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
     "декабря"],
    ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
     "декабрь"],
];

/// Other spellings of month names, with their number.
pub const MONTH_VARIANTS: &[(&str, u32)] =
    &[("sept", 9), ("fevrier", 2), ("aout", 8), ("decembre", 12), ("jänner", 1), ("maerz", 3), ("setiembre", 9)];

/// Earliest and latest years accepted as a publication date; anything else is a misread number.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1990..=2100;

// ---------------------------------------------------------------------------------------------------------
// Language, canonical URL, outlet.
// ---------------------------------------------------------------------------------------------------------

/// A plausible BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`), after `_` became `-`.
pub static LANG_TAG: LazyLock<Regex> = LazyLock::new(|| pattern(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"));

/// A label of a host and a word of a name must have this many letters to be compared, when a personal site's
/// address is matched with its owner's name ("li.example" says nothing about "Li Wei").
pub const MIN_HOST_NAME_CHARS: usize = 3;

/// Characters trimmed from what is left of a `<title>` once the headline is taken out, to find the outlet.
pub const TITLE_SEPARATOR_CHARS: &[char] =
    &['|', ':', '-', '–', '—', '·', '•', '»', '«', '/', '\\', '_', ' ', '\u{a0}'];

/// A title part and an outlet name shorter than this must be equal to match; longer ones may contain each other.
pub const MIN_OUTLET_MATCH_CHARS: usize = 4;

/// The outlet part of a `<title>` has at most this many words.
pub const MAX_OUTLET_WORDS: usize = 5;

/// Host prefixes dropped when the host stands in for the outlet name.
pub const HOST_PREFIXES: &[&str] = &["www.", "m.", "mobile.", "amp."];
