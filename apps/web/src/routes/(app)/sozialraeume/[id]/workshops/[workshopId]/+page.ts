import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The facilitator's board: the workshop's state, its participants and the needs that can go on a ballot. */
export const load: PageLoad = async ({ fetch, params }) => {
  const api = createApi(fetch);
  const state = await api.workshopState(params.workshopId);
  const facilitate = state.workshop.permissions.facilitate;
  const [participants, needs] = facilitate
    ? await Promise.all([api.listParticipants(params.workshopId), api.sozialraumNeeds(params.id)])
    : [[], []];
  return { sozialraumId: params.id, state, participants, needs };
};
