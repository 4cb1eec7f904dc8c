//! Markdown export: one `.md` file per clipping (YAML front matter, the article in GitHub-flavoured Markdown, its
//! highlights marked and listed, and notes), images in `assets/` with relative links, the library's folders mirrored as directories, and an
//! `index.md` linking every clipping; or, with [`MarkdownOptions::combined`], one file with a table of contents.
//!
//! Stages, per clipping: 1. read it from the library; 2. load its images (each address once per export) and save
//! them under `assets/` by content hash; 3. point the Markdown's image links at the saved copies (an image that
//! could not be loaded keeps its address); 4. write the file under a safe, unique name. Everything is written into
//! a staging folder that becomes the target only at the end ([`super::staging`]).
//!
//! Front matter values are JSON strings, which are valid YAML double-quoted scalars, so no title can break out of
//! them (quoting, not Markdown escaping). Text from pages and users (titles, outlets, authors, tags, folder names)
//! goes into Markdown only through [`crate::markdown::escape`], for its place in the line; the body is the Markdown
//! the extractor made, and notes are written as the user wrote them (they are Markdown already).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::file_names::{UniqueNames, safe_name};
use super::images::ImageSource;
use super::marks::{MarkStyle, highlights_section, mark_passages};
use super::progress::{ExportControl, ExportStage};
use super::staging::StagedFolder;
use super::{Collection, ExportError};
use crate::markdown::{Context, escape};
use crate::store::refs::{ORIGINAL_SRC_ATTRIBUTE, image_sources, parse_image_ref};
use crate::store::{Clipping, Highlight, Library, Note};

/// Folder of the saved images, at the top of the export.
pub const ASSETS: &str = "assets";
/// Name of the index file (and of nothing else at the top).
pub const INDEX: &str = "index.md";

/// How to write the Markdown export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// One file for the whole collection, with a table of contents, instead of one file per clipping.
    pub combined: bool,
    /// How highlighted passages are marked in the text ([`super::marks`]).
    pub mark: MarkStyle,
}

/// What a Markdown export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownReport {
    /// The export folder.
    pub path: PathBuf,
    /// Clippings written.
    pub clippings: usize,
    /// Images saved under `assets/`.
    pub images_saved: usize,
    /// Images that could not be loaded and kept their address.
    pub images_missing: usize,
}

/// Writes `collection` as Markdown into the new folder `target`.
pub fn write(
    library: &Library,
    collection: &Collection,
    options: &MarkdownOptions,
    images: &dyn ImageSource,
    target: &Path,
    control: ExportControl<'_>,
) -> Result<MarkdownReport, ExportError> {
    let staged = StagedFolder::new(target)?;
    let mut names = UniqueNames::new();
    names.reserve(Path::new(""), INDEX);
    names.reserve(Path::new(""), ASSETS);
    let mut assets = Assets::default();
    let mut dirs = HashMap::new();
    let total = collection.clippings.len();
    // (title, relative path, clipping) for the index; the combined file collects its sections instead.
    let mut index: Vec<(String, String, String)> = Vec::new();
    let mut sections = String::new();
    for (n, summary) in collection.clippings.iter().enumerate() {
        control.step(ExportStage::Writing, n, total)?;
        // 1. Read.
        let clipping = library.clipping(summary.id)?;
        let folder = collection.folders.path(clipping.summary.folder);
        let dir = if options.combined { PathBuf::new() } else { folder_dir(folder, &mut names, &mut dirs) };
        // 2.–3. Images, and the body pointing at them.
        let to_top = "../".repeat(dir.components().count());
        let body = assets.localise(&clipping, images, &staged, &to_top)?;
        let highlights = library.highlights(clipping.summary.id)?;
        let (body, footnotes) = mark_passages(&body, &highlights, options.mark);
        let body = format!(
            "{}{}",
            body.trim_end(),
            if footnotes.is_empty() { String::new() } else { format!("\n\n{footnotes}") }
        );
        // 4. Write.
        if options.combined {
            let anchor = format!("clipping-{}", clipping.summary.id);
            index.push((clipping.summary.title.clone(), format!("#{anchor}"), source_line(&clipping)));
            let folder = collection.folders.label(clipping.summary.folder);
            write_section(&mut sections, &clipping, &folder, &anchor, &body, &highlights);
        } else {
            let file = names.claim(&dir, &safe_name(&clipping.summary.title), ".md");
            let relative = dir.join(&file);
            let text = clipping_file(&clipping, folder, &body, &highlights);
            staged.write(&relative, text.as_bytes())?;
            index.push((clipping.summary.title.clone(), link_path(&relative), source_line(&clipping)));
        }
    }
    control.step(ExportStage::Writing, total, total)?;
    let top = index_file(&collection.title, &index, options.combined);
    if options.combined {
        let file = names.claim(Path::new(""), &safe_name(&collection.title), ".md");
        staged.write(Path::new(&file), format!("{top}\n{sections}").as_bytes())?;
    } else {
        staged.write(Path::new(INDEX), top.as_bytes())?;
    }
    let path = staged.finish()?;
    Ok(MarkdownReport { path, clippings: total, images_saved: assets.saved, images_missing: assets.missing })
}

