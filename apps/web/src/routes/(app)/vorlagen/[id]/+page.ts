import { createApi } from '$lib/api/client';
import { canComposePapers } from '@quartierplan/domain';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends, parent }) => {
  depends('app:paper');
  const { me } = await parent();
  const api = createApi(fetch);
  const paper = await api.getPaper(params.id);
  // Only composers edit; the reference data is loaded for them alone.
  const [committees, meetings] =
    canComposePapers(me) && paper.status === 'draft'
      ? await Promise.all([api.listCommittees(), api.listMeetings()])
      : [[], []];
  return { paper, committees, meetings };
};
