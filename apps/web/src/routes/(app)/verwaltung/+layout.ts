import { error } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** The administration is for admins; the API enforces it, this only spares others a broken page. */
export const load: LayoutLoad = async ({ parent }) => {
  const { me } = await parent();
  if (me.role !== 'admin') error(403, 'Nur für die Administration.');
  return {};
};
