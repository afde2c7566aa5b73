import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const api = createApi(fetch);
  const [sozialraum, workshops] = await Promise.all([
    api.getSozialraum(params.id),
    api.listWorkshops(params.id),
  ]);
  return { sozialraum, workshops };
};
