import { needRepository, type NeedRow, type Sql } from '@quartierplan/db';
import { storableText } from '@quartierplan/domain';
import type * as Y from 'yjs';
import { readNeeds } from '../schema.ts';

/**
 * The needs of a document as table rows (votes summed). Shared text may hold what PostgreSQL
 * cannot store (NUL, from a client that is not ours): it is repaired, so one odd character never
 * stops the projection of the whole list.
 */
export function needRows(doc: Y.Doc): NeedRow[] {
  return readNeeds(doc).map((need) => ({
    id: storableText(need.id),
    title: storableText(need.title),
    description: storableText(need.description),
    targetGroup: storableText(need.targetGroup),
    source: need.source,
    priority: need.priority,
    status: need.status,
    votes: Object.values(need.votes).reduce((sum, n) => sum + n, 0),
    createdBy: need.createdBy === null ? null : storableText(need.createdBy),
    createdAt: need.createdAt === null ? null : storableText(need.createdAt),
  }));
}

/** Rewrites the projection of one needs document from its current state, in one transaction. */
export async function projectNeeds(sql: Sql, documentId: string, doc: Y.Doc): Promise<void> {
  const rows = needRows(doc);
  await sql.begin((tx) => needRepository(tx).replaceForDocument(documentId, rows));
}
