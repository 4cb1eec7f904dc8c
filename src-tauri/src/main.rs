//! The Cuttings desktop app: a Tauri 2 window over the `cuttings` core library.
//!
//! Start-up: 1. read `--library PATH` (else `CUTTINGS_LIBRARY`, else the core's default path); 2. open the library
//! once into [`state::LibraryState`]; 3. build the main window from `tauri.conf.json`, refusing every navigation
//! away from the app's own pages (external links go to the system browser through `open_external`), and start
//! watching the library for changes by other programs (`watch`: on focus and every few seconds); 4. run.
//! Cuttings' browser (`browser`) is a second window, made when the clip dialog first opens a page in it, with no
//! capability: its pages call nothing; it closes with the main window. The window works the library's clipping
//! queue while it is open (`queue`), unless another program does.
//! This crate is the only place that knows about IPC and JSON for the UI; it never touches SQL or HTML itself.

// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod api;
mod bindings;
mod browser;
mod commands;
mod dto;
mod error;
mod images;
mod navigation;
mod queue;
mod state;
mod watch;

use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use tauri::{Manager, WebviewWindowBuilder};

/// The Cuttings desktop app.
#[derive(Debug, Parser)]
#[command(name = "cuttings-desktop", version, about)]
struct Args {
    /// The library file to open (created if missing).
    #[arg(long, value_name = "PATH", env = "CUTTINGS_LIBRARY")]
    library: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    // 1. Where the library is.
    let args = Args::parse();
    let path = match args.library.filter(|p| !p.as_os_str().is_empty()) {
        Some(path) => path,
        None => cuttings::store::default_library_path()?,
    };
    // 2. Opened once; an open failure is kept and shown in the window.
    let library = state::LibraryState::open(&path);

    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        // The native save dialog of the export; the UI cannot call it directly (no dialog permission is granted),
        // only through `choose_export_target`.
        .plugin(tauri_plugin_dialog::init())
        // The clipboard, read by `clipboard_web_address` only: no clipboard permission is granted to the UI, so
        // the page never reads the clipboard itself, and only a web address on it ever reaches the UI.
        .plugin(tauri_plugin_clipboard_manager::init())
        // Window size (and maximised state) kept from the last run; position is left to the window manager.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        // Stored images of the offline archive, for the reader (see `images`).
        .register_uri_scheme_protocol("cuttings-image", |context, request| {
            images::respond(&context.app_handle().state::<state::LibraryState>(), &request)
        })
        .manage(library)
        .manage(state::ClipState::new())
        .manage(state::ExportState::default())
        .manage(watch::LibraryWatch::default())
        .manage(api::ApiService::from_environment())
        .manage(browser::BrowserState::default())
        .manage(queue::QueueService::default())
        .invoke_handler(tauri::generate_handler![
            commands::browse::library_info,
            commands::browse::folder_tree,
            commands::browse::tags,
            commands::browse::list_clippings,
            commands::browse::clipping,
            commands::browse::trash,
            commands::browse::search,
            commands::browse::open_external,
            commands::browse::render_note,
            commands::clip::prepare_clip,
            commands::clip::prepare_page,
            commands::clip::save_clip,
            commands::clip::discard_clip,
            commands::clip::cancel_clip,
            commands::clip::load_images,
            commands::clip::clipboard_web_address,
            commands::export::choose_export_target,
            commands::export::export,
            commands::export::cancel_export,
            commands::export::open_export,
            commands::organise::create_folder,
            commands::organise::rename_folder,
            commands::organise::move_folder,
            commands::organise::delete_folder,
            commands::organise::move_clippings,
            commands::organise::add_tags,
            commands::organise::remove_tags,
            commands::organise::rename_tag,
            commands::organise::merge_tags,
            commands::organise::delete_tag,
            commands::organise::edit_metadata,
            commands::organise::add_note,
            commands::organise::edit_note,
            commands::organise::delete_note,
            commands::highlights::list_highlights,
            commands::highlights::add_highlight,
            commands::highlights::edit_highlight,
            commands::highlights::remove_highlight,
            commands::highlights::restore_highlight,
            commands::organise::trash_clippings,
            commands::organise::restore,
            commands::organise::empty_trash,
            commands::queue::count_addresses,
            commands::queue::queue_addresses,
            commands::queue::queue_overview,
            commands::queue::pause_queue,
            commands::queue::retry_queue_jobs,
            commands::queue::cancel_queue_jobs,
            commands::queue::clear_queue,
            commands::queue::choose_import_file,
            commands::queue::preview_import,
            commands::queue::start_import,
            queue::watch_queue,
            watch::watch_library,
            api::api_settings,
            api::new_api_token,
            api::copy_api_token,
            api::watch_open_requests,
            browser::open_browser,
            browser::clip_browser_page,
            browser::watch_browser_clips,
        ])
        .setup(|app| {
            // 3. The main window, from the configuration, with navigation locked to the app.
            let config = app.config().app.windows.first().cloned().context("tauri.conf.json declares no window")?;
            let handle = app.handle().clone();
            let window = WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(move |url| navigation::allow(&handle, url))
                .build()?;
            // Another program may have changed the library while the window was in the background.
            let handle = app.handle().clone();
            window.on_window_event(move |event| {
                if let tauri::WindowEvent::CloseRequested { .. } = event {
                    // Cuttings' browser belongs to the window that opened it: it closes with it, so the app ends.
                    if let Some(browser) = handle.get_webview_window(browser::BROWSER_LABEL) {
                        let _ = browser.close();
                    }
                    // The queue's jobs under way go back to the queue, for the next worker.
                    handle.state::<queue::QueueService>().stop();
                    // The core's upkeep on close (planner statistics); the window closes whatever it says.
                    let _ = handle.state::<state::LibraryState>().with(|library| {
                        library.upkeep();
                        Ok::<_, error::CommandError>(())
                    });
                } else if let tauri::WindowEvent::Focused(true) = event {
                    // Off the event loop: the look waits for the library lock while a command holds it.
                    let handle = handle.clone();
                    tauri::async_runtime::spawn_blocking(move || {
                        handle.state::<watch::LibraryWatch>().check(&handle.state::<state::LibraryState>());
                    });
                }
            });
            watch::start(app.handle())?;
            api::start(app.handle());
            queue::start(app.handle());
            Ok(())
        })
        // 4. Run until the last window closes.
        .run(tauri::generate_context!("../tauri.conf.json"))
        .context("running the Cuttings window")?;
    Ok(())
}
