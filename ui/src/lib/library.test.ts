import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, makeBackend } from './backend';
import type { ClippingRow, ClippingView, FolderNode, HighlightView, TagSummary } from './bindings';
import { belongs, Library, type Memory } from './library.svelte';

/** A clipping row as the shell sends it. */
function row(id: number, extra: Partial<ClippingRow> = {}): ClippingRow {
  return {
    id,
    title: `Story ${id}`,
    outlet: 'Harbour Gazette',
    byline: null,
    published: '2024-05-01',
    savedAt: '2024-05-02T10:00:00Z',
    folder: null,
    tags: [],
    url: `https://news.example/${id}`,
    excerpt: null,
    wordCount: 300,
    kind: 'article',
    lowConfidence: false,
    ...extra,
  };
}

function view(r: ClippingRow): ClippingView {
  return { row: r, canonicalUrl: null, lang: 'en', leadImage: null, html: '<p>text</p>', notes: [], fromBrowser: false };
}

/** The shell, faked at the IPC boundary: answers from `answers` by command name, and records every call. */
function fakeShell(answers: Record<string, (args: Record<string, unknown> | undefined) => unknown>) {
  const calls: string[] = [];
  const backend = makeBackend(
    async <T>(command: string, raw?: unknown): Promise<T> => {
      const args = raw as Record<string, unknown> | undefined;
      calls.push(command);
      const answer = answers[command];
      if (!answer) return undefined as T;
      return (await answer(args)) as T;
    },
    () => 'channel',
  );
  return { backend, calls };
}

function memory(initial: Record<string, string> = {}): Memory & { saved: Record<string, string> } {
  const saved = { ...initial };
  return { saved, get: (key) => saved[key] ?? null, set: (key, value) => void (saved[key] = value) };
}

const folders: FolderNode[] = [
  { id: 1, parent: null, name: 'Korea', position: 0, clippingCount: 1 },
  { id: 2, parent: null, name: 'Japan', position: 1, clippingCount: 0 },
];
const tags: TagSummary[] = [{ name: 'politics', count: 1 }];

/** A library of three clippings: 1 and 2 in the Inbox, 3 in Korea tagged politics. */
function threeClippings(overrides: Record<string, (args: Record<string, unknown> | undefined) => unknown> = {}) {
  const rows = new Map([
    [1, row(1)],
    [2, row(2)],
    [3, row(3, { folder: 1, tags: ['politics'] })],
  ]);
  const shell = fakeShell({
    library_info: () => ({ path: '/lib.db' }),
    folder_tree: () => folders,
    tags: () => tags,
    list_clippings: (args) => {
      const request = args?.request as { source: { kind: string; name?: string } };
      const all = [...rows.values()];
      switch (request.source.kind) {
        case 'inbox':
          return all.filter((r) => r.folder === null);
        case 'tag':
          return all.filter((r) => r.tags.includes(request.source.name ?? ''));
        default:
          return all;
      }
    },
    clipping: (args) => view(rows.get(args?.id as number)!),
    search: () => [{ row: rows.get(2)!, snippet: 'a [[match]]', rank: 1 }],
    trash: () => [],
    ...overrides,
  });
  return { ...shell, rows };
}

/** An opened library on `place`, with clipping `open` open in the reader; calls so far forgotten. */
async function opened(place: string, open: number | null = null) {
  const shell = threeClippings();
  const library = new Library(shell.backend, memory({ 'cuttings.place:/lib.db': place }));
  await library.open();
  if (open !== null) await library.setSelection({ ids: [open], anchor: open });
  shell.calls.length = 0;
  return { library, ...shell };
}

