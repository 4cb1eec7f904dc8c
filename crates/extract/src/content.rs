//! Finding the article in a [`Dom`]: counting text (stage 4), dropping page furniture (stage 5), scoring
//! paragraphs' ancestors (stage 6), choosing the best container and its siblings (stage 7) and cleaning what is
//! not the article out of it (stage 8). The numbers are those of [`super::extract`].
//!
//! Nothing here mutates the page: an [`Attempt`] marks nodes as removed, so a more lenient attempt can start
//! again from the same [`Dom`]. Every walk is a loop over indices; nothing recurses. Every stage is linear in the
//! size of the page: what a node needs from its subtree (counts, text) is summed bottom-up once, and what it needs
//! from its ancestors is kept in the [`Dom`]; no stage walks a subtree or the ancestors inside a loop over nodes.

use super::dom::{Dom, NO_PARENT, Node, NodeIx};
use super::heuristics as h;
use super::tag_set::TagSet;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Which of the strict stages an attempt runs; later attempts switch them off one by one.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    /// Drop elements whose class or id says they are not the article, before scoring.
    pub strip_unlikely: bool,
    /// Let class and id hints add to or subtract from scores.
    pub weight_classes: bool,
    /// Drop link lists, short and image-heavy containers from the chosen article.
    pub clean_conditionally: bool,
    /// Keep comment sections: on a forum thread the posts are the content (see `kind`).
    pub keep_comments: bool,
    /// Drop customers' reviews and ratings (by class and id): on a product page they are not the product's text.
    pub drop_reviews: bool,
    /// Drop sign-up boxes (a form asking for an e-mail address, with its heading and prompt): furniture around an
    /// article, and on a product page the "notify me when back in stock" box and the shop's newsletter, which the
    /// product's own text never is (a box that reaches the product's price stays). A thread's posts and a
    /// collection's grid are left alone.
    pub drop_signup_boxes: bool,
}

/// Text counts of a node and everything below it (what is not removed).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Characters of text, whitespace runs counted as one.
    pub chars: usize,
    /// Characters of text inside links.
    pub link_chars: usize,
    /// Clause separators (commas).
    pub commas: usize,
    /// Characters of text inside `<p>` elements.
    pub paragraph_chars: usize,
    /// Number of `<p>` elements.
    pub paragraphs: usize,
    /// Number of images.
    pub images: usize,
    /// Number of list items.
    pub list_items: usize,
    /// Characters of text inside headings.
    pub heading_chars: usize,
    /// Characters of text inside lists.
    pub list_chars: usize,
    /// Number of headings.
    pub headings: usize,
    /// Number of headings that are links or hold one (the headlines of teasers for other pages).
    pub linked_headings: usize,
    /// Number of `<article>` elements.
    pub articles: usize,
    /// Number of links (`<a>` elements).
    pub links: usize,
    /// Whether a block element lies below.
    pub has_block: bool,
}

impl Stats {
    /// Share of the text that sits inside links (0 when there is no text).
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f32 / self.chars as f32 }
    }
}

/// Characters of `text` with every whitespace run counted as one, ignoring leading and trailing whitespace.
/// Works on bytes (a character is a byte that does not continue a UTF-8 sequence); only ASCII whitespace counts
/// as space, which is all that matters for measuring.
pub fn collapsed_len(text: &str) -> usize {
    let mut count = 0;
    let mut seen_text = false;
    let mut pending_space = false;
    for &byte in text.as_bytes() {
        if byte.is_ascii_whitespace() {
            pending_space = seen_text;
        } else if byte & 0xC0 != 0x80 {
            if pending_space {
                count += 1;
                pending_space = false;
            }
            seen_text = true;
            count += 1;
        }
    }
    count
}

/// [`h::BLOCK_TAGS`], for looking up every element's tag.
static BLOCK_TAGS: LazyLock<TagSet> = LazyLock::new(|| TagSet::new(h::BLOCK_TAGS));

/// Whether `tag` is a block element.
pub fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(tag)
}

/// One pass at finding the article: which nodes are removed, the counts, and the scores.
pub struct Attempt<'d, 'a> {
    /// The page.
    pub dom: &'d Dom<'a>,
    /// Removed nodes (with their subtrees).
    pub removed: Vec<bool>,
    /// Counts per node, as of the last [`Attempt::count`].
    pub stats: Vec<Stats>,
    /// Scores of candidate containers (`NaN` for nodes that are not candidates).
    pub scores: Vec<f32>,
    /// Per node: the votes of the paragraphs below it, each counted once, whole (see [`Attempt::prose_mass`]).
    pub votes: Vec<f32>,
    /// What this attempt runs.
    pub flags: Flags,
}

impl<'d, 'a> Attempt<'d, 'a> {
    /// Starts an attempt on `dom` with nothing removed, counted.
    pub fn new(dom: &'d Dom<'a>, flags: Flags) -> Self {
        let n = dom.nodes.len();
        let mut attempt = Attempt {
            dom,
            removed: vec![false; n],
            stats: vec![Stats::default(); n],
            scores: vec![f32::NAN; n],
            votes: vec![0.0; n],
            flags,
        };
        // The counts start at zero already.
        attempt.count_nodes(0..n, &[]);
        attempt
    }

    /// Stage 4: counts text, links, commas and elements bottom-up (children before parents).
    pub fn count(&mut self) {
        self.stats.fill(Stats::default());
        self.count_nodes(0..self.dom.nodes.len(), &[]);
    }

    /// Removes the subtrees of `drops` and counts the reading again below its roots (`all` and `is_root` as
    /// [`Attempt::recount`] takes them); returns whether there was any to remove.
    fn remove_all_and_recount(&mut self, drops: Vec<NodeIx>, all: &[NodeIx], is_root: &[bool]) -> bool {
        if drops.is_empty() {
            return false;
        }
        for ix in drops {
            self.remove_subtree(ix);
        }
        self.recount(all, is_root);
        true
    }

    /// Counts again the nodes of `all`, the subtrees of the chosen roots, after removals there (counts above them go
    /// stale, and are not used). `is_root` marks the roots.
    fn recount(&mut self, all: &[NodeIx], is_root: &[bool]) {
        for &ix in all {
            self.stats[ix] = Stats::default();
        }
        self.count_nodes(all.iter().copied(), is_root);
    }

