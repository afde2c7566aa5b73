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
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/**
 * Facts about an event, without names or e-mail addresses (people are referenced by id, so erasing a person
 * leaves nothing of them here). Values are short strings, numbers or booleans: e.g. `{ method: 'oidc' }`,
 * `{ from: 'member', to: 'clerk' }`, `{ sozialraumId, access: 'edit' }`, `{ paperId, reference }`.
 */
export type AuditDetails = Record<string, string | number | boolean | null>;
