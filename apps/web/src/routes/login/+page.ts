import { safeNext } from '$lib/navigation';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (me) redirect(303, safeNext(url.searchParams.get('next')));
  return {};
};
