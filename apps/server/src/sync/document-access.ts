import { documentRepository, type DocumentRow, type Queryable } from '@quartierplan/db';
import { sozialraumAccess, type Access, type Principal } from '@quartierplan/domain';

export type DocumentAccess = { found: false } | { found: true; document: DocumentRow; access: Access | null };

/**
 * The one authorisation rule for collaborative documents, used by the sync socket and the
 * versions API: another body's document is not found; otherwise access follows the Sozialraum.
 */
export function accessTo(user: Principal, document: DocumentRow | null): DocumentAccess {
  if (!document || document.bodyId !== user.bodyId) return { found: false };
  return { found: true, document, access: sozialraumAccess(user, document.sozialraumId) };
}

/** `accessTo` for a document looked up by id. */
export async function documentAccess(
  sql: Queryable,
  user: Principal,
  docId: string,
): Promise<DocumentAccess> {
  return accessTo(user, await documentRepository(sql).findInBody(user.bodyId, docId));
}
