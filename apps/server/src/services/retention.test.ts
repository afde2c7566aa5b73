import { actionPlanText, writeActionPlanTemplate } from '@quartierplan/collab';
import { documentStoreRepository, sessionRepository, userRepository } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestBody } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';
import { insertSozialraum } from '../testing/workshop-rows.ts';
import { DocumentStore } from '../sync/persistence/document-store.ts';
import { compactIdleDocuments, runRetention } from './retention.ts';

const HOUR_MS = 3_600_000;

/** An action plan's log as people type it: the template, then `edits` small updates. */
function typedLog(edits: number): Uint8Array[] {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  writeActionPlanTemplate(doc);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText('');
  paragraph.insert(0, [text]);
  doc.getXmlFragment('content').push([paragraph]);
  for (let i = 0; i < edits; i += 1) text.insert(text.length, `Satz ${i}. `);
  return log;
}

describe.each(testDatabases())('retention on $name', (factory) => {
  const ctx = useTestServer(factory);

  it('deletes expired sessions, purges throttle rows and clears audit addresses older than 90 days', async () => {
    const { sql } = ctx.db;
    const body = await createTestBody(sql);
    const now = new Date();
    await sessionRepository(sql).insert('abgelaufen', body.adminId, new Date(now.getTime() - 1000));
    await sessionRepository(sql).insert('gueltig', body.adminId, new Date(now.getTime() + HOUR_MS));
    await sql`
      insert into login_throttle (key, failures, window_started_at)
      values ('login-ip:alt', 3, now() - interval '2 days'), ('login-ip:neu', 1, now())`;
    await sql`
      insert into audit_event (body_id, at, kind, actor_id, address) values
        (${body.bodyId}, now() - interval '91 days', 'login', ${body.adminId}, '198.51.100.1'),
        (${body.bodyId}, now() - interval '10 days', 'login', ${body.adminId}, '198.51.100.2')`;

    const report = await runRetention(ctx.server.context, ctx.server.sync, now);

    expect(report.sessionsDeleted).toBeGreaterThanOrEqual(1);
    const sessions = await sql<{ id: string }[]>`select id from session where user_id = ${body.adminId}`;
    expect(sessions.map((s) => s.id)).toEqual(['gueltig']);
    const keys = await sql<{ key: string }[]>`select key from login_throttle where key like 'login-ip:%'`;
    expect(keys.map((k) => k.key)).toEqual(['login-ip:neu']);
    const addresses = await sql<{ address: string | null }[]>`
      select address from audit_event where body_id = ${body.bodyId} and kind = 'login' order by at`;
    expect(addresses.map((a) => a.address)).toEqual([null, '198.51.100.2']);
    // Outside the retention run, the log stays append-only.
    await expect(sql`update audit_event set address = null where body_id = ${body.bodyId}`).rejects.toThrow(
      /append-only/,
    );
  });

  it('compacts idle documents, so no author id stays in the update log; busy ones stay until a day has passed', async () => {
    const { sql } = ctx.db;
    const body = await createTestBody(sql);
    const [idle, busy] = await Promise.all([
      insertSozialraum(sql, body.bodyId),
      insertSozialraum(sql, body.bodyId),
    ]);
    const documentOf = async (sozialraumId: string) =>
      (
        await sql<{ id: string }[]>`
          select id from document where sozialraum_id = ${sozialraumId} and kind = 'action_plan'`
      )[0]!.id;
    const [idleDoc, busyDoc] = await Promise.all([documentOf(idle), documentOf(busy)]);
    const store = documentStoreRepository(sql);
    for (const documentId of [idleDoc, busyDoc]) {
      await store.append(typedLog(20).map((data) => ({ documentId, data, authorId: body.adminId })));
    }
    await sql`update document_update set created_at = now() - interval '2 hours' where document_id = ${idleDoc}`;

    const report = await runRetention(ctx.server.context, ctx.server.sync);
    expect(report.documentsCompacted).toBeGreaterThanOrEqual(1);
    const authored = await sql<{ documentId: string }[]>`
      select distinct document_id from document_update where author_id is not null
        and document_id in (${idleDoc}, ${busyDoc})`;
    expect(authored.map((r) => r.documentId)).toEqual([busyDoc]);
    expect(actionPlanText((await new DocumentStore(sql).load(idleDoc)).doc).join(' ')).toContain('Satz 19.');

    // A day later the busy document's rows are folded too, however busy it is.
    await runRetention(ctx.server.context, ctx.server.sync, new Date(Date.now() + 25 * HOUR_MS));
    const left = await sql`select 1 from document_update where document_id = ${busyDoc}`;
    expect(left).toHaveLength(0);
    expect(await userRepository(sql).countActiveAdmins(body.bodyId)).toBe(1);
  });

  it('compacts 100 idle documents and reports how long it takes', async () => {
    const { sql } = ctx.db;
    const body = await createTestBody(sql);
    const sozialraeume = await Promise.all(
      Array.from({ length: 50 }, () => insertSozialraum(sql, body.bodyId)),
    );
    const documents = await sql<{ id: string }[]>`
      select id from document where sozialraum_id in ${sql(sozialraeume)}`;
    expect(documents).toHaveLength(100);
    const log = typedLog(50);
    for (const { id } of documents) {
      await documentStoreRepository(sql).append(
        log.map((data) => ({ documentId: id, data, authorId: body.adminId })),
      );
    }
    await sql`update document_update set created_at = now() - interval '2 hours'
      where document_id in ${sql(documents.map((d) => d.id))}`;

    const started = performance.now();
    const result = await compactIdleDocuments(ctx.server.context, ctx.server.sync);
    const ms = Math.round(performance.now() - started);
    // eslint-disable-next-line no-console -- the measured cost goes into the report
    console.info(
      `retention: ${result.documentsCompacted} idle documents (${result.updatesFolded} log rows) compacted in ${ms} ms on ${factory.name}`,
    );
    expect(result.documentsCompacted).toBeGreaterThanOrEqual(100);
    const left = await sql`
      select 1 from document_update where document_id in ${sql(documents.map((d) => d.id))}`;
    expect(left).toHaveLength(0);
  });
});
