//! A compact copy of the parsed page that the body stages read and mark: one [`Node`] per element or text,
//! addressed by index, in document order (so a node's descendants always follow it, and walking the indices
//! backwards visits children before parents).
//!
//! Built without recursion, so pages nested 10,000 deep cost no stack. Never holds scripts, styles, form
//! controls or hidden elements: those are left out while copying (a collapsed accordion or tab panel is content a
//! reader opens with a click, not hidden; a streamed segment is copied where its placeholder stands). Borrowed
//! from the parsed page; no I/O.
//!
//! What the later stages ask of a node's surroundings (its nearest block, whether it sits in a `<figure>`, what a
//! table holds) is worked out here once, in one pass each way, so that no stage walks up or down the tree per node.

use super::content::is_block;
use super::heuristics as h;
use super::tag_set::TagSet;
use super::{Budget, ExtractError};
use html5ever::{LocalName, local_name};
use scraper::node::Element;
use scraper::{Html, Node as HtmlNode};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use url::Url;

/// [`h::NEVER_CONTENT_TAGS`], for looking up every element's tag.
static NEVER_CONTENT_TAGS: LazyLock<TagSet> = LazyLock::new(|| TagSet::new(h::NEVER_CONTENT_TAGS));

/// Index of a node in a [`Dom`].
pub type NodeIx = usize;

/// Index used for "no parent" (the root).
pub const NO_PARENT: NodeIx = usize::MAX;

/// One element or text of the page.
#[derive(Debug)]
pub struct Node<'a> {
    /// Lower-case tag name, or `""` for text.
    pub tag: &'a str,
    /// The parsed element (`None` for text and for images recovered from `<noscript>`).
    pub element: Option<&'a Element>,
    /// The text of a text node (empty for elements).
    pub text: &'a str,
    /// The image address of an `<img>` as the page writes it, after lazy-loading attributes are resolved; made
    /// absolute only where it is used ([`Node::image_address`]), as most images are never written out.
    pub image_src: Option<String>,
    /// The `alt` of an image recovered from `<noscript>`.
    pub image_alt: Option<String>,
    /// Lower-cased class, id, role and itemprop values joined by spaces: borrowed from the page where that is
    /// one attribute's value as written (most elements), so only the others cost an allocation.
    pub hints: Cow<'a, str>,
    /// Parent index, or [`NO_PARENT`].
    pub parent: NodeIx,
    /// Where this node's children start in [`Dom::child_list`] (see [`Dom::children`]).
    children_start: usize,
    /// How many children this node has.
    children_len: usize,
    /// The last child added so far (used while building), or [`NO_PARENT`].
    last_child: NodeIx,
    /// Depth below the root.
    pub depth: usize,
    /// For text: its length with whitespace runs counted once (see [`super::content::collapsed_len`]).
    pub text_chars: usize,
    /// For text: its clause separators.
    pub text_commas: usize,
    /// Whether the node is a block element ([`is_block`]), worked out once here: the counts of every attempt
    /// and the text written out ask it of every node.
    pub block: bool,
}

impl<'a> Node<'a> {
    /// Whether this node is text.
    pub fn is_text(&self) -> bool {
        self.tag.is_empty()
    }

    /// The absolute address of an image node, `None` where it has none or it does not join `base`.
    pub fn image_address(&self, base: &Url) -> Option<String> {
        self.image_src.as_deref().and_then(|src| base.join(src).ok()).map(String::from)
    }

    /// The value of attribute `name`, if the node is a parsed element that has it.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element.and_then(|el| attribute(el, name))
    }
}

/// The page as an index-addressed tree.
#[derive(Debug)]
pub struct Dom<'a> {
    /// All nodes; index 0 is the `<body>` (or the document root when there is none).
    pub nodes: Vec<Node<'a>>,
    /// Every node's children, one run per node, in document order (one allocation for the whole tree).
    child_list: Vec<NodeIx>,
    /// Every node's nearest block ancestor, or [`NO_PARENT`] (see [`Dom::nearest_block`]).
    nearest_block: Vec<NodeIx>,
    /// Whether a node has a `<figure>` ancestor.
    in_figure: Vec<bool>,
    /// Per node: table rows (`<tr>`) at or below it, and whether a header cell, `<thead>` or `<caption>` is there.
    table_parts: Vec<(u32, bool)>,
    /// The forms holding a `<textarea>` (a box for a reader's own text), or the textarea's parent where no form
    /// holds it; in document order, at most [`h::MAX_TEXT_BOXES`]. The textareas themselves are not copied.
    pub text_boxes: Vec<NodeIx>,
    /// The forms holding a field for the reader's e-mail address ([`h::SIGNUP_FIELD`]): sign-up forms, in document
    /// order, at most [`h::MAX_SIGNUP_FORMS`]. The fields themselves are not copied.
    pub signup_forms: Vec<NodeIx>,
    /// The parents of the page's drop-down lists (`<select>`), in document order, at most
    /// [`h::MAX_CHOICE_LISTS`]: where a page of items sets its sort menu and its filters, beside their labels. The
    /// lists themselves are not copied.
    pub choice_lists: Vec<NodeIx>,
    /// Words of classes that sound like furniture ([`h::NEGATIVE_HINT`]) but sit around most of the page's
    /// paragraphs: the page's own vocabulary (a page builder that calls every block a "widget"), which says nothing.
    pub vocabulary: Vec<String>,
    /// Per node, whether it shows a price ([`super::product::prices`]), read once on the first call of
    /// [`Dom::prices`]: the page's kind and each reading of a product page ask.
    prices: std::cell::OnceCell<Vec<bool>>,
    /// Per node, whether a price shows at or below it; worked out on first use.
    priced: std::cell::OnceCell<Vec<bool>>,
    /// The page's main landmarks, whatever they hold ([`Dom::landmarks`]); found on first use.
    landmarks: std::cell::OnceCell<Vec<NodeIx>>,
}

