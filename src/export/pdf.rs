//! The press-review PDF: a cover, contents with page numbers and bookmarks (grouped by folder or outlet when
//! asked), then each clipping on a new page with its title, source line, address, tags, notes and article, under a
//! running header with page numbers, fonts embedded. Laid out by typst from `review.typ`. Notes are rendered by the
//! one note renderer ([`render_note`]) and printed through the same blocks as articles.
//!
//! Stages: 1. read each clipping and turn its HTML into blocks ([`super::blocks`]); then load all their images,
//! each address once, a window at a time, made fit for the PDF by [`super::images::for_pdf`] (drawings too: the
//! engine is given no SVG) or replaced by a placeholder with the reason; the images are set aside in
//! [`HeldImages`] and the engine gets stand-ins;
//! 2. write `/data.json`; 3. lay out the pages in the in-memory [`ReviewWorld`]; 4. check the pages for glyphs no
//! font had; 5. write the PDF through a temporary file beside the target, the photographs put in as it is written;
//! 6. empty typst's caches.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use typst::layout::Frame;
use typst_layout::PagedDocument;

use super::blocks::{Block, article_blocks};
use super::held_images::HeldImages;
use super::images::{CONVERTED_AT_ONCE, ImageSource, LoadedImage, PdfImage, for_pdf};
use super::markdown::{note_date, source_line};
use super::pdf_fonts::{families_for, mono_families};
use super::pdf_marks::{mark_passages, paper_colours};
use super::pdf_world::ReviewWorld;
use super::progress::{ExportControl, ExportStage};
use super::selection::{Grouping, group};
use super::{Collection, ExportError, staging};
use crate::markdown::render_note;
use crate::store::Library;

/// Widest an image is printed, in points (the text width of the A4 page with its margins).
const MAX_IMAGE_WIDTH: f64 = 470.0;
/// Tallest an image is printed, in points, so that it and its caption fit on a page with some text.
const MAX_IMAGE_HEIGHT: f64 = 330.0;
/// Points per pixel for an image's natural size (CSS pixels: 96 per inch).
const POINTS_PER_PIXEL: f64 = 0.75;
/// Most table columns printed; a wider (hostile) table keeps its first columns.
const MAX_TABLE_COLUMNS: usize = 12;
/// Languages written right to left (primary subtags).
const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "iw", "fa", "ur", "yi", "ps", "ckb", "dv", "ug", "sd"];
/// Images downloaded and converted together; bounds the original files held in memory at once.
const IMAGE_WINDOW: usize = 32;
/// Most distinct missing characters reported.
const MAX_MISSING_REPORTED: usize = 20;

/// How to make the review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Group the contents (and the clippings) by folder or outlet.
    pub grouping: Grouping,
    /// The review's date as (year, month, day); today (UTC) if `None`.
    pub date: Option<(i32, u8, u8)>,
    /// A digest: each clipping's title, source line, key passages and notes, without its article (a one-page
    /// morning review).
    pub digest: bool,
}

/// What a PDF export made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfReport {
    /// The PDF file.
    pub path: PathBuf,
    /// Clippings in it.
    pub clippings: usize,
    /// Pages.
    pub pages: usize,
    /// Images printed.
    pub images: usize,
    /// Images replaced by a placeholder.
    pub placeholders: usize,
    /// The engine's warnings (such as an unknown font family); empty when all went well.
    pub warnings: Vec<String>,
    /// Characters no installed font could draw (printed as boxes); empty when all went well.
    pub missing_glyphs: Vec<char>,
}

/// The document's data, as the template reads it from `/data.json`.
#[derive(Serialize)]
struct ReviewData {
    title: String,
    period: Option<String>,
    count: usize,
    date: String,
    fonts: Vec<String>,
    mono: Vec<String>,
    grouped: bool,
    /// A digest: clippings follow one another on the page, without their articles.
    digest: bool,
    groups: Vec<GroupData>,
}