/// The directory of a library folder in the export: each folder of the path gets a safe name, unique among its
/// siblings, and the same folder always gets the same directory.
fn folder_dir(folder: &[String], names: &mut UniqueNames, dirs: &mut HashMap<Vec<String>, PathBuf>) -> PathBuf {
    let mut dir = PathBuf::new();
    for depth in 1..=folder.len() {
        let key = folder[..depth].to_vec();
        dir = match dirs.get(&key) {
            Some(known) => known.clone(),
            None => {
                let name = names.claim(&dir, &safe_name(&folder[depth - 1]), "");
                let made = dir.join(name);
                dirs.insert(key, made.clone());
                made
            }
        };
    }
    dir
}

/// Images saved so far: each address loaded once, each distinct file saved once.
#[derive(Default)]
struct Assets {
    by_src: HashMap<String, Option<String>>,
    saved: usize,
    missing: usize,
}

impl Assets {
    /// The clipping's Markdown with the links of loadable images pointing at their copies in `assets/`.
    fn localise(
        &mut self,
        clipping: &Clipping,
        images: &dyn ImageSource,
        staged: &StagedFolder,
        to_top: &str,
    ) -> Result<String, ExportError> {
        // The store's one reader of image sources, trimmed and without repeats.
        let mut srcs: Vec<String> = Vec::new();
        for src in image_sources(&clipping.html) {
            let src = src.trim();
            if !src.is_empty() && !srcs.iter().any(|s| s == src) {
                srcs.push(src.to_string());
            }
        }
        let new: Vec<String> = srcs.iter().filter(|s| !self.by_src.contains_key(*s)).cloned().collect();
        for (src, image) in new.iter().zip(images.load_all(&new)) {
            // The sniffer decides again from the bytes, whatever the source said: nothing it refuses (an SVG with
            // script or outside references, a web page) is ever written to `assets/`.
            let kept = image.and_then(|image| crate::images::sniff(&image.bytes).ok().map(|kind| (image, kind)));
            let saved = match kept {
                Some((image, kind)) => {
                    let hash = hex::encode(&Sha256::digest(&image.bytes)[..12]);
                    let name = format!("{ASSETS}/{hash}.{}", kind.extension());
                    if !self.by_src.values().any(|v| v.as_deref() == Some(name.as_str())) {
                        staged.write(Path::new(&name), &image.bytes)?;
                        self.saved += 1;
                    }
                    Some(name)
                }
                None => {
                    self.missing += 1;
                    None
                }
            };
            self.by_src.insert(src.clone(), saved);
        }
        let originals = original_sources(&clipping.html);
        let mut body = clipping.markdown.clone();
        for src in &srcs {
            // A loaded image points at its copy; a stored image that could not be read points at its original
            // address, never at the library's private `cuttings-image:` reference.
            let target = match (self.by_src.get(src), originals.get(src)) {
                (Some(Some(local)), _) => format!("{to_top}{local}"),
                (_, Some(original)) => markdown_url(original),
                _ => continue,
            };
            let written = markdown_url(src);
            body = body.replace(&format!("]({written})"), &format!("]({target})"));
            body = body.replace(&format!("]({written} \""), &format!("]({target} \""));
        }
        Ok(body)
    }
}

/// The original address of every stored image in sanitised article HTML, by its `cuttings-image:` reference.
fn original_sources(html: &str) -> HashMap<String, String> {
    let document = scraper::Html::parse_fragment(html);
    let mut originals = HashMap::new();
    if let Ok(selector) = scraper::Selector::parse("img[src][data-original-src]") {
        for img in document.select(&selector) {
            let (Some(src), Some(original)) = (img.value().attr("src"), img.value().attr(ORIGINAL_SRC_ATTRIBUTE))
            else {
                continue;
            };
            if parse_image_ref(src.trim()).is_some() {
                originals.insert(src.trim().to_string(), original.trim().to_string());
            }
        }
    }
    originals
}

