//! Who may talk to the API: checks on a request's headers, pure, in the order the server applies them.

use super::ApiError;

/// The `Host` header must name this server itself (`127.0.0.1:PORT` or `localhost:PORT`): a page that made a
/// name of its own resolve to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
pub fn check_host(host: Option<&str>, port: u16) -> Result<(), ApiError> {
    let host = host.map(str::trim).unwrap_or_default().to_ascii_lowercase();
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if allowed.contains(&host) { Ok(()) } else { Err(ApiError::BadHost) }
}

/// The id of the Chromium extension (fixed by the `key` in its manifest).
pub const CHROMIUM_EXTENSION_ID: &str = "kaohbiokcmdbbohijhehcpiaboofkikg";

/// A request from a web page carries that page's `Origin` and is refused, whatever else it carries. Served: no
/// `Origin` (curl, scripts, the extension's background in Firefox) and the extension's own origins (Firefox gives
/// each installation an origin of its own, so any `moz-extension://`).
pub fn check_origin(origin: Option<&str>) -> Result<(), ApiError> {
    let Some(origin) = origin.map(str::trim) else { return Ok(()) };
    let chromium = format!("chrome-extension://{CHROMIUM_EXTENSION_ID}");
    let firefox = origin
        .strip_prefix("moz-extension://")
        .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if origin == chromium || firefox { Ok(()) } else { Err(ApiError::ForbiddenOrigin) }
}

/// The token of an `Authorization: Bearer <token>` header, if it has that form.
pub fn bearer(authorization: Option<&str>) -> Option<&str> {
    let value = authorization?.trim();
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_own_address_is_a_host() {
        assert!(check_host(Some("127.0.0.1:41521"), 41521).is_ok());
        assert!(check_host(Some("localhost:41521"), 41521).is_ok());
        assert!(check_host(Some("LOCALHOST:41521"), 41521).is_ok());
        for host in [None, Some("evil.example:41521"), Some("127.0.0.1:80"), Some("127.0.0.1"), Some("")] {
            assert!(matches!(check_host(host, 41521), Err(ApiError::BadHost)), "{host:?}");
        }
    }

    #[test]
    fn web_pages_are_refused_and_the_extension_is_served() {
        assert!(check_origin(None).is_ok());
        assert!(check_origin(Some("chrome-extension://kaohbiokcmdbbohijhehcpiaboofkikg")).is_ok());
        assert!(check_origin(Some("moz-extension://6f1c2b6e-1a4f-4b7e-9e55-0d7e1d0a9c11")).is_ok());
        for origin in [
            "https://news.example",
            "http://127.0.0.1:41521",
            "null",
            "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "moz-extension://",
            "moz-extension://x.evil.example",
        ] {
            assert!(matches!(check_origin(Some(origin)), Err(ApiError::ForbiddenOrigin)), "{origin}");
        }
    }

    #[test]
    fn a_bearer_token_is_read_from_its_header() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(None), None);
    }
}
