//! `cuttings tag`: add and remove tags on clippings in bulk, rename, merge, delete and list tags.

use crate::clipping_cmd::ClippingArg;
use crate::print;
use clap::Subcommand;
use cuttings::store::{ClippingId, Library};

/// The subcommands of `cuttings tag`.
#[derive(Subcommand)]
pub enum TagCommand {
    /// Give tags to clippings: `cuttings tag add korea politics --to 3 4`
    Add {
        #[arg(required = true)]
        tags: Vec<String>,
        /// The clippings to tag
        #[arg(long, required = true, num_args = 1..)]
        to: Vec<ClippingArg>,
    },
    /// Take tags off clippings: `cuttings tag rm korea --from 3`
    Rm {
        #[arg(required = true)]
        tags: Vec<String>,
        /// The clippings to untag
        #[arg(long, required = true, num_args = 1..)]
        from: Vec<ClippingArg>,
    },
    /// Rename a tag everywhere
    Rename { old: String, new: String },
    /// Merge one tag into another: every clipping tagged FROM gets INTO, and FROM disappears
    Merge { from: String, into: String },
    /// Delete a tag from every clipping
    Delete { tag: String },
    /// List the tags with how many clippings carry each
    Ls {
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
}

fn ids(args: &[ClippingArg]) -> Vec<ClippingId> {
    args.iter().map(|arg| arg.0).collect()
}

/// Runs one `cuttings tag` subcommand.
pub fn run(library: &mut Library, command: TagCommand) -> anyhow::Result<()> {
    match command {
        TagCommand::Add { tags, to } => library.add_tags(&ids(&to), &tags)?,
        TagCommand::Rm { tags, from } => library.remove_tags(&ids(&from), &tags)?,
        TagCommand::Rename { old, new } => library.rename_tag(&old, &new)?,
        TagCommand::Merge { from, into } => library.merge_tags(&from, &into)?,
        TagCommand::Delete { tag } => library.delete_tag(&tag)?,
        TagCommand::Ls { json } => {
            let tags = library.tags()?;
            if json {
                return print::json(&tags);
            }
            for tag in &tags {
                println!("{:>5}  {}", tag.count, tag.name);
            }
        }
    }
    Ok(())
}
