import { createApi } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:meetings');
  const api = createApi(fetch);
  const [meetings, committees] = await Promise.all([api.listMeetings(), api.listCommittees()]);
  return { meetings, committees };
};
