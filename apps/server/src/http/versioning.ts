import { AppError, conflict } from './errors.ts';

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

/**
 * The `If-Match` check of every versioned write. Without a version (`expected` null) a required
 * check answers 428; a version other than the current one answers 409 with `currentVersion`, so
 * the client can reload and show what changed.
 */
export function checkVersion(
  current: number,
  expected: number | null | undefined,
  { required, conflictMessage }: { required: boolean; conflictMessage: string },
): void {
  if (expected == null) {
    if (required) {
      throw new AppError(428, 'precondition_required', 'Bitte die Version im Kopf „If-Match“ mitsenden.');
    }
    return;
  }
  if (current !== expected) throw conflict(conflictMessage, { currentVersion: current });
}
