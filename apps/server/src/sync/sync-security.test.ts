import { CLOSE_CODES, needsArray, readNeeds } from '@quartierplan/collab';
import { DocumentStore } from './persistence/document-store.ts';
import { testDatabases } from '@quartierplan/db/testing';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs, type TestUser } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import {
  connectSyncClient,
  eventually,
  testNeed,
  tryUpgrade,
  type SyncClient,
} from '../testing/sync-clients.ts';
import { encodeAwareness } from './protocol.ts';

describe.each(testDatabases())('sync security and limits on $name', (factory) => {
  const ctx = useTestServer(factory, { env: { SYNC_MAX_MESSAGE_BYTES: String(256 * 1024) } });
  let admin: ApiClient;
  let member: ApiClient;
  let memberUser: TestUser;
  let own: { id: string; documents: { actionPlan: string; needs: string } };
  let foreign: { id: string; documents: { actionPlan: string; needs: string } };
  let otherBodyDoc: string;
  const clients: SyncClient[] = [];
  const cookieOf = (client: ApiClient) => `qp_session=${client.cookie('qp_session')}`;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    own = await createSozialraum(admin, {});
    foreign = await createSozialraum(admin, {});
    memberUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'edit' }],
    });
    member = await loginAs(ctx.server, memberUser.email);
    const other = await createTestBody(ctx.db.sql);
    const otherAdmin = await loginAs(ctx.server, other.adminEmail);
    otherBodyDoc = (await createSozialraum(otherAdmin, {})).documents.needs;
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('refuses the upgrade before any document byte: 401 without session, 403 without membership or from a foreign origin, 404 for other bodies', async () => {
    expect((await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`)).status).toBe(401);
    expect(
      (await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, { cookie: 'qp_session=forged' })).status,
    ).toBe(401);
    const noMembership = await tryUpgrade(ctx.server, `/sync/${foreign.documents.needs}`, {
      cookie: cookieOf(member),
    });
    expect(noMembership.status).toBe(403);
    expect(JSON.parse(noMembership.body).error.code).toBe('forbidden');
    const crossSite = await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, {
      cookie: cookieOf(member),
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error.code).toBe('cross_origin_request');
    expect((await tryUpgrade(ctx.server, `/sync/${otherBodyDoc}`, { cookie: cookieOf(admin) })).status).toBe(
      404,
    );
    expect((await tryUpgrade(ctx.server, '/sync/not-a-uuid', { cookie: cookieOf(admin) })).status).toBe(404);
    expect(
      (
        await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, {
          cookie: cookieOf(member),
          origin: ctx.server.origin,
        })
      ).status,
    ).toBe(101);
  });

  it('closes a member’s socket within 5 s when the membership is removed', async () => {
    const client = connectSyncClient(ctx.server, member, own.documents.needs);
    clients.push(client);
    await client.synced;
    const started = Date.now();
    const res = await admin.put(`/api/users/${memberUser.id}/memberships`, { memberships: [] });
    expect(res.status).toBe(200);
    await eventually(() => expect(client.closeCodes).toContain(CLOSE_CODES.accessRevoked), 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    // The session was validated moments ago; a new socket is still refused at once.
    const again = await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, { cookie: cookieOf(member) });
    expect(again.status).toBe(403);
    // Restore for the other tests.
    await admin.put(`/api/users/${memberUser.id}/memberships`, {
      memberships: [{ sozialraumId: own.id, access: 'edit' }],
    });
  });

  it('closes every socket of a deactivated user within 5 s', async () => {
    const fresh = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'edit' }],
    });
    const freshClient = await loginAs(ctx.server, fresh.email);
    const sockets = [
      connectSyncClient(ctx.server, freshClient, own.documents.needs),
      connectSyncClient(ctx.server, freshClient, own.documents.actionPlan),
    ];
    clients.push(...sockets);
    await Promise.all(sockets.map((s) => s.synced));
    await admin.patch(`/api/users/${fresh.id}`, { active: false });
    await eventually(() => {
      for (const s of sockets) expect(s.closeCodes).toContain(CLOSE_CODES.sessionEnded);
    }, 5000);
    const again = await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, {
      cookie: cookieOf(freshClient),
    });
    expect(again.status).toBe(401);
  });

  it('opens no socket for a session that logged out, though sockets of it were admitted just before', async () => {
    const leaving = await loginAs(ctx.server, memberUser.email);
    const sockets = [
      connectSyncClient(ctx.server, leaving, own.documents.needs),
      connectSyncClient(ctx.server, leaving, own.documents.actionPlan),
    ];
    clients.push(...sockets);
    await Promise.all(sockets.map((s) => s.synced));
    const cookie = cookieOf(leaving);
    expect((await leaving.post('/api/auth/logout', {})).status).toBe(204);
    expect((await tryUpgrade(ctx.server, `/sync/${own.documents.needs}`, { cookie })).status).toBe(401);
    await eventually(() => {
      for (const s of sockets) expect(s.closeCodes).toContain(CLOSE_CODES.sessionEnded);
    }, 5000);
  });

  it('closes an oversized message with 1009 and keeps the others syncing', async () => {
    const bystander = connectSyncClient(ctx.server, admin, own.documents.needs);
    clients.push(bystander);
    await bystander.synced;
    const ws = new WebSocket(`${ctx.server.origin.replace('http', 'ws')}/sync/${own.documents.needs}`, {
      headers: { cookie: cookieOf(admin) },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(300 * 1024));
    expect(await closed).toBe(1009);
    needsArray(bystander.doc).push([testNeed('after-oversize')]);
    const check = connectSyncClient(ctx.server, member, own.documents.needs);
    clients.push(check);
    await eventually(() => expect(readNeeds(check.doc).some((n) => n.id === 'after-oversize')).toBe(true));
  });

  it('survives 10,000 random and mutated frames: each bad socket closes, other clients keep syncing, nothing bad is stored', async () => {
    const a = connectSyncClient(ctx.server, admin, own.documents.needs);
    const b = connectSyncClient(ctx.server, member, own.documents.needs);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    const before = readNeeds(a.doc).length;

    // Valid frames to mutate: a real update message and an awareness message.
    const valid = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(
        encoder,
        new Uint8Array([1, 1, 200, 1, 0, 4, 1, 5, 110, 101, 101, 100, 115, 1, 0]),
      );
      return encoding.toUint8Array(encoder);
    })();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 2 === 0) {
        frames.push(
          Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
        );
      } else {
        const mutated = Uint8Array.from(valid);
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++)
          mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        frames.push(random() < 0.2 ? mutated.subarray(0, Math.floor(random() * mutated.length)) : mutated);
      }
    }
    // Many frames per socket; a socket the server closes is replaced by a fresh one.
    const url = `${ctx.server.origin.replace('http', 'ws')}/sync/${own.documents.needs}`;
    let next = 0;
    let sockets = 0;
    while (next < frames.length) {
      sockets++;
      const ws = new WebSocket(url, { headers: { cookie: cookieOf(admin) } });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      for (let k = 0; k < 200 && next < frames.length && ws.readyState === WebSocket.OPEN; k++)
        ws.send(frames[next++]!);
      ws.close();
      await closed;
    }
    expect(sockets).toBeGreaterThan(1);
    needsArray(a.doc).push([testNeed('after-fuzz')]);
    await eventually(() => expect(readNeeds(b.doc).some((n) => n.id === 'after-fuzz')).toBe(true));
    expect(readNeeds(b.doc).length).toBeGreaterThanOrEqual(before + 1);
    const health = await new ApiClient(ctx.server.origin).get('/api/health');
    expect(health.status).toBe(200);
    // Nothing undecodable reached the log: a fresh load needs no quarantine.
    await ctx.server.sync.writer.idle();
    const stored = await new DocumentStore(ctx.db.sql).load(own.documents.needs);
    expect(stored.quarantined).toEqual([]);
    expect(readNeeds(stored.doc).some((n) => n.id === 'after-fuzz')).toBe(true);
  });

  it('lets no one else take over the awareness id of someone who left', async () => {
    const person = connectSyncClient(ctx.server, member, own.documents.actionPlan);
    const observer = connectSyncClient(ctx.server, admin, own.documents.actionPlan);
    clients.push(person, observer);
    await Promise.all([person.synced, observer.synced]);
    const id = person.doc.clientID;
    const cursorSeen = () =>
      (observer.provider.awareness.getStates().get(id) as { cursor?: string } | undefined)?.cursor;
    person.provider.awareness.setLocalStateField('cursor', 'echt');
    await eventually(() => expect(cursorSeen()).toBe('echt'));
    person.provider.disconnect(); // e.g. the network dropped; the tab keeps its client id
    await eventually(() => expect(observer.provider.awareness.getStates().has(id)).toBe(false));
    // Another user claims that id with a forged awareness update.
    const forged = new awarenessProtocol.Awareness(Object.assign(new Y.Doc(), { clientID: id }));
    forged.setLocalState({ cursor: 'übernommen' });
    const ws = new WebSocket(`${ctx.server.origin.replace('http', 'ws')}/sync/${own.documents.actionPlan}`, {
      headers: { cookie: cookieOf(admin) },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeAwareness(forged, [id]));
    // The person comes back and is seen as themselves.
    person.provider.connect();
    await eventually(() => expect(person.provider.wsconnected).toBe(true));
    person.provider.awareness.setLocalStateField('cursor', 'wieder da');
    await eventually(() => expect(cursorSeen()).toBe('wieder da'));
    ws.close();
  });

  it('sets the awareness name from the session, not from the client', async () => {
    const a = connectSyncClient(ctx.server, member, own.documents.actionPlan);
    const b = connectSyncClient(ctx.server, admin, own.documents.actionPlan);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Bürgermeister', color: '#000000' });
    await eventually(() => {
      const seen = b.provider.awareness.getStates().get(a.doc.clientID) as
        { user?: { name: string } } | undefined;
      expect(seen?.user?.name).toBeDefined();
      expect(seen?.user?.name).not.toBe('Bürgermeister');
      expect(seen?.user?.name).toContain('Test');
    });
  });

  it('tells everyone in the document whether a person may edit, from the membership, not the client', async () => {
    const viewerUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'view' }],
    });
    const viewer = connectSyncClient(
      ctx.server,
      await loginAs(ctx.server, viewerUser.email),
      own.documents.needs,
    );
    const editor = connectSyncClient(ctx.server, member, own.documents.needs);
    clients.push(viewer, editor);
    await Promise.all([viewer.synced, editor.synced]);
    viewer.provider.awareness.setLocalStateField('user', { name: 'Gast', access: 'edit' });
    editor.provider.awareness.setLocalStateField('cursor', 1);
    const seenBy = (client: typeof viewer, other: typeof viewer) =>
      (
        client.provider.awareness.getStates().get(other.doc.clientID) as
          { user?: { access?: string } } | undefined
      )?.user?.access;
    await eventually(() => {
      expect(seenBy(editor, viewer)).toBe('view');
      expect(seenBy(viewer, editor)).toBe('edit');
    });
  });
});
