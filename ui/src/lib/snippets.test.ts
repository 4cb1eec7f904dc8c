import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippets';

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
