//! TypeScript declarations of the types in [`crate::dto`] and [`crate::error`], generated with ts-rs, and the
//! check that the UI names the shell's commands as `main.rs` registers them.
//!
//! The generated file `ui/src/lib/bindings/index.ts` is committed. The test in this module fails when it is stale;
//! regenerate it with `UPDATE_BINDINGS=1 cargo test --workspace --bin cuttings-desktop bindings` and review the
//! diff. The command names are written once on each side, in `generate_handler!` (`main.rs`) and in the `Commands`
//! table of `ui/src/lib/backend.ts`; a test compares the two lists.

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ts_rs::{Config, TS};

    use crate::dto::*;
    use crate::error::{CommandError, ErrorCode};

    /// The whole bindings file: one exported declaration per type, in a fixed order.
    fn typescript() -> String {
        let config = Config::new().with_large_int("number");
        let declarations = [
            CommandError::decl(&config),
            ErrorCode::decl(&config),
            LibraryInfo::decl(&config),
            ApiSettings::decl(&config),
            FolderNode::decl(&config),
            TagSummary::decl(&config),
            ListSource::decl(&config),
            SortKey::decl(&config),
            ListRequest::decl(&config),
            ClippingRow::decl(&config),
            NoteView::decl(&config),
            HighlightColour::decl(&config),
            HighlightView::decl(&config),
            ClippingView::decl(&config),
            TrashEntryKind::decl(&config),
            TrashEntry::decl(&config),
            ClipPreview::decl(&config),
            WholePagePreview::decl(&config),
            BrowserReason::decl(&config),
            BrowserClip::decl(&config),
            SaveClipRequest::decl(&config),
            SaveProgress::decl(&config),
            SaveOutcome::decl(&config),
            ImagesLoaded::decl(&config),
            MetadataEdit::decl(&config),
            SearchRequest::decl(&config),
            SearchResult::decl(&config),
            FoundIn::decl(&config),
            ExportSource::decl(&config),
            ExportFormat::decl(&config),
            ExportOrder::decl(&config),
            ExportGrouping::decl(&config),
            ExportMarkStyle::decl(&config),
            ExportRequest::decl(&config),
            ExportStep::decl(&config),
            ExportProgressReport::decl(&config),
            ExportSummary::decl(&config),
            QueueJobState::decl(&config),
            QueueJobRow::decl(&config),
            QueueTally::decl(&config),
            QueueWorkerState::decl(&config),
            QueueOverview::decl(&config),
            QueueEventReport::decl(&config),
            QueueAddressesRequest::decl(&config),
            EnqueueSummary::decl(&config),
            ImportService::decl(&config),
            ImportReadAs::decl(&config),
            ImportRequest::decl(&config),
            ImportPreview::decl(&config),
        ];
        let mut out = String::from(
            "// Generated from src-tauri/src/dto.rs and error.rs by ts-rs. Do not edit: after changing the Rust types,\n\
             // run `UPDATE_BINDINGS=1 cargo test --workspace --bin cuttings-desktop bindings`.\n",
        );
        for declaration in declarations {
            out.push('\n');
            out.push_str("export ");
            out.push_str(&declaration);
            out.push('\n');
        }
        out
    }

    fn bindings_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings/index.ts")
    }

    #[test]
    fn bindings_are_up_to_date() {
        let fresh = typescript();
        let path = bindings_path();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test --workspace --bin cuttings-desktop bindings` and commit the result",
            path.display()
        );
    }

    #[test]
    fn bindings_use_camel_case_and_plain_numbers() {
        let ts = typescript();
        assert!(ts.contains("savedAt: string"), "{ts}");
        assert!(ts.contains("id: number"), "{ts}");
        assert!(!ts.contains("bigint"), "{ts}");
        assert!(ts.contains("\"kind\": \"folder\""), "{ts}");
    }

    /// The commands `generate_handler!` registers in `main.rs`, by their function names.
    fn registered_commands() -> Vec<String> {
        let main = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
        let start = main.find("generate_handler![").expect("main.rs registers no commands");
        let list = &main[start + "generate_handler![".len()..];
        let list = &list[..list.find(']').unwrap()];
        let mut names: Vec<String> = list
            .split(',')
            .map(str::trim)
            .filter(|path| !path.is_empty())
            .map(|path| path.rsplit("::").next().unwrap().to_string())
            .collect();
        names.sort();
        names
    }

    /// The command names of the `Commands` table in `ui/src/lib/backend.ts`.
    fn commands_the_ui_calls() -> Vec<String> {
        let backend =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/backend.ts"))
                .unwrap();
        let start = backend.find("export interface Commands {").expect("backend.ts has no Commands table");
        let table = &backend[start..];
        let table = &table[..table.find("\n}").unwrap()];
        let mut names: Vec<String> = table
            .lines()
            .skip(1)
            .filter_map(|line| line.trim().split_once(": {").map(|(name, _)| name.to_string()))
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_ui_names_the_commands_main_registers() {
        let registered = registered_commands();
        assert!(registered.len() > 30, "{registered:?}");
        assert_eq!(commands_the_ui_calls(), registered, "backend.ts `Commands` and main.rs `generate_handler!` differ");
    }
}
