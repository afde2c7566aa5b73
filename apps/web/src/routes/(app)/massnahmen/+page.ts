import { createApi } from '$lib/api/client';
import { filtersFromSearchParams, viewFromSearchParams } from '$lib/measures/filters';
import type { PageLoad } from './$types';

/** The filters live in the URL, so a reload or a shared link shows the same list. */
export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:measures');
  const filters = filtersFromSearchParams(url.searchParams);
  const [measures, sozialraeume] = await Promise.all([
    createApi(fetch).listMeasures(filters),
    createApi(fetch).listSozialraeume(),
  ]);
  return { filters, view: viewFromSearchParams(url.searchParams), measures, sozialraeume };
};
