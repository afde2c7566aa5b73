import { error } from '@sveltejs/kit';
import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const api = createApi(fetch);
  const date = url.searchParams.get('datum') ?? undefined;
  const [indicators, values] = await Promise.all([
    api.listIndicators(),
    api.indicatorValues(params.id, date),
  ]);
  const indicator = indicators.find((i) => i.id === params.id);
  if (!indicator) error(404, 'Indikator nicht gefunden.');
  return { indicator, values };
};
