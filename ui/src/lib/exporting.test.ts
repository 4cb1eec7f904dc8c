import { describe, expect, it } from 'vitest';
import { adviceFor } from './errors';
import { exportChoices, exportStepLabel, type ExportContext } from './exporting';

const base: ExportContext = {
  place: { kind: 'all' },
  folders: [{ id: 4, parent: null, name: 'Korea', position: 0, clippingCount: 2 }],
  query: null,
  filtered: false,
  resultIds: [],
  selectedIds: [],
  listedIds: [],
};

describe('export choices', () => {
  it('offers the open folder with its subfolders', () => {
    const choices = exportChoices({ ...base, place: { kind: 'folder', id: 4 } });
    expect(choices.map((c) => c.source)).toEqual([{ kind: 'folder', id: 4, includeSubfolders: true }]);
    expect(choices[0]!.label).toBe('Folder “Korea”');
    expect(choices[0]!.name).toBe('Korea');
  });

  it('puts a multiple selection first, then the tag', () => {
    const choices = exportChoices({ ...base, place: { kind: 'tag', name: 'wire' }, selectedIds: [3, 9] });
    expect(choices.map((c) => c.key)).toEqual(['selection', 'tag']);
    expect(choices[0]!.source).toEqual({ kind: 'clippings', ids: [3, 9] });
    expect(choices[0]!.label).toBe('The 2 selected clippings');
  });

  it('exports a plain search by its query, a filtered one by the results shown', () => {
    const plain = exportChoices({ ...base, query: ' harbour ', resultIds: [5] });
    expect(plain.map((c) => c.source)).toEqual([{ kind: 'search', query: 'harbour' }]);
    const filtered = exportChoices({ ...base, query: 'harbour', filtered: true, resultIds: [5, 2] });
    expect(filtered.map((c) => c.source)).toEqual([{ kind: 'clippings', ids: [5, 2] }]);
    expect(exportChoices({ ...base, query: 'harbour', filtered: true, resultIds: [] })).toEqual([]);
  });

  it('offers the whole Inbox or library, not only the rows loaded, and nothing for an empty list', () => {
    expect(exportChoices({ ...base, place: { kind: 'inbox' }, listedIds: [1, 2, 3] })[0]!.source).toEqual({
      kind: 'inbox',
    });
    expect(exportChoices({ ...base, place: { kind: 'all' }, listedIds: [1] })[0]!.source).toEqual({ kind: 'all' });
    expect(exportChoices({ ...base, place: { kind: 'inbox' } })).toEqual([]);
    expect(exportChoices({ ...base, place: { kind: 'trash' } })).toEqual([]);
  });

  it('adds the one open clipping last', () => {
    const choices = exportChoices({ ...base, place: { kind: 'folder', id: 4 }, selectedIds: [8] });
    expect(choices.map((c) => c.key)).toEqual(['folder', 'one']);
  });
});

describe('export messages', () => {
  it('says what to do for each failure', () => {
    expect(adviceFor('target_exists')).toMatch(/never overwrites/);
    expect(adviceFor('disk_full')).toMatch(/disk is full/);
  });

  it('names the step in progress', () => {
    expect(exportStepLabel('images', 3, 9)).toBe('Loading images: 3 of 9');
    expect(exportStepLabel('layout', 0, 1)).toBe('Laying out the pages…');
  });
});
