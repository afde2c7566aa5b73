import { ApiError, createApi } from '$lib/api/client';
import type { WorkshopInvitationDto } from '@quartierplan/domain';
import type { PageLoad } from './$types';

/** What the join page shows before anyone joins; an unknown or closed code shows the code entry again. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  let invitation: WorkshopInvitationDto | null = null;
  let problem: 'unknown' | 'throttled' | null = null;
  try {
    invitation = await createApi(fetch).workshopInvitation(params.code);
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 429 && e.status !== 400)) throw e;
    problem = e.status === 429 ? 'throttled' : 'unknown';
  }
  return { me, code: params.code, invitation, problem };
};
