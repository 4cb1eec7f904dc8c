//! Images of the offline archive as an export source: `cuttings-image://localhost/<sha256>` addresses are read
//! from the library's files folder (and checked against their SHA-256); every other address goes to the source
//! behind (the network, or nothing). An export of archived clippings therefore needs no network at all.

use std::path::PathBuf;

use super::images::{ImageSource, LoadedImage};
use crate::store::refs::parse_image_ref;
use crate::store::{Library, sha256_hex};

/// Stored images first, then `behind` for the addresses that are not stored.
pub struct StoredImages<'a> {
    files: PathBuf,
    behind: &'a dyn ImageSource,
}

impl<'a> StoredImages<'a> {
    /// Reads the stored images of `library`; asks `behind` for any other address.
    pub fn new(library: &Library, behind: &'a dyn ImageSource) -> StoredImages<'a> {
        StoredImages { files: library.files_folder(), behind }
    }

    /// The stored image named by `src`: `Some(None)` when `src` is a stored-image reference whose file is missing
    /// or damaged, `None` when it is not a reference at all.
    fn stored(&self, src: &str) -> Option<Option<LoadedImage>> {
        let sha = parse_image_ref(src)?;
        let bytes = std::fs::read(crate::store::image_file(&self.files, sha)).ok();
        Some(bytes.filter(|b| sha256_hex(b) == sha).map(LoadedImage::new).filter(|image| image.kind.is_image()))
    }
}

impl ImageSource for StoredImages<'_> {
    fn load(&self, src: &str) -> Option<LoadedImage> {
        match self.stored(src) {
            Some(stored) => stored,
            None => self.behind.load(src),
        }
    }

    fn load_all(&self, srcs: &[String]) -> Vec<Option<LoadedImage>> {
        let mut loaded: Vec<Option<Option<LoadedImage>>> = srcs.iter().map(|src| self.stored(src)).collect();
        let elsewhere: Vec<String> =
            srcs.iter().zip(&loaded).filter(|(_, stored)| stored.is_none()).map(|(src, _)| src.clone()).collect();
        let mut fetched = self.behind.load_all(&elsewhere).into_iter();
        loaded.iter_mut().map(|slot| slot.take().unwrap_or_else(|| fetched.next().flatten())).collect()
    }
}
