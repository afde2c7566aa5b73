import { redirect } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** Every page of the application needs a session; without one, go to the login and come back. */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return { me };
};
