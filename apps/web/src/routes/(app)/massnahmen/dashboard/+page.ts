import { error } from '@sveltejs/kit';
import { createApi } from '$lib/api/client';
import { STALE_DAY_OPTIONS, staleDaysFromSearchParams } from '$lib/measures/view';
import type { PageLoad } from './$types';

/** Administrators only (the API enforces it; this spares others a broken page). */
export const load: PageLoad = async ({ fetch, url, parent, depends }) => {
  depends('app:measures');
  const { me } = await parent();
  if (me.role !== 'admin') error(403, 'Nur für die Administration.');
  const staleDays = staleDaysFromSearchParams(url.searchParams);
  const [dashboard, sozialraeume] = await Promise.all([
    createApi(fetch).measureDashboard(staleDays),
    createApi(fetch).listSozialraeume(true),
  ]);
  return { staleDays, staleDayOptions: STALE_DAY_OPTIONS, dashboard, sozialraeume };
};
