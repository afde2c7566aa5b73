import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:user');
  const api = createApi(fetch);
  const [user, sozialraeume] = await Promise.all([api.getUser(params.id), api.listSozialraeume()]);
  return { user, sozialraeume };
};
