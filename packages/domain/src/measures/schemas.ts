import { z } from 'zod';
import { idSchema } from '../schemas.ts';
import { pageQueryShape } from '../paging.ts';
import type { MeasureScope } from './permissions.ts';
import { MEASURE_STATUSES } from './workflow.ts';

/** Where the money comes from (Förderung). */
export const FUNDING_SOURCES = ['eu', 'bund', 'land', 'kommunal'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Readonly<Record<FundingSource, string>> = {
  eu: 'EU',
  bund: 'Bund',
  land: 'Land',
  kommunal: 'kommunal',
};

/** Largest amount numeric(12,2) holds; larger sums are typos, not budgets. */
export const MAX_COST_EUR = 9_999_999_999.99;
/** Most Sozialräume, needs and goals one measure carries (bounds the work of one request). */
export const MAX_MEASURE_SOZIALRAEUME = 100;
export const MAX_MEASURE_NEEDS = 200;
export const MAX_MEASURE_GOALS = 50;

const statusMessage = `Status muss einer von ${MEASURE_STATUSES.join(', ')} sein.`;
export const measureStatusSchema = z.enum(MEASURE_STATUSES, { message: statusMessage });
export const fundingSourceSchema = z.enum(FUNDING_SOURCES, {
  message: 'Förderquelle muss eu, bund, land oder kommunal sein.',
});

/**
 * Years a municipal date can have. Beyond them PostgreSQL refuses some values (year 0) and no
 * plan or decision is meant: a typo should be an error next to the field, not a server error.
 */
export const plausibleYear = (isoDate: string): boolean => {
  // Text that is no ISO date at all gets the format's own message, not this one as well.
  if (!/^\d{4}-/.test(isoDate)) return true;
  const year = Number(isoDate.slice(0, 4));
  return year >= 1900 && year <= 2199;
};
export const PLAUSIBLE_YEAR_MESSAGE = 'Bitte ein Jahr zwischen 1900 und 2199 angeben.';

/** An ISO calendar date (`YYYY-MM-DD`) that exists, in a plausible year. */
export const isoDateSchema = z
  .string({ message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' })
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' });
    } else if (
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
    ) {
      ctx.addIssue({ code: 'custom', message: 'Dieses Datum gibt es nicht.' });
    } else if (!plausibleYear(value)) {
      ctx.addIssue({ code: 'custom', message: PLAUSIBLE_YEAR_MESSAGE });
    }
  });

/** A Drucksachennummer as the council's information system allocates it: `NNNN/YYYY`. */
export const paperReferenceSchema = z
  .string({ message: 'Bitte die Drucksachennummer angeben (z. B. 0745/2023).' })
  .trim()
  .regex(/^\d{4}\/\d{4}$/, { message: 'Die Drucksachennummer hat die Form NNNN/JJJJ (z. B. 0745/2023).' });

const text = (label: string, max: number) =>
  z
    .string({ message: `${label} muss ein Text sein.` })
    .trim()
    .max(max, { message: `${label} darf höchstens ${max} Zeichen lang sein.` });

const money = (label: string) =>
  z
    .number({ message: `${label} muss eine Zahl (Euro) sein.` })
    .min(0, { message: `${label} darf nicht negativ sein.` })
    .max(MAX_COST_EUR, { message: `${label} ist zu groß.` })
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
      message: `${label} hat höchstens zwei Nachkommastellen (Cent).`,
    })
    .nullable();

const titleSchema = text('Der Titel', 300).min(1, { message: 'Bitte einen Titel angeben.' });

/** A goal with its indicator (Kennzahl) and target value, e.g. "Teilnahmequote" / "60 %". */
export const measureGoalSchema = z.object({
  goal: text('Das Ziel', 500).min(1, { message: 'Bitte das Ziel angeben.' }),
  indicator: text('Die Kennzahl', 500).default(''),
  targetValue: text('Der Zielwert', 200).default(''),
});
export type MeasureGoal = z.infer<typeof measureGoalSchema>;

