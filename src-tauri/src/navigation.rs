//! Keeps the app window on the app: every navigation away from the app's own pages is refused.
//!
//! Clipped articles contain links. The UI opens them in the system browser itself, but should a click slip
//! through (or a page element try to navigate), this is the last guard: the webview stays where it is, and an
//! http(s) address is handed to the system browser instead. Never allows a remote page into the window.

use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;
use url::Url;

/// Whether the window may navigate to `url`: only the app's own origin. A web address is opened outside instead.
pub fn allow(app: &AppHandle, url: &Url) -> bool {
    if is_app_page(url) {
        return true;
    }
    if matches!(url.scheme(), "http" | "https") {
        // Best effort: with no browser installed there is nothing more to do, and the window still stays put.
        let _ = app.opener().open_url(url.as_str(), None::<&str>);
    }
    false
}

/// The app's own pages: `tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows.
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_origin_is_an_app_page() {
        let page = |s: &str| is_app_page(&Url::parse(s).unwrap());
        assert!(page("tauri://localhost/index.html"));
        assert!(page("http://tauri.localhost/"));
        assert!(!page("https://example.org/news/1"));
        assert!(!page("http://tauri.localhost.evil.example/"));
        assert!(!page("file:///etc/passwd"));
        assert!(!page("javascript:alert(1)"));
    }
}
