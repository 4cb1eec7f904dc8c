/**
 * The folder tree as the Folder select shows it: the Inbox first (no folder), then every folder in tree order,
 * siblings by name, each with its depth for indenting. Pure: no DOM, no requests.
 */
import type { Folder } from './api';

/** One choice of the Folder select. */
export interface FolderChoice {
  /** The folder's path as the API takes it; "" for the Inbox. */
  path: string;
  /** What the user reads: the folder's own name. */
  label: string;
  /** 0 for the Inbox and top-level folders, 1 for their children, … */
  depth: number;
}

/** The Inbox then the folders, depth first. A folder whose parent is missing is shown at the top level. */
export function folderChoices(folders: Folder[]): FolderChoice[] {
  const ids = new Set(folders.map((f) => f.id));
  const children = new Map<number | null, Folder[]>();
  for (const folder of folders) {
    const parent = folder.parent_id !== null && ids.has(folder.parent_id) ? folder.parent_id : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(folder);
    children.set(parent, siblings);
  }
  const choices: FolderChoice[] = [{ path: '', label: 'Inbox', depth: 0 }];
  const visited = new Set<number>();
  const walk = (parent: number | null, depth: number): void => {
    const siblings = (children.get(parent) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
    for (const folder of siblings) {
      if (visited.has(folder.id)) continue; // a cycle in the data must not hang the popup
      visited.add(folder.id);
      choices.push({ path: folder.path, label: folder.name, depth });
      walk(folder.id, depth + 1);
    }
  };
  walk(null, 0);
  return choices;
}
