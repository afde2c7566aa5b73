import { z } from 'zod';
import { FUNDING_SOURCES } from './schemas.ts';
import { MEASURE_STATUSES } from './workflow.ts';

// Response shapes as zod schemas (see ../dto.ts): the OpenAPI document and the API tests use them.

const statusDtoSchema = z.enum(MEASURE_STATUSES);

/** A Sozialraum as a measure names it. */
export const measureSozialraumDtoSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type MeasureSozialraumDto = z.infer<typeof measureSozialraumDtoSchema>;

/** A linked need; `title` is the need's current title (or the one it had when it was removed). */
export const measureNeedDtoSchema = z.object({ id: z.string(), title: z.string(), sozialraumId: z.string() });
export type MeasureNeedDto = z.infer<typeof measureNeedDtoSchema>;

/** What the requesting user may do with the measure (the UI shows buttons by it). */
export const measurePermissionsDtoSchema = z.object({
  edit: z.boolean(),
  transitions: z.array(statusDtoSchema),
  /** Earlier states the user may correct the status to, with a reason (admins only). */
  corrections: z.array(statusDtoSchema),
});
export type MeasurePermissionsDto = z.infer<typeof measurePermissionsDtoSchema>;

/**
 * A measure as stored, with its Sozialräume and linked needs: what services work with. Money in
 * EUR as numbers with at most two decimals (stored as numeric(12,2)); dates `YYYY-MM-DD`;
 * timestamps ISO 8601.
 */
export const measureSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  description: z.string(),
  status: statusDtoSchema,
  /** The state a deferred measure returns to; null unless `status` is `deferred`. */
  deferredFrom: statusDtoSchema.nullable(),
  cityWide: z.boolean(),
  sozialraumIds: z.array(z.string()),
  sozialraeume: z.array(measureSozialraumDtoSchema),
  handlungsfeld: z.string(),
  responsibleDepartment: z.string(),
  provider: z.string(),
  targetGroup: z.string(),
  costOneOff: z.number().nullable(),
  costYearly: z.number().nullable(),
  fundingSource: z.enum(FUNDING_SOURCES).nullable(),
  fundingProgramme: z.string(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  goals: z.array(z.object({ goal: z.string(), indicator: z.string(), targetValue: z.string() })),
  progress: z.number(),
  /** Set by the transition to `decided` (and the date also by `rejected`). */
  decisionDate: z.string().nullable(),
  paperReference: z.string().nullable(),
  needIds: z.array(z.string()),
  needs: z.array(measureNeedDtoSchema),
  /** Shown on the public transparency page (admins opt in: `PUT /api/measures/:id/publication`). */
  public: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Measure = z.infer<typeof measureSchema>;

/**
 * `GET /api/measures/:id` and the items of `GET /api/measures`: the measure without its body, with
 * what the requesting user may do.
 */
export const measureDtoSchema = measureSchema
  .omit({ bodyId: true })
  .extend({ permissions: measurePermissionsDtoSchema })
  .meta({ id: 'Measure' });
export type MeasureDto = z.infer<typeof measureDtoSchema>;

/** `correction`: an admin set the status back to an earlier one; its `comment` is the reason. */
export const measureEventKindSchema = z.enum(['created', 'updated', 'transition', 'correction']);
export type MeasureEventKind = z.infer<typeof measureEventKindSchema>;

/** One entry of a measure's append-only audit trail. */
export const measureEventSchema = z.object({
  id: z.string(),
  kind: measureEventKindSchema,
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  fromStatus: statusDtoSchema.nullable(),
  toStatus: statusDtoSchema.nullable(),
  comment: z.string().nullable(),
  /** Field diffs (`updated`), or the initial values (`created`): field → {from, to}. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  /** Data a transition carried (decisionDate, paperReference). */
  data: z.record(z.string(), z.unknown()),
  /** The measure's version after this event. */
  version: z.number(),
});
export type MeasureEvent = z.infer<typeof measureEventSchema>;
/** One entry of `GET /api/measures/:id/events`, oldest first: the entry as stored. */
export const measureEventDtoSchema = measureEventSchema.meta({ id: 'MeasureEvent' });
export type MeasureEventDto = z.infer<typeof measureEventDtoSchema>;

/** An SSE message of `GET /api/measures/events/stream` (event name `measure`). */
export const measureLiveEventDtoSchema = z
  .object({ type: measureEventKindSchema, measure: measureDtoSchema })
  .meta({ id: 'MeasureLiveEvent' });
export type MeasureLiveEventDto = z.infer<typeof measureLiveEventDtoSchema>;

/** The first SSE message of the measure stream (event name `ready`): how often heartbeats come. */
export const measureStreamReadyDtoSchema = z
  .object({ heartbeatMs: z.number().int().positive() })
  .meta({ id: 'MeasureStreamReady' });
export type MeasureStreamReadyDto = z.infer<typeof measureStreamReadyDtoSchema>;

const sozialraumRef = { sozialraumId: z.string().nullable(), sozialraumName: z.string() };

/** The admin dashboard's figures. Sozialraum null means city-wide measures. */
export const measureDashboardSchema = z.object({
  staleDays: z.number(),
  statusCounts: z.array(z.object({ ...sozialraumRef, status: statusDtoSchema, count: z.number() })),
  costs: z.array(
    z.object({
      ...sozialraumRef,
      plannedOneOff: z.number(),
      plannedYearly: z.number(),
      decidedOneOff: z.number(),
      decidedYearly: z.number(),
    }),
  ),
  stale: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: statusDtoSchema,
      updatedAt: z.string(),
      daysUnchanged: z.number(),
    }),
  ),
  /**
   * Status over time: for each of the last 24 months (oldest first, `YYYY-MM`), how many measures
   * stood in each status at the month's end (from the audit trail; the current month: now).
   */
  statusByMonth: z.array(z.object({ month: z.string(), counts: z.record(statusDtoSchema, z.number()) })),
  /** Per Handlungsfeld ("" = none given) and status. */
  byHandlungsfeld: z.array(
    z.object({ handlungsfeld: z.string(), status: statusDtoSchema, count: z.number() }),
  ),
  /** Every unarchived Sozialraum of the body, also those without measures, by code; then city-wide (id null). */
  bySozialraum: z.array(
    z.object({
      sozialraumId: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      total: z.number(),
      counts: z.record(statusDtoSchema, z.number()),
      /** Average progress of its measures in implementation or later; null: none. */
      averageProgress: z.number().nullable(),
    }),
  ),
  /** Open milestones past their planned date (`milestoneDaysLate` > 0), most late first. */
  lateMilestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      plannedDate: z.string(),
      daysLate: z.number(),
      responsible: z.string(),
      measure: z.object({ id: z.string(), title: z.string() }),
    }),
  ),
  implementation: z.object({
    count: z.number(),
    averageProgress: z.number().nullable(),
    measures: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        progress: z.number(),
        plannedEnd: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
  }),
});
export type MeasureDashboard = z.infer<typeof measureDashboardSchema>;
/** `GET /api/measures/dashboard` (admins): the figures as computed. */
export const measureDashboardDtoSchema = measureDashboardSchema.meta({ id: 'MeasureDashboard' });
export type MeasureDashboardDto = z.infer<typeof measureDashboardDtoSchema>;
