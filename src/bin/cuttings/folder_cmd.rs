//! `cuttings folder`: create, rename, move, delete and list folders. Folders are named by their path from the
//! top, with `/` between names ("Politics/Korea"); names compare without regard to case, as the library does.
//! Where clippings go (`add --folder`, `mv --to`), a missing path is created and each new folder is announced;
//! the folder subcommands other than `new` name folders that exist.

use crate::print;
use anyhow::bail;
use clap::Subcommand;
use cuttings::store::{Folder, FolderAtPath, FolderId, Library};

/// A folder as typed by the user: its path from the top, e.g. `Politics/Korea`.
#[derive(Clone, Debug)]
pub struct FolderArg(Vec<String>);

impl std::str::FromStr for FolderArg {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let names: Vec<String> =
            text.split('/').map(str::trim).filter(|name| !name.is_empty()).map(String::from).collect();
        if names.is_empty() {
            return Err(format!("{text:?} names no folder; write a path such as Politics/Korea"));
        }
        Ok(FolderArg(names))
    }
}

impl std::fmt::Display for FolderArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("/"))
    }
}

/// The id of the folder at `path`, which must exist.
pub fn resolve_folder(library: &Library, path: &FolderArg) -> anyhow::Result<FolderId> {
    match library.folder_at_path(&path.to_string())? {
        Some(id) => Ok(id),
        None => bail!("there is no folder {path}; `cuttings folder tree` lists them"),
    }
}

/// The folder at `path`, with the folders of the path that are missing created (the library's rule for a path
/// where clippings are filed); the caller says which were created ([`say_created`], or in its JSON).
pub fn ensure_folder(library: &mut Library, path: &FolderArg) -> anyhow::Result<FolderAtPath> {
    Ok(library.ensure_folder_path(&path.to_string())?)
}

/// Prints one line per folder created: `created folder Politics/Korea`.
pub fn say_created(created: &[String]) {
    for path in created {
        println!("created folder {path}");
    }
}

/// The subcommands of `cuttings folder`.
#[derive(Subcommand)]
pub enum FolderCommand {
    /// Create a folder, with any missing folders above it ("Politics/Korea")
    New { path: FolderArg },
    /// Rename a folder
    Rename { path: FolderArg, new_name: String },
    /// Move a folder into another one, or to the top level
    Mv {
        path: FolderArg,
        /// The new parent folder
        #[arg(long, required_unless_present = "top")]
        to: Option<FolderArg>,
        /// Move it to the top level
        #[arg(long, conflicts_with = "to")]
        top: bool,
    },
    /// Move a folder, with everything in it, to the trash
    Rm { path: FolderArg },
    /// Print the folder tree with clipping counts
    Tree {
        /// Print one JSON array of folders (parents before children)
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `cuttings folder` subcommand.
pub fn run(library: &mut Library, command: FolderCommand) -> anyhow::Result<()> {
    match command {
        FolderCommand::New { path } => {
            let folder = ensure_folder(library, &path)?;
            if folder.created.is_empty() {
                bail!("a folder {path} already exists");
            }
            say_created(&folder.created);
        }
        FolderCommand::Rename { path, new_name } => {
            let id = resolve_folder(library, &path)?;
            library.rename_folder(id, &new_name)?;
        }
        FolderCommand::Mv { path, to, top: _ } => {
            let id = resolve_folder(library, &path)?;
            let parent = to.as_ref().map(|to| resolve_folder(library, to)).transpose()?;
            library.move_folder(id, parent, None)?;
        }
        FolderCommand::Rm { path } => {
            let id = resolve_folder(library, &path)?;
            library.delete_folder(id)?;
            println!("moved {path} to the trash");
        }
        FolderCommand::Tree { json } => {
            let tree = library.folder_tree()?;
            if json {
                return print::json(&tree);
            }
            print_tree(&tree, None, 0);
        }
    }
    Ok(())
}

/// Prints the children of `parent`, indented by `depth`, then their children.
fn print_tree(tree: &[Folder], parent: Option<FolderId>, depth: usize) {
    for folder in tree.iter().filter(|f| f.parent == parent) {
        println!("{}{} ({})", "  ".repeat(depth), folder.name, folder.clipping_count);
        print_tree(tree, Some(folder.id), depth + 1);
    }
}
