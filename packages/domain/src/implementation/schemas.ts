import { z } from 'zod';
import { idSchema, patchSchema } from '../schemas.ts';
import { pageQueryShape } from '../paging.ts';
import { isoDateSchema } from '../measures/schemas.ts';

// Inputs of the implementation API (docs/CONTRACT.md, "Implementation and transparency: the contract").

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Readonly<Record<MilestoneStatus, string>> = {
  planned: 'geplant',
  in_progress: 'in Arbeit',
  done: 'erreicht',
  cancelled: 'entfallen',
};

/** Most milestones, reports and evaluation indicators one measure carries (bounds one request's work). */
export const MAX_MILESTONES_PER_MEASURE = 100;
export const MAX_REPORTS_PER_MEASURE = 1000;
export const MAX_EVALUATION_INDICATORS_PER_MEASURE = 50;
/** Days before its planned date that a milestone's responsible person is reminded. */
export const MILESTONE_DUE_REMINDER_DAYS = 7;

const text = (label: string, max: number) =>
  z
    .string({ message: `${label} muss ein Text sein.` })
    .trim()
    .max(max, { message: `${label} darf höchstens ${max} Zeichen lang sein.` });

const milestoneStatusSchema = z.enum(MILESTONE_STATUSES, {
  message: `Status muss einer von ${MILESTONE_STATUSES.join(', ')} sein.`,
});

const milestoneFields = z.object({
  title: text('Der Titel', 300).min(1, { message: 'Bitte einen Titel angeben.' }),
  plannedDate: isoDateSchema,
  actualDate: isoDateSchema.nullable().default(null),
  status: milestoneStatusSchema.default('planned'),
  responsible: text('Die Verantwortlichen', 200).default(''),
  /** An account of the body that is reminded (in-app) when the milestone is due or late. */
  responsibleUserId: idSchema.nullable().default(null),
});

const DONE_NEEDS_DATE = 'Bitte das Datum angeben, an dem der Meilenstein erreicht wurde.';

/** `POST /api/measures/:id/milestones`. A milestone `done` needs its actual date. */
export const milestoneInputSchema = milestoneFields.superRefine((value, ctx) => {
  if (value.status === 'done' && !value.actualDate) {
    ctx.addIssue({ code: 'custom', path: ['actualDate'], message: DONE_NEEDS_DATE });
  }
});
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;

/**
 * `PATCH /api/measures/:id/milestones/:milestoneId`: the fields it names. Whether `done` has an actual
 * date is checked against the stored milestone merged with the change (422 `validation_failed`).
 */
export const milestonePatchSchema = patchSchema(milestoneFields);
export type MilestonePatch = z.infer<typeof milestonePatchSchema>;
export const MILESTONE_DONE_NEEDS_DATE_MESSAGE = DONE_NEEDS_DATE;

/** `PUT /api/measures/:id/milestones/order`: every milestone of the measure, each once, in the new order. */
export const milestoneOrderInputSchema = z.object({
  ids: z
    .array(idSchema, { message: 'ids muss eine Liste von Kennungen sein.' })
    .max(MAX_MILESTONES_PER_MEASURE, {
      message: `Eine Maßnahme hat höchstens ${MAX_MILESTONES_PER_MEASURE} Meilensteine.`,
    }),
});
export type MilestoneOrderInput = z.infer<typeof milestoneOrderInputSchema>;

/** `POST /api/measures/:id/reports`. The newest report (by date, then creation) sets the measure's progress. */
export const reportInputSchema = z.object({
  date: isoDateSchema,
  text: text('Der Bericht', 5000).min(1, { message: 'Bitte den Bericht schreiben.' }),
  progress: z
    .number({ message: 'Der Fortschritt muss eine Zahl von 0 bis 100 sein.' })
    .int({ message: 'Der Fortschritt ist eine ganze Zahl (Prozent).' })
    .min(0, { message: 'Der Fortschritt muss zwischen 0 und 100 liegen.' })
    .max(100, { message: 'Der Fortschritt muss zwischen 0 und 100 liegen.' }),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

const figure = (label: string) =>
  z
    .number({ message: `${label} muss eine Zahl sein.` })
    .refine(Number.isFinite, { message: `${label} muss eine Zahl sein.` })
    .nullable()
    .default(null);

const evaluationFields = z.object({
  name: text('Die Kennzahl', 200).min(1, { message: 'Bitte die Kennzahl benennen.' }),
  unit: text('Die Einheit', 40).default(''),
  /** A Sozialraum indicator of the body (its published figures are shown beside this one). */
  indicatorId: idSchema.nullable().default(null),
  baseline: figure('Der Ausgangswert'),
  baselineDate: isoDateSchema.nullable().default(null),
  target: figure('Der Zielwert'),
  targetDate: isoDateSchema.nullable().default(null),
  actual: figure('Der Ist-Wert'),
  actualDate: isoDateSchema.nullable().default(null),
});

/** `POST /api/measures/:id/evaluation`. */
export const evaluationIndicatorInputSchema = evaluationFields;
export type EvaluationIndicatorInput = z.infer<typeof evaluationIndicatorInputSchema>;
/** `PATCH /api/measures/:id/evaluation/:indicatorId`. */
export const evaluationIndicatorPatchSchema = patchSchema(evaluationFields);
export type EvaluationIndicatorPatch = z.infer<typeof evaluationIndicatorPatchSchema>;

/** `PUT /api/measures/:id/publication` (admins). */
export const publicationInputSchema = z.object({
  public: z.boolean({ message: 'public muss true oder false sein.' }),
});
export type PublicationInput = z.infer<typeof publicationInputSchema>;

/** `/api/measures/:id/milestones/:milestoneId`, `/reports/:reportId`, `/evaluation/:indicatorId`. */
export const measureItemParamsSchema = z.object({ id: idSchema, itemId: idSchema });

export const PUBLIC_MEASURES_PAGE_DEFAULT = 200;
export const PUBLIC_MEASURES_PAGE_MAX = 500;
/** `GET /api/public/measures?bodyId=&limit=&cursor=` (no session). */
export const publicMeasuresQuerySchema = z.object({
  bodyId: idSchema.optional(),
  ...pageQueryShape({ default: PUBLIC_MEASURES_PAGE_DEFAULT, max: PUBLIC_MEASURES_PAGE_MAX }),
});
export type PublicMeasuresQuery = z.infer<typeof publicMeasuresQuerySchema>;

/** `GET /api/workplan?sozialraumId=&programme=` and its export. */
export const workplanQuerySchema = z.object({
  sozialraumId: idSchema.optional(),
  /** A funding programme as measures name it (`fundingProgramme`), exact. */
  programme: text('Das Programm', 300).min(1).optional(),
});
export type WorkplanQuery = z.infer<typeof workplanQuerySchema>;
export const workplanExportQuerySchema = workplanQuerySchema.extend({
  format: z.enum(['pdf', 'xlsx'], { message: 'Format muss pdf oder xlsx sein.' }),
});
export type WorkplanExportQuery = z.infer<typeof workplanExportQuerySchema>;

/** `GET /api/public/papers/:id/export?format=pdf` (no session): the public PDF only. */
export const publicPaperExportQuerySchema = z.object({
  format: z.enum(['pdf'], { message: 'Format muss pdf sein.' }),
});
export type PublicPaperExportQuery = z.infer<typeof publicPaperExportQuerySchema>;
