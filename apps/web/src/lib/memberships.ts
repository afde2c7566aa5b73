import type { Access, Membership } from '@quartierplan/domain';

/** The membership editor works on a map; the API takes a list. */
export const membershipsToMap = (list: readonly Membership[]): Record<string, Access> =>
  Object.fromEntries(list.map((m) => [m.sozialraumId, m.access]));

export const mapToMemberships = (map: Record<string, Access>): Membership[] =>
  Object.entries(map).map(([sozialraumId, access]) => ({ sozialraumId, access }));
