// The window's state of the library and every operation on it, in one place: the sidebar's folders and tags, the
// place or search shown and its rows, the selection and the open clipping. Components read these fields and call
// these operations; they never call the backend for the library themselves. After a change, only what it touched
// is asked for again (a tagged clipping's row and the tag list, not the whole window). Operations throw the
// backend's BackendError, for the component that asked to show where the user acted. Never renders anything and
// never decides a rule of the library (names, tags, titles): the core does, and its answer is shown.
import { toBackendError, type Backend, type BackendError } from './backend';
import type {
  ClippingRow,
  ClippingView,
  FolderNode,
  HighlightColour,
  HighlightView,
  ImagesLoaded,
  LibraryInfo,
  MetadataEdit,
  SearchResult,
  SortKey,
  TagSummary,
  TrashEntry,
} from './bindings';
import type { ExportContext } from './exporting';
import type { Selection } from './selection';
import { restoredPlace, sameItem, sourceOf, type SidebarItem } from './sidebar';

/** Rows asked for at a time; the list asks for more as it scrolls. */
export const PAGE_ROWS = 100;
/** Search results asked for at once. */
export const SEARCH_ROWS = 200;
/** Search waits this long after the last keystroke or filter change. */
export const SEARCH_DEBOUNCE_MS = 200;
/** The shell's largest page of rows (`MAX_PAGE_ROWS` in src-tauri/src/dto.rs). */
const MAX_PAGE_ROWS = 1000;

/** The search filter bar's fields, as typed: empty means "any". */
export interface Filters {
  /** A folder id (with its subfolders), as text. */
  folder: string;
  tag: string;
  outlet: string;
  /** Published on or after, `YYYY-MM-DD`. */
  after: string;
  /** Published before, `YYYY-MM-DD`. */
  before: string;
}

/** No filter. */
export const NO_FILTERS: Filters = { folder: '', tag: '', outlet: '', after: '', before: '' };

/** Where choices are kept from one session to the next: the browser's local storage in the app. */
export interface Memory {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Local storage, which can be unavailable (private mode, a full disk): choices are then kept for this session. */
export const localMemory: Memory = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Only kept for this session.
    }
  },
};

const SORT_KEYS: SortKey[] = ['saved', 'published', 'title', 'outlet'];
const NOTHING_SELECTED: Selection = { ids: [], anchor: null };

/** The library as the window shows it, and what the user can do to it. */
export class Library {
  /** The open library's file. */
  info = $state.raw<LibraryInfo | null>(null);
  /** Why the library could not be opened (the window then shows only that). */
  openError = $state.raw<BackendError | null>(null);
  folders = $state.raw<FolderNode[]>([]);
  tags = $state.raw<TagSummary[]>([]);
  /** The sidebar place shown when no search is on. */
  place = $state.raw<SidebarItem>({ kind: 'all' });
  /** Rows of the place, as far as loaded (pages of PAGE_ROWS). */
  rows = $state.raw<ClippingRow[]>([]);
  /** Whether every row of the place is loaded. */
  complete = $state(false);
  /** Search results, when a search is on; else null. */
  results = $state.raw<SearchResult[] | null>(null);
  /** The trash's entries, when the Trash is the place. */
  trash = $state.raw<TrashEntry[]>([]);
  /** Why the list could not be loaded. */
  listError = $state.raw<BackendError | null>(null);
  /** The whole library is empty (All clippings listed nothing). */
  emptyLibrary = $state(false);
  selection = $state.raw<Selection>(NOTHING_SELECTED);
  /** The clipping open in the reader (the selection's only one), once loaded. */
  clipping = $state.raw<ClippingView | null>(null);
  /** The highlights of clipping `highlightsOf` in reading order, detached ones last (the core's order). */
  highlights = $state.raw<HighlightView[]>([]);
  highlightsOf = $state<number | null>(null);
  /** Why the open clipping could not be loaded. */
  readerError = $state.raw<BackendError | null>(null);
  /** The search text. */
  query = $state('');
  filters = $state.raw<Filters>(NO_FILTERS);
  sort = $state<SortKey>('saved');
  /** Whether the reader shows its Highlights panel, for every clipping (remembered for the next session). */
  highlightsPanel = $state(true);

