/**
 * What runs inside the page (through `scripting.executeScript`, in the extension's isolated world): the page as
 * rendered, after its scripts ran, and the images it shows, fetched with the user's session (cookies included) so
 * that images behind a login reach Cuttings too.
 *
 * These functions are serialised and run in the page, so they must be self-contained: no imports, no module-level
 * values, only their arguments (which must be JSON). They never throw for an image: one that cannot be fetched is
 * left out, and Cuttings downloads it itself if it is public.
 */

/** One image of the page with its bytes. */
export interface CapturedImage {
  url: string;
  /** The bytes, base64. */
  data: string;
}

/** The page as the browser shows it. */
export interface CapturedPage {
  /** `location.href`: the final address, after redirects. */
  url: string;
  /** `document.title`. */
  title: string;
  /** `<!DOCTYPE html>` and `document.documentElement.outerHTML`. */
  html: string;
  /** The HTML of the selected ranges, when asked for and something is selected. */
  selection_html?: string;
  images: CapturedImage[];
}

/** What to read and how much. */
export interface CaptureOptions {
  /** Whether to read the selection as well. */
  selection: boolean;
  /** At most this many images (the API takes 200). */
  maxImages: number;
  /** An image larger than this is left out (the API takes 10 MiB). */
  maxImageBytes: number;
  /** Images stop before their raw bytes pass this (18 MiB: a third more once in base64). */
  maxTotalImageBytes: number;
  /** The API's limit on a whole request (30 MiB), which the page, its selection and the images must stay under. */
  maxBodyBytes: number;
  /** How long one image may take to download. */
  imageTimeoutMs: number;
}

const MIB = 1024 * 1024;

/** The limits of docs/api.md, with room to spare for the JSON around the page. */
export const CAPTURE_LIMITS: Omit<CaptureOptions, 'selection'> = {
  maxImages: 200,
  maxImageBytes: 10 * MIB,
  maxTotalImageBytes: 18 * MIB,
  maxBodyBytes: 29 * MIB,
  imageTimeoutMs: 20_000,
};

/** Whether the page has a non-empty text selection (to offer "Clip selection"). Runs in the page. */
export function pageHasSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}

/** Reads the rendered page, its selection if asked, and its images. Runs in the page. */
export async function capturePage(options: CaptureOptions): Promise<CapturedPage> {
  const html = '<!DOCTYPE html>\n' + document.documentElement.outerHTML;

  // 1. The selection: each range's fragment, serialised in order.
  let selectionHtml: string | undefined;
  const selection = window.getSelection();
  if (options.selection && selection !== null && !selection.isCollapsed && selection.toString().trim() !== '') {
    const holder = document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
    selectionHtml = holder.innerHTML;
  }

  // 2. The images' addresses, web addresses only, each once, in document order: each <img>'s `src` (the address
  //    the clipping's article keeps, so that Cuttings finds the bytes under it), else what it shows.
  const addresses: string[] = [];
  const seen = new Set<string>();
  for (const img of Array.from(document.images)) {
    const src = /^https?:/i.test(img.src) ? img.src : img.currentSrc;
    if (!/^https?:/i.test(src) || seen.has(src)) continue;
    seen.add(src);
    addresses.push(src);
    if (addresses.length >= options.maxImages) break;
  }

  // 3. What the images may weigh: the request must stay under the API's limit once the page (escaped as JSON) and
  //    the images (in base64, four bytes for three) are in it.
  const textBytes = new Blob([JSON.stringify(html), JSON.stringify(selectionHtml ?? '')]).size;
  const budget = Math.max(0, Math.min(options.maxTotalImageBytes, Math.floor(((options.maxBodyBytes - textBytes) * 3) / 4)));

  // 4. Fetch them a few at a time with the user's cookies; keep them in page order until the budget is spent.
  const fetchOne = async (url: string): Promise<Blob | null> => {
    try {
      const response = await fetch(url, {
        credentials: 'include',
        signal: AbortSignal.timeout(options.imageTimeoutMs),
      });
      if (!response.ok) return null;
      const declared = Number(response.headers.get('Content-Length') ?? '0');
      if (declared > options.maxImageBytes) return null;
      const blob = await response.blob();
      return blob.size > 0 && blob.size <= options.maxImageBytes ? blob : null;
    } catch {
      return null;
    }
  };
  const base64 = (blob: Blob): Promise<string | null> =>
    new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => {
        const dataUrl = typeof reader.result === 'string' ? reader.result : '';
        const comma = dataUrl.indexOf(',');
        resolve(comma >= 0 ? dataUrl.slice(comma + 1) : null);
      };
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(blob);
    });

  const images: CapturedImage[] = [];
  let total = 0;
  const BATCH = 4;
  fetching: for (let start = 0; start < addresses.length; start += BATCH) {
    const batch = addresses.slice(start, start + BATCH);
    const blobs = await Promise.all(batch.map(fetchOne));
    for (let i = 0; i < batch.length; i++) {
      const blob = blobs[i];
      if (!blob) continue;
      if (total + blob.size > budget) break fetching;
      const data = await base64(blob);
      if (data === null) continue;
      total += blob.size;
      images.push({ url: batch[i], data });
    }
  }

  const page: CapturedPage = { url: location.href, title: document.title, html, images };
  if (selectionHtml !== undefined) page.selection_html = selectionHtml;
  return page;
}
