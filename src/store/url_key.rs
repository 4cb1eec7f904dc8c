//! URL normalisation for duplicate detection.
//!
//! Two URLs that name the same article get the same key: scheme and host lowercased, `http` and `https` treated
//! alike, default ports dropped, the fragment dropped, a trailing slash dropped (except for the root), tracking
//! parameters removed ([`TRACKING_PARAMETERS`] and every `utm_*`), and the remaining query parameters sorted.
//! Pure functions, no I/O.

use url::Url;

/// Query parameters that only track the reader and never change the page; compared ignoring case.
pub const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "ncid",
    "cmpid",
    "at_medium",
    "at_campaign",
    "ito",
    "ocid",
    "sr_share",
    "s_cid",
];

/// Whether a query parameter name is a tracking parameter.
fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("utm_") || TRACKING_PARAMETERS.contains(&lower.as_str())
}

/// The duplicate-detection key of a URL. Text that does not parse as an absolute URL is only trimmed.
pub fn normalise(url: &str) -> String {
    let trimmed = url.trim();
    let Ok(mut parsed) = Url::parse(trimmed) else {
        return trimmed.to_string();
    };
    parsed.set_fragment(None);
    let mut pairs: Vec<(String, String)> =
        parsed.query_pairs().filter(|(k, _)| !is_tracking(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.sort();
    if pairs.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let path = parsed.path().to_string();
    if path.len() > 1 && path.ends_with('/') {
        parsed.set_path(path.trim_end_matches('/'));
    }
    let text = parsed.to_string();
    // http and https name the same article; the key keeps only what follows the scheme.
    match parsed.scheme() {
        "http" | "https" => text.split_once(':').map(|(_, rest)| rest.to_string()).unwrap_or(text),
        _ => text,
    }
}

/// The key of a canonical URL, or `None` when it names only a site's home page (some sites declare their home page
/// as every article's canonical URL, which would make every clipping a duplicate of every other).
pub fn normalise_canonical(url: &str) -> Option<String> {
    let parsed = Url::parse(url.trim()).ok()?;
    if parsed.path() == "/" && parsed.query().is_none() {
        return None;
    }
    Some(normalise(url))
}

/// The host of a URL, lowercased and without a leading `www.`, for `site:` searches.
pub fn host(url: &str) -> Option<String> {
    let parsed = Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").map(str::to_string).unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_article_same_key() {
        let a = normalise("HTTPS://Example.COM:443/news/story/?utm_source=x&b=2&a=1&fbclid=zz#comments");
        let b = normalise("http://example.com/news/story?a=1&b=2&gclid=q&mc_cid=1");
        assert_eq!(a, b);
        assert_eq!(a, "//example.com/news/story?a=1&b=2");
    }

    #[test]
    fn different_articles_differ() {
        assert_ne!(normalise("https://example.com/a?id=1"), normalise("https://example.com/a?id=2"));
        assert_ne!(normalise("https://example.com/a"), normalise("https://example.com:8080/a"));
        assert_eq!(normalise("  not a url  "), "not a url");
    }

    #[test]
    fn home_page_canonical_is_ignored() {
        assert_eq!(normalise_canonical("https://example.com/"), None);
        assert!(normalise_canonical("https://example.com/story").is_some());
    }
}
