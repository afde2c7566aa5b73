import { actionPlanText, addNeed } from '@quartierplan/collab';
import { actionPlanJson } from '@quartierplan/collab/editor';
import { suggestionAuthorNames } from '@quartierplan/collab/erasure';
import { editAsEditor, editorState, textPosition as at } from '@quartierplan/collab/testing';
import { auditRepository, type Sql } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import type { CommentThreadDto, DataExportDto, MeasureEventDto, SozialraumDto } from '@quartierplan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  PASSWORD,
  unique,
  type TestUser,
} from '../../testing/fixtures.ts';
import { createMeasure, walk } from '../../testing/measures.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually, type SyncClient } from '../../testing/sync-clients.ts';
import { createWorkshop } from '../../testing/workshops.ts';
import { DocumentStore } from '../../sync/persistence/document-store.ts';

const SENTENCE = 'Im Quartier fehlt ein Treffpunkt für Jugendliche.';

/** Where a text occurs: `table.column` (row count) or the Yjs blob it was found in. */
type Hits = string[];

/** Every text, varchar, json(b) and array column of every table, searched for each needle (any case). */
async function scanColumns(sql: Sql, needles: string[]): Promise<Hits> {
  const columns = await sql<{ table: string; column: string }[]>`
    select c.table_name as table, c.column_name as column from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
           or c.udt_name in ('citext'))`;
  expect(columns.length).toBeGreaterThan(40);
  const hits: Hits = [];
  for (const { table, column } of columns) {
    for (const needle of needles) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from ${sql(table)}
        where position(${needle.toLowerCase()} in lower(${sql(column)}::text)) > 0`;
      if (row!.n > 0) hits.push(`${table}.${column} (${row!.n}× "${needle}")`);
    }
  }
  return hits;
}

/** What a decoded item carries, as text: strings, JSON values, format attributes, keys of map entries. */
function contentText(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentAny) return content.arr;
  if (content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentFormat) return [content.key, content.value];
  if (content instanceof Y.ContentEmbed) return content.embed;
  if (content instanceof Y.ContentBinary) return Buffer.from(content.content).toString('utf8');
  if (content instanceof Y.ContentType) return null;
  return null;
}

/**
 * A stored Yjs blob as text: a log row item by item (it may depend on others); a whole state (snapshot,
 * version) as the document it makes: the action plan with its marks, the needs, the meta map.
 */
function decodeBlob(table: string, data: Uint8Array): string {
  if (table === 'document_update' || table === 'document_update_quarantine') {
    const { structs } = Y.decodeUpdate(data);
    return JSON.stringify(structs.map((s) => (s instanceof Y.Item ? contentText(s.content) : null)));
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, data);
  const text = JSON.stringify([
    actionPlanJson(doc),
    doc.getArray('needs').toJSON(),
    doc.getMap('meta').toJSON(),
  ]);
  doc.destroy();
  return text;
}

/** Every bytea column (the Yjs log, snapshots, versions, quarantine): raw UTF-8 bytes, then decoded. */
async function scanBlobs(sql: Sql, needles: string[]): Promise<{ hits: Hits; blobs: number }> {
  const columns = await sql<{ table: string; column: string }[]>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = current_schema() and data_type = 'bytea'`;
  const hits: Hits = [];
  let blobs = 0;
  for (const { table, column } of columns) {
    const rows = await sql<{ data: Uint8Array }[]>`select ${sql(column)} as data from ${sql(table)}`;
    for (const { data } of rows) {
      blobs += 1;
      const bytes = Buffer.from(data);
      let decoded = '';
      try {
        decoded = column === 'state_vector' ? '' : decodeBlob(table, data);
      } catch {
        // Not decodable: the raw bytes are searched all the same.
      }
      for (const needle of needles) {
        if (
          bytes.includes(Buffer.from(needle, 'utf8')) ||
          decoded.toLowerCase().includes(needle.toLowerCase())
        )
          hits.push(`${table}.${column} ("${needle}")`);
      }
    }
  }
  return { hits, blobs };
}

describe.each(testDatabases())('erasing a person (DSGVO Art. 17) on $name', (factory) => {
  const ctx = useTestServer(factory);
  const NAME = `Zoë Quäntchen-Ørsted ${unique('')}`;
  const EMAIL = `zoe.quaentchen.${unique('x')}@test.quartierplan.de`;
  let admin: ApiClient;
  let adminId: string;
  let person: TestUser;
  let zoe: ApiClient;
  let clerk: ApiClient;
  let sozialraum: SozialraumDto;
  let threadId: string;
  let measureId: string;
  let bodyId: string;
  const clients: SyncClient[] = [];
  const connect = (as: ApiClient, docId: string) => {
    const client = connectSyncClient(ctx.server, as, docId);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    bodyId = body.bodyId;
    adminId = body.adminId;
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, {});
    person = await createUser(admin, {
      role: 'admin',
      name: NAME,
      email: EMAIL,
      memberships: [],
    });
    const clerkUser = await createUser(admin, { role: 'clerk' });
    clerk = await loginAs(ctx.server, clerkUser.email);
    // A failed login (throttle rows derived from the address), then the person logs in.
    expect((await new ApiClient(ctx.server.origin).login(EMAIL, 'falsches-passwort-123')).status).toBe(401);
    zoe = await loginAs(ctx.server, EMAIL);
    await auditRepository(ctx.db.sql).record({
      bodyId,
      kind: 'login',
      actorId: person.id,
      subjectUserId: person.id,
      address: '203.0.113.7',
    });
    // A wrong current password, then a password change (a new session replaces the old one).
    expect(
      (await zoe.post('/api/me/password', { currentPassword: 'nicht-das-passwort', newPassword: PASSWORD }))
        .status,
    ).toBe(400);
    expect(
      (await zoe.post('/api/me/password', { currentPassword: PASSWORD, newPassword: `${PASSWORD}-neu` }))
        .status,
    ).toBe(204);
    person.password = `${PASSWORD}-neu`;

    // The action plan: the admin writes a sentence, the person suggests changes with their name in the marks.
    const { actionPlan, needs } = sozialraum.documents;
    const writer = connect(admin, actionPlan);
    await writer.synced;
    editAsEditor(writer.doc, (s) => s.tr.insertText(SENTENCE, 1));
    const own = connect(zoe, actionPlan);
    await own.synced;
    await eventually(() => expect(actionPlanText(own.doc).join('\n')).toContain(SENTENCE));
    const author = { authorId: person.id, authorName: NAME, at: new Date().toISOString() };
    editAsEditor(own.doc, (s) => s.tr.insertText(' offener', at(s, ' Treffpunkt')), author);
    editAsEditor(own.doc, (s) => s.tr.insertText(' Bald!', at(s, 'Jugendliche.') + 12), author);
    const from = at(editorState(own.doc), 'fehlt');
    editAsEditor(own.doc, (s) => s.tr.delete(from, from + 'fehlt'.length), author);
    await eventually(async () => {
      const stored = await new DocumentStore(ctx.db.sql).load(actionPlan);
      expect(suggestionAuthorNames(stored.doc)).toContain(NAME);
    });

    // A need in the needs list, created by the person.
    const needsClient = connect(zoe, needs);
    await needsClient.synced;
    addNeed(needsClient.doc, {
      id: 'need-zoe',
      title: 'Treffpunkt am Abend',
      createdBy: person.id,
      createdAt: new Date().toISOString(),
    });
    // The needs table is projected after the change is stored.
    await eventually(async () =>
      expect(await ctx.db.sql`select 1 from need where id = 'need-zoe'`).toHaveLength(1),
    );

    // Versions: one named by the person, one taken by the admin; a restore by the person.
    await eventually(async () =>
      expect(
        (await zoe.post(`/api/documents/${actionPlan}/versions`, { name: `Stand von ${NAME}` })).status,
      ).toBe(201),
    );
    const taken = await admin.post<{ id: string }>(`/api/documents/${actionPlan}/versions`, {
      name: 'Admin-Stand',
    });
    expect(taken.status).toBe(201);
    expect(
      (await zoe.post(`/api/documents/${actionPlan}/versions/${taken.body.id}/restore`, {})).status,
    ).toBe(200);

    // Comments: the person opens a thread mentioning the admin; the admin replies mentioning the person.
    const opened = await zoe.post<CommentThreadDto>(`/api/documents/${actionPlan}/comments`, {
      body: 'Welcher Treffpunkt ist gemeint? Bitte prüfen.',
      anchor: { from: 1, to: 8, quote: SENTENCE.slice(0, 7) },
      mentions: [adminId],
    });
    expect(opened.status).toBe(201);
    threadId = opened.body.id;
    const reply = await admin.post(`/api/documents/${actionPlan}/comments/${threadId}/replies`, {
      body: `Danke @${NAME}, ich kümmere mich.`,
      mentions: [person.id],
    });
    expect(reply.status).toBe(201);

    // Measures: created and moved by the person.
    const measure = await createMeasure(zoe, { title: 'Jugendtreff Nord', sozialraumIds: [sozialraum.id] });
    measureId = measure.id;
    await walk(zoe, measure.id, ['recommended']);

    // Workshop: the person takes part with their account and a display name.
    const workshop = await createWorkshop(admin, sozialraum.id);
    const joined = await zoe.post('/api/workshop-sessions', { code: workshop.code, displayName: NAME });
    expect([200, 201]).toContain(joined.status);
    // A name the person gave for the workshop (members take part under their account's name by default).
    await ctx.db.sql`update workshop_participant set display_name = ${NAME} where user_id = ${person.id}`;

    // A deleted draft's trail (written as the papers service writes it).
    await ctx.db.sql`
      insert into paper_event (body_id, paper_id, kind, reference, subject, actor_id, actor_name)
      values (${bodyId}, gen_random_uuid(), 'deleted', '0001/2026', 'Entwurf', ${person.id}, ${NAME})`;
  });

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  const needles = () => [NAME, EMAIL, NAME.toLowerCase(), EMAIL.toUpperCase()];

  it('exports everything held about the person as a JSON attachment, recorded in the audit log', async () => {
    expect((await clerk.get(`/api/users/${person.id}/data-export`)).status).toBe(403);
    const response = await admin.get<DataExportDto>(`/api/users/${person.id}/data-export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="datenauskunft-[0-9a-f-]+-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = response.body;
    expect(data.account).toMatchObject({ id: person.id, name: NAME, email: EMAIL, role: 'admin' });
    expect(JSON.stringify(data)).not.toMatch(/argon2|password_?hash/i);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(Object.keys(data.sessions[0]!).sort()).toEqual(['createdAt', 'expiresAt']);
    expect(data.measureEvents.map((e) => e.kind)).toEqual(['created', 'transition']);
    expect(data.measuresCreated).toHaveLength(1);
    expect(data.comments.map((c) => c.text)).toEqual(['Welcher Treffpunkt ist gemeint? Bitte prüfen.']);
    expect(data.mentions.map((m) => m.text)).toEqual([`Danke @${NAME}, ich kümmere mich.`]);
    expect(data.notifications.some((n) => n.toPerson === true && n.kind === 'mention')).toBe(true);
    expect(data.auditEvents.some((e) => e.kind === 'login' && e.address === '203.0.113.7')).toBe(true);
    expect(data.paperEvents).toHaveLength(1);
    expect(data.workshopParticipation).toMatchObject([{ displayName: NAME }]);
    expect(data.needsAuthored.map((n) => n.title)).toEqual(['Treffpunkt am Abend']);
    const plan = data.documentContributions.find((d) => d.documentId === sozialraum.documents.actionPlan);
    expect(plan?.updates).toBeGreaterThan(0);
    expect(plan?.suggestions.map((s) => s.kind).sort()).toEqual(['deletion', 'insertion', 'insertion']);
    const [audit] = await ctx.db.sql<{ actorId: string }[]>`
      select actor_id from audit_event where kind = 'data_exported' and subject_user_id = ${person.id}`;
    expect(audit?.actorId).toBe(adminId);
  });

  it('refuses a wrong confirmation, oneself, others and malformed input', async () => {
    const erase = (as: ApiClient, id: string, body: unknown) => as.post(`/api/users/${id}/erase`, body);
    expect((await erase(clerk, person.id, { confirmEmail: EMAIL })).status).toBe(403);
    const wrong = await erase(admin, person.id, { confirmEmail: 'jemand@test.quartierplan.de' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('confirmEmail');
    expect(
      (
        await erase(admin, adminId, {
          confirmEmail: (await admin.get<{ email: string }>('/api/me')).body.email,
        })
      ).status,
    ).toBe(409);
    expect((await erase(admin, '00000000-0000-4000-8000-000000000000', { confirmEmail: EMAIL })).status).toBe(
      404,
    );
    expect((await erase(admin, 'keine-id', { confirmEmail: EMAIL })).status).toBe(404);
    expect((await erase(admin, person.id, {})).status).toBe(400);
    expect((await erase(admin, person.id, { confirmEmail: 'x'.repeat(300) })).status).toBe(400);
    const huge = await admin.post(`/api/users/${person.id}/erase`, undefined, {
      body: JSON.stringify({ confirmEmail: 'x'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    // Another body's admin does not find the person.
    const other = await createTestBody(ctx.db.sql);
    const otherAdmin = await loginAs(ctx.server, other.adminEmail);
    expect((await erase(otherAdmin, person.id, { confirmEmail: EMAIL })).status).toBe(404);
    expect((await otherAdmin.get(`/api/users/${person.id}/data-export`)).status).toBe(404);
    // Nothing happened: the person still logs in.
    expect((await zoe.get('/api/me')).status).toBe(200);
  });

  it('leaves no trace of name or e-mail in any table or stored Yjs update; contributions stay as "Gelöschte Person"', async () => {
    const before = await scanColumns(ctx.db.sql, needles());
    expect(before.length).toBeGreaterThan(5);
    expect((await scanBlobs(ctx.db.sql, [NAME])).hits.length).toBeGreaterThan(0);

    const response = await admin.post(`/api/users/${person.id}/erase`, {
      confirmEmail: ` ${EMAIL.toUpperCase()} `,
    });
    expect(response.status).toBe(204);

    expect(await scanColumns(ctx.db.sql, needles())).toEqual([]);
    const blobs = await scanBlobs(ctx.db.sql, needles());
    expect(blobs.blobs).toBeGreaterThan(3);
    expect(blobs.hits).toEqual([]);

    // The person is locked out: their session ended, the login fails.
    expect((await zoe.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(ctx.server.origin).login(EMAIL, person.password)).status).toBe(401);

    // Their contributions stay, attributed to "Gelöschte Person".
    const threads = await admin.get<CommentThreadDto[]>(
      `/api/documents/${sozialraum.documents.actionPlan}/comments`,
    );
    const thread = threads.body.find((t) => t.id === threadId)!;
    expect(thread.comments[0]).toMatchObject({
      author: { name: 'Gelöschte Person' },
      body: 'Welcher Treffpunkt ist gemeint? Bitte prüfen.',
    });
    expect(thread.comments[1]?.body).toBe('Danke @Gelöschte Person, ich kümmere mich.');
    const events = await admin.get<MeasureEventDto[]>(`/api/measures/${measureId}/events`);
    expect(events.body.map((e) => e.actor?.name)).toEqual(['Gelöschte Person', 'Gelöschte Person']);
    const fresh = connect(admin, sozialraum.documents.actionPlan);
    await fresh.synced;
    expect(new Set(suggestionAuthorNames(fresh.doc))).toEqual(new Set(['Gelöschte Person']));
    expect(actionPlanText(fresh.doc).join('\n')).toContain('offener');
    const [user] = await ctx.db.sql<{ email: string; active: boolean; erasedAt: Date | null }[]>`
      select email, active, erased_at from app_user where id = ${person.id}`;
    expect(user).toMatchObject({ active: false });
    expect(user!.email).toMatch(/^geloescht-[0-9a-f-]+@invalid$/);
    expect(user!.erasedAt).toBeInstanceOf(Date);
    const audited = await ctx.db.sql`
      select 1 from audit_event where kind = 'user_erased' and subject_user_id = ${person.id} and actor_id = ${adminId}`;
    expect(audited).toHaveLength(1);
    // The account only carries contributions now: it cannot be reactivated, given access or a password.
    expect((await admin.patch(`/api/users/${person.id}`, { active: true })).status).toBe(409);
    expect((await admin.put(`/api/users/${person.id}/memberships`, { memberships: [] })).status).toBe(409);
    expect((await admin.post(`/api/users/${person.id}/password`, { password: `${PASSWORD}-x` })).status).toBe(
      409,
    );
    // A second erasure is refused: there is nothing left to erase.
    expect((await admin.post(`/api/users/${person.id}/erase`, { confirmEmail: user!.email })).status).toBe(
      409,
    );
  });
});
