//! The PDF engine's world: the only files it can read are the template, `/data.json` and the images under
//! `/img/`, all in memory. Every other path is refused, so a template (or anything smuggled into one) cannot read
//! local files or fetch packages. Fonts come from [`super::pdf_fonts`].

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::pdf_fonts::fonts;

/// The template, compiled into the program.
const TEMPLATE: &str = include_str!("review.typ");

/// The in-memory world of one review.
pub struct ReviewWorld {
    library: LazyHash<Library>,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

/// The id of a virtual file at `path` (absolute, inside the project root).
pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path).ok().map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl ReviewWorld {
    /// A world with the template, `data` as `/data.json`, and `images` as (path, bytes).
    pub fn new(data: Vec<u8>, images: Vec<(String, Vec<u8>)>, today: (i32, u8, u8)) -> Option<ReviewWorld> {
        let main = Source::new(file_id("/review.typ")?, TEMPLATE.to_string());
        let mut files = HashMap::new();
        files.insert(file_id("/data.json")?, Bytes::new(data));
        for (path, bytes) in images {
            files.insert(file_id(&path)?, Bytes::new(bytes));
        }
        Some(ReviewWorld {
            library: LazyHash::new(Library::builder().build()),
            main,
            files,
            today: Datetime::from_ymd(today.0, today.1, today.2),
        })
    }
}

impl World for ReviewWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
