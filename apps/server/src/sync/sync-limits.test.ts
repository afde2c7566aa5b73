import net from 'node:net';
import { CLOSE_CODES } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, tryUpgrade, type SyncClient } from '../testing/sync-clients.ts';

const QUERY_AWARENESS = Uint8Array.of(3);

describe.each(testDatabases())('sync limits on $name', (factory) => {
  const ctx = useTestServer(factory, {
    env: {
      SYNC_MAX_CONNECTIONS_PER_USER: '4',
      SYNC_MESSAGES_PER_SECOND: '1000',
      SYNC_MESSAGE_BURST: '100',
      SYNC_MAX_AWARENESS_BYTES: '2048',
      SYNC_MAX_BUFFERED_BYTES: String(256 * 1024),
    },
  });
  let admin: ApiClient;
  let docId: string;
  const clients: SyncClient[] = [];
  const url = () => `${ctx.server.origin.replace('http', 'ws')}/sync/${docId}`;
  /** `onMessage` listens from the start: the welcome may arrive in the same TCP read as the handshake. */
  const open = async (client: ApiClient, onMessage?: () => void) => {
    const ws = new WebSocket(url(), { headers: { cookie: `qp_session=${client.cookie('qp_session')}` } });
    if (onMessage) ws.on('message', onMessage);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return ws;
  };

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    docId = (await createSozialraum(admin, {})).documents.needs;
  });
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  it('counts no connection whose handshake failed or was abandoned, and keeps no room for it', async () => {
    const user = await createUser(admin, { role: 'admin' });
    const client = await loginAs(ctx.server, user.email);
    const cookie = `qp_session=${client.cookie('qp_session')}`;
    const { documents } = await createSozialraum(admin, {});
    const loadedBefore = ctx.server.sync.loadedDocuments;
    // Admitted (session, membership, origin) but not a valid WebSocket handshake: ws gives up on it.
    for (let i = 0; i < 5; i++) {
      const { port } = new URL(ctx.server.origin);
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `GET /sync/${documents.actionPlan} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${ctx.server.origin}\r\n` +
              `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
              `Sec-WebSocket-Version: 99\r\nCookie: ${cookie}\r\n\r\n`,
          ),
        );
        socket.on('data', () => {});
        socket.on('close', () => resolve());
      });
    }
    await eventually(() => {
      expect(ctx.server.sync.connectionsOf(user.id)).toBe(0);
      expect(ctx.server.sync.loadedDocuments).toBe(loadedBefore);
    });
    expect((await tryUpgrade(ctx.server, `/sync/${docId}`, { cookie })).status).toBe(101);
  });

  it('refuses more connections per user than allowed with 429', async () => {
    const user = await createUser(admin, { role: 'admin' });
    const client = await loginAs(ctx.server, user.email);
    const sockets = await Promise.all(Array.from({ length: 4 }, () => open(client)));
    const refused = await tryUpgrade(ctx.server, `/sync/${docId}`, {
      cookie: `qp_session=${client.cookie('qp_session')}`,
    });
    expect(refused.status).toBe(429);
    for (const ws of sockets) ws.close();
    await eventually(async () => {
      const again = await tryUpgrade(ctx.server, `/sync/${docId}`, {
        cookie: `qp_session=${client.cookie('qp_session')}`,
      });
      expect(again.status).toBe(101);
    });
  });

  it('slows a flooding client down instead of dropping its messages, and stays responsive', async () => {
    let answers = 0;
    const ws = await open(admin, () => answers++);
    const started = performance.now();
    for (let i = 0; i < 1100; i++) ws.send(QUERY_AWARENESS);
    const healthStarted = performance.now();
    expect((await new ApiClient(ctx.server.origin).get('/api/health')).status).toBe(200);
    expect(performance.now() - healthStarted).toBeLessThan(1000);
    // The welcome (sync step 1) plus one answer per query, none lost: 1,000 beyond the burst take ≥ 1 s.
    await eventually(() => expect(answers).toBeGreaterThanOrEqual(1101), 10_000);
    expect(performance.now() - started).toBeGreaterThan(800);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('drops awareness states over the size limit', async () => {
    const a = connectSyncClient(ctx.server, admin, docId);
    const b = connectSyncClient(ctx.server, admin, docId);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('cursor', 'x'.repeat(4096));
    b.provider.awareness.setLocalStateField('cursor', 'small');
    await eventually(() => expect(a.provider.awareness.getStates().get(b.doc.clientID)).toBeDefined());
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toBeUndefined();
    a.destroy();
    b.destroy();
  });

  it('closes a client that does not read, and only that one', async () => {
    const slowUser = await createUser(admin, { role: 'admin' });
    const stalled = await open(await loginAs(ctx.server, slowUser.email));
    const closed = new Promise<number>((resolve) => stalled.once('close', (code) => resolve(code)));
    // Stop reading: the server's send buffer for this client fills up.
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = connectSyncClient(ctx.server, admin, docId);
    clients.push(writer);
    await writer.synced;
    const text = writer.doc.getText('bulk');
    // Loopback TCP buffers take several MB before the server's own send buffer grows.
    for (let i = 0; i < 400; i++) text.insert(text.length, 'y'.repeat(64 * 1024));
    // The server judges a client slow when its buffer stays over the limit for the 2 s grace
    // period; a client that starts reading before that is fine. So read again only once the
    // server has dropped it (a paused socket does not see the close itself).
    await eventually(() => expect(ctx.server.sync.connectionsOf(slowUser.id)).toBe(0), 45_000);
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    // The server drops the socket at once (see ClientConnection.close), so the client mostly sees 1006.
    expect([CLOSE_CODES.slowConsumer, 1006]).toContain(await closed);
    const reader = connectSyncClient(ctx.server, admin, docId);
    clients.push(reader);
    await eventually(() => expect(reader.doc.getText('bulk').length).toBe(400 * 64 * 1024), 30_000);
    writer.destroy();
    reader.destroy();
  }, 90_000);

  it('closes a text frame or an unknown message type with 4400', async () => {
    for (const frame of ['hallo', Uint8Array.of(9, 9, 9)]) {
      const ws = await open(admin);
      const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      ws.send(frame);
      expect(await code).toBe(CLOSE_CODES.malformedMessage);
    }
    // A well-formed but undecodable Yjs update is refused the same way and never stored.
    const ws = await open(admin);
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Uint8Array.of(5, 200, 200, 200, 1));
    ws.send(encoding.toUint8Array(encoder));
    expect(await code).toBe(CLOSE_CODES.malformedMessage);
  });

  it('closes a sync step 1 whose state vector does not decode with 4400, not 1011', async () => {
    const ws = await open(admin);
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    // Claims three clients, then ends.
    encoding.writeVarUint8Array(encoder, Uint8Array.of(3, 200));
    ws.send(encoding.toUint8Array(encoder));
    expect(await code).toBe(CLOSE_CODES.malformedMessage);
  });
});
