import type { ProjectedNeed } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

/** The needs table, a projection of each needs document (rebuilt from the document, never edited). */
export function needRepository(sql: Queryable) {
  return {
    /** Replaces the projection of one document; run in a transaction. */
    /** The document's needs as rows, projected from its log up to number `seq` (call in a transaction). */
    async replaceForDocument(
      documentId: string,
      needs: readonly ProjectedNeed[],
      seq: number,
    ): Promise<void> {
      await sql`delete from need where document_id = ${documentId}`;
      await sql`update document set projected_seq = ${seq} where id = ${documentId}`;
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

    /**
     * The table shows the document up to log number `seq` (later updates left the needs as they were); only
     * ever moves forward.
     */
    async markProjected(documentId: string, seq: number): Promise<void> {
      await sql`update document set projected_seq = ${seq} where id = ${documentId} and projected_seq < ${seq}`;
    },

    async listForDocument(documentId: string): Promise<ProjectedNeed[]> {
      return sql<ProjectedNeed[]>`
        select id, title, description, target_group, source, priority, status, votes, created_by, created_at
        from need where document_id = ${documentId} order by position`;
    },
  };
}
