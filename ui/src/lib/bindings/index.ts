// Generated from src-tauri/src/dto.rs and error.rs by ts-rs. Do not edit: after changing the Rust types,
// run `UPDATE_BINDINGS=1 cargo test --workspace --bin cuttings-desktop bindings`.

export type CommandError = { 
/**
 * Stable kind of failure, for the UI to branch on.
 */
code: ErrorCode, 
/**
 * What went wrong, in plain words, ready to show.
 */
message: string, 
/**
 * Why Cuttings' browser would clip the page that failed (the core's rule, `cuttings::clip::browser_reason`);
 * absent for every other failure.
 */
browserWouldHelp?: BrowserReason, };

export type ErrorCode = "not_a_library" | "newer_schema" | "busy" | "in_use" | "read_only" | "not_found" | "name_taken" | "folder_cycle" | "invalid_name" | "title_required" | "empty_text" | "invalid_query" | "damaged_page" | "bad_backup" | "no_data_folder" | "io" | "sqlite" | "quote_not_found" | "quote_ambiguous" | "bad_url" | "http_status" | "timeout" | "network" | "too_large" | "not_a_web_page" | "redirect_loop" | "empty_page" | "private_address" | "read_file" | "no_article" | "no_address" | "page_too_complex" | "cancelled" | "empty" | "target_exists" | "no_parent_folder" | "disk_full" | "write" | "layout" | "import_malformed" | "bad_input" | "open_failed" | "browser_closed" | "browser_no_page" | "internal";

export type LibraryInfo = { 
/**
 * Path of the library file.
 */
path: string, };

export type ApiSettings = { 
/**
 * The port on 127.0.0.1 it listens on (or tried to).
 */
port: number, 
/**
 * Whether this window serves it.
 */
serving: boolean, 
/**
 * Why it does not, in plain words (another program holds the port…); `None` while serving.
 */
problem: string | null, 
/**
 * The pairing token to paste into the extension.
 */
token: string, };

export type FolderNode = { 
/**
 * Its id.
 */
id: number, 
/**
 * Its parent; `null` at the top level.
 */
parent: number | null, 
/**
 * Its name.
 */
name: string, 
/**
 * Place among its siblings, from 0.
 */
position: number, 
/**
 * Clippings directly in it (not in subfolders).
 */
clippingCount: number, };

export type TagSummary = { 
/**
 * The tag.
 */
name: string, 
/**
 * Live clippings with it.
 */
count: number, };

export type ListSource = { "kind": "all" } | { "kind": "inbox" } | { "kind": "folder", 
/**
 * The folder.
 */
id: number, 
/**
 * With those of its subfolders.
 */
includeSubfolders: boolean, } | { "kind": "tag", 
/**
 * The tag.
 */
name: string, };

export type SortKey = "saved" | "published" | "title" | "outlet";

export type ListRequest = { 
/**
 * Where from.
 */
source: ListSource, 
/**
 * In which order.
 */
sort: SortKey, 
/**
 * Rows to skip.
 */
offset: number, 
/**
 * Rows wanted, 1 to [`MAX_PAGE_ROWS`].
 */
limit: number, };

export type ClippingRow = { 
/**
 * Its id.
 */
id: number, 
/**
 * Headline.
 */
title: string, 
/**
 * Outlet (site name).
 */
outlet: string | null, 
/**
 * Authors.
 */
byline: string | null, 
/**
 * Publication date as the page gave it (ISO 8601).
 */
published: string | null, 
/**
 * When it was saved (RFC 3339 UTC).
 */
savedAt: string, 
/**
 * Its folder; `null` for the Inbox.
 */
folder: number | null, 
/**
 * Its tags.
 */
tags: Array<string>, 
/**
 * The address it was saved from.
 */
url: string, 
/**
 * Short summary.
 */
excerpt: string | null, 
/**
 * Words in the body.
 */
wordCount: number, 
/**
 * The kind of page it was taken from, by the core's names (`article`, `forum`, `product`, `documentation`,
 * `listing`, `collection`, `service`).
 */
kind: string, 
/**
 * Whether the extractor was unsure it found the page's content.
 */
lowConfidence: boolean, };

export type NoteView = { 
/**
 * Its id.
 */
id: number, 
/**
 * Markdown text.
 */
body: string, 
/**
 * When it was written.
 */
createdAt: string, 
/**
 * When it was last edited.
 */
editedAt: string, };

export type HighlightColour = "yellow" | "green" | "blue" | "pink";