describe('Library.open', () => {
  it('opens on the place and clipping of the last session, then watches for changes', async () => {
    const shell = threeClippings();
    const remembered = memory({
      'cuttings.place:/lib.db': JSON.stringify({ kind: 'folder', id: 1 }),
      'cuttings.clipping:/lib.db': '3',
      'cuttings.sort': 'title',
    });
    const library = new Library(shell.backend, remembered);
    await library.open();
    expect(library.place).toEqual({ kind: 'folder', id: 1 });
    expect(library.heading).toBe('Korea');
    expect(library.sort).toBe('title');
    expect(library.openId).toBe(3);
    expect(library.clipping?.row.id).toBe(3);
    expect(shell.calls).toEqual([
      'library_info', 'folder_tree', 'tags', 'list_clippings', 'clipping', 'watch_library', 'watch_open_requests',
    ]);
  });

  it('remembers whether the reader shows its Highlights panel', () => {
    const remembered = memory();
    const library = new Library(threeClippings().backend, remembered);
    expect(library.highlightsPanel).toBe(true);
    library.showHighlightsPanel(false);
    expect(library.highlightsPanel).toBe(false);
    expect(new Library(threeClippings().backend, remembered).highlightsPanel).toBe(false);
    library.showHighlightsPanel(true);
    expect(new Library(threeClippings().backend, remembered).highlightsPanel).toBe(true);
  });

  it('shows a clipping the browser extension asks to open, after loading the lists again', async () => {
    const shell = threeClippings();
    const library = new Library(shell.backend, memory({}));
    await library.open();
    shell.calls.length = 0;
    await library.openFromBrowser(2);
    expect(library.openId).toBe(2);
    expect(library.clipping?.row.id).toBe(2);
    expect(shell.calls.slice(0, 2)).toEqual(['folder_tree', 'tags']);
  });

  it('keeps why the library could not be opened', async () => {
    const { backend } = fakeShell({
      library_info: () => {
        throw { code: 'not_a_library', message: '/x.db is not a Cuttings library' };
      },
    });
    const library = new Library(backend, memory());
    await library.open();
    expect(library.openError?.code).toBe('not_a_library');
  });
});

