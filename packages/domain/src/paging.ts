import { z } from 'zod';

/**
 * Where a page of a list continues (keyset paging): the sort time of the last item of the previous page, to
 * the microsecond in UTC, and its id, written `2026-01-31T09:15:00.123456Z_<uuid>`. Items arriving while
 * someone pages never shift or repeat the items that follow.
 */
export interface KeysetCursor {
  at: string;
  id: string;
}

/** What follows the time in a cursor: a uuid, or a serial number (`generated … as identity` ids). */
const ID_PATTERNS = {
  uuid: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  serial: '[1-9]\\d{0,17}',
} as const;
export type KeysetIdKind = keyof typeof ID_PATTERNS;

export function formatKeysetCursor(cursor: KeysetCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

/** A cursor whose id is of `idKind` (the list's id column), so the database never sees another type. */
export function keysetCursorSchema(idKind: KeysetIdKind = 'uuid') {
  const pattern = new RegExp(
    `^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)_(${ID_PATTERNS[idKind]})$`,
  );
  return z.string().transform((value, ctx): KeysetCursor => {
    const match = pattern.exec(value);
    // Only a real instant: the database would refuse 31 February with an error, not an answer.
    const millis = match ? `${match[1]!.slice(0, 23)}Z` : '';
    const date = new Date(millis);
    if (!match || Number.isNaN(date.getTime()) || date.toISOString() !== millis) {
      ctx.addIssue({
        code: 'custom',
        message: 'Ungültige Fortsetzungsmarke (cursor): bitte dem Link-Kopf folgen.',
      });
      return z.NEVER;
    }
    return { at: match[1]!, id: match[2]! };
  });
}

/** `?limit=&cursor=` of a paged list: `limit` defaults to `size.default` and may not pass `size.max`. */
export function pageQueryShape(size: { default: number; max: number }, idKind: KeysetIdKind = 'uuid') {
  return {
    limit: z.coerce
      .number({ message: 'limit muss eine Zahl sein.' })
      .int({ message: 'limit muss eine ganze Zahl sein.' })
      .min(1, { message: 'limit muss mindestens 1 sein.' })
      .max(size.max, { message: `limit darf höchstens ${size.max} sein.` })
      .default(size.default),
    cursor: keysetCursorSchema(idKind).optional(),
  };
}

/** One page of a list: its items and, when more follow, the cursor of the next page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Cuts a page from rows fetched with `limit + 1` (one more than asked tells whether a next page exists without
 * a second query); `cursorOf` gives an item's keyset position.
 */
export function cutPage<R, T>(
  rows: readonly R[],
  limit: number,
  cursorOf: (row: R) => KeysetCursor,
  toItem: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    next: rows.length > limit && last ? formatKeysetCursor(cursorOf(last)) : null,
  };
}

/** The RFC 8288 `Link` header value for the next page of `path` (relative, so proxies need not rewrite it). */
export function nextPageLink(path: string, query: URLSearchParams, next: string): string {
  const params = new URLSearchParams(query);
  params.set('cursor', next);
  return `<${path}?${params.toString()}>; rel="next"`;
}