  /** The one selected clipping, which the reader shows; null for none or several. */
  readonly openId = $derived(this.selection.ids.length === 1 ? this.selection.ids[0]! : null);

  /** The list's heading. */
  readonly heading = $derived.by(() => {
    if (this.results) return `Search: ${this.query.trim()}`;
    const place = this.place;
    switch (place.kind) {
      case 'all':
        return 'All clippings';
      case 'inbox':
        return 'Inbox';
      case 'folder':
        return this.folders.find((f) => f.id === place.id)?.name ?? 'Folder';
      case 'tag':
        return `#${place.name}`;
      case 'trash':
        return 'Trash';
    }
  });

  /** Bumped by each new list request, so that answers to older ones are dropped. */
  #generation = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #backend: Backend;
  readonly #memory: Memory;

  constructor(backend: Backend, memory: Memory = localMemory) {
    this.#backend = backend;
    this.#memory = memory;
    const sort = memory.get('cuttings.sort') as SortKey | null;
    if (sort !== null && SORT_KEYS.includes(sort)) this.sort = sort;
    this.highlightsPanel = memory.get('cuttings.highlightsPanel') !== 'closed';
  }

  /** Opens or closes the reader's Highlights panel, for every clipping, remembered for the next session. */
  showHighlightsPanel(open: boolean): void {
    this.highlightsPanel = open;
    this.#memory.set('cuttings.highlightsPanel', open ? 'open' : 'closed');
  }

  /** Memory keys of the last place and clipping, per library: ids mean nothing in another library. */
  #placeKey = () => `cuttings.place:${this.info?.path ?? ''}`;
  #clippingKey = () => `cuttings.clipping:${this.info?.path ?? ''}`;

  // --- Opening and reloading -------------------------------------------------------------------------------------

