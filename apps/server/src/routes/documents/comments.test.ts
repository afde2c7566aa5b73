import { actionPlanContent } from '@quartierplan/collab';
import { actionPlanJson, writeActionPlanJson } from '@quartierplan/collab/editor';
import { testDatabases } from '@quartierplan/db/testing';
import {
  COMMENT_TEXT_MAX,
  type CommentDto,
  type CommentThreadDto,
  type MentionablePersonDto,
  type SozialraumDto,
} from '@quartierplan/domain';
import { docxParts } from '@quartierplan/export/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  type TestUser,
} from '../../testing/fixtures.ts';
import { download } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../../testing/sync-clients.ts';

const TEXT = 'Viele Familien brauchen Beratung im Quartier.';
const PLAN = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] };
// ProseMirror counts the paragraph's opening as 1: "Viele Familien" is 1–15, "Beratung" 25–33.
const FAMILIEN = { from: 1, to: 15 };

/** The thread ids of the `comment` marks in a client's copy of the action plan. */
function markedThreads(doc: Y.Doc): string[] {
  const ids: string[] = [];
  const walk = (node: {
    marks?: { type: string; attrs?: Record<string, unknown> }[];
    content?: unknown[];
  }) => {
    for (const m of node.marks ?? []) if (m.type === 'comment') ids.push(String(m.attrs?.threadId));
    for (const child of node.content ?? []) walk(child as typeof node);
  };
  walk(actionPlanJson(doc) as Parameters<typeof walk>[0]);
  return ids;
}

