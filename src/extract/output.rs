//! The article body in its output forms: sanitised HTML (allow-list) and Markdown.

use url::Url;

/// Sanitises article HTML with an allow-list: no scripts, event handlers, iframes, forms, style attributes,
/// `javascript:` or `data:` links; links and images made absolute against `base`.
pub fn sanitise_html(html: &str, base: &Url) -> String {
    // Placeholder until the output stage lands; replaced on the `extract-meta` branch.
    let _ = (html, base);
    String::new()
}

/// Converts sanitised article HTML to GitHub-flavoured Markdown.
pub fn to_markdown(clean_html: &str) -> String {
    // Placeholder until the output stage lands; replaced on the `extract-meta` branch.
    let _ = clean_html;
    String::new()
}