#[derive(Serialize)]
struct GroupData {
    name: String,
    clippings: Vec<ClippingData>,
}

#[derive(Serialize)]
struct ClippingData {
    title: String,
    source: String,
    url: String,
    tags: Vec<String>,
    lang: Option<String>,
    rtl: bool,
    fonts: Vec<String>,
    notes: Vec<NoteData>,
    /// The highlighted passages, in reading order ("Key passages").
    passages: Vec<PassageData>,
    blocks: Vec<Block>,
    /// The comments of the passages marked in the article, in their numbers' order.
    end_notes: Vec<EndNoteData>,
}

#[derive(Serialize)]
struct PassageData {
    text: String,
    /// The highlight's colour as the PDF draws it: its bar and its wash.
    bar: &'static str,
    wash: &'static str,
    /// The comment, rendered from its Markdown into blocks as notes are.
    comment: Vec<Block>,
    /// The comment's number where the passage is marked in the article (its end note's number).
    note: Option<usize>,
    detached: bool,
}

/// A highlight's comment printed under the article, numbered as the mark in the text.
#[derive(Serialize)]
struct EndNoteData {
    n: usize,
    /// The start of the passage it is about.
    passage: String,
    comment: Vec<Block>,
}

#[derive(Serialize)]
struct NoteData {
    date: String,
    /// The note rendered by [`render_note`] and made into blocks as an article's HTML is.
    blocks: Vec<Block>,
}

/// Where an image went in the engine's files (path and pixel size), or why it could not be used.
type Placed = Result<(String, Option<(u32, u32)>), String>;

/// The laid-out review.
struct Rendered {
    pdf: Vec<u8>,
    pages: usize,
    warnings: Vec<String>,
    missing_glyphs: Vec<char>,
}

/// Images loaded so far: each address once; the files for the engine, in order; the photographs set aside.
struct ImageSet {
    by_src: HashMap<String, Placed>,
    files: Vec<(String, Vec<u8>)>,
    held: HeldImages,
    shown: usize,
    placeholders: usize,
}

