import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:users');
  const api = createApi(fetch);
  const [users, sozialraeume] = await Promise.all([api.listUsers(), api.listSozialraeume()]);
  return { users, sozialraeume };
};
