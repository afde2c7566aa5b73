import {
  CLIMATE_IMPACT_LABELS,
  CONSULTATION_RESULT_LABELS,
  CONSULTATION_ROLE_LABELS,
  DISABILITY_IMPACT_LABELS,
  FINANCIAL_IMPACT_LABELS,
  PAPER_SECTION_LABELS as L,
  decidingConsultation,
  formatEuroCents,
  formatGermanDate,
  paperDocumentSchema,
  paperTitle,
  sortConsultations,
  type PaperDocument,
  type PaperDocumentInput,
  type RichTextDoc,
  type RichTextInline,
} from '@quartierplan/domain';

/**
 * The layout both document renderers draw, in print order. DOCX and PDF walk the same list, so the two files
 * cannot drift apart in content or order; each renderer only decides how a block looks.
 */
export type PaperBlock =
  | { kind: 'title'; text: string; note?: string }
  | { kind: 'fields'; rows: FieldRow[] }
  | { kind: 'consultations'; label: string; rows: ConsultationRow[] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; runs: TextRun[] }
  | { kind: 'numbered'; items: string[] }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'checkbox'; text: string }
  | { kind: 'richText'; doc: RichTextDoc }
  | { kind: 'signatures'; signatures: Array<{ name: string; role: string }> };

/** A label/value line of the form part at the top (e.g. "Betreff:"). */
export interface FieldRow {
  label: string;
  lines: string[];
}

/** A line of the Beratungsfolge table. */
export interface ConsultationRow {
  date: string;
  committee: string;
  role: string;
  result: string;
}

/** A piece of inline text; `break` is a line break before the text. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  break?: boolean;
}

/** Everything the page header and document properties show. */
export interface PaperMeta {
  bodyName: string;
  letterhead: string[];
  reference: string;
  date: string;
  title: string;
  subject: string;
}

/** The checked box of the Hagen form; DejaVu Sans (PDF) and Word's symbol fallback (DOCX) both draw it. */
export const CHECKED_BOX = '☒';

/** Whether XML 1.0 allows a code point; Word refuses to open files with any other. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/**
 * User text made safe for any output: characters XML forbids (control characters, lone surrogates) are dropped,
 * not escaped, since they carry no meaning. Field codes need no treatment here (see README).
 */
export function cleanText(text: string): string {
  let out = '';
  // for..of walks code points, so a valid surrogate pair arrives as one character and a lone half alone.
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** Validates and completes a paper with the domain schema; throws a `ZodError` with German messages. */
export function toPaperDocument(input: PaperDocumentInput): PaperDocument {
  return paperDocumentSchema.parse(input);
}

/** Header and metadata of the document. */
export function paperMeta(paper: PaperDocument): PaperMeta {
  return {
    bodyName: cleanText(paper.body.name),
    letterhead: paper.body.letterhead.map(cleanText),
    reference: cleanText(paper.reference),
    date: formatGermanDate(paper.date),
    title: paperTitle(paper.type, paper.public),
    subject: cleanText(paper.subject),
  };
}

/**
 * Inline ProseMirror content as runs: links become "text (address)" so no exported file carries a clickable
 * or field-based link made from user input; `\n` inside text becomes a line break.
 */
export function inlineRuns(content: readonly RichTextInline[] | undefined): TextRun[] {
  const runs: TextRun[] = [];
  let pendingBreak = false;
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') {
      pendingBreak = true;
      continue;
    }
    const marks = node.marks ?? [];
    const bold = marks.some((m) => m.type === 'bold');
    const italic = marks.some((m) => m.type === 'italic');
    const link = marks.find((m) => m.type === 'link');
    const text =
      link && link.attrs.href && link.attrs.href !== node.text
        ? `${node.text} (${link.attrs.href})`
        : node.text;
    cleanText(text)
      .split(/\r?\n/)
      .forEach((line, index) => {
        runs.push({ text: line, bold, italic, break: pendingBreak || index > 0 });
        pendingBreak = false;
      });
  }
  if (pendingBreak) runs.push({ text: '', break: true });
  return runs;
}

function paragraph(text: string, style: Omit<TextRun, 'text'> = {}): PaperBlock {
  const runs = cleanText(text)
    .split(/\r?\n/)
    .map((line, index) => ({ text: line, ...style, break: index > 0 }));
  return { kind: 'paragraph', runs };
}

function textSection(heading: string, text: string | undefined): PaperBlock[] {
  if (!text) return [{ kind: 'heading', text: heading }, paragraph(L.notApplicable)];
  return [
    { kind: 'heading', text: heading },
    ...text
      .split(/\r?\n\s*\r?\n/)
      .filter((p) => p.trim().length > 0)
      .map((p) => paragraph(p)),
  ];
}

function explanation(text: string | undefined): PaperBlock[] {
  return text ? [paragraph(`${L.explanation}:`, { bold: true }), ...textSection('', text).slice(1)] : [];
}

