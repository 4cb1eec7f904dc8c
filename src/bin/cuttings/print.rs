//! How the command line prints: one JSON value with `--json`, aligned plain lines otherwise.

use cuttings::store::ClippingSummary;
use serde::Serialize;

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// One line per clipping: id, published date, outlet, title, tags.
pub fn clipping_lines(clippings: &[ClippingSummary]) {
    for clipping in clippings {
        println!("{}", clipping_line(clipping));
    }
}

/// One clipping as `#12  2016-12-15  Radio Free Asia  Title  [tag, tag]`.
pub fn clipping_line(clipping: &ClippingSummary) -> String {
    let date = clipping.published.as_deref().map(|d| d.get(..10).unwrap_or(d)).unwrap_or("----------");
    let outlet = clipping.site_name.as_deref().unwrap_or("");
    let mut line = format!("#{:<5} {date}  {:<24} {}", clipping.id.0, truncate(outlet, 24), clipping.title);
    if !clipping.tags.is_empty() {
        line.push_str(&format!("  [{}]", clipping.tags.join(", ")));
    }
    line
}

/// `text` cut to at most `max` characters (not bytes), with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
