import {
  evaluationOfMeasures,
  measureRepository,
  milestonesOfMeasures,
  paperRepository,
  reportsOfMeasures,
  timelineRepository,
} from '@quartierplan/db';
import {
  CONSULTATION_RESULT_LABELS,
  CONSULTATION_ROLE_LABELS,
  MEASURE_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  TIMELINE_KINDS,
  canReadPaper,
  formatGermanDate,
  localToday,
  visibleSozialraumIds,
  type MeasureStatus,
  type Principal,
  type TimelineDto,
  type TimelineEntryDto,
} from '@quartierplan/domain';
import type { AppContext } from '../context.ts';
import { toMilestoneDto } from './implementation.ts';
import { forReader } from './papers.ts';
import { loadVisibleMeasure } from './measures.ts';

const status = (s: MeasureStatus | null) => (s ? MEASURE_STATUS_LABELS[s] : '–');
const number = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 2 });
const withUnit = (n: number, unit: string) => (unit ? `${number(n)} ${unit}` : number(n));

/**
 * `GET /api/measures/:id/timeline`: how a measure came about and what became of it, oldest first. Only what
 * the reader may see: needs (and their workshops and votes) of Sozialräume they see, papers they may read
 * (drafts only for those who compose papers), and from those papers only the measures they see.
 */
