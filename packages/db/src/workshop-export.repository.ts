import type { CardStatus, ExportedCard, ExportedRound } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

/** What the facilitator's CSV and XLSX exports read: cards with their context, rounds with results. */
export function workshopExportRepository(sql: Queryable) {
  return {
    /** Every card, oldest first. Authors only while the workshop is not anonymised. */
    async listCards(workshopId: string): Promise<ExportedCard[]> {
      const rows = await sql<
        (Omit<ExportedCard, 'createdAt' | 'status'> & { status: CardStatus; createdAt: Date })[]
      >`
        select c.id::text, c.title, c.description, c.status, cl.label as cluster, m.title as merged_into,
          c.need_id,
          case when w.anonymised_at is null then coalesce(nullif(p.display_name, ''), u.name) end as author,
          c.created_at
        from workshop_card c
        join workshop w on w.id = c.workshop_id
        left join workshop_cluster cl on cl.id = c.cluster_id
        left join workshop_card m on m.id = c.merged_into_id
        left join workshop_participant p on p.id = c.participant_id
        left join app_user u on u.id = p.user_id
        where c.workshop_id = ${workshopId}
        order by c.created_at, c.id`;
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    },

    /** Every round, oldest first, each with its stored result ranked (ties in ballot order). */
    async listRounds(workshopId: string): Promise<ExportedRound[]> {
      const rounds = await sql<
        (Omit<ExportedRound, 'results' | 'startedAt' | 'closedAt'> & {
          id: string;
          startedAt: Date;
          closedAt: Date | null;
        })[]
      >`
        select id::text, number, status, dots_per_person, max_per_item, duration_seconds, live_results,
          started_at, closed_at
        from workshop_round where workshop_id = ${workshopId} order by number`;
      const results = await sql<{ roundId: string; needId: string; title: string; dots: number }[]>`
        select r.round_id::text, r.need_id, r.title, r.dots
        from workshop_round_result r join workshop_round o on o.id = r.round_id
        where o.workshop_id = ${workshopId}
        order by o.number, r.dots desc, r.position`;
      return rounds.map(({ id, startedAt, closedAt, ...round }) => ({
        ...round,
        startedAt: startedAt.toISOString(),
        closedAt: closedAt?.toISOString() ?? null,
        results: results
          .filter((r) => r.roundId === id)
          .map((r, index) => ({ rank: index + 1, needId: r.needId, title: r.title, dots: r.dots })),
      }));
    },
  };
}
