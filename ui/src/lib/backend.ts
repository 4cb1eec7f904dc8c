// The one door from the UI to the Rust shell. Every command goes through `call`, which turns whatever the IPC
// layer throws into a BackendError with the shell's stable `code` and its plain-words `message`. Components branch
// on `code`, never on message text. Types come from ./bindings (generated from the Rust DTOs).
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  ClipPreview,
  ClippingRow,
  ClippingView,
  CommandError,
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

/** An error from a backend command: `code` is stable ("not_found", "busy", "http_status", …). */
export class BackendError extends Error implements CommandError {
  readonly code: string;

  constructor(error: CommandError) {
    super(error.message);
    this.name = 'BackendError';
    this.code = error.code;
  }
}

/** Turns anything thrown by `invoke` into a BackendError. */
export function toBackendError(thrown: unknown): BackendError {
  if (thrown instanceof BackendError) return thrown;
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message } = thrown as Record<string, unknown>;
    if (typeof code === 'string' && typeof message === 'string') return new BackendError({ code, message });
    if (thrown instanceof Error) return new BackendError({ code: 'ipc', message: thrown.message });
  }
  if (typeof thrown === 'string') return new BackendError({ code: 'ipc', message: thrown });
  return new BackendError({ code: 'unknown', message: 'the app could not answer' });
}

/** The invoke function; replaced in unit tests. */
export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

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
  async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    try {
      return await invokeFn<T>(command, args);
    } catch (thrown) {
      throw toBackendError(thrown);
    }
  }
  return {
    libraryInfo: () => call<LibraryInfo>('library_info'),
    folderTree: () => call<FolderNode[]>('folder_tree'),
    tags: () => call<TagSummary[]>('tags'),
    listClippings: (request: ListRequest) => call<ClippingRow[]>('list_clippings', { request }),
    clipping: (id: number) => call<ClippingView>('clipping', { id }),
    trash: () => call<TrashEntry[]>('trash'),
    openExternal: (url: string) => call<void>('open_external', { url }),
    search: (request: SearchRequest) => call<SearchResult[]>('search', { request }),
    prepareClip: (request: number, url: string) => call<ClipPreview>('prepare_clip', { request, url }),
    cancelClip: (request: number) => call<void>('cancel_clip', { request }),
    /** The web address on the system clipboard, or null; other clipboard text is never given to the UI. */
    clipboardWebAddress: () => call<string | null>('clipboard_web_address'),
    /** `request` numbers the extraction, so that `cancelClip(request)` stops it. */
    preparePage: (bytes: Uint8Array, url: string, request: number) =>
      call<ClipPreview>('prepare_page', { bytes: Array.from(bytes), url, request }),
    saveClip: (request: SaveClipRequest, onProgress: (progress: SaveProgress) => void) =>
      call<SaveOutcome>('save_clip', { request, onProgress: channel(onProgress) }),
    discardClip: (token: number) => call<void>('discard_clip', { token }),
    /** Downloads the images clipping `id` is missing (through the core's guarded downloader) and stores them. */
    loadImages: (id: number) => call<ImagesLoaded>('load_images', { id }),
    chooseExportTarget: (format: ExportFormat, suggestedName: string) =>
      call<string | null>('choose_export_target', { format, suggestedName }),
    exportClippings: (request: ExportRequest, onProgress: (progress: ExportProgressReport) => void) =>
      call<ExportSummary>('export', { request, onProgress: channel(onProgress) }),
    cancelExport: (request: number) => call<void>('cancel_export', { request }),
    openExport: (path: string) => call<void>('open_export', { path }),
    createFolder: (parent: number | null, name: string) => call<number>('create_folder', { parent, name }),
    renameFolder: (id: number, name: string) => call<void>('rename_folder', { id, name }),
    moveFolder: (id: number, parent: number | null) => call<void>('move_folder', { id, parent }),
    deleteFolder: (id: number) => call<void>('delete_folder', { id }),
    moveClippings: (ids: number[], folder: number | null) => call<void>('move_clippings', { ids, folder }),
    addTags: (ids: number[], tags: string[]) => call<void>('add_tags', { ids, tags }),
    removeTags: (ids: number[], tags: string[]) => call<void>('remove_tags', { ids, tags }),
    renameTag: (from: string, to: string) => call<void>('rename_tag', { from, to }),
    mergeTags: (from: string, into: string) => call<void>('merge_tags', { from, into }),
    deleteTag: (name: string) => call<void>('delete_tag', { name }),
    editMetadata: (id: number, edit: MetadataEdit) => call<void>('edit_metadata', { id, edit }),
    addNote: (clipping: number, body: string) => call<number>('add_note', { clipping, body }),
    editNote: (id: number, body: string) => call<void>('edit_note', { id, body }),
    deleteNote: (id: number) => call<void>('delete_note', { id }),
    /** A note's Markdown as sanitised HTML, from the core's one note renderer (the PDF prints the same). */
    renderNote: (markdown: string) => call<string>('render_note', { markdown }),
    trashClippings: (ids: number[]) => call<void>('trash_clippings', { ids }),
    restore: (id: number) => call<void>('restore', { id }),
    emptyTrash: () => call<number>('empty_trash'),
    /** Calls `onChange` whenever another program (the command line, a restore) has changed the library. */
    watchLibrary: (onChange: () => void) => call<void>('watch_library', { onChange: channel<null>(() => onChange()) }),
  };
}

/** The typed backend of the running app. */
export type Backend = ReturnType<typeof makeBackend>;

/** The backend the app uses. */
export const backend: Backend = makeBackend(invoke);