export async function measureTimeline(
  { sql }: AppContext,
  principal: Principal,
  id: string,
  today = localToday(),
): Promise<TimelineDto> {
  const measure = await loadVisibleMeasure(sql, principal, id);
  const timeline = timelineRepository(sql);
  const visible = visibleSozialraumIds(principal);
  const seesSozialraum = (sozialraumId: string) => !visible || visible.includes(sozialraumId);
  const entries: TimelineEntryDto[] = [];
  const entry = (e: Omit<TimelineEntryDto, 'late'> & { late?: boolean }) =>
    entries.push({ late: false, ...e });

  const [needs, votes, events, paperIds, milestones, reports, evaluation] = await Promise.all([
    timeline.needs(principal.bodyId, measure.id),
    timeline.votes(principal.bodyId, measure.id),
    measureRepository(sql).events(principal.bodyId, measure.id),
    timeline.paperIds(principal.bodyId, measure.id),
    milestonesOfMeasures(sql, [measure.id]),
    reportsOfMeasures(sql, [measure.id]),
    evaluationOfMeasures(sql, [measure.id]),
  ]);

  for (const need of needs.filter((n) => seesSozialraum(n.sozialraumId))) {
    const link = { kind: 'need' as const, id: need.needId, sozialraumId: need.sozialraumId };
    const from = need.workshop;
    entry({
      kind: 'need',
      // A need from a workshop was written when its card was accepted; the document's own stamp may be missing.
      at: need.createdAt ?? from?.cardCreatedAt ?? measure.createdAt,
      title: `Bedarf: ${need.title}`,
      detail: from ? `Aus der Werkstatt „${from.title}“ vom ${formatGermanDate(from.date)}` : '',
      link,
    });
  }
  for (const vote of votes.filter((v) => seesSozialraum(v.sozialraumId))) {
    const need = needs.find((n) => n.needId === vote.needId);
    entry({
      kind: 'workshop_vote',
      at: vote.at,
      title: `Abstimmung: Platz ${vote.rank} von ${vote.of} mit ${vote.dots} ${vote.dots === 1 ? 'Punkt' : 'Punkten'}`,
      detail: [
        `Werkstatt „${vote.workshop.title}“, Runde ${vote.round}`,
        vote.voterCount === null ? null : `${vote.voterCount} Teilnehmende`,
        need ? `Bedarf „${need.title}“` : null,
      ]
        .filter(Boolean)
        .join(', '),
      link: { kind: 'workshop', id: vote.workshop.id, sozialraumId: vote.sozialraumId },
    });
  }

  const measureLink = { kind: 'measure' as const, id: measure.id, sozialraumId: null };
  for (const e of events) {
    if (e.kind === 'created') {
      entry({
        kind: 'measure_event',
        at: e.at,
        title: 'Maßnahme angelegt',
        detail: e.actor.name,
        link: measureLink,
      });
    } else if (e.kind === 'transition' || e.kind === 'correction') {
      const decision = [
        typeof e.data.decisionDate === 'string'
          ? `Beschluss vom ${formatGermanDate(e.data.decisionDate)}`
          : null,
        typeof e.data.paperReference === 'string' ? `Drucksache ${e.data.paperReference}` : null,
      ];
      entry({
        kind: 'measure_event',
        at: e.at,
        title: `${e.kind === 'correction' ? 'Korrektur' : 'Status'}: ${status(e.fromStatus)} → ${status(e.toStatus)}`,
        detail: [...decision, e.comment, e.actor.name].filter(Boolean).join(' · '),
        link: measureLink,
      });
    }
  }

  const papers = (await Promise.all(paperIds.map((p) => paperRepository(sql).findById(principal.bodyId, p))))
    .filter((p) => p !== null && canReadPaper(principal, p))
    .map((p) => forReader(p!, principal));
  const minutes = new Map(
    (await timeline.minutes(papers.map((p) => p.id))).map((m) => [m.consultationId, m.minutes]),
  );
  for (const paper of papers) {
    const link = { kind: 'paper' as const, id: paper.id, sozialraumId: null };
    entry({
      kind: 'paper',
      at: paper.createdAt,
      title: `Vorlage ${paper.reference} angelegt`,
      detail: paper.subject,
      link,
    });
    if (paper.releasedAt) {
      entry({
        kind: 'paper',
        at: paper.releasedAt,
        title: `Vorlage ${paper.reference} freigegeben`,
        detail: paper.subject,
        link,
      });
    }
    for (const c of paper.consultations) {
      const role = CONSULTATION_ROLE_LABELS[c.role];
      entry({
        kind: 'consultation',
        at: c.result ? (c.resultDate ?? c.date) : c.date,
        title: c.result
          ? `${c.committee.name}: ${CONSULTATION_RESULT_LABELS[c.result]}`
          : `${c.committee.name}: ${role} vorgesehen`,
        detail: [`Vorlage ${paper.reference}`, role, minutes.get(c.id)].filter(Boolean).join(' · '),
        link,
      });
    }
  }

  for (const m of milestones.map((record) => toMilestoneDto(record, today))) {
    const dates = [
      `geplant ${formatGermanDate(m.plannedDate)}`,
      m.actualDate ? `erreicht ${formatGermanDate(m.actualDate)}` : null,
      m.late ? `${m.daysLate} ${m.daysLate === 1 ? 'Tag' : 'Tage'} verspätet` : null,
      m.responsible || null,
    ];
    entry({
      kind: 'milestone',
      at: m.actualDate ?? m.plannedDate,
      title: `Meilenstein: ${m.title} (${MILESTONE_STATUS_LABELS[m.status]})`,
      detail: dates.filter(Boolean).join(' · '),
      link: measureLink,
      late: m.late,
    });
  }
  for (const r of reports) {
    entry({
      kind: 'report',
      at: r.date,
      title: `Fortschrittsbericht: ${r.progress} %`,
      detail: r.text,
      link: measureLink,
    });
  }
  for (const e of evaluation.filter((i) => i.actual !== null)) {
    const figures = [
      e.baseline === null ? null : `Ausgangswert ${withUnit(e.baseline, e.unit)}`,
      e.target === null ? null : `Zielwert ${withUnit(e.target, e.unit)}`,
    ];
    entry({
      kind: 'evaluation',
      at: e.actualDate ?? e.updatedAt,
      title: `Kennzahl ${e.name}: ${withUnit(e.actual!, e.unit)}`,
      detail: figures.filter(Boolean).join(' · '),
      link: measureLink,
    });
  }

  // Oldest first; a day-precise entry sorts before the instants of that day, equal times in the chain's order.
  const order = (kind: TimelineEntryDto['kind']) => TIMELINE_KINDS.indexOf(kind);
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order(a.kind) - order(b.kind)));
  return { measureId: measure.id, entries };
}
