// Clipped articles are outside HTML: they are shown in a sandboxed frame of their own (components/ArticleFrame), never
// in the app's document, which can call the app's commands. This module builds that frame's document (`srcdoc`):
// the article with every image the library has not stored turned into a placeholder (remote images are never
// loaded: the webview makes no request to any web site), the article stylesheet, and a policy of its own that
// allows nothing but stored images and that stylesheet. Pure apart from the DOMParser it is given; unit-tested.

/** The frame's own content security policy, on top of the app's: stored images and the app's stylesheet only. */
export const FRAME_POLICY =
  "default-src 'none'; img-src cuttings-image:; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'";

/** The address of an image the library stores (the core writes these into a clipping's HTML when it keeps an image). */
const STORED_IMAGE_PREFIX = 'cuttings-image://localhost/';

/** Which article the frame shows: the reader's, or the clip dialog's smaller preview. */
export type FrameVariant = 'reader' | 'preview';

/** What the frame needs besides the article's HTML. */
export interface FrameOptions {
  /** Absolute address of the article stylesheet (article.css as built). */
  stylesheet: string;
  /** The article's address: relative links resolve against it. */
  base: string;
  /** The article's language, if known. */
  lang: string | null;
  variant: FrameVariant;
}

/** The frame's document, and how many images were left out because the library does not store them. */
export interface FramedArticle {
  srcdoc: string;
  remoteImages: number;
}

/** Parses HTML into an inert document (nothing in it loads or runs); the browser's DOMParser in the app. */
export type ParseHtml = (html: string) => Document;

const domParser: ParseHtml = (html) => new DOMParser().parseFromString(html, 'text/html');

/** Whether `src` names an image stored in the library. */
export function isStoredImage(src: string | null): boolean {
  return src !== null && src.trim().startsWith(STORED_IMAGE_PREFIX);
}

/** Replaces every image under `root` that the library does not store by a light placeholder box showing its alt
 *  text (no address is left to load). Returns how many were replaced. */
export function placeRemoteImages(root: ParentNode, doc: Document): number {
  let replaced = 0;
  for (const image of Array.from(root.querySelectorAll('img'))) {
    image.removeAttribute('srcset');
    if (isStoredImage(image.getAttribute('src'))) continue;
    const alt = (image.getAttribute('alt') ?? '').trim();
    const box = doc.createElement('span');
    box.className = 'remote-image';
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', alt || 'Image not loaded');
    box.textContent = alt ? `Image not loaded: ${alt}` : 'Image not loaded';
    image.replaceWith(box);
    replaced += 1;
  }
  return replaced;
}

/** Builds the frame's document for an article's (already sanitised) HTML. */
export function frameArticle(html: string, options: FrameOptions, parse: ParseHtml = domParser): FramedArticle {
  const article = parse(html);
  const remoteImages = placeRemoteImages(article.body, article);
  // A fresh document, filled through the DOM so that every value is escaped by the serialiser.
  const frame = parse('<!doctype html><html><head></head><body></body></html>');
  const head = frame.head;
  const charset = frame.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const policy = frame.createElement('meta');
  policy.setAttribute('http-equiv', 'Content-Security-Policy');
  policy.setAttribute('content', FRAME_POLICY);
  const scheme = frame.createElement('meta');
  scheme.setAttribute('name', 'color-scheme');
  scheme.setAttribute('content', 'light dark');
  const style = frame.createElement('link');
  style.setAttribute('rel', 'stylesheet');
  style.setAttribute('href', options.stylesheet);
  head.append(charset, policy, scheme, style);
  if (options.lang) frame.documentElement.setAttribute('lang', options.lang);
  const body = frame.body;
  body.className = options.variant === 'preview' ? 'article-body preview' : 'article-body';
  // The link guard resolves relative links against this (links.ts, like the window's own).
  body.setAttribute('data-base', options.base);
  body.append(...Array.from(article.body.childNodes).map((node) => frame.importNode(node, true)));
  return { srcdoc: `<!doctype html>${frame.documentElement.outerHTML}`, remoteImages };
}

/** The height the frame needs to show all of its document without scrolling, in CSS pixels. */
export function contentHeight(doc: Document): number {
  return Math.ceil(doc.documentElement.getBoundingClientRect().height);
}