    /// Counts the nodes of `order`, which lists whole subtrees in document order and whose counts start at zero;
    /// the subtrees' roots (marked in `is_root`, which may be empty when there are none) do not add to their
    /// parents.
    fn count_nodes(&mut self, order: impl DoubleEndedIterator<Item = NodeIx>, is_root: &[bool]) {
        let nodes = &self.dom.nodes;
        for ix in order.rev() {
            let node = &nodes[ix];
            if node.is_text() {
                // A text has no children and is no block: its two counts, added to its parent's.
                let s = &mut self.stats[ix];
                s.chars = node.text_chars;
                s.commas = node.text_commas;
                if self.removed[ix] || node.parent == NO_PARENT || is_root.get(ix).copied().unwrap_or(false) {
                    continue;
                }
                let parent = &mut self.stats[node.parent];
                parent.chars += node.text_chars;
                parent.commas += node.text_commas;
                continue;
            }
            let mut s = self.stats[ix];
            match node.tag {
                "a" => {
                    s.links += 1;
                    s.link_chars = s.chars;
                    // A link around a heading makes that heading a headline link.
                    s.linked_headings = s.headings;
                }
                "p" => {
                    s.paragraphs += 1;
                    s.paragraph_chars = s.chars;
                }
                "img" => s.images += 1,
                "li" => s.list_items += 1,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    s.heading_chars = s.chars;
                    s.headings += 1;
                    if s.link_chars > 0 {
                        s.linked_headings += 1;
                    }
                }
                "ul" | "ol" => s.list_chars = s.chars,
                "article" => s.articles += 1,
                _ => {}
            }
            self.stats[ix] = s;
            if self.removed[ix] || node.parent == NO_PARENT || is_root.get(ix).copied().unwrap_or(false) {
                continue;
            }
            let parent = &mut self.stats[node.parent];
            parent.chars += s.chars;
            parent.link_chars += s.link_chars;
            parent.commas += s.commas;
            parent.paragraph_chars += s.paragraph_chars;
            parent.paragraphs += s.paragraphs;
            parent.images += s.images;
            parent.list_items += s.list_items;
            parent.heading_chars += s.heading_chars;
            parent.list_chars += s.list_chars;
            parent.headings += s.headings;
            parent.linked_headings += s.linked_headings;
            parent.articles += s.articles;
            parent.links += s.links;
            parent.has_block |= s.has_block || node.block;
        }
    }

    /// Stage 5: drops page furniture (navigation, sidebars, headers and footers, forms, dialogs laid over the
    /// page, and with `strip_unlikely` whatever the class and id call unlikely) before scoring.
    pub fn drop_furniture(&mut self) {
        let nodes = &self.dom.nodes;
        let mains = self.main_landmarks();
        // Per node: whether an `<article>` holds it (nodes come in document order, parents first).
        let mut in_article = vec![false; nodes.len()];
        for (ix, node) in nodes.iter().enumerate().skip(1) {
            in_article[ix] =
                node.parent != NO_PARENT && (in_article[node.parent] || nodes[node.parent].tag == "article");
            if node.is_text() || self.removed[node.parent] {
                // A removed parent takes its subtree; marking the children too keeps `removed` closed downwards.
                self.removed[ix] = self.removed[node.parent];
                continue;
            }
            let stats = &self.stats[ix];
            // The `<header>` of an `<article>` is the article's own (its headline, standfirst and byline, each
            // judged on its own later), not the page's; on a thread, where each post is an `<article>`, it is the
            // poster's details.
            let article_header = node.tag == "header" && in_article[ix] && !self.flags.keep_comments;
            let furniture_tag = (h::FURNITURE_TAGS.contains(&node.tag) && !article_header) || node.tag == "form";
            let furniture_role = node.attr("role").is_some_and(|role| h::FURNITURE_ROLES.is_match(role));
            // A long one stays (a page wrapped in `<header>` by mistake) unless the page marks its content with a
            // main landmark outside it: then it is the page's footer, however long its disclaimers.
            let mut drop = (furniture_tag || furniture_role)
                && (stats.paragraph_chars < h::FURNITURE_KEEP_CHARS || self.outside_main_landmarks(ix, &mains));
            // A dialog laid over the page (a shop's terms of use, a size guide): never what the page shows,
            // however much it says, as long as the page has text of its own outside it.
            drop = drop || self.is_laid_over(ix);
            // A consent banner or privacy dialog: never the article, however much it says.
            if !drop
                && !node.hints.is_empty()
                && stats.articles == 0
                && !matches!(node.tag, "article" | "main" | "body")
            {
                drop = h::CONSENT_HINT.is_match(&node.hints);
            }
            if !drop
                && !self.flags.keep_comments
                && ix != 0
                && !node.hints.is_empty()
                && !matches!(node.tag, "article" | "main" | "body")
            {
                drop = has_comment_word(&node.hints)
                    && node.hints.split_whitespace().any(|token| h::COMMENT_SECTION.is_match(token));
            }
            if !drop
                && self.flags.drop_reviews
                && !node.hints.is_empty()
                && !matches!(node.tag, "article" | "main" | "body")
                && (stats.chars as f32) < self.stats[0].chars as f32 * h::REVIEWS_MAX_SHARE
            {
                drop = h::REVIEWS_HINT.is_match(&node.hints);
            }
            if !drop && self.flags.strip_unlikely && !node.hints.is_empty() {
                // The cheap conditions first: the patterns are searched only where they decide.
                let heading = matches!(node.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                drop = !matches!(node.tag, "a" | "article" | "main" | "body" | "table" | "tbody" | "tr" | "td")
                    && (stats.paragraph_chars as f32) <= self.stats[0].paragraph_chars as f32 * h::UNLIKELY_KEEP_SHARE
                    && is_unlikely(&node.hints, heading)
                    && !h::MAYBE_CANDIDATE.is_match(&node.hints)
                    && !h::EMBED_HINT.is_match(&node.hints);
            }
            self.removed[ix] = drop;
        }
        // On a forum the readers' posts are the content.
        if !self.flags.keep_comments {
            self.drop_comment_sections();
        }
        if self.flags.drop_signup_boxes {
            self.drop_signup_boxes();
        }
        if self.flags.drop_reviews {
            self.drop_other_products();
        }
        self.count();
    }

    /// Whether element `ix` is a dialog laid over the page ([`is_modal`]) beside at least
    /// [`h::MODAL_MIN_TEXT_OUTSIDE`] characters of the page's own text: a shop's terms of use or a size guide, never
    /// what the page shows, dropped by every reading however long (a page that shows its content only in a dialog
    /// keeps it).
    pub fn is_laid_over(&self, ix: NodeIx) -> bool {
        let node = &self.dom.nodes[ix];
        !matches!(node.tag, "article" | "main" | "body")
            && is_modal(node)
            && self.stats[0].chars.saturating_sub(self.stats[ix].chars) >= h::MODAL_MIN_TEXT_OUTSIDE
    }

    /// The page's main landmarks (`<main>`, `role="main"`) holding more than a line of text
    /// ([`h::NO_ARTICLE_CHARS`]).
    pub fn main_landmarks(&self) -> Vec<NodeIx> {
        self.dom.landmarks().iter().copied().filter(|&ix| self.stats[ix].chars >= h::NO_ARTICLE_CHARS).collect()
    }

    /// Whether `ix` lies outside all of `mains` (at least one): neither inside nor around any of them.
    pub fn outside_main_landmarks(&self, ix: NodeIx, mains: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let encloses = |outer: NodeIx, mut inner: NodeIx| {
            while inner != NO_PARENT {
                if inner == outer {
                    return true;
                }
                inner = nodes[inner].parent;
            }
            false
        };
        !mains.is_empty() && mains.iter().all(|&main| !encloses(ix, main) && !encloses(main, ix))
    }

    /// On a product page: drops the carousels of other products, runs of priced link cards
    /// ([`super::product::priced_card_runs`]) holding less than [`h::REVIEWS_MAX_SHARE`] of the page's text. Does
    /// not count again; the caller does.
    pub fn drop_other_products(&mut self) {
        let total = self.stats[0].chars as f32;
        let runs: Vec<NodeIx> = super::product::priced_card_runs(self.dom, super::product::RELATED_MIN_CARDS)
            .into_iter()
            .filter(|&run| (self.stats[run].chars as f32) < total * h::REVIEWS_MAX_SHARE)
            .collect();
        if runs.is_empty() {
            return;
        }
        let mut in_run = vec![false; self.dom.nodes.len()];
        for &run in &runs {
            self.mark_subtree(run, &mut in_run);
        }
        // Only beside the product's own price: a page whose every price is in such runs is a grid of products
        // (a collection), whose cards are its content.
        let prices = self.dom.prices();
        let own_price = self.dom.nodes.iter().enumerate().any(|(ix, node)| node.is_text() && !in_run[ix] && prices[ix]);
        if own_price {
            for (removed, in_run) in self.removed.iter_mut().zip(in_run) {
                *removed |= in_run;
            }
        }
    }

    /// On a shop's page (a product, a collection): drops, below `roots`, every block of text that repeats word for
    /// word an earlier block of the reading and holds at least [`h::SHOP_REPEATED_BLOCK_MIN_CHARS`]: shops lay out
    /// their descriptions and feature panels twice (once for small screens, once for large ones, or once in a
    /// summary and again in a tab), where an article does not say a sentence twice. Blocks are the innermost
    /// block elements (table cells, which rightly repeat a value, are left alone). Counts again below the roots.
    /// One pass over the reading: each block's text is read once and looked up in a set. Returns whether it
    /// dropped any.
    pub fn drop_repeated_blocks(&mut self, roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let mut seen: HashSet<&str> = HashSet::new();
        let mut copies = Vec::new();
        for &ix in &all {
            let node = &nodes[ix];
            if node.is_text()
                || !node.block
                || self.stats[ix].has_block
                || matches!(node.tag, "td" | "th")
                || self.stats[ix].chars < h::SHOP_REPEATED_BLOCK_MIN_CHARS
            {
                continue;
            }
            let words = text.words(ix);
            if words.is_empty() {
                continue;
            }
            if !seen.insert(words) {
                copies.push(ix);
            }
        }
        self.remove_all_and_recount(copies, &all, &is_root)
    }

    /// On a listing: drops, below `roots`, the controls that every item repeats word for word (its buttons and
    /// links, "Apply now", "View profile", "Compare", its rating prompts), which a reader of the items does not clip:
    /// the innermost blocks of at most [`h::ITEM_LABEL_MAX_CHARS`] characters that open with a call to act
    /// ([`h::ITEM_CONTROL_LABEL`]) and whose words come back at least [`h::ITEM_LABEL_MIN_REPEATS`] times (an
    /// item's values, its place or its terms, repeat too but stay; table cells are left alone), and the links and
    /// buttons set beside blocks ("Read more" after a teaser). One pass over the reading; counts again below the
    /// roots. Returns whether it dropped any.
    pub fn drop_repeated_item_labels(&mut self, roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let mut seen: HashMap<&str, Vec<NodeIx>> = HashMap::new();
        for &ix in &all {
            let node = &nodes[ix];
            // A link or a button set beside blocks, whose parent is no innermost block.
            let set_apart = matches!(node.tag, "a" | "button")
                && nodes.get(node.parent).is_some_and(|parent| parent.block && self.stats[node.parent].has_block);
            if node.is_text()
                || !(node.block || set_apart)
                || self.stats[ix].has_block
                || matches!(node.tag, "td" | "th")
                || self.stats[ix].chars > h::ITEM_LABEL_MAX_CHARS
            {
                continue;
            }
            let words = text.words(ix);
            if h::ITEM_CONTROL_LABEL.is_match(words) {
                seen.entry(words).or_default().push(ix);
            }
        }
        let labels: Vec<NodeIx> =
            seen.into_values().filter(|copies| copies.len() >= h::ITEM_LABEL_MIN_REPEATS).flatten().collect();
        self.remove_all_and_recount(labels, &all, &is_root)
    }

    /// Whether block `ix`, a paragraph that is one link, is the title of a product's card: the block around it is
    /// short (at most [`h::CARD_TITLE_BLOCK_MAX_CHARS`]) and shows a price ([`Dom::priced`]), as a card of a shop's
    /// grid does beside its title. A promotion for another page or a related headline shows none; stage 8 keeps the
    /// title (`clean`).
    fn is_card_title(&self, ix: NodeIx) -> bool {
        let parent = self.dom.nodes[ix].parent;
        self.dom.priced().get(parent).copied().unwrap_or(false)
            && self.stats.get(parent).is_some_and(|stats| stats.chars <= h::CARD_TITLE_BLOCK_MAX_CHARS)
    }

    /// The price tags the reading keeps below `roots` ([`Dom::prices`]): the nodes that show a price by themselves and
    /// are not removed. Many of them make the reading a grid of products, whatever kind the page was given.
    pub fn kept_price_tags(&self, roots: &[NodeIx]) -> usize {
        let prices = self.dom.prices();
        self.subtree(roots)
            .into_iter()
            .filter(|&ix| prices.get(ix).copied().unwrap_or(false) && !self.removed[ix])
            .count()
    }

    /// On a page the classifier did not take for a shop's (an article, a listing) whose reading is a grid of products
    /// (see `reading::reads_as_grid`): drops, below `roots`, the innermost blocks of at most
    /// [`super::product::SHOP_CHROME_MAX_CHARS`] characters, without a picture and outside table cells, that are the
    /// machinery of the grid's cards ([`super::product::is_card_chrome`]: their badges, buttons, rating summaries and
    /// links to more), which a reader of the cards does not clip. Their notes on stock, a value of the item, stay.
    /// One pass over the reading; counts again below the roots. Returns whether it dropped any.
    pub fn drop_grid_card_chrome(&mut self, roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let mut chrome = Vec::new();
        for &ix in &all {
            let node = &nodes[ix];
            let stats = &self.stats[ix];
            if node.is_text()
                || !node.block
                || stats.has_block
                || stats.images > 0
                || matches!(node.tag, "td" | "th")
                || stats.chars > super::product::SHOP_CHROME_MAX_CHARS
            {
                continue;
            }
            let words = text.words(ix);
            if !words.is_empty() && super::product::is_card_chrome(&lower_words(words)) {
                chrome.push(ix);
            }
        }
        self.remove_all_and_recount(chrome, &all, &is_root)
    }

    /// On a shop's page (a product, a collection): drops, below `roots`, the blocks of the shop's buying machinery that
    /// a block's words alone give away, which a reader of the product's description and specifications (or of a
    /// collection's cards) does not clip: on a product page (`product`) the buy box's price tags
    /// ([`super::product::is_price_only`], unless there are more than [`super::product::PRICE_ONLY_MAX_BLOCKS`]: a
    /// grid's cards, whose prices are their content, as they are a collection's), its rating summary, its notes on
    /// stock, shipping and returns, its offers of financing and protection plans, the prompts of its pickers of
    /// variants, its notes of who sells and ships the product, its buttons and links to more of the shop, saving badges
    /// and the badges on its pictures, the placeholders that scripts fill in and the titles of carousels of other
    /// products ([`super::product::is_shop_chrome`]); then, on a product page, the sections left with their heading
    /// alone ([`Attempt::orphan_sections`]). Blocks are the innermost block elements, and the runs of inline text set
    /// straight in a block beside other blocks (table cells, where a price may be a specification's value, are left
    /// alone). One pass over the reading; counts again below the roots. Returns whether it dropped any.
    pub fn drop_shop_chrome(&mut self, roots: &[NodeIx], product: bool) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let mut chrome = Vec::new();
        let mut prices = Vec::new();
        for &ix in &all {
            let node = &nodes[ix];
            let stats = &self.stats[ix];
            // An innermost block, or a run of inline text set straight in a block beside other blocks.
            let leaf_block = node.block && !stats.has_block;
            let loose_inline = !node.block
                && !is_root[ix]
                && node.parent != NO_PARENT
                && nodes[node.parent].block
                && self.stats[node.parent].has_block;
            if !(leaf_block || loose_inline)
                || stats.images > 0
                || matches!(node.tag, "td" | "th")
                || stats.chars > super::product::SHOP_CHROME_MAX_CHARS
            {
                continue;
            }
            let words = text.words(ix);
            if words.is_empty() {
                continue;
            }
            let words = lower_words(words);
            if super::product::is_price_only(&words) {
                prices.push(ix);
            } else if super::product::is_shop_chrome(&words) {
                chrome.push(ix);
            }
        }
        // Many prices alone are the cards of a grid of products, whose prices are their content.
        if product && prices.len() <= super::product::PRICE_ONLY_MAX_BLOCKS {
            chrome.extend(prices);
        }
        for &ix in &chrome {
            self.remove_subtree(ix);
        }
        if !chrome.is_empty() {
            self.recount(&all, &is_root);
        }
        // The sections left with their heading alone are a product page's carousels and panels; a collection's
        // headings head its own groups of cards.
        let orphans = if product { self.orphan_sections(&all, &is_root) } else { Vec::new() };
        for &ix in &orphans {
            self.remove_subtree(ix);
        }
        if !orphans.is_empty() {
            self.recount(&all, &is_root);
        }
        !chrome.is_empty() || !orphans.is_empty()
    }

    /// The sections below the roots whose reading lost all their text but their heading: the highest block around
    /// a heading whose text in the reading is the heading's alone, where the page shows at least
    /// [`h::ORPHAN_SECTION_MIN_LOST_CHARS`] more. On a product page they are the titles of the shop's carousels and
    /// panels ("People who viewed this item also viewed", "Similar items", "Recommended accessories") left behind
    /// once their cards were dropped. The counts below the roots must be current. One pass to total the page's text
    /// per node; each heading climbs its ancestors.
    fn orphan_sections(&self, all: &[NodeIx], is_root: &[bool]) -> Vec<NodeIx> {
        let nodes = &self.dom.nodes;
        let headings: Vec<NodeIx> = all
            .iter()
            .copied()
            .filter(|&ix| heading_rank(nodes[ix].tag) > 1 && !self.removed[ix] && self.stats[ix].chars > 0)
            .collect();
        if headings.is_empty() {
            return Vec::new();
        }
        // The page's text per node, nothing removed.
        let mut shown = vec![0usize; nodes.len()];
        for ix in (0..nodes.len()).rev() {
            shown[ix] += nodes[ix].text_chars;
            let total = shown[ix];
            if let Some(parent) = shown.get_mut(nodes[ix].parent) {
                *parent += total;
            }
        }
        let mut orphans = Vec::new();
        for heading in headings {
            let own = self.stats[heading].chars;
            let mut section = heading;
            while !is_root[section] {
                let parent = nodes[section].parent;
                if parent == NO_PARENT || self.removed[parent] || self.stats[parent].chars != own {
                    break;
                }
                section = parent;
            }
            if section != heading && shown[section] >= own + h::ORPHAN_SECTION_MIN_LOST_CHARS {
                orphans.push(section);
            }
        }
        orphans
    }

    /// Marks `root` and everything below it in `marks` (the nodes are in document order: its descendants follow
    /// it, deeper than it).
    fn mark_subtree(&self, root: NodeIx, marks: &mut [bool]) {
        let depth = self.dom.nodes[root].depth;
        let below = self.dom.nodes[root + 1..].iter().take_while(|node| node.depth > depth).count();
        marks[root..=root + below].fill(true);
    }

    /// Stage 5, part of it: drops the readers' comment sections by their shape, in any language. A comment
    /// section is the block around a form with a text box (a `<textarea>`, see [`Dom::text_boxes`]) that follows at
    /// least [`h::COMMENT_MIN_PROSE_BEFORE`] of paragraph text (what it discusses): the form's
    /// highest ancestor below the body (and below an `<article>` or `<main>`) reached through parents that hold at
    /// most [`h::COMMENT_BLOCK_MAX_SHARE`] of the page's paragraph text, or whose children before the form's side
    /// are no more than a heading and notice (at most [`h::COMMENT_NOTICE_MAX_CHARS`] of paragraph text): a long
    /// thread below its form is still a comment section, an article before it is not part of one. With it go its heading just before it (with the
    /// short notice between them), and after it the comments themselves: its following siblings up to the next
    /// section's heading, when they hold less prose than what precedes the block.
    ///
    /// The one home of the rule: a page whose comments are its content (a forum thread) must skip this call.
    pub fn drop_comment_sections(&mut self) {
        let nodes = &self.dom.nodes;
        let page_prose = self.stats[0].paragraph_chars as f32;
        // Paragraph text before each text box, in document order: a comment section follows what it discusses.
        let mut before_box = Vec::with_capacity(self.dom.text_boxes.len());
        let mut prose_so_far = 0;
        let mut next_box = self.dom.text_boxes.iter().peekable();
        for (ix, node) in nodes.iter().enumerate() {
            while next_box.next_if(|&&b| b == ix).is_some() {
                before_box.push(prose_so_far);
            }
            if node.tag == "p" {
                prose_so_far += self.stats[ix].chars;
            }
        }
        for (&anchor, &prose_before) in self.dom.text_boxes.iter().zip(&before_box) {
            if prose_before < h::COMMENT_MIN_PROSE_BEFORE {
                continue;
            }
            if self.removed[anchor] && anchor != 0 && self.removed[nodes[anchor].parent] {
                continue;
            }
            let block = self.widest_block(anchor, |parent, block| {
                let small = self.stats[parent].paragraph_chars as f32 <= page_prose * h::COMMENT_BLOCK_MAX_SHARE;
                let siblings = self.dom.children(parent);
                let before = siblings.iter().take_while(|&&c| c != block);
                small || before.map(|&c| self.stats[c].paragraph_chars).sum::<usize>() <= h::COMMENT_NOTICE_MAX_CHARS
            });
            if block == 0 {
                continue;
            }
            let parent = nodes[block].parent;
            let siblings = self.dom.children(parent);
            let Some(at) = siblings.iter().position(|&c| c == block) else { continue };
            let mut drop = vec![block];
            // Just before: its heading, or its heading and then its notice.
            let is_heading = |c: NodeIx| matches!(nodes[c].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            let lead: Vec<NodeIx> = siblings[..at]
                .iter()
                .rev()
                .copied()
                .filter(|&c| !nodes[c].is_text())
                .take(h::COMMENT_LEAD_BLOCKS)
                .collect();
            if let Some(heading) = lead.iter().position(|&c| is_heading(c))
                && lead[..heading].iter().all(|&c| self.stats[c].chars <= h::COMMENT_NOTICE_MAX_CHARS)
            {
                drop.extend_from_slice(&lead[..=heading]);
            }
            // Just after: the comments, up to the next section's heading (a heading right after is their count).
            let after: Vec<NodeIx> = siblings[at + 1..].iter().copied().filter(|&c| !nodes[c].is_text()).collect();
            let end = after.iter().skip(1).position(|&c| is_heading(c)).map_or(after.len(), |p| p + 1);
            let prose_of = |list: &[NodeIx]| list.iter().map(|&c| self.stats[c].paragraph_chars).sum::<usize>();
            if prose_of(&after[..end]) < prose_of(&siblings[..at]) {
                drop.extend_from_slice(&after[..end]);
            }
            for root in drop {
                self.remove_subtree(root);
            }
        }
    }

    /// Drops the sign-up boxes: around each form that asks for an e-mail address ([`Dom::signup_forms`]), the
    /// largest block of at most [`h::SIGNUP_BOX_MAX_CHARS`] characters (the form with its heading and prompt,
    /// "Discover more from…", "Subscribe to get the latest posts sent to your email"), below any `<article>` or
    /// `<main>` and holding less than half of the page's text. The form alone is furniture already; its heading and
    /// prompt, outside it, would stay with the article. A box that would reach a price is a shop's "notify me" form
    /// inside the product's own box, and stays. Does not count again; the caller does. A few ancestors per form:
    /// linear in the page.
    pub fn drop_signup_boxes(&mut self) {
        if self.dom.signup_forms.is_empty() {
            return;
        }
        // A form beside a price is a shop's "notify me" box, part of the product it sits in.
        let priced = self.dom.priced();
        let page_chars = self.stats[0].chars;
        let mut boxes = Vec::with_capacity(self.dom.signup_forms.len());
        for &form in &self.dom.signup_forms {
            let mut beside_price = false;
            let block = self.widest_block(form, |parent, block| {
                // The box holds the form, a heading and a prompt: not a list (a product's features).
                if self.stats[parent].chars > h::SIGNUP_BOX_MAX_CHARS
                    || self.stats[parent].list_items > self.stats[block].list_items
                {
                    return false;
                }
                beside_price = priced[parent];
                !beside_price
            });
            if !beside_price && !priced[block] && self.stats[block].chars * 2 < page_chars {
                boxes.push(block);
            }
        }
        for block in boxes {
            self.remove_subtree(block);
        }
    }

    /// Drops the labels of the page's drop-down lists ([`Dom::choice_lists`]): around each, the largest block of at
    /// most [`h::CHOICE_LABEL_MAX_CHARS`] characters without a picture or a link, below any `<article>` or `<main>`
    /// ("Sort by:", "Show … per page"). The list alone is left out already; its label, outside it, would stay with
    /// the items. Does not count again; the caller does. A few ancestors per list: linear in the page.
    pub fn drop_choice_list_labels(&mut self) {
        let nodes = &self.dom.nodes;
        let mut labels = Vec::with_capacity(self.dom.choice_lists.len());
        // A label: short, without a picture or a link.
        let is_label = |ix: NodeIx| {
            let stats = &self.stats[ix];
            stats.chars <= h::CHOICE_LABEL_MAX_CHARS && stats.images == 0 && stats.links == 0
        };
        for &list in &self.dom.choice_lists {
            let block = self.widest_block(list, |parent, _| is_label(parent));
            if block != 0 && !matches!(nodes[block].tag, "article" | "main") && is_label(block) {
                labels.push(block);
            }
        }
        for block in labels {
            self.remove_subtree(block);
        }
    }

    /// The widest block around `start`: its highest ancestor (or `start` itself) reached through parents that lie
    /// below the body and below any `<article>` or `<main>`, each taken when `takes(parent, child)` holds. The
    /// boxes set around one control (a comment form, a sign-up form, a drop-down list) are found this way, each
    /// with its own bound. A few ancestors per control.
    fn widest_block(&self, start: NodeIx, mut takes: impl FnMut(NodeIx, NodeIx) -> bool) -> NodeIx {
        let nodes = &self.dom.nodes;
        let mut block = start;
        loop {
            let parent = nodes[block].parent;
            if parent == NO_PARENT
                || parent == 0
                || matches!(nodes[parent].tag, "article" | "main")
                || !takes(parent, block)
            {
                return block;
            }
            block = parent;
        }
    }

    /// Marks `root` and everything below it removed (descendants follow a node in index order, deeper than it).
    fn remove_subtree(&mut self, root: NodeIx) {
        let nodes = &self.dom.nodes;
        if self.removed[root] && nodes[root].parent != NO_PARENT && self.removed[nodes[root].parent] {
            return;
        }
        let depth = nodes[root].depth;
        self.removed[root] = true;
        let below = nodes[root + 1..].iter().take_while(|node| node.depth > depth).count();
        for removed in &mut self.removed[root + 1..root + 1 + below] {
            *removed = true;
        }
    }

    /// The class weight of a node: ±[`h::CLASS_WEIGHT`] for positive or negative hints in its class and id.
    pub fn class_weight(&self, ix: NodeIx) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        let node = &self.dom.nodes[ix];
        let mut weight = 0.0;
        for name in ["class", "id"] {
            let Some(value) = node.attr(name) else { continue };
            let value = value.to_lowercase();
            // The page's own vocabulary says nothing (a page builder's "widget" around every paragraph), nor does
            // the collapsed state of an accordion or tab panel ("accordion-panel-hidden"): the dom keeps such panels
            // as content.
            let panel = h::PANEL_HINT.is_match(&value);
            let negative = h::NEGATIVE_HINT.find_iter(&value).any(|found| {
                let word = found.as_str().trim();
                let collapsed = panel && word == h::COLLAPSED_PANEL_HINT;
                let vocabulary = name == "class" && self.dom.vocabulary.iter().any(|v| v == word);
                !(collapsed || vocabulary)
            });
            if negative {
                weight -= h::CLASS_WEIGHT;
            }
            if h::POSITIVE_HINT.is_match(&value) {
                weight += h::CLASS_WEIGHT;
            }
        }
        if h::ARTICLE_BODY_MARK.is_match(&node.hints) {
            weight += h::ARTICLE_BODY_BONUS;
        }
        weight
    }

    /// Gives a node its starting score when it first receives a paragraph's vote.
    fn ensure_candidate(&mut self, ix: NodeIx) {
        if !self.scores[ix].is_nan() {
            return;
        }
        let base = match self.dom.nodes[ix].tag {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        self.scores[ix] = base + self.class_weight(ix);
    }

    /// Adds a paragraph's `score` to `first` (level 0) and its ancestors.
    fn vote(&mut self, first: NodeIx, score: f32) {
        if first != NO_PARENT {
            self.votes[first] += score;
        }
        let mut ix = first;
        for level in 0..h::SCORE_ANCESTOR_LEVELS {
            if ix == NO_PARENT {
                break;
            }
            self.ensure_candidate(ix);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            self.scores[ix] += score / divider;
            ix = self.dom.nodes[ix].parent;
        }
    }

    /// The score a paragraph of `chars` characters and `commas` commas gives.
    fn paragraph_score(chars: usize, commas: usize) -> f32 {
        1.0 + commas as f32 + ((chars / h::CHARS_PER_POINT) as f32).min(h::MAX_LENGTH_POINTS)
    }

    /// Stage 6: every paragraph votes for its ancestors. Paragraphs are `<p>`, `<pre>`, `<td>` and containers
    /// without block children; in a container that has block children, each run of inline content between
    /// blocks and `<br>`s is a paragraph that votes for the container itself.
    pub fn score(&mut self) {
        let nodes = &self.dom.nodes;
        for s in self.scores.iter_mut() {
            *s = f32::NAN;
        }
        for v in self.votes.iter_mut() {
            *v = 0.0;
        }
        for ix in 1..nodes.len() {
            let node = &nodes[ix];
            if node.is_text() || self.removed[ix] {
                continue;
            }
            let stats = self.stats[ix];
            let paragraph_like = matches!(node.tag, "p" | "pre" | "td")
                || (!stats.has_block
                    && matches!(node.tag, "div" | "section" | "article" | "center")
                    && !self.dom.children(ix).iter().any(|&c| nodes[c].tag == "br"));
            if paragraph_like {
                if stats.chars >= h::MIN_PARAGRAPH_CHARS {
                    self.vote(node.parent, Self::paragraph_score(stats.chars, stats.commas));
                }
                continue;
            }
            if !matches!(node.tag, "div" | "section" | "article" | "main" | "center" | "li" | "blockquote" | "dd") {
                continue;
            }
            // Inline runs between block children and line breaks, each voting as it ends (a vote changes only
            // scores, which the walk over the children does not read).
            let mut run_chars = 0;
            let mut run_commas = 0;
            let dom = self.dom;
            for &child in dom.children(ix) {
                let c = &nodes[child];
                if self.removed[child] {
                    continue;
                }
                if c.tag == "br" || (!c.is_text() && (c.block || self.stats[child].has_block)) {
                    if run_chars >= h::MIN_PARAGRAPH_CHARS {
                        self.vote(ix, Self::paragraph_score(run_chars, run_commas));
                    }
                    run_chars = 0;
                    run_commas = 0;
                } else {
                    run_chars += self.stats[child].chars;
                    run_commas += self.stats[child].commas;
                }
            }
            if run_chars >= h::MIN_PARAGRAPH_CHARS {
                self.vote(ix, Self::paragraph_score(run_chars, run_commas));
            }
        }
        // Links are not prose: scale each score by the share of text outside links.
        for ix in 0..nodes.len() {
            if !self.scores[ix].is_nan() {
                self.scores[ix] *= 1.0 - self.stats[ix].link_density();
            }
        }
    }

    /// Stage 7: the best-scoring container, moved up to a shared ancestor or a better-scoring parent, and the
    /// siblings that belong with it, with a box of key points set before it ([`Attempt::key_points_box`]).
    /// Returns the chosen nodes in document order (empty when nothing scored).
    pub fn choose(&self) -> Vec<NodeIx> {
        let mut roots = self.choose_parts();
        if let Some(key_points) = roots.first().and_then(|&first| self.key_points_box(first)) {
            roots.insert(0, key_points);
        }
        roots
    }

    /// The box of key points an article sets apart before its body, which begins at `first` ("Key takeaways",
    /// "TL;DR", "At a glance" over a few points): the widest element around the last label
    /// ([`h::KEY_POINTS_LABEL`]) among the [`h::KEY_POINTS_LOOKBACK`] nodes before `first` that ends before `first`
    /// and holds at most [`h::KEY_POINTS_MAX_CHARS`], when it holds more than its label. `None` when there is none.
    fn key_points_box(&self, first: NodeIx) -> Option<NodeIx> {
        let nodes = &self.dom.nodes;
        let mut around_first = vec![first];
        let mut up = nodes[first].parent;
        while up != NO_PARENT {
            around_first.push(up);
            up = nodes[up].parent;
        }
        let label = (first.saturating_sub(h::KEY_POINTS_LOOKBACK).max(1)..first).rev().find(|&ix| {
            let node = &nodes[ix];
            !node.is_text()
                && !self.removed[ix]
                && self.stats[ix].chars <= h::KEY_POINTS_LABEL_MAX_CHARS
                && !around_first.contains(&ix)
                && h::KEY_POINTS_LABEL.is_match(&lower_words(&self.text_of(ix)))
        })?;
        let mut bound = label;
        loop {
            let parent = nodes[bound].parent;
            if parent == NO_PARENT
                || parent == 0
                || around_first.contains(&parent)
                || self.removed[parent]
                || self.stats[parent].chars > h::KEY_POINTS_MAX_CHARS
            {
                break;
            }
            bound = parent;
        }
        (self.stats[bound].chars > self.stats[label].chars * 2).then_some(bound)
    }

    /// Stage 7 without the box of key points: see [`Attempt::choose`].
    fn choose_parts(&self) -> Vec<NodeIx> {
        let nodes = &self.dom.nodes;
        let mut ranked: Vec<NodeIx> = (0..nodes.len()).filter(|&ix| !self.scores[ix].is_nan()).collect();
        if ranked.is_empty() {
            return Vec::new();
        }
        ranked.sort_by(|&a, &b| self.scores[b].total_cmp(&self.scores[a]));
        ranked.truncate(h::TOP_CANDIDATES);
        let mut top = ranked[0];
        let best = top;
        let top_score = self.scores[top];

        // 7a. Several near-best candidates under one ancestor: the article is that ancestor.
        let close: Vec<NodeIx> = ranked[1..]
            .iter()
            .copied()
            .filter(|&ix| self.scores[ix] >= top_score * h::SHARED_ANCESTOR_SCORE_SHARE)
            .collect();
        if close.len() >= h::SHARED_ANCESTOR_MIN_COUNT {
            // How many of the close candidates lie at or below each of their ancestors: each climbs once.
            let mut inside_of: std::collections::HashMap<NodeIx, usize> = std::collections::HashMap::new();
            for &candidate in &close {
                let mut ix = candidate;
                while ix != NO_PARENT {
                    *inside_of.entry(ix).or_default() += 1;
                    ix = nodes[ix].parent;
                }
            }
            let mut ancestor = nodes[top].parent;
            while ancestor != NO_PARENT && ancestor != 0 {
                let inside = inside_of.get(&ancestor).copied().unwrap_or(0);
                if inside >= h::SHARED_ANCESTOR_MIN_COUNT {
                    top = ancestor;
                    break;
                }
                ancestor = nodes[ancestor].parent;
            }
        }

        // 7b. Climb while a parent scores better (the paragraphs were split between sibling wrappers).
        let mut last_score = self.score_of(top);
        let threshold = last_score / 3.0;
        let mut parent = nodes[top].parent;
        while parent != NO_PARENT && parent != 0 {
            let parent_score = self.scores[parent];
            if parent_score.is_nan() {
                parent = nodes[parent].parent;
                continue;
            }
            if parent_score < threshold {
                break;
            }
            if parent_score > last_score {
                top = parent;
                break;
            }
            last_score = parent_score;
            parent = nodes[parent].parent;
        }

        // 7c. A wrapper with a single child says nothing: take the outermost single-child wrapper.
        while nodes[top].parent != NO_PARENT && nodes[top].parent != 0 {
            let parent = nodes[top].parent;
            let live_children = self
                .dom
                .children(parent)
                .iter()
                .filter(|&&c| !(self.removed[c] || nodes[c].is_text() && nodes[c].text.trim().is_empty()))
                .count();
            if live_children != 1 {
                break;
            }
            top = parent;
        }

        // 7d. An article in sections (a guide's headed parts, a list of reviewed products): the chosen container
        // and the sibling sections around it, at the level where they add up.
        if let Some(sections) = self.widen_to_sections(top, best) {
            return sections;
        }

        // 7e. Siblings that belong with the chosen container.
        // A wrapper high above the paragraphs has no score of its own; it is worth its best candidate.
        let mut best_below: Vec<f32> = self.scores.iter().map(|s| if s.is_nan() { 0.0 } else { *s }).collect();
        for ix in (1..nodes.len()).rev() {
            let parent = nodes[ix].parent;
            if parent != NO_PARENT && !self.removed[ix] && best_below[ix] > best_below[parent] {
                best_below[parent] = best_below[ix];
            }
        }
        let top_score = best_below[top];
        let parent = nodes[top].parent;
        if parent == NO_PARENT {
            return vec![top];
        }
        let threshold = (top_score * h::SIBLING_SCORE_SHARE).max(h::SIBLING_MIN_SCORE);
        let top_class = nodes[top].attr("class").unwrap_or("");
        let mut chosen = Vec::new();
        let mut before_top = true;
        for &sibling in self.dom.children(parent) {
            if sibling == top {
                chosen.push(sibling);
                before_top = false;
                continue;
            }
            let node = &nodes[sibling];
            if self.removed[sibling] || node.is_text() {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && node.attr("class") == Some(top_class) {
                bonus = top_score * h::SIBLING_SCORE_SHARE;
            }
            // A sibling's own score counts as is; one borrowed from below must clear a higher bar.
            let (score, bar) = if self.scores[sibling].is_nan() {
                (best_below[sibling], (top_score * h::SIBLING_BORROWED_SCORE_SHARE).max(h::SIBLING_MIN_SCORE))
            } else {
                (self.scores[sibling], threshold)
            };
            let stats = &self.stats[sibling];
            let append = if score > 0.0 && score + bonus >= bar {
                true
            } else if node.tag == "p"
                // A wrapper without blocks, or before the chosen container one of paragraphs alone: a lead-in.
                || (matches!(node.tag, "div" | "section")
                    && (!stats.has_block || before_top && self.holds_only_paragraphs(sibling)))
            {
                let density = stats.link_density();
                if stats.chars > h::SIBLING_PARAGRAPH_CHARS {
                    density < h::SIBLING_MAX_LINK_DENSITY
                } else {
                    stats.chars > 0
                        && density == 0.0
                        && self.text_of(sibling).trim_end().ends_with(['.', '。', '!', '?'])
                }
            } else {
                false
            };
            if append {
                chosen.push(sibling);
            }
        }
        chosen
    }

    /// Whether every child of `ix` that is not removed or blank is a paragraph (`<p>`), and there is one: a
    /// wrapper round a lead-in (the intro a template sets apart before the article's body).
    fn holds_only_paragraphs(&self, ix: NodeIx) -> bool {
        let nodes = &self.dom.nodes;
        let mut any = false;
        for &child in self.dom.children(ix) {
            let node = &nodes[child];
            if self.removed[child] || node.is_text() && node.text.trim().is_empty() {
                continue;
            }
            if node.tag != "p" {
                return false;
            }
            any = true;
        }
        any
    }

    /// The prose below each node: the votes of its paragraphs, each counted once and whole, summed bottom-up.
    fn prose_mass(&self) -> Vec<f32> {
        let nodes = &self.dom.nodes;
        let mut mass = self.votes.clone();
        for ix in (1..nodes.len()).rev() {
            let parent = nodes[ix].parent;
            if parent != NO_PARENT && !self.removed[ix] {
                mass[parent] += mass[ix];
            }
        }
        mass
    }

    /// Step 7d: when the chosen container `top` is one section of an article that runs across its siblings, the
    /// sections in document order; `None` when it stands alone. The climb goes up from `top` to the body, adding at
    /// each ancestor its other children that are sections: prose with at most
    /// [`h::SECTION_CHILD_MAX_LINK_DENSITY`] of link text and not a list of headline links (the teasers of other
    /// pages), or a heading or figure between sections. The sections found up to an ancestor are taken when their
    /// prose is at least [`h::SECTION_GAIN`] times that of the last ones taken, or more than it when they take in
    /// another chunk of the body that `best` (the best-scoring candidate) is one of ([`Attempt::body_chunks`]). The
    /// climb stops at an ancestor that is mostly links. A container the publisher marks as the article's body
    /// ([`h::ARTICLE_BODY_MARK`]) is never widened.
    fn widen_to_sections(&self, top: NodeIx, best: NodeIx) -> Option<Vec<NodeIx>> {
        let nodes = &self.dom.nodes;
        // A body the publisher marks as such is the whole article.
        if h::ARTICLE_BODY_MARK.is_match(&nodes[top].hints) {
            return None;
        }
        let mass = self.prose_mass();
        let chunks = self.body_chunks(best, &mass);
        let mut taken: Option<Vec<NodeIx>> = None;
        let mut taken_prose = mass[top];
        let mut sections = vec![top];
        let mut prose = mass[top];
        let mut from = top;
        let mut ix = nodes[top].parent;
        while ix != NO_PARENT && ix != 0 {
            if self.stats[ix].link_density() > h::SECTION_MAX_LINK_DENSITY {
                break;
            }
            prose += self.votes[ix];
            let mut before = Vec::new();
            let mut after = Vec::new();
            let mut seen_from = false;
            let mut takes_chunk = false;
            for &child in self.dom.children(ix) {
                if child == from {
                    seen_from = true;
                    continue;
                }
                if self.removed[child] || !self.is_section(child, mass[child]) {
                    continue;
                }
                prose += mass[child];
                takes_chunk |= chunks.get(child).is_some_and(|&holds| holds);
                if seen_from { after.push(child) } else { before.push(child) }
            }
            before.append(&mut sections);
            before.append(&mut after);
            sections = before;
            if prose >= taken_prose * h::SECTION_GAIN || (takes_chunk && prose > taken_prose) {
                taken = Some(sections.clone());
                taken_prose = prose;
            }
            from = ix;
            ix = nodes[ix].parent;
        }
        taken
    }

    /// The other chunks of the article's body, as a mark on every node that holds one (empty when there are
    /// none): the elements with the class of `best`, the best-scoring candidate, when that class marks at most
    /// [`h::BODY_CHUNK_MAX_COUNT`] elements of the page, each with prose of its own (`mass`, see
    /// [`Attempt::prose_mass`]) and at least [`h::BODY_CHUNK_MIN_SHARE`] of the text of `best`. A publisher that
    /// splits its body between pictures, ads or widgets gives each run of text the same class. One pass over the
    /// page and one bottom-up.
    fn body_chunks(&self, best: NodeIx, mass: &[f32]) -> Vec<bool> {
        let nodes = &self.dom.nodes;
        let Some(class) = nodes[best].attr("class").filter(|class| !class.trim().is_empty()) else {
            return Vec::new();
        };
        let marked: Vec<NodeIx> = (1..nodes.len())
            .filter(|&ix| nodes[ix].attr("class") == Some(class))
            .take(h::BODY_CHUNK_MAX_COUNT + 1)
            .collect();
        if marked.len() > h::BODY_CHUNK_MAX_COUNT {
            return Vec::new();
        }
        let min_chars = self.stats[best].chars as f32 * h::BODY_CHUNK_MIN_SHARE;
        let mut holds = vec![false; nodes.len()];
        let mut any = false;
        for ix in marked {
            if ix != best && !self.removed[ix] && mass[ix] > 0.0 && self.stats[ix].chars as f32 >= min_chars {
                holds[ix] = true;
                any = true;
            }
        }
        if !any {
            return Vec::new();
        }
        for ix in (1..nodes.len()).rev() {
            let parent = nodes[ix].parent;
            if holds[ix] && parent != NO_PARENT {
                holds[parent] = true;
            }
        }
        holds
    }

    /// Whether `ix`, a sibling of the article's chosen part holding `mass` of prose, is another part of it (see
    /// [`Attempt::widen_to_sections`]).
    fn is_section(&self, ix: NodeIx, mass: f32) -> bool {
        let node = &self.dom.nodes[ix];
        let stats = &self.stats[ix];
        if node.is_text() {
            return false;
        }
        if matches!(node.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figure" | "img" | "picture") {
            return stats.link_density() <= h::SECTION_CHILD_MAX_LINK_DENSITY;
        }
        let teasers = (stats.linked_headings >= h::TEASER_MIN_HEADLINES && stats.linked_headings * 2 > stats.headings)
            || stats.articles >= h::TEASER_MIN_ARTICLES;
        mass > 0.0 && stats.link_density() <= h::SECTION_CHILD_MAX_LINK_DENSITY && !teasers
    }

    /// A node's score, 0 when it is not a candidate.
    fn score_of(&self, ix: NodeIx) -> f32 {
        let s = self.scores[ix];
        if s.is_nan() { 0.0 } else { s }
    }

    /// The text below `ix` that is not removed, whitespace runs collapsed to one space. Walks the subtree: call it
    /// on nodes whose subtrees do not overlap (siblings), or use [`ArticleText`] for many nodes of one tree.
    pub fn text_of(&self, ix: NodeIx) -> String {
        let nodes = &self.dom.nodes;
        let mut out = String::new();
        let mut stack = vec![ix];
        while let Some(current) = stack.pop() {
            if self.removed[current] {
                continue;
            }
            let node = &nodes[current];
            if node.is_text() {
                for word in node.text.split_whitespace() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            } else {
                stack.extend(self.dom.children(current).iter().rev());
            }
        }
        out
    }

    /// Per node of the page, whether it is one of `roots`.
    pub fn root_marks(&self, roots: &[NodeIx]) -> Vec<bool> {
        let mut is_root = vec![false; self.dom.nodes.len()];
        for &root in roots {
            is_root[root] = true;
        }
        is_root
    }

    /// All nodes at or below the chosen roots, in document order.
    pub fn subtree(&self, roots: &[NodeIx]) -> Vec<NodeIx> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeIx> = roots.iter().rev().copied().collect();
        while let Some(ix) = stack.pop() {
            out.push(ix);
            stack.extend(self.dom.children(ix).iter().rev());
        }
        out
    }

    /// Stage 8: removes from the chosen article what is not the article: headings that repeat the title,
    /// share bars, bylines, boilerplate blocks (ad labels, "View Full Site", comment and newsletter prompts,
    /// copyright lines), a block that repeats the one before it word for word ([`repeats`]; table cells may
    /// rightly repeat a value and are left alone) and, with `clean_conditionally`, link lists and short or
    /// image-heavy containers.
    pub fn clean(&mut self, roots: &[NodeIx], title: &str) {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let title_key = normalise_for_compare(title);
        let is_root = self.root_marks(roots);

        // Removed nodes and their descendants, kept up to date as the walk (parents first) removes more.
        let mut dead = vec![false; nodes.len()];
        let mark_dead = |dead: &mut Vec<bool>, removed: &[bool], ix: NodeIx| {
            let parent = nodes[ix].parent;
            dead[ix] = removed[ix] || (!is_root[ix] && parent != NO_PARENT && dead[parent]);
            dead[ix]
        };
        // The walk removes nodes only after their ancestors have been judged, so the text of each node, as the
        // checks below see it, is the text before cleaning: read once for the whole article.
        let text = ArticleText::new(self, &all, &is_root);

        // The calls to action set in the article go, unless they are its content.
        let calls_to_action = self.calls_to_action_are_asides(&all, roots);

        // 8a. Headings that repeat the title, share bars, bylines, boilerplate blocks, copies of the block before.
        let mut previous_leaf = NO_PARENT;
        for &ix in &all {
            if mark_dead(&mut dead, &self.removed, ix) {
                continue;
            }
            let node = &nodes[ix];
            let stats = self.stats[ix];
            if node.is_text() {
                if stats.chars <= h::BOILERPLATE_MAX_CHARS && self.stands_alone(ix) && is_boilerplate_text(node.text) {
                    self.removed[ix] = true;
                }
                continue;
            }
            // A root is the article or a whole section of it; a heading between sections is judged like any other.
            if is_root[ix] && !matches!(node.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                continue;
            }
            let paragraph = node.tag == "p" || (matches!(node.tag, "div" | "section") && !stats.has_block);
            let boilerplate = stats.chars <= h::BOILERPLATE_MAX_CHARS
                && stats.images == 0
                && (node.block || self.stands_alone(ix) || is_jump_link(node))
                && is_boilerplate_text(text.words(ix));
            let link_paragraph = paragraph
                && stats.chars > 0
                && stats.chars < h::LINK_PARAGRAPH_MAX_CHARS
                && stats.images == 0
                && stats.link_density() > h::LINK_PARAGRAPH_DENSITY
                && !self.is_card_title(ix);
            let dateline = node.block
                && stats.chars < h::BYLINE_MAX_CHARS
                && stats.images == 0
                && h::DATELINE_TEXT.is_match(text.words(ix));
            let affiliate_notice = node.block
                && stats.chars <= h::AFFILIATE_NOTICE_MAX_CHARS
                && stats.images == 0
                && is_affiliate_notice(text.words(ix));
            let leaf = node.block && !stats.has_block && !matches!(node.tag, "td" | "th");
            let copy = leaf && previous_leaf != NO_PARENT && repeats(text.words(previous_leaf), text.words(ix));
            let drop = boilerplate
                || copy
                || link_paragraph
                || dateline
                || affiliate_notice
                // A top heading inside the article that is not the title is one of its parts (a post whose
                // sections are `<h1>`s, a headline the page's metadata words otherwise); only the title goes.
                || match node.tag {
                    "h1" | "h2" | "h3" => !title_key.is_empty() && text.key(ix) == title_key,
                    _ => false,
                }
                || (!node.hints.is_empty()
                    && !h::EMBED_HINT.is_match(&node.hints)
                    && ((stats.chars < h::SHARE_MAX_CHARS && h::SHARE_HINT.is_match(&node.hints))
                        || (stats.chars < h::BYLINE_MAX_CHARS && h::BYLINE_HINT.is_match(&node.hints))
                        || (stats.chars < h::SHARE_MAX_CHARS && h::INLINE_PROMO_HINT.is_match(&node.hints))
                        || (calls_to_action && stats.chars < h::SHARE_MAX_CHARS && names_call_to_action(&node.hints))
                        || (stats.chars < h::AUTHOR_BIO_MAX_CHARS && h::AUTHOR_BIO_HINT.is_match(&node.hints))
                        || (stats.chars < h::COPYRIGHT_MAX_CHARS && h::COPYRIGHT_HINT.is_match(&node.hints))));
            // The heading of a list of other pages ("Related articles", "You may also like") goes with the list.
            let related = !is_root[ix]
                && (heading_rank(node.tag) > 1 || (paragraph && stats.links == 0))
                && stats.chars <= h::RELATED_HEADING_MAX_CHARS
                && h::RELATED_HEADING.is_match(&lower_words(text.words(ix)));
            if related {
                for section in self.related_section(
                    ix,
                    &is_root,
                    h::RELATED_SECTION_MAX_CHARS,
                    h::RELATED_SECTION_MIN_LINK_DENSITY,
                ) {
                    self.removed[section] = true;
                    dead[section] = true;
                }
            }
            // The author's card under its heading ("About the author"), or a block that its label starts.
            let author_card = !drop
                && !is_root[ix]
                && (heading_rank(node.tag) > 1 || paragraph)
                && stats.chars <= h::AUTHOR_BIO_MAX_CHARS
                && h::AUTHOR_HEADING.is_match(text.words(ix));
            if author_card {
                for section in self.related_section(ix, &is_root, h::AUTHOR_BIO_MAX_CHARS, 0.0) {
                    self.removed[section] = true;
                    dead[section] = true;
                }
            }
            let drop = drop || author_card;
            if drop {
                self.removed[ix] = true;
                dead[ix] = true;
            } else if leaf && !text.words(ix).is_empty() {
                previous_leaf = ix;
            }
        }
        self.recount(&all, &is_root);

        // 8b. Conditional cleaning, outermost first so a removed container takes its contents with it.
        if !self.flags.clean_conditionally {
            return;
        }
        for &ix in &all {
            if mark_dead(&mut dead, &self.removed, ix) || is_root[ix] {
                continue;
            }
            let node = &nodes[ix];
            if matches!(
                node.tag,
                "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section" | "aside" | "header" | "footer" | "nav"
            ) && self.should_remove(ix)
            {
                self.removed[ix] = true;
                dead[ix] = true;
            }
        }
        self.recount(&all, &is_root);
    }

    /// On a landing page: drops the carousels below `roots` ([`h::CAROUSEL_HINT`] in an element's `class`, `id` or
    /// `aria-roledescription`) whose text is nearly all links ([`h::CAROUSEL_MIN_LINK_DENSITY`]): rows of teasers
    /// for other pages (featured insights, case studies, posts), where a carousel of testimonials or features is
    /// read in place. Outermost carousels first; returns whether it dropped any (the caller counts again).
    pub fn drop_link_carousels(&mut self, roots: &[NodeIx]) -> bool {
        let mut dropped = false;
        for ix in self.subtree(roots) {
            if self.removed[ix] || roots.contains(&ix) {
                continue;
            }
            let node = &self.dom.nodes[ix];
            // The lower-cased class and id are in the node's hints; only the ARIA description is read from the page.
            let marked = (!node.hints.is_empty() && h::CAROUSEL_HINT.is_match(&node.hints))
                || node
                    .attr("aria-roledescription")
                    .is_some_and(|value| h::CAROUSEL_HINT.is_match(&value.to_lowercase()));
            let stats = &self.stats[ix];
            if marked && stats.chars > 0 && stats.link_density() >= h::CAROUSEL_MIN_LINK_DENSITY {
                self.remove_subtree(ix);
                dropped = true;
            }
        }
        dropped
    }

    /// On a landing page, after [`Attempt::clean`]: drops the parts below `roots` that a heading or a label naming a
    /// list of other pages opens ([`h::RELATED_HEADING`]: "From our blog", "Featured insights"), where the heading
    /// stands apart from the cards it heads (in the part's own header) so that the cleaning's look at its siblings
    /// finds none: the largest block that starts with the heading, holds at most [`h::RELATED_SECTION_MAX_CHARS`]
    /// and at least [`h::RELATED_SECTION_MIN_LINK_DENSITY`] of its text in links (the teasers' titles). The roots
    /// never go. Counts again when it drops anything; returns whether it did.
    pub fn drop_headed_teaser_parts(&mut self, roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let mut drops = Vec::new();
        for &ix in &all {
            let node = &nodes[ix];
            let stats = &self.stats[ix];
            if self.removed[ix]
                || !(heading_rank(node.tag) > 0 || node.tag == "p")
                || stats.links > 0
                || stats.chars > h::RELATED_HEADING_MAX_CHARS
                || !h::RELATED_HEADING.is_match(&lower_words(text.words(ix)))
            {
                continue;
            }
            let start = text.spans[ix][0];
            let mut part = None;
            let mut up = node.parent;
            while up != NO_PARENT
                && !is_root[up]
                && !self.removed[up]
                && text.spans[up][0] == start
                && self.stats[up].chars <= h::RELATED_SECTION_MAX_CHARS
            {
                if self.stats[up].link_density() >= h::RELATED_SECTION_MIN_LINK_DENSITY {
                    part = Some(up);
                }
                up = nodes[up].parent;
            }
            drops.extend(part);
        }
        self.remove_all_and_recount(drops, &all, &is_root)
    }

    /// Stage 8, after [`Attempt::clean`]: drops the blocks below `roots` that show a biography the page declares
    /// for one of its `people` (JSON-LD `Person` descriptions, see `metadata::Metadata`): the author's card set
    /// below or beside the article ("Jane Doe is a freelance writer who covers…"), which the page's markup names in
    /// no words of its own. A block goes, with what it holds, when its letters and digits
    /// ([`normalise_for_compare`]), at least [`h::BIOGRAPHY_MIN_KEY_CHARS`] of them, lie within a biography, or hold
    /// one with at most [`h::BIOGRAPHY_MAX_EXTRA_CHARS`] more (the name above it, a link to the author's page).
    /// Outermost blocks first, one of several roots among them; blocks longer than a biography and that margin are
    /// never compared, so the work is bounded by the article's text. Counts again when it drops anything; returns
    /// whether it did.
    pub fn drop_declared_biographies(&mut self, roots: &[NodeIx], people: &[String]) -> bool {
        let biographies: Vec<String> = people
            .iter()
            .map(|text| normalise_for_compare(text))
            .filter(|key| key.len() >= h::BIOGRAPHY_MIN_KEY_CHARS)
            .collect();
        if biographies.is_empty() {
            return false;
        }
        // The longest biography as the page would show it, whitespace and punctuation included.
        let longest = people.iter().map(|text| collapsed_len(text)).max().unwrap_or(0);
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let text = ArticleText::new(self, &all, &is_root);
        let dropped = self.outermost_where(roots, &all, &is_root, |ix| {
            if !nodes[ix].block || self.stats[ix].chars > longest + h::BIOGRAPHY_MAX_EXTRA_CHARS {
                return false;
            }
            let key = text.key(ix);
            key.len() >= h::BIOGRAPHY_MIN_KEY_CHARS
                && biographies.iter().any(|biography| {
                    biography.contains(key.as_str())
                        || (key.len() <= biography.len() + h::BIOGRAPHY_MAX_EXTRA_CHARS
                            && key.contains(biography.as_str()))
                })
        });
        self.remove_all_and_recount(dropped, &all, &is_root)
    }

    /// The outermost live nodes below `roots` (their subtree `all`, marked in `is_root`) that `matches` picks, in
    /// document order: none below a removed node or below one already picked, text nodes never asked. A root is
    /// asked too when there are several (a card taken in as a section of the article), never the only one.
    fn outermost_where(
        &self,
        roots: &[NodeIx],
        all: &[NodeIx],
        is_root: &[bool],
        mut matches: impl FnMut(NodeIx) -> bool,
    ) -> Vec<NodeIx> {
        let nodes = &self.dom.nodes;
        let mut picked = Vec::new();
        let mut dead = vec![false; nodes.len()];
        for &ix in all {
            let node = &nodes[ix];
            let parent = node.parent;
            dead[ix] = self.removed[ix] || (!is_root[ix] && parent != NO_PARENT && dead[parent]);
            let sole_root = is_root[ix] && roots.len() == 1;
            if dead[ix] || sole_root || node.is_text() {
                continue;
            }
            if matches(ix) {
                dead[ix] = true;
                picked.push(ix);
            }
        }
        picked
    }

    /// Stage 9j: removes the blocks of legal small print that the page's markup names as such
    /// ([`h::LEGAL_BLOCK_HINT`]: disclaimers, the footnotes of offers and claims, trademark and licence notices),
    /// whatever their length (stage 8 drops only short copyright notices), unless together they hold more than
    /// [`h::LEGAL_BLOCK_MAX_SHARE`] of the reading; the sole root stays. Returns whether any went.
    pub fn drop_legal_blocks(&mut self, roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let all = self.subtree(roots);
        let is_root = self.root_marks(roots);
        let total: usize = roots.iter().map(|&root| self.stats[root].chars).sum();
        let dropped = self.outermost_where(roots, &all, &is_root, |ix| {
            let hints = &nodes[ix].hints;
            !hints.is_empty() && h::LEGAL_BLOCK_HINT.is_match(hints)
        });
        // Small print that holds the bulk of the reading, in one block or in several, is the content (a page of
        // terms in sections named so).
        let small_print: usize = dropped.iter().map(|&ix| self.stats[ix].chars).sum();
        if small_print as f32 > total as f32 * h::LEGAL_BLOCK_MAX_SHARE {
            return false;
        }
        self.remove_all_and_recount(dropped, &all, &is_root)
    }

    /// The blocks to drop with `heading`, which names a list of other pages ([`h::RELATED_HEADING`]) or the
    /// author's card ([`h::AUTHOR_HEADING`]): the heading (or the wrapper that holds it alone) and its following
    /// siblings up to the next heading of its rank or above, when together they hold at most `max_chars`, at least
    /// `min_link_density` of it in links (a list of other pages: [`h::RELATED_SECTION_MAX_CHARS`],
    /// [`h::RELATED_SECTION_MIN_LINK_DENSITY`]); empty otherwise. `is_root` marks the article's roots, which never go.
    fn related_section(
        &self,
        heading: NodeIx,
        is_root: &[bool],
        max_chars: usize,
        min_link_density: f32,
    ) -> Vec<NodeIx> {
        let nodes = &self.dom.nodes;
        let rank = heading_rank(nodes[heading].tag);
        let own = self.stats[heading].chars;
        // The wrapper that holds the heading alone stands for it among the list's siblings.
        let mut head = heading;
        loop {
            let parent = nodes[head].parent;
            if parent == NO_PARENT || is_root[head] || is_root[parent] || self.stats[parent].chars != own {
                break;
            }
            head = parent;
        }
        if is_root[head] || nodes[head].parent == NO_PARENT {
            return Vec::new();
        }
        let siblings = self.dom.children(nodes[head].parent);
        let Some(at) = siblings.iter().position(|&c| c == head) else { return Vec::new() };
        let mut section = vec![head];
        let (mut chars, mut link_chars) = (0, 0);
        for &sibling in &siblings[at + 1..] {
            let node = &nodes[sibling];
            if self.removed[sibling] || (node.is_text() && node.text.trim().is_empty()) {
                continue;
            }
            let next_rank = heading_rank(node.tag);
            if is_root[sibling] || (next_rank > 0 && (rank == 0 || next_rank <= rank)) {
                break;
            }
            chars += self.stats[sibling].chars;
            link_chars += self.stats[sibling].link_chars;
            section.push(sibling);
        }
        if section.len() < 2 || chars > max_chars || (link_chars as f32) < chars as f32 * min_link_density {
            return Vec::new();
        }
        section
    }

    /// Whether the calls to action below `roots` (`all`, their nodes in document order) are asides to drop: the
    /// outermost elements that [`names_call_to_action`] and that are shorter than [`h::SHARE_MAX_CHARS`] hold less
    /// than [`h::CALL_TO_ACTION_MAX_SHARE`] of the roots' text. A page laid out as a grid of such boxes (a list of
    /// trails, of plans) keeps them: they are its content. One pass over the article.
    fn calls_to_action_are_asides(&self, all: &[NodeIx], roots: &[NodeIx]) -> bool {
        let nodes = &self.dom.nodes;
        let mut boxed = vec![false; nodes.len()];
        let mut box_chars = 0;
        let mut found = false;
        for &ix in all {
            let node = &nodes[ix];
            let parent = node.parent;
            let inside = parent != NO_PARENT && boxed[parent] && !roots.contains(&ix);
            boxed[ix] = inside;
            if inside || self.removed[ix] || node.is_text() || !names_call_to_action(&node.hints) {
                continue;
            }
            boxed[ix] = true;
            found = true;
            if self.stats[ix].chars < h::SHARE_MAX_CHARS {
                box_chars += self.stats[ix].chars;
            }
        }
        let total: usize = roots.iter().map(|&root| self.stats[root].chars).sum();
        found && (box_chars as f32) < total as f32 * h::CALL_TO_ACTION_MAX_SHARE
    }

    /// Whether an inline node stands alone: it is all the text of its nearest block, or that block is a row
    /// of links (then a "Facebook" link is a share button, while "Facebook" inside a sentence is a word).
    fn stands_alone(&self, ix: NodeIx) -> bool {
        let own = self.stats[ix].chars;
        let block = self.dom.nearest_block(ix);
        if block == NO_PARENT {
            return true;
        }
        let around = self.stats[block];
        around.chars <= own + 3 || around.link_density() > h::LINK_ROW_DENSITY
    }

    /// Whether a container inside the article is furniture after all (Readability's conditional cleaning).
    fn should_remove(&self, ix: NodeIx) -> bool {
        let nodes = &self.dom.nodes;
        let node = &nodes[ix];
        let stats = self.stats[ix];
        if !node.hints.is_empty() && h::EMBED_HINT.is_match(&node.hints) {
            return false;
        }
        let weight = self.class_weight(ix);
        let is_list =
            matches!(node.tag, "ul" | "ol") || (stats.chars > 0 && stats.list_chars as f32 / stats.chars as f32 > 0.9);
        // A list's negative score comes from its tag, not its text: its items vote for it with the list's starting
        // penalty, so a plain bullet list in the body would always lose. Lists are judged by class and links.
        let tag_penalised_list = matches!(node.tag, "ul" | "ol") && weight >= 0.0;
        // A box of prose inside the article (a reviewed product, a numbered pick) is kept whatever its class says.
        let prose_box = stats.commas >= h::PROSE_MIN_COMMAS && stats.link_density() <= h::PROSE_BOX_MAX_LINK_DENSITY;
        // A box around a data table and nothing else (the scrolling frame of a wide table) is judged as the table:
        // its class names how it scrolls, not what it holds.
        let table_box = node.tag != "table"
            && stats.headings == 0
            && stats.paragraphs == 0
            && stats.link_density() <= h::PROSE_BOX_MAX_LINK_DENSITY
            && self.is_data_table(ix);
        if !tag_penalised_list && !prose_box && !table_box && weight + self.score_of(ix) < 0.0 {
            return true;
        }
        if (node.tag == "table" || table_box) && self.is_data_table(ix) {
            return false;
        }
        let link_density = stats.link_density();
        if is_list && link_density > h::MAX_LIST_LINK_DENSITY && weight < h::CLASS_WEIGHT && !self.is_annotated_list(ix)
        {
            return true;
        }
        if stats.commas >= h::PROSE_MIN_COMMAS {
            return false;
        }
        let p = stats.paragraphs as f32;
        let images = stats.images as f32;
        let in_figure = self.dom.in_figure(ix);
        let heading_density = if stats.chars == 0 { 0.0 } else { stats.heading_chars as f32 / stats.chars as f32 };
        // A gallery: several images and little text; a row of cards that each say something beside their picture
        // (a checklist, product boxes laid out in divs) has more text per image than a caption.
        let gallery = images > 1.0
            && p / images < 0.5
            && (stats.chars as f32) < images * h::GALLERY_MAX_CHARS_PER_IMAGE
            && !Self::holds_headed_cards(&stats);
        (!in_figure && gallery)
            || (!is_list && stats.list_items as f32 - 100.0 > p)
            || (!is_list
                && !in_figure
                && heading_density < 0.9
                && stats.chars < h::MIN_CONTAINER_CHARS
                && (stats.images == 0 || stats.images > 2)
                && link_density > 0.0)
            || (!is_list && weight < h::CLASS_WEIGHT && link_density > h::MAX_LINK_DENSITY)
            || (weight >= h::CLASS_WEIGHT && link_density > h::MAX_LINK_DENSITY_POSITIVE)
            || (stats.images == 0 && stats.chars == 0)
    }

    /// Whether a container with these `stats` is a row of cards: a heading for each of its pictures (a gallery's
    /// pictures have captions, not headings), few of them links (headlines linking elsewhere make teasers), and at
    /// most [`h::HEADED_CARDS_MAX_LINK_DENSITY`] of link text.
    fn holds_headed_cards(stats: &Stats) -> bool {
        stats.headings >= stats.images
            && stats.linked_headings * 2 <= stats.headings
            && stats.link_density() <= h::HEADED_CARDS_MAX_LINK_DENSITY
    }

    /// Whether `ix` is a list whose items each say something of their own beside their links ("Official website:
    /// <a>…</a>", a sentence around a link): facts or notes of the article, not a list of links to elsewhere, whose
    /// items are their links. At least [`h::ANNOTATED_LIST_MIN_SHARE`] of its items hold
    /// [`h::ANNOTATED_ITEM_MIN_CHARS`] of text outside their links.
    fn is_annotated_list(&self, ix: NodeIx) -> bool {
        let nodes = &self.dom.nodes;
        let (mut items, mut annotated) = (0usize, 0usize);
        for &child in self.dom.children(ix) {
            if nodes[child].tag != "li" || self.removed[child] {
                continue;
            }
            items += 1;
            let stats = self.stats[child];
            if stats.chars.saturating_sub(stats.link_chars) >= h::ANNOTATED_ITEM_MIN_CHARS {
                annotated += 1;
            }
        }
        items >= 2 && annotated as f32 >= items as f32 * h::ANNOTATED_LIST_MIN_SHARE
    }

    /// Whether a table holds data (kept) rather than layout.
    fn is_data_table(&self, ix: NodeIx) -> bool {
        let (rows, has_header) = self.dom.table_parts(ix);
        has_header || rows >= 10
    }
}

