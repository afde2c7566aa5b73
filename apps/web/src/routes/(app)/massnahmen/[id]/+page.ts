import { ApiError, createApi } from '$lib/api/client';
import { implementationApi } from '$lib/api/implementation';
import { m } from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

/** The error of a section that could not be loaded, said in that section; the rest of the page stays. */
const failure = (error: unknown) => ({
  failed: error instanceof ApiError ? error.message : m.impl_unexpected_error(),
});

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:measure');
  const measures = createApi(fetch);
  const implementation = implementationApi(fetch);
  const [measure, events, sozialraeume, tracking, timeline] = await Promise.all([
    measures.getMeasure(params.id),
    measures.measureEvents(params.id),
    createApi(fetch).listSozialraeume(),
    implementation.get(params.id).catch(failure),
    implementation.timeline(params.id).catch(failure),
  ]);
  return { measure, events, sozialraeume, implementation: tracking, timeline };
};
