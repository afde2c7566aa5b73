/** Roles a user holds within their body (municipality). */
export const ROLES = ['admin', 'clerk', 'member'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The page a role's work starts on, where `/` and a login without `next` lead: clerks compose and track
 * papers, admins answer "is it being implemented?" from the dashboard, members work in their Sozialräume.
 */
export function landingPath(role: Role): '/vorlagen' | '/massnahmen/dashboard' | '/sozialraeume' {
  switch (role) {
    case 'clerk':
      return '/vorlagen';
    case 'admin':
      return '/massnahmen/dashboard';
    case 'member':
      return '/sozialraeume';
  }
}

/**
 * Access a member has to one Sozialraum, from most to least: `edit` writes; `comment` reads, comments and
 * suggests changes (suggestion mode) but never edits directly; `view` reads.
 */
export const ACCESS_LEVELS = ['edit', 'comment', 'view'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

const ACCESS_RANK: Record<Access, number> = { view: 0, comment: 1, edit: 2 };

/** Whether `access` (null: none) allows what `need` allows; the one comparison of access levels. */
export function accessAllows(access: Access | null | undefined, need: Access): boolean {
  return access != null && ACCESS_RANK[access] >= ACCESS_RANK[need];
}

export interface Membership {
  sozialraumId: string;
  access: Access;
}

/** The part of a user that authorisation decisions need. */
export interface Principal {
  id: string;
  bodyId: string;
  role: Role;
  memberships: readonly Membership[];
}

/**
 * The access a principal has to a Sozialraum of their own body, or null for none.
 * Admins edit everything; clerks read everything (they compose papers across Sozialräume);
 * members have exactly their memberships.
 */
export function sozialraumAccess(principal: Principal, sozialraumId: string): Access | null {
  if (principal.role === 'admin') return 'edit';
  if (principal.role === 'clerk') return 'view';
  return principal.memberships.find((m) => m.sozialraumId === sozialraumId)?.access ?? null;
}

/**
 * The Sozialräume whose content a principal sees: undefined for every Sozialraum of the body
 * (admins and clerks), otherwise a member's memberships. The one visibility rule: list filters in
 * SQL take these ids, and `canSeeMeasure` applies the same rule to one measure.
 */
export function visibleSozialraumIds(principal: Principal): string[] | undefined {
  return principal.role === 'member' ? principal.memberships.map((m) => m.sozialraumId) : undefined;
}
