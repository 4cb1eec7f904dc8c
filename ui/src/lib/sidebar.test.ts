import { describe, expect, it } from 'vitest';
import { sameItem, sourceOf } from './sidebar';

describe('sidebar selection', () => {
  it('maps places to list sources, and the trash to none', () => {
    expect(sourceOf({ kind: 'folder', id: 3 })).toEqual({ kind: 'folder', id: 3, includeSubfolders: false });
    expect(sourceOf({ kind: 'tag', name: 'korea' })).toEqual({ kind: 'tag', name: 'korea' });
    expect(sourceOf({ kind: 'trash' })).toBeNull();
  });

  it('compares tags ignoring case and folders by id', () => {
    expect(sameItem({ kind: 'tag', name: 'Korea' }, { kind: 'tag', name: 'korea' })).toBe(true);
    expect(sameItem({ kind: 'folder', id: 1 }, { kind: 'folder', id: 2 })).toBe(false);
    expect(sameItem({ kind: 'inbox' }, { kind: 'all' })).toBe(false);
  });
});
