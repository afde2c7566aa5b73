import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/**
 * A member's own Sozialräume with their access (admins and clerks see all, which the page says instead), and
 * whether passwords are in use at all (with single sign-on only, the provider manages them).
 */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  const api = createApi(fetch);
  const [sozialraeume, auth] = await Promise.all([
    me.role === 'member' ? api.listSozialraeume() : Promise.resolve([]),
    api.authConfig().catch(() => ({ localPasswords: true, oidc: null })),
  ]);
  return { sozialraeume, localPasswords: auth.localPasswords };
};
