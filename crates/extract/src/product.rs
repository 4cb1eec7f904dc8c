//! Reading a product page (a page of kind [`PageKind::Product`](super::PageKind::Product)): shops often keep the
//! product's description only in their JSON-LD `Product` (the visible one is drawn by scripts), while the body
//! shows the specifications. When the body read from the page does not already hold the description, it is put
//! first.
//!
//! JSON values are walked with a stack, never recursively, and the walk is bounded.

use scraper::{Html, Selector};
use std::collections::HashSet;
use std::sync::LazyLock;

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
                        && let Some(text) = map.get("description").and_then(|d| d.as_str()).map(plain_text)
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
    fn escaping_keeps_text_as_text() {
        assert_eq!(crate::output::escape_html("a < b & c > d"), "a &lt; b &amp; c &gt; d");
    }
}
