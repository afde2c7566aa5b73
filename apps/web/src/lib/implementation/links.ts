import { resolve } from '$app/paths';
import type { NotificationDto, TimelineEntryDto } from '@quartierplan/domain';

/** Where on the measure page each kind of entry about the measure itself is shown. */
const SECTION_OF: Partial<Record<TimelineEntryDto['kind'], string>> = {
  measure_event: '#chain-title',
  milestone: '#milestones-title',
  report: '#reports-title',
  evaluation: '#evaluation-title',
};

/**
 * The app page a timeline entry links to, or null. Needs and workshops live on their Sozialraum's page; an
 * entry about the measure shown (`currentMeasureId`) leads to its section on this page, not to the page again.
 */
export function timelineHref(entry: TimelineEntryDto, currentMeasureId?: string): string | null {
  const link = entry.link;
  if (!link) return null;
  if (link.kind === 'measure' && link.id === currentMeasureId) return SECTION_OF[entry.kind] ?? null;
  switch (link.kind) {
    case 'measure':
      return resolve('/(app)/massnahmen/[id]', { id: link.id });
    case 'paper':
      return resolve('/(app)/vorlagen/[id]', { id: link.id });
    case 'need':
      return link.sozialraumId
        ? `${resolve('/(app)/sozialraeume/[id]', { id: link.sozialraumId })}#needs`
        : null;
    case 'workshop':
      return link.sozialraumId
        ? resolve('/(app)/sozialraeume/[id]/workshops/[workshopId]', {
            id: link.sozialraumId,
            workshopId: link.id,
          })
        : null;
  }
}

/**
 * Where a notification leads: a mention or reply to its thread on the Sozialraum page, a milestone reminder
 * to the milestones of its measure.
 */
export function notificationHref(n: NotificationDto): string {
  if (n.milestone)
    return `${resolve('/(app)/massnahmen/[id]', { id: n.milestone.measure.id })}#milestones-title`;
  if (n.document && n.threadId) {
    return `${resolve('/(app)/sozialraeume/[id]', { id: n.document.sozialraum.id })}?thread=${encodeURIComponent(n.threadId)}`;
  }
  return resolve('/benachrichtigungen');
}