export type HighlightView = { 
/**
 * Its id.
 */
id: number, 
/**
 * The clipping it marks.
 */
clipping: number, 
/**
 * The passage as it reads in the clipping's text.
 */
exact: string, 
/**
 * Text just before the passage, to tell repeats apart.
 */
prefix: string, 
/**
 * Text just after the passage.
 */
suffix: string, 
/**
 * Start in characters of the clipping's plain text; `null` when detached.
 */
start: number | null, 
/**
 * End in characters of the clipping's plain text; `null` when detached.
 */
end: number | null, 
/**
 * Its colour.
 */
colour: HighlightColour, 
/**
 * The reader's comment (Markdown).
 */
comment: string | null, 
/**
 * Whether the passage is no longer in the clipping's text.
 */
detached: boolean, 
/**
 * When it was made.
 */
createdAt: string, 
/**
 * When it was last changed.
 */
modifiedAt: string, };

export type ClippingView = { 
/**
 * What the list shows.
 */
row: ClippingRow, 
/**
 * Canonical address the page declared.
 */
canonicalUrl: string | null, 
/**
 * Language tag, for the reader's `lang` attribute.
 */
lang: string | null, 
/**
 * Lead image address.
 */
leadImage: string | null, 
/**
 * The article HTML, sanitised by the core before it was stored.
 */
html: string, 
/**
 * Notes, oldest first.
 */
notes: Array<NoteView>, 
/**
 * Whether the page was sent by the browser extension as the browser showed it (the reader says so).
 */
fromBrowser: boolean, };

export type TrashEntryKind = "clipping" | "folder";

export type TrashEntry = { 
/**
 * Its id, to restore it.
 */
id: number, 
/**
 * "clipping" or "folder".
 */
kind: TrashEntryKind, 
/**
 * Clipping title or folder name.
 */
title: string, 
/**
 * Names of the folders it was in, from the top; empty for the Inbox or the top level.
 */
originalPath: Array<string>, 
/**
 * Clippings it holds (1 for a clipping).
 */
clippingCount: number, 
/**
 * When it was deleted.
 */
trashedAt: string, };

export type ClipPreview = { 
/**
 * Names the held page in [`SaveClipRequest`] and `discard_clip`.
 */
token: number, 
/**
 * The address the page came from (after redirects).
 */
url: string, 
/**
 * Headline.
 */
title: string, 
/**
 * Outlet (site name).
 */
outlet: string | null, 
/**
 * Authors.
 */
byline: string | null, 
/**
 * Publication date (ISO 8601).
 */
published: string | null, 
/**
 * Language tag.
 */
lang: string | null, 
/**
 * Words in the body.
 */
wordCount: number, 
/**
 * The cleaned article HTML, sanitised by the core.
 */
html: string, 
/**
 * The kind of page, by the core's names (as [`ClippingRow::kind`]).
 */
kind: string, 
/**
 * The extractor was unsure it found the page's content: the dialog says so and offers `wholePage`.
 */
lowConfidence: boolean, 
/**
 * The whole page's readable text, offered beside an unsure extraction; saved instead when the save asks for
 * it ([`SaveClipRequest::whole_page`]).
 */
wholePage: WholePagePreview | null, 
/**
 * How the page reached Cuttings, by the core's names: `web` (fetched), `file` or `browser` (Cuttings' browser).
 */
source: string, 
/**
 * Why the page is better clipped in Cuttings' browser (the core's rule: the page is a cookie-consent wall);
 * `null` when it is not.
 */
browserWouldHelp: BrowserReason | null, };

export type WholePagePreview = { 
/**
 * Words in it.
 */
wordCount: number, 
/**
 * Its HTML, sanitised by the core.
 */
html: string, };

export type BrowserReason = "login" | "consent_wall" | "script";

export type BrowserClip = { "kind": "prepared", preview: ClipPreview, } | { "kind": "failed", error: CommandError, };

export type SaveClipRequest = { 
/**
 * The UI's number for this save, which `cancel_clip` takes.
 */
request: number, 
/**
 * The preview's token.
 */
token: number, 
/**
 * Folder; `null` for the Inbox.
 */
folder: number | null, 
/**
 * Tags to give it.
 */
tags: Array<string>, 
/**
 * A first note (Markdown); empty or `null` for none.
 */
note: string | null, 
/**
 * Save a second copy even if the address is already in the library.
 */
allowDuplicate: boolean, 
/**
 * Save the whole readable page offered beside an unsure extraction ([`ClipPreview::whole_page`]) instead.
 */
wholePage: boolean, };