const needIdSchema = z
  .string({ message: 'Ungültige Bedarfs-Kennung.' })
  .trim()
  .min(1, { message: 'Ungültige Bedarfs-Kennung.' })
  .max(100, { message: 'Ungültige Bedarfs-Kennung.' });

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number, label: string) =>
  z
    .array(item, { message: `${label} müssen eine Liste sein.` })
    .max(max, { message: `Höchstens ${max} ${label}.` })
    .refine((list) => new Set(list).size === list.length, { message: `${label} doppelt angegeben.` });

/** The editable fields of a measure (status and decision data change only by transitions). */
const measureFieldsSchema = z.object({
  title: titleSchema,
  description: text('Die Beschreibung', 20_000),
  handlungsfeld: text('Das Handlungsfeld', 200),
  responsibleDepartment: text('Der Fachbereich', 300),
  provider: text('Der Träger', 300),
  targetGroup: text('Die Zielgruppe', 500),
  costOneOff: money('Einmalige Kosten'),
  costYearly: money('Jährliche Kosten'),
  fundingSource: fundingSourceSchema.nullable(),
  fundingProgramme: text('Das Förderprogramm', 300),
  plannedStart: isoDateSchema.nullable(),
  plannedEnd: isoDateSchema.nullable(),
  actualStart: isoDateSchema.nullable(),
  actualEnd: isoDateSchema.nullable(),
  goals: z
    .array(measureGoalSchema, { message: 'Ziele müssen eine Liste sein.' })
    .max(MAX_MEASURE_GOALS, { message: `Höchstens ${MAX_MEASURE_GOALS} Ziele.` }),
  progress: z
    .number({ message: 'Der Fortschritt muss eine Zahl sein.' })
    .int({ message: 'Der Fortschritt ist eine ganze Zahl von 0 bis 100.' })
    .min(0, { message: 'Der Fortschritt ist eine ganze Zahl von 0 bis 100.' })
    .max(100, { message: 'Der Fortschritt ist eine ganze Zahl von 0 bis 100.' }),
  sozialraumIds: uniqueList(idSchema, MAX_MEASURE_SOZIALRAEUME, 'Sozialräume'),
  cityWide: z.boolean({ message: 'Stadtweit muss wahr oder falsch sein.' }),
  needIds: uniqueList(needIdSchema, MAX_MEASURE_NEEDS, 'Bedarfe'),
});
export type MeasureFields = z.infer<typeof measureFieldsSchema>;

/** The fields whose changes the audit trail records one by one (everything editable). */
export const MEASURE_FIELDS = Object.keys(measureFieldsSchema.shape) as (keyof MeasureFields)[];

/** Scope problems of a measure: it needs Sozialräume, or is city-wide, never both. */
export function measureScopeIssues(scope: MeasureScope): { path: string; message: string }[] {
  if (scope.cityWide && scope.sozialraumIds.length > 0) {
    return [
      { path: 'sozialraumIds', message: 'Eine stadtweite Maßnahme nennt keine einzelnen Sozialräume.' },
    ];
  }
  if (!scope.cityWide && scope.sozialraumIds.length === 0) {
    return [
      {
        path: 'sozialraumIds',
        message: 'Bitte mindestens einen Sozialraum angeben oder die Maßnahme als stadtweit kennzeichnen.',
      },
    ];
  }
  return [];
}

/** Date ranges that end before they start. */
export function measureDateIssues(m: Partial<MeasureFields>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (m.plannedStart && m.plannedEnd && m.plannedEnd < m.plannedStart) {
    issues.push({ path: 'plannedEnd', message: 'Das geplante Ende liegt vor dem geplanten Beginn.' });
  }
  if (m.actualStart && m.actualEnd && m.actualEnd < m.actualStart) {
    issues.push({ path: 'actualEnd', message: 'Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.' });
  }
  return issues;
}

