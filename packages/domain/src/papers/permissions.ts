import { canSeeMeasure } from '../measures/permissions.ts';
import type { Principal } from '../roles.ts';
import type { Paper, PaperPermissionsDto } from './dto.ts';

/** Who composes, releases and records results: the clerks and the administration. */
export function canComposePapers(principal: Pick<Principal, 'role'>): boolean {
  return principal.role === 'admin' || principal.role === 'clerk';
}

/**
 * Who reads a paper:
 *  - admins and clerks: every paper of their body (they compose and track them);
 *  - members: a released paper that links at least one measure they see (a politician or partner
 *    follows the decisions on their Sozialraum). Drafts are the administration's working copies
 *    and stay invisible to members.
 * Another body's paper is "not found" for everyone (the caller scopes by body).
 */
export function canReadPaper(principal: Principal, paper: Pick<Paper, 'status' | 'measures'>): boolean {
  if (canComposePapers(principal)) return true;
  if (paper.status !== 'released') return false;
  return paper.measures.some((m) =>
    canSeeMeasure(principal, { cityWide: m.cityWide, sozialraumIds: m.sozialraeume.map((s) => s.id) }),
  );
}

/** What a principal may do with a paper they read: drafts are edited and released, released ones get results. */
export function paperPermissions(principal: Principal, paper: Pick<Paper, 'status'>): PaperPermissionsDto {
  const compose = canComposePapers(principal);
  return {
    edit: compose && paper.status === 'draft',
    release: compose && paper.status === 'draft',
    recordResults: compose && paper.status === 'released',
  };
}
