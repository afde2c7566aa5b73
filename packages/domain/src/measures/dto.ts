import type { FundingSource, MeasureGoal } from './schemas.ts';
import type { MeasureStatus } from './workflow.ts';

/** A Sozialraum as a measure names it. */
export interface MeasureSozialraumDto {
  id: string;
  code: string;
  name: string;
}

/** A linked need; `title` is the need's current title (or the one it had when it was removed). */
export interface MeasureNeedDto {
  id: string;
  title: string;
  sozialraumId: string;
}

/** What the requesting user may do with the measure (the UI shows buttons by it). */
export interface MeasurePermissionsDto {
  edit: boolean;
  transitions: MeasureStatus[];
  /** Earlier states the user may correct the status to, with a reason (admins only). */
  corrections: MeasureStatus[];
}

/**
 * A measure as stored, with its Sozialräume and linked needs: what services work with. Money in
 * EUR as numbers with at most two decimals (stored as numeric(12,2)); dates `YYYY-MM-DD`;
 * timestamps ISO 8601.
 */
export interface Measure {
  id: string;
  bodyId: string;
  title: string;
  description: string;
  status: MeasureStatus;
  /** The state a deferred measure returns to; null unless `status` is `deferred`. */
  deferredFrom: MeasureStatus | null;
  cityWide: boolean;
  sozialraumIds: string[];
  sozialraeume: MeasureSozialraumDto[];
  handlungsfeld: string;
  responsibleDepartment: string;
  provider: string;
  targetGroup: string;
  costOneOff: number | null;
  costYearly: number | null;
  fundingSource: FundingSource | null;
  fundingProgramme: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  goals: MeasureGoal[];
  progress: number;
  /** Set by the transition to `decided` (and the date also by `rejected`). */
  decisionDate: string | null;
  paperReference: string | null;
  needIds: string[];
  needs: MeasureNeedDto[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `GET /api/measures/:id` and the items of `GET /api/measures`: the measure without its body, with
 * what the requesting user may do.
 */
export interface MeasureDto extends Omit<Measure, 'bodyId'> {
  permissions: MeasurePermissionsDto;
}

/** `correction`: an admin set the status back to an earlier one; its `comment` is the reason. */
export type MeasureEventKind = 'created' | 'updated' | 'transition' | 'correction';

/** One entry of `GET /api/measures/:id/events`, oldest first. */
export interface MeasureEventDto {
  id: string;
  kind: MeasureEventKind;
  at: string;
  actor: { id: string | null; name: string };
  fromStatus: MeasureStatus | null;
  toStatus: MeasureStatus | null;
  comment: string | null;
  /** Field diffs (`updated`), or the initial values (`created`): field → {from, to}. */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** Data a transition carried (decisionDate, paperReference). */
  data: Record<string, unknown>;
  /** The measure's version after this event. */
  version: number;
}

/** An SSE message of `GET /api/measures/events/stream` (event name `measure`). */
export interface MeasureLiveEventDto {
  type: 'created' | 'updated' | 'transition';
  measure: MeasureDto;
}

/** `GET /api/measures/dashboard` (admins). Sozialraum null means city-wide measures. */
export interface MeasureDashboardDto {
  staleDays: number;
  statusCounts: {
    sozialraumId: string | null;
    sozialraumName: string;
    status: MeasureStatus;
    count: number;
  }[];
  costs: {
    sozialraumId: string | null;
    sozialraumName: string;
    plannedOneOff: number;
    plannedYearly: number;
    decidedOneOff: number;
    decidedYearly: number;
  }[];
  stale: { id: string; title: string; status: MeasureStatus; updatedAt: string; daysUnchanged: number }[];
  implementation: {
    count: number;
    averageProgress: number | null;
    measures: { id: string; title: string; progress: number; plannedEnd: string | null; overdue: boolean }[];
  };
}
