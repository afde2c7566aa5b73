/** Name prefix of the IndexedDB databases that keep document copies in this browser. */
export const LOCAL_DOCUMENT_PREFIX = 'quartierplan-doc-';

/** Removes every document copy kept in this browser (on logout: offices share computers). */
export async function clearLocalDocuments(): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => !!name?.startsWith(LOCAL_DOCUMENT_PREFIX))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}

const REFUSED_PREFIX = 'quartierplan-refused-';

/**
 * The server refused a change of this document (close 4422: comment access, not a suggestion). The page
 * loads again with the document from the server; this note survives the reload so the person learns why.
 */
export function rememberRefusal(storage: Pick<Storage, 'setItem'>, docId: string): void {
  storage.setItem(`${REFUSED_PREFIX}${docId}`, '1');
}

/** Whether a refusal of this document awaits being shown; shown once, so it is forgotten when read. */
export function takeRefusal(storage: Pick<Storage, 'getItem' | 'removeItem'>, docId: string): boolean {
  const key = `${REFUSED_PREFIX}${docId}`;
  const refused = storage.getItem(key) !== null;
  storage.removeItem(key);
  return refused;
}
