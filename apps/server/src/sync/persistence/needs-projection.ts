import { needRepository, type NeedRow, type Sql } from '@quartierplan/db';
import type * as Y from 'yjs';
import { readNeeds } from '@quartierplan/collab';

/** The needs of a document as table rows (votes summed). */
export function needRows(doc: Y.Doc): NeedRow[] {
  return readNeeds(doc).map((need) => ({
    id: need.id,
    title: need.title,
    description: need.description,
    targetGroup: need.targetGroup,
    source: need.source,
    priority: need.priority,
    status: need.status,
    votes: Object.values(need.votes).reduce((sum, n) => sum + n, 0),
    createdBy: need.createdBy,
    createdAt: need.createdAt,
  }));
}

/** Rewrites the projection of one needs document from its current state, in one transaction. */
export async function projectNeeds(sql: Sql, documentId: string, doc: Y.Doc): Promise<void> {
  const rows = needRows(doc);
  await sql.begin((tx) => needRepository(tx).replaceForDocument(documentId, rows));
}
