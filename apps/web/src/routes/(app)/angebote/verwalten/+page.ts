import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const api = createApi(fetch);
  const [offers, geometry, sozialraeume] = await Promise.all([
    api.listOffers(),
    api.sozialraumGeometry(),
    api.listSozialraeume(),
  ]);
  return { offers, geometry, sozialraeume };
};
