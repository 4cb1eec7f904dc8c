// The one door from the UI to the Rust shell. Every command goes through `call`, which turns whatever the IPC
// layer throws into a BackendError with the shell's stable `code` and its plain-words `message`. Components branch
// on `code`, never on message text. Types come from ./bindings (generated from the Rust DTOs).
import { invoke } from '@tauri-apps/api/core';
import type {
  ClippingRow,
  ClippingView,
  CommandError,
  FolderNode,
  LibraryInfo,
  ListRequest,
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

/** The backend's commands, typed. */
export function makeBackend(invokeFn: Invoke) {
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
  };
}

/** The typed backend of the running app. */
export type Backend = ReturnType<typeof makeBackend>;

/** The backend the app uses. */
export const backend: Backend = makeBackend(invoke);
