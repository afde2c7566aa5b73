import type { ActionPlanExportInput } from '../action-plan/model.ts';

const anna = { authorId: 'u-anna', authorName: 'Anna Amtmann', at: '2026-12-01T09:30:15.123Z' };
const bernd = { authorId: 'u-bernd', authorName: 'Bernd Träger', at: '2026-12-02T14:05:00.000Z' };
const text = (value: string, ...marks: object[]) => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks } : {}),
});
const comment = (threadId: string) => ({ type: 'comment', attrs: { threadId } });
const paragraph = (...content: object[]) => ({ type: 'paragraph', content });
const item = (...content: object[]) => ({ type: 'listItem', content });
const cell = (type: 'tableCell' | 'tableHeader', value: string) => ({
  type,
  content: [paragraph(text(value))],
});

/**
 * An action plan under review: comments (one with a reply, two overlapping, one resolved), a suggested
 * insertion and deletion by two people, nested lists, a table and a link.
 */
export function reviewedActionPlan(overrides: Partial<ActionPlanExportInput> = {}): ActionPlanExportInput {
  return {
    body: { name: 'Hagen', letterhead: ['Stadt der FernUniversität', 'Der Oberbürgermeister'] },
    sozialraum: { code: 'AH', name: 'Altenhagen' },
    date: '2026-12-03',
    content: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Ausgangslage / Ist-Stand')] },
        paragraph(
          text('In Altenhagen leben ', comment('t1')),
          text('viele junge Familien', comment('t1'), comment('t2')),
          text(' mit Förderbedarf', comment('t2')),
          text(' und Senioren', { type: 'insertion', attrs: { id: 1, data: anna } }),
          text(' seit Jahren', { type: 'deletion', attrs: { id: 2, data: bernd } }),
          text('.'),
        ),
        paragraph(
          text('Erledigt: ', comment('t3')),
          text('Quartiersbüro', { type: 'bold' }),
          text(' siehe '),
          text('hagen.de', { type: 'link', attrs: { href: 'https://www.hagen.de' } }),
        ),
        { type: 'heading', attrs: { level: 3 }, content: [text('Ziele')] },
        {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [
            item(paragraph(text('Kitaplätze schaffen')), {
              type: 'bulletList',
              content: [item(paragraph(text('Kita Lange Straße')))],
            }),
            item(paragraph(text('Spielplatz sanieren'))),
          ],
        },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Maßnahme'), cell('tableHeader', 'Träger')] },
            { type: 'tableRow', content: [cell('tableCell', 'Familienzentrum'), cell('tableCell', 'AWO')] },
          ],
        },
        paragraph(text('Abschließender Absatz.')),
      ],
    },
    threads: [
      {
        id: 't1',
        resolved: false,
        comments: [
          { authorName: 'Carla Controlling', body: 'Quelle der Zahl?', at: '2026-12-01T10:00:00.000Z' },
          { authorName: 'Anna Amtmann', body: 'Sozialbericht 2025.', at: '2026-12-01T11:00:00.000Z' },
        ],
      },
      {
        id: 't2',
        resolved: false,
        comments: [
          { authorName: 'Bernd Träger', body: 'Bitte präzisieren.', at: '2026-12-02T08:00:00.000Z' },
        ],
      },
      {
        id: 't3',
        resolved: true,
        comments: [
          { authorName: 'Bernd Träger', body: 'Erledigt-Kommentar', at: '2026-12-02T08:00:00.000Z' },
        ],
      },
      {
        id: 't-orphan',
        resolved: false,
        comments: [
          { authorName: 'Bernd Träger', body: 'Verwaister Kommentar', at: '2026-12-02T08:00:00.000Z' },
        ],
      },
    ],
    markup: true,
    ...overrides,
  };
}