  /** Opens the window on the library: the sidebar, the place and clipping of the last session, and a watch for
   *  changes by other programs. A failure is kept in `openError`. */
  async open(): Promise<void> {
    try {
      this.info = await this.#backend.libraryInfo();
      await this.#refreshSidebar();
      const last = restoredPlace(this.#memory.get(this.#placeKey()), this.folders, this.tags);
      if (last) this.place = last;
      await this.#loadList();
      const lastClipping = Number(this.#memory.get(this.#clippingKey()));
      if (Number.isSafeInteger(lastClipping) && this.rows.some((r) => r.id === lastClipping)) {
        await this.setSelection({ ids: [lastClipping], anchor: lastClipping });
      }
      await this.#backend.watchLibrary(() => void this.changedElsewhere());
      await this.#backend.watchOpenRequests((id) => void this.openFromBrowser(id));
    } catch (error) {
      this.openError = toBackendError(error);
    }
  }

  /** Another program changed the library (the command line, a restore): reload everything shown, and let go of
   *  clippings that are gone rather than act on their ids. */
  async changedElsewhere(): Promise<void> {
    const openId = this.openId;
    await this.#sidebarOrListError(this.#refreshSidebar());
    await this.#loadList();
    const shown = new Set(this.#shownRows().map((r) => r.id));
    this.selection = { ids: this.selection.ids.filter((id) => shown.has(id)), anchor: null };
    if (openId === null) return;
    try {
      const view = await this.#backend.clipping(openId);
      this.clipping = view;
      this.selection = { ids: [openId], anchor: openId };
    } catch {
      this.clipping = null;
      this.selection = NOTHING_SELECTED;
    }
  }

  /** Loads the open clipping again (after its notes or images changed). */
  async reloadClipping(id: number): Promise<void> {
    await this.#openClipping(id);
  }

  // --- Where the user is: place, search, sort, selection -----------------------------------------------------------

  /** Shows a sidebar place (ending any search). */
  async select(place: SidebarItem): Promise<void> {
    // A search typed a moment ago no longer runs: the place replaces it.
    clearTimeout(this.#searchTimer);
    this.place = place;
    this.#memory.set(this.#placeKey(), JSON.stringify(place));
    this.query = '';
    this.results = null;
    this.#clearSelection();
    await this.#loadList();
  }

  /** Sets the search text; the search runs a moment after the last change. */
  setQuery(text: string): void {
    this.query = text;
    this.#searchSoon();
  }

  /** Sets the search filters; the search runs a moment after the last change. */
  setFilters(filters: Filters): void {
    this.filters = filters;
    this.#searchSoon();
  }

  /** Runs the search (or, with no search text, shows the place again) now. */
  async search(): Promise<void> {
    clearTimeout(this.#searchTimer);
    if (this.place.kind === 'trash') this.place = { kind: 'all' };
    await this.#loadList();
  }

  /** Orders the place's rows by `sort`, remembered for the next session. */
  async setSort(sort: SortKey): Promise<void> {
    this.sort = sort;
    this.#memory.set('cuttings.sort', sort);
    await this.#loadList();
  }

  /** Loads the next page of the place's rows. */
  async loadMore(): Promise<void> {
    const source = sourceOf(this.place);
    if (this.complete || source === null || this.results) return;
    const mine = this.#generation;
    try {
      const page = await this.#backend.listClippings({
        source,
        sort: this.sort,
        offset: this.rows.length,
        limit: PAGE_ROWS,
      });
      if (mine !== this.#generation) return;
      this.rows = [...this.rows, ...page];
      this.complete = page.length < PAGE_ROWS;
    } catch (error) {
      if (mine === this.#generation) this.listError = toBackendError(error);
    }
  }

  /** Selects clippings; one selected opens in the reader (and is remembered for the next session). */
  async setSelection(next: Selection): Promise<void> {
    this.selection = next;
    const id = this.openId;
    if (id === null) return;
    this.#memory.set(this.#clippingKey(), String(id));
    await this.#openClipping(id);
  }

  /** What the export dialog can offer from where the user is. */
  exportContext(): ExportContext {
    const searching = this.results !== null && this.query.trim() !== '';
    return {
      place: this.place,
      folders: this.folders,
      query: searching ? this.query : null,
      filtered: Object.values(this.filters).some((value) => value.trim() !== ''),
      resultIds: this.results?.map((r) => r.row.id) ?? [],
      selectedIds: this.selection.ids,
      listedIds: this.rows.map((r) => r.id),
    };
  }

  // --- Clippings ---------------------------------------------------------------------------------------------------

  /** Files clippings in a folder (`null`: the Inbox). Rows that no longer belong to the place leave the list; the
   *  folder counts are asked for again. */
  async moveClippings(ids: number[], folder: number | null): Promise<void> {
    await this.#backend.moveClippings(ids, folder);
    const moving = new Set(ids);
    this.#updateRows(
      this.#shownRows()
        .filter((row) => moving.has(row.id))
        .map((row) => ({ ...row, folder })),
    );
    if (this.clipping && moving.has(this.clipping.row.id)) {
      this.clipping = { ...this.clipping, row: { ...this.clipping.row, folder } };
    }
    await this.#sidebarOrListError(this.#refreshFolders());
  }

  /** Gives clippings tags (cleaned up by the core); their rows and the tag list are asked for again. */
  async addTags(ids: number[], tags: string[]): Promise<void> {
    await this.#backend.addTags(ids, tags);
    await this.#afterTagging(ids);
  }

  /** Takes tags off clippings; their rows and the tag list are asked for again. */
  async removeTags(ids: number[], tags: string[]): Promise<void> {
    await this.#backend.removeTags(ids, tags);
    await this.#afterTagging(ids);
  }

  /** Moves clippings to the trash: their rows leave the list, the reader closes if it showed one, and the folder
   *  and tag counts are asked for again. */
  async trashClippings(ids: number[]): Promise<void> {
    await this.#backend.trashClippings(ids);
    const gone = new Set(ids);
    this.#dropRows(gone);
    if (this.openId !== null && gone.has(this.openId)) this.clipping = null;
    this.#clearSelection();
    await this.#sidebarOrListError(this.#refreshSidebar());
    await this.#topUp();
  }

  /** Corrects a clipping's title, author, outlet or date (the core says what it accepts); its row is asked for
   *  again, and the list too when it is sorted by one of those fields. */
  async editMetadata(id: number, edit: MetadataEdit): Promise<void> {
    await this.#backend.editMetadata(id, edit);
    if (this.sort === 'saved' || this.results) {
      await this.#sidebarOrListError(this.#refreshRows([id]));
      return;
    }
    await this.#loadList(this.#loadedRows());
    if (this.openId === id) await this.#openClipping(id);
  }

  /** Adds a note to a clipping and shows it. */
  async addNote(clipping: number, body: string): Promise<void> {
    await this.#backend.addNote(clipping, body);
    await this.#openClipping(clipping);
  }

  /** Saves a note's new text (autosave while typing: the reader shows the text being typed; `reloadClipping`
   *  when editing ends shows the note as stored). */
  async editNote(id: number, body: string): Promise<void> {
    await this.#backend.editNote(id, body);
  }

  /** Deletes a note of the open clipping. */
  async deleteNote(id: number): Promise<void> {
    await this.#backend.deleteNote(id);
    if (this.openId !== null) await this.#openClipping(this.openId);
  }

  /** Loads the highlights of clipping `id` (the reader asks when it opens one). */
  async loadHighlights(id: number): Promise<void> {
    const list = await this.#backend.listHighlights(id);
    if (this.openId === id) {
      this.highlights = list;
      this.highlightsOf = id;
    }
  }

  /** Highlights a passage the reader selected; the core anchors it (quote_not_found, quote_ambiguous). */
  async addHighlight(
    clipping: number,
    quote: string,
    occurrence: number | null,
    colour: HighlightColour,
    comment: string | null,
  ): Promise<HighlightView> {
    const added = await this.#backend.addHighlight(clipping, quote, occurrence, colour, comment);
    await this.loadHighlights(clipping);
    return added;
  }

  /** Recolours a highlight or changes its comment (null leaves that part as it is). */
  async editHighlight(id: number, colour: HighlightColour | null, comment: string | null): Promise<void> {
    const edited = await this.#backend.editHighlight(id, colour, comment);
    this.highlights = this.highlights.map((h) => (h.id === id ? edited : h));
  }

  /** Removes a highlight and returns it, for the undo. */
  async removeHighlight(id: number): Promise<HighlightView> {
    const removed = await this.#backend.removeHighlight(id);
    this.highlights = this.highlights.filter((h) => h.id !== id);
    return removed;
  }

  /** Puts back a removed highlight (the undo). */
  async restoreHighlight(highlight: HighlightView): Promise<void> {
    await this.#backend.restoreHighlight(highlight);
    await this.loadHighlights(highlight.clipping);
  }

  /** Downloads and keeps the images clipping `id` is missing, then shows it with them. */
  async loadImages(id: number): Promise<ImagesLoaded> {
    const loaded = await this.#backend.loadImages(id);
    await this.#openClipping(id);
    return loaded;
  }

  /** A clipping was just saved (the clip dialog): show All clippings, newest first, with it open. */
  async saved(id: number): Promise<void> {
    await this.#showAllWith(id);
  }

  /** Shows a clipping already in the library (the clip dialog found a duplicate): All clippings, with it open. */
  async openExisting(id: number): Promise<void> {
    await this.#showAllWith(id);
  }

  /** The browser extension asked to show clipping `id` (just clipped, most often): the lists are loaded again
   *  first, since it was saved by another connection, then it is shown as an existing one is. */
  async openFromBrowser(id: number): Promise<void> {
    await this.changedElsewhere();
    await this.openExisting(id);
  }

  // --- Folders -----------------------------------------------------------------------------------------------------

  /** Creates a folder (inside `parent`, or at the top level); the folder tree is asked for again. */
  async createFolder(parent: number | null, name: string): Promise<void> {
    await this.#backend.createFolder(parent, name);
    await this.#refreshFolders();
  }

  /** Renames a folder; the folder tree is asked for again. */
  async renameFolder(id: number, name: string): Promise<void> {
    await this.#backend.renameFolder(id, name);
    await this.#refreshFolders();
  }

  /** Moves a folder into another (`null`: the top level); the folder tree is asked for again. */
  async moveFolder(id: number, parent: number | null): Promise<void> {
    await this.#backend.moveFolder(id, parent);
    await this.#refreshFolders();
  }

  /** Moves a folder and its clippings to the trash, and shows All clippings. */
  async deleteFolder(id: number): Promise<void> {
    await this.#backend.deleteFolder(id);
    await this.#sidebarOrListError(this.#refreshSidebar());
    await this.select({ kind: 'all' });
  }

  // --- Tags --------------------------------------------------------------------------------------------------------

  /** Renames a tag on every clipping, and shows it. Fails with the code `name_taken` when the new name exists
   *  (the caller may offer `mergeTags`). */
  async renameTag(from: string, to: string): Promise<void> {
    await this.#backend.renameTag(from, to);
    await this.#sidebarOrListError(this.#refreshTags());
    await this.select({ kind: 'tag', name: to });
  }

  /** Merges tag `from` into `into`, and shows `into`. */
  async mergeTags(from: string, into: string): Promise<void> {
    await this.#backend.mergeTags(from, into);
    await this.#sidebarOrListError(this.#refreshTags());
    await this.select({ kind: 'tag', name: into });
  }

  /** Takes a tag off every clipping, and shows All clippings. */
  async deleteTag(name: string): Promise<void> {
    await this.#backend.deleteTag(name);
    await this.#sidebarOrListError(this.#refreshTags());
    await this.select({ kind: 'all' });
  }

  // --- Trash -------------------------------------------------------------------------------------------------------

  /** Puts a trash entry back where it was; the trash and the sidebar's counts are asked for again. */
  async restore(id: number): Promise<void> {
    await this.#backend.restore(id);
    await this.#sidebarOrListError(Promise.all([this.#refreshSidebar(), this.#loadTrash()]));
  }

  /** Destroys everything in the trash for good. */
  async emptyTrash(): Promise<void> {
    await this.#backend.emptyTrash();
    await this.#sidebarOrListError(this.#loadTrash());
  }

  // --- Inside ------------------------------------------------------------------------------------------------------

  #searchSoon() {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.search(), SEARCH_DEBOUNCE_MS);
  }

  #clearSelection() {
    this.selection = NOTHING_SELECTED;
    this.clipping = null;
  }

  async #refreshSidebar() {
    [this.folders, this.tags] = await Promise.all([this.#backend.folderTree(), this.#backend.tags()]);
  }

  async #refreshFolders() {
    this.folders = await this.#backend.folderTree();
  }

  async #refreshTags() {
    this.tags = await this.#backend.tags();
  }

  async #loadTrash() {
    this.trash = await this.#backend.trash();
  }

