import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:sozialraeume');
  return { sozialraeume: await createApi(fetch).listSozialraeume(true) };
};