describe.each(testDatabases())('comment threads on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let editor: ApiClient;
  let commenter: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let stranger: ApiClient;
  let editorUser: TestUser;
  let commenterUser: TestUser;
  let outsiderUser: TestUser;
  let viewerUser: TestUser;
  let sozialraum: SozialraumDto;
  let other: SozialraumDto;
  const clients: SyncClient[] = [];

  /** A fresh action plan holding TEXT, with a live sync client on it. */
  async function freshPlan(): Promise<{ docId: string; client: SyncClient; sr: SozialraumDto }> {
    const sr = await createSozialraum(admin, {});
    for (const [user, access] of [
      [editorUser, 'edit'],
      [commenterUser, 'comment'],
      [viewerUser, 'view'],
    ] as const) {
      await admin.request('PUT', `/api/users/${user.id}/memberships`, {
        json: {
          memberships: [
            { sozialraumId: sozialraum.id, access },
            { sozialraumId: sr.id, access },
          ],
        },
      });
    }
    return { docId: sr.documents.actionPlan, client: await planClient(sr.documents.actionPlan), sr };
  }

  async function planClient(docId: string, as = admin): Promise<SyncClient> {
    const client = connectSyncClient(ctx.server, as, docId);
    clients.push(client);
    await client.synced;
    return client;
  }

  const comments = (docId: string) => `/api/documents/${docId}/comments`;
  const notificationsOf = async (userId: string) =>
    ctx.db.sql<{ kind: string; commentId: string }[]>`
      select kind, comment_id from notification where user_id = ${userId} order by created_at`;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, { code: 'KO-1', name: 'Kommentarviertel' });
    other = await createSozialraum(admin, {});
    const member = (access: 'edit' | 'comment' | 'view', name: string, sr = sozialraum) =>
      createUser(admin, { role: 'member', name, memberships: [{ sozialraumId: sr.id, access }] });
    editorUser = await member('edit', 'Erika Editorin');
    commenterUser = await member('comment', 'Kurt Kommentator');
    viewerUser = await member('view', 'Vera Viewerin');
    outsiderUser = await member('edit', 'Otto Außen', other);
    editor = await loginAs(ctx.server, editorUser.email);
    commenter = await loginAs(ctx.server, commenterUser.email);
    viewer = await loginAs(ctx.server, viewerUser.email);
    outsider = await loginAs(ctx.server, outsiderUser.email);
    stranger = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    const client = await planClient(sozialraum.documents.actionPlan);
    writeActionPlanJson(client.doc, PLAN);
  });
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  it('opens a thread on the marked text: a connected client sees the mark arrive and keeps its own typing', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    await eventually(async () => {
      expect((await commenter.get<CommentThreadDto[]>(comments(docId))).status).toBe(200);
      const people = await commenter.get<MentionablePersonDto[]>(`/api/documents/${docId}/people`);
      expect(people.body.map((p) => p.name)).toContain('Erika Editorin');
    });
    await eventually(async () => {
      const watcher = await planClient(docId, viewer);
      expect(actionPlanJson(watcher.doc)).toMatchObject({ content: [{ content: [{ text: TEXT }] }] });
    });
    const posting = commenter.post<CommentThreadDto>(comments(docId), {
      body: 'Welche Familien? @Erika Editorin',
      anchor: { ...FAMILIEN, quote: 'Viele Familien' },
      mentions: [editorUser.id],
    });
    // The client types at the paragraph's end while the server writes the mark.
    const paragraphText = (actionPlanContent(client.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraphText.insert(paragraphText.length, ' Dringend.');
    const created = await posting;
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      anchor: { text: 'Viele Familien', quote: 'Viele Familien', orphaned: false, from: 1, to: 15 },
      comments: [{ body: 'Welche Familien? @Erika Editorin', author: { name: 'Kurt Kommentator' } }],
      resolvedAt: null,
    });
    expect(created.body.comments[0]!.mentions).toEqual([{ id: editorUser.id, name: 'Erika Editorin' }]);
    await eventually(() => {
      expect(markedThreads(client.doc)).toEqual([created.body.id]);
      expect(actionPlanJson(client.doc)).toMatchObject({
        content: [
          { content: [{ text: 'Viele Familien' }, { text: ' brauchen Beratung im Quartier. Dringend.' }] },
        ],
      });
    });
    // Persisted before relayed: a client connecting now loads it from the store.
    const later = await planClient(docId, editor);
    expect(markedThreads(later.doc)).toEqual([created.body.id]);
    expect(await notificationsOf(editorUser.id)).toEqual([
      { kind: 'mention', commentId: created.body.comments[0]!.id },
    ]);
    expect(await notificationsOf(commenterUser.id)).toEqual([]);
  });

  it('anchors to the nearest occurrence of the quote when the text moved, and answers 409 when it is gone', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    await eventually(async () => {
      const moved = await editor.post<CommentThreadDto>(comments(docId), {
        body: 'Wer berät?',
        anchor: { from: 1, to: 9, quote: 'Beratung' },
      });
      expect(moved.status).toBe(201);
      expect(moved.body.anchor).toMatchObject({ text: 'Beratung', from: 25, to: 33 });
    });
    expectError(
      await editor.post(comments(docId), { body: 'x', anchor: { from: 1, to: 5, quote: 'Kita-Plätze' } }),
      409,
      'anchor_moved',
    );
    expectError(
      await editor.post(comments(docId), { body: 'x', anchor: { from: 900, to: 905 } }),
      409,
      'anchor_moved',
    );
    // Nothing of the refused threads is kept.
    expect((await editor.get<CommentThreadDto[]>(comments(docId))).body).toHaveLength(1);
  });

  it('lists threads in document order with a status filter; replies notify participants; resolve and reopen', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    let second!: CommentThreadDto;
    await eventually(async () => {
      const r = await editor.post<CommentThreadDto>(comments(docId), {
        body: 'Später im Text',
        anchor: { from: 25, to: 33, quote: 'Beratung' },
      });
      expect(r.status).toBe(201);
      second = r.body;
    });
    const first = (
      await commenter.post<CommentThreadDto>(comments(docId), { body: 'Vorne', anchor: { ...FAMILIEN } })
    ).body;
    const all = await viewer.get<CommentThreadDto[]>(comments(docId));
    expect(all.body.map((t) => t.id)).toEqual([first.id, second.id]);

    // The commenter replies to the editor's thread (mentioning nobody): the opener is notified, not the author.
    const reply = await commenter.post<CommentDto>(`${comments(docId)}/${second.id}/replies`, {
      body: 'Die AWO.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ body: 'Die AWO.', author: { id: commenterUser.id }, editedAt: null });
    expect(await notificationsOf(editorUser.id)).toContainEqual({ kind: 'reply', commentId: reply.body.id });
    // The editor answers: the commenter, now a participant, is notified; the editor is not.
    const answer = await editor.post<CommentDto>(`${comments(docId)}/${second.id}/replies`, {
      body: 'Danke.',
    });
    expect(await notificationsOf(commenterUser.id)).toContainEqual({
      kind: 'reply',
      commentId: answer.body.id,
    });
    expect(await notificationsOf(editorUser.id)).not.toContainEqual(
      expect.objectContaining({ commentId: answer.body.id }),
    );

    const resolved = await commenter.post<CommentThreadDto>(`${comments(docId)}/${second.id}/resolve`, {});
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: { id: commenterUser.id } });
    expectError(await commenter.post(`${comments(docId)}/${second.id}/resolve`, {}), 409, 'conflict');
    expect(
      (await viewer.get<CommentThreadDto[]>(`${comments(docId)}?status=open`)).body.map((t) => t.id),
    ).toEqual([first.id]);
    expect(
      (await viewer.get<CommentThreadDto[]>(`${comments(docId)}?status=resolved`)).body.map((t) => t.id),
    ).toEqual([second.id]);
    // Resolving leaves the mark: reopen needs it.
    expect(markedThreads(client.doc)).toContain(second.id);
    const reopened = await editor.post<CommentThreadDto>(`${comments(docId)}/${second.id}/reopen`, {});
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null });
    expect(reopened.body.comments.map((c) => c.body)).toEqual(['Später im Text', 'Die AWO.', 'Danke.']);
    expectError(await editor.post(`${comments(docId)}/${second.id}/reopen`, {}), 409, 'conflict');
  });

  it('lets authors edit their own comments, editors delete any, and deletes a reply-less thread with its mark', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    let thread!: CommentThreadDto;
    await eventually(async () => {
      const r = await commenter.post<CommentThreadDto>(comments(docId), { body: 'Erster', anchor: FAMILIEN });
      expect(r.status).toBe(201);
      thread = r.body;
    });
    const opening = thread.comments[0]!;
    const path = (commentId: string) => `${comments(docId)}/${thread.id}/comments/${commentId}`;
    const edited = await commenter.request<CommentDto>('PATCH', path(opening.id), {
      json: { body: 'Erster, korrigiert', mentions: [editorUser.id] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Erster, korrigiert', mentions: [{ id: editorUser.id }] });
    expect(edited.body.editedAt).not.toBeNull();
    expect(await notificationsOf(editorUser.id)).toContainEqual({ kind: 'mention', commentId: opening.id });
    expectError(
      await editor.request('PATCH', path(opening.id), { json: { body: 'Fremd' } }),
      403,
      'forbidden',
    );

    const reply = (
      await editor.post<CommentDto>(`${comments(docId)}/${thread.id}/replies`, { body: 'Antwort' })
    ).body;
    expectError(await commenter.request('DELETE', path(reply.id)), 403, 'forbidden');
    // The opening comment of a thread with a reply stays as deleted.
    expect((await editor.request('DELETE', path(opening.id))).status).toBe(204);
    const listed = (await commenter.get<CommentThreadDto[]>(comments(docId))).body[0]!;
    expect(listed.comments.map((c) => [c.body, c.deletedAt !== null])).toEqual([
      ['', true],
      ['Antwort', false],
    ]);
    expectError(await editor.request('DELETE', path(opening.id)), 404, 'not_found');

    // A thread of one comment goes with it, and so does its mark.
    const lonely = (
      await commenter.post<CommentThreadDto>(comments(docId), {
        body: 'Allein',
        anchor: { from: 25, to: 33 },
      })
    ).body;
    await eventually(() => expect(markedThreads(client.doc)).toContain(lonely.id));
    expect(
      (
        await commenter.request(
          'DELETE',
          `${comments(docId)}/${lonely.id}/comments/${lonely.comments[0]!.id}`,
        )
      ).status,
    ).toBe(204);
    await eventually(() => expect(markedThreads(client.doc)).not.toContain(lonely.id));
    expect((await commenter.get<CommentThreadDto[]>(comments(docId))).body.map((t) => t.id)).toEqual([
      thread.id,
    ]);
  });

  it('keeps a thread whose text was deleted as orphaned (listed last), and a restore brings its anchor back', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    let orphan!: CommentThreadDto;
    await eventually(async () => {
      const r = await commenter.post<CommentThreadDto>(comments(docId), {
        body: 'Familien?',
        anchor: FAMILIEN,
      });
      expect(r.status).toBe(201);
      orphan = r.body;
    });
    const version = await editor.post<{ id: string }>(`/api/documents/${docId}/versions`, {
      name: 'Mit Kommentar',
    });
    expect(version.status).toBe(201);
    const kept = (
      await commenter.post<CommentThreadDto>(comments(docId), {
        body: 'Beratung?',
        anchor: { from: 25, to: 33 },
      })
    ).body;
    await eventually(() => expect(markedThreads(client.doc)).toEqual([orphan.id, kept.id]));
    // A client deletes the marked words.
    const paragraphText = (actionPlanContent(client.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraphText.delete(0, 'Viele Familien '.length);
    await eventually(async () => {
      const listed = (await viewer.get<CommentThreadDto[]>(comments(docId))).body;
      expect(listed.map((t) => t.id)).toEqual([kept.id, orphan.id]);
      expect(listed[1]!.anchor).toEqual({
        text: '',
        quote: 'Viele Familien',
        orphaned: true,
        from: null,
        to: null,
      });
      expect(listed[0]!.anchor).toMatchObject({ text: 'Beratung', orphaned: false, from: 10, to: 18 });
    });
    expect(
      (await editor.post(`/api/documents/${docId}/versions/${version.body.id}/restore`, {})).status,
    ).toBe(200);
    const restored = (await viewer.get<CommentThreadDto[]>(comments(docId))).body;
    expect(restored.find((t) => t.id === orphan.id)!.anchor).toMatchObject({
      text: 'Viele Familien',
      orphaned: false,
      from: 1,
      to: 15,
    });
  });

  it('exports open threads with their replies, authors and dates as Word comments', async () => {
    const { docId, client } = await freshPlan();
    writeActionPlanJson(client.doc, PLAN);
    let thread!: CommentThreadDto;
    await eventually(async () => {
      const r = await commenter.post<CommentThreadDto>(comments(docId), {
        body: 'Quelle fehlt',
        anchor: FAMILIEN,
      });
      expect(r.status).toBe(201);
      thread = r.body;
    });
    await editor.post(`${comments(docId)}/${thread.id}/replies`, { body: 'Sozialbericht 2025' });
    const done = (
      await editor.post<CommentThreadDto>(comments(docId), {
        body: 'Erledigtes',
        anchor: { from: 25, to: 33 },
      })
    ).body;
    await editor.post(`${comments(docId)}/${done.id}/resolve`, {});
    const file = await download(viewer, `/api/documents/${docId}/export?format=docx&markup=true`);
    expect(file.status).toBe(200);
    const parts = await docxParts(file.bytes);
    const commentsXml = parts['word/comments.xml'] ?? '';
    expect(commentsXml).toMatch(/<w:comment [^>]*w:author="Kurt Kommentator"[^>]*>.*Quelle fehlt/s);
    expect(commentsXml).toMatch(/<w:comment [^>]*w:author="Erika Editorin"[^>]*>.*Sozialbericht 2025/s);
    expect(commentsXml).not.toContain('Erledigtes');
    expect(parts['word/document.xml']).toMatch(/<w:commentRangeStart w:id="\d+"\/>.*Viele Familien/s);
  });

  it('authorises before it validates: 401, 403 for viewers on writes and outsiders, 404 for another body', async () => {
    const docId = sozialraum.documents.actionPlan;
    expectError(await new ApiClient(ctx.server.origin).get(comments(docId)), 401, 'unauthenticated');
    expectError(await outsider.get(comments(docId)), 403, 'forbidden');
    expectError(await outsider.get(`/api/documents/${docId}/people`), 403, 'forbidden');
    expectError(await stranger.get(comments(docId)), 404, 'not_found');
    expectError(await stranger.post(comments(docId), { body: 'x', anchor: FAMILIEN }), 404, 'not_found');
    expect((await viewer.get(comments(docId))).status).toBe(200);
    expectError(await viewer.post(comments(docId), { body: 'x', anchor: FAMILIEN }), 403, 'forbidden');
    // Even a malformed body: the viewer learns nothing about validation.
    expectError(await viewer.post(comments(docId), { nonsense: true }), 403, 'forbidden');
    const thread = (
      await commenter.post<CommentThreadDto>(comments(docId), { body: 'Hallo', anchor: FAMILIEN })
    ).body;
    const t = `${comments(docId)}/${thread.id}`;
    expectError(await viewer.post(`${t}/replies`, { body: 'x' }), 403, 'forbidden');
    expectError(await viewer.post(`${t}/resolve`, {}), 403, 'forbidden');
    expectError(await viewer.post(`${t}/reopen`, {}), 403, 'forbidden');
    expectError(
      await viewer.request('PATCH', `${t}/comments/${thread.comments[0]!.id}`, { json: { body: 'x' } }),
      403,
      'forbidden',
    );
    expectError(await viewer.request('DELETE', `${t}/comments/${thread.comments[0]!.id}`), 403, 'forbidden');
    expectError(await stranger.post(`${t}/resolve`, {}), 404, 'not_found');
    // The needs list has no comments.
    expectError(await admin.get(comments(sozialraum.documents.needs)), 422, 'comments_unsupported');
    expectError(
      await admin.post(comments(sozialraum.documents.needs), { body: 'x', anchor: FAMILIEN }),
      422,
      'comments_unsupported',
    );
  });

  it('refuses bad input: malformed, oversized, unknown or foreign threads, mentions of people who cannot read', async () => {
    const docId = sozialraum.documents.actionPlan;
    const post = (body: unknown) => commenter.post(comments(docId), body);
    expectError(
      await commenter.request('POST', comments(docId), {
        body: '{"body":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expectError(await post({ body: 'x' }), 400, 'validation_failed');
    expectError(await post({ body: '   ', anchor: FAMILIEN }), 400, 'validation_failed');
    expectError(
      await post({ body: 'x'.repeat(COMMENT_TEXT_MAX + 1), anchor: FAMILIEN }),
      400,
      'validation_failed',
    );
    expectError(await post({ body: 'x', anchor: { from: 5, to: 5 } }), 400, 'validation_failed');
    expectError(await post({ body: 'x', anchor: { from: -1, to: 'a' } }), 400, 'validation_failed');
    expectError(
      await post({ body: 'x', anchor: FAMILIEN, mentions: ['kein-uuid'] }),
      400,
      'validation_failed',
    );
    expectError(await commenter.get(`${comments(docId)}?status=weg`), 400, 'validation_failed');
    const refused = expectError(
      await post({ body: '@Otto', anchor: FAMILIEN, mentions: [outsiderUser.id] }),
      422,
      'mention_not_allowed',
    );
    expect(refused.details).toMatchObject({
      userIds: [outsiderUser.id],
      people: [{ id: outsiderUser.id, name: 'Otto Außen' }],
    });
    expect(refused.message).toContain('Otto Außen');

    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(
      await commenter.post(`${comments(docId)}/${unknown}/replies`, { body: 'x' }),
      404,
      'not_found',
    );
    expectError(await commenter.post(`${comments(docId)}/not-a-uuid/resolve`, {}), 404, 'not_found');
    // A thread of another document is not found through this one.
    const otherDoc = other.documents.actionPlan;
    const otherClient = await planClient(otherDoc);
    writeActionPlanJson(otherClient.doc, PLAN);
    let foreign!: CommentThreadDto;
    await eventually(async () => {
      const r = await admin.post<CommentThreadDto>(comments(otherDoc), {
        body: 'Anderswo',
        anchor: FAMILIEN,
      });
      expect(r.status).toBe(201);
      foreign = r.body;
    });
    expectError(
      await admin.post(`${comments(docId)}/${foreign.id}/replies`, { body: 'x' }),
      404,
      'not_found',
    );
    expectError(await admin.post(`${comments(docId)}/${foreign.id}/resolve`, {}), 404, 'not_found');
    expectError(
      await admin.request('DELETE', `${comments(docId)}/${foreign.id}/comments/${foreign.comments[0]!.id}`),
      404,
      'not_found',
    );
    expectError(
      await commenter.request('PATCH', `${comments(docId)}/${foreign.id}/comments/${unknown}`, {
        json: { body: 'x' },
      }),
      404,
      'not_found',
    );
  });
});
