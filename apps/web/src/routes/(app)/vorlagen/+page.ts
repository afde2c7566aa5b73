import { createApi } from '$lib/api/client';
import { paperFiltersFromSearchParams } from '$lib/papers/filters';
import type { PageLoad } from './$types';

/** The filters live in the URL, so a reload or a shared link shows the same list. */
export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:papers');
  const api = createApi(fetch);
  const filters = paperFiltersFromSearchParams(url.searchParams);
  const [papers, committees] = await Promise.all([api.listPapers(filters), api.listCommittees()]);
  return { filters, papers, committees };
};
