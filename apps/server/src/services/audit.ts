import { auditRepository, type AuditEventRow } from '@quartierplan/db';
import {
  formatAuditCursor,
  type AuditEventDto,
  type ListAuditLogQuery,
  type Principal,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';

function toDto(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    kind: row.kind,
    actor: row.actor,
    subject: row.subject,
    address: row.address,
    details: row.details,
  };
}

export interface AuditPage {
  items: AuditEventDto[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
}

/** One page of the admin's own body's audit log, newest first. */
export async function listAuditLog(
  { sql }: AppContext,
  admin: Principal,
  query: ListAuditLogQuery,
): Promise<AuditPage> {
  // One more than asked tells whether a next page exists without a second query.
  const rows = await auditRepository(sql).list(
    {
      bodyId: admin.bodyId,
      kind: query.kind,
      actorId: query.actorId,
      subjectUserId: query.subjectUserId,
      fromDay: query.from,
      toDay: query.to,
    },
    { limit: query.limit + 1, cursor: query.cursor },
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDto),
    next: rows.length > query.limit && last ? formatAuditCursor(last.cursor) : null,
  };
}
