import { accessAllows, type Principal } from '../roles.ts';
import type { MeasureScope } from '../measures/permissions.ts';

/**
 * Whether the principal records how a measure is implemented (milestones, progress reports, evaluation
 * values): admins, and members with edit on at least one of the measure's Sozialräume (the Träger and
 * offices doing the work there), in every status. City-wide measures: admins only. Reading follows
 * `canSeeMeasure`.
 */
export function canTrackImplementation(principal: Principal, scope: MeasureScope): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'member' || scope.cityWide) return false;
  return scope.sozialraumIds.some((id) =>
    principal.memberships.some((m) => m.sozialraumId === id && accessAllows(m.access, 'edit')),
  );
}

/** Whether the principal may track some measure at all: checked before a request body is read. */
export function canTrackSomeImplementation(principal: Principal): boolean {
  return (
    principal.role === 'admin' ||
    (principal.role === 'member' && principal.memberships.some((m) => m.access === 'edit'))
  );
}

/** Whether the principal decides which measures the public transparency page shows: admins. */
export function canPublishMeasure(principal: Principal): boolean {
  return principal.role === 'admin';
}