/// The furniture words of [`Dom::vocabulary`]: the matches of [`h::NEGATIVE_HINT`] ("widget") in the classes of
/// the paragraphs' nearest [`h::VOCABULARY_LEVELS`] ancestors, for at least [`h::VOCABULARY_MIN_SHARE`] of the
/// page's paragraph text. One pass bottom-up for the paragraphs' text, then a few ancestors per paragraph; each
/// ancestor's class is searched once, however many paragraphs it holds.
fn vocabulary(nodes: &[Node<'_>]) -> Vec<String> {
    let mut chars = vec![0usize; nodes.len()];
    for ix in (1..nodes.len()).rev() {
        let node = &nodes[ix];
        if node.is_text() {
            chars[ix] = node.text_chars;
        }
        if let Some(parent) = chars.get(node.parent).copied() {
            chars[node.parent] = parent + chars[ix];
        }
    }
    // The words of each ancestor's class, found on its first paragraph: `words_at` gives, per node, where its
    // words are in `class_words` (`usize::MAX` until they are found).
    let mut words_at = vec![usize::MAX; nodes.len()];
    let mut class_words: Vec<Vec<String>> = Vec::new();
    let mut by_word: Vec<(String, usize)> = Vec::new();
    let mut total = 0;
    for (ix, node) in nodes.iter().enumerate() {
        if node.tag != "p" || chars[ix] < h::MIN_PARAGRAPH_CHARS {
            continue;
        }
        total += chars[ix];
        let mut ancestor = node.parent;
        for _ in 0..h::VOCABULARY_LEVELS {
            let Some(up) = nodes.get(ancestor) else { break };
            if words_at[ancestor] == usize::MAX {
                let class = up.attr("class").unwrap_or("").to_lowercase();
                words_at[ancestor] = class_words.len();
                class_words
                    .push(h::NEGATIVE_HINT.find_iter(&class).map(|found| found.as_str().trim().to_string()).collect());
            }
            ancestor = up.parent;
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut ancestor = node.parent;
        for _ in 0..h::VOCABULARY_LEVELS {
            let Some(up) = nodes.get(ancestor) else { break };
            for word in words_at.get(ancestor).and_then(|&at| class_words.get(at)).into_iter().flatten() {
                if !seen.contains(&word.as_str()) {
                    seen.push(word);
                }
            }
            ancestor = up.parent;
        }
        for word in &seen {
            match by_word.iter_mut().find(|(known, _)| known == word) {
                Some((_, count)) => *count += chars[ix],
                None => by_word.push((word.to_string(), chars[ix])),
            }
        }
    }
    let mut words: Vec<String> = by_word
        .into_iter()
        .filter(|(_, count)| *count as f32 >= total as f32 * h::VOCABULARY_MIN_SHARE)
        .map(|(word, _)| word)
        .collect();
    words.sort();
    words
}

impl<'a> Dom<'a> {
    /// Copies the `<body>` of `doc`, leaving out elements that never hold content and hidden ones,
    /// and resolving lazily loaded images against `base`. Fails only when `budget` runs out.
    pub fn build(doc: &'a Html, base: &Url, budget: &Budget) -> Result<Dom<'a>, ExtractError> {
        Self::build_with(doc, base, budget, false)
    }

    /// [`Dom::build`], keeping hidden elements when `keep_hidden` (the last resort for a page that hides all of
    /// its content until scripts reveal it).
    pub fn build_with(doc: &'a Html, base: &Url, budget: &Budget, keep_hidden: bool) -> Result<Dom<'a>, ExtractError> {
        // At most one node per node of the parsed page, and the root: room for all of them at once.
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(doc.tree.nodes().len() + 1);
        nodes.push(Node {
            tag: "body",
            element: None,
            text: "",
            image_src: None,
            image_alt: None,
            hints: Cow::Borrowed(""),
            parent: NO_PARENT,
            children_start: 0,
            children_len: 0,
            last_child: NO_PARENT,
            depth: 0,
            text_chars: 0,
            text_commas: 0,
            block: is_block("body"),
        });
        // The open elements: index in `nodes`, or None for an element whose subtree is skipped.
        let mut stack: Vec<Option<NodeIx>> = vec![Some(0)];
        let mut skipping = 0usize;
        // The `<picture>` whose sources were last looked up, and the address they give.
        let mut picture_sources: Option<(ego_tree::NodeId, Option<String>)> = None;
        let mut text_boxes: Vec<NodeIx> = Vec::new();
        let mut signup_forms: Vec<NodeIx> = Vec::new();
        let mut choice_lists: Vec<NodeIx> = Vec::new();
        // A page rendered in a stream: its late segments, to be copied where their placeholders stand.
        let mut stream = Stream::of(doc);
        // The walks over the page: the whole tree, and above it the segments being copied into place.
        let mut walks = vec![doc.tree.root().traverse()];
        let mut step = 0;
        while let Some(walk) = walks.last_mut() {
            let Some(edge) = walk.next() else {
                walks.pop();
                continue;
            };
            budget.check_at(step)?;
            step += 1;
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    let parent = stack.last().copied().flatten();
                    // What a streamed boundary shows until its segment arrives ("Loading…") is not the page.
                    if skipping == 0 && stream.is_fallback(node) {
                        if node.value().is_element() {
                            skipping += 1;
                            stack.push(None);
                        }
                        continue;
                    }
                    match node.value() {
                        HtmlNode::Element(el) => {
                            let tag = el.name();
                            if skipping > 0 || parent.is_none() || stream.was_placed(node) {
                                skipping += 1;
                                stack.push(None);
                                continue;
                            }
                            if matches!(tag, "html" | "body") {
                                // Both map onto the root node, so their content lands in one place.
                                stack.push(Some(0));
                                continue;
                            }
                            if tag == "noscript" {
                                if let Some(parent) = parent {
                                    recover_noscript_image(&mut nodes, parent, node, base);
                                }
                                skipping += 1;
                                stack.push(None);
                                continue;
                            }
                            let (hints, hidden) = scan_attributes(el);
                            let hidden = hidden && !keep_hidden;
                            if hidden || NEVER_CONTENT_TAGS.contains(tag) {
                                if tag == "textarea" && !hidden && text_boxes.len() < h::MAX_TEXT_BOXES {
                                    // The box for a reader's text: remember the form around it, or its parent.
                                    let form = stack
                                        .iter()
                                        .rev()
                                        .take(h::TEXT_BOX_FORM_LEVELS)
                                        .flatten()
                                        .copied()
                                        .find(|&open| nodes[open].tag == "form");
                                    if let Some(anchor) = form.or(parent) {
                                        text_boxes.push(anchor);
                                    }
                                }
                                if tag == "input"
                                    && !hidden
                                    && signup_forms.len() < h::MAX_SIGNUP_FORMS
                                    && is_address_field(el)
                                    && let Some(form) = stack
                                        .iter()
                                        .rev()
                                        .take(h::TEXT_BOX_FORM_LEVELS)
                                        .flatten()
                                        .copied()
                                        .find(|&open| nodes[open].tag == "form")
                                {
                                    signup_forms.push(form);
                                }
                                if tag == "select"
                                    && !hidden
                                    && choice_lists.len() < h::MAX_CHOICE_LISTS
                                    && let Some(parent) = parent
                                {
                                    choice_lists.push(parent);
                                }
                                skipping += 1;
                                stack.push(None);
                                continue;
                            }
                            let parent = parent.unwrap_or(0);
                            // A syntax highlighter's classes ("hljs-comment", "token comment") name parts of the
                            // code, not parts of the page.
                            let hints =
                                if !hints.is_empty() && in_code(&nodes, parent) { Cow::Borrowed("") } else { hints };
                            let image_src =
                                if tag == "img" { resolve_image(el, node, &mut picture_sources) } else { None };
                            let ix = push(&mut nodes, parent, tag, Some(el), "", hints);
                            nodes[ix].image_src = image_src;
                            stack.push(Some(ix));
                        }
                        HtmlNode::Text(text) => {
                            if skipping == 0
                                && let Some(parent) = parent
                            {
                                push(&mut nodes, parent, "", None, text, Cow::Borrowed(""));
                            }
                        }
                        _ => {}
                    }
                }
                ego_tree::iter::Edge::Close(node) => {
                    if node.value().is_element() && stack.pop().flatten().is_none() {
                        skipping = skipping.saturating_sub(1);
                    }
                    // A placeholder of a streamed page: its segment is copied here, child by child.
                    if skipping == 0
                        && stack.last().copied().flatten().is_some()
                        && let Some(segment) = stream.segment_for(node)
                    {
                        walks.extend(segment.children().rev().map(|child| child.traverse()));
                    }
                }
            }
        }
        // Lay the children out in one list: a run per parent, filled in document order.
        let mut next = 0;
        for node in nodes.iter_mut() {
            node.children_start = next;
            next += node.children_len;
        }
        let mut child_list = vec![0; next];
        let mut filled = vec![0usize; nodes.len()];
        for ix in 1..nodes.len() {
            let parent = nodes[ix].parent;
            child_list[nodes[parent].children_start + filled[parent]] = ix;
            filled[parent] += 1;
        }
        // Parents come before their children: one forward pass for what is inherited, one backward for what adds up.
        let mut nearest_block = vec![NO_PARENT; nodes.len()];
        let mut in_figure = vec![false; nodes.len()];
        for ix in 1..nodes.len() {
            let parent = nodes[ix].parent;
            nearest_block[ix] = if nodes[parent].block { parent } else { nearest_block[parent] };
            in_figure[ix] = in_figure[parent] || nodes[parent].tag == "figure";
        }
        let mut table_parts = vec![(0u32, false); nodes.len()];
        for ix in (0..nodes.len()).rev() {
            let (rows, header) = &mut table_parts[ix];
            match nodes[ix].tag {
                "tr" => *rows = rows.saturating_add(1),
                "th" | "thead" | "caption" => *header = true,
                _ => {}
            }
            let own = table_parts[ix];
            if let Some(parent) = table_parts.get_mut(nodes[ix].parent) {
                parent.0 = parent.0.saturating_add(own.0);
                parent.1 |= own.1;
            }
        }
        text_boxes.dedup();
        signup_forms.dedup();
        choice_lists.dedup();
        let vocabulary = vocabulary(&nodes);
        Ok(Dom {
            nodes,
            child_list,
            nearest_block,
            in_figure,
            table_parts,
            text_boxes,
            signup_forms,
            choice_lists,
            vocabulary,
            prices: std::cell::OnceCell::new(),
            priced: std::cell::OnceCell::new(),
            landmarks: std::cell::OnceCell::new(),
        })
    }

    /// The children of `ix`, in document order.
    pub fn children(&self, ix: NodeIx) -> &[NodeIx] {
        let node = &self.nodes[ix];
        &self.child_list[node.children_start..node.children_start + node.children_len]
    }

    /// The nearest ancestor of `ix` that is a block element, or [`NO_PARENT`] when there is none.
    pub fn nearest_block(&self, ix: NodeIx) -> NodeIx {
        self.nearest_block[ix]
    }

    /// Per node, whether it shows a price by itself ([`super::product::prices`]); found once per page.
    pub fn prices(&self) -> &[bool] {
        self.prices.get_or_init(|| super::product::prices(self))
    }

    /// Per node, whether a price shows at it or below it (see [`Dom::prices`]); found once per page, bottom-up.
    pub fn priced(&self) -> &[bool] {
        self.priced.get_or_init(|| {
            let mut priced = self.prices().to_vec();
            for ix in (1..self.nodes.len()).rev() {
                if priced[ix]
                    && let Some(parent) = priced.get_mut(self.nodes[ix].parent)
                {
                    *parent = true;
                }
            }
            priced
        })
    }

    /// The characters of all text of the page (what an attempt with nothing removed counts at the root).
    pub fn text_chars(&self) -> usize {
        self.nodes.iter().map(|node| node.text_chars).sum()
    }

    /// The page's main landmarks below the root, in document order: each `<main>`, and each element whose role is
    /// `main` (and whose hints say so); found once per page. [`super::content::Attempt::main_landmarks`] keeps those that hold text.
    pub fn landmarks(&self) -> &[NodeIx] {
        self.landmarks.get_or_init(|| {
            (1..self.nodes.len())
                .filter(|&ix| {
                    let node = &self.nodes[ix];
                    // A role of `main` is among the hints: an element without hints is not asked for its role.
                    node.tag == "main"
                        || (!node.hints.is_empty() && node.attr("role") == Some("main") && node.hints.contains("main"))
                })
                .collect()
        })
    }

    /// Whether `ix` sits inside a `<figure>`.
    pub fn in_figure(&self, ix: NodeIx) -> bool {
        self.in_figure[ix]
    }

    /// Table rows at or below `ix`, and whether a header cell, `<thead>` or `<caption>` is among them.
    pub fn table_parts(&self, ix: NodeIx) -> (u32, bool) {
        self.table_parts[ix]
    }
}

/// The segments of a page rendered in a stream (React's server rendering): the server sends the page with
/// placeholders (`<template id="B:1">` before a fallback such as "Loading…", or `<template id="P:1">`), then each
/// late part as `<div hidden id="S:1">` at the end of the body, and a script moves it into its placeholder. The
/// copy does what the script does: the segment's content where its placeholder stands, the fallback left out, and
/// the segment not again at the end. Each segment is placed once, so the copy stays linear in the page's size.
struct Stream<'a> {
    /// The segments by their number (`1` for `S:1`), not yet placed.
    segments: HashMap<&'a str, ego_tree::NodeRef<'a, HtmlNode>>,
    /// The segments already copied into place.
    placed: HashSet<ego_tree::NodeId>,
    /// Parents whose children after a placeholder are its fallback, up to the `<!--/$-->` that ends it.
    fallbacks: Vec<ego_tree::NodeId>,
}

impl<'a> Stream<'a> {
    /// The segments of `doc` (none on a page not rendered in a stream).
    fn of(doc: &'a Html) -> Self {
        let segments = doc
            .tree
            .nodes()
            .filter_map(|node| {
                let el = node.value().as_element()?;
                // The first attribute named `id`, as [`attribute`] finds it, its name compared as the parser's.
                let id: &str = &el.attrs.iter().find(|(key, _)| key.local == local_name!("id"))?.1;
                let number = id.strip_prefix("S:")?;
                h::STREAMED_SEGMENT_ID.is_match(id).then_some((number, node))
            })
            .collect();
        Stream { segments, placed: HashSet::new(), fallbacks: Vec::new() }
    }

    /// The segment to copy in place of `node` when it is a placeholder whose segment has not been placed yet;
    /// a boundary's fallback after it is then skipped.
    fn segment_for(&mut self, node: ego_tree::NodeRef<'a, HtmlNode>) -> Option<ego_tree::NodeRef<'a, HtmlNode>> {
        if self.segments.is_empty() {
            return None;
        }
        let el = node.value().as_element()?;
        if el.name() != "template" {
            return None;
        }
        let id = attribute(el, "id")?;
        let (kind, number) = id.split_once(':')?;
        if !matches!(kind, "B" | "P") {
            return None;
        }
        let segment = self.segments.remove(number)?;
        self.placed.insert(segment.id());
        // A boundary (`<!--$?-->` just before it) shows a fallback after it until the segment arrives.
        let boundary = node.prev_sibling().and_then(|c| c.value().as_comment().map(|c| c.trim() == "$?"));
        if kind == "B"
            && boundary == Some(true)
            && let Some(parent) = node.parent()
        {
            self.fallbacks.push(parent.id());
        }
        Some(segment)
    }

    /// Whether `node` is part of a boundary's fallback (the `<!--/$-->` that ends it closes the fallback).
    fn is_fallback(&mut self, node: ego_tree::NodeRef<'a, HtmlNode>) -> bool {
        if self.fallbacks.is_empty() {
            return false;
        }
        let Some(parent) = node.parent().map(|p| p.id()) else { return false };
        let Some(at) = self.fallbacks.iter().position(|&f| f == parent) else { return false };
        if node.value().as_comment().is_some_and(|c| c.trim() == "/$") {
            self.fallbacks.swap_remove(at);
        }
        true
    }

    /// Whether `node` is a segment already copied into its placeholder.
    fn was_placed(&self, node: ego_tree::NodeRef<'a, HtmlNode>) -> bool {
        !self.placed.is_empty() && self.placed.contains(&node.id())
    }
}

/// Appends a node under `parent` and returns its index.
fn push<'a>(
    nodes: &mut Vec<Node<'a>>,
    parent: NodeIx,
    tag: &'a str,
    element: Option<&'a Element>,
    text: &'a str,
    hints: Cow<'a, str>,
) -> NodeIx {
    let ix = nodes.len();
    let depth = nodes[parent].depth + 1;
    let (text_chars, text_commas) = measure_text(text);
    nodes.push(Node {
        tag,
        element,
        text,
        image_src: None,
        image_alt: None,
        hints,
        parent,
        children_start: 0,
        children_len: 0,
        last_child: NO_PARENT,
        depth,
        text_chars,
        text_commas,
        block: !tag.is_empty() && is_block(tag),
    });
    nodes[parent].children_len += 1;
    nodes[parent].last_child = ix;
    ix
}

/// The first bytes (in UTF-8) of the clause separators other than the ASCII comma ([`h::CLAUSE_SEPARATORS`]): only
/// a character starting with one of them is decoded and compared with the separators.
static SEPARATOR_LEADS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut leads = [false; 256];
    for &c in h::CLAUSE_SEPARATORS.iter().filter(|&&c| c != ',') {
        let mut buffer = [0u8; 4];
        if let Some(&lead) = c.encode_utf8(&mut buffer).as_bytes().first() {
            leads[usize::from(lead)] = true;
        }
    }
    leads
});

