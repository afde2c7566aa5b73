import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESSIBILITY_STATEMENT } from './statement.ts';
import { isSafeHref, parseInline, parseSimpleMarkdown } from './simple-markdown.ts';

describe('parseSimpleMarkdown', () => {
  it('reads headings, paragraphs and lists', () => {
    expect(parseSimpleMarkdown('## Kontakt\nZeile eins\nZeile zwei\n\n- a\n* b\n\nEnde')).toEqual([
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Kontakt' }] },
      {
        type: 'paragraph',
        lines: [[{ type: 'text', text: 'Zeile eins' }], [{ type: 'text', text: 'Zeile zwei' }]],
      },
      { type: 'list', items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]] },
      { type: 'paragraph', lines: [[{ type: 'text', text: 'Ende' }]] },
    ]);
  });

  it('keeps HTML as plain text', () => {
    expect(parseSimpleMarkdown('<script>alert(1)</script>')).toEqual([
      { type: 'paragraph', lines: [[{ type: 'text', text: '<script>alert(1)</script>' }]] },
    ]);
  });

  it('makes bold and safe links, and leaves unsafe links as text', () => {
    expect(parseInline('**Wichtig**: [Seite](https://example.de) und [x](javascript:alert(1))')).toEqual([
      { type: 'strong', text: 'Wichtig' },
      { type: 'text', text: ': ' },
      { type: 'link', text: 'Seite', href: 'https://example.de' },
      { type: 'text', text: ' und x)' },
    ]);
  });

  it('allows web, mail, phone and same-site links only', () => {
    expect(isSafeHref('mailto:barrierefreiheit@stadt.de')).toBe(true);
    expect(isSafeHref('tel:+4923312070')).toBe(true);
    expect(isSafeHref('/barrierefreiheit')).toBe(true);
    expect(isSafeHref('//evil.example')).toBe(false);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,x')).toBe(false);
  });

  it('reads the default statement into the sections of the model statement', () => {
    const headings = parseSimpleMarkdown(DEFAULT_ACCESSIBILITY_STATEMENT)
      .filter((b) => b.type === 'heading')
      .map((b) => (b.content[0] as { text: string }).text);
    expect(headings).toEqual([
      'Stand der Vereinbarkeit mit den Anforderungen',
      'Nicht barrierefreie Inhalte',
      'Erstellung dieser Erklärung zur Barrierefreiheit',
      'Feedback und Kontaktangaben',
      'Durchsetzungsverfahren',
    ]);
  });
});
