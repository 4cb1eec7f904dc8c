//! `cuttings export`: a folder, a tag, a search result or chosen clippings as Markdown files or a press-review
//! PDF. Progress goes to stderr; Ctrl-C is not caught (the staging folder beside the target is then left behind,
//! named `.cuttings-export-*`).

use crate::clipping_cmd::ClippingArg;
use crate::folder_cmd::{FolderArg, resolve_folder};
use clap::{Args, ValueEnum};
use cuttings::export::{
    self, ExportControl, ExportFormat, ExportOutcome, ExportProgress, ExportRequest, ExportStage, Grouping,
    ImageOrigin, MarkdownOptions, Order, PdfOptions, Selection,
};
use cuttings::store::Library;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Arguments of `cuttings export`.
#[derive(Args)]
#[command(group = clap::ArgGroup::new("what").multiple(false))]
pub struct ExportArgs {
    /// Export this folder, as a path such as "Politics/Korea" (with its subfolders unless --no-subfolders)
    #[arg(long, group = "what")]
    pub folder: Option<FolderArg>,
    /// With --folder: leave out the clippings of its subfolders
    #[arg(long, requires = "folder")]
    pub no_subfolders: bool,
    /// Export the clippings carrying this tag
    #[arg(long, group = "what")]
    pub tag: Option<String>,
    /// Export the result of this search (same syntax as `cuttings search`)
    #[arg(long, group = "what")]
    pub search: Option<String>,
    /// Export these clippings, in this order: ids separated by commas
    #[arg(long, group = "what", value_delimiter = ',', num_args = 1..)]
    pub ids: Option<Vec<ClippingArg>>,
    /// Export the clippings in no folder
    #[arg(long, group = "what")]
    pub inbox: bool,
    /// Export every clipping (not those in the trash)
    #[arg(long, group = "what")]
    pub all: bool,
    /// Markdown files (a folder), one PDF file, or the whole library's metadata as one JSON file
    #[arg(long, value_enum)]
    pub format: Format,
    /// Where to write: a new folder for md, a new file for pdf (never overwritten)
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Title of the review [default: the folder, tag or search]
    #[arg(long)]
    pub title: Option<String>,
    /// Order of the clippings
    #[arg(long, value_enum, default_value = "published")]
    pub order: OrderArg,
    /// PDF: group the contents by folder or by outlet
    #[arg(long, value_enum)]
    pub group_by: Option<GroupArg>,
    /// Markdown: one combined file with a table of contents instead of one file per clipping
    #[arg(long)]
    pub combined: bool,
    /// PDF: a digest: each clipping's source line, key passages and notes, without the article
    #[arg(long)]
    pub digest: bool,
    /// Markdown: how highlighted passages are marked: ==text== (equals) or <mark>text</mark> (html)
    #[arg(long, value_enum, default_value = "equals")]
    pub mark: MarkArg,
    /// Do not download images (those stored in the library are still used): Markdown keeps the addresses of the
    /// others, the PDF shows placeholders
    #[arg(long)]
    pub no_images: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    pub quiet: bool,
}

/// Export formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Markdown files with YAML front matter, images in assets/, an index.md
    Md,
    /// A press-review PDF
    Pdf,
    /// Metadata, folders, tags and notes of the whole library, for scripts (no selection)
    Json,
}

/// Orders of the clippings.
#[derive(Clone, Copy, ValueEnum)]
pub enum OrderArg {
    /// Oldest publication first
    Published,
    /// By outlet
    Outlet,
    /// By folder, in the order of the folder tree
    Folder,
    /// As given (--ids), best first (--search), newest saved first (--folder, --tag)
    Given,
}

/// Groupings of the PDF contents.
#[derive(Clone, Copy, ValueEnum)]
pub enum GroupArg {
    /// By folder
    Folder,
    /// By outlet
    Outlet,
}

