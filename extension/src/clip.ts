/**
 * Clipping, the one road used by the popup and the context menu alike (both run it in the background script, so a
 * clip goes on when the popup closes): read the page in its tab after its scripts ran (capture.ts), make the API's
 * request from it and the user's choices, and send it. Knows nothing of the popup's DOM.
 *
 * Failures are {@link Failure}s, plain data that crosses from the background to the popup as a message.
 */
import { ApiError, CuttingsApi, type ApiErrorKind, type ClipRequest, type Clipped, type ErrorBody } from './api';
import { CAPTURE_LIMITS, capturePage, pageHasSelection, type CapturedPage, type CaptureOptions } from './capture';
import { ext } from './ext';
import type { Settings } from './settings';

/** Where the user files a clipping. */
export interface ClipChoice {
  /** A folder path; "" is the Inbox. */
  folder: string;
  tags: string[];
  note: string;
}

/** A tab to clip, and how. */
export interface TabClip {
  tabId: number;
  /** Clip the selected text only (the page still gives title, author, date, outlet). */
  selection: boolean;
  choice: ClipChoice;
  /** Save a second copy of an address already in the library. */
  force: boolean;
}

/** Why a clip failed: the API's error kinds, and what can go wrong before a request is made. */
export interface Failure {
  kind:
    | ApiErrorKind
    /** The browser does not let extensions read this tab (its own pages, the add-on store), or it is gone. */
    | 'unreadable'
    /** Clip selection, but nothing is selected any more. */
    | 'no_selection'
    /** Not an http(s) page. */
    | 'not_web_page'
    /** No pairing token yet. */
    | 'not_paired'
    /** A bug. */
    | 'unknown';
  /** The server's message for a refusal; otherwise for the developer. */
  message: string;
  status: number | null;
  body: ErrorBody | null;
}

/** A failure thrown on the road, before or after the API. */
export class ClipError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'ClipError';
  }
}

function fail(kind: Failure['kind'], message: string): ClipError {
  return new ClipError({ kind, message, status: null, body: null });
}

/** Any error of the road as a {@link Failure}. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ClipError) return error.failure;
  if (error instanceof ApiError) return { kind: error.kind, message: error.message, status: error.status, body: error.body };
  return { kind: 'unknown', message: String(error), status: null, body: null };
}

/** Whether a tab shows a web page (the only pages extensions may read, and the only ones Cuttings clips). */
export function isWebPage(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\//i.test(url);
}

/** Reads the page in a tab and saves it. */
export async function clipTab(settings: Settings, clip: TabClip): Promise<Clipped> {
  if (settings.token === null) throw fail('not_paired', 'no pairing token');
  const tab = await ext.tabs.get(clip.tabId).catch(() => null);
  if (tab === null) throw fail('unreadable', 'the tab is gone');
  if (!isWebPage(tab.url)) throw fail('not_web_page', 'not an http(s) page');
  const page = await readPage(clip.tabId, clip.selection);
  if (clip.selection && page.selection_html === undefined) throw fail('no_selection', 'nothing is selected');
  const request = pageClip(page, clip.choice, tab.title);
  if (clip.force) request.force = true;
  return new CuttingsApi(settings.port, settings.token).clip(request);
}

/** Saves a link by its address only: Cuttings fetches the page itself. */
export async function clipLink(settings: Settings, url: string, choice: ClipChoice): Promise<Clipped> {
  if (settings.token === null) throw fail('not_paired', 'no pairing token');
  if (!isWebPage(url)) throw fail('not_web_page', 'not an http(s) link');
  const request: ClipRequest = { url, tags: choice.tags };
  if (choice.folder !== '') request.folder = choice.folder;
  return new CuttingsApi(settings.port, settings.token).clip(request);
}

/** Reads the page in a tab as rendered, with its selection when `selection` is set, and its images. */
export async function readPage(tabId: number, selection: boolean): Promise<CapturedPage> {
  const options: CaptureOptions = { ...CAPTURE_LIMITS, selection };
  let results;
  try {
    results = await ext.scripting.executeScript({ target: { tabId }, func: capturePage, args: [options] });
  } catch (error) {
    throw fail('unreadable', String(error));
  }
  const page = results[0]?.result;
  if (!page) throw fail('unreadable', 'the page gave nothing back');
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
    images: page.images,
  };
  if (page.selection_html !== undefined) request.selection_html = page.selection_html;
  if (choice.folder !== '') request.folder = choice.folder;
  if (choice.note.trim() !== '') request.note = choice.note;
  return request;
}
