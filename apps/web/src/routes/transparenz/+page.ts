import { implementationApi } from '$lib/api/implementation';
import type { PageLoad } from './$types';

/** Public: no session needed. `?kommune=<id>` names the body; else the signed-in person's, else the only one. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  const bodyId = url.searchParams.get('kommune') ?? me?.body.id ?? null;
  return { transparency: await implementationApi(fetch).publicMeasures(bodyId) };
};
