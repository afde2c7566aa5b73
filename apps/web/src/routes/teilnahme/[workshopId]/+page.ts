import { ApiError, createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The phone view: whoever has joined (guest cookie or member); anyone else is sent to the code entry. */
export const load: PageLoad = async ({ fetch, params }) => {
  try {
    return { workshopId: params.workshopId, state: await createApi(fetch).workshopState(params.workshopId) };
  } catch (e) {
    if (e instanceof ApiError && [401, 403, 404].includes(e.status))
      return { workshopId: params.workshopId, state: null };
    throw e;
  }
};
