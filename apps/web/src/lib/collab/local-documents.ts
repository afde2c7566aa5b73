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
