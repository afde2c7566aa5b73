import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:papers');
  return { papers: await createApi(fetch).listPapers() };
};
