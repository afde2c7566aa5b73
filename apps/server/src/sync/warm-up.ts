import { documentRepository, documentStoreRepository } from '@quartierplan/db';
import * as Y from 'yjs';
import type { AppContext } from '../context.ts';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Runs a client's first connection once before the server takes clients, so the first person to open a
 * document after a restart does not pay for what is done once per process:
 *
 * - the queries of the session check, the document lookup and the log read, on every pooled connection:
 *   postgres.js prepares a statement per connection, and each PostgreSQL backend plans it and fills its
 *   catalog cache on first use (PGlite: its first run of a query plans it in a cold WebAssembly engine);
 * - the Yjs code of loading and answering (apply, encode, state vectors): V8 compiles each function on its
 *   first call.
 */
export async function warmUpSyncPath(context: AppContext, connections: number): Promise<void> {
  const logs = documentStoreRepository(context.sql);
  // A stored document's log, so its snapshot's out-of-line storage (TOAST) is opened too.
  const stored = (await logs.smallestSnapshotDocument()) ?? NO_ID;
  // Run at once, the copies go to different connections (postgres.js hands a query to an idle one).
  await Promise.all(
    Array.from({ length: connections }, async () => {
      await context.sessions.validate('warm-up');
      await documentRepository(context.sql).findMany([NO_ID]);
      await logs.readLogs([{ documentId: stored, afterSeq: 0 }]);
    }),
  );
  const written = new Y.Doc();
  written.getText('t').insert(0, 'Aufwärmen');
  written.getMap('m').set('k', 1);
  const loaded = new Y.Doc({ gc: true });
  loaded.transact(() => Y.applyUpdate(loaded, Y.encodeStateAsUpdate(written)));
  encodeSyncStep1(loaded);
  encodeSyncStep2(loaded, Y.encodeStateVector(written));
  encodeSyncStep2(loaded, new Uint8Array([0]));
  written.destroy();
  loaded.destroy();
}
