import { createApi } from '$lib/api/client';
import { latestChange } from '$lib/collab/last-change';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const api = createApi(fetch);
  const [sozialraum, profile] = await Promise.all([api.getSozialraum(params.id), api.profile(params.id)]);
  const documents = await Promise.all([
    api.getDocument(sozialraum.documents.actionPlan),
    api.getDocument(sozialraum.documents.needs),
  ]);
  return { sozialraum, profile, lastChange: latestChange(documents) };
};