/// The [`super::content::collapsed_len`] of `text` and its [`count_clause_separators`], read in one pass over its
/// bytes (a separator other than the ASCII comma is looked for only where a character starts with the first byte
/// of one, [`SEPARATOR_LEADS`]).
fn measure_text(text: &str) -> (usize, usize) {
    let leads = &*SEPARATOR_LEADS;
    let mut count = 0;
    let mut commas = 0;
    let mut seen_text = false;
    let mut pending_space = false;
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        if byte.is_ascii_whitespace() {
            pending_space = seen_text;
        } else if byte & 0xC0 != 0x80 {
            if pending_space {
                count += 1;
                pending_space = false;
            }
            seen_text = true;
            count += 1;
            commas += usize::from(byte == b',');
            if leads[usize::from(byte)]
                && let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
            {
                commas += usize::from(c != ',' && h::CLAUSE_SEPARATORS.contains(&c));
            }
        }
    }
    (count, commas)
}

/// Clause separators in `text` (ASCII commas counted on bytes; the others only in non-ASCII text, each searched
/// for by itself, which is quicker than reading every character of a text with a curly quote).
#[cfg(test)]
fn count_clause_separators(text: &str) -> usize {
    let commas = text.bytes().filter(|&b| b == b',').count();
    if text.is_ascii() {
        return commas;
    }
    commas + h::CLAUSE_SEPARATORS.iter().filter(|&&c| c != ',').map(|&c| text.matches(c).count()).sum::<usize>()
}

