import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionPlanJson, actionPlanSchema, withoutMarkup, writeActionPlanJson } from './editor.ts';
import { actionPlanContent, writeActionPlanTemplate } from './schema.ts';

describe('action plan editor schema', () => {
  it('holds exactly what a council paper can carry', () => {
    const schema = actionPlanSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        'bulletList',
        'doc',
        'hardBreak',
        'heading',
        'listItem',
        'orderedList',
        'paragraph',
        'table',
        'tableCell',
        'tableHeader',
        'tableRow',
        'text',
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(
      ['bold', 'comment', 'deletion', 'insertion', 'italic', 'link', 'modification'].sort(),
    );
  });

  it('reads the server-written template as headings and paragraphs', () => {
    const doc = new Y.Doc();
    writeActionPlanTemplate(doc);
    const json = actionPlanJson(doc);
    expect(json.content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Ausgangslage / Ist-Stand' }],
    });
    expect(json.content?.filter((n) => n.type === 'heading')).toHaveLength(6);
  });

  it('reads a table, a link and marks written by an editor', () => {
    const doc = new Y.Doc();
    const table = new Y.XmlElement('table');
    const row = new Y.XmlElement('tableRow');
    const cell = new Y.XmlElement('tableCell');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    cell.insert(0, [paragraph]);
    row.insert(0, [cell]);
    table.insert(0, [row]);
    actionPlanContent(doc).insert(0, [table]);
    text.insert(0, 'Quartiersbüro', { bold: {} });
    text.insert(text.length, ' ', {});
    text.insert(text.length, 'hagen.de', { link: { href: 'https://www.hagen.de' } });
    const json = actionPlanJson(doc);
    const cellJson = json.content?.[0]?.content?.[0]?.content?.[0];
    expect(cellJson?.type).toBe('tableCell');
    expect(cellJson?.content?.[0]?.content).toEqual([
      { type: 'text', text: 'Quartiersbüro', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' ' },
      {
        type: 'text',
        text: 'hagen.de',
        marks: [{ type: 'link', attrs: expect.objectContaining({ href: 'https://www.hagen.de' }) }],
      },
    ]);
  });

  it('leaves out nodes a client wrote that the schema does not know', () => {
    const doc = new Y.Doc();
    const bogus = new Y.XmlElement('script');
    bogus.insert(0, [new Y.XmlText('alert(1)')]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('bleibt')]);
    actionPlanContent(doc).insert(0, [bogus, paragraph]);
    expect(JSON.stringify(actionPlanJson(doc))).not.toContain('alert');
    expect(JSON.stringify(actionPlanJson(doc))).toContain('bleibt');
  });

  it('keeps comment anchors (overlapping threads too) and suggestions with their author through Yjs', () => {
    const author = { authorId: 'u1', authorName: 'Anna Amt', at: '2026-12-01T09:30:00.000Z' };
    const doc = new Y.Doc();
    writeActionPlanJson(doc, reviewed(author));
    const paragraph = actionPlanJson(doc).content?.[0]?.content ?? [];
    expect(paragraph).toEqual([
      { type: 'text', text: 'Wir ', marks: [{ type: 'comment', attrs: { threadId: 't1' } }] },
      {
        type: 'text',
        text: 'planen',
        marks: [
          { type: 'comment', attrs: { threadId: 't1' } },
          { type: 'comment', attrs: { threadId: 't2' } },
        ],
      },
      { type: 'text', text: ' neu', marks: [{ type: 'insertion', attrs: { id: 's1', data: author } }] },
      { type: 'text', text: ' alt', marks: [{ type: 'deletion', attrs: { id: 's2', data: author } }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('gives the document as it stands without markup: insertions left out, deletions kept', () => {
    const author = { authorId: 'u1', authorName: 'Anna Amt', at: '2026-12-01T09:30:00.000Z' };
    expect(withoutMarkup(reviewed(author))?.content?.[0]?.content).toEqual([
      { type: 'text', text: 'Wir ' },
      { type: 'text', text: 'planen' },
      { type: 'text', text: ' alt' },
      { type: 'text', text: '.' },
    ]);
  });

  it('drops the zero-width markers suggestion mode leaves at paragraph breaks', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '\u200BNeuer Absatz' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '\u200B' }] },
      ],
    };
    expect(withoutMarkup(doc)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Neuer Absatz' }] },
        { type: 'paragraph', content: [] },
      ],
    });
  });
});

function reviewed(author: object) {
  const t1 = { type: 'comment', attrs: { threadId: 't1' } };
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Wir ', marks: [t1] },
          { type: 'text', text: 'planen', marks: [t1, { type: 'comment', attrs: { threadId: 't2' } }] },
          { type: 'text', text: ' neu', marks: [{ type: 'insertion', attrs: { id: 's1', data: author } }] },
          { type: 'text', text: ' alt', marks: [{ type: 'deletion', attrs: { id: 's2', data: author } }] },
          { type: 'text', text: '.' },
        ],
      },
    ],
  };
}
