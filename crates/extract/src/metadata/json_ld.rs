//! JSON-LD blocks of a page: every `<script type="application/ld+json">` parsed with serde_json, `@graph` and
//! top-level arrays flattened, and the object that describes the article picked out.
//!
//! Invalid JSON is ignored block by block; nothing here panics or recurses on page-controlled depth beyond
//! serde_json's own limit.

use super::rules;
use serde_json::Value;

/// The JSON-LD objects of one page, flattened, with the one describing the article.
#[derive(Debug, Default)]
pub struct JsonLd {
    /// Every top-level object of every block, `@graph` members included.
    objects: Vec<Value>,
    /// Index in `objects` of the article (or, failing that, the web page) object.
    article: Option<usize>,
}

impl JsonLd {
    /// Parses the text of every JSON-LD block of a page.
    pub fn read<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Self {
        let mut objects = Vec::new();
        for raw in blocks {
            if let Some(value) = parse_block(raw) {
                flatten_into(value, &mut objects);
            }
        }
        let article = objects
            .iter()
            .position(|o| has_type(o, is_article_type))
            .or_else(|| objects.iter().position(|o| has_type(o, |t| rules::PAGE_TYPES.contains(&t))));
        JsonLd { objects, article }
    }

    /// The article object, if the page has one.
    fn article(&self) -> Option<&Value> {
        self.article.and_then(|i| self.objects.get(i))
    }

    /// A string field of the article object.
    fn article_str(&self, key: &str) -> Option<String> {
        self.article().and_then(|a| a.get(key)).and_then(first_string)
    }

    /// The article's headline (or `name` when it has none).
    pub fn headline(&self) -> Option<String> {
        self.article_str("headline").or_else(|| {
            self.article().filter(|a| has_type(a, is_article_type)).and_then(|a| a.get("name")).and_then(first_string)
        })
    }

    /// The names of the organisations given as the article's authors, joined for print.
    pub fn organisation_author(&self) -> Option<String> {
        self.author_names(true)
    }

    /// The names of the article's authors who are people, one by one (to be cleaned one by one: a list of eight
    /// names is longer than any one byline).
    pub fn author_list(&self) -> Vec<String> {
        self.author_list_of(false)
    }

    /// The authors' names: of people, or (`organisations`) of organisations only.
    fn author_names(&self, organisations: bool) -> Option<String> {
        super::byline::join_names(self.author_list_of(organisations))
    }

    /// The authors' names one by one: of people, or (`organisations`) of organisations only.
    fn author_list_of(&self, organisations: bool) -> Vec<String> {
        let Some(author) = self.article().and_then(|a| a.get("author").or_else(|| a.get("creator"))) else {
            return Vec::new();
        };
        match author {
            Value::Array(items) => items.iter().filter_map(|a| self.person_name(a, organisations)).collect(),
            other => self.person_name(other, organisations).into_iter().collect(),
        }
    }

    /// The article's publication date, as written (normalised later). Never `dateModified`.
    pub fn date_published(&self) -> Option<String> {
        self.article_str("datePublished").or_else(|| self.article_str("dateCreated")).or_else(|| {
            // A page whose article object lacks the date may still carry it on another object.
            self.objects.iter().find_map(|o| o.get("datePublished").and_then(first_string))
        })
    }

    /// The article's modification date, as written.
    pub fn date_modified(&self) -> Option<String> {
        self.article_str("dateModified")
    }

    /// The publisher's name.
    pub fn publisher_name(&self) -> Option<String> {
        let publisher = self.article().and_then(|a| a.get("publisher"));
        let from_article = publisher.and_then(|p| match p {
            Value::Array(items) => items.iter().find_map(|i| self.resolve(i).get("name").and_then(first_string)),
            other => self.resolve(other).get("name").and_then(first_string),
        });
        from_article.or_else(|| {
            self.objects
                .iter()
                .filter(|o| has_type(o, |t| t == "WebSite" || t == "NewsMediaOrganization"))
                .find_map(|o| o.get("name").and_then(first_string))
        })
    }

    /// The article's image URL, as written.
    pub fn image(&self) -> Option<String> {
        let image = self.article()?.get("image").or_else(|| self.article()?.get("thumbnailUrl"))?;
        self.image_url(image)
    }