/** The paper as blocks in the order of the Hagen Beschlussvorlage (source document 001, docs/PRODUCT.md). */
export function paperBlocks(paper: PaperDocument): PaperBlock[] {
  const meta = paperMeta(paper);
  const consultations = sortConsultations(paper.consultations);
  const deciding = decidingConsultation(consultations);
  const blocks: PaperBlock[] = [];

  blocks.push({
    kind: 'title',
    text: meta.title,
    ...(paper.status === 'draft' ? { note: 'Entwurf – nicht freigegeben' } : {}),
  });
  blocks.push({
    kind: 'fields',
    rows: [
      { label: `${L.reference}:`, lines: [meta.reference] },
      { label: `${L.date}:`, lines: [meta.date] },
      {
        label: `${paper.type === 'antrag' ? L.sender : L.office}:`,
        lines: [cleanText(paper.originatingOffice)],
      },
      { label: `${L.participating}:`, lines: paper.participatingOffices.map(cleanText) },
      { label: `${L.subject}:`, lines: cleanText(paper.subject).split(/\r?\n/) },
    ],
  });
  blocks.push({
    kind: 'consultations',
    label: `${L.consultations}:`,
    rows: consultations.map((c) => ({
      date: formatGermanDate(c.date),
      committee: cleanText(c.committee.name),
      role: CONSULTATION_ROLE_LABELS[c.role],
      result: c.result
        ? `${CONSULTATION_RESULT_LABELS[c.result]}${c.resultDate ? ` am ${formatGermanDate(c.resultDate)}` : ''}`
        : '',
    })),
  });
  if (deciding) {
    blocks.push({
      kind: 'fields',
      rows: [{ label: `${L.decidingBody}:`, lines: [cleanText(deciding.committee.name)] }],
    });
  }

  const proposal = paper.decisionProposal;
  if (paper.type !== 'mitteilungsvorlage' || proposal.items.length > 0 || proposal.intro) {
    blocks.push({ kind: 'heading', text: L.decisionProposal });
    if (proposal.intro) blocks.push(paragraph(proposal.intro));
    if (proposal.items.length > 0) blocks.push({ kind: 'numbered', items: proposal.items.map(cleanText) });
    if (!proposal.intro && proposal.items.length === 0) blocks.push(paragraph(L.notApplicable));
  }

  blocks.push(...textSection(L.summary, paper.summary));

  blocks.push({ kind: 'heading', text: L.justification });
  if (paper.justification && paper.justification.content.length > 0) {
    blocks.push({ kind: 'richText', doc: paper.justification });
  } else {
    blocks.push(paragraph(L.notApplicable));
  }

  blocks.push({ kind: 'heading', text: L.disability }, paragraph(L.disabilityQuestion, { bold: true }));
  if (paper.disabilityImpact) {
    blocks.push({ kind: 'checkbox', text: DISABILITY_IMPACT_LABELS[paper.disabilityImpact.kind] });
    blocks.push(...explanation(paper.disabilityImpact.explanation));
  } else {
    blocks.push(paragraph(L.notStated));
  }

  blocks.push({ kind: 'heading', text: L.climate });
  if (paper.climateImpact) {
    blocks.push({ kind: 'checkbox', text: CLIMATE_IMPACT_LABELS[paper.climateImpact.kind] });
    blocks.push(...explanation(paper.climateImpact.explanation));
  } else {
    blocks.push(paragraph(L.notStated));
  }

  blocks.push({ kind: 'heading', text: L.financial });
  const financial = paper.financialImpact;
  if (!financial) {
    blocks.push(paragraph(L.notStated));
  } else {
    blocks.push({ kind: 'checkbox', text: FINANCIAL_IMPACT_LABELS[financial.kind] });
    if (financial.kind === 'costs') {
      const rows: FieldRow[] = [];
      if (financial.oneOffCents !== undefined)
        rows.push({ label: `${L.oneOffCosts}:`, lines: [formatEuroCents(financial.oneOffCents)] });
      if (financial.annualCents !== undefined)
        rows.push({ label: `${L.annualCosts}:`, lines: [formatEuroCents(financial.annualCents)] });
      if (financial.budgetLine)
        rows.push({ label: `${L.budgetLine}:`, lines: [cleanText(financial.budgetLine)] });
      if (rows.length > 0) blocks.push({ kind: 'fields', rows });
      blocks.push(...explanation(financial.explanation));
    }
  }

  if (paper.measures.length > 0) {
    blocks.push(
      { kind: 'heading', text: L.measures },
      { kind: 'bullets', items: paper.measures.map((m) => cleanText(m.title)) },
    );
  }

  if (paper.signatures.length > 0) {
    blocks.push({
      kind: 'signatures',
      signatures: paper.signatures.map((s) => ({
        name: `${L.signed} ${cleanText(s.name)}`,
        role: cleanText(s.role),
      })),
    });
  }
  return blocks;
}