describe('Library operations ask again only for what they changed', () => {
  it('tagging one clipping refreshes its row, the open clipping and the tag list: 3 calls', async () => {
    const { library, calls, rows } = await opened('{"kind":"all"}', 1);
    const add = library.addTags([1], ['#Korea']);
    // The core cleans the tag up; the window shows what the core stored.
    rows.set(1, row(1, { tags: ['Korea'] }));
    await add;
    expect(calls.sort()).toEqual(['add_tags', 'clipping', 'tags']);
    expect(library.rows.find((r) => r.id === 1)?.tags).toEqual(['Korea']);
    expect(library.clipping?.row.tags).toEqual(['Korea']);
    expect(library.rows.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('tagging several reloads the list as far as loaded instead of each row', async () => {
    const { library, calls } = await opened('{"kind":"all"}');
    await library.addTags([1, 2], ['wire']);
    expect(calls.sort()).toEqual(['add_tags', 'list_clippings', 'tags']);
  });

  it('untagging a clipping in that tag takes its row out of the list and leaves it open', async () => {
    const { library, calls, rows } = await opened('{"kind":"tag","name":"politics"}', 3);
    expect(library.rows.map((r) => r.id)).toEqual([3]);
    rows.set(3, row(3, { folder: 1, tags: [] }));
    await library.removeTags([3], ['politics']);
    expect(calls.sort()).toEqual(['clipping', 'remove_tags', 'tags']);
    expect(library.rows).toEqual([]);
    expect(library.openId).toBe(3);
    expect(library.clipping?.row.tags).toEqual([]);
  });

  it('moving out of the Inbox takes the rows out of it and asks only for the folder tree: 2 calls', async () => {
    const { library, calls } = await opened('{"kind":"inbox"}', 1);
    await library.moveClippings([1], 2);
    expect(calls).toEqual(['move_clippings', 'folder_tree']);
    expect(library.rows.map((r) => r.id)).toEqual([2]);
    expect(library.clipping?.row.folder).toBe(2);
  });

  it('moving in All clippings updates the rows in place', async () => {
    const { library, calls } = await opened('{"kind":"all"}');
    await library.setSelection({ ids: [1, 2], anchor: 1 });
    calls.length = 0;
    await library.moveClippings([1, 2], 1);
    expect(calls).toEqual(['move_clippings', 'folder_tree']);
    expect(library.rows.map((r) => [r.id, r.folder])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(library.selection.ids).toEqual([1, 2]);
  });

  it('deleting takes the rows out, closes the reader and asks for the counts: 3 calls', async () => {
    const { library, calls } = await opened('{"kind":"all"}', 2);
    await library.trashClippings([2]);
    expect(calls.sort()).toEqual(['folder_tree', 'tags', 'trash_clippings']);
    expect(library.rows.map((r) => r.id)).toEqual([1, 3]);
    expect(library.selection.ids).toEqual([]);
    expect(library.clipping).toBeNull();
  });

  it('deleting the last clipping says the library is empty', async () => {
    const shell = fakeShell({
      library_info: () => ({ path: '/lib.db' }),
      list_clippings: () => [row(1)],
    });
    const library = new Library(shell.backend, memory());
    await library.open();
    expect(library.emptyLibrary).toBe(false);
    await library.trashClippings([1]);
    expect(library.emptyLibrary).toBe(true);
  });

  it('a note added is shown by loading the clipping again, nothing else', async () => {
    const { library, calls } = await opened('{"kind":"all"}', 1);
    await library.addNote(1, 'check the *date*');
    expect(calls).toEqual(['add_note', 'clipping']);
  });

  it('creating a folder asks for the folder tree only', async () => {
    const { library, calls } = await opened('{"kind":"all"}');
    await library.createFolder(null, 'Politics');
    expect(calls).toEqual(['create_folder', 'folder_tree']);
  });

  it('emptying the trash asks for the trash only', async () => {
    const { library, calls } = await opened('{"kind":"trash"}');
    await library.emptyTrash();
    expect(calls).toEqual(['empty_trash', 'trash']);
  });

  it('renaming a tag shows the renamed tag', async () => {
    const { library, calls } = await opened('{"kind":"tag","name":"politics"}');
    await library.renameTag('politics', 'Politics');
    expect(calls).toEqual(['rename_tag', 'tags', 'list_clippings']);
    expect(library.place).toEqual({ kind: 'tag', name: 'Politics' });
  });
});

describe('Library operations the core refuses', () => {
  it('throw the core error with its code and change nothing shown', async () => {
    const shell = threeClippings({
      edit_metadata: () => {
        throw { code: 'title_required', message: 'a clipping needs a title' };
      },
      rename_tag: () => {
        throw { code: 'name_taken', message: 'the tag korea exists' };
      },
    });
    const library = new Library(shell.backend, memory());
    await library.open();
    await library.setSelection({ ids: [1], anchor: 1 });
    const before = library.rows;
    shell.calls.length = 0;
    const edit = await library.editMetadata(1, { title: '', byline: '', outlet: '', published: '' }).catch((e) => e);
    expect(edit).toBeInstanceOf(BackendError);
    expect((edit as BackendError).code).toBe('title_required');
    const rename = await library.renameTag('politics', 'korea').catch((e) => e);
    expect((rename as BackendError).code).toBe('name_taken');
    expect(shell.calls).toEqual(['edit_metadata', 'rename_tag']);
    expect(library.rows).toBe(before);
    expect(library.place).toEqual({ kind: 'all' });
  });
});

describe('Library search', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once a moment after the last change, with the filters, leaving the Trash for All clippings', async () => {
    const requests: unknown[] = [];
    const shell = threeClippings({ search: (args) => (requests.push(args?.request), []) });
    const library = new Library(shell.backend, memory());
    await library.select({ kind: 'trash' });
    library.setQuery('har');
    library.setQuery('harbour');
    library.setFilters({ folder: '1', tag: 'politics', outlet: ' ', after: '2020-01-01', before: '' });
    expect(requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(requests).toEqual([
      {
        query: 'harbour',
        folder: 1,
        tags: ['politics'],
        outlet: null,
        publishedAfter: '2020-01-01',
        publishedBefore: null,
        limit: 200,
      },
    ]);
    expect(library.place).toEqual({ kind: 'all' });
    expect(library.heading).toBe('Search: harbour');
  });

  it('does not run a search typed just before a place was chosen', async () => {
    const requests: unknown[] = [];
    const shell = threeClippings({ search: (args) => (requests.push(args?.request), []) });
    const library = new Library(shell.backend, memory());
    library.setQuery('harbour');
    await library.select({ kind: 'trash' });
    await vi.advanceTimersByTimeAsync(250);
    expect(requests).toEqual([]);
    expect(library.place).toEqual({ kind: 'trash' });
    expect(library.query).toBe('');
  });

  it('drops the answer to an older request that arrives late', async () => {
    let release: (value: unknown) => void = () => {};
    const slow = new Promise((resolve) => (release = resolve));
    const library = new Library(
      makeBackend(async <T>(command: string, raw?: unknown) => {
        const args = raw as Record<string, unknown> | undefined;
        if (command !== 'search') return [] as T;
        const query = (args?.request as { query: string }).query;
        if (query === 'old') await slow;
        return [{ row: row(query === 'old' ? 1 : 2), snippet: '', rank: 1 }] as T;
      }),
      memory(),
    );
    library.setQuery('old');
    const first = library.search();
    library.setQuery('new');
    await library.search();
    release(null);
    await first;
    expect(library.results?.map((r) => r.row.id)).toEqual([2]);
  });
});

describe('Library sort', () => {
  it('is remembered for the next session', async () => {
    const remembered = memory();
    const { backend } = fakeShell({ list_clippings: () => [] });
    const library = new Library(backend, remembered);
    await library.setSort('outlet');
    expect(remembered.saved['cuttings.sort']).toBe('outlet');
    expect(new Library(backend, remembered).sort).toBe('outlet');
    expect(new Library(backend, memory({ 'cuttings.sort': 'nonsense' })).sort).toBe('saved');
  });
});

describe('belongs', () => {
  it('lists a row where the core would', () => {
    const filed = row(1, { folder: 4, tags: ['Korea'] });
    expect(belongs(filed, { kind: 'all' })).toBe(true);
    expect(belongs(filed, { kind: 'inbox' })).toBe(false);
    expect(belongs(row(2), { kind: 'inbox' })).toBe(true);
    expect(belongs(filed, { kind: 'folder', id: 4 })).toBe(true);
    expect(belongs(filed, { kind: 'folder', id: 5 })).toBe(false);
    expect(belongs(filed, { kind: 'tag', name: 'korea' })).toBe(true);
    expect(belongs(filed, { kind: 'tag', name: 'japan' })).toBe(false);
  });
});

describe('Library highlights', () => {
  const hl = (id: number, exact: string): HighlightView => ({
    id,
    clipping: 2,
    exact,
    prefix: '',
    suffix: '',
    start: 0,
    end: exact.length,
    colour: 'yellow',
    comment: null,
    detached: false,
    createdAt: '',
    modifiedAt: '',
  });

  it('lists, removes and puts back a highlight of the open clipping (the undo sends it back whole)', async () => {
    let stored = [hl(1, 'first'), hl(2, 'second')];
    const restored: unknown[] = [];
    const shell = threeClippings({
      list_highlights: () => stored,
      remove_highlight: (args) => {
        const gone = stored.find((h) => h.id === args?.id)!;
        stored = stored.filter((h) => h.id !== args?.id);
        return gone;
      },
      restore_highlight: (args) => {
        restored.push(args?.highlight);
        const back = { ...(args?.highlight as HighlightView), id: 3 };
        stored = [stored[0]!, back];
        return back;
      },
    });
    const library = new Library(shell.backend, memory({ 'cuttings.place:/lib.db': JSON.stringify({ kind: 'all' }) }));
    await library.open();
    await library.setSelection({ ids: [2], anchor: 2 });
    await library.loadHighlights(2);
    expect(library.highlightsOf).toBe(2);
    expect(library.highlights.map((h) => h.exact)).toEqual(['first', 'second']);

    const removed = await library.removeHighlight(2);
    expect(library.highlights.map((h) => h.exact)).toEqual(['first']);
    await library.restoreHighlight(removed);
    expect(restored).toEqual([hl(2, 'second')]);
    expect(library.highlights.map((h) => [h.id, h.exact])).toEqual([[1, 'first'], [3, 'second']]);
  });

  it('keeps the highlights of a clipping no longer open out of the reader', async () => {
    const shell = threeClippings({ list_highlights: () => [hl(1, 'first')] });
    const library = new Library(shell.backend, memory({ 'cuttings.place:/lib.db': JSON.stringify({ kind: 'all' }) }));
    await library.open();
    await library.setSelection({ ids: [1], anchor: 1 });
    await library.loadHighlights(2);
    expect(library.highlights).toEqual([]);
  });
});