    /// The article's description.
    pub fn description(&self) -> Option<String> {
        self.article_str("description")
    }

    /// The article's language.
    pub fn language(&self) -> Option<String> {
        self.article_str("inLanguage")
    }

    /// What the page declares about the people it names (the `description` of every JSON-LD `Person`, nested ones
    /// included: the article's authors, the tags of any markup written into it left out), each at least [`rules::MIN_PERSON_DESCRIPTION_CHARS`] long, at most
    /// [`rules::MAX_PERSON_DESCRIPTIONS`] of them. Shown in the body, such a text is an author's card, not the
    /// article. At most [`rules::MAX_JSON_LD_VALUES`] values are walked.
    pub fn person_descriptions(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut stack: Vec<&Value> = self.objects.iter().rev().collect();
        let mut seen = 0;
        while let Some(value) = stack.pop() {
            seen += 1;
            if seen > rules::MAX_JSON_LD_VALUES || found.len() >= rules::MAX_PERSON_DESCRIPTIONS {
                break;
            }
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if has_type(value, |t| t == rules::PERSON_TYPE)
                        && let Some(text) =
                            map.get("description").and_then(first_string).map(|text| without_markup(&text))
                        && text.chars().count() >= rules::MIN_PERSON_DESCRIPTION_CHARS
                        && !found.contains(&text)
                    {
                        found.push(text);
                    }
                    stack.extend(map.values().rev());
                }
                _ => {}
            }
        }
        found
    }

    /// The article's own URL (`url` or `mainEntityOfPage`).
    pub fn url(&self) -> Option<String> {
        let article = self.article()?;
        article.get("url").and_then(first_string).or_else(|| match article.get("mainEntityOfPage")? {
            Value::String(s) => Some(s.clone()),
            other => self.resolve(other).get("@id").and_then(first_string),
        })
    }

    /// The name of a person (or, with `organisations`, of an organisation) given as a string, an object, or a
    /// reference into `@graph`.
    fn person_name(&self, value: &Value, organisations: bool) -> Option<String> {
        match value {
            Value::String(s) if !organisations => {
                Some(decode_entities(s.trim())).filter(|s| !s.is_empty() && !looks_like_url(s))
            }
            Value::Object(_) => {
                let resolved = self.resolve(value);
                // An organisation (the outlet, a brand) is not a person's byline.
                if has_type(resolved, |t| rules::ORGANISATION_TYPES.contains(&t)) != organisations {
                    return None;
                }
                resolved.get("name").and_then(first_string).filter(|s| !looks_like_url(s))
            }
            _ => None,
        }
    }

    /// The URL of an image given as a string, an `ImageObject`, an array, or a reference.
    fn image_url(&self, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(decode_entities(s.trim())).filter(|s| !s.is_empty()),
            Value::Array(items) => items.iter().find_map(|i| self.image_url(i)),
            Value::Object(_) => {
                let resolved = self.resolve(value);
                resolved.get("url").or_else(|| resolved.get("contentUrl")).and_then(first_string)
            }
            _ => None,
        }
    }

    /// Follows an `{"@id": …}` reference to the object of the page with that id; other values come back as they are.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let Some(obj) = value.as_object() else { return value };
        if obj.len() != 1 {
            return value;
        }
        let Some(id) = obj.get("@id").and_then(Value::as_str) else {
            return value;
        };
        self.objects
            .iter()
            .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.as_object().is_some_and(|m| m.len() > 1))
            .unwrap_or(value)
    }
}

/// `text` without the tags of any markup written into it (`<p>Jane Doe is…</p>`): each tag becomes a space, so
/// that the words of two paragraphs stay apart.
fn without_markup(text: &str) -> String {
    if !text.contains('<') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses one block's text. Raw control characters (newlines inside strings, a common CMS slip) become spaces,
/// and HTML comment or CDATA wrappers are dropped. `None` if the block still is not JSON.
fn parse_block(raw: &str) -> Option<Value> {
    let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut text = cleaned.trim();
    for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] {
        text = text.strip_prefix(wrapper).unwrap_or(text).trim();
    }
    for wrapper in ["-->", "//]]>", "]]>"] {
        text = text.strip_suffix(wrapper).unwrap_or(text).trim();
    }
    text = text.strip_suffix(';').unwrap_or(text);
    serde_json::from_str(text).ok()
}

