import type { DocumentKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface DocumentRow {
  id: string;
  bodyId: string;
  sozialraumId: string;
  kind: DocumentKind;
}

/** The collaborative documents; each belongs to one Sozialraum of one body. */
export function documentRepository(sql: Queryable) {
  return {
    /** Finds a document of the given body; another body's document is not found. */
    async findInBody(bodyId: string, id: string): Promise<DocumentRow | null> {
      const [row] = await sql<DocumentRow[]>`
        select id, body_id, sozialraum_id, kind from document where id = ${id} and body_id = ${bodyId}`;
      return row ?? null;
    },

    /** Finds documents of any body by id (the caller compares the body, as `findInBody` does). */
    async findMany(ids: readonly string[]): Promise<Map<string, DocumentRow>> {
      const rows = await sql<DocumentRow[]>`
        select id, body_id, sozialraum_id, kind from document where id = any(${ids as string[]}::uuid[])`;
      return new Map(rows.map((row) => [row.id, row]));
    },
  };
}
