import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/** A member's own Sozialräume with their access (admins and clerks see all, which the page says instead). */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  const sozialraeume = me.role === 'member' ? await createApi(fetch).listSozialraeume() : [];
  return { sozialraeume };
};
