import type { MilestoneRecord } from '@quartierplan/db';
import { milestoneDaysLate, type MilestoneDto } from '@quartierplan/domain';

/** The answer shape of a milestone, with its lateness on `today` (`YYYY-MM-DD`, Europe/Berlin). */
export function toMilestoneDto(milestone: MilestoneRecord, today: string): MilestoneDto {
  const daysLate = milestoneDaysLate(milestone, today);
  return {
    id: milestone.id,
    measureId: milestone.measureId,
    title: milestone.title,
    plannedDate: milestone.plannedDate,
    actualDate: milestone.actualDate,
    status: milestone.status,
    responsible: milestone.responsible,
    responsibleUser: milestone.responsibleUser,
    position: milestone.position,
    daysLate,
    late: daysLate > 0,
    updatedAt: milestone.updatedAt,
  };
}
