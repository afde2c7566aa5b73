/**
 * Optimistic concurrency over HTTP for versioned records (measures, papers): the version goes
 * out as the `ETag` and comes back in `If-Match`.
 */

/** The `ETag` of a record version. */
export const versionEtag = (version: number) => `"${version}"`;

/** Reads `If-Match` (`3`, `"3"` or `W/"3"`) as a version; null when absent or unreadable. */
export function parseIfMatch(header: string | undefined): number | null {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}
