import { actionPlanText, needsArray, readLastRestore, readNeeds } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { connectSyncClient, eventually, testNeed, type SyncClient } from '../testing/sync-clients.ts';

interface Version {
  id: string;
  name: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  automatic: boolean;
  restoredFrom: string | null;
}

const paragraph = (text: string) => {
  const node = new Y.XmlElement('paragraph');
  node.insert(0, [new Y.XmlText(text)]);
  return node;
};

describe.each(testDatabases())('versions on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let viewer: ApiClient;
  let sozialraum: { id: string; documents: { actionPlan: string; needs: string } };
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, {});
    const viewUser = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: sozialraum.id, access: 'view' }],
    });
    viewer = await loginAs(ctx.server, viewUser.email);
  });
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  it('names a version, lists it, shows its content, and restores it as a new change connected clients follow', async () => {
    const docId = sozialraum.documents.actionPlan;
    const editor = connectSyncClient(ctx.server, admin, docId);
    clients.push(editor);
    await editor.synced;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Stand Workshop')]);
    editor.doc.getXmlFragment('content').push([paragraph]);
    await eventually(async () => {
      const created = await admin.post<Version>(`/api/documents/${docId}/versions`, {
        name: 'Stand nach Workshop 12.03.',
      });
      expect(created.status).toBe(201);
      const content = await admin.get<{ blocks: string[] }>(
        `/api/documents/${docId}/versions/${created.body.id}`,
      );
      expect(content.body.blocks).toContain('Stand Workshop');
    });

    const list = await viewer.get<Version[]>(`/api/documents/${docId}/versions`);
    expect(list.status).toBe(200);
    const version = list.body.find((v) => v.name === 'Stand nach Workshop 12.03.')!;
    expect(version.author?.name).toBeTruthy();

    // Later work, then restore: the document shows the version again, the later work is gone from it.
    const later = new Y.XmlElement('paragraph');
    later.insert(0, [new Y.XmlText('Später verworfen')]);
    editor.doc.getXmlFragment('content').push([later]);
    await eventually(async () => {
      const current = connectSyncClient(ctx.server, viewer, docId);
      clients.push(current);
      await current.synced;
      expect(actionPlanText(current.doc)).toContain('Später verworfen');
    });
    expect((await viewer.post(`/api/documents/${docId}/versions/${version.id}/restore`, {})).status).toBe(
      403,
    );
    const restored = await admin.post(`/api/documents/${docId}/versions/${version.id}/restore`, {});
    expect(restored.status).toBe(200);
    await eventually(() => {
      expect(actionPlanText(editor.doc)).toContain('Stand Workshop');
      expect(actionPlanText(editor.doc)).not.toContain('Später verworfen');
    });
    // History is kept: the state before the restore is listed as an automatic version and opens.
    const after = (await admin.get<Version[]>(`/api/documents/${docId}/versions`)).body;
    expect(after).toHaveLength(list.body.length + 1);
    const automatic = after.find((v) => v.automatic)!;
    expect(automatic.restoredFrom).toBe(version.id);
    const kept = await admin.get<{ blocks: string[] }>(`/api/documents/${docId}/versions/${automatic.id}`);
    expect(kept.body.blocks).toContain('Später verworfen');
  });

  it('keeps text a co-editor typed while a version was restored, in an automatic version that restores it', async () => {
    const own = await createSozialraum(admin, {});
    const docId = own.documents.actionPlan;
    const userB = await createUser(admin, {
      role: 'member',
      memberships: [{ sozialraumId: own.id, access: 'edit' }],
    });
    const b = await loginAs(ctx.server, userB.email);
    const clientA = connectSyncClient(ctx.server, admin, docId);
    const clientB = connectSyncClient(ctx.server, b, docId);
    await Promise.all([clientA.synced, clientB.synced]);
    clientA.doc.getXmlFragment('content').push([paragraph('Grundstand')]);
    let named: Version | undefined;
    await eventually(async () => {
      named = (await admin.post<Version>(`/api/documents/${docId}/versions`, { name: 'Grundstand' })).body;
      const content = await admin.get<{ blocks: string[] }>(`/api/documents/${docId}/versions/${named.id}`);
      expect(content.body.blocks).toContain('Grundstand');
    });
    clientA.doc.getXmlFragment('content').push([paragraph('Entwurf')]);
    await eventually(() => expect(actionPlanText(clientB.doc)).toContain('Entwurf'));

    // B types while its update is on the way: it reaches the server only after the restore.
    clientB.provider.disconnect();
    const draft = clientB.doc.getXmlFragment('content').toArray().at(-1) as Y.XmlElement;
    const text = draft.get(0) as Y.XmlText;
    text.insert(text.length, ' und der Satz von B.');
    const restored = await admin.post<{ restored: Version; automatic: Version }>(
      `/api/documents/${docId}/versions/${named!.id}/restore`,
      {},
    );
    expect(restored.status).toBe(200);
    const { automatic } = restored.body;
    expect(automatic).toMatchObject({ automatic: true, restoredFrom: named!.id });
    expect(automatic.name).toMatch(
      /^Stand vor Wiederherstellung durch Administration, \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/,
    );
    clientB.provider.connect();
    // Everyone on the document learns who restored which version, and where the former state is.
    await eventually(() =>
      expect(readLastRestore(clientB.doc)).toMatchObject({
        byName: 'Administration',
        versionName: 'Grundstand',
        automaticVersionId: automatic.id,
      }),
    );
    // B's sentence was typed into a paragraph the restore removed: the document no longer shows it.
    expect(actionPlanText(clientB.doc).join('\n')).not.toContain('Satz von B');
    const listed = (await b.get<Version[]>(`/api/documents/${docId}/versions`)).body;
    expect(listed.map((v) => v.id)).toContain(automatic.id);

    // Once everyone left, B's sentence is in the document or in the automatic version.
    clientA.destroy();
    clientB.destroy();
    await eventually(async () => {
      const kept = await b.get<{ blocks: string[] }>(`/api/documents/${docId}/versions/${automatic.id}`);
      expect(kept.body.blocks).toContain('Entwurf und der Satz von B.');
    });

    // Restoring the automatic version brings it back.
    expect((await b.post(`/api/documents/${docId}/versions/${automatic.id}/restore`, {})).status).toBe(200);
    const reader = connectSyncClient(ctx.server, admin, docId);
    clients.push(reader);
    await reader.synced;
    expect(actionPlanText(reader.doc)).toContain('Entwurf und der Satz von B.');
  });

  it('restores a needs list', async () => {
    const docId = sozialraum.documents.needs;
    const editor = connectSyncClient(ctx.server, admin, docId);
    clients.push(editor);
    await editor.synced;
    needsArray(editor.doc).push([testNeed('a'), testNeed('b')]);
    let versionId = '';
    await eventually(async () => {
      const created = await admin.post<Version>(`/api/documents/${docId}/versions`, { name: 'Zwei Bedarfe' });
      const content = await admin.get<{ needs: { id: string }[] }>(
        `/api/documents/${docId}/versions/${created.body.id}`,
      );
      expect(content.body.needs.map((n) => n.id)).toEqual(['a', 'b']);
      versionId = created.body.id;
    });
    needsArray(editor.doc).delete(0, 1);
    await eventually(() => expect(readNeeds(editor.doc).map((n) => n.id)).toEqual(['b']));
    expect((await admin.post(`/api/documents/${docId}/versions/${versionId}/restore`, {})).status).toBe(200);
    await eventually(() => expect(readNeeds(editor.doc).map((n) => n.id)).toEqual(['a', 'b']));
    await eventually(async () => {
      const projected = await admin.get<{ id: string }[]>(`/api/sozialraeume/${sozialraum.id}/needs`);
      expect(projected.body.map((n) => n.id)).toEqual(['a', 'b']);
    });
  });

  it('tells who changed a document last, and when', async () => {
    const docId = sozialraum.documents.needs;
    const before = Date.now();
    const editor = connectSyncClient(ctx.server, admin, docId);
    clients.push(editor);
    await editor.synced;
    needsArray(editor.doc).push([testNeed('last-change')]);
    await eventually(async () => {
      const res = await viewer.get<{
        kind: string;
        lastChange: { at: string; author: { name: string } | null };
      }>(`/api/documents/${docId}`);
      expect(res.status).toBe(200);
      expect(res.body.kind).toBe('needs');
      expect(res.body.lastChange.author?.name).toBe('Administration');
      expect(Date.parse(res.body.lastChange.at)).toBeGreaterThanOrEqual(before - 1000);
    });
  });

  it('refuses bad input and foreign documents', async () => {
    expect((await admin.get(`/api/documents/${crypto.randomUUID()}`)).status).toBe(404);
    const docId = sozialraum.documents.needs;
    expect((await admin.post(`/api/documents/${docId}/versions`, { name: '' })).status).toBe(400);
    expect((await viewer.post(`/api/documents/${docId}/versions`, { name: 'x' })).status).toBe(403);
    expect((await admin.get(`/api/documents/${crypto.randomUUID()}/versions`)).status).toBe(404);
    expect((await admin.get(`/api/documents/${docId}/versions/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await admin.get(`/api/documents/not-a-uuid/versions`)).status).toBe(404);
  });
});
