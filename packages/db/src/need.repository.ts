import type { Queryable } from './connection.ts';

export interface NeedRow {
  id: string;
  title: string;
  description: string;
  targetGroup: string;
  source: string;
  priority: string;
  status: string;
  votes: number;
  createdBy: string | null;
  createdAt: string | null;
}

/** The needs table, a projection of each needs document (rebuilt from the document, never edited). */
export function needRepository(sql: Queryable) {
  return {
    /** Replaces the projection of one document; run in a transaction. */
    async replaceForDocument(documentId: string, needs: readonly NeedRow[]): Promise<void> {
      await sql`delete from need where document_id = ${documentId}`;
      if (needs.length === 0) return;
      await sql`
        insert into need ${sql(
          needs.map((n, position) => ({ documentId, position, ...n })),
          'documentId',
          'id',
          'position',
          'title',
          'description',
          'targetGroup',
          'source',
          'priority',
          'status',
          'votes',
          'createdBy',
          'createdAt',
        )}
        on conflict on constraint need_pkey do nothing`;
    },

    async listForDocument(documentId: string): Promise<NeedRow[]> {
      return sql<NeedRow[]>`
        select id, title, description, target_group, source, priority, status, votes, created_by, created_at
        from need where document_id = ${documentId} order by position`;
    },
  };
}
