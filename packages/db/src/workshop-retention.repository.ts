import type { Queryable } from './connection.ts';

/**
 * The data-protection side of workshops: finding workshops whose retention period is over and
 * removing the personal data in them. The caller runs both in one transaction.
 */
export function workshopRetentionRepository(sql: Queryable) {
  return {
    /**
     * Locks up to `limit` workshops closed more than `retentionDays` ago and not yet anonymised,
     * oldest first. Rows another instance already locked are skipped, so several servers running
     * the job at once share the work instead of waiting on each other or doing it twice.
     */
    async lockDue(retentionDays: number, limit: number): Promise<string[]> {
      const rows = await sql<{ id: string }[]>`
        select id::text from workshop
        where anonymised_at is null and status = 'closed'
          and closed_at < now() - make_interval(days => ${retentionDays})
        order by closed_at
        limit ${limit}
        for update skip locked`;
      return rows.map((r) => r.id);
    },

    /**
     * Deletes the guests of the workshops (their sessions live in the same row; their cards stay
     * without author by the foreign key, their votes go with them, results were stored at the
     * close), clears the names members gave, and marks the workshops anonymised.
     */
    async anonymise(workshopIds: readonly string[]): Promise<void> {
      const ids = workshopIds as string[];
      await sql`delete from workshop_participant where workshop_id = any(${ids}::uuid[]) and user_id is null`;
      await sql`
        update workshop_participant set display_name = null
        where workshop_id = any(${ids}::uuid[]) and display_name is not null`;
      await sql`
        update workshop set anonymised_at = now(), updated_at = now()
        where id = any(${ids}::uuid[]) and anonymised_at is null`;
    },
  };
}
