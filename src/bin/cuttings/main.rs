//! The `cuttings` command-line program: one subcommand per operation on the library, plus `extract`.
//!
//! Every error ends the program with a non-zero status and one plain line on stderr.
//! Read commands take `--json` and then print exactly one JSON value on stdout.

mod archive_cmd;
mod clipping_cmd;
mod export_cmd;
mod extract_cmd;
mod folder_cmd;
mod highlight_cmd;
mod note_cmd;
mod print;
mod queue_cmd;
mod serve_cmd;
mod tag_cmd;
mod trash_cmd;

use anyhow::Context;
use clap::{Parser, Subcommand};
use cuttings::store::Library;
use std::path::PathBuf;
use std::process::ExitCode;

/// Keep press clippings: clip web articles, organise them, search and export them.
#[derive(Parser)]
#[command(name = "cuttings", version, about)]
struct Cli {
    /// The library file [default: the platform data folder, e.g. ~/.local/share/cuttings/library.db]
    #[arg(long, global = true, env = "CUTTINGS_LIBRARY", value_name = "PATH")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clip an article from a URL or a saved HTML file and save it in the library; several URLs are queued
    Add(clipping_cmd::AddArgs),
    /// Import saved pages from Pocket, Omnivore, Instapaper, wallabag or a bookmarks file (through the queue)
    Import(queue_cmd::ImportArgs),
    /// Work, list, retry or cancel the clipping queue
    #[command(subcommand)]
    Queue(queue_cmd::QueueCommand),
    /// List the clippings of a folder, a tag, the Inbox or the whole library
    Ls(clipping_cmd::LsArgs),
    /// Show one clipping with its metadata, notes and text
    Show(clipping_cmd::ShowArgs),
    /// Search titles, authors, outlets, text, notes and tags
    Search(clipping_cmd::SearchArgs),
    /// Move clippings to a folder or to the Inbox
    Mv(clipping_cmd::MvArgs),
    /// Edit the title or metadata of a clipping
    Edit(clipping_cmd::EditArgs),
    /// Move clippings to the trash
    Rm(clipping_cmd::RmArgs),
    /// List, restore or empty the trash
    #[command(subcommand)]
    Trash(trash_cmd::TrashCommand),
    /// Create, rename, move, delete and list folders
    #[command(subcommand)]
    Folder(folder_cmd::FolderCommand),
    /// Add, remove, rename, merge and list tags
    #[command(subcommand)]
    Tag(tag_cmd::TagCommand),
    /// Add, edit, remove and list the notes of a clipping
    #[command(subcommand)]
    Note(note_cmd::NoteCommand),
    /// Highlight passages of a clipping, with a colour and a comment; list, edit and remove them
    #[command(subcommand)]
    Highlight(highlight_cmd::HighlightCommand),
    /// Extract the article from a saved page or a URL and print it, without saving
    Extract(extract_cmd::ExtractArgs),
    #[command(flatten)]
    Archive(archive_cmd::ArchiveCommand),
    /// Export clippings as Markdown files or a press-review PDF
    Export(export_cmd::ExportArgs),
    /// Serve the local clipping API for the browser extension, without a window (see docs/api.md)
    Serve(serve_cmd::ServeArgs),
    /// Print the token that pairs the browser extension with this library (--new replaces it)
    Token(serve_cmd::TokenArgs),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One plain line: the chain of causes joined, as "doing x: because y".
            eprintln!("cuttings: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Lets `cuttings ls | head` end quietly when the reader closes the pipe, as other command-line tools do,
/// instead of panicking on the failed write.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let library = LibraryPath(cli.library);
    match cli.command {
        Command::Add(args) => clipping_cmd::add(&library, args),
        Command::Import(args) => queue_cmd::import(&library, args),
        Command::Queue(command) => queue_cmd::run(&library, command),
        Command::Ls(args) => clipping_cmd::ls(&library.open()?, args),
        Command::Show(args) => clipping_cmd::show(&library.open()?, args),
        Command::Search(args) => clipping_cmd::search(&library.open()?, args),
        Command::Mv(args) => clipping_cmd::mv(&mut library.open()?, args),
        Command::Edit(args) => clipping_cmd::edit(&mut library.open()?, args),
        Command::Rm(args) => clipping_cmd::rm(&mut library.open()?, args),
        Command::Trash(command) => trash_cmd::run(&mut library.open()?, command),
        Command::Folder(command) => folder_cmd::run(&mut library.open()?, command),
        Command::Tag(command) => tag_cmd::run(&mut library.open()?, command),
        Command::Note(command) => note_cmd::run(&mut library.open()?, command),
        Command::Highlight(command) => highlight_cmd::run(&mut library.open()?, command),
        Command::Extract(args) => extract_cmd::run(args),
        Command::Archive(command) => archive_cmd::run(&library, command),
        Command::Export(args) => export_cmd::run(&library.open()?, args),
        Command::Serve(args) => serve_cmd::serve(&library, args),
        Command::Token(args) => serve_cmd::token(&library, args),
    }
}

/// The library the user named (`--library` or `CUTTINGS_LIBRARY`), or the platform default; opened on demand so
/// that commands which fail before touching the library never create one.
pub struct LibraryPath(Option<PathBuf>);

impl LibraryPath {
    /// Opens (creating if needed) the library.
    pub fn open(&self) -> anyhow::Result<Library> {
        Ok(Library::open(&self.path()?)?)
    }

    /// The library's path: the one given, else the default one.
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        match &self.0 {
            Some(path) => Ok(path.clone()),
            None => cuttings::store::default_library_path().context("finding the library"),
        }
    }
}
