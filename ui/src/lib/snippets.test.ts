import { describe, expect, it } from 'vitest';
import { foundInLabel, snippetParts } from './snippets';

describe('snippetParts', () => {
  it('splits the core markers into plain and matched parts', () => {
    expect(snippetParts('…a [[purge]] may [[soon]] be')).toEqual([
      { text: '…a ', match: false },
      { text: 'purge', match: true },
      { text: ' may ', match: false },
      { text: 'soon', match: true },
      { text: ' be', match: false },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', match: false }]);
  });
});

describe('foundInLabel', () => {
  it('says where a snippet was found, and nothing for the article text', () => {
    expect(foundInLabel('highlight')).toBe('in a highlight');
    expect(foundInLabel('note')).toBe('in a note');
    expect(foundInLabel('title')).toBe('in the title');
    expect(foundInLabel('excerpt')).toBe('in the summary');
    expect(foundInLabel('text')).toBeNull();
  });
});
