import { ApiError, createApi } from '$lib/api/client';
import type { AccessibilityFeedbackDto } from '@quartierplan/domain';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const api = createApi(fetch);
  const statement = await api.getAccessibilityStatement();
  let feedback: AccessibilityFeedbackDto[] = [];
  let owner = true;
  try {
    feedback = await api.listAccessibilityFeedback();
  } catch (e) {
    // An admin of another body than the oldest: the statement belongs to the installation, not to them.
    if (e instanceof ApiError && e.status === 403) owner = false;
    else throw e;
  }
  return { statement, feedback, owner };
};
