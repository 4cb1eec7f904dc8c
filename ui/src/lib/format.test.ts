import { describe, expect, it } from 'vitest';
import { formatDate, outletOf, pageKindLabel } from './format';

describe('formatDate', () => {
  it('keeps the calendar day written in the text, whatever the time zone', () => {
    expect(formatDate('2016-12-15')).toBe('15 Dec 2016');
    expect(formatDate('2016-12-15T23:30:00-05:00')).toBe('15 Dec 2016');
    expect(formatDate('2026-11-28T04:11:20.123Z')).toBe('28 Nov 2026');
  });

  it('shows a month alone when there is no day, and odd text as it is', () => {
    expect(formatDate('2016-02')).toBe('Feb 2016');
    expect(formatDate('2016-13-01')).toBe('2016-13-01');
    expect(formatDate('last Tuesday')).toBe('last Tuesday');
    expect(formatDate(null)).toBe('');
  });
});

describe('outletOf', () => {
  it('prefers the site name and falls back to the host without www', () => {
    expect(outletOf('Radio Free Asia', 'https://www.rfa.org/x')).toBe('Radio Free Asia');
    expect(outletOf(null, 'https://www.example.com/news/1')).toBe('example.com');
    expect(outletOf('  ', 'not a url')).toBe('');
  });
});

describe('pageKindLabel', () => {
  it('labels every kind but the article, and shows an unknown kind as it is', () => {
    expect(pageKindLabel('article')).toBeNull();
    expect(pageKindLabel('forum')).toBe('Forum thread');
    expect(pageKindLabel('product')).toBe('Product page');
    expect(pageKindLabel('documentation')).toBe('Documentation');
    expect(pageKindLabel('listing')).toBe('Listing');
    expect(pageKindLabel('collection')).toBe('Collection');
    expect(pageKindLabel('service')).toBe('Service page');
    expect(pageKindLabel('recipe')).toBe('recipe');
  });
});