export type SaveProgress = { 
/**
 * Images finished.
 */
imagesDone: number, 
/**
 * Images the article has.
 */
imagesTotal: number, };

export type SaveOutcome = { "kind": "added", 
/**
 * The new clipping.
 */
id: number, } | { "kind": "duplicate", 
/**
 * The clipping already there.
 */
existing: ClippingRow, };

export type ImagesLoaded = { 
/**
 * Images that were missing and were tried.
 */
tried: number, 
/**
 * Of those, images now stored in the library.
 */
stored: number, };

export type MetadataEdit = { 
/**
 * Headline (required).
 */
title: string, 
/**
 * Authors.
 */
byline: string, 
/**
 * Outlet.
 */
outlet: string, 
/**
 * Publication date, `YYYY-MM-DD` or empty.
 */
published: string, };

export type SearchRequest = { 
/**
 * The query in the documented syntax (words, "phrases", prefix*, -exclude, tag:x, site:x, …).
 */
query: string, 
/**
 * Only this folder (with its subfolders).
 */
folder: number | null, 
/**
 * Only clippings with all of these tags.
 */
tags: Array<string>, 
/**
 * Only this outlet.
 */
outlet: string | null, 
/**
 * Published on or after, `YYYY-MM-DD`.
 */
publishedAfter: string | null, 
/**
 * Published before, `YYYY-MM-DD`.
 */
publishedBefore: string | null, 
/**
 * Results wanted, 1 to [`MAX_PAGE_ROWS`].
 */
limit: number, };

export type SearchResult = { 
/**
 * The clipping found.
 */
row: ClippingRow, 
/**
 * About 200 characters around the first match; matches between `[[` and `]]`.
 */
snippet: string, 
/**
 * Where the snippet was found (a highlight first).
 */
foundIn: FoundIn, 
/**
 * That place in words, shown beside the snippet ("in a highlight"); `null` for the article's text.
 */
foundInLabel: string | null, 
/**
 * Relevance, higher is better.
 */
rank: number, };

export type FoundIn = "highlight" | "text" | "note" | "title" | "excerpt";

export type ExportSource = { "kind": "folder", 
/**
 * The folder.
 */
id: number, 
/**
 * With those of its subfolders.
 */
includeSubfolders: boolean, } | { "kind": "tag", 
/**
 * The tag.
 */
name: string, } | { "kind": "search", 
/**
 * The query.
 */
query: string, } | { "kind": "clippings", 
/**
 * Their ids.
 */
ids: Array<number>, } | { "kind": "inbox" } | { "kind": "all" };

export type ExportFormat = "pdf" | "markdown";

export type ExportOrder = "published" | "outlet" | "folder" | "given";

export type ExportGrouping = "none" | "folder" | "outlet";

export type ExportMarkStyle = "equals" | "html";

export type ExportRequest = { 
/**
 * The UI's number for this export, which `cancel_export` takes.
 */
request: number, 
/**
 * What to export.
 */
source: ExportSource, 
/**
 * PDF or Markdown.
 */
format: ExportFormat, 
/**
 * Order of the clippings.
 */
order: ExportOrder, 
/**
 * Title of the review; empty or `null` for one made from the selection.
 */
title: string | null, 
/**
 * Grouping of a PDF's contents.
 */
grouping: ExportGrouping, 
/**
 * Markdown: one combined file instead of one file per clipping.
 */
combined: boolean, 
/**
 * PDF: a digest (each clipping's source line, key passages and notes, without its article).
 */
digest: boolean, 
/**
 * Markdown: how highlighted passages are marked in the text.
 */
mark: ExportMarkStyle, 
/**
 * The new file (PDF) or folder (Markdown) to write, as chosen in the save dialog.
 */
target: string, };

export type ExportStep = "reading" | "images" | "writing" | "layout" | "saving";

export type ExportProgressReport = { 
/**
 * The current step.
 */
step: ExportStep, 
/**
 * Units finished.
 */
done: number, 
/**
 * Units in the step.
 */
total: number, };

export type ExportSummary = { 
/**
 * The file or folder written.
 */
path: string, 
/**
 * Clippings in it.
 */
clippings: number, 
/**
 * Pages of a PDF; `null` for Markdown.
 */
pages: number | null, 
/**
 * Images included.
 */
images: number, 
/**
 * Images that could not be loaded (a placeholder in the PDF, the original address in Markdown).
 */
missingImages: number, 
/**
 * Things the user should know (a font missing for some characters, …); empty when all went well.
 */
warnings: Array<string>, };

