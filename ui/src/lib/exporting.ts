// Export dialog logic: what the window can export from where the user is (the open folder or tag, the search,
// the selected clippings, the listed ones), and the progress in words. Pure functions, unit-tested. Failures are
// worded by lib/errors.ts.
import type { ExportSource, FolderNode } from './bindings';
import type { SidebarItem } from './sidebar';

/** One thing the export dialog offers to export. */
export interface ExportChoice {
  /** Stable key for the radio button. */
  key: string;
  /** What it is, in words ("Folder “Korea”", "3 selected clippings"). */
  label: string;
  /** The name the saved file starts from. */
  name: string;
  /** The shell's source; a folder's `includeSubfolders` is set from the dialog's checkbox. */
  source: ExportSource;
}

/** Where the window is: the sidebar place, the search (if any), the selection and the rows shown. */
export interface ExportContext {
  place: SidebarItem;
  folders: FolderNode[];
  /** The search text, when a search is shown. */
  query: string | null;
  /** Whether the search has filters the query text does not say (folder, tag, outlet, dates). */
  filtered: boolean;
  /** Ids of the search results shown, best first. */
  resultIds: number[];
  /** Ids of the selected clippings, in list order. */
  selectedIds: number[];
  /** Ids of the rows listed so far (only whether there are any matters: the whole place is exported). */
  listedIds: number[];
}

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** The choices, most specific first: the selection (two or more), then the search or the open place. */
export function exportChoices(context: ExportContext): ExportChoice[] {
  const choices: ExportChoice[] = [];
  if (context.selectedIds.length > 1) {
    choices.push({
      key: 'selection',
      label: `The ${plural(context.selectedIds.length, 'selected clipping')}`,
      name: 'Selected clippings',
      source: { kind: 'clippings', ids: context.selectedIds },
    });
  }
  if (context.query !== null && context.query.trim() !== '') {
    const query = context.query.trim();
    if (context.filtered) {
      if (context.resultIds.length > 0) {
        choices.push({
          key: 'search',
          label: `The ${plural(context.resultIds.length, 'search result')} for “${query}”`,
          name: `Search ${query}`,
          source: { kind: 'clippings', ids: context.resultIds },
        });
      }
    } else {
      choices.push({ key: 'search', label: `Search results for “${query}”`, name: `Search ${query}`, source: { kind: 'search', query } });
    }
    return withSingle(choices, context);
  }
  const place = context.place;
  if (place.kind === 'folder') {
    const name = context.folders.find((f) => f.id === place.id)?.name ?? 'Folder';
    choices.push({ key: 'folder', label: `Folder “${name}”`, name, source: { kind: 'folder', id: place.id, includeSubfolders: true } });
  } else if (place.kind === 'tag') {
    choices.push({ key: 'tag', label: `Tag #${place.name}`, name: place.name, source: { kind: 'tag', name: place.name } });
  } else if (place.kind === 'all' && context.listedIds.length > 0) {
    choices.push({ key: 'all', label: 'All clippings', name: 'All clippings', source: { kind: 'all' } });
  } else if (place.kind === 'inbox' && context.listedIds.length > 0) {
    choices.push({ key: 'inbox', label: 'The Inbox', name: 'Inbox', source: { kind: 'inbox' } });
  }
  return withSingle(choices, context);
}

/** Adds the one open clipping as a last choice. */
function withSingle(choices: ExportChoice[], context: ExportContext): ExportChoice[] {
  if (context.selectedIds.length === 1) {
    choices.push({ key: 'one', label: 'The open clipping', name: 'Clipping', source: { kind: 'clippings', ids: context.selectedIds } });
  }
  return choices;
}

/** The progress line for a step of the export. */
export function exportStepLabel(step: string, done: number, total: number): string {
  switch (step) {
    case 'reading':
      return `Reading clippings: ${done} of ${total}`;
    case 'images':
      return `Loading images: ${done} of ${total}`;
    case 'writing':
      return `Writing: ${done} of ${total}`;
    case 'layout':
      return 'Laying out the pages…';
    case 'saving':
      return 'Saving the file…';
    default:
      return 'Exporting…';
  }
}