/// The text of every node of the article at once, as [`Attempt::text_of`] would give it node by node: `words`
/// holds the live words of the article in document order, one space apart, and a node's text is the slice from its
/// first word to its last. Built in one pass over the article, so reading the text of every node costs no more
/// than the text itself.
struct ArticleText {
    /// Every live word, one space apart.
    words: String,
    /// Per node: start and end of its text in `words` (empty where it has none).
    spans: Vec<[usize; 2]>,
}

impl ArticleText {
    /// Reads the text of `all`, the subtrees of the roots marked in `is_root`, in document order, skipping what
    /// `attempt` has removed.
    fn new(attempt: &Attempt<'_, '_>, all: &[NodeIx], is_root: &[bool]) -> Self {
        let nodes = &attempt.dom.nodes;
        let mut words = String::new();
        let mut spans = vec![[usize::MAX, 0]; nodes.len()];
        let mut dead = vec![false; nodes.len()];
        for &ix in all {
            let node = &nodes[ix];
            let parent = node.parent;
            dead[ix] = attempt.removed[ix] || (!is_root[ix] && parent != NO_PARENT && dead[parent]);
            if dead[ix] || !node.is_text() {
                continue;
            }
            let word_start = words.len();
            for word in node.text.split_whitespace() {
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(word);
            }
            if words.len() > word_start {
                // Skip the space that separates this text from the one before.
                let first = if word_start == 0 { 0 } else { word_start + 1 };
                spans[ix] = [first, words.len()];
            }
        }
        // Children after parents: each node's span takes in its children's.
        for &ix in all.iter().rev() {
            let parent = nodes[ix].parent;
            if dead[ix] || is_root[ix] || parent == NO_PARENT {
                continue;
            }
            let child = spans[ix];
            let span = &mut spans[parent];
            span[0] = span[0].min(child[0]);
            span[1] = span[1].max(child[1]);
        }
        ArticleText { words, spans }
    }

