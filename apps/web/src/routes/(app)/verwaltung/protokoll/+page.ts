import { auditLogApi, type AuditFilters, type AuditPage } from '$lib/api/audit-log';
import { ApiError, createApi } from '$lib/api/client';
import { AUDIT_EVENT_KINDS, type AuditEventKind } from '@quartierplan/domain';
import type { PageLoad } from './$types';

/** The filters as the address holds them (so a filtered view can be bookmarked and reloaded). */
function filtersFrom(params: URLSearchParams): AuditFilters {
  const kind = params.get('kind') ?? '';
  return {
    kind: (AUDIT_EVENT_KINDS as readonly string[]).includes(kind) ? (kind as AuditEventKind) : '',
    actorId: params.get('actorId') ?? '',
    subjectUserId: params.get('subjectUserId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

export const load: PageLoad = async ({ fetch, url }) => {
  const api = createApi(fetch);
  const filters = filtersFrom(url.searchParams);
  const [users, sozialraeume] = await Promise.all([api.listUsers(), api.listSozialraeume(true)]);
  let first: AuditPage = { items: [], next: null };
  let fieldErrors: Record<string, string> = {};
  try {
    first = await auditLogApi(fetch).list(filters);
  } catch (e) {
    // A hand-edited address with a bad filter: say so next to the field instead of failing the page.
    if (e instanceof ApiError && e.status === 400) fieldErrors = e.fieldErrors;
    else throw e;
  }
  return { filters, users, sozialraeume, first, fieldErrors };
};
