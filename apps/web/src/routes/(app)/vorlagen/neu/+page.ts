import { error } from '@sveltejs/kit';
import { createApi } from '$lib/api/client';
import { canComposePapers } from '@quartierplan/domain';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  if (!canComposePapers(me)) error(403, 'Vorlagen erstellen die Gremienbetreuung und die Verwaltung.');
  const api = createApi(fetch);
  const [measures, committees, meetings] = await Promise.all([
    api.listAllMeasures(),
    api.listCommittees(),
    api.listMeetings(),
  ]);
  return { measures, committees, meetings };
};
