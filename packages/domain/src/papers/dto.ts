import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { idSchema } from '../schemas.ts';
import type { CommitteeKind } from '../schemas.ts';
import type { MeasureStatus } from '../measures/workflow.ts';
import type { ConsultationResult, ConsultationRole, PaperStatus, PaperType } from './labels.ts';
import { REFERENCE_FORMATS, type ReferenceFormat } from './reference.ts';
import type { RichTextDoc } from './rich-text.ts';
import { richTextToPlainText } from './rich-text.ts';
import {
  paperDateSchema,
  type PaperClimateImpact,
  type PaperDisabilityImpact,
  type PaperFinancialImpact,
  type PaperSignature,
} from './schemas.ts';

/** A line of the Beratungsfolge as the API answers it. */
export interface PaperConsultationDto {
  id: string;
  committee: { id: string; name: string; kind: CommitteeKind };
  meeting: { id: string; date: string; startTime: string | null; location: string } | null;
  date: string;
  role: ConsultationRole;
  order: number;
  result: ConsultationResult | null;
  resultDate: string | null;
}

/** A measure linked to a paper, with what the paper list and compose view show. */
export interface PaperMeasureDto {
  id: string;
  title: string;
  status: MeasureStatus;
  sozialraeume: { id: string; code: string; name: string }[];
  cityWide: boolean;
}

/** What the requesting user may do with a paper. */
export interface PaperPermissionsDto {
  edit: boolean;
  release: boolean;
  recordResults: boolean;
}

/** `GET /api/papers/:id`. */
export interface PaperDto {
  id: string;
  type: PaperType;
  status: PaperStatus;
  reference: string;
  date: string;
  public: boolean;
  originatingOffice: string;
  participatingOffices: string[];
  subject: string;
  decisionProposalIntro: string | null;
  decisionProposal: string[];
  summary: string | null;
  justification: RichTextDoc | null;
  disabilityImpact: PaperDisabilityImpact | null;
  climateImpact: PaperClimateImpact | null;
  financialImpact: PaperFinancialImpact | null;
  signatures: PaperSignature[];
  consultations: PaperConsultationDto[];
  measureIds: string[];
  measures: PaperMeasureDto[];
  supplementTo: { id: string; reference: string } | null;
  supplements: { id: string; reference: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  releasedAt: string | null;
  permissions: PaperPermissionsDto;
}

/** `GET /api/papers` items. */
export interface PaperSummaryDto {
  id: string;
  type: PaperType;
  status: PaperStatus;
  reference: string;
  date: string;
  subject: string;
  originatingOffice: string;
  measureCount: number;
  decidingCommittee: string | null;
  decisionResult: ConsultationResult | null;
  version: number;
  updatedAt: string;
}

/** `GET /api/papers/prefill?measureIds=…`: a draft's sections taken from measures and action plans. */
export interface PaperPrefillDto {
  subject: string;
  decisionProposal: string[];
  summary: string;
  justification: RichTextDoc;
  participatingOffices: string[];
  financialImpact: PaperFinancialImpact;
  measures: PaperMeasureDto[];
}

/** A meeting (Sitzung) of a committee. */
export interface MeetingDto {
  id: string;
  committee: { id: string; name: string; kind: CommitteeKind };
  date: string;
  startTime: string | null;
  location: string;
  /** How many Beratungsfolge lines point at it (a used meeting cannot be deleted). */
  consultationCount: number;
}

/** `GET/PUT /api/papers/settings`: how the body writes its Drucksachennummern. */
export interface PaperSettingsDto {
  referenceFormat: ReferenceFormat;
}

export const paperSettingsInputSchema = z.object({
  referenceFormat: z.enum(REFERENCE_FORMATS, { message: 'Format muss NNNN/YYYY oder OO/SSS/YYYY sein.' }),
});
export type PaperSettingsInput = z.infer<typeof paperSettingsInputSchema>;

/** `POST /api/meetings`. */
export const createMeetingInputSchema = z.object({
  committeeId: idSchema,
  date: paperDateSchema,
  startTime: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'Bitte eine Uhrzeit im Format HH:MM angeben.' })
    .optional(),
  location: z.string().trim().max(300, { message: 'Höchstens 300 Zeichen.' }).default(''),
});
export type CreateMeetingInput = z.infer<typeof createMeetingInputSchema>;

