/**
 * The toolbar popup. On opening it asks the app for its status and shows one of four views: not running (Retry),
 * not paired (the Pair form, with the port), the clip form (folder, tags, note), or a clip's outcome. The page it
 * clips is the active tab of the current window; tests that open the popup as a tab of its own name the page with
 * `?tab=<id>` or `?url=<address>`.
 *
 * Every message goes to #status. Reading the page and building the request is clip.ts's job; speaking to the app is
 * api.ts's; this module only keeps the views in step with what happened.
 */
import { CuttingsApi, type Clipped } from './api';
import { failureOf, isWebPage, tabHasSelection, type Failure, type TabClip } from './clip';
import { ext } from './ext';
import { folderChoices } from './folders';
import * as words from './messages';
import type { ClipTabOrder, ClipTabReply } from './protocol';
import { loadSettings, parsePort, saveSettings, type Settings } from './settings';
import { TagInput } from './tagInput';
import { parseTags } from './tags';

/** An element of popup.html by id, of the expected type (a missing one is a bug in popup.html). */
function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`popup.html has no #${id}`);
  return element;
}

const views = {
  loading: byId('view-loading', HTMLElement),
  offline: byId('view-offline', HTMLElement),
  pair: byId('view-pair', HTMLFormElement),
  clip: byId('view-clip', HTMLFormElement),
  result: byId('view-result', HTMLElement),
};
type View = keyof typeof views;

const ui = {
  status: byId('status', HTMLDivElement),
  settings: byId('settings', HTMLButtonElement),
  retry: byId('retry', HTMLButtonElement),
  offlinePort: byId('offline-port', HTMLSpanElement),
  changePort: byId('change-port', HTMLButtonElement),
  pairHint: byId('pair-hint', HTMLParagraphElement),
  pairToken: byId('pair-token', HTMLInputElement),
  pairPort: byId('pair-port', HTMLInputElement),
  pairButton: byId('pair-button', HTMLButtonElement),
  pairCancel: byId('pair-cancel', HTMLButtonElement),
  pageTitle: byId('page-title', HTMLDivElement),
  pageHost: byId('page-host', HTMLDivElement),
  folder: byId('folder', HTMLSelectElement),
  folderPath: byId('folder-path', HTMLSpanElement),
  newFolder: byId('new-folder', HTMLInputElement),
  tags: byId('tags', HTMLInputElement),
  tagSuggestions: byId('tag-suggestions', HTMLUListElement),
  note: byId('note', HTMLTextAreaElement),
  clipPage: byId('clip-page', HTMLButtonElement),
  clipSelection: byId('clip-selection', HTMLButtonElement),
  resultDetail: byId('result-detail', HTMLParagraphElement),
  openClipping: byId('open-clipping', HTMLButtonElement),
  saveCopy: byId('save-copy', HTMLButtonElement),
};

const tagInput = new TagInput(ui.tags, ui.tagSuggestions);

/** Whether the popup was opened as a tab naming its page (tests); a real popup closes itself once done. */
const params = new URLSearchParams(location.search);
const openedAsTab = params.has('tab') || params.has('url');

let settings: Settings;
let api: CuttingsApi;
/** The tab whose page is clipped, or null when it cannot be found. */
let pageTab: chrome.tabs.Tab | null = null;
/** The clipping the Open button shows. */
let openId: number | null = null;
/** The outcome on show (saved, or already in the library), kept when Open adds a line to it. */
let outcome: { message: string; tone: Tone } | null = null;
/** The last clip asked for, to ask again as a copy after a 409. */
let lastClip: TabClip | null = null;

type Tone = 'info' | 'ok' | 'warn' | 'error' | 'busy';

