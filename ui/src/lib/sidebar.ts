// What the sidebar can select, and how a selection becomes a list request. Pure, unit-tested.
import type { FolderNode, ListSource, TagSummary } from './bindings';

/** A sidebar entry: a list of clippings, or the trash. */
export type SidebarItem =
  | { kind: 'all' }
  | { kind: 'inbox' }
  | { kind: 'folder'; id: number }
  | { kind: 'tag'; name: string }
  | { kind: 'trash' };

/** The list source for a sidebar entry, or null for the trash (which lists trash entries, not clippings). */
export function sourceOf(item: SidebarItem): ListSource | null {
  switch (item.kind) {
    case 'all':
      return { kind: 'all' };
    case 'inbox':
      return { kind: 'inbox' };
    case 'folder':
      return { kind: 'folder', id: item.id, includeSubfolders: false };
    case 'tag':
      return { kind: 'tag', name: item.name };
    case 'trash':
      return null;
  }
}

/** Whether two sidebar entries are the same one (tags compare ignoring case, as the library does). */
export function sameItem(a: SidebarItem, b: SidebarItem): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'folder' && b.kind === 'folder') return a.id === b.id;
  if (a.kind === 'tag' && b.kind === 'tag') return a.name.toLowerCase() === b.name.toLowerCase();
  return true;
}

/** The place remembered from the last session (JSON), if it still exists in the library; else null. */
export function restoredPlace(saved: string | null, folders: FolderNode[], tags: TagSummary[]): SidebarItem | null {
  if (!saved) return null;
  let item: unknown;
  try {
    item = JSON.parse(saved);
  } catch {
    return null;
  }
  if (typeof item !== 'object' || item === null) return null;
  const { kind, id, name } = item as Record<string, unknown>;
  switch (kind) {
    case 'all':
    case 'inbox':
    case 'trash':
      return { kind };
    case 'folder':
      return typeof id === 'number' && folders.some((f) => f.id === id) ? { kind, id } : null;
    case 'tag':
      return typeof name === 'string' && tags.some((t) => t.name.toLowerCase() === name.toLowerCase())
        ? { kind, name }
        : null;
    default:
      return null;
  }
}
