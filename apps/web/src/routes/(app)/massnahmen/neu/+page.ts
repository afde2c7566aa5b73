import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/**
 * `?sozialraumId=…&needId=…&title=…` (the needs list's "Maßnahme aus Bedarf erstellen") prefills
 * the Sozialraum, links the need and starts with the need's title.
 */
export const load: PageLoad = async ({ fetch, url }) => {
  const sozialraeume = await createApi(fetch).listSozialraeume();
  const sozialraumId = url.searchParams.get('sozialraumId') ?? '';
  const needId = url.searchParams.get('needId') ?? '';
  const known = sozialraeume.some((s) => s.id === sozialraumId);
  // The need's title for the notice. The need stays linked even when the list does not show it
  // (yet): the projection may lag a moment behind the needs document, and the server checks it.
  const need =
    known && needId
      ? ((
          await createApi(fetch)
            .sozialraumNeeds(sozialraumId)
            .catch(() => [])
        ).find((n) => n.id === needId) ?? null)
      : null;
  // The title as the needs list showed it covers a need the projection does not list yet.
  const title = known && needId ? need?.title || url.searchParams.get('title') || '' : '';
  return {
    sozialraeume,
    prefill: { sozialraumId: known ? sozialraumId : '', needId: known ? needId : '', title },
    need,
  };
};
