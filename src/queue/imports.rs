//! An export read by [`crate::import`] made into jobs for the queue: what each item keeps (title, tags, folders,
//! saved time, read state, the article when the export has it, highlights) and a preview of what will
//! come in before anything is queued. Queueing is then one transaction ([`crate::store::Library::enqueue`]), folders
//! included, so an import is never half-made.

use std::collections::BTreeSet;

use crate::import::{ImportFormat, ImportedFile, ImportedItem, ReadState};
use crate::store::{JobHighlight, Library, NewJob, StoreError, timestamp};

/// What an item read or archived in the other service becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadAs {
    /// This tag.
    Tag(String),
    /// This folder path (under the import's folder), such as `Archive`.
    Folder(String),
    /// Nothing: read and unread items are filed alike.
    Nothing,
}

impl Default for ReadAs {
    fn default() -> Self {
        ReadAs::Tag("read".into())
    }
}

/// How the user wants an import filed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The folder path everything goes under (`Imported/Pocket`); `None` for the Inbox (the export's own folders
    /// are then made at the top).
    pub folder: Option<String>,
    /// What read or archived items become.
    pub read_as: ReadAs,
}

/// An import ready to queue, and what it will bring in: the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub format: ImportFormat,
    /// The file as the user named it.
    pub file_name: String,
    /// One job per item with a web address, in the export's order.
    pub jobs: Vec<NewJob>,
    /// Items whose article is in the export (nothing is fetched for them).
    pub with_content: usize,
    /// Items already in the library or waiting in the queue: not clipped again (their highlights are added).
    pub already_present: usize,
    /// The folder paths the items go to (the import's folder and the export's own), sorted.
    pub folders: Vec<String>,
    /// The tags the items bring, sorted.
    pub tags: Vec<String>,
    /// Highlights carried (highlighted in the clipping where its text has the passage, else kept in a note).
    pub highlights: usize,
    /// Records that were not web pages (bookmarklets, `place:` queries…), left out.
    pub skipped_not_web: usize,
}

impl ImportPlan {
    /// The label of the queue batch it becomes: "Pocket import of pocket.zip".
    pub fn label(&self) -> String {
        let service = match self.format {
            ImportFormat::Pocket => "Pocket",
            ImportFormat::Omnivore => "Omnivore",
            ImportFormat::Instapaper => "Instapaper",
            ImportFormat::Wallabag => "wallabag",
            ImportFormat::Bookmarks => "Bookmarks",
        };
        format!("{service} import of {}", self.file_name)
    }
}

/// Plans the import of `file` (read from `file_name`) into `library` under `options`, without writing anything.
pub fn plan_import(
    library: &Library,
    format: ImportFormat,
    file_name: &str,
    file: ImportedFile,
    options: &ImportOptions,
) -> Result<ImportPlan, StoreError> {
    let base: Vec<String> = options
        .folder
        .as_deref()
        .map(|path| path.split('/').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    let mut plan = ImportPlan {
        format,
        file_name: file_name.to_string(),
        jobs: Vec::with_capacity(file.items.len()),
        with_content: 0,
        already_present: 0,
        folders: Vec::new(),
        tags: Vec::new(),
        highlights: 0,
        skipped_not_web: file.skipped_not_web,
    };
    let (mut folders, mut tags) = (BTreeSet::new(), BTreeSet::new());
    for item in file.items {
        if library.is_known_address(&item.url)? {
            plan.already_present += 1;
        }
        plan.highlights += item.highlights.iter().filter(|h| !h.quote.trim().is_empty()).count();
        let job = job_for(item, &base, &options.read_as);
        plan.with_content += usize::from(job.content_html.is_some());
        if !job.subfolders.is_empty() {
            folders.insert(job.subfolders.join("/"));
        }
        tags.extend(job.tags.iter().cloned());
        plan.jobs.push(job);
    }
    plan.folders = folders.into_iter().collect();
    plan.tags = tags.into_iter().collect();
    Ok(plan)
}

/// One item as a job: its folder under `base`, its tags plus the read state's, its note from its description and
/// highlights, its saved time.
fn job_for(item: ImportedItem, base: &[String], read_as: &ReadAs) -> NewJob {
    let mut subfolders: Vec<String> = base.to_vec();
    subfolders.extend(item.folder.iter().map(|name| folder_name(name)).filter(|n| !n.is_empty()));
    let mut tags = item.tags.clone();
    if item.state != ReadState::Unread {
        match read_as {
            ReadAs::Tag(tag) => tags.push(tag.clone()),
            ReadAs::Folder(path) => {
                subfolders.extend(path.split('/').map(str::trim).filter(|n| !n.is_empty()).map(String::from))
            }
            ReadAs::Nothing => {}
        }
    }
    let note = item.description.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(String::from);
    let highlights = item
        .highlights
        .iter()
        .filter(|h| !h.quote.trim().is_empty())
        .map(|h| JobHighlight { quote: h.quote.trim().to_string(), comment: h.comment.clone() })
        .collect();
    NewJob {
        url: item.url,
        folder: None,
        subfolders,
        tags,
        note,
        saved_at: item.saved_at.map(timestamp),
        title: item.title,
        author: item.author,
        published: item.published,
        content_html: item.content_html.filter(|html| !html.trim().is_empty()),
        highlights,
    }
}

/// A folder name the library takes: no control characters, at most 200 characters.
fn folder_name(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(200).collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportedHighlight;

    #[test]
    fn an_item_keeps_its_folders_tags_time_state_and_highlights() {
        let item = ImportedItem {
            url: "https://news.example/a".into(),
            title: Some("A".into()),
            tags: vec!["korea".into()],
            folder: vec!["News".into(), "Asia\u{7}".into()],
            saved_at: Some(time::macros::datetime!(2019-03-02 10:00 UTC)),
            state: ReadState::Archived,
            highlights: vec![
                ImportedHighlight {
                    quote: "First line\nsecond".into(),
                    comment: Some("check".into()),
                    created_at: None,
                },
                ImportedHighlight { quote: "Another".into(), comment: None, created_at: None },
            ],
            ..ImportedItem::default()
        };
        let job = job_for(item, &["Imported".to_string()], &ReadAs::Tag("read".into()));
        assert_eq!(job.subfolders, ["Imported", "News", "Asia"]);
        assert_eq!(job.tags, ["korea", "read"]);
        assert_eq!(job.saved_at.as_deref(), Some("2019-03-02T10:00:00.000Z"));
        assert_eq!(job.note, None);
        assert_eq!(
            job.highlights,
            [
                JobHighlight { quote: "First line\nsecond".into(), comment: Some("check".into()) },
                JobHighlight { quote: "Another".into(), comment: None },
            ]
        );
        let archived_in_folder = job_for(
            ImportedItem { url: "https://news.example/b".into(), state: ReadState::Read, ..ImportedItem::default() },
            &[],
            &ReadAs::Folder("Archive/Read".into()),
        );
        assert_eq!(archived_in_folder.subfolders, ["Archive", "Read"]);
        assert!(archived_in_folder.tags.is_empty());
        assert_eq!(archived_in_folder.note, None);
    }
}
