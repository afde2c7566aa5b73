import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  privacy: await createApi(fetch).getPrivacyContact(),
});
