import type { Queryable } from './connection.ts';

export interface AccessibilityFeedbackRow {
  id: string;
  createdAt: Date;
  message: string;
  name: string | null;
  email: string | null;
  page: string | null;
}

export interface NewAccessibilityFeedback {
  message: string;
  name?: string | undefined;
  email?: string | undefined;
  page?: string | undefined;
}

/** The installation's Erklärung zur Barrierefreiheit and the feedback on it (migration 0014). */
export function accessibilityRepository(sql: Queryable) {
  return {
    /** The saved statement, or null while none was saved (the template applies). */
    async statement(): Promise<{ statement: string; updatedAt: Date } | null> {
      const [row] = await sql<{ statement: string; updatedAt: Date }[]>`
        select statement, updated_at from accessibility_statement where id`;
      return row ?? null;
    },

    async saveStatement(statement: string): Promise<{ statement: string; updatedAt: Date }> {
      const [row] = await sql<{ statement: string; updatedAt: Date }[]>`
        insert into accessibility_statement (id, statement) values (true, ${statement})
        on conflict (id) do update set statement = excluded.statement, updated_at = now()
        returning statement, updated_at`;
      return row!;
    },

    /** The oldest body: it holds the installation's statement and feedback when there are several. */
    async owningBodyId(): Promise<string | null> {
      const [row] = await sql<{ id: string }[]>`select id from body order by created_at, id limit 1`;
      return row?.id ?? null;
    },

    async addFeedback(feedback: NewAccessibilityFeedback): Promise<string> {
      const [row] = await sql<{ id: string }[]>`
        insert into accessibility_feedback (message, name, email, page)
        values (${feedback.message}, ${feedback.name ?? null}, ${feedback.email ?? null},
                ${feedback.page ?? null})
        returning id`;
      return row!.id;
    },

    /** Every entry, newest first (a handful a year; no paging needed). */
    async listFeedback(): Promise<AccessibilityFeedbackRow[]> {
      return sql<AccessibilityFeedbackRow[]>`
        select id, created_at, message, name, email, page from accessibility_feedback
        order by created_at desc, id desc`;
    },

    async deleteFeedback(id: string): Promise<boolean> {
      const rows = await sql`delete from accessibility_feedback where id = ${id}`;
      return rows.count === 1;
    },

    /** Deletes entries older than `days` (retention); returns how many. */
    async purgeFeedbackOlderThan(days: number): Promise<number> {
      const rows = await sql`
        delete from accessibility_feedback where created_at < now() - make_interval(days => ${days})`;
      return rows.count;
    },
  };
}
