import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const api = createApi(fetch);
  const [privacy, disclosure] = await Promise.all([api.getPrivacyContact(), api.getDisclosure()]);
  return { privacy, disclosure };
};
