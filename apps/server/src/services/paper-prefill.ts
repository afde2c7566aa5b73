import { paperRepository } from '@quartierplan/db';
import {
  formatEuroCents,
  richTextDocSchema,
  type PaperFinancialImpact,
  type PaperPrefillDto,
  type RichTextBlock,
  type RichTextDoc,
  type Measure,
} from '@quartierplan/domain';
import { loadVisibleMeasure, type MeasureUser } from './measures.ts';
import type { AppContext } from '../context.ts';
import type { LiveDocuments } from './live-documents.ts';
import { loadEditorModel } from './action-plan-model.ts';

/** Headings of the action-plan template whose sections describe the situation (Ausgangslage). */
const SITUATION_HEADING = /ausgangslage|ist-stand/i;

const paragraph = (text: string): RichTextBlock => ({
  type: 'paragraph',
  content: text ? [{ type: 'text', text }] : [],
});
const heading = (level: number, text: string): RichTextBlock => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});

function headingText(block: RichTextBlock): string {
  return block.type === 'heading'
    ? (block.content ?? []).map((n) => (n.type === 'text' ? n.text : '')).join('')
    : '';
}

/**
 * The "Ausgangslage" section of an action plan: the blocks after its heading up to the next heading
 * of the same or a higher level. Empty when the plan has no such section or it is still empty.
 */
export function situationSection(plan: RichTextDoc): RichTextBlock[] {
  const blocks = plan.content;
  const start = blocks.findIndex((b) => b.type === 'heading' && SITUATION_HEADING.test(headingText(b)));
  if (start < 0) return [];
  const level =
    blocks[start]!.type === 'heading' ? (blocks[start] as { attrs: { level: number } }).attrs.level : 2;
  const rest = blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.type === 'heading' && b.attrs.level <= level);
  const section = end < 0 ? rest : rest.slice(0, end);
  const hasText = section.some((b) => b.type !== 'paragraph' || (b.content ?? []).length > 0);
  // Sub-headings of the plan sit one level below the Sozialraum heading they are printed under.
  return hasText
    ? section.map((b) =>
        b.type === 'heading' ? { ...b, attrs: { level: Math.min(6, b.attrs.level + 1) } } : b,
      )
    : [];
}

const cents = (euros: number | null) => (euros === null ? undefined : Math.round(euros * 100));

function financialImpact(measures: readonly Measure[]): PaperFinancialImpact {
  const sum = (pick: (m: Measure) => number | null) =>
    measures.some((m) => pick(m) !== null) ? measures.reduce((total, m) => total + (pick(m) ?? 0), 0) : null;
  const oneOff = sum((m) => m.costOneOff);
  const yearly = sum((m) => m.costYearly);
  if (!oneOff && !yearly) return { kind: 'none' };
  const funding = [...new Set(measures.map((m) => m.fundingProgramme).filter(Boolean))];
  return {
    kind: 'costs',
    ...(oneOff ? { oneOffCents: cents(oneOff) } : {}),
    ...(yearly ? { annualCents: cents(yearly) } : {}),
    ...(funding.length > 0 ? { explanation: `Förderung: ${funding.join(', ')}` } : {}),
  };
}

function measureBlocks(measure: Measure): RichTextBlock[] {
  const lines = [
    measure.responsibleDepartment && `Verantwortlich: ${measure.responsibleDepartment}`,
    measure.provider && `Träger: ${measure.provider}`,
    measure.targetGroup && `Zielgruppe: ${measure.targetGroup}`,
    measure.costOneOff !== null &&
      `Einmalige Kosten: ${formatEuroCents(Math.round(measure.costOneOff * 100))}`,
    measure.costYearly !== null &&
      `Jährliche Kosten: ${formatEuroCents(Math.round(measure.costYearly * 100))}`,
  ].filter((line): line is string => Boolean(line));
  return [
    heading(3, measure.title),
    ...(measure.description ? [paragraph(measure.description)] : []),
    ...(lines.length > 0
      ? [
          {
            type: 'bulletList' as const,
            content: lines.map((line) => ({ type: 'listItem' as const, content: [paragraph(line)] })),
          },
        ]
      : []),
  ];
}

/**
 * Sections of a new paper taken from measures: subject and decision items from their titles, the
 * justification from the Ausgangslage of their Sozialräume's action plans and the measures themselves,
 * costs summed into the financial impact. Everything stays editable in the compose view.
 */
export async function paperPrefill(
  context: AppContext,
  liveDocuments: LiveDocuments,
  user: MeasureUser,
  measureIds: readonly string[],
): Promise<PaperPrefillDto> {
  const measures: Measure[] = [];
  for (const id of [...new Set(measureIds)]) measures.push(await loadVisibleMeasure(context.sql, user, id));
  const sozialraeume = new Map(measures.flatMap((m) => m.sozialraeume.map((s) => [s.id, s] as const)));
  const documents = await paperRepository(context.sql).actionPlanDocuments(user.bodyId, [
    ...sozialraeume.keys(),
  ]);

  const blocks: RichTextBlock[] = [];
  const { actionPlanJson, withoutMarkup } = await loadEditorModel();
  for (const document of documents) {
    const plan = richTextDocSchema.safeParse(
      await liveDocuments.withRoom(document, async (room) => withoutMarkup(actionPlanJson(room.doc))),
    );
    const section = plan.success ? situationSection(plan.data) : [];
    const sozialraum = sozialraeume.get(document.sozialraumId);
    if (section.length > 0 && sozialraum) {
      blocks.push(heading(2, `Ausgangslage im Sozialraum ${sozialraum.name}`), ...section);
    }
  }
  blocks.push(
    heading(2, measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'),
    ...measures.flatMap(measureBlocks),
  );

  const titles = measures.map((m) => `„${m.title}“`);
  const places = [...sozialraeume.values()].map((s) => s.name);
  const subject =
    measures.length === 1
      ? measures[0]!.title
      : `Umsetzung der Maßnahmen ${titles.slice(0, -1).join(', ')} und ${titles.at(-1)}`;
  return {
    subject: subject.slice(0, 2_000),
    decisionProposal: [
      ...measures.map((m) => `Der Umsetzung der Maßnahme „${m.title}“ wird zugestimmt.`),
      'Die Verwaltung wird beauftragt, über den Stand der Umsetzung zu berichten.',
    ],
    summary: `Die Vorlage bündelt ${measures.length === 1 ? 'eine Maßnahme' : `${measures.length} Maßnahmen`} der integrierten Sozialplanung${
      places.length > 0 ? ` für ${places.join(', ')}` : ' für das gesamte Stadtgebiet'
    }: ${measures.map((m) => m.title).join('; ')}.`,
    justification: { type: 'doc', content: blocks },
    participatingOffices: [...new Set(measures.map((m) => m.responsibleDepartment).filter(Boolean))],
    financialImpact: financialImpact(measures),
    measures: measures.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      cityWide: m.cityWide,
      sozialraeume: m.sozialraeume,
    })),
  };
}
