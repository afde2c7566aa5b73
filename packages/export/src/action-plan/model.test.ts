import { describe, expect, it } from 'vitest';
import { reviewedActionPlan } from '../testing/action-plan.ts';
import { docxParts, INJECTIONS, readDocx } from '../testing/read.ts';
import { renderActionPlanDocx } from './docx.ts';
import { actionPlanModel, initials } from './model.ts';

describe('actionPlanModel', () => {
  it('hands out comment ids before tracked-change ids, threads in the order their anchors appear', () => {
    const model = actionPlanModel(reviewedActionPlan());
    expect(model.comments.map((c) => [c.id, c.parentId, c.author])).toEqual([
      [0, undefined, 'Carla Controlling'],
      [1, 0, 'Anna Amtmann'],
      [2, undefined, 'Bernd Träger'],
    ]);
  });

  it('reads suggestions without readable authorship as "Unbekannt" at the epoch rather than failing', () => {
    const model = actionPlanModel(
      reviewedActionPlan({
        content: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'neu', marks: [{ type: 'insertion', attrs: { id: 1, data: 'x' } }] },
              ],
            },
          ],
        },
      }),
    );
    const run = model.blocks[0]?.kind === 'paragraph' ? model.blocks[0].runs[0] : undefined;
    expect(run?.change).toEqual({
      kind: 'insertion',
      id: 0,
      author: 'Unbekannt',
      date: '1970-01-01T00:00:00Z',
    });
  });

  it('survives content that is not a document, unknown nodes and nesting deeper than any editor writes', () => {
    expect(actionPlanModel(reviewedActionPlan({ content: 'kaputt' })).blocks).toEqual([]);
    let deep: object = { type: 'paragraph', content: [{ type: 'text', text: 'ganz tief' }] };
    for (let i = 0; i < 200; i++)
      deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    const model = actionPlanModel(
      reviewedActionPlan({ content: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }, deep] } }),
    );
    expect(JSON.stringify(model.blocks)).not.toContain('alert');
    expect(JSON.stringify(model.blocks)).not.toContain('ganz tief');
  });

  it('takes initials from names', () => {
    expect(initials('Anna Amtmann')).toBe('AA');
    expect(initials('  ')).toBe('?');
    expect(initials('Dr. Maria von der Heide')).toBe('DMV');
  });
});

describe('renderActionPlanDocx with hostile text', () => {
  it('keeps field codes, hyperlinks and control characters in comments, names and text out of the markup', async () => {
    const hostile = `${INJECTIONS.join(' ')}\u0001\u0007"<>&`;
    const input = reviewedActionPlan();
    const buffer = await renderActionPlanDocx({
      ...input,
      sozialraum: { code: hostile, name: hostile },
      threads: input.threads?.map((t) => ({
        ...t,
        comments: t.comments.map((c) => ({ ...c, authorName: hostile, body: hostile })),
      })),
    });
    const parts = await docxParts(buffer);
    for (const xml of [parts['word/document.xml'], parts['word/comments.xml'], parts['word/header1.xml']]) {
      expect(xml).not.toMatch(/<w:(fldSimple|hyperlink|instrText)/);
      expect(xml).not.toContain('\u0001');
    }
    expect(parts['word/comments.xml']).toContain('w:author="{ HYPERLINK &quot;http://x&quot; }');
    expect((await readDocx(buffer)).text).toContain('Aktionsplan { HYPERLINK "http://x" }');
  });
});
