// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { externalTarget, guardLinks } from './links';

describe('externalTarget', () => {
  const base = 'https://news.example.com/politics/story.html';

  it('resolves relative links against the article address', () => {
    expect(externalTarget('/world/', base)).toBe('https://news.example.com/world/');
    expect(externalTarget('other.html', base)).toBe('https://news.example.com/politics/other.html');
    expect(externalTarget('https://elsewhere.org/a', base)).toBe('https://elsewhere.org/a');
  });

  it('opens nothing for in-page anchors and non-web schemes', () => {
    expect(externalTarget('#section-2', base)).toBeNull();
    expect(externalTarget('javascript:alert(1)', base)).toBeNull();
    expect(externalTarget('file:///etc/passwd', base)).toBeNull();
    expect(externalTarget('mailto:desk@example.com', base)).toBeNull();
    expect(externalTarget(null, base)).toBeNull();
    expect(externalTarget('/relative', undefined)).toBeNull();
  });
});

describe('guardLinks', () => {
  function page(html: string) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const opened: string[] = [];
    guardLinks(doc, (url) => opened.push(url));
    return { doc, opened };
  }
  function click(target: Element | null, type = 'click') {
    const event = new MouseEvent(type, { bubbles: true, cancelable: true });
    target?.dispatchEvent(event);
    return event;
  }

  it('cancels a link click and opens its web address, resolved against the article', () => {
    const { doc, opened } = page('<body data-base="https://news.example/a/story.html"><p><a href="../world/"><b>World</b></a></p></body>');
    const event = click(doc.querySelector('b'));
    expect(event.defaultPrevented).toBe(true);
    expect(opened).toEqual(['https://news.example/world/']);
  });

  it('cancels links that are not web addresses without opening anything', () => {
    const { doc, opened } = page('<body data-base="https://news.example/"><a href="javascript:alert(1)">x</a><a href="#n">y</a></body>');
    expect(click(doc.querySelectorAll('a')[0] ?? null).defaultPrevented).toBe(true);
    expect(click(doc.querySelectorAll('a')[1] ?? null).defaultPrevented).toBe(true);
    expect(opened).toEqual([]);
  });

  it('refuses middle clicks on links and leaves other clicks alone', () => {
    const { doc, opened } = page('<body><a href="https://news.example/">x</a><p>text</p></body>');
    expect(click(doc.querySelector('a'), 'auxclick').defaultPrevented).toBe(true);
    expect(click(doc.querySelector('p')).defaultPrevented).toBe(false);
    expect(opened).toEqual([]);
  });
});
