//! Subcommands on clippings: `add`, `ls`, `show`, `search`, `mv`, `edit`, `rm`.

use crate::folder_cmd::{FolderArg, ensure_folder, resolve_folder, say_created};
use crate::{LibraryPath, print};
use anyhow::bail;
use clap::Args;
use cuttings::clip::{self, ClipError, Filing, WholePage};
use cuttings::extract::{Confidence, PageKind};
use cuttings::store::{AddOutcome, ClippingEdit, ClippingFilter, ClippingId, Library, SortOrder};
use std::path::Path;

/// A clipping id as typed by the user: `12` or `#12`.
#[derive(Clone, Copy, Debug)]
pub struct ClippingArg(pub ClippingId);

impl std::str::FromStr for ClippingArg {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.trim_start_matches('#')
            .parse::<i64>()
            .map(|id| ClippingArg(ClippingId(id)))
            .map_err(|_| format!("{text:?} is not a clipping id (a number such as 12)"))
    }
}

fn ids(args: &[ClippingArg]) -> Vec<ClippingId> {
    args.iter().map(|arg| arg.0).collect()
}

/// Arguments of `cuttings add`.
#[derive(Args)]
pub struct AddArgs {
    /// The article's URL, or a saved HTML file (filed under the address the page declares, or --url); several
    /// URLs are queued and clipped in the background queue, each once
    #[arg(required_unless_present = "from_file")]
    pub sources: Vec<String>,
    /// A file of addresses to queue (one per line, or any text with links in it; - for standard input)
    #[arg(long, value_name = "LIST")]
    pub from_file: Option<String>,
    /// The address the saved file was published at (overrides the address the page declares)
    #[arg(long)]
    pub url: Option<String>,
    /// Folder to file it in, as a path such as "Politics/Korea" (missing folders are created) [default: the Inbox]
    #[arg(long)]
    pub folder: Option<FolderArg>,
    /// Tag to give it (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// A first note on the clipping (Markdown)
    #[arg(long)]
    pub note: Option<String>,
    /// Save a second copy even when the URL is already in the library
    #[arg(long)]
    pub force: bool,
    /// When no article is found, or the extraction is unsure of the page's content, save the readable text of the
    /// whole page
    #[arg(long)]
    pub whole_page: bool,
    /// Do not download the article's images (they are then shown from their site, when online)
    #[arg(long)]
    pub no_images: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

/// Runs `cuttings add`: read or fetch the page, extract the article, save it in one transaction.
pub fn add(library_path: &LibraryPath, args: AddArgs) -> anyhow::Result<()> {
    if args.sources.len() != 1 || args.from_file.is_some() {
        if args.url.is_some() || args.force || args.whole_page {
            bail!("--url, --force and --whole-page are for one page; a list of addresses is queued, each clipped once");
        }
        let many = crate::queue_cmd::AddMany {
            sources: args.sources,
            from_file: args.from_file,
            folder: args.folder,
            tags: args.tags,
            note: args.note,
            no_images: args.no_images,
            json: args.json,
        };
        return crate::queue_cmd::add_many(library_path, many);
    }
    let source = args.sources[0].clone();
    let whole_page = if args.whole_page { WholePage::Keep } else { WholePage::Refuse };
    let looks_like_url = source.starts_with("http://") || source.starts_with("https://");
    let prepared = match (&args.url, looks_like_url) {
        (None, true) => clip::prepare_url_blocking(&source, whole_page),
        // A saved page: the address given, else the one the page declares.
        (url, _) => clip::prepare_file(Path::new(&source), url.as_deref(), whole_page),
    };
    let prepared = match prepared {
        Err(ClipError::NoAddress) => {
            bail!("{source}: this saved page does not say where it was published: give its address with --url")
        }
        Err(ClipError::NoArticle { url, consent_wall: false }) => {
            bail!("{url}: no article found on the page; add --whole-page to save all the readable text of the page")
        }
        other => other?,
    };
    let mut library = library_path.open()?;
    // A folder path that does not exist yet is created, as the app's dialog does.
    let filed = args.folder.as_ref().map(|f| ensure_folder(&mut library, f)).transpose()?;
    let (folder, created) = filed.map_or((None, Vec::new()), |f| (Some(f.id), f.created));
    if !args.json {
        say_created(&created);
    }
    let mut prepared = prepared;
    let images = if args.no_images { Vec::new() } else { prepared.download_images_blocking()? };
    let title = prepared.article.title.clone();
    let (kind, unsure) = (prepared.article.kind, prepared.article.confidence == Confidence::Low);
    let filing = Filing { folder, tags: args.tags, note: args.note, allow_duplicate: args.force, saved_at: None };
    match library.add_clipping_with_images(prepared.into_new_clipping(filing), &images)? {
        AddOutcome::Added(id) => {
            let stored = images.iter().filter(|i| i.sha256().is_some()).count();
            if args.json {
                print::json(&serde_json::json!({
                    "added": id, "title": title, "images_stored": stored, "images_failed": images.len() - stored,
                    "created_folders": created, "kind": kind, "low_confidence": unsure
                }))
            } else {
                println!("saved #{id}: {title}");
                if kind != PageKind::Article {
                    println!("read as a {} page", kind.as_str());
                }
                if unsure {
                    println!(
                        "note: Cuttings is not sure it found this page's content; add --whole-page to keep all the \
                         readable text of the page instead"
                    );
                }
                if !images.is_empty() {
                    println!("images: {stored} stored, {} failed", images.len() - stored);
                }
                Ok(())
            }
        }
        AddOutcome::Duplicate { existing } => bail!(
            "{} is already in the library as #{} \"{}\"; add --force to save a second copy",
            source,
            existing.id,
            existing.title
        ),
    }
}

/// Arguments of `cuttings ls`.
#[derive(Args)]
pub struct LsArgs {
    /// Folder to list, as a path such as "Politics/Korea"
    #[arg(long, conflicts_with_all = ["tag", "inbox"])]
    pub folder: Option<FolderArg>,
    /// Include the clippings of subfolders (with --folder)
    #[arg(long, short = 'r')]
    pub recursive: bool,
    /// List the clippings with this tag
    #[arg(long, conflicts_with = "inbox")]
    pub tag: Option<String>,
    /// List the unfiled clippings
    #[arg(long)]
    pub inbox: bool,
    /// Order: saved, published, title or outlet
    #[arg(long, default_value = "saved", value_parser = ["saved", "published", "title", "outlet"])]
    pub sort: String,
    /// At most this many clippings
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Skip this many clippings first
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// Runs `cuttings ls`.
pub fn ls(library: &Library, args: LsArgs) -> anyhow::Result<()> {
    let filter = if let Some(folder) = &args.folder {
        ClippingFilter::Folder { id: resolve_folder(library, folder)?, include_subfolders: args.recursive }
    } else if let Some(tag) = args.tag {
        ClippingFilter::Tag(tag)
    } else if args.inbox {
        ClippingFilter::Inbox
    } else {
        ClippingFilter::All
    };
    let sort = match args.sort.as_str() {
        "published" => SortOrder::PublishedNewest,
        "title" => SortOrder::Title,
        "outlet" => SortOrder::Outlet,
        _ => SortOrder::SavedNewest,
    };
    let clippings = library.list_clippings(&filter, sort, args.limit, args.offset)?;
    if args.json {
        return print::json(&clippings);
    }
    print::clipping_lines(&clippings);
    Ok(())
}

/// Arguments of `cuttings show`.
#[derive(Args)]
pub struct ShowArgs {
    /// The clipping's id
    pub id: ClippingArg,
    /// Print the article as sanitised HTML instead of text
    #[arg(long)]
    pub html: bool,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Runs `cuttings show`.
pub fn show(library: &Library, args: ShowArgs) -> anyhow::Result<()> {
    let clipping = library.clipping(args.id.0)?;
    if args.json {
        return print::json(&clipping);
    }
    let summary = &clipping.summary;
    println!("{}", summary.title);
    let source: Vec<&str> = [summary.site_name.as_deref(), summary.byline.as_deref(), summary.published.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !source.is_empty() {
        println!("{}", source.join(" · "));
    }
    match clipping.source {
        Some(cuttings::store::ClipSource::Browser) => println!("{} (clipped from your browser)", summary.url),
        _ => println!("{}", summary.url),
    }
    if !summary.tags.is_empty() {
        println!("tags: {}", summary.tags.join(", "));
    }
    let similar = library.similar(args.id.0)?;
    if !similar.is_empty() {
        let list: Vec<String> =
            similar.iter().map(|s| format!("#{} ({:.0}%)", s.clipping.id, s.similarity * 100.0)).collect();
        println!("similar: {}", list.join(", "));
    }
    let images = library.clipping_images(args.id.0)?;
    let missing = images.iter().filter(|i| i.sha256.is_none()).count();
    if !images.is_empty() {
        println!("images: {} stored, {missing} missing", images.len() - missing);
    }
    for note in &clipping.notes {
        println!("\nnote #{} ({}):\n{}", note.id.0, note.edited_at, note.body);
    }
    println!();
    println!("{}", if args.html { &clipping.html } else { &clipping.text });
    Ok(())
}

/// Arguments of `cuttings search`.
#[derive(Args)]
#[command(
    after_help = "Query syntax: words (all must match), \"a phrase\", prefix*, -excluded, tag:name, site:outlet, \
folder:Name, after:YYYY-MM-DD, before:YYYY-MM-DD (published dates). Quote a query that has an -excluded word: \
  cuttings search 'Kim -purge'"
)]
pub struct SearchArgs {
    /// The query
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// Runs `cuttings search`.
pub fn search(library: &Library, args: SearchArgs) -> anyhow::Result<()> {
    let hits = library.search(&args.query.join(" "), args.limit)?;
    if args.json {
        return print::json(&hits);
    }
    for hit in &hits {
        println!("{}", print::clipping_line(&hit.clipping));
        // Where the match is, in words, unless it is in the article's text (where a reader expects it).
        match hit.found_in.label() {
            None => println!("        {}", hit.snippet),
            Some(label) => println!("        ({label}) {}", hit.snippet),
        }
    }
    Ok(())
}

/// Arguments of `cuttings mv`.
#[derive(Args)]
pub struct MvArgs {
    /// The clippings to move
    #[arg(required = true)]
    pub ids: Vec<ClippingArg>,
    /// The folder to move them to, as a path (missing folders are created)
    #[arg(long, required_unless_present = "inbox")]
    pub to: Option<FolderArg>,
    /// Move them to the Inbox
    #[arg(long, conflicts_with = "to")]
    pub inbox: bool,
}

/// Runs `cuttings mv`.
pub fn mv(library: &mut Library, args: MvArgs) -> anyhow::Result<()> {
    let filed = args.to.as_ref().map(|f| ensure_folder(library, f)).transpose()?;
    let folder = filed.map(|f| {
        say_created(&f.created);
        f.id
    });
    library.move_clippings(&ids(&args.ids), folder)?;
    Ok(())
}

/// Arguments of `cuttings edit`.
#[derive(Args)]
pub struct EditArgs {
    /// The clipping to edit
    pub id: ClippingArg,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// New author(s); "" clears it
    #[arg(long)]
    pub byline: Option<String>,
    /// New publication date (YYYY-MM-DD or RFC 3339)
    #[arg(long)]
    pub published: Option<String>,
    /// New outlet name; "" clears it
    #[arg(long)]
    pub outlet: Option<String>,
    /// New language tag
    #[arg(long)]
    pub lang: Option<String>,
}

/// Runs `cuttings edit`.
pub fn edit(library: &mut Library, args: EditArgs) -> anyhow::Result<()> {
    let edit = ClippingEdit {
        title: args.title,
        byline: args.byline.map(non_empty),
        published: args.published.map(non_empty),
        site_name: args.outlet.map(non_empty),
        lang: args.lang.map(non_empty),
        ..ClippingEdit::default()
    };
    library.edit_clipping(args.id.0, &edit)?;
    Ok(())
}

/// An empty value given on the command line clears the field.
fn non_empty(value: String) -> Option<String> {
    if value.trim().is_empty() { None } else { Some(value) }
}

/// Arguments of `cuttings rm`.
#[derive(Args)]
pub struct RmArgs {
    /// The clippings to move to the trash
    #[arg(required = true)]
    pub ids: Vec<ClippingArg>,
}

/// Runs `cuttings rm`: the clippings go to the trash, from where `cuttings trash restore` brings them back.
pub fn rm(library: &mut Library, args: RmArgs) -> anyhow::Result<()> {
    library.trash_clippings(&ids(&args.ids))?;
    println!("moved {} clipping(s) to the trash", args.ids.len());
    Ok(())
}
