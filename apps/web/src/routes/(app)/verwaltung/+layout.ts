import { mayOpenAdministration } from '$lib/navigation';
import { error } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/**
 * The administration is for admins, its Sitzungen also for clerks; the API enforces it, this only spares others
 * a broken page.
 */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (!mayOpenAdministration(me.role, url.pathname)) error(403, 'Nur für die Administration.');
  return {};
};
