/**
 * The page a barrier report comes from, as the feedback form prefills it: the path only (a query may hold
 * anything), nothing for the statement page itself, and a workshop invitation's code left out (it lets
 * anyone join while the workshop is open).
 */
export function feedbackOrigin(pathname: string): string | null {
  if (pathname === '/barrierefreiheit') return null;
  if (pathname.startsWith('/w/')) return '/w';
  return pathname.slice(0, 500);
}

/** The `von` parameter of the statement page, if it names a path of this site. */
export function originFromQuery(value: string | null): string {
  return value && /^\/(?!\/)/.test(value) ? value.slice(0, 500) : '';
}
