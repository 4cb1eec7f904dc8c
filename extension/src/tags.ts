/**
 * The Tags field's text, comma-separated: which tag the caret is in, which known tags to suggest for it, and the
 * text once a suggestion is taken. Pure: no DOM, no requests (tagInput.ts wires it to the field).
 */
import type { Tag } from './api';

/** How many suggestions to show at most. */
export const MAX_SUGGESTIONS = 6;

/** The tag being typed: its text and where it sits in the field. */
export interface Fragment {
  /** Start of the tag (after the comma and spaces before it). */
  start: number;
  /** End of the tag (the next comma, or the end of the text). */
  end: number;
  /** The tag's text so far, trimmed. */
  text: string;
}

/** The tag the caret is in. */
export function fragmentAt(text: string, caret: number): Fragment {
  let start = text.lastIndexOf(',', caret - 1) + 1;
  while (start < text.length && text[start] === ' ') start++;
  const comma = text.indexOf(',', caret);
  const end = comma === -1 ? text.length : comma;
  return { start: Math.min(start, end), end, text: text.slice(Math.min(start, end), end).trim() };
}

/** The tags typed in the field: trimmed, without empty ones or repeats (case-insensitive). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/**
 * Known tags matching what is typed: those starting with it first, then those containing it, the most used first
 * within each; never one already in the field. None once the tag typed is a known one, so that Enter or Tab
 * never turns "korea" into "north korea".
 */
export function suggest(known: Tag[], text: string, caret: number): Tag[] {
  const fragment = fragmentAt(text, caret);
  const typed = fragment.text.toLowerCase();
  if (typed === '' || known.some((tag) => tag.name.toLowerCase() === typed)) return [];
  const others = new Set(
    parseTags(text.slice(0, fragment.start) + text.slice(fragment.end)).map((t) => t.toLowerCase()),
  );
  const matches = known.filter((tag) => {
    const name = tag.name.toLowerCase();
    return name.includes(typed) && !others.has(name);
  });
  const rank = (tag: Tag): number => (tag.name.toLowerCase().startsWith(typed) ? 0 : 1);
  matches.sort((a, b) => rank(a) - rank(b) || b.count - a.count || a.name.localeCompare(b.name));
  return matches.slice(0, MAX_SUGGESTIONS);
}

/** The field once `tag` replaces the tag the caret is in, followed by ", " so that the next one can be typed. */
export function acceptTag(text: string, caret: number, tag: string): { text: string; caret: number } {
  const fragment = fragmentAt(text, caret);
  const before = text.slice(0, fragment.start).replace(/\s+$/, '');
  const after = text.slice(fragment.end).replace(/^,\s*/, '');
  const head = (before === '' ? '' : before + ' ') + tag + ', ';
  return { text: head + after, caret: head.length };
}
