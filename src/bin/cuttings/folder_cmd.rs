//! `cuttings folder`: create, rename, move, delete and list folders. Folders are named by their path from the
//! top, with `/` between names ("Politics/Korea"); names compare without regard to case, as the library does.

use crate::print;
use anyhow::bail;
use clap::Subcommand;
use cuttings::store::{Folder, FolderId, Library};

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

/// The id of the folder at `path`.
pub fn resolve_folder(library: &Library, path: &FolderArg) -> anyhow::Result<FolderId> {
    let tree = library.folder_tree()?;
    match find_path(&tree, &path.0) {
        Some(id) => Ok(id),
        None => bail!("there is no folder {path}; `cuttings folder tree` lists them"),
    }
}

/// Walks `names` down from the top level of `tree`.
fn find_path(tree: &[Folder], names: &[String]) -> Option<FolderId> {
    let mut parent = None;
    for name in names {
        let folder = tree.iter().find(|f| f.parent == parent && f.name.to_lowercase() == name.to_lowercase())?;
        parent = Some(folder.id);
    }
    parent
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
            let mut parent = None;
            let mut created = false;
            for depth in 1..=path.0.len() {
                let tree = library.folder_tree()?;
                parent = match find_path(&tree, &path.0[..depth]) {
                    Some(id) => Some(id),
                    None => {
                        created = true;
                        Some(library.create_folder(parent, &path.0[depth - 1])?)
                    }
                };
            }
            if !created {
                bail!("a folder {path} already exists");
            }
            println!("created {path}");
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
