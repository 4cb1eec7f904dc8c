// Search snippets: the core marks each match in a snippet with `[[` and `]]`; the list shows them highlighted,
// as text (never as HTML). Pure, unit-tested.

/** A search snippet split into plain and matched parts (matches are wrapped in `[[` and `]]` by the core). */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const pattern = /\[\[(.*?)\]\]/g;
  let last = 0;
  for (let m = pattern.exec(snippet); m; m = pattern.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false });
    parts.push({ text: m[1]!, match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}