/// Writes `collection` as a press-review PDF to the new file `target`.
pub fn write(
    library: &Library,
    collection: &Collection,
    options: &PdfOptions,
    images: &dyn ImageSource,
    target: &Path,
    control: ExportControl<'_>,
) -> Result<PdfReport, ExportError> {
    // Fail early on a target in the way, before the long work.
    staging::check_file_target(target)?;
    let total = collection.clippings.len();
    let groups = group(collection.clippings.clone(), options.grouping, &collection.folders);
    let mut data_groups = Vec::new();
    let mut srcs: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut done = 0;
    // 1. Read clippings, then load their images (each address once).
    for (name, members) in groups {
        let mut clippings = Vec::new();
        for summary in members {
            control.step(ExportStage::Reading, done, total)?;
            done += 1;
            let clipping = library.clipping(summary.id)?;
            let mut blocks = if options.digest { Vec::new() } else { article_blocks(&clipping.html) };
            let highlights = library.highlights(summary.id)?;
            let numbers = mark_passages(&mut blocks, &highlights);
            let number = |id| numbers.iter().find(|(marked, _)| *marked == id).map(|(_, n)| *n);
            let passages: Vec<PassageData> = highlights
                .into_iter()
                .map(|h| {
                    let (bar, wash) = paper_colours(h.colour);
                    let detached = h.is_detached();
                    let note = number(h.id);
                    let comment = h.comment.as_deref().map(|c| article_blocks(&render_note(c))).unwrap_or_default();
                    PassageData { text: h.selectors.exact, bar, wash, comment, note, detached }
                })
                .collect();
            // The comments of the passages marked in the article, by their numbers.
            let mut end_notes: Vec<EndNoteData> = passages
                .iter()
                .filter_map(|p| Some(EndNoteData { n: p.note?, passage: opening(&p.text), comment: p.comment.clone() }))
                .collect();
            end_notes.sort_by_key(|note| note.n);
            let notes: Vec<NoteData> = clipping
                .notes
                .iter()
                .map(|n| NoteData { date: note_date(&n.created_at), blocks: article_blocks(&render_note(&n.body)) })
                .collect();
            let comments = passages.iter().map(|p| &p.comment).chain(end_notes.iter().map(|n| &n.comment));
            for blocks in notes.iter().map(|n| &n.blocks).chain(comments).chain([&blocks]) {
                visit_figures(blocks, &mut |src| {
                    if seen.insert(src.to_string()) {
                        srcs.push(src.to_string());
                    }
                });
            }
            let (lang, script) = language(clipping.lang.as_deref());
            clippings.push(ClippingData {
                title: clipping.summary.title.clone(),
                source: isolated_source_line(&clipping),
                url: clipping.summary.url.clone(),
                tags: clipping.summary.tags.clone(),
                fonts: families_for(lang.as_deref(), script.as_deref()),
                rtl: lang.as_deref().is_some_and(|l| RIGHT_TO_LEFT.contains(&l)),
                lang,
                notes,
                passages,
                blocks,
                end_notes,
            });
        }
        data_groups.push(GroupData { name: name.unwrap_or_default(), clippings });
    }
    control.step(ExportStage::Reading, total, total)?;
    let mut image_set = ImageSet {
        by_src: HashMap::new(),
        files: Vec::new(),
        held: HeldImages::new(target)?,
        shown: 0,
        placeholders: 0,
    };
    image_set.load_all(srcs, images, &control)?;
    for clipping in data_groups.iter_mut().flat_map(|g| g.clippings.iter_mut()) {
        let notes = clipping.notes.iter_mut().map(|n| &mut n.blocks);
        let comments = clipping
            .passages
            .iter_mut()
            .map(|p| &mut p.comment)
            .chain(clipping.end_notes.iter_mut().map(|n| &mut n.comment));
        for blocks in notes.chain(comments).chain([&mut clipping.blocks]) {
            fill_figures(blocks, &image_set.by_src, &mut image_set.shown, &mut image_set.placeholders);
        }
    }

    // 2. The data file.
    let today = options.date.unwrap_or_else(today);
    let data = ReviewData {
        title: collection.title.clone(),
        period: period(collection),
        count: total,
        date: format!("{:04}-{:02}-{:02}", today.0, today.1, today.2),
        fonts: families_for(None, None),
        mono: mono_families(),
        grouped: options.grouping != Grouping::None,
        digest: options.digest,
        groups: data_groups,
    };
    let json = serde_json::to_vec(&data).map_err(|e| ExportError::Layout { message: e.to_string() })?;
    drop(data);
    let (shown, placeholders) = (image_set.shown, image_set.placeholders);
    let ImageSet { files, mut held, .. } = image_set;
    let world = ReviewWorld::new(json, files, today)
        .ok_or_else(|| ExportError::Layout { message: "the review's files could not be named".into() })?;

    // 3.–4. Lay out and check.
    control.step(ExportStage::Layout, 0, 1)?;
    let result = render(&world);
    drop(world);
    // 6. The engine memoises layouts and decoded images; a desktop app exporting again must not keep them.
    comemo::evict(0);
    release_freed_memory();
    let Rendered { pdf, pages, warnings, missing_glyphs } = result?;
    control.step(ExportStage::Layout, 1, 1)?;

    // 5. Write.
    control.step(ExportStage::Saving, 0, 1)?;
    staging::write_file_with(target, &mut |out| held.write_pdf(&pdf, out))?;
    control.step(ExportStage::Saving, 1, 1)?;
    Ok(PdfReport {
        path: target.to_path_buf(),
        clippings: total,
        pages,
        images: shown,
        placeholders,
        warnings,
        missing_glyphs,
    })
}

