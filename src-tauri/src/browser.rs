//! Cuttings' browser: an app window (label [`BROWSER_LABEL`]) that shows a web page with a profile of its own, so
//! that the user can log in to their subscriptions once, accept a consent wall, or let a page's scripts build it,
//! and then clip the page as it was rendered.
//!
//! **No page opened here can call the app's commands**: `capabilities/main.json` grants every command to the
//! window labelled `main` only and lists no remote address, so IPC from this window is refused whatever the page
//! does (a test below checks the capability files). The window navigates only to http(s) addresses
//! ([`may_navigate`]); a link that asks for a new window opens in this one.
//!
//! "Clip this page" (its menu, Ctrl+Shift+S, or the main window's `clip_browser_page`) asks the webview for the
//! rendered document through the shell's script evaluation, which needs no IPC from the page ([`RENDERED_PAGE`]),
//! prepares it with the core's `clip::prepare_rendered` on a blocking thread, and holds it in the same
//! [`ClipState`] as the clip dialog's previews; the menu hands the preview to the main window on the channel the UI
//! gave with `watch_browser_clips` and brings that window forward, so the user files it in the clip dialog.
//! Never reads or writes the library itself.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use cuttings::archive::ProvidedImages;
use cuttings::clip::{RenderedPage, prepare_rendered};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::menu::{MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use url::Url;

use crate::dto::{BrowserClip, ClipPreview};
use crate::error::CommandError;
use crate::state::ClipState;

/// The browser window's label; no capability names it.
pub const BROWSER_LABEL: &str = "browser";

/// The browser's profile (cookies, storage, cache), inside the app's data folder.
const PROFILE_FOLDER: &str = "browser-profile";

/// The menu items' ids.
const CLIP: &str = "browser-clip";
const BACK: &str = "browser-back";
const RELOAD: &str = "browser-reload";
const CLOSE: &str = "browser-close";

/// How long the page may take to hand over its document.
const PAGE_ANSWER: Duration = Duration::from_secs(15);

/// The script that reads the rendered page, run by the shell in the page (no IPC involved): its document after its
/// scripts ran, its title, and the HTML of the selection when the user selected something. Its answer is data from
/// the page, checked like any other ([`RenderedDocument`], then the core).
const RENDERED_PAGE: &str = r#"(() => {
  const selection = window.getSelection();
  let selectionHtml = null;
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const holder = document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.appendChild(selection.getRangeAt(i).cloneContents());
    selectionHtml = holder.innerHTML;
  }
  return { url: String(location.href), html: document.documentElement.outerHTML, title: String(document.title), selectionHtml };
})()"#;

/// What [`RENDERED_PAGE`] answers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RenderedDocument {
    html: String,
    title: Option<String>,
    selection_html: Option<String>,
}

/// Where the UI wants the pages clipped from the browser's menu.
#[derive(Default)]
pub struct BrowserState {
    clips: Mutex<Option<Channel<BrowserClip>>>,
}

/// Opens `url` in Cuttings' browser: the window is made on first use (with its own persistent profile and its
/// menu), else brought forward and sent to the address.
#[tauri::command]
pub async fn open_browser(app: AppHandle, url: String) -> Result<(), CommandError> {
    let url = cuttings::fetch::web_url(url.trim())?;
    if let Some(window) = app.get_webview_window(BROWSER_LABEL) {
        window.navigate(url).map_err(|e| CommandError::new("internal", format!("opening the page: {e}")))?;
        bring_forward(&window);
        return Ok(());
    }
    let profile = profile_folder(&app)?;
    let window = build_window(&app, url, profile)
        .map_err(|e| CommandError::new("internal", format!("opening Cuttings' browser: {e}")))?;
    bring_forward(&window);
    Ok(())
}

/// Clips the page shown in Cuttings' browser, as it is rendered there; the preview is held for `save_clip`.
#[tauri::command]
pub async fn clip_browser_page(app: AppHandle, clips: State<'_, ClipState>) -> Result<ClipPreview, CommandError> {
    clip_page(&app, &clips).await
}

