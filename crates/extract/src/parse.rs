//! Stage 1 of [`super::extract`]: parsing the page with html5ever into scraper's tree, within the caps on elements
//! and nesting ([`h::MAX_ELEMENTS`], [`h::MAX_DEPTH`]) and the time [`Budget`], once the bodies of its scripts and
//! style sheets are left out ([`super::unread`]).
//!
//! html5ever never fails, but a hostile page can make it work hard: every unclosed formatting element (`<b id=N>`)
//! is rebuilt in every new paragraph, so the tree grows with the square of the page, and each start tag scans the
//! stack of open elements, so deep nesting costs the square of the depth. The page is therefore fed to the parser
//! in small chunks through [`CappedSink`], a tree sink that counts the elements it creates and measures how deep
//! each is attached; parsing stops at the end of the first chunk that passes a cap, long before the tree is built.
//! Pure: no I/O.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use ego_tree::NodeId;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::heuristics as h;
use super::{Budget, ExtractError};

/// Parses `page` as a document, failing with [`ExtractError::TooManyElements`] or [`ExtractError::TooDeep`] as soon
/// as a chunk of it passes a cap, and with the budget's errors when time runs out or the extraction is cancelled.
pub fn parse_page(page: &str, budget: &Budget) -> Result<Html, ExtractError> {
    parse_within(page, budget, h::MAX_ELEMENTS, h::MAX_DEPTH)
}

/// [`parse_page`] with the caps given (the unit tests use small ones).
fn parse_within(page: &str, budget: &Budget, max_elements: usize, max_depth: usize) -> Result<Html, ExtractError> {
    // 1a. Scripts and style sheets without their bodies, and tags without the `data-*` attributes nothing reads.
    let page = &*super::unread::without_unread_parts(page);
    // Room for the tree at once, as the tree grows by copying itself: about one and a half nodes per `<` (each tag
    // starts with one, and texts lie between tags), never more than the caps allow.
    let tags = memchr::memchr_iter(b'<', page.as_bytes()).count();
    let tags = tags.saturating_add(tags / 2);
    let sink = CappedSink::new(max_elements, max_depth, tags.min(max_elements.saturating_mul(2)).saturating_add(16));
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut rest = page;
    while !rest.is_empty() {
        let mut end = rest.len().min(h::PARSE_CHUNK_BYTES);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, after) = rest.split_at(end);
        parser.process(StrTendril::from_slice(chunk));
        rest = after;
        let sink = &parser.tokenizer.sink.sink;
        if sink.elements.get() > max_elements {
            return Err(ExtractError::TooManyElements { limit: max_elements });
        }
        if sink.deepest.get() > max_depth {
            return Err(ExtractError::TooDeep { limit: max_depth });
        }
        budget.check()?;
    }
    Ok(parser.finish())
}

/// A handle on a node being parsed: scraper's node id, and our index of the node in [`CappedSink::depths`].
#[derive(Debug, Clone, Copy)]
pub struct Handle {
    /// The node in scraper's tree.
    id: NodeId,
    /// Where its depth is kept.
    slot: usize,
}

/// scraper's tree sink, counting the elements created and the depth at which each node is attached. The depth is the
/// one a node has when first attached; nodes moved later by the parser's error recovery keep it, which is close
/// enough for a cap meant for hostile pages.
struct CappedSink {
    /// The tree being built.
    inner: HtmlTreeSink,
    /// Elements, comments and processing instructions created so far (text nodes lie between them, so they are at
    /// most one more per parent).
    elements: Cell<usize>,
    /// The depth of each node we handed out, by [`Handle::slot`]; the document is slot 0, at depth 0.
    depths: RefCell<Vec<u32>>,
    /// The deepest attachment so far.
    deepest: Cell<usize>,
    /// Past either cap the sink stops recording depths (the parse is abandoned at the end of the chunk).
    max_elements: usize,
    /// See `max_elements`.
    max_depth: usize,
}

