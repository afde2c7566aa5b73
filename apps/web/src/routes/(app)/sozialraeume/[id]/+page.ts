import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const api = createApi(fetch);
  const [sozialraum, population] = await Promise.all([
    api.getSozialraum(params.id),
    api.population(params.id),
  ]);
  return { sozialraum, population };
};
