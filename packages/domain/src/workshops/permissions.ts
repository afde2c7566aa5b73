import { accessAllows, sozialraumAccess, type Principal } from '../roles.ts';

/**
 * Who runs workshops on a Sozialraum: whoever may edit its needs list (admins, members with
 * `edit`), since accepting cards and closing rounds write into that list.
 */
export function canFacilitate(principal: Principal, sozialraumId: string): boolean {
  return accessAllows(sozialraumAccess(principal, sozialraumId), 'edit');
}

/**
 * Members of the body who may take part with their own account: anyone who can see the
 * Sozialraum. People without an account take part through a participant session instead.
 */
export function canTakePart(principal: Principal, sozialraumId: string): boolean {
  return sozialraumAccess(principal, sozialraumId) !== null;
}
