/**
 * The background script (Chromium's service worker, Firefox's event page): the context menu's three entries,
 * "Clip page", "Clip selection" and "Clip link to Cuttings". They save to the folder last used, with no tags, and
 * the outcome shows for a few seconds as a badge on the toolbar button (✓, or ! with the message as its tooltip).
 * The popup does the rest; the keyboard shortcut is the manifest's `_execute_action`.
 */
import { ApiError, CuttingsApi, type ClipRequest } from './api';
import { isWebPage, linkClip, pageClip, readPage } from './clip';
import { ext } from './ext';
import * as words from './messages';
import { loadSettings, saveSettings } from './settings';

/** A failure told to the user as it is (the others go through messages.ts). */
class Refusal extends Error {}

const MENU = {
  page: 'clip-page',
  selection: 'clip-selection',
  link: 'clip-link',
} as const;

/** The toolbar button's tooltip when it shows no outcome. */
const DEFAULT_TITLE = 'Clip to Cuttings (Alt+Shift+C)';
/** How long an outcome stays on the badge. */
const BADGE_MS = 6_000;

ext.runtime.onInstalled.addListener(() => {
  void ext.contextMenus.removeAll().then(() => {
    ext.contextMenus.create({ id: MENU.page, title: 'Clip page to Cuttings', contexts: ['page'] });
    ext.contextMenus.create({ id: MENU.selection, title: 'Clip selection to Cuttings', contexts: ['selection'] });
    ext.contextMenus.create({ id: MENU.link, title: 'Clip link to Cuttings', contexts: ['link'] });
  });
});

ext.contextMenus.onClicked.addListener((info, tab) => {
  void clipFromMenu(info, tab);
});

async function clipFromMenu(info: chrome.contextMenus.OnClickData, tab: chrome.tabs.Tab | undefined): Promise<void> {
  const tabId = tab?.id;
  const settings = await loadSettings();
  const api = new CuttingsApi(settings.port, settings.token);
  const choice = { folder: settings.lastFolder, tags: [], note: '' };
  await badge(tabId, '…', '#6b665c', 'Clipping…', false);
  try {
    if (settings.token === null) throw new Refusal('Pair the extension with Cuttings first: open it from the toolbar.');
    let request: ClipRequest;
    if (info.menuItemId === MENU.link) {
      if (info.linkUrl === undefined || !isWebPage(info.linkUrl)) throw new Refusal(words.NOT_A_WEB_PAGE);
      request = linkClip(info.linkUrl, choice);
    } else {
      if (tabId === undefined || !isWebPage(tab?.url)) throw new Refusal(words.NOT_A_WEB_PAGE);
      const selection = info.menuItemId === MENU.selection;
      const page = await readPage(tabId, selection);
      if (selection && page.selection_html === undefined) throw new Refusal('Nothing is selected on the page.');
      request = pageClip(page, choice, tab?.title);
    }
    const clipped = await api.clip(request);
    await badge(tabId, '✓', '#2f6b3a', words.saved(clipped.title));
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'unauthorized') await saveSettings({ token: null });
    const message = error instanceof Refusal ? error.message : words.failure(error, settings.port);
    await badge(tabId, '!', '#a3261b', message.replace(/`/g, ''));
  }
}

/** Shows an outcome on the toolbar button (of the tab, when known), then clears it unless `linger` is false. */
async function badge(tabId: number | undefined, text: string, colour: string, title: string, linger = true): Promise<void> {
  const where = tabId === undefined ? {} : { tabId };
  await Promise.all([
    ext.action.setBadgeText({ ...where, text }),
    ext.action.setBadgeBackgroundColor({ ...where, color: colour }),
    ext.action.setTitle({ ...where, title: `Cuttings: ${title}` }),
  ]).catch(() => undefined);
  if (!linger) return;
  setTimeout(() => {
    void Promise.all([
      ext.action.setBadgeText({ ...where, text: '' }),
      ext.action.setTitle({ ...where, title: DEFAULT_TITLE }),
    ]).catch(() => undefined);
  }, BADGE_MS);
}
