import type { PublicMeasureDto, PublicMeasuresDto, WorkplanDto } from '@quartierplan/domain';
import { apiExchanger, apiRequester, nextLink } from './client';

/** The filters of the work plan; empty strings mean "all". */
export interface WorkplanFilters {
  sozialraumId: string;
  programme: string;
}

/** The query string of the work plan (and its export) for these filters, without empty ones. */
export function workplanQuery(filters: WorkplanFilters, format?: 'pdf' | 'xlsx'): string {
  const params = new URLSearchParams();
  if (filters.sozialraumId) params.set('sozialraumId', filters.sozialraumId);
  if (filters.programme) params.set('programme', filters.programme);
  if (format) params.set('format', format);
  return params.toString();
}

/** Where the work plan is downloaded as a file (an API address: the browser follows it as a download). */
export const workplanExportUrl = (filters: WorkplanFilters, format: 'pdf' | 'xlsx'): string =>
  `/api/workplan/export?${workplanQuery(filters, format)}`;

/** The released paper that decided a public measure, as PDF, for anyone. */
export const publicPaperPdfUrl = (paperId: string): string =>
  `/api/public/papers/${encodeURIComponent(paperId)}/export?format=pdf`;

/** Most pages of public measures read for one page view (500 each): bounds a broken `Link` loop. */
const PUBLIC_PAGES_MAX = 20;

/** The work plan and the public transparency list (`docs/CONTRACT.md`, "Implementation and transparency"). */
export function implementationApi(fetchImpl: typeof fetch) {
  const request = apiRequester(fetchImpl);
  const exchange = apiExchanger(fetchImpl);
  return {
    /** `GET /api/workplan` for the filters. */
    workplan: (filters: WorkplanFilters): Promise<WorkplanDto> => {
      const query = workplanQuery(filters);
      return request<WorkplanDto>('GET', `/workplan${query ? `?${query}` : ''}`, undefined, {});
    },
    /**
     * Every public measure of a body (`bodyId`, or the installation's only body), page after page through the
     * `Link` header, so the page's filters see all of them.
     */
    publicMeasures: async (bodyId: string | null): Promise<PublicMeasuresDto> => {
      const first = `/public/measures?${new URLSearchParams({
        ...(bodyId ? { bodyId } : {}),
        limit: '500',
      }).toString()}`;
      const read = (path: string) => exchange<PublicMeasuresDto>('GET', path, undefined, {});
      const following = (headers: Headers): string | null => {
        const next = nextLink(headers.get('link'));
        return next?.startsWith('/api/public/measures?') ? next.slice('/api'.length) : null;
      };
      const answer = await read(first);
      const measures: PublicMeasureDto[] = [...answer.body.measures];
      let target = following(answer.headers);
      for (let pages = 1; target && pages < PUBLIC_PAGES_MAX; pages++) {
        const page = await read(target);
        measures.push(...page.body.measures);
        target = following(page.headers);
      }
      return { body: answer.body.body, measures };
    },
  };
}
