import { documentRepository, documentStoreRepository } from '@quartierplan/db';
import type { AppContext } from '../context.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Runs the queries of a client's first connection once before the server takes clients: the
 * session check, the document lookup and the log read. On a freshly started database (PGlite
 * above all: its first run of a query plans it in a cold WebAssembly engine) these cost several
 * times more the first time; otherwise the first person to open a document after a restart pays it.
 */
export async function warmUpSyncPath(context: AppContext): Promise<void> {
  await context.sessions.validate('warm-up');
  await documentRepository(context.sql).findInBody(NO_ID, NO_ID);
  await documentStoreRepository(context.sql).readLog(NO_ID, 0);
}
