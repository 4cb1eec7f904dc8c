// Clip dialog logic: which step of clipping failed, in plain words, from the error code; tags typed as text;
// the page address a saved file declares. Pure functions, unit-tested.

/** The step a clip error belongs to and what the user can do about it, from the error's stable code. */
export function clipFailure(code: string): { step: string; advice: string } {
  switch (code) {
    case 'bad_url':
      return { step: 'The address', advice: 'Check the address: it should start with http:// or https://.' };
    case 'http_status':
      return { step: 'Fetching the page', advice: 'The site refused the page. Check the address, or save the page from your browser and import the file.' };
    case 'timeout':
    case 'network':
      return { step: 'Fetching the page', advice: 'Check your connection and try again.' };
    case 'too_large':
    case 'not_a_web_page':
    case 'empty_page':
    case 'redirect_loop':
      return { step: 'Fetching the page', advice: 'This address does not lead to a news page that can be clipped.' };
    case 'no_article':
      return { step: 'Finding the article', advice: 'This page has no article text (a front page or a list?). Open the article itself.' };
    case 'read_file':
    case 'bad_input':
      return { step: 'Reading the file', advice: 'Choose a web page saved from a browser (.html).' };
    case 'busy':
      return { step: 'Saving', advice: 'Another program is writing to the library. Try again in a moment.' };
    case 'read_only':
      return { step: 'Saving', advice: 'The library file cannot be written. Check its permissions.' };
    default:
      return { step: 'Clipping', advice: 'Try again.' };
  }
}

/** Tags from a comma-separated text: trimmed, "#" dropped, empty ones and repeats (ignoring case) removed. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/^#+/, '').trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** Whether a text looks like a web address worth prefilling the URL field with. */
export function looksLikeUrl(text: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(text.trim());
}

/**
 * The address a saved page says it came from: `<link rel="canonical">`, else `og:url`, else a browser's
 * "saved from" comment. Reads the markup as text; nothing of the page is rendered or run.
 */
export function declaredUrl(html: string): string | null {
  const patterns = [
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']/i,
    /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?canonical["']?/i,
    /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)["']/i,
    /<meta\b[^>]*\bcontent=["']([^"']+)["'][^>]*\bproperty=["']og:url["']/i,
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(html)?.[1];
    if (found && looksLikeUrl(found)) return found.replace(/&amp;/g, '&');
  }
  return null;
}

let lastRequest = 0;

/** A number for a fetch, unique while the app runs, so that it can be cancelled. */
export function nextRequestId(): number {
  lastRequest += 1;
  return lastRequest;
}
