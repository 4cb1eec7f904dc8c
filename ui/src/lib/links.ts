// Links must never navigate the app window. `externalTarget` decides, for a click, which web address (if any) to
// open in the system browser; `guardLinks` cancels every link click in the window's document and hands that address
// on. (Links inside an article frame are the shell's to stop: see components/ArticleFrame.) Unit-tested.

/** The http(s) address a link points to, resolved against the article's address, or null for anything else. */
export function externalTarget(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** The anchor element a click landed in, if any (the click may land on text or an image inside the link). */
export function anchorOf(target: EventTarget | null): HTMLAnchorElement | null {
  const element = target as { closest?: (selector: string) => Element | null } | null;
  if (!element || typeof element.closest !== 'function') return null;
  return element.closest('a[href]') as HTMLAnchorElement | null;
}

/** Installs the link guard on a document (the window's own): any click on a link is
 *  cancelled and a web address is given to `open` (the system browser); middle clicks and dragging a link, which
 *  would open windows or navigate, are refused. Capture phase, so nothing in the page can forget it. */
export function guardLinks(doc: Document, open: (url: string) => void): void {
  doc.addEventListener(
    'click',
    (event) => {
      const anchor = anchorOf(event.target);
      if (!anchor) return;
      event.preventDefault();
      const base = anchor.closest('[data-base]')?.getAttribute('data-base') ?? undefined;
      const target = externalTarget(anchor.getAttribute('href'), base);
      if (target) open(target);
    },
    true,
  );
  doc.addEventListener(
    'auxclick',
    (event) => {
      if (anchorOf(event.target)) event.preventDefault();
    },
    true,
  );
  doc.addEventListener(
    'dragstart',
    (event) => {
      if (anchorOf(event.target)) event.preventDefault();
    },
    true,
  );
}
