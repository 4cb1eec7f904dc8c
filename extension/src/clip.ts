/**
 * Clipping a tab, the one road used by the popup and by the context menu: read the page in its tab (capture.ts),
 * then make the API's request from it and the user's choices. Knows nothing of the DOM of the popup.
 */
import type { ClipRequest } from './api';
import { CAPTURE_LIMITS, capturePage, pageHasSelection, type CapturedPage, type CaptureOptions } from './capture';
import { ext } from './ext';

/** The page could not be read: a browser page, the extension store, or a tab that went away. */
export class UnreadablePage extends Error {
  constructor(readonly url: string | undefined) {
    super('this page cannot be read by extensions');
    this.name = 'UnreadablePage';
  }
}

/** Where the user files a clipping. */
export interface ClipChoice {
  /** A folder path; "" is the Inbox. */
  folder: string;
  tags: string[];
  note: string;
}

/** Whether a tab shows a web page (the only pages extensions may read, and the only ones Cuttings clips). */
export function isWebPage(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\//i.test(url);
}

/** Reads the page in a tab as rendered, with its selection when `selection` is set, and its images. */
export async function readPage(tabId: number, selection: boolean): Promise<CapturedPage> {
  const options: CaptureOptions = { ...CAPTURE_LIMITS, selection };
  let results;
  try {
    results = await ext.scripting.executeScript({
      target: { tabId },
      func: capturePage,
      args: [options],
    });
  } catch {
    const tab = await ext.tabs.get(tabId).catch(() => null);
    throw new UnreadablePage(tab?.url);
  }
  const page = results[0]?.result;
  if (!page) throw new UnreadablePage(undefined);
  return page;
}

/** Whether the page in a tab has selected text; false when it cannot be read. */
export async function tabHasSelection(tabId: number): Promise<boolean> {
  try {
    const results = await ext.scripting.executeScript({ target: { tabId }, func: pageHasSelection });
    return results[0]?.result === true;
  } catch {
    return false;
  }
}

/** The API's request for a page read in its tab. */
export function pageClip(page: CapturedPage, choice: ClipChoice, tabTitle?: string): ClipRequest {
  const request: ClipRequest = {
    url: page.url,
    html: page.html,
    title: page.title || tabTitle || undefined,
    tags: choice.tags,
    note: choice.note,
    images: page.images,
  };
  if (page.selection_html !== undefined) request.selection_html = page.selection_html;
  if (choice.folder !== '') request.folder = choice.folder;
  if (choice.note.trim() === '') delete request.note;
  return request;
}

/** The API's request for a link: the address only, so that Cuttings fetches the page itself. */
export function linkClip(url: string, choice: ClipChoice): ClipRequest {
  const request: ClipRequest = { url, tags: choice.tags };
  if (choice.folder !== '') request.folder = choice.folder;
  return request;
}
