import { createApi } from '$lib/api/client';
import { createMeasureApi } from '$lib/measures/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:measure');
  const measures = createMeasureApi(fetch);
  const [measure, events, sozialraeume] = await Promise.all([
    measures.getMeasure(params.id),
    measures.measureEvents(params.id),
    createApi(fetch).listSozialraeume(),
  ]);
  return { measure, events, sozialraeume };
};
