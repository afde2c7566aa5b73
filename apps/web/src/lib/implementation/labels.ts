import type { MilestoneStatus, TimelineKind } from '@quartierplan/domain';
import { m } from '$lib/paraglide/messages';

/** UI labels of milestone states (German equal to the domain's MILESTONE_STATUS_LABELS). */
export const milestoneStatusLabel = (status: MilestoneStatus): string =>
  ({
    planned: m.impl_milestone_status_planned,
    in_progress: m.impl_milestone_status_in_progress,
    done: m.impl_milestone_status_done,
    cancelled: m.impl_milestone_status_cancelled,
  })[status]();

/** What a timeline entry is, as its line says it. */
export const timelineKindLabel = (kind: TimelineKind): string =>
  ({
    need: m.impl_timeline_kind_need,
    workshop_vote: m.impl_timeline_kind_workshop_vote,
    measure_event: m.impl_timeline_kind_measure_event,
    paper: m.impl_timeline_kind_paper,
    consultation: m.impl_timeline_kind_consultation,
    milestone: m.impl_timeline_kind_milestone,
    report: m.impl_timeline_kind_report,
    evaluation: m.impl_timeline_kind_evaluation,
  })[kind]();

/** "1 Tag verspätet", "12 Tage verspätet". */
export const daysLateLabel = (days: number): string =>
  days === 1 ? m.impl_milestone_late_one() : m.impl_milestone_late({ days });
