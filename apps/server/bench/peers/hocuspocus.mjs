/**
 * Hocuspocus 3 (the newest major that runs on Node 20) for the sync bench's comparison (`pnpm bench:sync --peers`),
 * run by plain node so no TypeScript loader sits in the measured process.
 *
 * - `node hocuspocus.mjs`: serves on PORT (HOST), documents in memory, or with its SQLite extension when SQLITE
 *   names a database file.
 * - `node hocuspocus.mjs seed <document> <updates>`: writes a document of that many one-character edits into
 *   SQLITE through Hocuspocus's own store (a direct connection), as the server stores what clients send: the
 *   merged state, one row per document.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';

const sqliteFile = process.env.SQLITE;

if (process.argv[2] === 'seed') {
  const [, , , name, count] = process.argv;
  if (!sqliteFile || !name || !count)
    throw new Error('usage: SQLITE=<file> node hocuspocus.mjs seed <document> <updates>');
  const sqlite = new SQLite({ database: sqliteFile });
  const server = new Server({ quiet: true, extensions: [sqlite] });
  // onConfigure (which opens the database) runs in the constructor but is not awaited there.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const source = new Y.Doc();
  for (let i = 0; i < Number(count); i++) source.getText('t').insert(i, 'a');
  const connection = await server.hocuspocus.openDirectConnection(name);
  await connection.transact((document) => Y.applyUpdate(document, Y.encodeStateAsUpdate(source)));
  await connection.disconnect();
  // The extension does not wait for its INSERT; read back until the row holds the whole document.
  const expected = Y.encodeStateAsUpdate(source).length;
  for (;;) {
    const stored = await new Promise((resolve, reject) =>
      sqlite.db.get('SELECT length(data) AS bytes FROM documents WHERE name = ?', [name], (error, row) =>
        error ? reject(error) : resolve(row?.bytes ?? 0),
      ),
    );
    if (stored >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve, reject) => sqlite.db.close((error) => (error ? reject(error) : resolve())));
  process.exit(0);
}

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 1234),
  quiet: true,
  extensions: sqliteFile ? [new SQLite({ database: sqliteFile })] : [],
});
await server.listen();