/** Text with commands between backticks, the commands shown as code. */
function withCode(text: string): (string | HTMLElement)[] {
  return text.split('`').map((part, i) => {
    if (i % 2 === 0) return part;
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}

/** Shows a message in #status, with a quieter second line when given, or hides it for null. */
function say(message: string | null, tone: Tone = 'info', detail?: string): void {
  ui.status.className = tone;
  ui.status.hidden = message === null;
  const text = document.createElement('div');
  text.className = 'text';
  const main = document.createElement('div');
  main.className = 'message';
  main.append(...withCode(message ?? ''));
  text.append(main);
  if (detail) {
    const line = document.createElement('div');
    line.className = 'detail';
    line.append(...withCode(detail));
    text.append(line);
  }
  ui.status.replaceChildren(text);
}

function show(view: View): void {
  for (const [name, element] of Object.entries(views)) element.hidden = name !== view;
  ui.settings.hidden = view !== 'clip' && view !== 'result';
  document.body.dataset.view = view;
}

/** Disables the clip form's fields and buttons while a clip is under way. */
function busy(on: boolean): void {
  for (const control of views.clip.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input, select, textarea, button',
  )) {
    control.disabled = on;
  }
  ui.saveCopy.disabled = on;
  ui.openClipping.disabled = on;
  views.clip.setAttribute('aria-busy', String(on));
}

/** The tab whose page to clip: the one named in the address (tests), or the active tab of this window. */
async function findPageTab(): Promise<chrome.tabs.Tab | null> {
  const tabId = params.get('tab');
  if (tabId !== null) return ext.tabs.get(Number(tabId)).catch(() => null);
  const url = params.get('url');
  if (url !== null) {
    const tabs = await ext.tabs.query({});
    return tabs.find((tab) => tab.url === url) ?? tabs.find((tab) => sameAddress(tab.url, url)) ?? null;
  }
  const [active] = await ext.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}

function sameAddress(a: string | undefined, b: string): boolean {
  try {
    return a !== undefined && new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/** Asks the app for its status and shows the view that follows. */
async function connect(): Promise<void> {
  show('loading');
  say(null);
  api = new CuttingsApi(settings.port, settings.token);
  try {
    const status = await api.status();
    if (!status.paired) {
      showPair(settings.token === null ? null : words.TOKEN_REPLACED, false);
      return;
    }
    await showClipForm();
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'unauthorized') showPair(words.TOKEN_REPLACED, false);
    else showOffline(failure);
  }
}

function showOffline(failure: Failure): void {
  ui.offlinePort.textContent = String(settings.port);
  say(words.failure(failure, settings.port), failure.kind === 'not_running' ? 'info' : 'error');
  show('offline');
  ui.retry.focus();
}

/** The Pair form; `cancellable` when the extension is paired already and the user only looks at the settings. */
function showPair(message: string | null, cancellable: boolean): void {
  ui.pairHint.replaceChildren(...withCode(words.PAIR_HINT));
  say(message, 'error');
  ui.pairToken.value = '';
  ui.pairPort.value = String(settings.port);
  ui.pairCancel.hidden = !cancellable;
  ui.pairButton.disabled = false;
  show('pair');
  ui.pairToken.focus();
}

async function pair(): Promise<void> {
  const token = ui.pairToken.value.trim();
  const port = parsePort(ui.pairPort.value);
  if (port === null) {
    say('The port is a number from 1 to 65535 (41521 unless you changed it).', 'error');
    ui.pairPort.focus();
    return;
  }
  if (token === '') {
    say('Paste the pairing token first.', 'error');
    ui.pairToken.focus();
    return;
  }
  ui.pairButton.disabled = true;
  say('Checking the token with Cuttings…', 'busy');
  try {
    const status = await new CuttingsApi(port, token).status();
    if (!status.paired) {
      say(words.TOKEN_WRONG, 'error');
      ui.pairToken.select();
      return;
    }
    settings = { ...settings, port, token };
    await saveSettings({ port, token });
    await connect();
  } catch (error) {
    const failure = failureOf(error);
    const notRunning = failure.kind === 'not_running';
    say(notRunning ? `Nothing answers on port ${port}. ${words.NOT_RUNNING}` : words.failure(failure, port), 'error');
  } finally {
    ui.pairButton.disabled = false;
  }
}

async function showClipForm(): Promise<void> {
  const [folders, tags, hasSelection] = await Promise.all([
    api.folders(),
    api.tags(),
    pageTab?.id !== undefined && isWebPage(pageTab.url) ? tabHasSelection(pageTab.id) : Promise.resolve(false),
  ]);

  ui.pageTitle.textContent = pageTab?.title || pageTab?.url || 'No page found';
  ui.pageHost.textContent = hostOf(pageTab?.url);
  ui.folder.replaceChildren(
    ...folderChoices(folders).map((choice) => {
      // Indented with no-break spaces: a select's options show no CSS padding in every browser.
      const option = new Option('\u00a0\u00a0\u00a0'.repeat(choice.depth) + choice.label, choice.path);
      return option;
    }),
    // Cuttings makes a folder path that does not exist yet, as everywhere else.
    new Option('New folder…', NEW_FOLDER),
  );
  ui.folder.value = folders.some((f) => f.path === settings.lastFolder) ? settings.lastFolder : '';
  showFolderPath();
  tagInput.setKnown(tags);
  ui.clipSelection.hidden = !hasSelection;
  busy(false);
  show('clip');

  if (pageTab === null || pageTab.id === undefined) {
    say('No page to clip was found.', 'error');
    ui.clipPage.disabled = true;
  } else if (!isWebPage(pageTab.url)) {
    say(words.NOT_A_WEB_PAGE, 'info');
    ui.clipPage.disabled = true;
  } else {
    say(null);
    ui.clipPage.focus();
  }
}

/** The folder select's value for "New folder…": not a path (a path never holds a NUL). */
const NEW_FOLDER = '\u0000new';

/** A nested folder shows only its own name in the closed select: its whole path goes beside the label. "New
 *  folder…" shows the field for its path instead. */
function showFolderPath(): void {
  const path = ui.folder.value;
  const creating = path === NEW_FOLDER;
  ui.newFolder.hidden = !creating;
  if (creating) ui.newFolder.focus();
  ui.folderPath.textContent = !creating && path.includes('/') ? path.split('/').join(' › ') : '';
}

/** The folder path the form files in: the one chosen, or the one typed for a new folder ('' for the Inbox). */
function chosenFolder(): string {
  return ui.folder.value === NEW_FOLDER ? ui.newFolder.value.trim() : ui.folder.value;
}

function hostOf(url: string | undefined): string {
  try {
    return url === undefined ? '' : new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Has the background clip the page (it goes on if the popup closes) and shows the outcome. */
async function clip(order: TabClip): Promise<void> {
  lastClip = order;
  busy(true);
  say(
    order.force ? 'Saving a copy…' : 'Clipping the page…',
    'busy',
    'You can close this: the toolbar button shows ✓ once it is saved.',
  );
  let reply: ClipTabReply;
  try {
    reply = await ext.runtime.sendMessage<ClipTabOrder, ClipTabReply>({ type: 'cuttings/clip-tab', clip: order });
  } catch (error) {
    reply = { ok: false, failure: failureOf(error) };
  }
  if (reply.ok) {
    settings.lastFolder = order.choice.folder;
    showSaved(reply.clipped, order.choice.folder);
  } else {
    failed(reply.failure);
  }
}

/** The clip the form asks for. */
function formClip(selection: boolean): TabClip | null {
  if (pageTab?.id === undefined) return null;
  const choice = { folder: chosenFolder(), tags: parseTags(ui.tags.value), note: ui.note.value };
  return { tabId: pageTab.id, selection, choice, force: false };
}

function showSaved(clipped: Clipped, folder: string): void {
  openId = clipped.id;
  const where = folder === '' ? 'In the Inbox.' : `In ${folder.split('/').join(' › ')}.`;
  outcome = { message: words.saved(clipped.title), tone: 'ok' };
  say(
    outcome.message,
    outcome.tone,
    clipped.low_confidence ? `${where} Cuttings was not sure which part of the page is the article: have a look.` : where,
  );
  ui.resultDetail.textContent = '';
  ui.openClipping.textContent = 'Open in Cuttings';
  ui.openClipping.hidden = false;
  ui.saveCopy.hidden = true;
  busy(false);
  show('result');
  ui.openClipping.focus();
}

/** Shows what went wrong with a clip, in the view where the user can act on it. */
function failed(failure: Failure): void {
  busy(false);
  switch (failure.kind) {
    case 'duplicate':
      openId = failure.body?.existing_id ?? null;
      outcome = { message: words.duplicate(failure.body?.existing_title ?? pageTab?.title ?? 'this page'), tone: 'warn' };
      say(outcome.message, outcome.tone);
      ui.resultDetail.textContent = '';
      ui.openClipping.textContent = 'Open it';
      ui.openClipping.hidden = openId === null;
      ui.saveCopy.hidden = false;
      show('result');
      ui.openClipping.focus();
      return;
    case 'unauthorized':
    case 'not_paired':
      settings.token = null;
      showPair(words.TOKEN_REPLACED, false);
      return;
    case 'not_running':
    case 'not_cuttings':
      showOffline(failure);
      return;
    case 'no_selection':
      ui.clipSelection.hidden = true;
      say(words.failure(failure, settings.port), 'error');
      return;
    default:
      // Shown where the user is: the form after a clip, the outcome after Open or Save a copy.
      say(words.failure(failure, settings.port), 'error');
  }
}

async function openClipping(): Promise<void> {
  if (openId === null) return;
  ui.openClipping.disabled = true;
  try {
    await api.open(openId);
    if (!openedAsTab) window.close();
    ui.resultDetail.textContent = 'Shown in the Cuttings window.';
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'no_window') say(outcome?.message ?? words.NO_WINDOW, outcome?.tone ?? 'info', words.NO_WINDOW);
    else failed(failure);
  } finally {
    ui.openClipping.disabled = false;
  }
}

ui.retry.addEventListener('click', () => void connect());
ui.changePort.addEventListener('click', () => showPair(null, false));
ui.settings.addEventListener('click', () => showPair(null, true));
ui.pairCancel.addEventListener('click', () => void connect());
views.pair.addEventListener('submit', (event) => {
  event.preventDefault();
  void pair();
});
views.clip.addEventListener('submit', (event) => {
  event.preventDefault();
  const order = formClip(false);
  if (order !== null) void clip(order);
});
ui.folder.addEventListener('change', showFolderPath);
ui.clipSelection.addEventListener('click', () => {
  const order = formClip(true);
  if (order !== null) void clip(order);
});
ui.openClipping.addEventListener('click', () => void openClipping());
ui.saveCopy.addEventListener('click', () => {
  if (lastClip !== null) void clip({ ...lastClip, force: true });
});

void (async () => {
  settings = await loadSettings();
  pageTab = await findPageTab().catch(() => null);
  await connect();
})();
