import { actionPlanText, needsArray, readNeeds } from '@quartierplan/collab';
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
}

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
    // History is kept: the version list is unchanged and the old version still opens.
    expect((await admin.get<Version[]>(`/api/documents/${docId}/versions`)).body).toHaveLength(
      list.body.length,
    );
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
