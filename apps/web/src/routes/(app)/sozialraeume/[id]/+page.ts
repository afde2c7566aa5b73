import { createApi, type Api } from '$lib/api/client';
import { latestChange } from '$lib/collab/last-change';
import { EMPTY_FILTERS } from '$lib/measures/filters';
import { MEASURES_PAGE_MAX } from '@quartierplan/domain';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const api = createApi(fetch);
  const [sozialraum, profile, progress] = await Promise.all([
    api.getSozialraum(params.id),
    api.profile(params.id),
    measureProgress(api, params.id),
  ]);
  const documents = await Promise.all([
    api.getDocument(sozialraum.documents.actionPlan),
    api.getDocument(sozialraum.documents.needs),
  ]);
  return { sozialraum, profile, progress, lastChange: latestChange(documents) };
};

/**
 * The progress of the Sozialraum's measures by id, for the profile's list (the profile names status only).
 * The first page of the filtered list; a measure beyond it (or a failed request) just shows no bar.
 */
async function measureProgress(api: Api, sozialraumId: string): Promise<Record<string, number>> {
  try {
    const page = await api.listMeasures({ ...EMPTY_FILTERS, sozialraumId }, null, MEASURES_PAGE_MAX);
    return Object.fromEntries(page.items.map((measure) => [measure.id, measure.progress]));
  } catch {
    return {};
  }
}
