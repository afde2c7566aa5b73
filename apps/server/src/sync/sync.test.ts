import {
  CLOSE_CODES,
  ACTION_PLAN_SECTIONS,
  actionPlanText,
  createNeedMap,
  needsArray,
  readNeeds,
} from '@quartierplan/collab';
import { DocumentStore } from './persistence/document-store.ts';
import { testDatabases } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs, type TestBody } from '../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, testNeed, type SyncClient } from '../testing/sync-clients.ts';

describe.each(testDatabases())('sync on $name', (factory) => {
  const ctx = useTestServer(factory);
  let body: TestBody;
  let admin: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let sozialraum: { id: string; documents: { actionPlan: string; needs: string } };
  const clients: SyncClient[] = [];

  const connect = (as: ApiClient, docId: string, doc?: Y.Doc) => {
    const client = connectSyncClient(ctx.server, as, docId, doc ? { doc } : {});
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, {});
    const editUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraum.id, access: 'edit' }],
    });
    const viewUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraum.id, access: 'view' }],
    });
    editor = await loginAs(ctx.server, editUser.email);
    viewer = await loginAs(ctx.server, viewUser.email);
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('gives a new action plan the template sections exactly once, however many clients arrive together', async () => {
    const group = Array.from({ length: 5 }, () => connect(editor, sozialraum.documents.actionPlan));
    await Promise.all(group.map((c) => c.synced));
    for (const client of group) {
      const headings = actionPlanText(client.doc).filter((t) => t !== '');
      expect(headings).toEqual([...ACTION_PLAN_SECTIONS]);
    }
  });

  it('lets 10 clients converge on one needs list', async () => {
    const group = Array.from({ length: 10 }, (_, i) =>
      connect(i % 2 ? editor : admin, sozialraum.documents.needs),
    );
    await Promise.all(group.map((c) => c.synced));
    group.forEach((client, i) => {
      needsArray(client.doc).push([
        createNeedMap({
          id: `need-${i}`,
          title: `Bedarf ${i}`,
          description: '',
          targetGroup: 'Familien',
          source: 'workshop',
          priority: 'high',
          status: 'open',
          createdBy: null,
          createdAt: null,
        }),
      ]);
    });
    await eventually(() => {
      for (const client of group) expect(readNeeds(client.doc)).toHaveLength(10);
    });
    const reference = JSON.stringify(readNeeds(group[0]!.doc));
    for (const client of group) expect(JSON.stringify(readNeeds(client.doc))).toBe(reference);
    // The projection follows the stored document.
    await eventually(async () => {
      const res = await editor.get<{ id: string; title: string; votes: number }[]>(
        `/api/sozialraeume/${sozialraum.id}/needs`,
      );
      expect(res.status).toBe(200);
      expect(res.body.map((n) => n.id).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `need-${i}`).sort(),
      );
    });
  });

  it('merges concurrent typing into one Y.Text', async () => {
    const a = connect(editor, sozialraum.documents.needs);
    const b = connect(admin, sozialraum.documents.needs);
    await Promise.all([a.synced, b.synced]);
    const titleOf = (doc: Y.Doc) => needsArray(doc).get(0).get('title') as Y.Text;
    titleOf(a.doc).insert(0, 'AAA ');
    titleOf(b.doc).insert(titleOf(b.doc).length, ' BBB');
    await eventually(() => {
      expect(titleOf(a.doc).toString()).toBe(titleOf(b.doc).toString());
      expect(titleOf(a.doc).toString()).toContain('AAA ');
      expect(titleOf(a.doc).toString()).toContain(' BBB');
    });
  });

  it('applies none of a viewer’s updates and tells the viewer so', async () => {
    const watcher = connect(editor, sozialraum.documents.needs);
    const reader = connect(viewer, sozialraum.documents.needs);
    await Promise.all([watcher.synced, reader.synced]);
    const before = readNeeds(watcher.doc).length;
    // The stock client reports the protocol's permission-denied message with console.warn.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    needsArray(reader.doc).push([testNeed('sneaky')]);
    await eventually(() => expect(String(warn.mock.calls[0]?.[0])).toContain('Nur Lesezugriff'));
    warn.mockRestore();
    // An editor's later change arrives, the viewer's never does.
    needsArray(watcher.doc).push([testNeed('allowed')]);
    await eventually(() => expect(readNeeds(reader.doc).some((n) => n.id === 'allowed')).toBe(true));
    expect(readNeeds(watcher.doc).some((n) => n.id === 'sneaky')).toBe(false);
    expect(readNeeds(watcher.doc)).toHaveLength(before + 1);
  });

  it('shows everyone who is there, batched when many change at once, and forgets who left', async () => {
    const observer = connect(editor, sozialraum.documents.needs);
    const group = Array.from({ length: 12 }, () => connect(admin, sozialraum.documents.needs));
    await Promise.all([observer, ...group].map((c) => c.synced));
    let messages = 0;
    observer.provider.awareness.on('update', () => messages++);
    group.forEach((c, i) => c.provider.awareness.setLocalStateField('cursor', i));
    const cursorsSeen = () =>
      group.map(
        (c) => (observer.provider.awareness.getStates().get(c.doc.clientID) as { cursor?: number })?.cursor,
      );
    await eventually(() => expect(cursorsSeen()).toEqual(group.map((_, i) => i)));
    // Twelve changes at once reach the observer in a few messages, not one each.
    expect(messages).toBeLessThan(group.length);
    const leaving = group.pop()!;
    leaving.destroy();
    await eventually(() =>
      expect(observer.provider.awareness.getStates().has(leaving.doc.clientID)).toBe(false),
    );
  });

  it('loses nothing when a commit fails: clients reconnect and resend what was not stored', async () => {
    const { documents } = await createSozialraum(admin, {});
    const writer = connect(admin, documents.needs);
    const observer = connect(admin, documents.needs);
    await Promise.all([writer.synced, observer.synced]);
    // Every INSERT into the update log fails for a moment (a database outage, as far as the server knows).
    await ctx.db.sql`alter table document_update add constraint qp_test_outage check (false) not valid`;
    try {
      writer.doc.getText('t').insert(0, 'während der Störung');
      await eventually(() => expect(writer.closeCodes).toContain(CLOSE_CODES.internalError));
      expect(observer.doc.getText('t').toString()).toBe('');
    } finally {
      await ctx.db.sql`alter table document_update drop constraint qp_test_outage`;
    }
    await eventually(() => expect(observer.doc.getText('t').toString()).toBe('während der Störung'), 10_000);
    const stored = await new DocumentStore(ctx.db.sql).load(documents.needs);
    expect(stored.doc.getText('t').toString()).toBe('während der Störung');
  });

  it('keeps everything across a server restart', async () => {
    const writer = connect(editor, sozialraum.documents.actionPlan);
    await writer.synced;
    const fragment = writer.doc.getXmlFragment('content');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Nach dem Neustart noch da')]);
    fragment.push([paragraph]);
    // Another client has seen it: so it is committed.
    const observer = connect(admin, sozialraum.documents.actionPlan);
    await eventually(() => expect(actionPlanText(observer.doc)).toContain('Nach dem Neustart noch da'));

    const second = await startTestServer(ctx.db.sql);
    try {
      const late = connectSyncClient(
        second,
        await loginAs(second, body.adminEmail),
        sozialraum.documents.actionPlan,
      );
      clients.push(late);
      await late.synced;
      expect(actionPlanText(late.doc)).toContain('Nach dem Neustart noch da');
      expect(actionPlanText(late.doc).filter((t) => t === ACTION_PLAN_SECTIONS[0])).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
