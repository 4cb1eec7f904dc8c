//! Which clippings an export holds, and in what order.
//!
//! A [`Selection`] (a folder with or without its subfolders, a tag, a search query, or ids picked by hand) is
//! resolved against the library into an ordered list of [`ClippingSummary`]; the full clippings are read one at a
//! time by the writers, so a large export never holds every article in memory. [`FolderPaths`] names each folder
//! by its path from the top and knows the order of the folder tree. Reads only; never writes the library.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::ExportError;
use crate::store::{ClippingFilter, ClippingId, ClippingSummary, FolderId, Library, SortOrder, StoreError};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    /// The clippings of a folder, optionally with those of its subfolders at any depth.
    Folder {
        /// The folder.
        id: FolderId,
        /// Include the subfolders.
        include_subfolders: bool,
    },
    /// The clippings carrying a tag (compared ignoring case).
    Tag(String),
    /// The result of a search, in the library's query syntax.
    Search(String),
    /// Clippings picked by hand, in this order (repeats are dropped).
    Ids(Vec<ClippingId>),
    /// The clippings in no folder.
    Inbox,
    /// Every clipping not in the trash.
    All,
}

/// The order of the clippings in the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Order {
    /// Oldest publication first; undated clippings last.
    #[default]
    Published,
    /// By outlet name (ignoring case), then oldest publication first.
    Outlet,
    /// By folder in the order of the folder tree, then oldest publication first.
    Folder,
    /// As selected: ids as given, search results best first, folder and tag contents newest saved first.
    Given,
}

/// How the contents of a PDF are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Grouping {
    /// One flat list.
    #[default]
    None,
    /// Under the path of each clipping's folder, in the order of the folder tree.
    Folder,
    /// Under each clipping's outlet, alphabetically.
    Outlet,
}

/// Name used for clippings in no folder.
pub const INBOX: &str = "Inbox";
/// Name used for clippings without an outlet.
pub const NO_OUTLET: &str = "Other sources";

/// Every live folder's path of names from the top, and its place in the folder tree (parents before children,
/// siblings by position, depth first).
#[derive(Debug, Clone, Default)]
pub struct FolderPaths {
    paths: HashMap<FolderId, (Vec<String>, usize)>,
}

impl FolderPaths {
    /// Reads the folder tree of `library`.
    pub fn read(library: &Library) -> Result<FolderPaths, StoreError> {
        let folders = library.folder_tree()?;
        let mut children: HashMap<Option<FolderId>, Vec<(i64, FolderId, String)>> = HashMap::new();
        for folder in &folders {
            children.entry(folder.parent).or_default().push((folder.position, folder.id, folder.name.clone()));
        }
        for list in children.values_mut() {
            list.sort();
        }
        let mut paths = HashMap::new();
        // Depth-first walk with an explicit stack (no recursion on data a user controls).
        let mut stack: Vec<(FolderId, Vec<String>)> = Vec::new();
        let push_children = |stack: &mut Vec<(FolderId, Vec<String>)>, parent: Option<FolderId>, path: &[String]| {
            if let Some(list) = children.get(&parent) {
                for (_, id, name) in list.iter().rev() {
                    let mut child = path.to_vec();
                    child.push(name.clone());
                    stack.push((*id, child));
                }
            }
        };
        push_children(&mut stack, None, &[]);
        while let Some((id, path)) = stack.pop() {
            if paths.contains_key(&id) {
                continue;
            }
            let index = paths.len();
            push_children(&mut stack, Some(id), &path);
            paths.insert(id, (path, index));
        }
        Ok(FolderPaths { paths })
    }

    /// Names of the folders from the top down to `folder` (empty for the Inbox or an unknown folder).
    pub fn path(&self, folder: Option<FolderId>) -> &[String] {
        folder.and_then(|id| self.paths.get(&id)).map(|(path, _)| path.as_slice()).unwrap_or(&[])
    }

    /// The path joined with " / ", or [`INBOX`].
    pub fn label(&self, folder: Option<FolderId>) -> String {
        let path = self.path(folder);
        if path.is_empty() { INBOX.to_string() } else { path.join(" / ") }
    }

    /// Place in the folder tree; the Inbox comes first.
    fn rank(&self, folder: Option<FolderId>) -> usize {
        folder.and_then(|id| self.paths.get(&id)).map_or(0, |(_, index)| index + 1)
    }
}

