import { createApi } from '$lib/api/client';
import { createMeasureApi } from '$lib/measures/api';
import type { PageLoad } from './$types';

/**
 * `?sozialraumId=…&needId=…` (the needs list's "Maßnahme aus Bedarf erstellen") prefills the
 * Sozialraum and links the need.
 */
export const load: PageLoad = async ({ fetch, url }) => {
  const sozialraeume = await createApi(fetch).listSozialraeume();
  const sozialraumId = url.searchParams.get('sozialraumId') ?? '';
  const needId = url.searchParams.get('needId') ?? '';
  const known = sozialraeume.some((s) => s.id === sozialraumId);
  // The need's title for the notice; an unknown need is not linked (the server would refuse it).
  const need =
    known && needId
      ? ((
          await createMeasureApi(fetch)
            .sozialraumNeeds(sozialraumId)
            .catch(() => [])
        ).find((n) => n.id === needId) ?? null)
      : null;
  return {
    sozialraeume,
    prefill: { sozialraumId: known ? sozialraumId : '', needId: need?.id ?? '' },
    need,
  };
};