/** `GET /api/meetings` filters. */
export const listMeetingsQuerySchema = z.object({
  committeeId: idSchema.optional(),
  from: paperDateSchema.optional(),
});

/** `GET /api/papers/prefill`: measure ids, comma separated. */
export const paperPrefillQuerySchema = z.object({
  measureIds: z
    .string()
    .max(20_000)
    .transform((value) => value.split(',').filter((id) => id.length > 0))
    .pipe(z.array(idSchema).min(1, { message: 'Bitte mindestens eine Maßnahme wählen.' }).max(100)),
});

/** Who composes, releases and records results: the clerks and the administration. */
export function canComposePapers(principal: Pick<Principal, 'role'>): boolean {
  return principal.role === 'admin' || principal.role === 'clerk';
}

/** The part of a paper the release check reads. */
export type ReleaseSubject = Pick<
  PaperDto,
  | 'type'
  | 'subject'
  | 'originatingOffice'
  | 'decisionProposal'
  | 'justification'
  | 'disabilityImpact'
  | 'climateImpact'
  | 'financialImpact'
  | 'signatures'
> & { consultations: Pick<PaperConsultationDto, 'role'>[] };

/**
 * The mandatory sections of the Hagen form, checked before release. An Antrag comes from outside the
 * administration, so it needs no impact sections or signatures of the administration.
 */
export function paperReleaseIssues(paper: ReleaseSubject): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!paper.subject.trim()) add('subject', 'Bitte einen Betreff angeben.');
  if (!paper.originatingOffice.trim())
    add('originatingOffice', 'Bitte das federführende Amt (Amt/Eigenbetrieb) angeben.');
  if (paper.consultations.length === 0)
    add('consultations', 'Bitte die Beratungsfolge angeben (mindestens ein Gremium).');
  if (paper.type !== 'mitteilungsvorlage') {
    if (paper.decisionProposal.length === 0)
      add('decisionProposal', 'Bitte mindestens einen Punkt des Beschlussvorschlags angeben.');
    if (!paper.consultations.some((c) => c.role === 'decision'))
      add('consultations', 'Bitte das entscheidende Gremium (Beschlussfassung) festlegen.');
  }
  if (paper.type === 'antrag') return issues;
  if (!richTextToPlainText(paper.justification ?? undefined).trim())
    add('justification', 'Bitte eine Begründung angeben.');
  if (!paper.disabilityImpact)
    add('disabilityImpact', 'Bitte angeben, ob Belange von Menschen mit Behinderung betroffen sind.');
  else if (paper.disabilityImpact.kind !== 'not_affected' && !paper.disabilityImpact.explanation?.trim())
    add('disabilityImpact.explanation', 'Bitte eine Kurzerläuterung zu den Belangen angeben.');
  if (!paper.climateImpact) add('climateImpact', 'Bitte die Auswirkungen auf den Klimaschutz angeben.');
  else if (paper.climateImpact.kind !== 'none' && !paper.climateImpact.explanation?.trim())
    add('climateImpact.explanation', 'Bitte die Auswirkungen auf den Klimaschutz erläutern.');
  if (!paper.financialImpact) add('financialImpact', 'Bitte die finanziellen Auswirkungen angeben.');
  else if (
    paper.financialImpact.kind === 'costs' &&
    paper.financialImpact.oneOffCents === undefined &&
    paper.financialImpact.annualCents === undefined
  )
    add('financialImpact', 'Bitte die Beträge der finanziellen Auswirkungen angeben.');
  if (paper.signatures.length === 0) add('signatures', 'Bitte mindestens eine Unterschrift (gez.) angeben.');
  return issues;
}

/** Measures move with the deciding consultation's result: which status a result leads to, if any. */
export function measureStatusAfterDecision(result: ConsultationResult): 'decided' | 'rejected' | null {
  if (result === 'decided' || result === 'decided_amended') return 'decided';
  if (result === 'rejected') return 'rejected';
  return null;
}
