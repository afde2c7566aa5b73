import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:measure');
  const measures = createApi(fetch);
  const [measure, events, sozialraeume] = await Promise.all([
    measures.getMeasure(params.id),
    measures.measureEvents(params.id),
    createApi(fetch).listSozialraeume(),
  ]);
  return { measure, events, sozialraeume };
};
