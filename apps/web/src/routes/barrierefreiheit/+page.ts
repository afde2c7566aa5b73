import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/** Public (BITV 2.0 § 7): no session needed, the root layout's `me` may be null. */
export const load: PageLoad = async ({ fetch }) => ({
  statement: await createApi(fetch).getAccessibilityStatement(),
});
