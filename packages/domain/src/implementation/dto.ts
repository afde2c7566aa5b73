import { z } from 'zod';
import { MEASURE_STATUSES } from '../measures/workflow.ts';
import { MILESTONE_STATUSES } from './schemas.ts';

// Answers of the implementation API (docs/CONTRACT.md, "Implementation and transparency: the contract").

const personRef = z.object({ id: z.string(), name: z.string() });

/** A milestone of a measure, with its lateness on the day it is read (`milestoneDaysLate`). */
export const milestoneDtoSchema = z
  .object({
    id: z.string(),
    measureId: z.string(),
    title: z.string(),
    plannedDate: z.string(),
    actualDate: z.string().nullable(),
    status: z.enum(MILESTONE_STATUSES),
    responsible: z.string(),
    /** The account reminded; null when none (or the account was deleted). */
    responsibleUser: personRef.nullable(),
    position: z.number(),
    daysLate: z.number(),
    late: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Milestone' });
export type MilestoneDto = z.infer<typeof milestoneDtoSchema>;

/** A progress report (newest first in lists). `author` null: deleted or erased account ("Gelöschte Person"). */
export const reportDtoSchema = z
  .object({
    id: z.string(),
    measureId: z.string(),
    date: z.string(),
    text: z.string(),
    progress: z.number(),
    author: personRef.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProgressReport' });
export type ReportDto = z.infer<typeof reportDtoSchema>;

/** A published figure of a linked Sozialraum indicator (through disclosure control: null when suppressed). */
const linkedFigureSchema = z.object({
  indicatorId: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  /** The measure's first Sozialraum by code, or "Gesamtstadt" (city-wide measures: the city figure). */
  sozialraumName: z.string(),
  date: z.string(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
});

/** An evaluation indicator (Kennzahl) with baseline, target and actual. */
export const evaluationIndicatorDtoSchema = z
  .object({
    id: z.string(),
    measureId: z.string(),
    name: z.string(),
    unit: z.string(),
    indicatorId: z.string().nullable(),
    baseline: z.number().nullable(),
    baselineDate: z.string().nullable(),
    target: z.number().nullable(),
    targetDate: z.string().nullable(),
    actual: z.number().nullable(),
    actualDate: z.string().nullable(),
    /** Share of the way from baseline to target the actual value went (0–100+), null without the three. */
    attainment: z.number().nullable(),
    /** The linked indicator's latest published figure, null without a link or a figure. */
    linkedFigure: linkedFigureSchema.nullable(),
    position: z.number(),
  })
  .meta({ id: 'EvaluationIndicator' });
export type EvaluationIndicatorDto = z.infer<typeof evaluationIndicatorDtoSchema>;

/** `GET /api/measures/:id/implementation`: everything of the implementation at once, with permissions. */
export const implementationDtoSchema = z
  .object({
    measureId: z.string(),
    public: z.boolean(),
    progress: z.number(),
    milestones: z.array(milestoneDtoSchema),
    reports: z.array(reportDtoSchema),
    evaluation: z.array(evaluationIndicatorDtoSchema),
    permissions: z.object({ track: z.boolean(), publish: z.boolean() }),
  })
  .meta({ id: 'MeasureImplementation' });
export type ImplementationDto = z.infer<typeof implementationDtoSchema>;

export const TIMELINE_KINDS = [
  'need', // the need the measure answers (created in the needs list, maybe from a workshop card)
  'workshop_vote', // a voting round's result for that need
  'measure_event', // created, transitions, corrections of the measure
  'paper', // a paper linked to the measure: created, released
  'consultation', // a line of its Beratungsfolge with result (and minutes)
  'milestone', // planned date, or actual date when reached
  'report', // a progress report
  'evaluation', // an evaluation indicator's actual value
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One entry of the traceability timeline, oldest first. */
export const timelineEntryDtoSchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  /** `YYYY-MM-DD` (day-precise entries) or an ISO timestamp. */
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  /** What the entry links to in the app, when the reader may open it. */
  link: z
    .object({
      kind: z.enum(['need', 'workshop', 'measure', 'paper']),
      id: z.string(),
      /** The Sozialraum page that holds a need or workshop. */
      sozialraumId: z.string().nullable(),
    })
    .nullable(),
  /** Milestones: late (see `milestoneDaysLate`). */
  late: z.boolean(),
});
export type TimelineEntryDto = z.infer<typeof timelineEntryDtoSchema>;
/** `GET /api/measures/:id/timeline`. */
export const timelineDtoSchema = z
  .object({ measureId: z.string(), entries: z.array(timelineEntryDtoSchema) })
  .meta({ id: 'MeasureTimeline' });
export type TimelineDto = z.infer<typeof timelineDtoSchema>;

const sozialraumRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** One work package (a measure) of the work plan with its bars and milestones. */
export const workPackageDtoSchema = z.object({
  measure: z.object({
    id: z.string(),
    title: z.string(),
    status: z.enum(MEASURE_STATUSES),
    handlungsfeld: z.string(),
    fundingProgramme: z.string(),
    responsibleDepartment: z.string(),
    provider: z.string(),
    cityWide: z.boolean(),
    sozialraeume: z.array(sozialraumRef),
  }),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  progress: z.number(),
  milestones: z.array(milestoneDtoSchema),
});
export type WorkPackageDto = z.infer<typeof workPackageDtoSchema>;

/** `GET /api/workplan`: the visible measures from `planned` on (not rejected), by planned start. */
export const workplanDtoSchema = z
  .object({
    /** The day lateness was computed for (Europe/Berlin). */
    today: z.string(),
    packages: z.array(workPackageDtoSchema),
    /** The funding programmes of the visible measures, for the filter. */
    programmes: z.array(z.string()),
  })
  .meta({ id: 'Workplan' });
export type WorkplanDto = z.infer<typeof workplanDtoSchema>;

/** A measure on the public transparency page: only what may leave the body. No person, no cost, no internal note. */
export const publicMeasureDtoSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    handlungsfeld: z.string(),
    status: z.enum(MEASURE_STATUSES),
    cityWide: z.boolean(),
    sozialraeume: z.array(z.object({ code: z.string(), name: z.string() })),
    decisionDate: z.string().nullable(),
    paperReference: z.string().nullable(),
    /** The released, public paper that decided it (PDF at `/api/public/papers/:id/export?format=pdf`). */
    paper: z.object({ id: z.string(), reference: z.string(), subject: z.string() }).nullable(),
    progress: z.number(),
    latestReport: z.object({ date: z.string(), text: z.string(), progress: z.number() }).nullable(),
    milestones: z.array(
      z.object({
        title: z.string(),
        plannedDate: z.string(),
        actualDate: z.string().nullable(),
        status: z.enum(MILESTONE_STATUSES),
        late: z.boolean(),
      }),
    ),
    plannedStart: z.string().nullable(),
    plannedEnd: z.string().nullable(),
    actualStart: z.string().nullable(),
    actualEnd: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PublicMeasure' });
export type PublicMeasureDto = z.infer<typeof publicMeasureDtoSchema>;

/** `GET /api/public/measures`: the body and its public measures (paged by `Link`). */
export const publicMeasuresDtoSchema = z
  .object({
    body: z.object({ id: z.string(), name: z.string() }),
    measures: z.array(publicMeasureDtoSchema),
  })
  .meta({ id: 'PublicMeasures' });
export type PublicMeasuresDto = z.infer<typeof publicMeasuresDtoSchema>;
