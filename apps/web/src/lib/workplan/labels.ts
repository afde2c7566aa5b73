import type { MilestoneStatus } from '@quartierplan/domain';
import { m } from '$lib/paraglide/messages';

/** UI label of a milestone's state (German equal to the domain's MILESTONE_STATUS_LABELS). */
export const milestoneStatusLabel = (status: MilestoneStatus): string =>
  ({
    planned: m.workplan_ms_planned,
    in_progress: m.workplan_ms_in_progress,
    done: m.workplan_ms_done,
    cancelled: m.workplan_ms_cancelled,
  })[status]();
