import type { AuditEventDto, AuditEventKind, ErrorBody } from '@quartierplan/domain';
import { ApiError } from './client';
import { nextLink } from './notifications';

/** The filters of the audit log page; empty strings mean "any". */
export interface AuditFilters {
  kind: AuditEventKind | '';
  actorId: string;
  subjectUserId: string;
  from: string;
  to: string;
}

export interface AuditPage {
  items: AuditEventDto[];
  /** The `rel="next"` target of the Link header, or null on the last page. */
  next: string | null;
}

/** The query string of a first page with these filters. */
export function auditQuery(filters: AuditFilters, limit = 50): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('limit', String(limit));
  return params.toString();
}

/**
 * `GET /api/audit-log`. Apart from the typed client because paging needs the Link header, like the
 * notifications.
 */
export function auditLogApi(fetchImpl: typeof fetch) {
  return {
    /** The first page for the filters, or the page a previous answer's `next` names. */
    async list(filters: AuditFilters, next?: string | null): Promise<AuditPage> {
      // Only follow links into our own API: a link elsewhere would be a bug.
      const url = next?.startsWith('/api/audit-log?') ? next : `/api/audit-log?${auditQuery(filters)}`;
      let response: Response;
      try {
        response = await fetchImpl(url);
      } catch {
        throw new ApiError(
          0,
          'network',
          'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
          null,
        );
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ErrorBody | null;
        throw new ApiError(
          response.status,
          body?.error.code ?? 'unknown',
          body?.error.message ?? `Unerwartete Antwort des Servers (${response.status}).`,
          body?.error.details ?? null,
        );
      }
      return {
        items: (await response.json()) as AuditEventDto[],
        next: nextLink(response.headers.get('link')),
      };
    },
  };
}
