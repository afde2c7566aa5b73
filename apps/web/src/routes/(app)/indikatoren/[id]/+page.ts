import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const api = createApi(fetch);
  const date = url.searchParams.get('datum') ?? undefined;
  const [indicator, values] = await Promise.all([
    api.indicator(params.id),
    api.indicatorValues(params.id, date),
  ]);
  return { indicator, values };
};