    /// The text of `ix`, as [`Attempt::text_of`] gives it.
    fn words(&self, ix: NodeIx) -> &str {
        let [start, end] = self.spans[ix];
        self.words.get(start..end).unwrap_or("")
    }

    /// The text of `ix` as compared with the title ([`normalise_for_compare`]). Made when asked (only headings
    /// are): the words of a node keep every letter and digit of its texts, as whitespace is neither.
    fn key(&self, ix: NodeIx) -> String {
        normalise_for_compare(self.words(ix))
    }
}

/// Appends the letters and digits of `text`, lower-cased, to `keys` (see [`normalise_for_compare`]). ASCII text,
/// most of it, is read byte by byte: there a letter or digit is an ASCII one and lower-casing stays in ASCII.
fn push_key(keys: &mut String, text: &str) {
    if text.is_ascii() {
        keys.extend(text.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        keys.extend(text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
    }
}

/// Whether `text`, a block's words, repeats `before`, the words of the block just before it, word for word and is
/// long enough ([`h::REPEATED_BLOCK_MIN_WORDS`]) to be a sentence: the second copy that a page lays out for another
/// screen size, or a teaser set again above the text it teases. An article does not say the same sentence twice
/// in a row; a short label ("Read more", "Pros") may come twice and is left alone.
fn repeats(before: &str, text: &str) -> bool {
    text == before && text.split(' ').nth(h::REPEATED_BLOCK_MIN_WORDS - 1).is_some()
}

/// Whether a short block's `text` reads as an affiliate-link disclosure: one of its phrases
/// ([`h::AFFILIATE_NOTICE`]), or a notice's label with "affiliate" or "commission" soon after it on the same line.
fn is_affiliate_notice(text: &str) -> bool {
    h::AFFILIATE_NOTICE.is_match(text)
        || h::DISCLOSURE_LABEL.find_iter(text).any(|label| {
            let rest = text.get(label.end()..).unwrap_or_default();
            h::DISCLOSURE_WORD.find(rest).is_some_and(|word| {
                let between = rest.get(..word.start()).unwrap_or_default();
                between.chars().count() <= h::DISCLOSURE_REACH && !between.contains('\n')
            })
        })
}

/// The rank of a heading's tag (1 for `h1` to 6 for `h6`), 0 for any other tag.
fn heading_rank(tag: &str) -> u8 {
    match tag {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => 0,
    }
}

/// Whether a short block's text is boilerplate: an ad label, a share or comment prompt, an other-version link.
pub fn is_boilerplate_text(text: &str) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    h::BOILERPLATE_BLOCK.is_match(&lower_words(text))
}

/// The words of `text`, lower-cased, one space apart: the lower-cased text with its whitespace runs collapsed, made
/// in one string. Lower-casing word by word gives the same (whitespace is neither changed by it nor made by it, and
/// a final sigma is final before a space as at the end), and an ASCII word is lower-cased in place.
fn lower_words(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !lower.is_empty() {
            lower.push(' ');
        }
        if word.is_ascii() {
            let start = lower.len();
            lower.push_str(word);
            if let Some(added) = lower.get_mut(start..) {
                added.make_ascii_lowercase();
            }
        } else {
            lower.push_str(&word.to_lowercase());
        }
    }
    lower
}

