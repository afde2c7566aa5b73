import type { AuditDetails, AuditEventKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface NewAuditEvent {
  bodyId: string;
  kind: AuditEventKind;
  /** Who acted (null: nobody logged in, e.g. a failed login of an unknown address). */
  actorId: string | null;
  /** Whom it concerns when that is a person (the account logged into, changed, exported, erased). */
  subjectUserId?: string | null | undefined;
  /** The client address, for logins and failed logins only; cleared after the retention period. */
  address?: string | null | undefined;
  details?: AuditDetails | undefined;
}

/** The audit log: append-only (the database refuses updates outside a sanctioned erasure, migration 0011). */
export function auditRepository(sql: Queryable) {
  return {
    async record(event: NewAuditEvent): Promise<void> {
      await sql`
        insert into audit_event (body_id, kind, actor_id, subject_user_id, address, details)
        values (${event.bodyId}, ${event.kind}, ${event.actorId}, ${event.subjectUserId ?? null},
                ${event.address ?? null}, ${sql.json((event.details ?? {}) as Parameters<Queryable['json']>[0])})`;
    },
  };
}
