// Showing highlights in the reader's frame without changing the stored HTML: where a highlight's passage is among
// the frame document's text nodes, wrapping it in <mark> elements, which occurrence a selection is, and which mark
// a click landed on. Pure DOM
// work, unit-tested; the core decides where a highlight is (its anchoring), this module only finds that passage
// again in the DOM.
//
// The core's offsets count characters of the plain text the extractor made, whose white space differs from the
// DOM's (paragraphs, line breaks), so a passage is found by its `exact` text with runs of white space taken as one
// space (as the core compares them), and `prefix`/`suffix` choose among repeats.

import type { HighlightColour, HighlightView } from './bindings';

/** Elements whose edges separate words even when the HTML has no white space there. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TD', 'TH', 'TR', 'UL',
]);

/** The colours offered, in order (the core's list). */
export const COLOURS: HighlightColour[] = ['yellow', 'green', 'blue', 'pink'];

/** A place in the folded text: a character of a text node, or null for a space standing for a block edge. */
type Origin = { node: Text; offset: number } | null;

/** The frame's text with white space folded: one character per folded character, and where each came from. */
export interface FoldedText {
  text: string;
  origin: Origin[];
}

/** A stretch of one text node. */
export interface TextPiece {
  node: Text;
  start: number;
  end: number;
}

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

/** A string with white space runs as one space, trimmed. */
export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The folded text of everything under `root`, block edges counting as white space. */
export function foldedText(root: Node): FoldedText {
  const chars: string[] = [];
  const origin: Origin[] = [];
  let inSpace = true; // no leading space
  const space = (at: Origin) => {
    if (!inSpace) {
      chars.push(' ');
      origin.push(at);
    }
    inSpace = true;
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = node as Text;
      const data = text.data;
      for (let i = 0; i < data.length; i++) {
        const c = data.charAt(i);
        if (isSpace(c)) space({ node: text, offset: i });
        else {
          chars.push(c);
          origin.push({ node: text, offset: i });
          inSpace = false;
        }
      }
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'TEMPLATE') return;
    // An image's placeholder box (lib/articleFrame) is the app's words, not the article's text.
    if (node.nodeType === 1 && (node as Element).classList.contains('remote-image')) return;
    const block = BLOCKS.has(name);
    if (block) space(null);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) space(null);
  };
  walk(root);
  if (chars[chars.length - 1] === ' ') {
    chars.pop();
    origin.pop();
  }
  return { text: chars.join(''), origin };
}

/** Every start of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** How many characters two strings share at their ends (`fromEnd`) or starts. */
function common(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length) {
    const x = a.charAt(fromEnd ? a.length - 1 - n : n);
    const y = b.charAt(fromEnd ? b.length - 1 - n : n);
    if (x !== y) break;
    n++;
  }
  return n;
}

/** The text-node stretches covering folded characters `from` to `to` (exclusive), in document order. */
function piecesOf(folded: FoldedText, from: number, to: number): TextPiece[] {
  const pieces: TextPiece[] = [];
  for (let i = from; i < to; i++) {
    const at = folded.origin[i];
    if (!at) continue;
    const last = pieces[pieces.length - 1];
    if (last && last.node === at.node) last.end = at.offset + 1;
    else pieces.push({ node: at.node, start: at.offset, end: at.offset + 1 });
  }
  return pieces;
}

/** Where a highlight's passage is in the folded text: the occurrence of its folded `exact` whose surroundings best
 *  match its prefix and suffix (the first on a tie), as text-node pieces; null when the DOM does not have it. */