/// Whether `hints` hold one of [`h::COMMENT_WORDS`], each searched for with a finder made once.
pub fn has_comment_word(hints: &str) -> bool {
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        LazyLock::new(|| h::COMMENT_WORDS.iter().map(memchr::memmem::Finder::new).collect());
    FINDERS.iter().any(|finder| finder.find(hints.as_bytes()).is_some())
}

/// Whether `hints` call an element unlikely to hold the article ([`h::UNLIKELY_CANDIDATE`]), token by token,
/// leaving out the utility classes that only style it ([`h::STYLE_UTILITY_CLASS`]: "leading-extra-tight"). The
/// word "header" ([`h::HEADING_OWN_HINT`]) does not count on a heading (`heading`: "header-anchor-post" names the
/// heading itself), nor in a token that names the header of one part of the article ([`h::PART_HEADER_HINT`]: an
/// accordion pane's, a listed item's, a product card's), only the page's header.
fn is_unlikely(hints: &str, heading: bool) -> bool {
    // The pattern never matches across whitespace, so it matches the hints exactly when it matches one of their
    // tokens: most elements are settled by one search, not one per token.
    if !h::UNLIKELY_CANDIDATE.is_match(hints) {
        return false;
    }
    hints.split_ascii_whitespace().any(|token| {
        h::UNLIKELY_CANDIDATE
            .find_iter(token)
            .any(|found| found.as_str() != h::HEADING_OWN_HINT || !(heading || h::PART_HEADER_HINT.is_match(token)))
            && !h::STYLE_UTILITY_CLASS.is_match(token)
    })
}

