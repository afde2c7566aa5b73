import { ApiError, createApi } from '$lib/api/client';
import { error } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** Who is logged in (or null); every page below decides what that means for it. */
export const load: LayoutLoad = async ({ fetch, depends }) => {
  depends('app:me');
  try {
    return { me: await createApi(fetch).me() };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return { me: null };
    error(e instanceof ApiError && e.status ? e.status : 503, e instanceof Error ? e.message : 'Fehler');
  }
};
