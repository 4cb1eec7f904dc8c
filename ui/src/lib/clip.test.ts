import { describe, expect, it } from 'vitest';
import { browserReasonText, clipFailure, parseTags } from './clip';

describe('clipFailure', () => {
  it('names the step that failed from the code', () => {
    expect(clipFailure('http_status').step).toBe('Fetching the page');
    expect(clipFailure('no_article').step).toBe('Finding the article');
    expect(clipFailure('bad_url').advice).toContain('http://');
    expect(clipFailure('ipc').step).toBe('Clipping');
  });

  it('asks for the address when a saved page declares none', () => {
    expect(clipFailure('no_address')).toEqual({
      step: 'Reading the file',
      advice: 'Type the address the article was published at, then read the file again.',
    });
  });
});

describe('parseTags', () => {
  it('only splits on commas and trims: the core drops "#", repeats and case variants', () => {
    expect(parseTags(' korea, #Purge,, korea ,KOREA, north korea ')).toEqual([
      'korea',
      '#Purge',
      'korea',
      'KOREA',
      'north korea',
    ]);
    expect(parseTags('')).toEqual([]);
    expect(parseTags(' , ')).toEqual([]);
  });
});

describe('browserReasonText', () => {
  it('says why the browser is offered, for each reason of the core', () => {
    expect(browserReasonText('login').why).toBe('This site wants a login.');
    expect(browserReasonText('consent_wall').why).toBe('This page is a cookie-consent wall.');
    expect(browserReasonText('script').why).toBe('This page is built by script.');
  });
});