/// The value of attribute `name` of `el`. Compares names as text: `Element::attr` interns the name first,
/// which costs more than scanning the few attributes an element has; only the value found is read.
pub fn attribute<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs.iter().find(|(key, _)| &*key.local == name).map(|(_, value)| &**value)
}

/// Whether an `<input>` asks for an e-mail address: its type, name, id or placeholder says so ([`h::SIGNUP_FIELD`]);
/// a hidden field only carries the form's settings.
fn is_address_field(el: &Element) -> bool {
    let kind = attribute(el, "type").unwrap_or_default();
    !kind.eq_ignore_ascii_case("hidden")
        && ["type", "name", "id", "placeholder"]
            .iter()
            .any(|name| attribute(el, name).is_some_and(|value| h::SIGNUP_FIELD.is_match(value)))
}

/// The lower-cased class, id, role and itemprop of `el`, joined by spaces, and whether an attribute, a class
/// that always hides ([`h::HIDDEN_CLASSES`]) or an inline style hides it (a streamed segment, [`h::STREAMED_SEGMENT_ID`], is not hidden); one pass over the
/// attributes. The hints are borrowed, not copied, when they are one attribute's value as written: no other hint
/// attribute, no ASCII capital to lower-case and no utility classes to leave out.
fn scan_attributes(el: &Element) -> (Cow<'_, str>, bool) {
    // Names compared as the parser's interned names (one integer each), not as text: every attribute of every
    // element passes here.
    let is_hint = |name: &LocalName| {
        *name == local_name!("class")
            || *name == local_name!("id")
            || *name == local_name!("role")
            || *name == local_name!("itemprop")
    };
    // Room for all the hints at once (none allocated where there are none), and the one hint attribute's value
    // where there is only one.
    let mut room = 0;
    let mut count = 0;
    let mut only: Option<(&LocalName, &str)> = None;
    for (key, value) in el.attrs.iter().filter(|(key, _)| is_hint(&key.local)) {
        room += value.len() + 1;
        count += 1;
        only = Some((&key.local, value));
    }
    let borrowed = match only {
        Some((name, value)) if count == 1 => {
            let rewritten = value.bytes().any(|b| b.is_ascii_uppercase())
                || (*name == local_name!("class") && holds_variant_mark(value));
            (!rewritten).then_some(value)
        }
        _ => None,
    };
    let mut hints = String::with_capacity(if borrowed.is_some() { 0 } else { room });
    let mut hidden = false;
    let mut streamed = false;
    // A collapsed panel of an accordion or a set of tabs, which a reader opens with a click.
    let mut panel = false;
    for (key, value) in el.attrs.iter() {
        let name = &key.local;
        let value: &str = value;
        if *name == local_name!("aria-labelledby") {
            panel = true;
        } else if is_hint(name) {
            panel |= *name == local_name!("role") && matches!(value, "tabpanel" | "region");
            let class = *name == local_name!("class");
            // Where the hints are this value as written, there is nothing to copy.
            if borrowed.is_none() {
                if !hints.is_empty() {
                    hints.push(' ');
                }
                // Class names are ASCII in practice; lower-casing bytes is many times cheaper than chars.
                let start = hints.len();
                if class && holds_variant_mark(value) {
                    push_own_classes(&mut hints, value);
                } else {
                    hints.push_str(value);
                }
                hints[start..].make_ascii_lowercase();
            }
            // The segment pattern starts with "S:": most ids are settled without a search.
            streamed |= *name == local_name!("id") && value.starts_with("S:") && h::STREAMED_SEGMENT_ID.is_match(value);
            hidden |= class && value.split_ascii_whitespace().any(|class| h::HIDDEN_CLASSES.contains(&class));
        } else if *name == local_name!("hidden") {
            hidden = true;
        } else if *name == local_name!("aria-hidden") {
            hidden |= value == "true";
        } else if *name == local_name!("style") {
            hidden |= h::HIDDEN_STYLE.is_match(value);
        }
    }
    // A segment of a page rendered in a stream arrives hidden and a script moves it into place: it is the page.
    // So is a collapsed panel (one the page labels as a region or tab, or whose class says so), unless it is an
    // overlay: a menu, a dialog, a pop-up.
    let hints = borrowed.map_or(Cow::Owned(hints), Cow::Borrowed);
    let revealed =
        hidden && !streamed && (panel || h::PANEL_HINT.is_match(&hints)) && !h::OVERLAY_HINT.is_match(&hints);
    (hints, hidden && !streamed && !revealed)
}

