import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends, parent }) => {
  depends('app:indicators');
  const [{ me }, indicators] = await Promise.all([parent(), createApi(fetch).listIndicators()]);
  // Who keeps the catalogue: admins, and members with edit on a Sozialraum (the server checks again).
  const canWrite = me.role === 'admin' || me.memberships.some((m) => m.access === 'edit');
  return { indicators, canWrite, isAdmin: me.role === 'admin' };
};
