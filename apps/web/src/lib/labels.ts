import type { Access, CommitteeKind, IndicatorKind, Role } from '@quartierplan/domain';
import type { NeedPriority, NeedSource, NeedStatus } from '@quartierplan/collab';
import { m } from './paraglide/messages';

/** UI labels for domain ids; the ids stay English in code and API. */
export const roleLabel = (role: Role): string =>
  ({ admin: m.role_admin, clerk: m.role_clerk, member: m.role_member })[role]();

export const accessLabel = (access: Access | null): string =>
  access
    ? { edit: m.access_edit, comment: m.access_comment, view: m.access_view }[access]()
    : m.access_none();

/** One line on what an access level allows, beside its label wherever levels are chosen. */
export const accessHint = (access: Access): string =>
  ({ edit: m.access_edit_hint, comment: m.access_comment_hint, view: m.access_view_hint })[access]();

export const committeeKindLabel = (kind: CommitteeKind): string =>
  ({
    council: m.committee_kind_council,
    committee: m.committee_kind_committee,
    district: m.committee_kind_district,
    advisory: m.committee_kind_advisory,
  })[kind]();

/** Numbers and dates the German way (or the user's locale). */
export const formatNumber = (value: number, locale: string) => new Intl.NumberFormat(locale).format(value);
export const formatDate = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(`${iso.slice(0, 10)}T00:00:00`));

export const needSourceLabel = (source: NeedSource): string =>
  ({
    workshop: m.need_source_workshop,
    participation: m.need_source_participation,
    data: m.need_source_data,
    other: m.need_source_other,
  })[source]();

export const needPriorityLabel = (priority: NeedPriority): string =>
  ({ high: m.need_priority_high, medium: m.need_priority_medium, low: m.need_priority_low })[priority]();

export const needStatusLabel = (status: NeedStatus): string =>
  ({ open: m.need_status_open, addressed: m.need_status_addressed, dropped: m.need_status_dropped })[
    status
  ]();

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** „vor 5 Minuten“, „gestern“: how long ago an ISO instant was, as of `now`. */
export function formatRelative(iso: string, locale: string, now: number = Date.now()): string {
  let amount = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(amount), 'year');
}

export const formatDateTime = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** The kind of an indicator in the reader's language. */
export const indicatorKindLabel = (kind: IndicatorKind): string =>
  ({ count: m.kind_count, rate: m.kind_rate, share: m.kind_share, mean: m.kind_mean })[kind]();
