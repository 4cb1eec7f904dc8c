// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"disableCSSFileLoading": true, "handleDisabledFileLoadingAsSuccess": true}}
import { describe, expect, it } from 'vitest';
import { FRAME_POLICY, contentHeight, frameArticle, isStoredImage, placeRemoteImages } from './articleFrame';

const STORED = 'cuttings-image://localhost/' + 'a'.repeat(64);
const options = {
  stylesheet: 'tauri://localhost/assets/article-1234.css',
  base: 'https://news.example/politics/story.html',
  lang: 'en',
  variant: 'reader' as const,
};
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('isStoredImage', () => {
  it('knows the library’s image addresses from web ones', () => {
    expect(isStoredImage(STORED)).toBe(true);
    expect(isStoredImage('https://news.example/photo.jpg')).toBe(false);
    expect(isStoredImage('http://127.0.0.1:8080/photo.png')).toBe(false);
    expect(isStoredImage('//cdn.example/cuttings-image://localhost/x')).toBe(false);
    expect(isStoredImage(null)).toBe(false);
  });
});

describe('placeRemoteImages', () => {
  it('replaces web images by a box with their alt text and keeps stored ones', () => {
    const doc = parse(
      `<p><img src="https://tracker.example/pixel.gif" alt="The new quay"></p>` +
        `<figure><img src="${STORED}" alt="kept"></figure><img src="http://cdn.example/x.png">`,
    );
    expect(placeRemoteImages(doc.body, doc)).toBe(2);
    const images = Array.from(doc.querySelectorAll('img'));
    expect(images.map((i) => i.getAttribute('src'))).toEqual([STORED]);
    const boxes = Array.from(doc.querySelectorAll('.remote-image'));
    expect(boxes.map((b) => b.textContent)).toEqual(['Image not loaded: The new quay', 'Image not loaded']);
    expect(boxes[0]?.getAttribute('role')).toBe('img');
    expect(doc.body.innerHTML).not.toContain('tracker.example');
    expect(doc.body.innerHTML).not.toContain('cdn.example');
  });

  it('drops srcset, which could name a web copy of a stored image', () => {
    const doc = parse(`<img src="${STORED}" srcset="https://cdn.example/big.jpg 2x">`);
    expect(placeRemoteImages(doc.body, doc)).toBe(0);
    expect(doc.querySelector('img')?.hasAttribute('srcset')).toBe(false);
  });
});

describe('frameArticle', () => {
  it('builds a document with the frame policy, the stylesheet, the language and the article address', () => {
    const { srcdoc, remoteImages } = frameArticle('<p>Text <a href="/world/">World</a></p>', options, parse);
    expect(remoteImages).toBe(0);
    const doc = parse(srcdoc);
    expect(srcdoc.startsWith('<!doctype html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('meta[http-equiv=Content-Security-Policy]')?.getAttribute('content')).toBe(FRAME_POLICY);
    expect(doc.querySelector('link[rel=stylesheet]')?.getAttribute('href')).toBe(options.stylesheet);
    expect(doc.body.className).toBe('article-body');
    expect(doc.body.getAttribute('data-base')).toBe(options.base);
    expect(doc.body.querySelector('a')?.getAttribute('href')).toBe('/world/');
  });

  it('allows no web address in the frame’s policy', () => {
    expect(FRAME_POLICY).toContain("default-src 'none'");
    expect(FRAME_POLICY).toMatch(/img-src cuttings-image:;/);
    expect(FRAME_POLICY).not.toMatch(/https?:/);
  });

  it('counts and replaces the web images of the article', () => {
    const html = `<p>One</p><img src="https://news.example/a.jpg" alt="A"><img src="${STORED}" alt="B">`;
    const { srcdoc, remoteImages } = frameArticle(html, { ...options, variant: 'preview' }, parse);
    expect(remoteImages).toBe(1);
    expect(srcdoc).not.toContain('news.example/a.jpg');
    expect(srcdoc).toContain(STORED);
    expect(parse(srcdoc).body.className).toBe('article-body preview');
  });

  it('escapes the values it writes: an address cannot break out of its attribute', () => {
    const hostile = { ...options, base: 'https://x.example/"><script>alert(1)</script>', lang: 'en"><b' };
    const { srcdoc } = frameArticle('<p>Text</p>', hostile, parse);
    const doc = parse(srcdoc);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('b')).toHaveLength(0);
    expect(doc.body.getAttribute('data-base')).toBe(hostile.base);
  });

  it('leaves out the language when it is not known', () => {
    const { srcdoc } = frameArticle('<p>Text</p>', { ...options, lang: null }, parse);
    expect(parse(srcdoc).documentElement.hasAttribute('lang')).toBe(false);
  });
});

describe('contentHeight', () => {
  it('rounds the document’s height up to whole pixels', () => {
    const doc = parse('<p>x</p>');
    doc.documentElement.getBoundingClientRect = () => ({ height: 120.2 }) as DOMRect;
    expect(contentHeight(doc)).toBe(121);
  });
});