export type QueueJobState = "queued" | "running" | "done" | "duplicate" | "failed" | "cancelled";

export type QueueJobRow = { 
/**
 * Its id, for retrying or cancelling it.
 */
id: number, 
/**
 * The batch it came in (a pasted list, an import).
 */
batch: number, 
/**
 * The address.
 */
url: string, 
/**
 * Where it stands.
 */
state: QueueJobState, 
/**
 * Tries so far.
 */
tries: number, 
/**
 * The title an export gave it, if any.
 */
title: string | null, 
/**
 * The last failure's stable code (a clip error's), for the UI to branch on.
 */
errorCode: string | null, 
/**
 * The last failure in the core's words.
 */
errorMessage: string | null, 
/**
 * A copy of the gone page in the Wayback Machine, which "Clip the archived copy" clips.
 */
archivedCopy: string | null, 
/**
 * The clipping it made, or the one already in the library.
 */
clipping: number | null, 
/**
 * That clipping's title, when the overview looked it up.
 */
clippingTitle: string | null, };

export type QueueTally = { 
/**
 * Waiting.
 */
queued: number, 
/**
 * Being clipped now.
 */
running: number, 
/**
 * Saved.
 */
done: number, 
/**
 * Already in the library.
 */
duplicate: number, 
/**
 * Failed for good (until retried).
 */
failed: number, 
/**
 * Cancelled.
 */
cancelled: number, };

export type QueueWorkerState = "starting" | "running" | "otherProgram" | { "failed": string };

export type QueueOverview = { 
/**
 * Jobs in each state, all batches.
 */
counts: QueueTally, 
/**
 * The jobs under way and waiting (in the order they are worked), then the failed ones, then the most
 * recently finished: each list limited.
 */
jobs: Array<QueueJobRow>, 
/**
 * Whether this window's worker is paused.
 */
paused: boolean, 
/**
 * Who works the queue.
 */
worker: QueueWorkerState, };

export type QueueEventReport = { "kind": "started", 
/**
 * The job as it now stands.
 */
job: QueueJobRow, } | { "kind": "finished", 
/**
 * The job as it now stands.
 */
job: QueueJobRow, };

export type QueueAddressesRequest = { 
/**
 * The text holding the addresses (one per line, or running text with links).
 */
text: string, 
/**
 * The folder to file them in; `null` for the Inbox.
 */
folder: number | null, 
/**
 * Tags, as typed.
 */
tags: Array<string>, 
/**
 * A first note on each.
 */
note: string | null, };

export type EnqueueSummary = { 
/**
 * Addresses queued to be clipped.
 */
queued: number, 
/**
 * Addresses already in the library (not fetched again).
 */
alreadyInLibrary: number, 
/**
 * Addresses already waiting in the queue.
 */
alreadyQueued: number, 
/**
 * Folders made for them, as paths.
 */
createdFolders: Array<string>, };

export type ImportService = "pocket" | "omnivore" | "instapaper" | "wallabag" | "bookmarks";

export type ImportReadAs = { "kind": "tag", 
/**
 * The tag.
 */
name: string, } | { "kind": "folder", 
/**
 * The path (`Archive`).
 */
path: string, } | { "kind": "nothing" };

export type ImportRequest = { 
/**
 * The service it comes from.
 */
service: ImportService, 
/**
 * The export file (as chosen with `choose_import_file`).
 */
path: string, 
/**
 * The folder path to import into (`Imported/Pocket`, made if missing); `null` for the Inbox.
 */
folder: string | null, 
/**
 * What read or archived items become.
 */
readAs: ImportReadAs, };

export type ImportPreview = { 
/**
 * Names the plan for `start_import`.
 */
token: number, 
/**
 * The batch's label ("Pocket import of pocket.zip").
 */
label: string, 
/**
 * Items with a web address, to queue.
 */
items: number, 
/**
 * Items whose article is in the export (not fetched).
 */
withContent: number, 
/**
 * Items already in the library or the queue (not clipped again; their highlights are added).
 */
alreadyPresent: number, 
/**
 * The folder paths the items go to.
 */
folders: Array<string>, 
/**
 * The tags the items bring.
 */
tags: Array<string>, 
/**
 * Highlights carried (highlighted where the text has the passage, else kept in a note).
 */
highlights: number, 
/**
 * Records left out because they are not web pages.
 */
skippedNotWeb: number, };
