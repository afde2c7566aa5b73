import { z } from 'zod';
import { COMMITTEE_KINDS } from '../schemas.ts';
import { MEASURE_STATUSES } from '../measures/workflow.ts';
import { CONSULTATION_RESULTS, CONSULTATION_ROLES, PAPER_STATUSES, PAPER_TYPES } from './labels.ts';
import { REFERENCE_FORMATS } from './reference.ts';
import { richTextDocSchema } from './rich-text.ts';
import {
  climateImpactSchema,
  disabilityImpactSchema,
  financialImpactSchema,
  signatureSchema,
} from './schemas.ts';

// Response shapes as zod schemas (see ../dto.ts): the OpenAPI document and the API tests use them.

const paperTypeDtoSchema = z.enum(PAPER_TYPES);
const paperStatusDtoSchema = z.enum(PAPER_STATUSES);
const consultationResultDtoSchema = z.enum(CONSULTATION_RESULTS);

/** A line of the Beratungsfolge as the API answers it. */
export const paperConsultationDtoSchema = z.object({
  id: z.string(),
  committee: z.object({ id: z.string(), name: z.string(), kind: z.enum(COMMITTEE_KINDS) }),
  meeting: z
    .object({ id: z.string(), date: z.string(), startTime: z.string().nullable(), location: z.string() })
    .nullable(),
  date: z.string(),
  role: z.enum(CONSULTATION_ROLES),
  order: z.number(),
  result: consultationResultDtoSchema.nullable(),
  resultDate: z.string().nullable(),
  /** "Auszug aus der Niederschrift": the committee's discussion of the paper, null until recorded. */
  minutes: z.string().nullable(),
});
export type PaperConsultationDto = z.infer<typeof paperConsultationDtoSchema>;

/** A measure linked to a paper, with what the paper list and compose view show. */
export const paperMeasureDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(MEASURE_STATUSES),
  sozialraeume: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  cityWide: z.boolean(),
});
export type PaperMeasureDto = z.infer<typeof paperMeasureDtoSchema>;

/** What the requesting user may do with a paper. */
export const paperPermissionsDtoSchema = z.object({
  edit: z.boolean(),
  release: z.boolean(),
  recordResults: z.boolean(),
});
export type PaperPermissionsDto = z.infer<typeof paperPermissionsDtoSchema>;

const paperRefSchema = z.object({ id: z.string(), reference: z.string() });

/** A paper as stored, with its Beratungsfolge and linked measures resolved: what services work with. */
export const paperSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  type: paperTypeDtoSchema,
  status: paperStatusDtoSchema,
  reference: z.string(),
  date: z.string(),
  public: z.boolean(),
  originatingOffice: z.string(),
  participatingOffices: z.array(z.string()),
  subject: z.string(),
  decisionProposalIntro: z.string().nullable(),
  decisionProposal: z.array(z.string()),
  summary: z.string().nullable(),
  justification: richTextDocSchema.nullable(),
  disabilityImpact: disabilityImpactSchema.nullable(),
  climateImpact: climateImpactSchema.nullable(),
  financialImpact: financialImpactSchema.nullable(),
  signatures: z.array(signatureSchema),
  consultations: z.array(paperConsultationDtoSchema),
  measureIds: z.array(z.string()),
  measures: z.array(paperMeasureDtoSchema),
  supplementTo: paperRefSchema.nullable(),
  /** `released` lets readers who may not see drafts be shown only released supplements. */
  supplements: z.array(paperRefSchema.extend({ released: z.boolean() })),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  releasedAt: z.string().nullable(),
});
export type Paper = z.infer<typeof paperSchema>;

/**
 * `GET /api/papers/:id`: the paper without its body, only the supplements the reader may see, and
 * what they may do.
 */
export const paperDtoSchema = paperSchema
  .omit({ bodyId: true })
  .extend({ supplements: z.array(paperRefSchema), permissions: paperPermissionsDtoSchema })
  .meta({ id: 'Paper' });
export type PaperDto = z.infer<typeof paperDtoSchema>;

/** `GET /api/papers` items. */
export const paperSummaryDtoSchema = z
  .object({
    id: z.string(),
    type: paperTypeDtoSchema,
    status: paperStatusDtoSchema,
    reference: z.string(),
    date: z.string(),
    subject: z.string(),
    originatingOffice: z.string(),
    measureCount: z.number(),
    decidingCommittee: z.string().nullable(),
    decisionResult: consultationResultDtoSchema.nullable(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PaperSummary' });
export type PaperSummaryDto = z.infer<typeof paperSummaryDtoSchema>;

/** `GET /api/papers/prefill?measureIds=…`: a draft's sections taken from measures and action plans. */
export const paperPrefillDtoSchema = z
  .object({
    subject: z.string(),
    decisionProposal: z.array(z.string()),
    summary: z.string(),
    justification: richTextDocSchema,
    participatingOffices: z.array(z.string()),
    financialImpact: financialImpactSchema,
    measures: z.array(paperMeasureDtoSchema),
  })
  .meta({ id: 'PaperPrefill' });
export type PaperPrefillDto = z.infer<typeof paperPrefillDtoSchema>;

/** `GET/PUT /api/papers/settings`: how the body writes its Drucksachennummern. */
export const paperSettingsDtoSchema = z
  .object({ referenceFormat: z.enum(REFERENCE_FORMATS) })
  .meta({ id: 'PaperSettings' });
export type PaperSettingsDto = z.infer<typeof paperSettingsDtoSchema>;

/** `GET /api/papers/events` (admins): the audit trail of deleted drafts, newest first. */
export const paperEventSchema = z.object({
  id: z.string(),
  kind: z.enum(['deleted']),
  paperId: z.string(),
  reference: z.string(),
  subject: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  at: z.string(),
});
export type PaperEvent = z.infer<typeof paperEventSchema>;
/** `GET /api/papers/events`: the entries as stored. */
export const paperEventDtoSchema = paperEventSchema.meta({ id: 'PaperEvent' });
export type PaperEventDto = z.infer<typeof paperEventDtoSchema>;
