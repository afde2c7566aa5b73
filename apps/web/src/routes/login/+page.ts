import { createApi } from '$lib/api/client';
import { landingPath, safeNext } from '$lib/navigation';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/**
 * Already logged in: on to `next`, without one to the role's landing page. Otherwise the login methods the server
 * offers (password, single sign-on).
 */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { me } = await parent();
  if (me) {
    const next = url.searchParams.get('next');
    redirect(303, next ? safeNext(next) : landingPath(me.role));
  }
  const auth = await createApi(fetch)
    .authConfig()
    .catch(() => ({ localPasswords: true, oidc: null }));
  return { auth };
};
