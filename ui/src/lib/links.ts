// Links inside clipped articles must never navigate the app window. `externalTarget` decides, for a click, which
// web address (if any) to open in the system browser; the caller always cancels the click. Pure, unit-tested.

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