/// Tells the UI on `on_clip` each page clipped with the browser's own "Clip this page" (replacing an earlier
/// channel).
#[tauri::command]
pub fn watch_browser_clips(browser: State<'_, BrowserState>, on_clip: Channel<BrowserClip>) {
    *browser.clips.lock().unwrap_or_else(PoisonError::into_inner) = Some(on_clip);
}

/// The browser's profile folder in the app's data folder.
fn profile_folder(app: &AppHandle) -> Result<PathBuf, CommandError> {
    let data = app
        .path()
        .app_data_dir()
        .map_err(|e| CommandError::new("no_data_folder", format!("the system has no data folder for the app: {e}")))?;
    Ok(data.join(PROFILE_FOLDER))
}

/// Makes the browser window on `url`, with its profile in `profile` and its menu.
fn build_window(app: &AppHandle, url: Url, profile: PathBuf) -> tauri::Result<WebviewWindow> {
    let clip = MenuItemBuilder::with_id(CLIP, "Clip this page").accelerator("CmdOrCtrl+Shift+S").build(app)?;
    let back = MenuItemBuilder::with_id(BACK, "Back").accelerator("Alt+Left").build(app)?;
    let reload = MenuItemBuilder::with_id(RELOAD, "Reload").accelerator("CmdOrCtrl+R").build(app)?;
    let close = MenuItemBuilder::with_id(CLOSE, "Close").accelerator("CmdOrCtrl+W").build(app)?;
    let page = SubmenuBuilder::new(app, "Page")
        .item(&clip)
        .item(&PredefinedMenuItem::separator(app)?)
        .item(&back)
        .item(&reload)
        .item(&PredefinedMenuItem::separator(app)?)
        .item(&close)
        .build()?;
    let menu = MenuBuilder::new(app).item(&page).build()?;
    let opener = app.clone();
    WebviewWindowBuilder::new(app, BROWSER_LABEL, WebviewUrl::External(url))
        .title("Cuttings browser")
        .inner_size(1100.0, 800.0)
        .data_directory(profile)
        .menu(menu)
        .on_menu_event(|window, event| on_menu(window.app_handle(), &event))
        .on_navigation(may_navigate)
        .on_new_window(move |url, _features| {
            // A link meant for a new tab opens here: one window, one profile, and no window the app did not make.
            if may_navigate(&url)
                && let Some(window) = opener.get_webview_window(BROWSER_LABEL)
            {
                let _ = window.navigate(url);
            }
            NewWindowResponse::Deny
        })
        .build()
}

/// Whether the browser window may go to `url`: a web page (http or https), never the app's own pages, a file, a
/// script or any other scheme; and the blank and inline documents of a page's own frames.
fn may_navigate(url: &Url) -> bool {
    match url.scheme() {
        "http" | "https" => !crate::navigation::is_app_page(url),
        "about" => matches!(url.path(), "blank" | "srcdoc"),
        _ => false,
    }
}

/// Runs a menu item of the browser window.
fn on_menu(app: &AppHandle, event: &MenuEvent) {
    let Some(window) = app.get_webview_window(BROWSER_LABEL) else { return };
    // Best effort: a page that is gone or still loading simply does not go back or reload.
    match event.id().as_ref() {
        CLIP => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let outcome = clip_page(&app, &app.state::<ClipState>()).await;
                hand_to_main_window(&app, outcome);
            });
        }
        BACK => {
            let _ = window.eval("history.back()");
        }
        RELOAD => {
            let _ = window.reload();
        }
        CLOSE => {
            let _ = window.close();
        }
        _ => {}
    }
}

/// Hands a page clipped from the browser's menu (or why it failed) to the main window, and brings it forward.
fn hand_to_main_window(app: &AppHandle, outcome: Result<ClipPreview, CommandError>) {
    let message = match outcome {
        Ok(preview) => BrowserClip::Prepared { preview: Box::new(preview) },
        Err(error) => BrowserClip::Failed { error },
    };
    if let Some(main) = app.get_webview_window("main") {
        bring_forward(&main);
    }
    let browser = app.state::<BrowserState>();
    let channel = browser.clips.lock().unwrap_or_else(PoisonError::into_inner);
    let delivered = channel.as_ref().is_some_and(|channel| channel.send(message.clone()).is_ok());
    // Nobody to file it: the held page would wait for a save that never comes.
    if !delivered && let BrowserClip::Prepared { preview } = message {
        app.state::<ClipState>().release(preview.token);
    }
}