/// Resolves a selection into live clippings in `order`. Fails with [`ExportError::Empty`] when there are none,
/// and with a "not found" store error for an id that is not a live clipping.
pub fn select(
    library: &Library,
    selection: &Selection,
    order: Order,
    folders: &FolderPaths,
) -> Result<Vec<ClippingSummary>, ExportError> {
    let mut clippings = match selection {
        Selection::Folder { id, include_subfolders } => library.list_clippings(
            &ClippingFilter::Folder { id: *id, include_subfolders: *include_subfolders },
            SortOrder::SavedNewest,
            u32::MAX,
            0,
        )?,
        Selection::Tag(name) => {
            library.list_clippings(&ClippingFilter::Tag(name.clone()), SortOrder::SavedNewest, u32::MAX, 0)?
        }
        Selection::Search(query) => library.search(query, u32::MAX)?.into_iter().map(|hit| hit.clipping).collect(),
        Selection::Inbox => library.list_clippings(&ClippingFilter::Inbox, SortOrder::SavedNewest, u32::MAX, 0)?,
        Selection::All => library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, u32::MAX, 0)?,
        Selection::Ids(ids) => {
            let mut seen = HashSet::new();
            let mut list = Vec::new();
            for id in ids.iter().filter(|id| seen.insert(**id)) {
                let clipping = library.clipping(*id)?;
                if clipping.in_trash {
                    return Err(StoreError::NotFound { what: "clipping", id: id.0 }.into());
                }
                list.push(clipping.summary);
            }
            list
        }
    };
    if clippings.is_empty() {
        return Err(ExportError::Empty { what: describe(selection, folders) });
    }
    sort(&mut clippings, order, folders);
    Ok(clippings)
}

/// Puts clippings in `order`; stable, so equal keys keep the selection's order.
pub fn sort(clippings: &mut [ClippingSummary], order: Order, folders: &FolderPaths) {
    let published = |c: &ClippingSummary| (c.published.is_none(), c.published.clone().unwrap_or_default());
    match order {
        Order::Given => {}
        Order::Published => clippings.sort_by_cached_key(published),
        Order::Outlet => clippings.sort_by_cached_key(|c| {
            (c.site_name.is_none(), c.site_name.as_deref().unwrap_or("").to_lowercase(), published(c))
        }),
        Order::Folder => clippings.sort_by_cached_key(|c| (folders.rank(c.folder), published(c))),
    }
}

/// Gathers clippings into groups for the contents, keeping the order inside each group. Groups come in the
/// order of the folder tree or of outlet names; with [`Grouping::None`] there is one group without a name.
pub fn group(
    clippings: Vec<ClippingSummary>,
    grouping: Grouping,
    folders: &FolderPaths,
) -> Vec<(Option<String>, Vec<ClippingSummary>)> {
    let key = |c: &ClippingSummary| -> (usize, String, String) {
        match grouping {
            Grouping::None => (0, String::new(), String::new()),
            Grouping::Folder => (folders.rank(c.folder), String::new(), folders.label(c.folder)),
            Grouping::Outlet => {
                let name = c.site_name.clone().filter(|s| !s.trim().is_empty());
                (
                    usize::from(name.is_none()),
                    name.as_deref().unwrap_or("").to_lowercase(),
                    name.unwrap_or(NO_OUTLET.into()),
                )
            }
        }
    };
    let mut keyed: Vec<((usize, String, String), ClippingSummary)> =
        clippings.into_iter().map(|c| (key(&c), c)).collect();
    keyed.sort_by(|a, b| (a.0.0, &a.0.1).cmp(&(b.0.0, &b.0.1)));
    let mut groups: Vec<(Option<String>, Vec<ClippingSummary>)> = Vec::new();
    let mut last: Option<(usize, String)> = None;
    for ((rank, sort_key, label), clipping) in keyed {
        let this = (rank, sort_key);
        match groups.last_mut() {
            Some((_, members)) if last.as_ref() == Some(&this) => members.push(clipping),
            _ => {
                let name = (grouping != Grouping::None).then_some(label);
                groups.push((name, vec![clipping]));
                last = Some(this);
            }
        }
    }
    groups
}

/// The selection in words, for messages.
fn describe(selection: &Selection, folders: &FolderPaths) -> String {
    match selection {
        Selection::Folder { id, include_subfolders } => {
            let below = if *include_subfolders { " with its subfolders" } else { "" };
            format!("folder {:?}{below}", folders.label(Some(*id)))
        }
        Selection::Tag(name) => format!("tag {name:?}"),
        Selection::Search(query) => format!("search {query:?}"),
        Selection::Ids(_) => "the list of ids".to_string(),
        Selection::Inbox => "the Inbox".to_string(),
        Selection::All => "the library".to_string(),
    }
}
