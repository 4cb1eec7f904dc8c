//! Shared helpers of the integration tests.

// ---- Store helpers (owned by the store branch; other helpers go in their own block) ----

/// A fresh, empty library in its own temporary folder. Keep the folder alive as long as the library.
#[allow(dead_code)]
pub fn temp_library() -> (tempfile::TempDir, cuttings::store::Library) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = cuttings::store::Library::open(&dir.path().join("library.db")).expect("open a new library");
    (dir, library)
}
