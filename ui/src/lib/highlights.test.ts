// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { HighlightView } from './bindings';
import {
  chooseMarks,
  clearHighlights,
  clickedHighlight,
  foldedText,
  locate,
  occurrenceOf,
  showHighlights,
} from './highlights';

const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');

function highlight(id: number, exact: string, extra: Partial<HighlightView> = {}): HighlightView {
  return {
    id,
    clipping: 1,
    exact,
    prefix: '',
    suffix: '',
    start: 0,
    end: exact.length,
    colour: 'yellow',
    comment: null,
    detached: false,
    createdAt: '',
    modifiedAt: '',
    ...extra,
  };
}

const marked = (doc: Document) =>
  Array.from(doc.querySelectorAll('mark.hl')).map((m) => [m.getAttribute('data-highlight-id'), m.textContent]);

describe('foldedText', () => {
  it('takes white space runs and block edges as one space', () => {
    const doc = parse('<p>One\n   two</p><p>three</p>');
    expect(foldedText(doc.body).text).toBe('One two three');
  });

  it("leaves out the placeholder of an image not kept (the app's words, not the article's)", () => {
    const doc = parse('<p>Before <span class="remote-image">Image not loaded: a map</span>after</p>');
    expect(foldedText(doc.body).text).toBe('Before after');
  });
});

describe('locate', () => {
  it('finds a passage whose white space differs from the core text', () => {
    const doc = parse('<p>The   quick\nbrown fox</p>');
    const pieces = locate(foldedText(doc.body), highlight(1, 'quick brown'));
    expect(pieces?.map((p) => p.node.data.slice(p.start, p.end))).toEqual(['quick\nbrown']);
  });

  it('chooses among repeats by the prefix', () => {
    const doc = parse('<p>first: the cat sat.</p><p>second: the cat ran.</p>');
    showHighlights(doc, [highlight(5, 'the cat', { prefix: 'sat.\n\nsecond: ' })]);
    expect(doc.querySelector('mark')?.parentElement?.textContent).toBe('second: the cat ran.');
  });

  it('is null when the document does not have the passage', () => {
    expect(locate(foldedText(parse('<p>text</p>').body), highlight(1, 'other'))).toBeNull();
  });
});

describe('showHighlights', () => {
  it('marks a passage across an inline element in several marks, keeping the text', () => {
    const doc = parse('<p>Some <b>bold words</b> and more</p>');
    const missing = showHighlights(doc, [highlight(3, 'Some bold', { colour: 'green' })]);
    expect(missing).toEqual([]);
    expect(marked(doc)).toEqual([['3', 'Some '], ['3', 'bold']]);
    expect(doc.querySelector('mark')?.className).toBe('hl hl-green');
    expect(doc.body.textContent).toBe('Some bold words and more');
  });

  it('marks a passage across two paragraphs', () => {
    const doc = parse('<p>End of one.</p><p>Start of two.</p>');
    showHighlights(doc, [highlight(4, 'one.\n\nStart')]);
    expect(marked(doc)).toEqual([['4', 'one.'], ['4', 'Start']]);
  });

  it('skips detached highlights and reports those not found', () => {
    const doc = parse('<p>text here</p>');
    const missing = showHighlights(doc, [highlight(1, 'gone', { detached: true }), highlight(2, 'nowhere')]);
    expect(missing).toEqual([2]);
    expect(marked(doc)).toEqual([]);
  });

  it('shows two highlights and clears them again', () => {
    const doc = parse('<p>alpha beta gamma</p>');
    showHighlights(doc, [highlight(1, 'alpha'), highlight(2, 'gamma', { colour: 'pink' })]);
    expect(marked(doc)).toEqual([['1', 'alpha'], ['2', 'gamma']]);
    clearHighlights(doc);
    expect(marked(doc)).toEqual([]);
    expect(doc.body.innerHTML).toBe('<p>alpha beta gamma</p>');
  });
});

describe('occurrenceOf', () => {
  it('counts earlier occurrences of the selected text', () => {
    const doc = parse('<p>the cat</p><p>the <i>cat</i> again</p>');
    const second = doc.querySelectorAll('p')[1]!.firstChild!;
    expect(occurrenceOf(doc.body, 'the cat', second, 0)).toEqual({ occurrence: 2, count: 2 });
    const first = doc.querySelector('p')!.firstChild!;
    expect(occurrenceOf(doc.body, 'the cat', first, 0)).toEqual({ occurrence: 1, count: 2 });
  });
});

describe('clickedHighlight', () => {
  it('is the mark holding the caret a click leaves, and none for a selected passage', () => {
    // The window's own document: a parsed one has no selection in this DOM.
    const doc = document;
    doc.body.innerHTML = '<p>The council met on Monday. It voted for the budget.</p>';
    showHighlights(doc, [highlight(7, 'met on Monday'), highlight(9, 'the budget')]);
    expect(clickedHighlight(doc)).toBeNull();
    const marks = Array.from(doc.querySelectorAll<HTMLElement>('mark.hl'));
    const caret = doc.createRange();
    caret.setStart(marks[1]!.firstChild!, 2);
    caret.collapse(true);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(caret);
    expect(clickedHighlight(doc)).toBe(9);
    const passage = doc.createRange();
    passage.selectNodeContents(marks[1]!);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(passage);
    expect(clickedHighlight(doc)).toBeNull();
    chooseMarks(doc, 9);
    expect(marks.map((m) => m.hasAttribute('data-chosen'))).toEqual([false, true]);
    expect(marks[1]!.className).toBe('hl hl-yellow');
    chooseMarks(doc, null);
    expect(doc.querySelectorAll('mark[data-chosen]').length).toBe(0);
  });
});
