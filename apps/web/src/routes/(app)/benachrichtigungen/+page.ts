import { notificationsApi } from '$lib/api/notifications';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ first: await notificationsApi(fetch).list() });
