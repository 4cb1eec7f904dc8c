import { describe, expect, it } from 'vitest';
import { externalTarget } from './links';

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
