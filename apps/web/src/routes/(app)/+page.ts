import { landingPath } from '@quartierplan/domain';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** `/` leads to the role's work: clerks to the Vorlagen, admins to the dashboard, members to the Sozialräume. */
export const load: PageLoad = async ({ parent }) => {
  const { me } = await parent();
  redirect(307, landingPath(me.role));
};
