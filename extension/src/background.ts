/**
 * The background script (Chromium's service worker, Firefox's event page). It does every clip of a page or link:
 * the popup's (through the message of protocol.ts, so that a clip goes on once the popup closes) and the context
 * menu's three entries, "Clip page", "Clip selection" and "Clip link to Cuttings", which save to the folder last
 * used with no tags. Each outcome shows for a few seconds as a badge on the toolbar button (✓, or ! with the
 * message as its tooltip). The keyboard shortcut is the manifest's `_execute_action`.
 */
import type { Clipped } from './api';
import { clipLink, clipTab, failureOf, type ClipChoice } from './clip';
import { ext } from './ext';
import * as words from './messages';
import { isClipTabOrder, type ClipTabReply } from './protocol';
import { loadSettings, saveSettings, type Settings } from './settings';

const MENU = {
  page: 'clip-page',
  selection: 'clip-selection',
  link: 'clip-link',
} as const;

/** The toolbar button's tooltip when it shows no outcome. */
const DEFAULT_TITLE = 'Clip to Cuttings (Alt+Shift+C)';
/** How long an outcome stays on the badge. */
const BADGE_MS = 6_000;
const COLOURS = { busy: '#6b665c', ok: '#2f6b3a', failed: '#a3261b' };

ext.runtime.onInstalled.addListener(() => {
  void ext.contextMenus.removeAll().then(() => {
    ext.contextMenus.create({ id: MENU.page, title: 'Clip page to Cuttings', contexts: ['page'] });
    ext.contextMenus.create({ id: MENU.selection, title: 'Clip selection to Cuttings', contexts: ['selection'] });
    ext.contextMenus.create({ id: MENU.link, title: 'Clip link to Cuttings', contexts: ['link'] });
  });
});

ext.contextMenus.onClicked.addListener((info, tab) => {
  void (async () => {
    const settings = await loadSettings();
    const choice: ClipChoice = { folder: settings.lastFolder, tags: [], note: '' };
    const tabId = tab?.id;
    if (info.menuItemId === MENU.link) {
      await run(settings, tabId, () => clipLink(settings, info.linkUrl ?? '', choice));
    } else if (tabId !== undefined) {
      const selection = info.menuItemId === MENU.selection;
      await run(settings, tabId, () => clipTab(settings, { tabId, selection, choice, force: false }));
    }
  })();
});

ext.runtime.onMessage.addListener((message: unknown, sender, reply: (answer: ClipTabReply) => void) => {
  if (sender.id !== ext.runtime.id || !isClipTabOrder(message)) return false;
  const { clip } = message;
  void loadSettings()
    .then(async (settings) => {
      const answer = await run(settings, clip.tabId, () => clipTab(settings, clip));
      // Remembered here, not in the popup: the popup may be closed by now.
      if (answer.ok) await saveSettings({ lastFolder: clip.choice.folder });
      return answer;
    })
    .then(reply);
  return true; // the answer comes later
});

/** Runs one clip with its outcome on the badge. */
async function run(settings: Settings, tabId: number | undefined, clip: () => Promise<Clipped>): Promise<ClipTabReply> {
  await badge(tabId, '…', COLOURS.busy, 'Clipping…', false);
  try {
    const clipped = await clip();
    await badge(tabId, '✓', COLOURS.ok, words.saved(clipped.title));
    return { ok: true, clipped };
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'unauthorized') await saveSettings({ token: null });
    await badge(tabId, '!', COLOURS.failed, words.failure(failure, settings.port).replace(/`/g, ''));
    return { ok: false, failure };
  }
}

/** The latest badge shown on each tab (-1: no tab), so that an older outcome's timer never clears a newer one. */
const shownBadges = new Map<number, number>();
let badgeCount = 0;

/** Shows an outcome on the toolbar button (of the tab, when known), then clears it unless `linger` is false. */
async function badge(tabId: number | undefined, text: string, colour: string, title: string, linger = true): Promise<void> {
  const where = tabId === undefined ? {} : { tabId };
  const key = tabId ?? -1;
  const mine = ++badgeCount;
  shownBadges.set(key, mine);
  await Promise.all([
    ext.action.setBadgeText({ ...where, text }),
    ext.action.setBadgeBackgroundColor({ ...where, color: colour }),
    ext.action.setTitle({ ...where, title: `Cuttings: ${title}` }),
  ]).catch(() => undefined);
  if (!linger) return;
  setTimeout(() => {
    if (shownBadges.get(key) !== mine) return;
    shownBadges.delete(key);
    void Promise.all([
      ext.action.setBadgeText({ ...where, text: '' }),
      ext.action.setTitle({ ...where, title: DEFAULT_TITLE }),
    ]).catch(() => undefined);
  }, BADGE_MS);
}
