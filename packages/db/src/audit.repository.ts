import type { AuditDetails, AuditEventKind, KeysetCursor } from '@quartierplan/domain';
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

/** Which events of a body to read; days are calendar days in Europe/Berlin, both included. */
export interface AuditFilter {
  bodyId: string;
  kind?: AuditEventKind | undefined;
  actorId?: string | undefined;
  subjectUserId?: string | undefined;
  fromDay?: string | undefined;
  toDay?: string | undefined;
}

export interface AuditEventRow {
  id: string;
  at: Date;
  kind: AuditEventKind;
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  address: string | null;
  details: AuditDetails;
  /** Where the next page starts when this is the last item of a page. */
  cursor: KeysetCursor;
}

interface RawAuditEvent {
  id: string;
  at: Date;
  /** `at` to the microsecond, which a JS Date cannot hold: the keyset must not skip or repeat. */
  atExact: string;
  kind: AuditEventKind;
  actorId: string | null;
  actorName: string | null;
  subjectUserId: string | null;
  subjectName: string | null;
  address: string | null;
  details: AuditDetails;
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

    /**
     * Newest first, `limit` of them after `cursor` (the last item of the previous page). Names come from
     * app_user now, never from the row: an erased person reads as whatever their anonymised row says.
     */
    async list(
      filter: AuditFilter,
      page: { limit: number; cursor?: KeysetCursor | undefined },
    ): Promise<AuditEventRow[]> {
      const { cursor } = page;
      // Day bounds in the Kommune's time zone, passed as text so the database does the calendar arithmetic.
      const rows = await sql<RawAuditEvent[]>`
        select e.id::text as id, e.at,
               to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_exact,
               e.kind, e.actor_id, a.name as actor_name, e.subject_user_id, s.name as subject_name,
               e.address, e.details
        from audit_event e
        left join app_user a on a.id = e.actor_id
        left join app_user s on s.id = e.subject_user_id
        where e.body_id = ${filter.bodyId}
          ${filter.kind ? sql`and e.kind = ${filter.kind}` : sql``}
          ${filter.actorId ? sql`and e.actor_id = ${filter.actorId}::uuid` : sql``}
          ${filter.subjectUserId ? sql`and e.subject_user_id = ${filter.subjectUserId}::uuid` : sql``}
          ${
            filter.fromDay
              ? sql`and e.at >= (${filter.fromDay}::date::timestamp at time zone 'Europe/Berlin')`
              : sql``
          }
          ${
            filter.toDay
              ? sql`and e.at < ((${filter.toDay}::date + 1)::timestamp at time zone 'Europe/Berlin')`
              : sql``
          }
          ${
            cursor
              ? // Sent as text: postgres.js would pass a timestamptz parameter through a JS Date, dropping
                // the microseconds the keyset needs.
                sql`and (e.at, e.id) < (${cursor.at}::text::timestamptz, ${cursor.id}::bigint)`
              : sql``
          }
        order by e.at desc, e.id desc
        limit ${page.limit}`;
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
        subject: row.subjectUserId ? { id: row.subjectUserId, name: row.subjectName ?? '' } : null,
        address: row.address,
        details: row.details,
        cursor: { at: row.atExact, id: row.id },
      }));
    },
  };
}
