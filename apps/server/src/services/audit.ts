import { auditRepository, type AuditEventRow } from '@quartierplan/db';
import {
  cutPage,
  type Page,
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

/** One page of the admin's own body's audit log, newest first. */
export async function listAuditLog(
  { sql }: AppContext,
  admin: Principal,
  query: ListAuditLogQuery,
): Promise<Page<AuditEventDto>> {
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
  return cutPage(rows, query.limit, (row) => row.cursor, toDto);
}
