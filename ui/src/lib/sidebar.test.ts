import { describe, expect, it } from 'vitest';
import { restoredPlace, sameItem, sourceOf } from './sidebar';

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

describe('restoredPlace', () => {
  const folders = [{ id: 4, parent: null, name: 'Politics', position: 0, clippingCount: 1 }];
  const tags = [{ name: 'Korea', count: 2 }];

  it('brings back a place that still exists', () => {
    expect(restoredPlace('{"kind":"folder","id":4}', folders, tags)).toEqual({ kind: 'folder', id: 4 });
    expect(restoredPlace('{"kind":"tag","name":"korea"}', folders, tags)).toEqual({ kind: 'tag', name: 'korea' });
    expect(restoredPlace('{"kind":"trash"}', folders, tags)).toEqual({ kind: 'trash' });
  });

  it('forgets a place that is gone or garbled', () => {
    expect(restoredPlace('{"kind":"folder","id":9}', folders, tags)).toBeNull();
    expect(restoredPlace('{"kind":"tag","name":"gone"}', folders, tags)).toBeNull();
    expect(restoredPlace('not json', folders, tags)).toBeNull();
    expect(restoredPlace('{"kind":"evil"}', folders, tags)).toBeNull();
    expect(restoredPlace(null, folders, tags)).toBeNull();
  });
});