/// The first words of a passage (about 60 characters, cut at a word) for its end note.
fn opening(passage: &str) -> String {
    let flat = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 60 {
        return flat;
    }
    let cut: String = flat.chars().take(60).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':', '.']);
    format!("{cut}…")
}

/// Lays out the review and makes the PDF bytes.
fn render(world: &ReviewWorld) -> Result<Rendered, ExportError> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings: Vec<String> = warned.warnings.iter().map(|w| w.message.to_string()).collect();
    let document = warned.output.map_err(|errors| ExportError::Layout {
        message: errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "),
    })?;
    // The engine's caches of this layout are not needed to write the PDF; freeing them now lowers the peak.
    comemo::evict(0);
    release_freed_memory();
    let mut missing = Vec::new();
    for page in document.pages() {
        missing_glyphs(&page.frame, &mut missing);
    }
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| ExportError::Layout {
        message: errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "),
    })?;
    Ok(Rendered { pdf, pages: document.pages().len(), warnings, missing_glyphs: missing })
}

/// Gives the memory freed so far back to the system. glibc's allocator returns freed memory only from the top of
/// its heap, and the layout caches just evicted (a few hundred megabytes for a long review) are scattered through
/// it; the PDF writer's worker threads allocate from arenas of their own and cannot reuse them. Without this they
/// would stay resident, on top of everything the writer needs.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only hands free pages of the allocator's own arenas back to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Characters drawn with a font's "missing glyph" (glyph 0), up to [`MAX_MISSING_REPORTED`] distinct ones.
fn missing_glyphs(frame: &Frame, out: &mut Vec<char>) {
    let mut stack = vec![frame];
    while let Some(frame) = stack.pop() {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => stack.push(&group.frame),
                typst::layout::FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        let range = usize::from(glyph.range.start)..usize::from(glyph.range.end);
                        let c = text.text.get(range).and_then(|s| s.chars().next());
                        if let Some(c) = c.filter(|c| !c.is_whitespace() && !out.contains(c))
                            && out.len() < MAX_MISSING_REPORTED
                        {
                            out.push(c);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

impl ImageSet {
    /// Loads and converts the images at `srcs` (distinct addresses), [`IMAGE_WINDOW`] at a time, so that downloads
    /// overlap across clippings while only a window of original files is held in memory.
    fn load_all(
        &mut self,
        srcs: Vec<String>,
        source: &dyn ImageSource,
        control: &ExportControl<'_>,
    ) -> Result<(), ExportError> {
        let total = srcs.len();
        for (n, window) in srcs.chunks(IMAGE_WINDOW).enumerate() {
            control.step(ExportStage::Images, n * IMAGE_WINDOW, total)?;
            let loaded = source.load_all(window);
            for (src, ready) in window.iter().zip(convert_all(loaded)) {
                let entry = match ready {
                    Ok(image) => {
                        let size = image.size();
                        let stand_in = self.held.hold(&image.jpeg, image.width, image.height, image.gray)?;
                        let path = format!("/img/{}.pdf", self.files.len());
                        self.files.push((path.clone(), stand_in));
                        Ok((path, size))
                    }
                    Err(reason) => Err(reason),
                };
                self.by_src.insert(src.clone(), entry);
            }
        }
        control.step(ExportStage::Images, total, total)
    }
}

/// Converts loaded images for the engine, [`CONVERTED_AT_ONCE`] at a time (each may hold a large decoded image);
/// a missing image gets its reason.
fn convert_all(loaded: Vec<Option<LoadedImage>>) -> Vec<Result<PdfImage, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(CONVERTED_AT_ONCE);
    let mut prepared = Vec::with_capacity(loaded.len());
    let mut loaded = loaded.into_iter().peekable();
    while loaded.peek().is_some() {
        let chunk: Vec<Option<LoadedImage>> = loaded.by_ref().take(threads).collect();
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .into_iter()
                .map(|image| {
                    scope.spawn(move || match image {
                        Some(image) => for_pdf(image),
                        None => Err("could not be loaded".to_string()),
                    })
                })
                .collect();
            prepared.extend(handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("broken image".into()))));
        });
    }
    prepared
}