/** `POST /api/measures`: a title and Sozialräume (or `cityWide`), everything else optional. */
export const createMeasureInputSchema = measureFieldsSchema
  .partial()
  .extend({
    title: titleSchema,
    sozialraumIds: measureFieldsSchema.shape.sozialraumIds.default([]),
    cityWide: measureFieldsSchema.shape.cityWide.default(false),
    needIds: measureFieldsSchema.shape.needIds.default([]),
  })
  .superRefine((value, ctx) => {
    for (const issue of [...measureScopeIssues(value), ...measureDateIssues(value)]) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });
export type CreateMeasureInput = z.infer<typeof createMeasureInputSchema>;

/** `PATCH /api/measures/:id`: any editable fields; the scope is checked against the stored measure. */
export const updateMeasureInputSchema = measureFieldsSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Keine Änderung angegeben.' });
export type UpdateMeasureInput = z.infer<typeof updateMeasureInputSchema>;

/** `POST /api/measures/:id/transitions`; what each target requires is the state machine's rule. */
export const transitionInputSchema = z.object({
  to: measureStatusSchema,
  comment: text('Der Kommentar', 2000).optional(),
  decisionDate: isoDateSchema.optional(),
  paperReference: paperReferenceSchema.optional(),
  /** An admin's correction to an earlier state (`comment` is then the mandatory reason). */
  correction: z.boolean().optional(),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;

/** A query parameter that may repeat or hold a comma-separated list. */
const listParam = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, { message: 'Zu viele Werte.' }))
    .optional();

const singleParam = (label: string, max: number) =>
  z
    .string({ message: `${label} darf nur einmal angegeben werden.` })
    .trim()
    .max(max, { message: `${label} darf höchstens ${max} Zeichen lang sein.` })
    .optional();

/**
 * Filters of `GET /api/measures` (and its export). `sozialraumId` may be `city` for city-wide
 * measures; `status` and `fundingSource` take several values; `responsible` searches Fachbereich
 * and Träger, `q` title and description.
 */
/** The filters of the measures list; the export takes the same ones. */
export const measureFiltersSchema = z.object({
  sozialraumId: z
    .union([idSchema, z.literal('city')], { message: 'Sozialraum muss eine Kennung oder „city“ sein.' })
    .optional(),
  status: listParam(measureStatusSchema),
  handlungsfeld: singleParam('Das Handlungsfeld', 200),
  responsible: singleParam('Die Zuständigkeit', 300),
  fundingSource: listParam(fundingSourceSchema),
  q: singleParam('Die Suche', 200),
  needId: singleParam('Der Bedarf', 100),
});
export type MeasureListFilters = z.infer<typeof measureFiltersSchema>;

/** Measures per page of `GET /api/measures` when the client does not say, and at most. */
export const MEASURES_PAGE_DEFAULT = 50;
export const MEASURES_PAGE_MAX = 200;

/** `GET /api/measures`: the filters and a page, last changed first (keyset by `updatedAt` and id). */
export const listMeasuresQuerySchema = measureFiltersSchema.extend(
  pageQueryShape({ default: MEASURES_PAGE_DEFAULT, max: MEASURES_PAGE_MAX }),
);
export type ListMeasuresQuery = z.infer<typeof listMeasuresQuerySchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/measures/export`: the list filters plus the format. */
export const exportMeasuresQuerySchema = measureFiltersSchema.extend({
  format: z.enum(EXPORT_FORMATS, { message: 'Format muss csv oder xlsx sein.' }),
});

/** `GET /api/measures/dashboard`: measures unchanged for more than `staleDays` count as stale. */
export const measureDashboardQuerySchema = z.object({
  staleDays: z.coerce
    .number({ message: 'staleDays muss eine Zahl sein.' })
    .int({ message: 'staleDays muss eine ganze Zahl sein.' })
    .min(1, { message: 'staleDays muss mindestens 1 sein.' })
    .max(3650, { message: 'staleDays darf höchstens 3650 sein.' })
    .default(90),
});