/// An image address as the extractor wrote it into Markdown (see `extract::output`): spaces and angle brackets
/// percent-encoded, parentheses escaped.
fn markdown_url(src: &str) -> String {
    let src = src.split_whitespace().collect::<Vec<_>>().join(" ");
    let src = src.replace(' ', "%20").replace('<', "%3C").replace('>', "%3E");
    src.chars().fold(String::new(), |mut out, c| {
        if c == '(' || c == ')' {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// A JSON string, which is a valid YAML double-quoted scalar (`null` for nothing).
fn yaml(value: Option<&str>) -> String {
    serde_json::to_string(&value).unwrap_or_else(|_| "null".into())
}

/// The file of one clipping: front matter, title, body, highlights, notes.
fn clipping_file(clipping: &Clipping, folder: &[String], body: &str, highlights: &[Highlight]) -> String {
    let s = &clipping.summary;
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml(Some(&s.title)));
    let _ = writeln!(out, "url: {}", yaml(Some(&s.url)));
    let _ = writeln!(out, "canonical_url: {}", yaml(clipping.canonical_url.as_deref()));
    let _ = writeln!(out, "outlet: {}", yaml(s.site_name.as_deref()));
    let _ = writeln!(out, "author: {}", yaml(s.byline.as_deref()));
    let _ = writeln!(out, "published: {}", yaml(s.published.as_deref()));
    let _ = writeln!(out, "saved: {}", yaml(Some(&s.saved_at)));
    let _ = writeln!(out, "tags: {}", serde_json::to_string(&s.tags).unwrap_or_else(|_| "[]".into()));
    let _ = writeln!(out, "folder: {}", serde_json::to_string(folder).unwrap_or_else(|_| "[]".into()));
    let _ = writeln!(out, "id: {}", s.id);
    if !highlights.is_empty() {
        out.push_str("highlights:\n");
        for h in highlights {
            let _ = writeln!(out, "  - text: {}", yaml(Some(&h.selectors.exact)));
            let _ = writeln!(out, "    colour: {}", h.colour.as_str());
            if let Some(comment) = &h.comment {
                let _ = writeln!(out, "    comment: {}", yaml(Some(comment)));
            }
        }
    }
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}\n", escape(&s.title, Context::Heading));
    out.push_str(body.trim());
    out.push('\n');
    out.push_str(&highlights_section(highlights, "##"));
    notes_section(&mut out, &clipping.notes, "##");
    out
}

/// One clipping as a section of the combined file.
fn write_section(
    out: &mut String,
    clipping: &Clipping,
    folder: &str,
    anchor: &str,
    body: &str,
    highlights: &[Highlight],
) {
    let s = &clipping.summary;
    let _ = writeln!(out, "<a id=\"{anchor}\"></a>\n\n## {}\n", escape(&s.title, Context::Heading));
    let _ = writeln!(out, "{}  ", escape(&source_line(clipping), Context::LineStart));
    let _ = writeln!(out, "<{}>  ", s.url.replace(['<', '>', ' '], ""));
    if !s.tags.is_empty() {
        let _ = writeln!(out, "Tags: {}  ", escape(&s.tags.join(", "), Context::Inline));
    }
    let _ = writeln!(out, "Folder: {}\n", escape(folder, Context::Inline));
    out.push_str(body.trim());
    out.push('\n');
    out.push_str(&highlights_section(highlights, "###"));
    notes_section(out, &clipping.notes, "###");
    out.push_str("\n---\n\n");
}

/// "## Notes" and each note under its date.
fn notes_section(out: &mut String, notes: &[Note], level: &str) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{level} Notes\n");
    for note in notes {
        let _ = writeln!(out, "{level}# {}\n\n{}\n", note_date(&note.created_at), note.body.trim());
    }
}

/// "2026-11-28 04:11 UTC" from an RFC 3339 time.
pub fn note_date(time: &str) -> String {
    match (time.get(..10), time.get(11..16)) {
        (Some(day), Some(clock)) => format!("{day} {clock} UTC"),
        _ => time.to_string(),
    }
}

/// "Outlet · Author · 2016-12-15", leaving out what is unknown.
pub fn source_line(clipping: &Clipping) -> String {
    let s = &clipping.summary;
    let day = s.published.as_deref().map(|p| p.get(..10).unwrap_or(p));
    [s.site_name.as_deref(), s.byline.as_deref(), day]
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A relative path as a Markdown link destination: `<…>` allows spaces, and the names hold no `<`, `>`, `\` or
/// newline ([`safe_name`]); an `&` is escaped, since a destination decodes entities (a file named "a &amp; b" would
/// otherwise be linked as "a & b").
fn link_path(relative: &Path) -> String {
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    format!("<{}>", parts.join("/").replace('&', "\\&"))
}

/// `index.md`, or the head of the combined file: the title and one line per clipping.
fn index_file(title: &str, entries: &[(String, String, String)], combined: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(title, Context::Heading));
    let _ = writeln!(out, "{} clippings.\n", entries.len());
    if combined {
        out.push_str("## Contents\n\n");
    }
    for (title, link, source) in entries {
        let source =
            if source.is_empty() { String::new() } else { format!(" — {}", escape(source, Context::Inline)) };
        let _ = writeln!(out, "- [{}]({link}){source}", escape(title, Context::Inline));
    }
    out
}
