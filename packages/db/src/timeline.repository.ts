import type { Queryable } from './connection.ts';

/** A need a measure answers, with the accepted workshop card it came from (if any). */
export interface TimelineNeed {
  needId: string;
  /** The projection's title, or the one kept with the link when the need left the document. */
  title: string;
  sozialraumId: string;
  /** When the need was written (the needs document's own stamp, maybe null). */
  createdAt: string | null;
  workshop: { id: string; title: string; date: string; cardCreatedAt: string } | null;
}

/** A voting round's result for one of the measure's needs. */
export interface TimelineVote {
  needId: string;
  sozialraumId: string;
  workshop: { id: string; title: string };
  round: number;
  dots: number;
  /** Rank among the round's ballot (1 = most dots; equal dots share a rank). */
  rank: number;
  /** How many needs were on the ballot. */
  of: number;
  voterCount: number | null;
  at: string;
}

/** The minutes of the Beratungsfolge lines of these papers, by consultation id. */
export interface ConsultationMinutes {
  consultationId: string;
  minutes: string;
}

/**
 * What the traceability timeline of a measure reads besides the measure, its papers, milestones, reports
 * and evaluation (their own repositories). The caller has checked the measure is of `bodyId` and visible.
 */
export function timelineRepository(sql: Queryable) {
  return {
    async needs(bodyId: string, measureId: string): Promise<TimelineNeed[]> {
      const rows = await sql<
        (Omit<TimelineNeed, 'workshop'> & {
          workshopId: string | null;
          workshopTitle: string | null;
          workshopDate: string | null;
          cardCreatedAt: Date | null;
        })[]
      >`
        select mn.need_id, coalesce(n.title, mn.title) as title, d.sozialraum_id, n.created_at,
          card.workshop_id, card.workshop_title, card.workshop_date, card.card_created_at
        from measure_need mn
        join document d on d.id = mn.document_id and d.body_id = ${bodyId}
        left join need n on n.document_id = mn.document_id and n.id = mn.need_id
        -- The accepted card that became this need in a workshop of the need's Sozialraum (the first one).
        left join lateral (
          select w.id as workshop_id, w.title as workshop_title, to_char(w.date, 'YYYY-MM-DD') as workshop_date,
            c.created_at as card_created_at
          from workshop_card c join workshop w on w.id = c.workshop_id
          where c.need_id = mn.need_id and c.status = 'accepted' and w.body_id = ${bodyId}
            and w.sozialraum_id = d.sozialraum_id
          order by c.created_at limit 1
        ) card on true
        where mn.measure_id = ${measureId}
        order by coalesce(n.title, mn.title), mn.need_id`;
      return rows.map(({ workshopId, workshopTitle, workshopDate, cardCreatedAt, ...need }) => ({
        ...need,
        workshop:
          workshopId && cardCreatedAt
            ? {
                id: workshopId,
                title: workshopTitle ?? '',
                date: workshopDate ?? '',
                cardCreatedAt: cardCreatedAt.toISOString(),
              }
            : null,
      }));
    },

    /** Results of closed voting rounds, in workshops of the needs' Sozialräume, for the measure's needs. */
    async votes(bodyId: string, measureId: string): Promise<TimelineVote[]> {
      const rows = await sql<
        (Omit<TimelineVote, 'workshop' | 'at'> & {
          workshopId: string;
          workshopTitle: string;
          at: Date;
        })[]
      >`
        select rr.need_id, w.sozialraum_id, w.id as workshop_id, w.title as workshop_title, r.number as round,
          rr.dots, ranked.rank, ranked.of, r.voter_count, coalesce(r.closed_at, r.results_written_at) as at
        from measure_need mn
        join document d on d.id = mn.document_id and d.body_id = ${bodyId}
        join workshop w on w.sozialraum_id = d.sozialraum_id and w.body_id = ${bodyId}
        join workshop_round r on r.workshop_id = w.id and r.status = 'closed'
        join workshop_round_result rr on rr.round_id = r.id and rr.need_id = mn.need_id
        join lateral (
          select x.rank, x.of from (
            select need_id, rank() over (order by dots desc)::int as rank, count(*) over ()::int as of
            from workshop_round_result where round_id = r.id) x
          where x.need_id = rr.need_id
        ) ranked on true
        where mn.measure_id = ${measureId}
        order by at, w.id, r.number`;
      return rows.map(({ workshopId, workshopTitle, at, ...vote }) => ({
        ...vote,
        workshop: { id: workshopId, title: workshopTitle },
        at: at.toISOString(),
      }));
    },

    /** Papers linked to the measure (any status: the caller filters what the reader may read). */
    async paperIds(bodyId: string, measureId: string): Promise<string[]> {
      const rows = await sql<{ id: string }[]>`
        select p.id from paper_measure pm join paper p on p.id = pm.paper_id
        where pm.measure_id = ${measureId} and p.body_id = ${bodyId}
        order by p.created_at, p.id`;
      return rows.map((r) => r.id);
    },

    async minutes(paperIds: readonly string[]): Promise<ConsultationMinutes[]> {
      if (paperIds.length === 0) return [];
      return sql<ConsultationMinutes[]>`
        select id as consultation_id, minutes from paper_consultation
        where paper_id = any(${paperIds as string[]}::uuid[]) and minutes is not null and minutes <> ''`;
    },
  };
}
