import type { CommitteeKind } from '../schemas.ts';
import type { MeasureStatus } from '../measures/workflow.ts';
import type { ConsultationResult, ConsultationRole, PaperStatus, PaperType } from './labels.ts';
import type { ReferenceFormat } from './reference.ts';
import type { RichTextDoc } from './rich-text.ts';
import type {
  PaperClimateImpact,
  PaperDisabilityImpact,
  PaperFinancialImpact,
  PaperSignature,
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

/** A paper as stored, with its Beratungsfolge and linked measures resolved: what services work with. */
export interface Paper {
  id: string;
  bodyId: string;
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
  /** `released` lets readers who may not see drafts be shown only released supplements. */
  supplements: { id: string; reference: string; released: boolean }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  releasedAt: string | null;
}

/**
 * `GET /api/papers/:id`: the paper without its body, only the supplements the reader may see, and
 * what they may do.
 */
export interface PaperDto extends Omit<Paper, 'bodyId' | 'supplements'> {
  supplements: { id: string; reference: string }[];
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

/** `GET/PUT /api/papers/settings`: how the body writes its Drucksachennummern. */
export interface PaperSettingsDto {
  referenceFormat: ReferenceFormat;
}

/** `GET /api/papers/events` (admins): the audit trail of deleted drafts, newest first. */
export interface PaperEventDto {
  id: string;
  kind: 'deleted';
  paperId: string;
  reference: string;
  subject: string;
  actor: { id: string | null; name: string };
  at: string;
}
