import { describe, expect, it } from 'vitest';
import { clipFailure, declaredUrl, looksLikeUrl, parseTags } from './clip';

describe('clipFailure', () => {
  it('names the step that failed from the code', () => {
    expect(clipFailure('http_status').step).toBe('Fetching the page');
    expect(clipFailure('no_article').step).toBe('Finding the article');
    expect(clipFailure('bad_url').advice).toContain('http://');
    expect(clipFailure('something_new').step).toBe('Clipping');
  });
});

describe('parseTags', () => {
  it('splits on commas, drops #, blanks and repeats ignoring case', () => {
    expect(parseTags(' korea, #Purge,, korea ,KOREA, north korea ')).toEqual(['korea', 'Purge', 'north korea']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('looksLikeUrl', () => {
  it('accepts web addresses only', () => {
    expect(looksLikeUrl('https://www.rfa.org/english/news/x.html')).toBe(true);
    expect(looksLikeUrl('  http://example.com ')).toBe(true);
    expect(looksLikeUrl('ftp://example.com/')).toBe(false);
    expect(looksLikeUrl('buy milk')).toBe(false);
    expect(looksLikeUrl('https://exa mple.com')).toBe(false);
  });
});

describe('declaredUrl', () => {
  it('finds the canonical link in either attribute order, then og:url, then a saved-from comment', () => {
    expect(declaredUrl('<link rel="canonical" href="https://a.example/x">')).toBe('https://a.example/x');
    expect(declaredUrl("<link href='https://a.example/y' rel=canonical>")).toBe('https://a.example/y');
    expect(declaredUrl('<meta property="og:url" content="https://b.example/z?a=1&amp;b=2">')).toBe(
      'https://b.example/z?a=1&b=2',
    );
    expect(declaredUrl('<!-- saved from url=(0023)https://c.example/w -->')).toBe('https://c.example/w');
    expect(declaredUrl('<link rel="canonical" href="javascript:alert(1)">')).toBeNull();
    expect(declaredUrl('<p>no address</p>')).toBeNull();
  });
});
