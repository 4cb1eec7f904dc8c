import { describe, expect, it } from 'vitest';
import { renderMarkdown, snippetParts } from './markdown';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis, code, lists and headings', () => {
    expect(renderMarkdown('For **Monday** and *Tuesday*, see `x`')).toBe(
      '<p>For <strong>Monday</strong> and <em>Tuesday</em>, see <code>x</code></p>',
    );
    expect(renderMarkdown('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(renderMarkdown('1. one\n2. two')).toBe('<ol><li>one</li><li>two</li></ol>');
    expect(renderMarkdown('# Title\n\nline one\nline two')).toBe('<h3>Title</h3><p>line one<br>line two</p>');
  });

  it('never lets typed markup through', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> <script>alert(2)</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img');
  });

  it('links only http(s) addresses, with no way out of the attribute', () => {
    expect(renderMarkdown('[src](https://a.example/x)')).toBe('<p><a href="https://a.example/x">src</a></p>');
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a');
    expect(renderMarkdown('[x](https://a.example/"onmouseover="alert(1))')).not.toContain('onmouseover="');
  });
});

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