  /** Runs a reload after a change that succeeded: its failure is the list's error, not the change's. */
  async #sidebarOrListError(reload: Promise<unknown>) {
    try {
      await reload;
    } catch (error) {
      this.listError = toBackendError(error);
    }
  }

  /** The rows the list shows: the search results, or the place's rows. */
  #shownRows(): ClippingRow[] {
    return this.results ? this.results.map((r) => r.row) : this.rows;
  }

  /** Loads the first page of the place (or runs the search), keeping the selection. */
  async #loadList(limit = PAGE_ROWS) {
    const mine = ++this.#generation;
    this.listError = null;
    const query = this.query.trim();
    try {
      if (query !== '') {
        const filters = this.filters;
        const found = await this.#backend.search({
          query,
          folder: filters.folder === '' ? null : Number(filters.folder),
          tags: filters.tag === '' ? [] : [filters.tag],
          outlet: filters.outlet.trim() === '' ? null : filters.outlet,
          publishedAfter: filters.after === '' ? null : filters.after,
          publishedBefore: filters.before === '' ? null : filters.before,
          limit: SEARCH_ROWS,
        });
        if (mine !== this.#generation) return;
        this.results = found;
        this.complete = true;
        return;
      }
      this.results = null;
      const source = sourceOf(this.place);
      if (source === null) {
        const entries = await this.#backend.trash();
        if (mine !== this.#generation) return;
        this.trash = entries;
        this.complete = true;
        return;
      }
      const page = await this.#backend.listClippings({ source, sort: this.sort, offset: 0, limit });
      if (mine !== this.#generation) return;
      this.rows = page;
      this.complete = page.length < limit;
      if (this.place.kind === 'all') this.emptyLibrary = page.length === 0;
    } catch (error) {
      if (mine === this.#generation) {
        this.results = null;
        this.listError = toBackendError(error);
      }
    }
  }

  async #openClipping(id: number) {
    this.readerError = null;
    try {
      const view = await this.#backend.clipping(id);
      if (this.openId === id) this.clipping = view;
      this.#updateRows([view.row]);
    } catch (error) {
      this.clipping = null;
      this.readerError = toBackendError(error);
    }
  }

  /** After tags changed on `ids`: their rows (and the open clipping) and the tag list, asked for again. */
  async #afterTagging(ids: number[]) {
    await this.#sidebarOrListError(Promise.all([this.#refreshTags(), this.#refreshRows(ids)]));
  }

  /** Asks again for the rows of `ids`: one clipping by itself (which also refreshes the reader when it is the open
   *  one), several by reloading the list as far as it was loaded. */
  async #refreshRows(ids: number[]) {
    if (ids.length === 1) {
      const id = ids[0]!;
      const view = await this.#backend.clipping(id);
      if (this.openId === id) this.clipping = view;
      this.#updateRows([view.row]);
      return;
    }
    await this.#loadList(this.#loadedRows());
    if (this.openId !== null && ids.includes(this.openId)) await this.#openClipping(this.openId);
  }

  /** Puts new versions of rows in the list: in place in a search (its results are the core's), and in the place's
   *  rows only while they still belong there (a row moved out of the folder shown, or untagged from the tag shown,
   *  leaves it). */
  #updateRows(updated: ClippingRow[]) {
    if (updated.length === 0) return;
    const byId = new Map(updated.map((row) => [row.id, row]));
    if (this.results) {
      this.results = this.results.map((r) => (byId.has(r.row.id) ? { ...r, row: byId.get(r.row.id)! } : r));
    }
    if (!this.rows.some((row) => byId.has(row.id))) return;
    const leaving = new Set<number>();
    this.rows = this.rows.map((row) => {
      const next = byId.get(row.id);
      if (next === undefined) return row;
      if (!belongs(next, this.place)) leaving.add(row.id);
      return next;
    });
    if (leaving.size > 0) this.#dropRows(leaving, false);
  }

  /** Takes rows out of the list (and out of the search results unless `fromResults` is false), and out of a
   *  selection of several; one clipping open in the reader stays open. */
  #dropRows(ids: Set<number>, fromResults = true) {
    this.rows = this.rows.filter((row) => !ids.has(row.id));
    if (fromResults && this.results) this.results = this.results.filter((r) => !ids.has(r.row.id));
    if (this.selection.ids.length > 1) {
      this.selection = { ids: this.selection.ids.filter((id) => !ids.has(id)), anchor: null };
    }
    if (this.place.kind === 'all' && this.complete) this.emptyLibrary = this.rows.length === 0;
  }

  /** How many rows to ask for to reload the list as far as it was loaded. */
  #loadedRows(): number {
    return Math.min(MAX_PAGE_ROWS, Math.max(PAGE_ROWS, this.rows.length));
  }

  /** After rows left the list, loads more when few are left and more are in the library. */
  async #topUp() {
    if (!this.complete && !this.results && this.rows.length < PAGE_ROWS / 2) await this.loadMore();
  }

  async #showAllWith(id: number) {
    this.place = { kind: 'all' };
    this.query = '';
    this.results = null;
    await this.#sidebarOrListError(this.#refreshSidebar());
    await this.#loadList();
    await this.setSelection({ ids: [id], anchor: id });
  }
}

/** Whether `row` is listed in `place`: the rule the core's list follows, applied to a row the window already has
 *  (a folder is listed without its subfolders; tags compare ignoring case, as `sameItem` does). */
export function belongs(row: ClippingRow, place: SidebarItem): boolean {
  switch (place.kind) {
    case 'all':
      return true;
    case 'inbox':
      return row.folder === null;
    case 'folder':
      return row.folder === place.id;
    case 'tag':
      return row.tags.some((tag) => sameItem(place, { kind: 'tag', name: tag }));
    case 'trash':
      return false;
  }
}
