import { accessAllows, visibleSozialraumIds, type Principal } from '../roles.ts';
import { correctionTargets, nextStatuses, type MeasureStatus, type WorkflowPosition } from './workflow.ts';

/** Where a measure applies: some Sozialräume, or the whole city. */
export interface MeasureScope {
  cityWide: boolean;
  sozialraumIds: readonly string[];
}

/** What permission checks need to know of a measure. */
export type MeasureSubject = MeasureScope & WorkflowPosition;

/**
 * States in which members with edit access still change a measure ("until it is in the action
 * plan"); after that it belongs to the committees and the administration.
 */
export const MEMBER_EDITABLE_STATUSES: readonly MeasureStatus[] = ['idea', 'recommended', 'planned'];

/**
 * Transitions clerks record: putting a planned measure into consultation and the committee's or
 * council's outcome. Everything else about a measure is the administration's or the members'.
 */
const CLERK_TRANSITIONS: readonly (readonly [MeasureStatus, MeasureStatus])[] = [
  ['planned', 'in_consultation'],
  ['in_consultation', 'decided'],
  ['in_consultation', 'rejected'],
];

/** Whether the principal sees the measure: admins and clerks all of the body, members by membership. */
export function canSeeMeasure(principal: Principal, scope: MeasureScope): boolean {
  const visible = visibleSozialraumIds(principal);
  if (!visible || scope.cityWide) return true;
  return scope.sozialraumIds.some((id) => visible.includes(id));
}

/**
 * Whether a member has edit access to every Sozialraum of the scope. City-wide measures concern
 * all Sozialräume, so only admins create and edit them.
 */
function memberEditsScope(principal: Principal, scope: MeasureScope): boolean {
  if (principal.role !== 'member' || scope.cityWide || scope.sozialraumIds.length === 0) return false;
  return scope.sozialraumIds.every((id) =>
    principal.memberships.some((m) => m.sozialraumId === id && accessAllows(m.access, 'edit')),
  );
}

/** Whether the principal may create measures at all (some scope): what is checked before reading the input. */
export function canCreateSomeMeasure(principal: Principal): boolean {
  return (
    principal.role === 'admin' ||
    (principal.role === 'member' && principal.memberships.some((m) => m.access === 'edit'))
  );
}

/** Whether the principal may create a measure with this scope. */
export function canCreateMeasure(principal: Principal, scope: MeasureScope): boolean {
  if (principal.role === 'admin') return true;
  return memberEditsScope(principal, scope);
}

/** The status whose rules apply: a deferred measure counts as the state it left. */
function effectiveStatus(position: WorkflowPosition): MeasureStatus {
  return position.status === 'deferred' && position.deferredFrom ? position.deferredFrom : position.status;
}

/** Whether the principal may change the measure's fields (not its status). */
export function canEditMeasure(principal: Principal, measure: MeasureSubject): boolean {
  if (principal.role === 'admin') return true;
  return memberEditsScope(principal, measure) && MEMBER_EDITABLE_STATUSES.includes(effectiveStatus(measure));
}

/**
 * Whether the principal may move the measure to `to`, as far as their role goes; whether the
 * workflow allows it at all is `checkTransition`'s answer.
 *   admin: every transition of the workflow;
 *   clerk: planned → in_consultation, in_consultation → decided | rejected;
 *   member with edit on every Sozialraum: forward up to `planned`, deferring and resuming while
 *   the measure is (or was, when deferred) at most `planned`.
 */
export function mayTransition(principal: Principal, measure: MeasureSubject, to: MeasureStatus): boolean {
  if (!canSeeMeasure(principal, measure)) return false;
  if (principal.role === 'admin') return true;
  if (principal.role === 'clerk') {
    return CLERK_TRANSITIONS.some(([from, target]) => from === measure.status && target === to);
  }
  if (!memberEditsScope(principal, measure)) return false;
  const from = effectiveStatus(measure);
  if (!MEMBER_EDITABLE_STATUSES.includes(from)) return false;
  return to === 'deferred' || MEMBER_EDITABLE_STATUSES.includes(to);
}

/** The transitions the principal can take from here (what the UI offers as buttons). */
export function permittedTransitions(principal: Principal, measure: MeasureSubject): MeasureStatus[] {
  return nextStatuses(measure).filter((to) => mayTransition(principal, measure, to));
}

/** Whether the principal may correct the measure's status to an earlier one: admins only. */
export function mayCorrect(principal: Principal, measure: MeasureSubject): boolean {
  return principal.role === 'admin' && canSeeMeasure(principal, measure);
}

/** The earlier states the principal can correct the measure to (none unless admin). */
export function permittedCorrections(principal: Principal, measure: MeasureSubject): MeasureStatus[] {
  return mayCorrect(principal, measure) ? correctionTargets(measure) : [];
}
