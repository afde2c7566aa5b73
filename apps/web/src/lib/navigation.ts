import type { Role } from '@quartierplan/domain';

// One home for the rule: the server's single sign-on callback follows `next` through the same function.
export { landingPath, safeNext } from '@quartierplan/domain';

/** Which pages under /verwaltung a role opens: admins all of them, clerks the Sitzungen (they plan meetings). */
export function mayOpenAdministration(role: Role, pathname: string): boolean {
  if (role === 'admin') return true;
  return (
    role === 'clerk' &&
    (pathname === '/verwaltung/sitzungen' || pathname.startsWith('/verwaltung/sitzungen/'))
  );
}
