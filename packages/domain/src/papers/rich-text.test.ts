import { describe, expect, it } from 'vitest';
import {
  richTextDocSchema,
  richTextFromPlainText,
  richTextToPlainText,
  type RichTextDoc,
} from './rich-text.ts';

const tiptapDoc = {
  type: 'doc',
  content: [
    {
      type: 'heading',
      attrs: { level: 2, textAlign: null },
      content: [{ type: 'text', text: 'Ausgangslage' }],
    },
    {
      type: 'paragraph',
      attrs: { textAlign: null },
      content: [
        { type: 'text', text: 'Größe ', marks: [{ type: 'bold' }] },
        {
          type: 'text',
          text: 'Förderportal',
          marks: [
            {
              type: 'link',
              attrs: { href: 'https://example.org', target: '_blank', rel: null, class: null },
            },
          ],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3, type: null },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'eins' }] }] },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableHeader',
              attrs: { colspan: 1, rowspan: 1, colwidth: null },
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }],
            },
          ],
        },
      ],
    },
  ],
};

describe('richTextDocSchema', () => {
  it('accepts what Tiptap saves and drops attributes the exports do not use', () => {
    const doc = richTextDocSchema.parse(tiptapDoc);
    expect(doc.content[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Ausgangslage' }],
    });
    expect(JSON.stringify(doc)).not.toContain('_blank');
  });

  it('rejects unknown nodes and marks with German messages', () => {
    const image = richTextDocSchema.safeParse({
      type: 'doc',
      content: [{ type: 'image', attrs: { src: 'x' } }],
    });
    expect(image.success).toBe(false);
    expect(image.error?.issues[0]?.message).toMatch(/Nicht unterstütztes Element/);
    const strike = richTextDocSchema.safeParse({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'strike' }] }] }],
    });
    expect(strike.error?.issues[0]?.message).toMatch(/Formatierung/);
  });

  it('rejects documents nested deeper than the renderers allow', () => {
    let block: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'tief' }] };
    for (let i = 0; i < 10; i++)
      block = { type: 'bulletList', content: [{ type: 'listItem', content: [block] }] };
    const result = richTextDocSchema.safeParse({ type: 'doc', content: [block] });
    expect(result.error?.issues.map((i) => i.message)).toContain('Der Text ist zu tief verschachtelt.');
  });
});

describe('plain text', () => {
  it('turns a document into text with link addresses in parentheses', () => {
    const doc = richTextDocSchema.parse(tiptapDoc);
    expect(richTextToPlainText(doc)).toBe(
      'Ausgangslage\n\nGröße Förderportal (https://example.org)\n\n3. eins\n\nA',
    );
  });

  it('makes paragraphs from blank-line separated text, line breaks as hard breaks', () => {
    const doc: RichTextDoc = richTextFromPlainText('Erster Absatz\nzweite Zeile\n\n\nZweiter Absatz');
    expect(doc.content).toHaveLength(2);
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Erster Absatz' },
        { type: 'hardBreak' },
        { type: 'text', text: 'zweite Zeile' },
      ],
    });
    expect(richTextToPlainText(doc)).toBe('Erster Absatz\nzweite Zeile\n\nZweiter Absatz');
    expect(richTextFromPlainText('  ').content).toEqual([]);
  });
});
