import { PAPER_TYPE_LABELS, type PaperDocumentInput, type Paper } from '@quartierplan/domain';
import { meetingStart, type MinutesExportInput } from '@quartierplan/export';

/** The issuing body as the exports print it. */
export interface PaperBodyInfo {
  id: string;
  name: string;
}

/**
 * The one document model the exports render (DOCX, PDF, OParl) from a stored paper. A draft may still
 * lack its office; the export then says so instead of failing, since clerks download drafts to review.
 */
export function toPaperDocumentInput(paper: Paper, body: PaperBodyInfo): PaperDocumentInput {
  return {
    id: paper.id,
    type: paper.type,
    status: paper.status,
    public: paper.public,
    reference: paper.reference,
    date: paper.date,
    body: { id: body.id, name: body.name, letterhead: ['Der Oberbürgermeister'] },
    originatingOffice: paper.originatingOffice || 'Noch nicht angegeben',
    participatingOffices: paper.participatingOffices,
    subject: paper.subject,
    consultations: paper.consultations.map((c) => {
      const start = c.meeting ? meetingStart(c.meeting.date, c.meeting.startTime) : undefined;
      return {
        id: c.id,
        committee: c.committee,
        date: c.date,
        role: c.role,
        order: c.order,
        ...(c.result ? { result: c.result } : {}),
        ...(c.resultDate ? { resultDate: c.resultDate } : {}),
        ...(c.meeting ? { meeting: { id: c.meeting.id, ...(start ? { start } : {}) } } : {}),
      };
    }),
    decisionProposal: {
      ...(paper.decisionProposalIntro ? { intro: paper.decisionProposalIntro } : {}),
      items: paper.decisionProposal,
    },
    ...(paper.summary ? { summary: paper.summary } : {}),
    ...(paper.justification ? { justification: paper.justification } : {}),
    ...(paper.disabilityImpact ? { disabilityImpact: paper.disabilityImpact } : {}),
    ...(paper.climateImpact ? { climateImpact: paper.climateImpact } : {}),
    ...(paper.financialImpact ? { financialImpact: paper.financialImpact } : {}),
    signatures: paper.signatures,
    measures: paper.measures.map((m) => ({ id: m.id, title: m.title })),
    created: paper.createdAt,
    modified: paper.updatedAt,
  };
}

/** The download name: type and reference, `/` made safe, e.g. `Beschlussvorlage_0745-2023.docx`. */
export function exportFileName(paper: Pick<Paper, 'type' | 'reference'>, extension: string): string {
  return `${PAPER_TYPE_LABELS[paper.type]}_${paper.reference.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.${extension}`;
}

/** The Auszug aus der Niederschrift of one consultation as the exports render it. */
export function toMinutesExportInput(
  paper: Paper,
  consultation: Paper['consultations'][number] & { minutes: string },
  body: PaperBodyInfo,
): MinutesExportInput {
  return {
    body: { name: body.name, letterhead: ['Der Oberbürgermeister'] },
    committee: consultation.committee.name,
    date: consultation.meeting?.date ?? consultation.date,
    meeting: consultation.meeting
      ? { startTime: consultation.meeting.startTime, location: consultation.meeting.location }
      : null,
    paper: { type: paper.type, reference: paper.reference, subject: paper.subject },
    result: consultation.result,
    resultDate: consultation.resultDate,
    minutes: consultation.minutes,
  };
}

/** The Auszug's download name, e.g. `Auszug-Niederschrift_0745-2023_Rat-der-Stadt.docx`. */
export function minutesFileName(
  paper: Pick<Paper, 'reference'>,
  committee: string,
  extension: 'docx' | 'pdf',
): string {
  const safe = (text: string) => text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `Auszug-Niederschrift_${safe(paper.reference)}_${safe(committee).slice(0, 60)}.${extension}`;
}
