//! The local clipping API while the window is open: started with the app on the port of `CUTTINGS_API_PORT` (or
//! the default), served by the core ([`cuttings::api`]) on a connection of its own to the open library. When
//! another program holds the port (`cuttings serve`, most often) the app does not serve and Settings › Browser
//! extension says why. A request to open a clipping is handed to the UI on the channel it gave with
//! `watch_open_requests`, and the window comes forward. Clippings the API saves reach the lists through the
//! library watch (`watch.rs`), as any other program's do.

use std::sync::{Arc, Mutex, PoisonError};

use cuttings::api::{self, ApiServer, ApiState, ServerRole};
use cuttings::store::ClippingId;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::dto::ApiSettings;
use crate::error::CommandError;
use crate::state::LibraryState;

/// What became of serving the API, and where the UI wants open requests.
pub struct ApiService {
    port: u16,
    problem: Mutex<Option<String>>,
    open_requests: Mutex<Option<Channel<i64>>>,
}

impl ApiService {
    /// The service for the port set in the environment, else the default one.
    pub fn from_environment() -> ApiService {
        let port = std::env::var(api::PORT_ENV).ok().and_then(|p| p.trim().parse().ok()).unwrap_or(api::DEFAULT_PORT);
        ApiService { port, problem: Mutex::new(Some("starting…".to_string())), open_requests: Mutex::new(None) }
    }

    fn set_problem(&self, problem: Option<String>) {
        *self.problem.lock().unwrap_or_else(PoisonError::into_inner) = problem;
    }
}

/// Binds the port and serves the API for as long as the app runs, on the app's async runtime.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let service = app.state::<ApiService>();
        let library = app.state::<LibraryState>().path().to_path_buf();
        let opener_app = app.clone();
        let served = ApiServer::bind(service.port).and_then(|server| {
            let state = ApiState::new(&library, ServerRole::App, server.port())?
                .with_opener(move |id| show_clipping(&opener_app, id));
            Ok((server, state))
        });
        match served {
            Ok((server, state)) => {
                service.set_problem(None);
                server.run(Arc::new(state), std::future::pending()).await;
            }
            Err(error) => service.set_problem(Some(error.to_string())),
        }
    });
}

/// Shows clipping `id` in the window (the API's `open`): false when the library has no such clipping.
fn show_clipping(app: &AppHandle, id: ClippingId) -> bool {
    if app.state::<LibraryState>().with(|library| library.clipping(id)).is_err() {
        return false;
    }
    // The main window, never Cuttings' browser; one that cannot be raised (a window manager that refuses) still
    // shows the clipping.
    if let Some(window) = app.get_webview_window("main") {
        crate::browser::bring_forward(&window);
    }
    let service = app.state::<ApiService>();
    let channel = service.open_requests.lock().unwrap_or_else(PoisonError::into_inner);
    channel.as_ref().is_some_and(|channel| channel.send(id.0).is_ok())
}

/// The API's port, whether this window serves it, and the pairing token (made on first ask).
#[tauri::command]
pub fn api_settings(
    service: State<'_, ApiService>,
    library: State<'_, LibraryState>,
) -> Result<ApiSettings, CommandError> {
    let token = api::token::current_or_new(library.path()).map_err(|e| CommandError::new("io", e.to_string()))?;
    Ok(settings(&service, token))
}

/// Replaces the pairing token: the old one stops working at once.
#[tauri::command]
pub fn new_api_token(
    service: State<'_, ApiService>,
    library: State<'_, LibraryState>,
) -> Result<ApiSettings, CommandError> {
    let token = api::token::renew(library.path()).map_err(|e| CommandError::new("io", e.to_string()))?;
    Ok(settings(&service, token))
}

fn settings(service: &ApiService, token: String) -> ApiSettings {
    let problem = service.problem.lock().unwrap_or_else(PoisonError::into_inner).clone();
    ApiSettings { port: service.port, serving: problem.is_none(), problem, token }
}

/// Puts the pairing token on the system clipboard, for pasting into the extension (the page itself has no
/// clipboard access).
#[tauri::command]
pub fn copy_api_token(app: AppHandle, library: State<'_, LibraryState>) -> Result<(), CommandError> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    let token = api::token::current_or_new(library.path()).map_err(|e| CommandError::new("io", e.to_string()))?;
    app.clipboard().write_text(token).map_err(|e| CommandError::new("io", format!("copying to the clipboard: {e}")))
}

/// Tells the UI on `on_open` the id of each clipping the extension asks to open (replacing an earlier channel).
#[tauri::command]
pub fn watch_open_requests(service: State<'_, ApiService>, on_open: Channel<i64>) {
    *service.open_requests.lock().unwrap_or_else(PoisonError::into_inner) = Some(on_open);
}