/// Whether `class` holds [`h::DESCENDANT_VARIANT_MARK`]: its first byte looked for with `memchr` (rare in a class),
/// the rest compared where it is found.
fn holds_variant_mark(class: &str) -> bool {
    let mark = h::DESCENDANT_VARIANT_MARK.as_bytes();
    let bytes = class.as_bytes();
    mark.first().is_some_and(|&first| {
        memchr::memchr_iter(first, bytes).any(|at| bytes.get(at..).is_some_and(|rest| rest.starts_with(mark)))
    })
}

/// Whether `ix` is a `<pre>` or `<code>`, or lies within [`h::CODE_HINT_LEVELS`] levels inside one.
fn in_code(nodes: &[Node], mut ix: NodeIx) -> bool {
    for _ in 0..h::CODE_HINT_LEVELS {
        let Some(node) = nodes.get(ix) else {
            return false;
        };
        if matches!(node.tag, "pre" | "code") {
            return true;
        }
        ix = node.parent;
    }
    false
}

/// Pushes the classes of `value` that describe the element itself onto `hints`, leaving out the utility classes
/// that style its descendants ("[&_figcaption]:mt-xs", "lg:[&>p]:mb-4"): an article whose class says how its
/// captions look is not a caption.
fn push_own_classes(hints: &mut String, value: &str) {
    let own = value.split_ascii_whitespace().filter(|class| !class.contains(h::DESCENDANT_VARIANT_MARK));
    for (n, class) in own.enumerate() {
        if n > 0 {
            hints.push(' ');
        }
        hints.push_str(class);
    }
}

