import { z } from 'zod';
import { pageQueryShape } from '../paging.ts';

/**
 * What the audit log records (GET /api/audit-log). The database holds the same list as a check constraint
 * (migration 0011): a new kind needs both.
 */
export const AUDIT_EVENT_KINDS = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'password_reset',
  'user_created',
  'role_changed',
  'user_deactivated',
  'user_reactivated',
  'membership_changed',
  'data_exported',
  'user_erased',
  'paper_released',
  'settings_changed',
  'measure_published',
  'measure_unpublished',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/**
 * Facts about an event, without names or e-mail addresses (people are referenced by id, so erasing a person
 * leaves nothing of them here). Values are short strings, numbers or booleans: e.g. `{ method: 'oidc' }`,
 * `{ from: 'member', to: 'clerk' }`, `{ sozialraumId, access: 'edit' }`, `{ paperId, reference }`.
 */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** Audit events per page when the client does not say. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

const auditPersonSchema = z.object({ id: z.string(), name: z.string() });

/** Items of `GET /api/audit-log` (newest first). People are names read at request time, never stored. */
export const auditEventDtoSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(AUDIT_EVENT_KINDS),
  /** Who acted (null: nobody signed in, e.g. a failed login; or the account is gone). */
  actor: auditPersonSchema.nullable(),
  /** Whom it concerns when that is a person. */
  subject: auditPersonSchema.nullable(),
  /** The client address of logins and failed logins (null once the retention period has passed). */
  address: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEventDto = z.infer<typeof auditEventDtoSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar day `YYYY-MM-DD` that exists (31 February does not). */
const isRealDay = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

const dayFilter = (label: string) =>
  z
    .string()
    .refine(isRealDay, { message: `${label} muss ein Datum im Format JJJJ-MM-TT sein.` })
    .optional();

const personFilter = (label: string) =>
  z
    .string()
    .regex(UUID, { message: `${label} muss die Kennung einer Person sein.` })
    .transform((id) => id.toLowerCase())
    .optional();

/**
 * `GET /api/audit-log?kind=&actorId=&subjectUserId=&from=&to=&limit=&cursor=`. `from` and `to` are days
 * in the Kommune's time (Europe/Berlin), both included.
 */
export const listAuditLogQuerySchema = z
  .object({
    kind: z.enum(AUDIT_EVENT_KINDS, { message: 'Unbekannte Art des Eintrags (kind).' }).optional(),
    actorId: personFilter('actorId'),
    subjectUserId: personFilter('subjectUserId'),
    from: dayFilter('from'),
    to: dayFilter('to'),
    ...pageQueryShape({ default: AUDIT_PAGE_DEFAULT, max: AUDIT_PAGE_MAX }, 'serial'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Das Enddatum (to) darf nicht vor dem Anfangsdatum (from) liegen.',
    path: ['to'],
  });
export type ListAuditLogQuery = z.infer<typeof listAuditLogQuerySchema>;
