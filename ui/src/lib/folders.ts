// The sidebar's folder tree: builds nested rows from the flat list the backend sends (parents before children)
// and flattens it again for display, hiding the children of collapsed folders. Pure functions, unit-tested.
import type { FolderNode } from './bindings';

/** A folder with its children, as the sidebar shows it. */
export interface FolderTreeNode {
  folder: FolderNode;
  depth: number;
  children: FolderTreeNode[];
}

/** Nests folders under their parents, siblings by position. A folder whose parent is missing goes to the top. */
export function buildTree(folders: FolderNode[]): FolderTreeNode[] {
  const byId = new Map<number, FolderTreeNode>();
  for (const folder of folders) byId.set(folder.id, { folder, depth: 0, children: [] });
  const roots: FolderTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.folder.parent === null ? undefined : byId.get(node.folder.parent);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: FolderTreeNode, b: FolderTreeNode) => a.folder.position - b.folder.position;
  const setDepth = (nodes: FolderTreeNode[], depth: number, seen: Set<number>) => {
    nodes.sort(order);
    for (const node of nodes) {
      if (seen.has(node.folder.id)) continue;
      seen.add(node.folder.id);
      node.depth = depth;
      setDepth(node.children, depth + 1, seen);
    }
  };
  setDepth(roots, 0, new Set());
  return roots;
}

/** The rows to show: every top folder, and the children of expanded folders, depth first. */
export function visibleRows(roots: FolderTreeNode[], expanded: ReadonlySet<number>): FolderTreeNode[] {
  const rows: FolderTreeNode[] = [];
  const walk = (nodes: FolderTreeNode[]) => {
    for (const node of nodes) {
      rows.push(node);
      if (expanded.has(node.folder.id)) walk(node.children);
    }
  };
  walk(roots);
  return rows;
}
