/**
 * The stock y-websocket server (`@y/websocket-server` 0.1.1) for the sync bench's comparison
 * (`pnpm bench:sync --peers`), run by plain node so no TypeScript loader sits in the measured process.
 *
 * - `node reference.mjs`: runs the package's own `src/server.js` unchanged; it reads PORT, HOST and, for
 *   LevelDB persistence, YPERSISTENCE.
 * - `node reference.mjs seed <document> <updates>`: writes a document of that many one-character edits into
 *   the LevelDB folder YPERSISTENCE, one `storeUpdate` per edit, as the server's persistence stores every update
 *   it receives (y-leveldb merges them only when a document is next loaded).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@y/websocket-server/package.json'));

if (process.argv[2] === 'seed') {
  const [, , , name, count] = process.argv;
  const dir = process.env.YPERSISTENCE;
  if (!dir || !name || !count)
    throw new Error('usage: YPERSISTENCE=<dir> node reference.mjs seed <document> <updates>');
  // The y-leveldb the server itself imports (an optional dependency of the server package).
  const leveldbDir = dirname(
    createRequire(join(packageDir, 'package.json')).resolve('y-leveldb/package.json'),
  );
  const { LeveldbPersistence } = await import(pathToFileURL(join(leveldbDir, 'src/y-leveldb.js')).href);
  const persistence = new LeveldbPersistence(dir);
  const source = new Y.Doc();
  const updates = [];
  source.on('update', (update) => updates.push(update));
  for (let i = 0; i < Number(count); i++) source.getText('t').insert(i, 'a');
  for (const update of updates) await persistence.storeUpdate(name, update);
  await persistence.destroy();
  process.exit(0);
}

await import(pathToFileURL(join(packageDir, 'src/server.js')).href);