/// Whether `hints` name a call to action: one of their words, split at whitespace, hyphens and underscores, is
/// [`h::CALL_TO_ACTION_WORD`] ("cta", "cta-box", "blog_cta"; not "octagon").
fn names_call_to_action(hints: &str) -> bool {
    !hints.is_empty()
        && hints
            .split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
            .any(|word| word == h::CALL_TO_ACTION_WORD)
}

/// Whether `node` is a link to a place on the same page ("Back to top", "Skip to content"): page furniture even
/// where it sits inside a paragraph of article text.
fn is_jump_link(node: &Node) -> bool {
    node.tag == "a" && node.attr("href").is_some_and(|href| href.trim_start().starts_with('#'))
}

/// Lower-cased letters and digits of `text`, for comparing a heading with the title.
fn normalise_for_compare(text: &str) -> String {
    let mut key = String::new();
    push_key(&mut key, text);
    key
}

/// Whether `node` is a dialog laid over the page (`aria-modal="true"`, or a role of [`h::MODAL_ROLES`]): a
/// shop's terms of use, size guide or cart drawer, never what the page shows, however long it is.
fn is_modal(node: &Node<'_>) -> bool {
    node.attr("aria-modal").is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
        || node.attr("role").is_some_and(|role| h::MODAL_ROLES.is_match(role.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_of_a_text_keeps_its_letters_and_digits_lower_cased() {
        let key = |text: &str| {
            let mut keys = String::new();
            push_key(&mut keys, text);
            keys
        };
        assert_eq!(key("Rates HELD, again: 4.5% in 2024!"), "ratesheldagain45in2024");
        assert_eq!(key("Ökonomie – Zürich İstanbul 3½"), "ökonomiezürichi\u{307}stanbul3½");
        for text in ["", "  \t", "A-b_C", "ΣΑΣ x", "日本 2024"] {
            let unicode: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            assert_eq!(key(text), unicode, "{text:?}");
        }
    }

    #[test]
    fn lower_words_are_the_lower_cased_text_with_whitespace_collapsed() {
        for text in [
            "",
            "  Advertisement ",
            "Sponsored\n\t Content",
            "ΟΔΟΣ ΣΑΣ\u{a0}ΣΑΣ",
            "İstanbul  ÖKONOMIE x",
            "MiXeD ascii und ÜNÏCODE\u{2003}words",
            "\u{b}vertical\u{b}tab",
        ] {
            let old = text.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(lower_words(text), old, "{text:?}");
        }
    }

    #[test]
    fn comment_words_are_found_as_by_their_list() {
        for hints in ["", "comments-area", "disqus_thread", "respond", "reply", "replies", "com ment", "site-footer"] {
            let listed = h::COMMENT_WORDS.iter().any(|word| hints.contains(word));
            assert_eq!(has_comment_word(hints), listed, "{hints:?}");
        }
    }

    #[test]
    fn collapsed_length_counts_whitespace_runs_once() {
        assert_eq!(collapsed_len("  a  b\n\nc "), 5);
        assert_eq!(collapsed_len(""), 0);
    }

    /// The chosen text of `page` after stages 4–8 of the strictest attempt.
    fn chosen_text(page: &str) -> String {
        chosen_text_titled(page, "")
    }

    /// The text the strictest attempt keeps of `page`, cleaned for an article titled `title`.
    fn chosen_text_titled(page: &str, title: &str) -> String {
        let doc = scraper::Html::parse_document(page);
        let base = url::Url::parse("https://example.com/a").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let mut attempt = Attempt::new(
            &dom,
            Flags {
                strip_unlikely: true,
                weight_classes: true,
                clean_conditionally: true,
                keep_comments: false,
                drop_reviews: false,
                drop_signup_boxes: true,
            },
        );
        attempt.drop_furniture();
        attempt.score();
        let roots = attempt.choose();
        attempt.clean(&roots, title);
        crate::render::text(&attempt, &roots)
    }

    #[test]
    fn a_sign_up_box_goes_with_its_heading_and_prompt() {
        let page = format!(
            "<body><article>{}<div class=wp-block-group><div class=inner><h3>Discover more from The Quay</h3>\
             <p>Subscribe to get the latest posts sent to your email.</p><div><form action=/subscribe>\
             <input type=email name=address placeholder='Type your email…'><button>Subscribe</button></form>\
             </div></div></div>{}</article></body>",
            prose("The harbour", 3),
            prose("The quay", 2)
        );
        let text = chosen_text(&page);
        assert!(text.contains("The harbour") && text.contains("The quay"), "{text}");
        assert!(!text.contains("Discover more") && !text.contains("latest posts"), "{text}");
    }

    #[test]
    fn a_block_that_repeats_the_one_before_it_goes_but_a_short_label_stays() {
        // A teaser laid out twice, once for small screens and once for large ones, then prose with a label twice.
        let teaser = "Before you start, you need to understand how the harbour works.";
        let page = format!(
            "<body><article><div data-hidden-desktop=true><p>{teaser}</p></div>\
             <div data-hidden-mobile=true><p>{teaser}</p></div>{}<p>Pros and cons</p><p>Pros and cons</p>{}</article></body>",
            prose("The harbour", 3),
            prose("The quay", 2)
        );
        let text = chosen_text(&page);
        assert_eq!(text.matches(teaser).count(), 1, "{text}");
        assert!(text.contains("The harbour point 2") && text.contains("The quay point 1"), "{text}");
        assert_eq!(text.matches("Pros and cons").count(), 2, "{text}");
        assert!(repeats("the quay opens in spring", "the quay opens in spring"));
        assert!(!repeats("the quay opens", "the quay opens"));
        assert!(!repeats("the quay opens in spring", "the quay opens in summer"));
    }

    #[test]
    fn an_affiliate_link_disclosure_is_not_the_article() {
        for notice in [
            "Disclosure: this post contains affiliate links. If you buy through them, we may earn a small commission.",
            "Purchases made through links earn us a small commission, at no extra cost to you.",
            "Hinweis: Dieser Beitrag enthält Affiliate-Links. Kaufst du darüber ein, erhalten wir eine kleine Provision.",
        ] {
            let page = format!("<body><article><p><em>{notice}</em></p>{}</article></body>", prose("The stroller", 4));
            let text = chosen_text(&page);
            assert!(text.contains("The stroller point 3"), "{text}");
            assert!(!text.contains("ommission") && !text.contains("Provision"), "{text}");
        }
    }

    #[test]
    fn a_paragraph_about_affiliate_links_stays_when_it_says_more_than_a_notice() {
        let long = "Affiliate links are how most review sites are paid, and we may earn a commission too, but the \
                    programmes differ: some pay a share of the sale for a day after the click, others for a month, \
                    and a few only on a reader's first purchase, which is why two sites that recommend the same \
                    stroller may be paid very different amounts for it, and why we publish our rates, our partners \
                    and our rules for choosing them on a page of their own.";
        let page = format!("<body><article><p>{long}</p>{}</article></body>", prose("The stroller", 4));
        assert!(chosen_text(&page).contains("publish our rates"));
    }

    #[test]
    fn a_form_beside_the_article_text_does_not_take_it_along() {
        // The block around the form holds a paragraph of the article: the box stops below it.
        let page = format!(
            "<body><article>{}<div><p>{}</p><form><input type=email name=email></form></div></article></body>",
            prose("The harbour", 3),
            "The quay opens in the spring, after two years of work, the authority said on Tuesday, and it expects \
             traffic to double within five years, with ferries to the islands every hour in summer, said its head."
                .repeat(3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("The harbour") && text.contains("ferries to the islands"), "{text}");
    }

    #[test]
    fn a_listings_repeated_item_controls_go_but_its_repeated_values_stay() {
        let jobs: String = (1..=3)
            .map(|i| {
                format!(
                    "<li><h3><a href='/j{i}'>Welder {i}</a></h3><p>Full-time</p><p>Anywhere</p>\
                     <div><span>Apply now</span></div></li>"
                )
            })
            .collect();
        let page = format!("<body><ul>{jobs}</ul><p>Apply now to join our harbour crew.</p></body>");
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://jobs.example/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::COARSE);
        assert!(attempt.drop_repeated_item_labels(&[0]));
        let text = crate::render::text(&attempt, &[0]);
        assert!(!text.contains("Apply now\n") && !text.ends_with("Apply now"), "{text}");
        // The items' values repeat too, and stay; so does a sentence that opens as a control would.
        assert_eq!(text.matches("Full-time").count(), 3, "{text}");
        assert!(text.contains("Welder 3") && text.contains("Apply now to join our harbour crew."), "{text}");
        // Twice is not yet a pattern of the items.
        let two = page.replacen("<span>Apply now</span>", "", 1);
        let doc = scraper::Html::parse_document(&two);
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        assert!(!Attempt::new(&dom, crate::reading::COARSE).drop_repeated_item_labels(&[0]));
    }

    #[test]
    fn a_grids_cards_lose_their_badges_buttons_and_ratings_but_keep_prices_and_stock() {
        let cards: String = (1..=9)
            .map(|i| {
                format!(
                    "<li><a href='/p/{i}'>Stoneware mug number {i}</a><span>${i}9.00</span><div>Best Seller</div>\
                     <div>Add to wishlist</div><div>4.5 out of 5 stars. 12 reviews</div><div>Only {i} left</div></li>"
                )
            })
            .collect();
        let page = format!("<body><h1>Mugs</h1><ul>{cards}</ul></body>");
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://mugs.example/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::COARSE);
        assert_eq!(attempt.kept_price_tags(&[0]), 9);
        assert!(attempt.drop_grid_card_chrome(&[0]));
        let text = crate::render::text(&attempt, &[0]);
        assert!(!text.contains("Best Seller") && !text.contains("wishlist") && !text.contains("reviews"), "{text}");
        assert!(text.contains("Stoneware mug number 9") && text.contains("$99.00"), "{text}");
        assert!(text.contains("Only 9 left"), "{text}");
        // Prices stay: the count holds after the drop.
        assert_eq!(attempt.kept_price_tags(&[0]), 9);
    }

    #[test]
    fn a_cards_title_that_is_one_link_stays_but_a_lone_linked_headline_goes() {
        let page = "<body><div class='story'><p>The harbour clock was wound by hand every Sunday for a century, and \
                    the keeper's log records each turn of the key, the weather and the ships in port.</p>\
                    <div><a href='/other'>Another story about the harbour</a></div></div>\
                    <div class='card'><div class='name'><a href='/p/1'>Pocket watch number one</a></div>\
                    <div><span>$199.00</span></div></div></body>";
        let doc = scraper::Html::parse_document(page);
        let base = url::Url::parse("https://watches.example/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::COARSE);
        attempt.clean(&[0], "");
        let text = crate::render::text(&attempt, &[0]);
        assert!(text.contains("Pocket watch number one") && text.contains("$199.00"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
    }

    #[test]
    fn a_listings_repeated_links_set_beside_its_items_text_go() {
        let posts: String = (1..=3)
            .map(|i| format!("<div><h2>Tide table {i}</h2><p>When the water turns at the quay.</p><a href='/t{i}'>Read more</a></div>"))
            .collect();
        let page = format!("<body>{posts}</body>");
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://tides.example/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::COARSE);
        assert!(attempt.drop_repeated_item_labels(&[0]));
        let text = crate::render::text(&attempt, &[0]);
        assert!(text.contains("Tide table 3") && !text.contains("Read more"), "{text}");
    }

    #[test]
    fn a_dialog_laid_over_the_page_is_modal() {
        let doc = scraper::Html::parse_document(
            "<body><div role='dialog'>a</div><div aria-modal='true'>b</div><div role='Alertdialog'>c</div>\
             <div role='region'>d</div><div aria-modal='false'>e</div></body>",
        );
        let url = url::Url::parse("https://shop.example/").unwrap();
        let dom = Dom::build(&doc, &url, &crate::Budget::default()).unwrap();
        let modal: Vec<bool> = dom.nodes.iter().filter(|node| node.tag == "div").map(is_modal).collect();
        assert_eq!(modal, [true, true, true, false, false]);
    }

    #[test]
    fn a_long_dialog_laid_over_the_page_is_dropped() {
        let terms = prose("Terms", 12);
        let page = format!(
            "<body><div class='item'><h1>Kettle K2</h1><p>Boils a litre in three minutes, and its steel body keeps \
             the water hot for an hour after it clicks off.</p><p>The lid opens wide for cleaning.</p></div>\
             <div role='dialog' aria-modal='true'><h2>Terms of use</h2>{terms}</div></body>"
        );
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://example.com/a").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let read = |drop_reviews: bool| {
            let flags = Flags {
                strip_unlikely: false,
                weight_classes: false,
                clean_conditionally: false,
                keep_comments: false,
                drop_reviews,
                drop_signup_boxes: false,
            };
            let mut attempt = Attempt::new(&dom, flags);
            attempt.drop_furniture();
            attempt.score();
            let roots = attempt.choose();
            attempt.clean(&roots, "");
            crate::render::text(&attempt, &roots)
        };
        for drop_reviews in [true, false] {
            let text = read(drop_reviews);
            assert!(text.contains("Boils a litre") && !text.contains("Terms point"), "{text}");
        }
    }

    fn prose(label: &str, n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>{label} point {i} explains, in a sentence of some length, what to look for, why it matters, \
                     and how the models we tested compare on it.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn a_call_to_action_goes_from_the_article_unless_the_page_is_made_of_them() {
        let cta = "<div class='blog-cta'><h3>Run your quay with Dockly</h3><p>Plan berths in minutes.</p>\
                   <a href=/trial>Start a free trial</a></div>";
        let page = format!("<body><article>{}{cta}{}</article></body>", prose("The harbour", 3), prose("The quay", 3));
        let text = chosen_text(&page);
        assert!(
            text.contains("The quay point 2") && !text.contains("Dockly") && !text.contains("free trial"),
            "{text}"
        );
        // A page laid out as a grid of such boxes keeps them: they hold most of its text.
        let card = |i: usize| {
            format!(
                "<div class='cta'><h3>Trail {i}</h3><p>A loop of {i} miles through the pines, with a climb to the \
                 ridge, a view of the lake, and a long way down by the creek.</p><a href=/t{i}>View map</a></div>"
            )
        };
        let grid = format!("<body><main>{}{}</main></body>", prose("Trails", 1), (1..=5).map(card).collect::<String>());
        assert!(chosen_text(&grid).contains("a climb to the ridge"));
        assert!(names_call_to_action("box cta_inner") && !names_call_to_action("octagon-icon"));
    }

    #[test]
    fn a_list_of_other_pages_goes_with_its_heading() {
        let teasers: String = (1..=3)
            .map(|i| format!("<li><a href='/p{i}'>Ferry timetable {i}</a> Changes for the winter.</li>"))
            .collect();
        let page = format!(
            "<body><article>{}<h3>You may also like</h3><ul>{teasers}</ul></article></body>",
            prose("The harbour", 4)
        );
        let text = chosen_text(&page);
        assert!(text.contains("The harbour point 3"), "{text}");
        assert!(!text.contains("You may also like") && !text.contains("Ferry timetable"), "{text}");
        // Under such a heading, text of the article's own (few links) stays.
        let own = format!(
            "<body><article>{}<h3>Related reading</h3><p>The council's report on the quay, which we read in full, \
             runs to ninety pages.</p></article></body>",
            prose("The harbour", 4)
        );
        assert!(chosen_text(&own).contains("runs to ninety pages"));
    }

    #[test]
    fn the_authors_card_goes_under_its_heading_or_its_label() {
        let card = "<h3>About the Author</h3><p>Ann Lee is a freelance writer who covers harbours, ferries and the \
                    people who run them.</p>";
        let page = format!("<body><article>{}{card}</article></body>", prose("The harbour", 4));
        let text = chosen_text(&page);
        assert!(text.contains("The harbour point 3"), "{text}");
        assert!(!text.contains("About the Author") && !text.contains("freelance writer"), "{text}");
        let labelled = format!(
            "<body><article>{}<p>About the author: Ann Lee is a freelance writer who covers harbours.</p></article>\
             </body>",
            prose("The harbour", 4)
        );
        assert!(!chosen_text(&labelled).contains("freelance writer"));
        assert!(!h::AUTHOR_HEADING.is_match("About the authorities' plans for the quay, little is known."));
    }

    /// The strictest attempt on `dom` through stage 7: furniture dropped, scored, its container chosen.
    fn strictest_choice<'d, 'a>(dom: &'d Dom<'a>) -> (Attempt<'d, 'a>, Vec<NodeIx>) {
        let mut attempt = Attempt::new(dom, crate::reading::ARTICLE_ATTEMPTS[0]);
        attempt.drop_furniture();
        attempt.score();
        let roots = attempt.choose();
        (attempt, roots)
    }

    #[test]
    fn a_biography_the_page_declares_goes_from_the_article() {
        let bio = "Ann Lee is a freelance writer who covers harbours, ferries and the people who run them.";
        let page = format!(
            "<body><article>{}<div class=card><h4>Ann Lee</h4><p>{bio}</p><a href=/ann>All posts</a></div></article>\
             </body>",
            prose("The harbour", 4)
        );
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://example.com/a").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let (mut attempt, roots) = strictest_choice(&dom);
        attempt.clean(&roots, "");
        assert!(crate::render::text(&attempt, &roots).contains("freelance writer"));
        // The page declares the card's text as its author's description: the card goes, the article stays.
        assert!(attempt.drop_declared_biographies(&roots, &[bio.to_string()]));
        let text = crate::render::text(&attempt, &roots);
        assert!(text.starts_with("The harbour point 0") && text.contains("point 3"), "{text}");
        assert!(!text.contains("freelance writer") && !text.contains("Ann Lee"), "{text}");
        // A short description (a job title) or one the page does not show takes nothing.
        let (mut attempt, roots) = strictest_choice(&dom);
        let people =
            ["Freelance writer".to_string(), "Ann Lee writes about trains and nothing else at all.".to_string()];
        assert!(!attempt.drop_declared_biographies(&roots, &people));
    }

    #[test]
    fn legal_small_print_named_by_the_markup_goes_whatever_its_length() {
        let fine_print = "Rates are between 0% and 36% APR. As an example, a purchase of $700 might cost $63 a month \
                          over 12 months at 15% APR; payment options through the lender are subject to an eligibility \
                          check and may not be available in all states. Compared to the previous model in lab tests \
                          on carpet; results vary with the floor, the settings and the cleaning cycle chosen.";
        let page = format!(
            "<body><article>{}<p class='has-legal-font-size'>The robot fits under most sofas and beds.</p>\
             <div class='pdp-disclaimer'><p>{fine_print}</p></div><div id='game_area_legal'><p>Trademarks \
             belong to their owners.</p></div></article></body>",
            prose("The robot", 4)
        );
        let doc = scraper::Html::parse_document(&page);
        let base = url::Url::parse("https://example.com/p").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let (mut attempt, roots) = strictest_choice(&dom);
        attempt.clean(&roots, "");
        // Longer than a copyright notice: stage 8 leaves it.
        assert!(crate::render::text(&attempt, &roots).contains("eligibility check"));
        assert!(attempt.drop_legal_blocks(&roots));
        let text = crate::render::text(&attempt, &roots);
        assert!(!text.contains("eligibility check") && !text.contains("Trademarks"), "{text}");
        // A class that only styles its element as small print names no notice: its text stays, as does the article.
        assert!(text.contains("fits under most sofas") && text.contains("The robot point 3"), "{text}");
        assert!(!h::LEGAL_BLOCK_HINT.is_match("disclaimer-button button"));
        // A page of terms whose sections are named as small print keeps them: they are its content.
        let sections: String = (0..4)
            .map(|i| format!("<section class='legal'><h2>Clause {i}</h2><p>{fine_print}</p></section>"))
            .collect();
        let page = format!("<body><article><h1>Terms of sale</h1>{sections}</article></body>");
        let doc = scraper::Html::parse_document(&page);
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let (mut attempt, roots) = strictest_choice(&dom);
        assert!(!attempt.drop_legal_blocks(&roots));
        assert!(h::LEGAL_BLOCK_HINT.is_match("feature-benefit__disclaimer contrast-target"));
    }

    #[test]
    fn an_article_in_headed_sections_is_taken_whole() {
        // One long section outscores the others; each section nests its text in wrappers beside a picture, so
        // the chosen text block has no sibling sections of its own.
        let sections: String = (0..6)
            .map(|i| {
                let n = if i == 2 { 8 } else { 3 };
                format!(
                    "<section class='block'><div class='inner'><h2>Part {i}</h2><div class='text'>{}</div>\
                     <figure><img src='/p{i}.jpg'></figure></div></section>",
                    prose(&format!("Part{i}"), n)
                )
            })
            .collect();
        let page = format!("<body><nav><a href='/'>Home</a></nav><div class='page'>{sections}</div></body>");
        let text = chosen_text(&page);
        for i in 0..6 {
            assert!(text.contains(&format!("Part{i} point 0")), "part {i} missing from {text}");
            assert!(text.contains(&format!("Part {i}")), "heading {i} missing from {text}");
        }
    }

    #[test]
    fn the_chunks_of_a_body_split_by_widgets_are_taken_together() {
        // The publisher gives each run of the body the same class; the runs sit at different depths, apart from
        // a promotion, and the first and last add less prose than a widening needs.
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><div class='page'>\
             <div class='intro'><div class='chunk'>{}</div></div>\
             <div class='area'><div class='middle'><div class='chunk'>{}</div></div>\
             <div class='promo-box'><a href='/shop'>Shop now</a></div></div>\
             <div class='outro'><div class='inner'><div class='chunk'>{}</div></div></div></div></body>",
            prose("Intro", 2),
            prose("Main", 8),
            prose("Outro", 2)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Intro point 1"), "{text}");
        assert!(text.contains("Main point 7"), "{text}");
        assert!(text.contains("Outro point 1"), "{text}");
        assert!(!text.contains("Shop now"), "{text}");
    }

    #[test]
    fn a_data_table_in_a_scrolling_box_stays_with_the_article() {
        // The box that lets a wide table scroll says "scroll" in its class; the table holds the plan itself.
        let rows: String = (1..=4)
            .map(|week| format!("<tr><td>Week {week}</td><td>Rest</td><td>Easy run</td><td>Long run</td></tr>"))
            .collect();
        let page = format!(
            "<body><div class='story'>{}<div class='table-frame'><div class='overflow-x-scroll'><table>\
             <thead><tr><td>Week</td><td>Monday</td><td>Tuesday</td><td>Sunday</td></tr></thead>\
             <tbody>{rows}</tbody></table></div></div>{}</div></body>",
            prose("Plan", 4),
            prose("After", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Week 3"), "{text}");
        assert!(text.contains("After point 2"), "{text}");
    }

    #[test]
    fn a_box_of_key_points_before_the_body_stays() {
        // The box sits in its own wrapper above the article's body, a few short points under its label.
        let page = format!(
            "<body><div class='top'><div class='card'><h2>Key Takeaways</h2><ul><li>Index funds track a market \
             index.</li><li>Fees matter more than picks.</li><li>Spread the money.</li></ul></div></div>\
             <div class='body'>{}</div><div class='footer'><a href='/a'>About</a></div></body>",
            prose("Body", 6)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Fees matter more than picks"), "{text}");
        assert!(text.contains("Body point 5"), "{text}");
        assert!(!text.contains("About"), "{text}");
    }

    #[test]
    fn a_lead_in_set_apart_before_the_body_stays() {
        // A template's intro: a wrapper of paragraphs alone, before the wrapper that holds the article's body.
        let page = format!(
            "<body><div class='column'><div class='intro'><p>Your business is generating more data than ever, \
             and knowing which of it to read first is harder than it looks.</p></div><div>{}</div></div>\
             <div class='footer'><a href='/a'>About</a></div></body>",
            prose("Body", 6)
        );
        let text = chosen_text(&page);
        assert!(text.starts_with("Your business is generating"), "{text}");
        assert!(text.contains("Body point 5"), "{text}");
    }

    #[test]
    fn cards_that_say_more_than_a_caption_beside_their_pictures_are_not_a_gallery() {
        // A checklist laid out in divs: each item a picture, a name and a few sentences, no `<p>` anywhere.
        let items: String = ["Oil change", "Tyre rotation", "Brake fluid"]
            .iter()
            .map(|name| {
                format!(
                    "<div class='item'><div class='icon'><img src='/{}.png'></div><div class='name'>{name}</div>\
                     <div class='write-up'>Interval: every year or so. {name} keeps the car safe and lasting longer; \
                     a garage charges less for it than most drivers expect, and the owner's manual says when it is due, \
                     so read it before you book the work.</div></div>",
                    name.len()
                )
            })
            .collect();
        let gallery: String =
            (0..4).map(|i| format!("<div class='shot'><img src='/g{i}.jpg'>Photo {i}</div>")).collect();
        let page = format!(
            "<body><div class='story'>{}<div class='checklist-row'>{items}</div>{}\
             <div class='gallery-row'>{gallery}</div></div></body>",
            prose("Care", 4),
            prose("After", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Tyre rotation keeps the car safe"), "{text}");
        assert!(!text.contains("Photo 2"), "{text}");
    }

    #[test]
    fn pictures_that_each_have_a_heading_are_cards_not_a_gallery() {
        // A roundup's picks: a picture, a heading and a line or two each, too short to say more than a caption would.
        let picks: String = ["Lemon chicken", "Salmon bites", "Snap peas"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                format!(
                    "<div class='pick'><img src='/r{i}.jpg'><h3>{name}</h3><div class='summary'>{name} is ready in a flash and full of flavour.</div></div>"
                )
            })
            .collect();
        // Teasers for other pages: their headings are links.
        let teasers: String = (0..3)
            .map(|i| format!("<div class='teaser'><img src='/t{i}.jpg'><h3><a href='/t{i}'>More {i}</a></h3></div>"))
            .collect();
        let page = format!(
            "<body><div class='story'>{}<div class='picks'>{picks}</div>{}<div class='more'>{teasers}</div></div></body>",
            prose("Intro", 4),
            prose("After", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Salmon bites is ready in a flash"), "{text}");
        assert!(!text.contains("More 1"), "{text}");
    }

    #[test]
    fn a_list_of_facts_around_links_stays_but_a_list_of_links_goes() {
        // More link text than not, as a list of links has, but every item says what its link is.
        let facts = "<ul><li><strong>Official website</strong>: <a href='/h1'>Harbour Hotels and Resorts Worldwide</a></li>\
                     <li><strong>Flagship hotel</strong>: <a href='/h2'>The Harbour Grand Hotel and Spa, Lisbon</a></li>\
                     <li>My full review: <a href='/h3'>a week at the Harbour Grand on the river</a></li>\
                     <li><strong>Best rooms</strong>: <a href='/h4'>the river suites on the top two floors</a></li></ul>";
        let links = "<ul><li><a href='/o1'>The ten best spa hotels of the year</a></li>\
                     <li><a href='/o2'>Where to stay in Porto on a budget</a></li>\
                     <li><a href='/o3'>A weekend in the Algarve, hour by hour</a></li></ul>";
        let page =
            format!("<body><div class='story'>{}{facts}{}{links}</div></body>", prose("Brand", 4), prose("After", 3));
        let text = chosen_text(&page);
        assert!(text.contains("Flagship hotel"), "{text}");
        assert!(text.contains("The Harbour Grand"), "{text}");
        assert!(!text.contains("Where to stay in Porto"), "{text}");
    }

    #[test]
    fn a_heading_whose_class_calls_it_a_header_stays() {
        // A newsletter platform marks every heading of a post as a header with an anchor beside it.
        let page = format!(
            "<body><header class='site-header'><a href='/'>Home</a></header><div class='body markup'>{}\
             <h2 class='header-anchor-post'>Software must survive reality<div class='header-anchor-parent'>\
             <button>Link</button></div></h2>{}</div></body>",
            prose("Intro", 3),
            prose("Reality", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Software must survive reality"), "{text}");
        assert!(text.contains("Reality point 2"), "{text}");
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn the_header_of_a_part_of_the_article_is_not_the_page_header() {
        assert!(is_unlikely("site-header sticky", false));
        assert!(is_unlikely("header", false));
        assert!(!is_unlikely("header-anchor-post", true));
        assert!(!is_unlikely("accordion-wrap pane-header-alignment-left", false));
        assert!(!is_unlikely("listicle-item-header", false));
        assert!(is_unlikely("pane-header-alignment-left sidebar", false));
        // A pricing accordion between the paragraphs: each pane's class names its header, not the page's.
        let panes: String = ["Starter", "Pro", "Team"]
            .iter()
            .map(|plan| {
                format!(
                    "<div class='accordion-wrap pane-header-alignment-left'><ul><li>{plan}: $20 for one user</li>\
                     <li>{plan} adds invoicing and income tracking</li></ul></div>"
                )
            })
            .collect();
        let page = format!(
            "<body><div class='site-header'><a href='/'>Home</a> <a href='/deals'>Deals</a></div>\
             <div class='story'>{}{panes}{}</div></body>",
            prose("Plans", 3),
            prose("After", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Team: $20 for one user"), "{text}");
        assert!(!text.contains("Deals"), "{text}");
    }

    #[test]
    fn the_header_of_an_article_keeps_its_standfirst() {
        let page = format!(
            "<body><header class='top'><a href='/'>Home</a> <a href='/food'>Food</a></header><main><article>\
             <header><h1>Nine food myths</h1><p class='standfirst'>Eggs, fats, carbohydrates and late dinners: a \
             dietitian goes through what people still believe about food, where those beliefs came from, which \
             of them hold up, which do not, and what the studies of the last twenty years say instead, one myth at \
             a time.</p></header>\
             <div class='text'>{}</div></article></main></body>",
            prose("Myth", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("a dietitian goes through"), "{text}");
        assert!(text.contains("Myth point 2"), "{text}");
        assert!(!text.contains("Food"), "{text}");
    }

    #[test]
    fn a_top_heading_inside_the_article_goes_only_when_it_repeats_the_title() {
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><article><h1>Small models</h1>{}<h1>Small is the new large</h1>{}\
             </article></body>",
            prose("Intro", 3),
            prose("Large", 3)
        );
        let text = chosen_text_titled(&page, "Small models");
        assert!(text.contains("Small is the new large"), "{text}");
        assert!(!text.contains("Small models"), "{text}");
        assert!(text.contains("Large point 2"), "{text}");
    }

    #[test]
    fn utility_classes_that_only_style_an_element_are_no_hint_of_furniture() {
        assert!(!is_unlikely("relative font-bold tracking-tight leading-extra-tight md:text-2xl", false));
        assert!(is_unlikely("leading-extra-tight sidebar", false));
        assert!(is_unlikely("extra-links", false));
        let page = format!(
            "<body><div class='post'>{}<div class='font-bold leading-extra-tight'>Agencies in the rest of the world</div>\
             {}</div></body>",
            prose("Us", 3),
            prose("World", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Agencies in the rest of the world"), "{text}");
    }

    #[test]
    fn a_collapsed_accordion_panel_is_not_hidden_furniture() {
        let panels: String = ["Lite", "Plus", "Premium"]
            .iter()
            .map(|plan| {
                format!(
                    "<div class='accordion-pane'><div class='accordion-title'>{plan} plan</div>\
                     <div class='accordion-panel accordion-panel-hidden'><ul><li>{plan}: $23 for one user</li>\
                     <li>Invoices and receipts</li></ul></div></div>"
                )
            })
            .collect();
        let page = format!("<body><div class='story'>{}{panels}{}</div></body>", prose("Plans", 3), prose("After", 3));
        let text = chosen_text(&page);
        assert!(text.contains("Premium: $23 for one user"), "{text}");
    }

    #[test]
    fn teasers_beside_an_article_are_not_sections() {
        let teasers: String = (0..4)
            .map(|i| {
                format!(
                    "<article class='teaser'><h3><a href='/s{i}'>Other story {i}</a></h3><p>Teaser {i} sums up \
                     another story at length, with commas, so that it reads like prose, which it is.</p></article>"
                )
            })
            .collect();
        let page = format!(
            "<body><div class='page'><div class='story'>{}</div><div class='more'>{teasers}</div></div></body>",
            prose("Story", 6)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Story point 5"), "{text}");
        assert!(!text.contains("Teaser"), "{text}");
    }

    #[test]
    fn a_comment_section_is_known_by_its_form_not_its_words() {
        // Neutral class names, a heading in Italian, inside the article: only the shape says "comments".
        let comments: String = (0..6)
            .map(|i| {
                format!(
                    "<li><p>Lettore{i}: finalmente, dopo anni di attese, di promesse e di rinvii, si potrà studiare \\
                     la sera, leggere in pace, incontrarsi, e nessuno dovrà più tornare a casa alle sette.</p></li>"
                )
            })
            .collect();
        let page = format!(
            "<body><main><article><div class='story'>{}</div><div class='lettori'><h2>Lascia un commento</h2>\\
             <p>I commenti sono moderati.</p><form><textarea></textarea><button>Invia</button></form>\\
             <ol>{comments}</ol></div></article></main></body>",
            prose("Story", 5)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Story point 4"), "{text}");
        for comment in ["Lascia un commento", "moderati", "Lettore"] {
            assert!(!text.contains(comment), "{comment:?} kept in {text}");
        }
    }

    #[test]
    fn comments_beside_the_article_go_with_their_heading_and_notice() {
        // Heading, notice, form and comments are siblings of the article itself.
        let page = format!(
            "<body><main><article>{}</article><h2>댓글 쓰기</h2><p>댓글은 운영자 검토 후 게시됩니다.</p>\
             <form><textarea></textarea></form><ol><li><p>하늘바람: 출퇴근길이 훨씬 안전해지겠네요, 빨리 개통되면 좋겠습니다, \
             정말로 기다리고 있었습니다.</p></li></ol></main></body>",
            prose("Story", 5)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Story point 4"), "{text}");
        for comment in ["댓글 쓰기", "운영자", "하늘바람"] {
            assert!(!text.contains(comment), "{comment:?} kept in {text}");
        }
    }

    #[test]
    fn a_text_box_before_the_article_does_not_take_the_article() {
        let page = format!(
            "<body><div class='wrap'><div class='ask'><h3>Ask us</h3><form><textarea></textarea></form></div>\
             <div class='story'>{}</div></div></body>",
            prose("Story", 5)
        );
        let text = chosen_text(&page);
        assert!(text.contains("Story point 0") && text.contains("Story point 4"), "{text}");
    }

    #[test]
    fn a_product_box_of_prose_stays_whatever_its_class() {
        let page = format!(
            "<body><article><div class='content'>{}<div class='product-widget'><div class='name'>Kettle K2</div>\
             <p>The Kettle K2 boils a litre in three minutes, keeps water hot for an hour, and, unlike most \
             kettles at its price, has a lid that opens wide enough to clean, a filter, and a quiet base.</p>\
             <p>Its only flaws, a short cord, a stiff switch and a loud click, are small ones.</p>\
             <p>We tested it for a month, at home, in an office, and on a boat, and it never failed.</p></div>{}</div>\
             </article></body>",
            prose("Intro", 3),
            prose("Outro", 3)
        );
        let text = chosen_text(&page);
        assert!(text.contains("boils a litre") && text.contains("Kettle K2"), "{text}");
        assert!(text.contains("Outro point 2"), "{text}");
    }

    #[test]
    fn boilerplate_labels_are_recognised_in_several_languages() {
        for label in ["Advertisement", " View Full Site ", "PC버전 보기", "Voir la version complète du site", "광고"]
        {
            assert!(is_boilerplate_text(label), "{label}");
        }
        assert!(!is_boilerplate_text("The advertisement market shrank by a third."));
    }

    #[test]
    fn a_dateline_goes_whatever_the_case_of_its_label() {
        for dateline in ["Last Updated on June 2, 2025", "Updated: December 9, 2024", "Last reviewed January 2023"] {
            let page = format!("<body><article><p>{dateline}</p>{}</article></body>", prose("The harbour", 3));
            let text = chosen_text(&page);
            assert!(text.starts_with("The harbour point 0") && !text.contains(dateline), "{text}");
        }
        assert!(!h::DATELINE_TEXT.is_match("Updates to the quay are expected in 2026, the harbour said."));
    }

    #[test]
    fn a_button_asking_to_learn_more_is_boilerplate() {
        for label in ["Learn more", "LEARN MORE ›", "Find out more", "Discover More", "Explore more"] {
            assert!(is_boilerplate_text(label), "{label}");
        }
        assert!(!is_boilerplate_text("Learn more about the quay's history in our guide."));
    }

    #[test]
    fn a_message_a_script_shows_after_an_action_is_boilerplate() {
        for message in [
            "Oops! Something went wrong. Please try again.",
            "Oops! Something went wrong while submitting the form.",
            "There was a problem calculating your shipping. Please try again.",
            "Error rating book. Refresh and try again.",
            "Thank you for subscribing to our daily newsletter.",
            "Adding to cart… The item has been added",
            "Added to your cart! Complete the set?",
            "Please enter a valid email address",
        ] {
            assert!(is_boilerplate_text(message), "{message}");
        }
        assert!(!is_boilerplate_text("Something went wrong with the harbour's new quay."));
        assert!(!is_boilerplate_text("If the lock stays shut, try again after an hour."));
    }

    #[test]
    fn the_label_of_a_table_of_contents_is_boilerplate_in_several_languages() {
        for label in
            ["Table of Contents", "Contents:", "In this article", "Inhaltsverzeichnis", "Sommaire", "Índice", "目次"]
        {
            assert!(is_boilerplate_text(label), "{label}");
        }
        assert!(!is_boilerplate_text("The table of contents lists every chapter."));
        // Left alone above the text once its links are gone: the label goes with them.
        let toc = "<div class='toc'><p class='toc-title'>Table of Contents</p><ul><li><a href='#a'>First</a></li>\
                   <li><a href='#b'>Second</a></li><li><a href='#c'>Third</a></li></ul></div>";
        let page = format!("<body><div class='story'>{toc}{}</div></body>", prose("Guide", 5));
        let text = chosen_text(&page);
        assert!(text.contains("Guide point 4"), "{text}");
        assert!(!text.contains("Table of Contents"), "{text}");
    }
}
