// The one door from the UI to the Rust shell. Every command is named once, with its arguments and its answer, in
// `Commands`, and goes through `call`, which turns whatever the IPC layer throws into a BackendError with the
// shell's stable `code` (a union generated from Rust: ErrorCode) and its plain-words `message`. Components branch
// on `code`, never on message text (lib/errors.ts words each code). Types come from ./bindings (generated from the
// Rust DTOs). A saved page crosses as raw bytes, its other arguments in a header.
import { Channel, invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import type {
  ApiSettings,
  BrowserClip,
  BrowserReason,
  ClipPreview,
  ClippingRow,
  EnqueueSummary,
  HighlightColour,
  HighlightView,
  ImportPreview,
  ImportRequest,
  ImportService,
  QueueAddressesRequest,
  QueueEventReport,
  QueueOverview,
  ClippingView,
  CommandError,
  ErrorCode,
  ExportFormat,
  ExportProgressReport,
  ExportRequest,
  ExportSummary,
  FolderNode,
  ImagesLoaded,
  LibraryInfo,
  ListRequest,
  MetadataEdit,
  SaveClipRequest,
  SaveOutcome,
  SaveProgress,
  SearchRequest,
  SearchResult,
  TagSummary,
  TrashEntry,
} from './bindings';

/** A failure's code: the shell's (ErrorCode), or the UI's own when the shell could not be reached (`ipc`) or
 *  answered with something that is not a command error (`unknown`). */
export type FailureCode = ErrorCode | 'ipc' | 'unknown';

/** What `add_highlight` takes: the selected passage, which occurrence when it repeats (1 for the first). */
type NewHighlightArgs = {
  clipping: number;
  quote: string;
  occurrence: number | null;
  colour: HighlightColour;
  comment: string | null;
};

/** Every command of the shell (`generate_handler!` in src-tauri/src/main.rs): its arguments and its answer. The
 *  only place command names are written; a Rust test checks that the two lists agree. */
export interface Commands {
  library_info: { args: undefined; answer: LibraryInfo };
  folder_tree: { args: undefined; answer: FolderNode[] };
  tags: { args: undefined; answer: TagSummary[] };
  list_clippings: { args: { request: ListRequest }; answer: ClippingRow[] };
  clipping: { args: { id: number }; answer: ClippingView };
  trash: { args: undefined; answer: TrashEntry[] };
  search: { args: { request: SearchRequest }; answer: SearchResult[] };
  open_external: { args: { url: string }; answer: void };
  prepare_clip: { args: { request: number; url: string }; answer: ClipPreview };
  /** Raw: the page's bytes are the body; `request` and `url` (optional) travel in the `cuttings-args` header. */
  prepare_page: { args: Uint8Array; answer: ClipPreview };
  save_clip: { args: { request: SaveClipRequest; onProgress: unknown }; answer: SaveOutcome };
  discard_clip: { args: { token: number }; answer: void };
  cancel_clip: { args: { request: number }; answer: void };
  load_images: { args: { id: number }; answer: ImagesLoaded };
  clipboard_web_address: { args: undefined; answer: string | null };
  choose_export_target: { args: { format: ExportFormat; suggestedName: string }; answer: string | null };
  export: { args: { request: ExportRequest; onProgress: unknown }; answer: ExportSummary };
  cancel_export: { args: { request: number }; answer: void };
  open_export: { args: { path: string }; answer: void };
  render_note: { args: { markdown: string }; answer: string };
  create_folder: { args: { parent: number | null; name: string }; answer: number };
  rename_folder: { args: { id: number; name: string }; answer: void };
  move_folder: { args: { id: number; parent: number | null }; answer: void };
  delete_folder: { args: { id: number }; answer: void };
  move_clippings: { args: { ids: number[]; folder: number | null }; answer: void };
  add_tags: { args: { ids: number[]; tags: string[] }; answer: void };
  remove_tags: { args: { ids: number[]; tags: string[] }; answer: void };
  rename_tag: { args: { from: string; to: string }; answer: void };
  merge_tags: { args: { from: string; into: string }; answer: void };
  delete_tag: { args: { name: string }; answer: void };
  edit_metadata: { args: { id: number; edit: MetadataEdit }; answer: void };
  add_note: { args: { clipping: number; body: string }; answer: number };
  edit_note: { args: { id: number; body: string }; answer: void };
  delete_note: { args: { id: number }; answer: void };
  list_highlights: { args: { clipping: number }; answer: HighlightView[] };
  add_highlight: { args: NewHighlightArgs; answer: HighlightView };
  edit_highlight: { args: { id: number; colour: HighlightColour | null; comment: string | null }; answer: HighlightView };
  remove_highlight: { args: { id: number }; answer: HighlightView };
  restore_highlight: { args: { highlight: HighlightView }; answer: HighlightView };
  trash_clippings: { args: { ids: number[] }; answer: void };
  restore: { args: { id: number }; answer: void };
  empty_trash: { args: undefined; answer: number };
  watch_library: { args: { onChange: unknown }; answer: void };
  api_settings: { args: undefined; answer: ApiSettings };
  new_api_token: { args: undefined; answer: ApiSettings };
  copy_api_token: { args: undefined; answer: void };
  watch_open_requests: { args: { onOpen: unknown }; answer: void };
  open_browser: { args: { url: string }; answer: void };
  clip_browser_page: { args: undefined; answer: ClipPreview };
  watch_browser_clips: { args: { onClip: unknown }; answer: void };
  count_addresses: { args: { text: string }; answer: number };
  queue_addresses: { args: { request: QueueAddressesRequest }; answer: EnqueueSummary };
  queue_overview: { args: undefined; answer: QueueOverview };
  pause_queue: { args: { paused: boolean }; answer: void };
  retry_queue_jobs: { args: { ids: number[]; wayback: boolean }; answer: number };
  cancel_queue_jobs: { args: { ids: number[] }; answer: number };
  clear_queue: { args: { failed: boolean }; answer: number };
  watch_queue: { args: { onEvent: unknown }; answer: void };
  choose_import_file: { args: { service: ImportService }; answer: string | null };
  preview_import: { args: { request: ImportRequest }; answer: ImportPreview };
  start_import: { args: { token: number }; answer: EnqueueSummary };
}

/** A command's name. */
export type Command = keyof Commands;

/** The header carrying the other arguments of a command whose body is raw bytes, form-encoded
 *  (`request=9&url=https%3A…`); read by `RawArgs` in src-tauri/src/commands/clip.rs. */
export const RAW_ARGS_HEADER = 'cuttings-args';

/** The largest saved page the core accepts (`FetchLimits::max_body_bytes`, as for a fetched page): checked here too,
 *  so that a larger file is refused before it is read into memory and sent. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

/** An error from a backend command: `code` is stable ("not_found", "busy", "http_status", …); `browserWouldHelp`
 *  says, for a clip, why Cuttings' browser would get the page (the core's rule), else null. */
export class BackendError extends Error {
  readonly code: FailureCode;
  readonly browserWouldHelp: BrowserReason | null;

  constructor(error: CommandError | { code: FailureCode; message: string; browserWouldHelp?: BrowserReason }) {
    super(error.message);
    this.name = 'BackendError';
    this.code = error.code;
    this.browserWouldHelp = error.browserWouldHelp ?? null;
  }
}

/** Turns anything thrown by `invoke` into a BackendError. */
export function toBackendError(thrown: unknown): BackendError {
  if (thrown instanceof BackendError) return thrown;
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message, browserWouldHelp } = thrown as Record<string, unknown>;
    // The shell's errors are CommandError, whose code is an ErrorCode (generated from the same Rust enum).
    if (typeof code === 'string' && typeof message === 'string') {
      const reason = typeof browserWouldHelp === 'string' ? (browserWouldHelp as BrowserReason) : undefined;
      return new BackendError({ code: code as ErrorCode, message, browserWouldHelp: reason });
    }
    if (thrown instanceof Error) return new BackendError({ code: 'ipc', message: thrown.message });
  }
  if (typeof thrown === 'string') return new BackendError({ code: 'ipc', message: thrown });
  return new BackendError({ code: 'unknown', message: 'the app could not answer' });
}

