import { describe, expect, it } from 'vitest';
import type { FolderNode } from './bindings';
import { buildTree, visibleRows } from './folders';

const folder = (id: number, parent: number | null, name: string, position: number): FolderNode => ({
  id,
  parent,
  name,
  position,
  clippingCount: 0,
});

describe('buildTree', () => {
  const folders = [
    folder(1, null, 'Politics', 1),
    folder(2, null, 'Economy', 0),
    folder(3, 1, 'Korea', 0),
    folder(4, 3, 'Purges', 0),
    folder(5, 1, 'Japan', 1),
  ];

  it('nests children under parents and orders siblings by position', () => {
    const tree = buildTree(folders);
    expect(tree.map((n) => n.folder.name)).toEqual(['Economy', 'Politics']);
    const politics = tree[1]!;
    expect(politics.children.map((n) => n.folder.name)).toEqual(['Korea', 'Japan']);
    expect(politics.children[0]!.children[0]!.depth).toBe(2);
  });

  it('puts a folder whose parent is missing at the top instead of losing it', () => {
    const tree = buildTree([folder(7, 99, 'Orphan', 0)]);
    expect(tree.map((n) => n.folder.name)).toEqual(['Orphan']);
    expect(tree[0]!.depth).toBe(0);
  });

  it('shows children only of expanded folders', () => {
    const tree = buildTree(folders);
    expect(visibleRows(tree, new Set()).map((n) => n.folder.name)).toEqual(['Economy', 'Politics']);
    expect(visibleRows(tree, new Set([1])).map((n) => n.folder.name)).toEqual([
      'Economy',
      'Politics',
      'Korea',
      'Japan',
    ]);
    // An expanded folder under a collapsed one stays hidden.
    expect(visibleRows(tree, new Set([3])).map((n) => n.folder.name)).toEqual(['Economy', 'Politics']);
    expect(visibleRows(tree, new Set([1, 3])).map((n) => n.depth)).toEqual([0, 0, 1, 2, 1]);
  });
});
