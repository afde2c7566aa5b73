import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const api = createApi(fetch);
  const [geometry, indicators, offers] = await Promise.all([
    api.sozialraumGeometry(),
    api.listIndicators(),
    api.listOffers(),
  ]);
  // Only indicators with values can colour the map.
  return { geometry, indicators: indicators.filter((i) => i.dates.length > 0), offers };
};
