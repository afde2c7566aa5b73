import { createApi } from '$lib/api/client';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** The projector view resets to the root layout (no app chrome), so it checks the session itself. */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  return { state: await createApi(fetch).workshopState(params.id) };
};