impl CappedSink {
    /// A sink with the caps given and room for about `nodes` nodes.
    fn new(max_elements: usize, max_depth: usize, nodes: usize) -> Self {
        let mut document = Html::new_document();
        document.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, nodes);
        let mut depths = Vec::with_capacity(nodes);
        depths.push(0);
        CappedSink {
            inner: HtmlTreeSink::new(document),
            elements: Cell::new(0),
            depths: RefCell::new(depths),
            deepest: Cell::new(0),
            max_elements,
            max_depth,
        }
    }

    /// A handle on `id`, a node not yet attached.
    fn handle(&self, id: NodeId) -> Handle {
        let mut depths = self.depths.borrow_mut();
        depths.push(0);
        Handle { id, slot: depths.len() - 1 }
    }

    /// A new element, comment or processing instruction.
    fn created(&self, id: NodeId) -> Handle {
        self.elements.set(self.elements.get().saturating_add(1));
        self.handle(id)
    }

    /// Records that `child` now sits at `depth`.
    fn attached(&self, child: &Handle, depth: u32) {
        if let Some(slot) = self.depths.borrow_mut().get_mut(child.slot) {
            *slot = depth;
        }
        self.deepest.set(self.deepest.get().max(depth as usize));
    }

    /// The depth recorded for `handle`.
    fn depth_of(&self, handle: &Handle) -> u32 {
        self.depths.borrow().get(handle.slot).copied().unwrap_or(0)
    }

    /// Whether `handle`'s node has a parent in the tree.
    fn has_parent(&self, handle: &Handle) -> bool {
        self.inner.0.borrow().tree.get(handle.id).is_some_and(|node| node.parent().is_some())
    }

    /// Whether a cap is already passed (the chunk is finished without recording more).
    fn over(&self) -> bool {
        self.elements.get() > self.max_elements || self.deepest.get() > self.max_depth
    }
}

impl TreeSink for CappedSink {
    type Handle = Handle;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> Handle {
        Handle { id: self.inner.get_document(), slot: 0 }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(&target.id)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.created(self.inner.create_element(name, attrs, flags))
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.created(self.inner.create_comment(text))
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.created(self.inner.create_pi(target, data))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendNode(node) => {
                if !self.over() {
                    self.attached(&node, self.depth_of(parent).saturating_add(1));
                }
                self.inner.append(&parent.id, NodeOrText::AppendNode(node.id));
            }
            NodeOrText::AppendText(text) => self.inner.append(&parent.id, NodeOrText::AppendText(text)),
        }
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        if self.has_parent(element) {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let contents = self.handle(self.inner.get_template_contents(&target.id));
        self.attached(&contents, self.depth_of(target).saturating_add(1));
        contents
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        match new_node {
            NodeOrText::AppendNode(node) => {
                if !self.over() {
                    self.attached(&node, self.depth_of(sibling));
                }
                self.inner.append_before_sibling(&sibling.id, NodeOrText::AppendNode(node.id));
            }
            NodeOrText::AppendText(text) => self.inner.append_before_sibling(&sibling.id, NodeOrText::AppendText(text)),
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(&target.id, attrs);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(&target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(&node.id, &new_parent.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(page: &str, max_elements: usize, max_depth: usize) -> Result<Html, ExtractError> {
        parse_within(page, &Budget::default(), max_elements, max_depth)
    }

    #[test]
    fn a_page_within_the_caps_parses_as_in_one_piece() {
        let page =
            format!("<title>T</title><body>{}</body>", "<div><p>Some text, é ü 日本.</p></div>\r\n".repeat(2000));
        let chunked = parse(&page, 100_000, 100).unwrap();
        assert_eq!(chunked.html(), Html::parse_document(&page).html());
    }

    #[test]
    fn the_element_cap_stops_the_parser() {
        let page = "<p>x</p>".repeat(1000);
        assert!(parse(&page, 2000, 100).is_ok());
        assert!(matches!(parse(&page, 500, 100), Err(ExtractError::TooManyElements { limit: 500 })));
    }

    #[test]
    fn the_depth_cap_stops_the_parser() {
        let page = format!("{}x", "<div>".repeat(300));
        assert!(parse(&page, 100_000, 400).is_ok());
        assert!(matches!(parse(&page, 100_000, 200), Err(ExtractError::TooDeep { limit: 200 })));
    }

    #[test]
    fn rebuilt_formatting_elements_count_as_they_are_made() {
        // 200 unclosed <b>s, each different, rebuilt in each of 200 paragraphs: 40,000 elements from 6 KB.
        let page = format!("{}{}", (0..200).map(|i| format!("<p><b id={i}>")).collect::<String>(), "<p>x".repeat(200));
        assert!(matches!(parse(&page, 10_000, 100_000), Err(ExtractError::TooManyElements { .. })));
    }

    #[test]
    fn a_cancelled_budget_stops_the_parser() {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let budget = Budget::new(std::time::Duration::from_secs(10), flag);
        assert!(matches!(parse_within("<p>x</p>", &budget, 10, 10), Err(ExtractError::Cancelled)));
    }
}