/// The real address of an image: its `src` unless that is a placeholder, else a lazy-loading attribute, else the
/// largest `srcset` entry (its own, or of a `<source>` in the same `<picture>`). `picture_sources` remembers the
/// last `<picture>` looked up, so a picture holding thousands of images is read once, not once per image. The
/// address is as written (see [`Node::image_address`]).
fn resolve_image(
    el: &Element,
    node: ego_tree::NodeRef<'_, HtmlNode>,
    picture_sources: &mut Option<(ego_tree::NodeId, Option<String>)>,
) -> Option<String> {
    let usable = |value: &str| {
        let value = value.trim();
        (!value.is_empty() && !h::PLACEHOLDER_SRC.is_match(value)).then(|| value.to_string())
    };
    attribute(el, "src")
        .and_then(usable)
        .or_else(|| h::LAZY_SRC_ATTRS.iter().find_map(|name| attribute(el, name).and_then(usable)))
        .or_else(|| h::SRCSET_ATTRS.iter().find_map(|name| attribute(el, name).and_then(largest_in_srcset)))
        .or_else(|| {
            let picture = node.parent()?;
            let is_picture = picture.value().as_element().is_some_and(|p| p.name() == "picture");
            if !is_picture {
                return None;
            }
            if let Some((id, found)) = picture_sources.as_ref()
                && *id == picture.id()
            {
                return found.clone();
            }
            let found = picture.children().find_map(|child| {
                let source = child.value().as_element().filter(|e| e.name() == "source")?;
                h::SRCSET_ATTRS.iter().find_map(|name| attribute(source, name).and_then(largest_in_srcset))
            });
            *picture_sources = Some((picture.id(), found.clone()));
            found
        })
}

