//! Build script: lets tauri-build read the configuration at the repository root (`../tauri.conf.json`) and limits
//! the app's own commands to those listed here, so that a capability must grant each one the UI uses.

/// Every command the shell registers; `capabilities/main.json` grants them to the main window.
const COMMANDS: &[&str] = &[
    "library_info",
    "folder_tree",
    "tags",
    "list_clippings",
    "clipping",
    "trash",
    "search",
    "open_external",
    "render_note",
    "prepare_clip",
    "prepare_page",
    "save_clip",
    "discard_clip",
    "cancel_clip",
    "load_images",
    "clipboard_web_address",
    "choose_export_target",
    "export",
    "cancel_export",
    "open_export",
    "create_folder",
    "rename_folder",
    "move_folder",
    "delete_folder",
    "move_clippings",
    "add_tags",
    "remove_tags",
    "rename_tag",
    "merge_tags",
    "delete_tag",
    "edit_metadata",
    "add_note",
    "edit_note",
    "delete_note",
    "list_highlights",
    "add_highlight",
    "edit_highlight",
    "remove_highlight",
    "restore_highlight",
    "trash_clippings",
    "restore",
    "empty_trash",
    "count_addresses",
    "queue_addresses",
    "queue_overview",
    "pause_queue",
    "retry_queue_jobs",
    "cancel_queue_jobs",
    "clear_queue",
    "choose_import_file",
    "preview_import",
    "start_import",
    "watch_queue",
    "watch_library",
    "api_settings",
    "new_api_token",
    "copy_api_token",
    "watch_open_requests",
    "open_browser",
    "clip_browser_page",
    "watch_browser_clips",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
