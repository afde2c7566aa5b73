import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const api = createApi(fetch);
  const [geometry, indicators, offers] = await Promise.all([
    api.sozialraumGeometry(),
    api.mapIndicators(),
    api.listOffers(),
  ]);
  return { geometry, indicators, offers };
};
