/** Tests of tags.ts: which tag the caret is in, what is suggested, and the field once a suggestion is taken. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptTag, fragmentAt, parseTags, suggest } from './tags';

const known = [
  { name: 'korea', count: 12 },
  { name: 'for Monday', count: 3 },
  { name: 'kospi', count: 5 },
  { name: 'north korea', count: 2 },
];

test('the fragment is the tag around the caret, trimmed', () => {
  assert.deepEqual(fragmentAt('korea, for Mo', 13), { start: 7, end: 13, text: 'for Mo' });
  assert.deepEqual(fragmentAt('korea, ', 7), { start: 7, end: 7, text: '' });
  assert.equal(fragmentAt('ab, cd, ef', 5).text, 'cd');
});

test('tags are split on commas, trimmed, without empty ones or repeats', () => {
  assert.deepEqual(parseTags(' korea, , Korea,for Monday ,'), ['korea', 'for Monday']);
  assert.deepEqual(parseTags(''), []);
});

test('suggestions: prefix matches first, then by use; never one already typed', () => {
  assert.deepEqual(
    suggest(known, 'ko', 2).map((t) => t.name),
    ['korea', 'kospi', 'north korea'],
  );
  assert.deepEqual(
    suggest(known, 'korea, ko', 9).map((t) => t.name),
    ['kospi', 'north korea'],
  );
  assert.deepEqual(suggest(known, 'korea', 5), [], 'a known tag typed out is left as it is');
  assert.deepEqual(suggest(known, 'korea, ', 7), [], 'nothing typed, nothing suggested');
});

test('taking a suggestion replaces the tag being typed and leaves the caret after ", "', () => {
  assert.deepEqual(acceptTag('ko', 2, 'korea'), { text: 'korea, ', caret: 7 });
  assert.deepEqual(acceptTag('kospi,for', 9, 'for Monday'), { text: 'kospi, for Monday, ', caret: 19 });
  assert.deepEqual(acceptTag('ko, economy', 2, 'korea'), { text: 'korea, economy', caret: 7 });
});
