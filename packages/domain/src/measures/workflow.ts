/**
 * The measure workflow as a pure state machine: the single source for what the server accepts
 * and what the UI offers. No I/O; every rule here is tested exhaustively.
 */

/** Workflow states in their order along the main line, then the two side states. */
export const MEASURE_STATUSES = [
  'idea',
  'recommended',
  'planned',
  'in_consultation',
  'decided',
  'in_implementation',
  'completed',
  'evaluated',
  'rejected',
  'deferred',
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** German labels for the UI, exports and error messages. */
export const MEASURE_STATUS_LABELS: Readonly<Record<MeasureStatus, string>> = {
  idea: 'Idee',
  recommended: 'Handlungsempfehlung',
  planned: 'im Aktionsplan',
  in_consultation: 'in Beratung',
  decided: 'beschlossen',
  in_implementation: 'in Umsetzung',
  completed: 'umgesetzt',
  evaluated: 'evaluiert',
  rejected: 'abgelehnt',
  deferred: 'zurückgestellt',
};

/** The main line; each state moves on to the next one. */
const MAIN_LINE: readonly MeasureStatus[] = [
  'idea',
  'recommended',
  'planned',
  'in_consultation',
  'decided',
  'in_implementation',
  'completed',
  'evaluated',
];

/**
 * States a measure can be deferred from: every main-line state before `completed`. A rejected
 * measure is not deferred: it is either resubmitted (→ `planned`) or stays rejected.
 */
export const DEFERRABLE_STATUSES: readonly MeasureStatus[] = MAIN_LINE.slice(
  0,
  MAIN_LINE.indexOf('completed'),
);

/**
 * Groups of states the dashboard reports on; its SQL takes them from here, so a change to the
 * workflow changes the figures with it.
 */
export const DASHBOARD_STATUS_GROUPS = {
  /** Costs counted as planned: in the action plan or in consultation, not decided yet. */
  plannedCosts: ['planned', 'in_consultation'],
  /** Costs counted as decided: from the council's decision on along the main line. */
  decidedCosts: MAIN_LINE.slice(MAIN_LINE.indexOf('decided')),
  /** States that wait for nobody (evaluated, or rejected until resubmitted): never stale. */
  resting: ['evaluated', 'rejected'],
  /** Being implemented: progress and overdue end dates are tracked. */
  implementing: ['in_implementation'],
} as const satisfies Record<string, readonly MeasureStatus[]>;

/** Where a measure stands in the workflow: its status and, when deferred, the state it left. */
export interface WorkflowPosition {
  status: MeasureStatus;
  /** Set exactly when `status` is `deferred`. */
  deferredFrom: MeasureStatus | null;
}

/** The states a measure may move to from its position, whoever asks. */
export function nextStatuses(position: WorkflowPosition): MeasureStatus[] {
  const { status, deferredFrom } = position;
  if (status === 'deferred') {
    // Only a deferrable state can have been left; anything else is a corrupt position.
    return deferredFrom && DEFERRABLE_STATUSES.includes(deferredFrom) ? [deferredFrom] : [];
  }
  const next: MeasureStatus[] = [];
  const index = MAIN_LINE.indexOf(status);
  if (index >= 0 && index < MAIN_LINE.length - 1) next.push(MAIN_LINE[index + 1]!);
  if (status === 'in_consultation') next.push('rejected');
  if (status === 'rejected') next.push('planned');
  if (DEFERRABLE_STATUSES.includes(status)) next.push('deferred');
  return next;
}

/** What a transition carries besides its target. */
export interface TransitionData {
  comment?: string | null | undefined;
  /** `decided` and `rejected`: the date of the council's (or committee's) decision. */
  decisionDate?: string | null | undefined;
  /** `decided`: the paper's Drucksachennummer, e.g. `0745/2023`. */
  paperReference?: string | null | undefined;
}

/** A field the transition needs and lacks, in the `details.issues` shape. */
export interface TransitionIssue {
  path: 'decisionDate' | 'paperReference' | 'comment';
  message: string;
}

/** The outcome of checking a transition: allowed, or why not. */
export type TransitionCheck =
  | { ok: true; to: MeasureStatus; deferredFrom: MeasureStatus | null }
  | { ok: false; reason: 'illegal'; message: string; allowed: MeasureStatus[] }
  | { ok: false; reason: 'incomplete'; message: string; issues: TransitionIssue[] };

/** The data each target state requires (the rest of the checks, formats, lives in the schema). */
export function requiredTransitionData(to: MeasureStatus): TransitionIssue['path'][] {
  if (to === 'decided') return ['decisionDate', 'paperReference'];
  if (to === 'rejected') return ['decisionDate', 'comment'];
  if (to === 'deferred') return ['comment'];
  return [];
}

const MISSING_MESSAGES: Record<TransitionIssue['path'], string> = {
  decisionDate: 'Bitte das Datum des Beschlusses angeben.',
  paperReference: 'Bitte die Drucksachennummer angeben (z. B. 0745/2023).',
  comment: 'Bitte einen Grund angeben.',
};

/** The reason a target asks for, in its own words. */
const MISSING_COMMENT: Partial<Record<MeasureStatus, string>> = {
  rejected: 'Bitte einen Grund für die Ablehnung angeben.',
  deferred: 'Bitte einen Grund für die Zurückstellung angeben.',
};

/**
 * Checks a transition against the workflow and its required data. On success it also says what
 * `deferredFrom` becomes: the state left when deferring, null otherwise.
 */
export function checkTransition(
  position: WorkflowPosition,
  to: MeasureStatus,
  data: TransitionData = {},
): TransitionCheck {
  const allowed = nextStatuses(position);
  if (!allowed.includes(to)) {
    return {
      ok: false,
      reason: 'illegal',
      message: `Eine Maßnahme im Status „${MEASURE_STATUS_LABELS[position.status]}“ kann nicht in den Status „${MEASURE_STATUS_LABELS[to]}“ wechseln.`,
      allowed,
    };
  }
  const issues = requiredTransitionData(to)
    .filter((field) => !data[field]?.trim())
    .map((path) => ({
      path,
      message: (path === 'comment' && MISSING_COMMENT[to]) || MISSING_MESSAGES[path],
    }));
  if (issues.length > 0) {
    return {
      ok: false,
      reason: 'incomplete',
      message: `Für den Status „${MEASURE_STATUS_LABELS[to]}“ fehlen Angaben.`,
      issues,
    };
  }
  return { ok: true, to, deferredFrom: to === 'deferred' ? position.status : null };
}

/**
 * How far along the main line a position is: its index there; `rejected` stands after
 * `in_consultation` (where it is decided), a deferred measure after the state it left.
 */
function mainLineRank(position: WorkflowPosition): number {
  const { status, deferredFrom } = position;
  if (status === 'rejected') return MAIN_LINE.indexOf('in_consultation') + 1;
  if (status === 'deferred') return deferredFrom ? MAIN_LINE.indexOf(deferredFrom) + 1 : 0;
  return MAIN_LINE.indexOf(status);
}

/**
 * The states an admin may correct a measure back to: every main-line state before its position
 * (a mistaken step undone, however far back). A correction never moves forward and never lands on
 * a side state; those are ordinary transitions.
 */
export function correctionTargets(position: WorkflowPosition): MeasureStatus[] {
  return MAIN_LINE.slice(0, Math.max(0, mainLineRank(position)));
}

/**
 * Whether a measure corrected to `to` keeps its decision (date, Drucksachennummer): only when it
 * stays at or after `decided`; a correction to before the decision means the decision no longer
 * stands, so it is cleared.
 */
export function correctionKeepsDecision(to: MeasureStatus): boolean {
  return MAIN_LINE.indexOf(to) >= MAIN_LINE.indexOf('decided');
}

/** The outcome of checking a correction: allowed (with what it does to the decision), or why not. */
export type CorrectionCheck =
  | { ok: true; to: MeasureStatus; deferredFrom: null; keepsDecision: boolean }
  | { ok: false; reason: 'illegal'; message: string; allowed: MeasureStatus[] }
  | { ok: false; reason: 'incomplete'; message: string; issues: TransitionIssue[] };

/**
 * Checks a correction (an admin setting a measure back to an earlier state) against the workflow:
 * the target must be in `correctionTargets`, and the reason is mandatory, since the audit trail
 * has to say why a recorded step was undone. A correction always leaves the deferral behind.
 */
export function checkCorrection(
  position: WorkflowPosition,
  to: MeasureStatus,
  reason: string | null | undefined,
): CorrectionCheck {
  const allowed = correctionTargets(position);
  if (!allowed.includes(to)) {
    return {
      ok: false,
      reason: 'illegal',
      message: `Eine Maßnahme im Status „${MEASURE_STATUS_LABELS[position.status]}“ kann nicht auf den Status „${MEASURE_STATUS_LABELS[to]}“ korrigiert werden; korrigiert wird nur auf einen früheren Status.`,
      allowed,
    };
  }
  if (!reason?.trim()) {
    return {
      ok: false,
      reason: 'incomplete',
      message: 'Für eine Korrektur fehlt der Grund.',
      issues: [{ path: 'comment', message: 'Bitte einen Grund für die Korrektur angeben.' }],
    };
  }
  return { ok: true, to, deferredFrom: null, keepsDecision: correctionKeepsDecision(to) };
}