/// Calls `f` with the address of every figure in `blocks`, nested ones included.
fn visit_figures(blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Figure { src, .. } => f(src),
            Block::List { items, .. } => items.iter().for_each(|item| visit_figures(item, f)),
            Block::Quote { blocks } => visit_figures(blocks, f),
            _ => {}
        }
    }
}

/// Gives each figure its file and printed width, or the reason it has none; cuts over-wide tables.
fn fill_figures(blocks: &mut [Block], images: &HashMap<String, Placed>, shown: &mut usize, placeholders: &mut usize) {
    for block in blocks {
        match block {
            Block::Figure { src, path, width, problem, .. } => match images.get(src.as_str()) {
                Some(Ok((file, size))) => {
                    *path = Some(file.clone());
                    *width = Some(printed_width(*size));
                    *shown += 1;
                }
                Some(Err(reason)) => {
                    *problem = Some(reason.clone());
                    *placeholders += 1;
                }
                None => {
                    *problem = Some("could not be loaded".into());
                    *placeholders += 1;
                }
            },
            Block::List { items, .. } => {
                items.iter_mut().for_each(|item| fill_figures(item, images, shown, placeholders))
            }
            Block::Quote { blocks } => fill_figures(blocks, images, shown, placeholders),
            Block::Table { rows, .. } => rows.iter_mut().for_each(|row| row.truncate(MAX_TABLE_COLUMNS)),
            _ => {}
        }
    }
}

/// The width to print an image at: its natural size, at most the text width, and no taller than
/// [`MAX_IMAGE_HEIGHT`]. A drawing without a size takes most of the width.
fn printed_width(size: Option<(u32, u32)>) -> f64 {
    let Some((w, h)) = size else {
        return MAX_IMAGE_WIDTH * 0.8;
    };
    let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
    let width = (w * POINTS_PER_PIXEL).min(MAX_IMAGE_WIDTH);
    let height = width * h / w;
    let width = if height > MAX_IMAGE_HEIGHT { MAX_IMAGE_HEIGHT * w / h } else { width };
    (width.max(12.0) * 100.0).round() / 100.0
}

/// The source line with each part (outlet, author, date) isolated for the Unicode bidi rules, so that an Arabic
/// outlet does not turn the date around ("16-04-2023" for 2023-04-16).
fn isolated_source_line(clipping: &crate::store::Clipping) -> String {
    source_line(clipping).split(" · ").map(|part| format!("\u{2068}{part}\u{2069}")).collect::<Vec<_>>().join(" · ")
}

/// A clipping's language as the engine takes it: the primary subtag (2 or 3 letters, lowercase), and the script
/// subtag if any ("hant" in "zh-Hant-TW").
fn language(lang: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(lang) = lang else { return (None, None) };
    let mut parts = lang.split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let script = parts.next().filter(|s| s.len() == 4).map(str::to_ascii_lowercase);
    if valid { (Some(primary), script) } else { (None, None) }
}

/// "2024-03-05 – 2024-05-01" from the first and last publication dates, or one date, or `None`. A partial date
/// (`2015-11`, `2015`) counts as written.
fn period(collection: &Collection) -> Option<String> {
    let days: Vec<&str> = collection
        .clippings
        .iter()
        .filter_map(|c| c.published.as_deref())
        .map(|p| p.split('T').next().unwrap_or(p))
        .map(|day| day.get(..10).unwrap_or(day))
        .filter(|day| !day.is_empty())
        .collect();
    let first = days.iter().min()?;
    let last = days.iter().max()?;
    Some(if first == last { first.to_string() } else { format!("{first} – {last}") })
}

/// Today's date (UTC).
fn today() -> (i32, u8, u8) {
    let now = time::OffsetDateTime::now_utc();
    (now.year(), u8::from(now.month()), now.day())
}
