//! How the command line prints: one JSON value with `--json`, aligned plain lines otherwise.

use cuttings::store::ClippingSummary;
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    let outlet = pad(&truncate(outlet, OUTLET_WIDTH), OUTLET_WIDTH);
    let mut line = format!("#{:<5} {date}  {outlet} {}", clipping.id.0, clipping.title);
    if !clipping.tags.is_empty() {
        line.push_str(&format!("  [{}]", clipping.tags.join(", ")));
    }
    line
}

/// Terminal columns given to the outlet in a clipping line.
const OUTLET_WIDTH: usize = 24;

/// `text` cut to at most `max` terminal columns (Korean and Chinese characters take two), with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    cut
}

/// `text` padded with spaces to `columns` terminal columns.
fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(text.width())))
}
