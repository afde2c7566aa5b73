import { createApi } from '$lib/api/client';
import { implementationApi, type WorkplanFilters } from '$lib/api/implementation';
import type { PageLoad } from './$types';

/** Signed in (the layout sees to that); members get the measures they may see. Filters live in the URL. */
export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:workplan');
  const filters: WorkplanFilters = {
    sozialraumId: url.searchParams.get('sozialraumId') ?? '',
    programme: url.searchParams.get('programme') ?? '',
  };
  const [workplan, sozialraeume] = await Promise.all([
    implementationApi(fetch).workplan(filters),
    createApi(fetch).listSozialraeume(),
  ]);
  return { filters, workplan, sozialraeume };
};