/// The address of the widest (or densest) candidate of a `srcset` list.
fn largest_in_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(f32, &str)> = None;
    for candidate in srcset.split(", ").flat_map(|part| part.split(",\n")) {
        let mut words = candidate.split_whitespace();
        let Some(address) = words.next() else { continue };
        if h::PLACEHOLDER_SRC.is_match(address) {
            continue;
        }
        let size = words.next().and_then(|d| d.trim_end_matches(['w', 'x']).parse::<f32>().ok()).unwrap_or(1.0);
        if best.is_none_or(|(best_size, _)| size > best_size) {
            best = Some((size, address));
        }
    }
    best.map(|(_, address)| address.to_string())
}

/// A `<noscript>` holding an `<img>` (the parser keeps its content as text) becomes an image node, unless the
/// element just before it is an image that already has a real address.
fn recover_noscript_image<'a>(
    nodes: &mut Vec<Node<'a>>,
    parent: NodeIx,
    noscript: ego_tree::NodeRef<'a, HtmlNode>,
    base: &Url,
) {
    let markup: String = noscript.children().filter_map(|c| c.value().as_text().map(|t| &**t)).collect();
    if !markup.contains("<img") {
        return;
    }
    let Some(src) = h::NOSCRIPT_IMG.captures(&markup).and_then(|c| c.get(1)) else {
        return;
    };
    // The last child so far, or the one before it when that is blank text.
    let mut previous = nodes[parent].last_child;
    if previous != NO_PARENT && nodes[previous].is_text() && nodes[previous].text.trim().is_empty() {
        previous = if previous > parent + 1 { previous - 1 } else { NO_PARENT };
        // Index order is document order: the node just before blank text is its previous sibling or inside it.
        while previous != NO_PARENT && nodes[previous].parent != parent {
            previous = nodes[previous].parent;
        }
    }
    let previous_has_image =
        previous != NO_PARENT && nodes[previous].tag == "img" && nodes[previous].image_address(base).is_some();
    if previous_has_image {
        return;
    }
    let src = src.as_str().trim();
    if base.join(src).is_err() {
        return;
    }
    let alt = h::NOSCRIPT_ALT.captures(&markup).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
    let ix = push(nodes, parent, "img", None, "", Cow::Borrowed(""));
    nodes[ix].image_src = Some(src.to_string());
    nodes[ix].image_alt = alt;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::collapsed_len;

    #[test]
    fn the_variant_mark_is_found_where_contains_finds_it() {
        for class in ["", "[", "&", "[&", "a [&_p]:mt-2", "[ &", "x[[&", "[a&", "lg:[&>p]:mb-4 prose", "prose body"] {
            assert_eq!(holds_variant_mark(class), class.contains(h::DESCENDANT_VARIANT_MARK), "{class:?}");
        }
    }

    #[test]
    fn srcset_gives_its_widest_candidate() {
        assert_eq!(largest_in_srcset("a.jpg 300w, b.jpg 1200w, c.jpg 600w").as_deref(), Some("b.jpg"));
        assert_eq!(largest_in_srcset("a.jpg 1x, b.jpg 2x").as_deref(), Some("b.jpg"));
        assert_eq!(largest_in_srcset(""), None);
    }

    #[test]
    fn a_text_is_measured_in_one_pass_as_by_its_two_counts() {
        for text in [
            "",
            "  ",
            "one, two,three ,",
            "  a  b\n\nc ",
            "“one,” two’s， three、four،five﹐six､seven",
            "\u{a0}non\u{a0}breaking, é,",
            "日本、 2024，x",
            "、、，，،،﹐﹐､､,,",
            "“quoted”, — ‘single’ – … é,è",
            "北京、上海，東京。大阪﹐京都､奈良 اللغة، العربية",
            "\u{ff0b}\u{ff0d}\u{3002}\u{3003}\u{060b}\u{fe51}\u{ff65}",
        ] {
            assert_eq!(measure_text(text), (collapsed_len(text), count_clause_separators(text)), "{text:?}");
        }
    }

    #[test]
    fn clause_separators_are_counted_in_every_script() {
        assert_eq!(count_clause_separators("one, two, three"), 2);
        assert_eq!(count_clause_separators("“one,” two’s， three、four،five﹐six､seven"), 6);
        assert_eq!(count_clause_separators("no separator — only dashes"), 0);
        // Each separator is listed once, so that counting them one by one counts each character once.
        for (at, c) in h::CLAUSE_SEPARATORS.iter().enumerate() {
            assert!(!h::CLAUSE_SEPARATORS[..at].contains(c), "{c:?}");
        }
    }

    #[test]
    fn a_price_marks_the_elements_that_hold_it() {
        let doc = Html::parse_document(
            "<body><div class=card><p>Kettle</p><span class=price>$30.00</span></div><div><p>Notes</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let priced: Vec<&str> = dom
            .nodes
            .iter()
            .enumerate()
            .filter(|(ix, n)| dom.priced()[*ix] && !n.is_text())
            .map(|(_, n)| n.tag)
            .collect();
        assert_eq!(priced, vec!["body", "div", "span"]);
    }

    #[test]
    fn each_node_knows_whether_it_is_a_block() {
        let doc =
            Html::parse_document("<body><div><p>one <b>two</b></p><ul><li>three</li></ul><span>four</span></div>");
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let blocks: Vec<&str> = dom.nodes.iter().filter(|n| n.block).map(|n| n.tag).collect();
        assert_eq!(blocks, vec!["body", "div", "p", "ul", "li"]);
        assert!(dom.nodes.iter().all(|n| n.block == is_block(n.tag)));
    }

    #[test]
    fn scripts_and_hidden_elements_are_left_out() {
        let doc = Html::parse_document(
            "<body><p>one</p><script>var x</script><div hidden>two</div><p style='display:none'>three</p></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let texts: Vec<&str> = dom.nodes.iter().filter(|n| n.is_text()).map(|n| n.text).collect();
        assert_eq!(texts, vec!["one"]);
    }

    #[test]
    fn a_block_a_page_builder_hides_by_its_class_is_left_out() {
        // A gated copy of the article that the page builder never shows: its text must not come twice.
        let doc = Html::parse_document(
            "<body><div class='rte'><p>one</p></div><div class='layout w-condition-invisible'><p>one again</p></div>\
             <div class='w-condition-invisible-later'><p>two</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let texts: Vec<&str> = dom.nodes.iter().filter(|n| n.is_text()).map(|n| n.text).collect();
        assert_eq!(texts, vec!["one", "two"]);
    }

    #[test]
    fn collapsed_panels_are_content_but_hidden_menus_are_not() {
        let doc = Html::parse_document(
            "<body><div class='accordion'><button aria-controls='p1'>Step one</button>\
             <div id='p1' style='display:none' role='region' aria-labelledby='b1'><p>open the box</p></div>\
             <div class='tab-pane' hidden><p>second tab</p></div></div>\
             <div class='mega-menu' hidden role='region'><p>menu</p></div>\
             <div class='modal' style='display:none' aria-labelledby='t'><p>dialog</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let texts: Vec<&str> = dom.nodes.iter().filter(|n| n.is_text()).map(|n| n.text).collect();
        assert_eq!(texts, vec!["open the box", "second tab"]);
    }

    #[test]
    fn classes_that_style_descendants_are_not_the_elements_hints() {
        let doc = Html::parse_document(
            "<body><article class='[&_figcaption]:mt-xs lg:[&>p]:mb-4 prose Body'><p>text</p></article></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let article = dom.nodes.iter().find(|n| n.tag == "article").unwrap();
        assert_eq!(article.hints, "prose body");
        assert!(!h::CAPTION_HINT.is_match(&article.hints));
    }

    #[test]
    fn hints_are_borrowed_only_when_one_value_as_written() {
        let doc = Html::parse_document(
            "<body><div class='lead text'><p>a</p></div><div id='Main'><p>b</p></div>\
             <div class='story' role='main'><p>c</p></div><div class='[&_p]:mt-2 wide'><p>d</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let divs: Vec<&Node> = dom.nodes.iter().filter(|n| n.tag == "div").collect();
        let hints: Vec<&str> = divs.iter().map(|n| &*n.hints).collect();
        assert_eq!(hints, vec!["lead text", "main", "story main", "wide"]);
        let borrowed: Vec<bool> = divs.iter().map(|n| matches!(n.hints, Cow::Borrowed(_))).collect();
        assert_eq!(borrowed, vec![true, false, false, false]);
    }

    #[test]
    fn highlighted_code_has_no_hints() {
        let doc = Html::parse_document(
            "<body><pre class='code'><code class='hljs'><span class='hljs-comment'># stage all</span>\
             <span class='line'><span class='token comment'>// note</span></span></code></pre></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let hints: Vec<&str> = dom.nodes.iter().filter(|n| !n.is_text()).map(|n| &*n.hints).collect();
        assert_eq!(hints, vec!["", "code", "", "", "", ""]);
    }

    #[test]
    fn streamed_segments_are_not_hidden() {
        let doc = Html::parse_document(
            "<body><template id='B:0'></template><div hidden id='S:0'><p>streamed</p></div>\
             <div hidden id='menu'><p>menu</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let texts: Vec<&str> = dom.nodes.iter().filter(|n| n.is_text()).map(|n| n.text).collect();
        assert_eq!(texts, vec!["streamed"]);
    }

    #[test]
    fn streamed_segments_take_their_placeholders_place_and_the_fallback_goes() {
        let doc = Html::parse_document(
            "<body><div class='body'><p>first</p><!--$?--><template id='B:0'></template><div>Loading...</div>\
             <!--/$--><p>third</p><template id='P:1a'></template></div><footer>end</footer>\
             <div hidden id='S:0'><p>second</p></div><div hidden id='S:1a'><p>fourth</p></div></body>",
        );
        let base = Url::parse("https://example.com/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let texts: Vec<&str> = dom.nodes.iter().filter(|n| n.is_text()).map(|n| n.text).collect();
        assert_eq!(texts, vec!["first", "second", "third", "fourth", "end"]);
        // A segment copied into place is inside the container of its placeholder.
        let second = dom.nodes.iter().position(|n| n.text == "second").unwrap();
        let mut ix = second;
        while dom.nodes[ix].parent != NO_PARENT && dom.nodes[ix].hints != "body" {
            ix = dom.nodes[ix].parent;
        }
        assert_eq!(dom.nodes[ix].hints, "body");
    }

    #[test]
    fn lazy_and_noscript_images_are_resolved() {
        let doc = Html::parse_document(concat!(
            "<body><img src='data:image/gif;base64,R0l' data-src='/a.jpg'>",
            "<div><img src='blank.gif'><noscript><img src='/b.jpg' alt='B'></noscript></div>",
            "<picture><source srcset='/c.jpg 1x, /c2.jpg 2x'><img></picture></body>"
        ));
        let base = Url::parse("https://example.com/x/").unwrap();
        let dom = Dom::build(&doc, &base, &crate::Budget::default()).unwrap();
        let images: Vec<String> = dom.nodes.iter().filter_map(|n| n.image_address(&base)).collect();
        assert_eq!(
            images,
            vec!["https://example.com/a.jpg", "https://example.com/b.jpg", "https://example.com/c2.jpg"]
        );
    }
}