/// Adds the objects of one parsed block to `out`: arrays and `@graph` are opened, one level each.
fn flatten_into(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) => flatten_object(item, out),
                    Value::Array(inner) => out.extend(inner.into_iter().filter(Value::is_object)),
                    _ => {}
                }
            }
        }
        Value::Object(_) => flatten_object(value, out),
        _ => {}
    }
}

/// Adds an object, or the members of its `@graph`, to `out`.
fn flatten_object(mut value: Value, out: &mut Vec<Value>) {
    let graph = value.as_object_mut().and_then(|o| o.remove("@graph"));
    match graph {
        Some(Value::Array(items)) => out.extend(items.into_iter().filter(Value::is_object)),
        Some(one @ Value::Object(_)) => out.push(one),
        _ => {}
    }
    if value.as_object().is_some_and(|o| o.contains_key("@type")) {
        out.push(value);
    }
}

/// Whether `value`'s `@type` (a string or an array of strings) satisfies `test`.
fn has_type(value: &Value, test: impl Fn(&str) -> bool) -> bool {
    match value.get("@type") {
        Some(Value::String(t)) => test(strip_vocabulary(t)),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(|t| test(strip_vocabulary(t))),
        _ => false,
    }
}

/// `"http://schema.org/NewsArticle"` → `"NewsArticle"`.
fn strip_vocabulary(t: &str) -> &str {
    t.rsplit(['/', ':']).next().unwrap_or(t)
}

/// Whether a schema.org type describes an article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || rules::ARTICLE_TYPES.contains(&t)
}

/// The first non-empty string of a string, an array, or an object with `@value`.
fn first_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(decode_entities(s.trim())).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(first_string),
        Value::Object(o) => o.get("@value").and_then(first_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A JSON-LD string with its HTML character references decoded, once: CMSs write `"Maria &amp; Katerina"` or
/// `"Rock &#8217;n&#8217; roll"` into JSON-LD, where nothing decodes them. The text is read as HTML text (with
/// `<` kept literal), so every named and numeric reference HTML knows is decoded; `&amp;amp;` becomes `&amp;`.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let fragment = scraper::Html::parse_fragment(&s.replace('<', "&lt;"));
    fragment.root_element().text().collect()
}

/// Whether a text is a URL rather than a name.
fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> JsonLd {
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse("script").expect("valid selector");
        let blocks: Vec<String> = doc.select(&sel).map(|s| s.text().collect()).collect();
        JsonLd::read(blocks.iter().map(String::as_str))
    }

    #[test]
    fn graph_members_and_references_are_followed() {
        let ld = read(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://x.test/#site","name":"X Daily"},
            {"@type":"Person","@id":"https://x.test/#ana","name":"Ana Ruiz"},
            {"@type":["NewsArticle"],"headline":"Flood","author":{"@id":"https://x.test/#ana"},
             "publisher":{"@id":"https://x.test/#site"},"datePublished":"2020-01-02","dateModified":"2020-01-01",
             "image":{"@type":"ImageObject","url":"/a.jpg"}}]}</script>"#,
        );
        assert_eq!(ld.headline().as_deref(), Some("Flood"));
        assert_eq!(ld.author_list(), ["Ana Ruiz"]);
        assert_eq!(ld.publisher_name().as_deref(), Some("X Daily"));
        assert_eq!(ld.date_published().as_deref(), Some("2020-01-02"));
        assert_eq!(ld.image().as_deref(), Some("/a.jpg"));
    }

    #[test]
    fn invalid_blocks_are_ignored_and_valid_ones_kept() {
        let ld = read(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
               <script type="application/ld+json">[{"@type":"BlogPosting","headline":"Line
               break","author":["Bo Lin",{"name":"Cy Dee"},"https://x.test/authors/bo"]}]</script>"#,
        );
        assert_eq!(ld.headline().as_deref(), Some("Line                break"));
        assert_eq!(ld.author_list(), ["Bo Lin", "Cy Dee"]);
    }

    #[test]
    fn deeply_nested_json_does_not_panic() {
        let deep =
            format!(r#"<script type="application/ld+json">{}{}</script>"#, "[".repeat(100_000), "]".repeat(100_000));
        let ld = read(&deep);
        assert!(ld.headline().is_none());
    }
}
