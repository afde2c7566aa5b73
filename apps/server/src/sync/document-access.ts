import { documentRepository, type DocumentRow, type Queryable } from '@quartierplan/db';
import { sozialraumAccess, type Access, type Principal } from '@quartierplan/domain';

export type DocumentAccess = { found: false } | { found: true; document: DocumentRow; access: Access | null };

/**
 * The one authorisation rule for collaborative documents, used by the sync socket and the
 * versions API: another body's document is not found; otherwise access follows the Sozialraum.
 */
export async function documentAccess(
  sql: Queryable,
  user: Principal,
  docId: string,
): Promise<DocumentAccess> {
  const document = await documentRepository(sql).findInBody(user.bodyId, docId);
  if (!document) return { found: false };
  return { found: true, document, access: sozialraumAccess(user, document.sozialraumId) };
}
