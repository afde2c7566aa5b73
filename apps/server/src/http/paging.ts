/**
 * The query of the page just answered, without its cursor: the next page's link keeps the client's filters and
 * limit as they were sent (`nextPageLink` adds the new cursor).
 */
export function pageQuery(url: string): URLSearchParams {
  const query = new URL(url).searchParams;
  query.delete('cursor');
  return query;
}