export function locate(
  folded: FoldedText,
  highlight: Pick<HighlightView, 'exact' | 'prefix' | 'suffix'>,
): TextPiece[] | null {
  const needle = fold(highlight.exact);
  const found = occurrences(folded.text, needle);
  if (found.length === 0) return null;
  const prefix = fold(highlight.prefix);
  const suffix = fold(highlight.suffix);
  let best = 0;
  let bestScore = -1;
  for (const at of found) {
    const before = folded.text.slice(0, at).trimEnd();
    const after = folded.text.slice(at + needle.length).trimStart();
    const score = common(before, prefix, true) + common(after, suffix, false);
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  return piecesOf(folded, best, best + needle.length);
}

/** Which occurrence (1 for the first) of its own folded text a selection starting at `node`/`offset` is, and how
 *  many there are in the folded text of `root`. */
export function occurrenceOf(root: Node, quote: string, node: Node, offset: number): { occurrence: number; count: number } {
  const folded = foldedText(root);
  const needle = fold(quote);
  const found = occurrences(folded.text, needle);
  // The selection starts at the first folded character at or after its start point.
  let start = folded.origin.findIndex((o) => o !== null && isAtOrAfter(o.node, o.offset, node, offset));
  if (start === -1) start = folded.text.length;
  const earlier = found.filter((at) => at < start).length;
  return { occurrence: Math.min(earlier + 1, Math.max(found.length, 1)), count: found.length };
}

/** Whether character `offset` of text node `a` is at or after the boundary point (`node`, `offset`). */
function isAtOrAfter(a: Text, aOffset: number, node: Node, offset: number): boolean {
  if (a === node) return aOffset >= offset;
  if (node.nodeType === 3) {
    return (node.compareDocumentPosition(a) & 4) !== 0; // a follows node
  }
  // An element boundary: before its child `offset` (or at its end).
  const child = node.childNodes[offset];
  if (child) return child === a || child.contains(a) || (child.compareDocumentPosition(a) & 4) !== 0;
  return (node.compareDocumentPosition(a) & 4) !== 0 && !node.contains(a);
}

/** Removes the marks put by `showHighlights`, leaving the document's text as it was. */
export function clearHighlights(doc: Document): void {
  for (const mark of Array.from(doc.querySelectorAll('mark[data-highlight-id]'))) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parent.normalize();
  }
}

/** Wraps each placed highlight's passage in `<mark class="hl hl-COLOUR" data-highlight-id>` (several marks when it
 *  crosses elements); returns the ids of those the document does not have. Detached highlights are skipped. */
export function showHighlights(doc: Document, highlights: HighlightView[]): number[] {
  clearHighlights(doc);
  const missing: number[] = [];
  const root = doc.body ?? doc.documentElement;
  if (!root) return missing;
  for (const highlight of highlights) {
    if (highlight.detached) continue;
    const pieces = locate(foldedText(root), highlight);
    if (!pieces) {
      missing.push(highlight.id);
      continue;
    }
    for (const piece of pieces) wrap(doc, piece, highlight);
  }
  return missing;
}

function wrap(doc: Document, piece: TextPiece, highlight: HighlightView) {
  let node = piece.node;
  if (piece.end < node.data.length) node.splitText(piece.end);
  if (piece.start > 0) node = node.splitText(piece.start);
  const mark = doc.createElement('mark');
  mark.className = `hl hl-${highlight.colour}`;
  mark.dataset.highlightId = String(highlight.id);
  if (highlight.comment) mark.title = highlight.comment;
  node.parentNode?.insertBefore(mark, node);
  mark.appendChild(node);
}

/** Marks the marks of highlight `id` as chosen (`data-chosen`, which article.css rings) and no others; their
 *  classes stay the colour's. */
export function chooseMarks(doc: Document, id: number | null): void {
  for (const mark of Array.from(doc.querySelectorAll('mark[data-highlight-id]'))) {
    mark.toggleAttribute('data-chosen', mark.getAttribute('data-highlight-id') === String(id));
  }
}

/** The highlight a click in the article's frame landed on, as the parent can see it without any event from the
 *  frame (a frame sandboxed without scripts delivers none, not even to the parent's listeners): the mark holding a
 *  collapsed selection, the caret the engine leaves where a click lands. Null when there is none in a mark. (The
 *  focus is no sign: the parent cannot take it back from a mark, so it would outlive the click.) */
export function clickedHighlight(doc: Document): number | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const node = selection.anchorNode;
  const element = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  const mark = element?.closest('mark[data-highlight-id]');
  const id = Number(mark?.getAttribute('data-highlight-id') ?? NaN);
  return Number.isInteger(id) ? id : null;
}
