import { createApi } from '$lib/api/client';
import { safeNext } from '$lib/navigation';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** Already logged in: on to `next`. Otherwise the login methods the server offers (password, single sign-on). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { me } = await parent();
  if (me) redirect(303, safeNext(url.searchParams.get('next')));
  const auth = await createApi(fetch)
    .authConfig()
    .catch(() => ({ localPasswords: true, oidc: null }));
  return { auth };
};