/// Runs `cuttings export`.
pub fn run(library: &Library, args: ExportArgs) -> anyhow::Result<()> {
    let chosen = args.folder.is_some()
        || args.tag.is_some()
        || args.search.is_some()
        || args.ids.is_some()
        || args.inbox
        || args.all;
    let format = match args.format {
        Format::Json => return metadata_json(library, &args, chosen),
        Format::Md => {
            if args.group_by.is_some() {
                anyhow::bail!("--group-by applies to the PDF only");
            }
            ExportFormat::Markdown(MarkdownOptions { combined: args.combined, mark: args.mark.into() })
        }
        Format::Pdf => {
            if args.combined {
                anyhow::bail!("--combined applies to Markdown only");
            }
            let grouping = match args.group_by {
                None => Grouping::None,
                Some(GroupArg::Folder) => Grouping::Folder,
                Some(GroupArg::Outlet) => Grouping::Outlet,
            };
            ExportFormat::Pdf(PdfOptions { grouping, date: None, digest: args.digest })
        }
    };
    if !chosen {
        anyhow::bail!("choose what to export with --folder, --tag, --search, --ids, --inbox or --all");
    }
    let selection = if let Some(folder) = &args.folder {
        Selection::Folder { id: resolve_folder(library, folder)?, include_subfolders: !args.no_subfolders }
    } else if let Some(tag) = &args.tag {
        Selection::Tag(tag.clone())
    } else if let Some(query) = &args.search {
        Selection::Search(query.clone())
    } else if args.inbox {
        Selection::Inbox
    } else if args.all {
        Selection::All
    } else {
        Selection::Ids(args.ids.iter().flatten().map(|arg| arg.0).collect())
    };
    let order = match args.order {
        OrderArg::Published => Order::Published,
        OrderArg::Outlet => Order::Outlet,
        OrderArg::Folder => Order::Folder,
        OrderArg::Given => Order::Given,
    };
    // Images stored in the library are always used; --no-images only keeps the export off the network.
    let images = if args.no_images { ImageOrigin::LibraryOnly } else { ImageOrigin::LibraryThenWeb };
    let request =
        ExportRequest { selection, order, title: args.title.clone(), format, images, target: args.out.clone() };
    let quiet = args.quiet;
    let report = move |p: ExportProgress| {
        if !quiet {
            let what = match p.stage {
                ExportStage::Reading => "reading clippings",
                ExportStage::Images => "loading images",
                ExportStage::Writing => "writing",
                ExportStage::Layout => "laying out pages",
                ExportStage::Saving => "saving",
            };
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{what}: {}/{}\x1b[K", p.done, p.total);
            if p.done == p.total {
                let _ = writeln!(err);
            }
        }
    };
    let cancel = AtomicBool::new(false);
    match export::run(library, &request, ExportControl::new(&report, &cancel))? {
        ExportOutcome::Markdown(done) => {
            if !quiet {
                eprintln!(
                    "wrote {} clippings to {} ({} images saved, {} kept as links)",
                    done.clippings,
                    done.path.display(),
                    done.images_saved,
                    done.images_missing
                );
            }
        }
        ExportOutcome::Pdf(done) => {
            for warning in &done.warnings {
                eprintln!("warning: {warning}");
            }
            if !done.missing_glyphs.is_empty() {
                let chars: String = done.missing_glyphs.iter().collect();
                eprintln!("warning: no installed font can draw {chars:?}; install fonts-noto-core and fonts-noto-cjk");
            }
            if !quiet {
                eprintln!(
                    "wrote {} clippings on {} pages to {} ({} images, {} placeholders)",
                    done.clippings,
                    done.pages,
                    done.path.display(),
                    done.images,
                    done.placeholders
                );
            }
        }
    }
    Ok(())
}

/// `--format json`: the whole library's metadata, which takes no selection.
fn metadata_json(library: &Library, args: &ExportArgs, chosen: bool) -> anyhow::Result<()> {
    if chosen {
        anyhow::bail!(
            "the JSON export holds the whole library; leave out --folder, --tag, --search, --ids, --inbox and --all"
        );
    }
    export::export_metadata_json(library, &args.out)?;
    if !args.quiet {
        eprintln!("wrote the library's metadata to {}", args.out.display());
    }
    Ok(())
}

/// How highlighted passages are marked in Markdown, as typed.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum MarkArg {
    Equals,
    Html,
}

impl From<MarkArg> for cuttings::export::MarkStyle {
    fn from(mark: MarkArg) -> Self {
        match mark {
            MarkArg::Equals => cuttings::export::MarkStyle::Equals,
            MarkArg::Html => cuttings::export::MarkStyle::Html,
        }
    }
}
