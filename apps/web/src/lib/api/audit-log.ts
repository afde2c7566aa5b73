import type { AuditEventDto, AuditEventKind, Page } from '@quartierplan/domain';
import { pageReader } from './client';

/** The filters of the audit log page; empty strings mean "any". */
export interface AuditFilters {
  kind: AuditEventKind | '';
  actorId: string;
  subjectUserId: string;
  from: string;
  to: string;
}

export type AuditPage = Page<AuditEventDto>;

/** The query string of a first page with these filters. */
export function auditQuery(filters: AuditFilters, limit = 50): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('limit', String(limit));
  return params.toString();
}

/** `GET /api/audit-log`, paged through the answer's Link header (`pageReader`). */
export function auditLogApi(fetchImpl: typeof fetch) {
  const readPage = pageReader(fetchImpl);
  return {
    /** The first page for the filters, or the page a previous answer's `next` names. */
    list: (filters: AuditFilters, next?: string | null): Promise<AuditPage> =>
      readPage<AuditEventDto>(`/audit-log?${auditQuery(filters)}`, next),
  };
}
