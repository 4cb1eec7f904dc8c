//! TypeScript declarations of the types in [`crate::dto`] and [`crate::error`], generated with ts-rs.
//!
//! The generated file `ui/src/lib/bindings/index.ts` is committed. The test in this module fails when it is stale;
//! regenerate it with `UPDATE_BINDINGS=1 cargo test -p cuttings-desktop bindings` and review the diff.

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ts_rs::{Config, TS};

    use crate::dto::*;
    use crate::error::CommandError;

    /// The whole bindings file: one exported declaration per type, in a fixed order.
    fn typescript() -> String {
        let config = Config::new().with_large_int("number");
        let declarations = [
            CommandError::decl(&config),
            LibraryInfo::decl(&config),
            FolderNode::decl(&config),
            TagSummary::decl(&config),
            ListSource::decl(&config),
            SortKey::decl(&config),
            ListRequest::decl(&config),
            ClippingRow::decl(&config),
            NoteView::decl(&config),
            ClippingView::decl(&config),
            TrashEntryKind::decl(&config),
            TrashEntry::decl(&config),
            ClipPreview::decl(&config),
            SaveClipRequest::decl(&config),
            SaveProgress::decl(&config),
            SaveOutcome::decl(&config),
            ImagesLoaded::decl(&config),
            MetadataEdit::decl(&config),
            SearchRequest::decl(&config),
            SearchResult::decl(&config),
            ExportSource::decl(&config),
            ExportFormat::decl(&config),
            ExportOrder::decl(&config),
            ExportGrouping::decl(&config),
            ExportRequest::decl(&config),
            ExportStep::decl(&config),
            ExportProgressReport::decl(&config),
            ExportSummary::decl(&config),
        ];
        let mut out = String::from(
            "// Generated from src-tauri/src/dto.rs and error.rs by ts-rs. Do not edit: run\n\
             // `UPDATE_BINDINGS=1 cargo test -p cuttings-desktop bindings` after changing the Rust types.\n",
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
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p cuttings-desktop bindings` and commit the result",
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
}
