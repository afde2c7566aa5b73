import type { Access, AuditEventDto, AuditEventKind, Role } from '@quartierplan/domain';
import { accessLabel, roleLabel } from './labels';
import { m } from './paraglide/messages';

/** German (or English) name of each kind of audit event. */
export const auditKindLabel = (kind: AuditEventKind): string =>
  ({
    login: m.audit_kind_login,
    login_failed: m.audit_kind_login_failed,
    logout: m.audit_kind_logout,
    password_changed: m.audit_kind_password_changed,
    password_reset: m.audit_kind_password_reset,
    user_created: m.audit_kind_user_created,
    role_changed: m.audit_kind_role_changed,
    user_deactivated: m.audit_kind_user_deactivated,
    user_reactivated: m.audit_kind_user_reactivated,
    membership_changed: m.audit_kind_membership_changed,
    data_exported: m.audit_kind_data_exported,
    user_erased: m.audit_kind_user_erased,
    paper_released: m.audit_kind_paper_released,
    settings_changed: m.audit_kind_settings_changed,
    measure_published: m.audit_kind_measure_published,
    measure_unpublished: m.audit_kind_measure_unpublished,
  })[kind]();

const ROLES: readonly string[] = ['admin', 'clerk', 'member'];
const ACCESS: readonly string[] = ['edit', 'comment', 'view'];
const role = (value: unknown) => (ROLES.includes(String(value)) ? roleLabel(value as Role) : String(value));
const access = (value: unknown) =>
  value === null || ACCESS.includes(String(value)) ? accessLabel(value as Access | null) : String(value);

const METHODS: Record<string, () => string> = {
  password: m.audit_detail_method_password,
  oidc: m.audit_detail_method_oidc,
};
const REASONS: Record<string, () => string> = {
  wrong_password: m.audit_detail_reason_wrong_password,
  inactive: m.audit_detail_reason_inactive,
};
const SETTINGS: Record<string, () => string> = {
  accessibility_statement: m.audit_detail_setting_accessibility_statement,
};

/**
 * An event's details in words. Known details read as sentences; anything else (kinds other features add)
 * as `key: value`, so nothing recorded is hidden.
 */
export function auditDetailText(
  event: AuditEventDto,
  sozialraumName: (id: string) => string | undefined,
): string {
  const d = event.details;
  const parts: string[] = [];
  const known = new Set<string>();
  const use = (key: string) => {
    known.add(key);
    return d[key];
  };
  switch (event.kind) {
    case 'login':
    case 'login_failed': {
      const method = use('method');
      if (typeof method === 'string') parts.push(METHODS[method]?.() ?? method);
      const reason = use('reason');
      if (typeof reason === 'string') parts.push(REASONS[reason]?.() ?? reason);
      if (use('locked') === true) parts.push(m.audit_detail_locked());
      break;
    }
    case 'user_created':
      if (d.role !== undefined) parts.push(m.audit_detail_role({ role: role(use('role')) }));
      break;
    case 'role_changed':
      parts.push(m.audit_detail_change({ from: role(use('from')), to: role(use('to')) }));
      break;
    case 'membership_changed': {
      const id = String(use('sozialraumId'));
      parts.push(
        m.audit_detail_membership({
          sozialraum: sozialraumName(id) ?? m.audit_unknown_sozialraum(),
          from: access(use('from') ?? null),
          to: access(use('to') ?? null),
        }),
      );
      break;
    }
    case 'paper_released':
      use('paperId');
      parts.push(m.audit_detail_paper({ reference: String(use('reference')) }));
      break;
    case 'settings_changed': {
      const setting = use('setting');
      if (typeof setting === 'string') parts.push(SETTINGS[setting]?.() ?? setting);
      break;
    }
    default:
      break;
  }
  for (const [key, value] of Object.entries(d)) {
    if (!known.has(key)) parts.push(`${key}: ${String(value)}`);
  }
  if (event.address) parts.push(m.audit_detail_address({ address: event.address }));
  return parts.join(' · ');
}