/** The invoke function; replaced in unit tests. */
export type Invoke = <T>(command: Command, args?: InvokeArgs, options?: InvokeOptions) => Promise<T>;

/** Makes the channel a long command reports its progress on; replaced in unit tests. */
export type MakeChannel = <T>(onmessage: (message: T) => void) => unknown;

/** A Tauri IPC channel calling `onmessage` with each message the shell sends on it. */
function tauriChannel<T>(onmessage: (message: T) => void): Channel<T> {
  const channel = new Channel<T>();
  channel.onmessage = onmessage;
  return channel;
}

/** The backend's commands, typed. */
export function makeBackend(invokeFn: Invoke, channel: MakeChannel = tauriChannel) {
  async function call<C extends Command>(
    command: C,
    ...[args, options]: Commands[C]['args'] extends undefined ? [] : [Commands[C]['args'], InvokeOptions?]
  ): Promise<Commands[C]['answer']> {
    try {
      return await invokeFn<Commands[C]['answer']>(command, args as InvokeArgs | undefined, options);
    } catch (thrown) {
      throw toBackendError(thrown);
    }
  }
  return {
    libraryInfo: () => call('library_info'),
    folderTree: () => call('folder_tree'),
    tags: () => call('tags'),
    listClippings: (request: ListRequest) => call('list_clippings', { request }),
    clipping: (id: number) => call('clipping', { id }),
    trash: () => call('trash'),
    openExternal: (url: string) => call('open_external', { url }),
    search: (request: SearchRequest) => call('search', { request }),
    prepareClip: (request: number, url: string) => call('prepare_clip', { request, url }),
    cancelClip: (request: number) => call('cancel_clip', { request }),
    /** The web address on the system clipboard, or null; other clipboard text is never given to the UI. */
    clipboardWebAddress: () => call('clipboard_web_address'),
    /** Extracts the article of a saved page, sent as raw bytes. `url` is where it was published, or empty for the
     *  address the page declares (the core finds it; `no_address` when there is none). `request` numbers the
     *  extraction, so that `cancelClip(request)` stops it. */
    preparePage: async (bytes: Uint8Array, url: string, request: number) => {
      if (bytes.length > MAX_PAGE_BYTES) throw tooLarge(bytes.length);
      const args = new URLSearchParams({ request: String(request) });
      if (url.trim() !== '') args.set('url', url.trim());
      return call('prepare_page', bytes, { headers: { [RAW_ARGS_HEADER]: args.toString() } });
    },
    saveClip: (request: SaveClipRequest, onProgress: (progress: SaveProgress) => void) =>
      call('save_clip', { request, onProgress: channel(onProgress) }),
    discardClip: (token: number) => call('discard_clip', { token }),
    /** Downloads the images clipping `id` is missing (through the core's guarded downloader) and stores them. */
    loadImages: (id: number) => call('load_images', { id }),
    chooseExportTarget: (format: ExportFormat, suggestedName: string) =>
      call('choose_export_target', { format, suggestedName }),
    exportClippings: (request: ExportRequest, onProgress: (progress: ExportProgressReport) => void) =>
      call('export', { request, onProgress: channel(onProgress) }),
    cancelExport: (request: number) => call('cancel_export', { request }),
    openExport: (path: string) => call('open_export', { path }),
    createFolder: (parent: number | null, name: string) => call('create_folder', { parent, name }),
    renameFolder: (id: number, name: string) => call('rename_folder', { id, name }),
    moveFolder: (id: number, parent: number | null) => call('move_folder', { id, parent }),
    deleteFolder: (id: number) => call('delete_folder', { id }),
    moveClippings: (ids: number[], folder: number | null) => call('move_clippings', { ids, folder }),
    addTags: (ids: number[], tags: string[]) => call('add_tags', { ids, tags }),
    removeTags: (ids: number[], tags: string[]) => call('remove_tags', { ids, tags }),
    renameTag: (from: string, to: string) => call('rename_tag', { from, to }),
    mergeTags: (from: string, into: string) => call('merge_tags', { from, into }),
    deleteTag: (name: string) => call('delete_tag', { name }),
    editMetadata: (id: number, edit: MetadataEdit) => call('edit_metadata', { id, edit }),
    addNote: (clipping: number, body: string) => call('add_note', { clipping, body }),
    editNote: (id: number, body: string) => call('edit_note', { id, body }),
    deleteNote: (id: number) => call('delete_note', { id }),
    listHighlights: (clipping: number) => call('list_highlights', { clipping }),
    /** Highlights the selected passage; the core anchors it (`occurrence` chooses among repeats, 1 for the first). */
    addHighlight: (
      clipping: number,
      quote: string,
      occurrence: number | null,
      colour: HighlightColour,
      comment: string | null = null,
    ) => call('add_highlight', { clipping, quote, occurrence, colour, comment }),
    /** Recolours and/or comments a highlight (`null` leaves that part; an empty comment removes it). */
    editHighlight: (id: number, colour: HighlightColour | null, comment: string | null) =>
      call('edit_highlight', { id, colour, comment }),
    removeHighlight: (id: number) => call('remove_highlight', { id }),
    restoreHighlight: (highlight: HighlightView) => call('restore_highlight', { highlight }),
    /** A note's Markdown as sanitised HTML, from the core's one note renderer (the PDF prints the same). */
    renderNote: (markdown: string) => call('render_note', { markdown }),
    trashClippings: (ids: number[]) => call('trash_clippings', { ids }),
    restore: (id: number) => call('restore', { id }),
    emptyTrash: () => call('empty_trash'),
    /** Calls `onChange` whenever another program (the command line, a restore) has changed the library. */
    watchLibrary: (onChange: () => void) => call('watch_library', { onChange: channel<null>(() => onChange()) }),
    /** The local clipping API: its port, whether this window serves it (else why not), the pairing token. */
    apiSettings: () => call('api_settings'),
    /** Replaces the pairing token; the old one stops working at once. */
    newApiToken: () => call('new_api_token'),
    /** Puts the pairing token on the system clipboard. */
    copyApiToken: () => call('copy_api_token'),
    /** Calls `onOpen(id)` whenever the browser extension asks to show a clipping. */
    watchOpenRequests: (onOpen: (id: number) => void) => call('watch_open_requests', { onOpen: channel<number>(onOpen) }),
    /** Opens a web address in Cuttings' browser (its own window and profile, where the user can log in). */
    openBrowser: (url: string) => call('open_browser', { url }),
    /** Clips the page shown in Cuttings' browser as rendered there; the preview is held for `saveClip`. */
    clipBrowserPage: () => call('clip_browser_page'),
    /** Calls `onClip` with each page clipped from Cuttings' browser's own menu (or why it failed). */
    watchBrowserClips: (onClip: (clip: BrowserClip) => void) =>
      call('watch_browser_clips', { onClip: channel<BrowserClip>(onClip) }),
    /** How many web addresses the text holds, by the core's rule (the clip dialog queues them when more than one). */
    countAddresses: (text: string) => call('count_addresses', { text }),
    /** Queues every web address in the text, filed alike; answers how many were queued and how many were known. */
    queueAddresses: (request: QueueAddressesRequest) => call('queue_addresses', { request }),
    /** The queue for its panel: counts, jobs, paused, and who works it. */
    queueOverview: () => call('queue_overview'),
    pauseQueue: (paused: boolean) => call('pause_queue', { paused }),
    /** Queues failed jobs again (all failed ones for no ids); `wayback` clips the archived copy of gone pages. */
    retryQueueJobs: (ids: number[], wayback: boolean) => call('retry_queue_jobs', { ids, wayback }),
    /** Cancels waiting jobs (all of them for no ids). */
    cancelQueueJobs: (ids: number[]) => call('cancel_queue_jobs', { ids }),
    clearQueue: (failed: boolean) => call('clear_queue', { failed }),
    /** Calls `onEvent` with each job of the queue that starts or ends. */
    watchQueue: (onEvent: (event: QueueEventReport) => void) =>
      call('watch_queue', { onEvent: channel<QueueEventReport>(onEvent) }),
    /** The native open dialog for an export of `service`: its path, or null when closed without choosing. */
    chooseImportFile: (service: ImportService) => call('choose_import_file', { service }),
    /** Reads and plans an import without writing anything; the plan is held under the preview's token. */
    previewImport: (request: ImportRequest) => call('preview_import', { request }),
    /** Queues exactly the import previewed under `token`. */
    startImport: (token: number) => call('start_import', { token }),
  };
}

/** The refusal of a page of `bytes` over the size limit, worded as the core words it (`ClipError::PageTooLarge`). */
export function tooLarge(bytes: number): BackendError {
  const mb = (n: number) => Math.floor(n / 1_000_000);
  return new BackendError({
    code: 'too_large',
    message: `the saved page is ${mb(bytes)} MB; pages up to ${mb(MAX_PAGE_BYTES)} MB can be clipped`,
  });
}

/** The typed backend of the running app. */
export type Backend = ReturnType<typeof makeBackend>;

/** The backend the app uses. */
export const backend: Backend = makeBackend(invoke as Invoke);
