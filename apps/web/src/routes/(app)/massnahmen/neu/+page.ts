import { createApi } from '$lib/api/client';
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
  return {
    sozialraeume,
    prefill: { sozialraumId: known ? sozialraumId : '', needId: known ? needId : '' },
  };
};