/// The page shown in the browser window, read as rendered and prepared by the core; held in `clips`.
async fn clip_page(app: &AppHandle, clips: &ClipState) -> Result<ClipPreview, CommandError> {
    let window = app
        .get_webview_window(BROWSER_LABEL)
        .ok_or_else(|| CommandError::new("browser_closed", "Cuttings' browser is not open"))?;
    // The address from the webview itself, not from the page.
    let url = window.url().map_err(|e| CommandError::new("browser_no_page", format!("reading its address: {e}")))?;
    let document = rendered_document(&window).await?;
    let page = RenderedPage {
        url: url.to_string(),
        html: document.html,
        title: document.title,
        selection_html: document.selection_html,
        images: ProvidedImages::new(),
    };
    // Extraction is CPU work: off the async threads.
    let prepared = tauri::async_runtime::spawn_blocking(move || prepare_rendered(page, Default::default()))
        .await
        .map_err(|e| CommandError::new("internal", format!("extracting the page stopped: {e}")))??;
    let token = clips.hold(prepared.clone());
    Ok(ClipPreview::new(token, &prepared))
}

/// Asks the browser's webview for its rendered document ([`RENDERED_PAGE`]).
async fn rendered_document(window: &WebviewWindow) -> Result<RenderedDocument, CommandError> {
    let no_page = |why: &str| {
        CommandError::new("browser_no_page", format!("Cuttings' browser did not hand over its page: {why}"))
    };
    let (sender, receiver) = tokio::sync::oneshot::channel::<String>();
    let sender = Mutex::new(Some(sender));
    window
        .eval_with_callback(RENDERED_PAGE, move |json| {
            if let Some(sender) = sender.lock().unwrap_or_else(PoisonError::into_inner).take() {
                let _ = sender.send(json);
            }
        })
        .map_err(|e| no_page(&e.to_string()))?;
    // The webview drops the request (and so the sender) while a page is still loading.
    let json = match tokio::time::timeout(PAGE_ANSWER, receiver).await {
        Ok(Ok(json)) => json,
        Ok(Err(_)) => return Err(no_page("the page is still loading; try again when it has loaded")),
        Err(_) => return Err(no_page("it did not answer within 15 seconds")),
    };
    serde_json::from_str(&json).map_err(|_| no_page("its answer was not a page"))
}

/// Shows `window` and gives it the focus (a window manager may refuse; the window is still there).
pub fn bring_forward(window: &WebviewWindow) {
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_goes_only_to_web_pages() {
        let may = |s: &str| may_navigate(&Url::parse(s).unwrap());
        assert!(may("https://news.example/2026/12/quays"));
        assert!(may("http://127.0.0.1:8080/story"));
        assert!(may("about:blank"));
        for refused in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "cuttings-image://localhost/abc",
            "ipc://localhost/library_info",
            "ftp://files.example/a",
            "about:config",
        ] {
            assert!(!may(refused), "{refused}");
        }
    }

    #[test]
    fn no_capability_reaches_the_browser_window_or_a_remote_page() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let capability: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert!(capability.get("remote").is_none(), "{} lets remote pages call commands", path.display());
            assert!(capability.get("webviews").is_none(), "{} names webviews", path.display());
            assert_eq!(capability["windows"], serde_json::json!(["main"]), "{}", path.display());
            seen += 1;
        }
        assert!(seen > 0);
    }

    #[test]
    fn the_rendered_document_is_read_as_data() {
        let document: RenderedDocument = serde_json::from_str(
            r#"{"url":"https://x.example/","html":"<html></html>","title":"T","selectionHtml":null}"#,
        )
        .unwrap();
        assert_eq!(document.html, "<html></html>");
        assert!(document.selection_html.is_none());
        assert!(serde_json::from_str::<RenderedDocument>("null").is_err());
        assert!(serde_json::from_str::<RenderedDocument>(r#""<html>""#).is_err());
    }
}
