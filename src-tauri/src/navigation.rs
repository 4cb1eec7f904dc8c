//! Keeps the app window on the app: every navigation away from the app's own pages is refused.
//!
//! Clipped articles contain links. In the window's own document the UI opens them in the system browser itself
//! (`ui/src/lib/links.ts`). Articles are shown in sandboxed frames without scripts, where WebKit runs no listener
//! of the app either: a click on a link there navigates the frame, and this guard, which WebKitGTK asks for the
//! frames too, is what stops it: the webview stays where it is, and an http(s) address is handed to the system
//! browser instead. Never allows a remote page into the window or into a frame.

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

/// The app's own pages: `tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows; and
/// `about:srcdoc`, the document of an article frame, which the app writes itself (`srcdoc`) and which can load
/// nothing but stored images (its CSP).
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => url.path() == "srcdoc" && url.query().is_none(),
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
        assert!(page("about:srcdoc"));
        assert!(!page("about:blank"));
        assert!(!page("about:srcdoc?https://example.org/"));
    }
}
