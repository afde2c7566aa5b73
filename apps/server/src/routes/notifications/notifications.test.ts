import { notificationRepository, type Sql } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import type { NotificationDto, SozialraumDto, UnreadCountDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  type TestUser,
} from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

interface Fixture {
  threadId: string;
  commentId: string;
}

/**
 * A thread with one comment, written as rows: the comments API is another module, and these tests are
 * about what the notifications API makes of whatever it wrote.
 */
async function insertComment(
  sql: Sql,
  input: { bodyId: string; documentId: string; authorId: string; text: string; threadId?: string },
): Promise<Fixture> {
  let threadId = input.threadId;
  if (!threadId) {
    const [thread] = await sql<{ id: string }[]>`
      insert into comment_thread (body_id, document_id, quote, created_by)
      values (${input.bodyId}, ${input.documentId}, 'markierter Text', ${input.authorId}) returning id`;
    threadId = thread!.id;
  }
  const [comment] = await sql<{ id: string }[]>`
    insert into comment (thread_id, author_id, text) values (${threadId}, ${input.authorId}, ${input.text})
    returning id`;
  return { threadId, commentId: comment!.id };
}

/** The `rel="next"` target of a Link header, or null. */
function nextLink(header: string | null): string | null {
  return header?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
}

describe.each(testDatabases())('notifications API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let bodyId: string;
  let adminId: string;
  let admin: ApiClient;
  let nord: SozialraumDto;
  let sued: SozialraumDto;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    bodyId = body.bodyId;
    adminId = body.adminId;
    admin = await loginAs(ctx.server, body.adminEmail);
    nord = await createSozialraum(admin, { name: 'Nordstadt' });
    sued = await createSozialraum(admin, { name: 'Südstadt' });
  });

  /** A member with the given memberships, logged in. */
  async function member(memberships: { sozialraumId: string; access: 'edit' | 'comment' | 'view' }[]) {
    const user = await createUser(admin, { role: 'member', memberships, name: `Person ${Math.random()}` });
    return { user, client: await loginAs(ctx.server, user.email) };
  }

  /** Someone (the admin unless said) mentions `user` in a new comment on a Sozialraum's action plan. */
  async function mention(
    user: TestUser,
    where: SozialraumDto,
    text = 'Bitte @Person prüfen',
    actorId = adminId,
  ): Promise<Fixture> {
    const fixture = await insertComment(ctx.db.sql, {
      bodyId,
      documentId: where.documents.actionPlan,
      authorId: actorId,
      text,
    });
    await notificationRepository(ctx.db.sql).insertMany([
      { userId: user.id, kind: 'mention', actorId, ...fixture },
    ]);
    return fixture;
  }

  const unread = async (client: ApiClient) => {
    const response = await client.get<UnreadCountDto>('/api/notifications/unread-count');
    expect(response.status).toBe(200);
    return response.body.unread;
  };

  it('lists the user’s own notifications newest first with actor, excerpt, document and Sozialraum', async () => {
    const { user, client } = await member([{ sozialraumId: nord.id, access: 'comment' }]);
    expect((await client.get('/api/notifications')).body).toEqual([]);
    expect(await unread(client)).toBe(0);

    const first = await mention(user, nord, 'Erste Erwähnung');
    const reply = await insertComment(ctx.db.sql, {
      bodyId,
      documentId: nord.documents.actionPlan,
      authorId: adminId,
      text: 'x'.repeat(300),
      threadId: first.threadId,
    });
    await notificationRepository(ctx.db.sql).insertMany([
      { userId: user.id, kind: 'reply', actorId: adminId, ...reply },
    ]);
    await ctx.db
      .sql`update notification set created_at = now() - interval '1 hour' where comment_id = ${first.commentId}`;

    const response = await client.get<NotificationDto[]>('/api/notifications');
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBeNull();
    const [newest, older] = response.body;
    expect(response.body).toHaveLength(2);
    expect(newest).toMatchObject({
      kind: 'reply',
      threadId: first.threadId,
      commentId: reply.commentId,
      read: false,
    });
    expect(newest!.excerpt.length).toBeLessThanOrEqual(200);
    expect(newest!.excerpt.startsWith('xxxxx')).toBe(true);
    expect(older).toEqual({
      id: expect.any(String),
      kind: 'mention',
      actor: { id: adminId, name: expect.any(String) },
      excerpt: 'Erste Erwähnung',
      threadId: first.threadId,
      commentId: first.commentId,
      document: {
        id: nord.documents.actionPlan,
        kind: 'action_plan',
        sozialraum: { id: nord.id, code: nord.code, name: 'Nordstadt' },
      },
      milestone: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      read: false,
    });
    expect(Date.parse(newest!.createdAt)).toBeGreaterThan(Date.parse(older!.createdAt));
    expect(await unread(client)).toBe(2);
  });

  it('pages with a Link header, without skipping or repeating items that share a time', async () => {
    const { user, client } = await member([{ sozialraumId: nord.id, access: 'view' }]);
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) made.push((await mention(user, nord, `Nummer ${i}`)).commentId);
    // Four share one instant: only the id orders them, and the cursor must carry it.
    await ctx.db.sql`update notification set created_at = '2026-03-01T10:00:00.123456Z'
      where user_id = ${user.id} and comment_id = any(${made.slice(0, 4)}::uuid[])`;

    const seen: NotificationDto[] = [];
    let path: string | null = '/api/notifications?limit=3';
    let pages = 0;
    while (path) {
      const response: Awaited<ReturnType<typeof client.get<NotificationDto[]>>> =
        await client.get<NotificationDto[]>(path);
      expect(response.status).toBe(200);
      expect(response.body.length).toBeLessThanOrEqual(3);
      seen.push(...response.body);
      path = nextLink(response.headers.get('link'));
      if (path) expect(path).toMatch(/^\/api\/notifications\?limit=3&cursor=/);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.map((n) => n.commentId).sort()).toEqual([...made].sort());
    const times = seen.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('refuses a malformed limit or cursor with 400 and needs a session', async () => {
    const { client } = await member([]);
    for (const bad of [
      'limit=0',
      'limit=101',
      'limit=zwei',
      'cursor=abc',
      'cursor=2026-02-31T10:00:00.000000Z_00000000-0000-0000-0000-000000000000',
    ]) {
      expectError(await client.get(`/api/notifications?${bad}`), 400, 'validation_failed');
    }
    const anonymous = new ApiClient(ctx.server.origin);
    expectError(await anonymous.get('/api/notifications'), 401, 'unauthenticated');
    expectError(await anonymous.get('/api/notifications/unread-count'), 401, 'unauthenticated');
    expectError(await anonymous.post('/api/notifications/read-all'), 401, 'unauthenticated');
  });

  it('marks one read, then all; another person’s notification is 404 and stays unread', async () => {
    const a = await member([{ sozialraumId: nord.id, access: 'comment' }]);
    const b = await member([{ sozialraumId: nord.id, access: 'edit' }]);
    await mention(a.user, nord, 'eins');
    await mention(a.user, nord, 'zwei');
    await mention(b.user, nord, 'für B');
    const [aFirst] = (await a.client.get<NotificationDto[]>('/api/notifications')).body;
    const [bOnly] = (await b.client.get<NotificationDto[]>('/api/notifications')).body;
    expect((await b.client.get<NotificationDto[]>('/api/notifications')).body).toHaveLength(1);

    expectError(await a.client.post(`/api/notifications/${bOnly!.id}/read`), 404, 'not_found');
    expectError(await a.client.post('/api/notifications/not-a-uuid/read'), 404, 'not_found');
    expect(await unread(b.client)).toBe(1);

    expect((await a.client.post(`/api/notifications/${aFirst!.id}/read`)).status).toBe(204);
    // Again is harmless.
    expect((await a.client.post(`/api/notifications/${aFirst!.id}/read`)).status).toBe(204);
    expect(await unread(a.client)).toBe(1);
    const after = (await a.client.get<NotificationDto[]>('/api/notifications')).body;
    expect(after.find((n) => n.id === aFirst!.id)?.read).toBe(true);

    expect((await a.client.post('/api/notifications/read-all')).status).toBe(204);
    expect(await unread(a.client)).toBe(0);
    expect((await a.client.get<NotificationDto[]>('/api/notifications')).body.every((n) => n.read)).toBe(
      true,
    );
    expect(await unread(b.client)).toBe(1);
  });

  it('hides notifications on documents the user can no longer read, and shows them again', async () => {
    const { user, client } = await member([
      { sozialraumId: nord.id, access: 'comment' },
      { sozialraumId: sued.id, access: 'view' },
    ]);
    await mention(user, nord, 'im Norden');
    const south = await mention(user, sued, 'im Süden');
    const southNotification = (await client.get<NotificationDto[]>('/api/notifications')).body.find(
      (n) => n.commentId === south.commentId,
    );
    expect(southNotification?.document?.sozialraum.id).toBe(sued.id);
    expect(await unread(client)).toBe(2);

    const removed = await admin.put(`/api/users/${user.id}/memberships`, {
      memberships: [{ sozialraumId: nord.id, access: 'comment' }],
    });
    expect(removed.status).toBe(200);
    const listed = (await client.get<NotificationDto[]>('/api/notifications')).body;
    expect(listed.map((n) => n.excerpt)).toEqual(['im Norden']);
    expect(await unread(client)).toBe(1);
    expectError(await client.post(`/api/notifications/${southNotification!.id}/read`), 404, 'not_found');
    expect((await client.post('/api/notifications/read-all')).status).toBe(204);

    await admin.put(`/api/users/${user.id}/memberships`, {
      memberships: [
        { sozialraumId: nord.id, access: 'comment' },
        { sozialraumId: sued.id, access: 'view' },
      ],
    });
    // Back, and still unread: "all read" covered only what the user could see.
    expect(await unread(client)).toBe(1);
    const again = (await client.get<NotificationDto[]>('/api/notifications')).body;
    expect(again.find((n) => n.id === southNotification!.id)?.read).toBe(false);
  });

  it('shows admins and clerks notifications from every Sozialraum of their body', async () => {
    const clerk = await createUser(admin, { role: 'clerk' });
    const clerkClient = await loginAs(ctx.server, clerk.email);
    const author = await member([{ sozialraumId: sued.id, access: 'edit' }]);
    await mention(clerk, sued, 'an die Verwaltung', author.user.id);
    const listed = (await clerkClient.get<NotificationDto[]>('/api/notifications')).body;
    expect(listed.map((n) => n.actor?.id)).toEqual([author.user.id]);
    expect(await unread(clerkClient)).toBe(1);
  });

  it('never shows a notification on another body’s document, nor lets anyone there mark it', async () => {
    const other = await createTestBody(ctx.db.sql);
    const otherAdmin = await loginAs(ctx.server, other.adminEmail);
    const theirs = await createSozialraum(otherAdmin);
    const { user, client } = await member([{ sozialraumId: nord.id, access: 'edit' }]);
    // A row that points across bodies must not leak, however it came to be.
    const fixture = await insertComment(ctx.db.sql, {
      bodyId: other.bodyId,
      documentId: theirs.documents.actionPlan,
      authorId: other.adminId,
      text: 'fremd',
    });
    await notificationRepository(ctx.db.sql).insertMany([
      { userId: user.id, kind: 'mention', actorId: other.adminId, ...fixture },
    ]);
    expect((await client.get('/api/notifications')).body).toEqual([]);
    expect(await unread(client)).toBe(0);

    await mention(user, nord, 'eigene Kommune');
    const [own] = (await client.get<NotificationDto[]>('/api/notifications')).body;
    expectError(await otherAdmin.post(`/api/notifications/${own!.id}/read`), 404, 'not_found');
    expect(await unread(client)).toBe(1);
  });

  it('never notifies people of their own comment, and one comment notifies a person once', async () => {
    const { user, client } = await member([{ sozialraumId: nord.id, access: 'edit' }]);
    const own = await insertComment(ctx.db.sql, {
      bodyId,
      documentId: nord.documents.actionPlan,
      authorId: user.id,
      text: 'selbst',
    });
    const byAdmin = await insertComment(ctx.db.sql, {
      bodyId,
      documentId: nord.documents.actionPlan,
      authorId: adminId,
      text: 'Antwort mit Erwähnung',
      threadId: own.threadId,
    });
    await notificationRepository(ctx.db.sql).insertMany([
      { userId: user.id, kind: 'mention', actorId: user.id, ...own },
      { userId: user.id, kind: 'reply', actorId: adminId, ...byAdmin },
      { userId: user.id, kind: 'mention', actorId: adminId, ...byAdmin },
    ]);
    const listed = (await client.get<NotificationDto[]>('/api/notifications')).body;
    expect(listed.map((n) => [n.kind, n.excerpt])).toEqual([['mention', 'Antwort mit Erwähnung']]);
  });
});
