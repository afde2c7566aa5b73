import type { MeasureDto, PaperDto, SozialraumDto, UserDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import type { ApiClient } from '../testing/client.ts';
import { createSozialraum, createTestBody, loginAs, uniqueEmail } from '../testing/fixtures.ts';
import { useTestServer } from '../testing/server.ts';

const SURROGATE =
  'Der Text enthält ein unvollständiges Zeichen (ein einzelnes UTF-16-Surrogat) und kann so nicht gespeichert werden.';
const NUL = 'Der Text enthält ein Nullzeichen (U+0000) und kann so nicht gespeichert werden.';

// JSON.stringify writes these as the escapes `\ud83d`, `\udc4d` and `\u0000`, exactly as a client could.
const HIGH_HALF = '\ud83d';
const LOW_HALF = '\udc4d';

describe.each(testDatabases())('text that cannot be stored on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let sozialraum: SozialraumDto;

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    sozialraum = await createSozialraum(admin, { name: 'Altenhagen 👋' });
  });

  it('accepts whole emoji: only broken text is refused', () => {
    expect(sozialraum.name).toBe('Altenhagen 👋');
  });

  it('refuses a user with half an emoji in the name or NUL in a key, and stores no one', async () => {
    const email = uniqueEmail('halb');
    const input = { email, password: 'korrekt-pferd-batterie', role: 'member', memberships: [] };
    const response = await admin.post('/api/users', { ...input, name: `Anna ${HIGH_HALF}` });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'name', message: SURROGATE }],
    });
    const key = await admin.post('/api/users', { ...input, name: 'Anna', ['ro\u0000le']: 'x' });
    expect(expectError(key, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'ro\u0000le', message: NUL }],
    });
    const users = await admin.get<UserDto[]>('/api/users');
    expect(users.body.map((user) => user.email)).not.toContain(email);
  });

  it('refuses a Sozialraum whose name holds NUL (PostgreSQL cannot store it)', async () => {
    const response = await admin.post('/api/sozialraeume', { code: 'NUL-1', name: 'Nord\u0000' });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'name', message: NUL }],
    });
    const list = await admin.get<SozialraumDto[]>('/api/sozialraeume');
    expect(list.body.map((s) => s.code)).not.toContain('NUL-1');
  });

  it('names every broken field of a measure, nested ones too, and stores nothing', async () => {
    const before = await admin.get<MeasureDto[]>('/api/measures');
    const response = await admin.post('/api/measures', {
      title: `Quartiersbüro ${LOW_HALF}`,
      description: 'Beratung\u0000',
      sozialraumIds: [sozialraum.id],
      handlungsfelder: ['Bildung', `Wohnen ${HIGH_HALF}`],
    });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [
        { path: 'title', message: SURROGATE },
        { path: 'description', message: NUL },
        { path: 'handlungsfelder.1', message: SURROGATE },
      ],
    });
    const after = await admin.get<MeasureDto[]>('/api/measures');
    expect(after.body).toHaveLength(before.body.length);
  });

  it('refuses NUL in a search query instead of failing in the database', async () => {
    const response = await admin.get('/api/measures?q=B%00ro');
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'q', message: NUL }],
    });
  });

  it('refuses a paper with broken text in its subject or decision proposal', async () => {
    const before = await admin.get<PaperDto[]>('/api/papers');
    const response = await admin.post('/api/papers', {
      type: 'antrag',
      subject: 'Antrag\u0000',
      decisionProposal: ['Der Rat beschließt.', `Punkt ${HIGH_HALF}${HIGH_HALF}`],
    });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [
        { path: 'subject', message: NUL },
        { path: 'decisionProposal.1', message: SURROGATE },
      ],
    });
    const after = await admin.get<PaperDto[]>('/api/papers');
    expect(after.body).toHaveLength(before.body.length);
  });

  it('refuses a body nested 12,000 deep with 400 before any validator recurses, and stores nothing', async () => {
    const depth = 12_000;
    const justification =
      '{"type":"doc","content":[' +
      '{"type":"bulletList","content":['.repeat(depth) +
      ']}'.repeat(depth) +
      ']}';
    const subject = `Tief verschachtelt ${Date.now()}`;
    const body = `{"type":"beschlussvorlage","subject":"${subject}","decisionProposal":["a"],"justification":${justification},"consultations":[]}`;
    const response = await admin.request('POST', '/api/papers', {
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(expectError(response, 400, 'too_deeply_nested').message).toBe(
      'Der Inhalt der Anfrage ist zu tief verschachtelt (höchstens 64 Ebenen).',
    );
    const papers = await admin.get<PaperDto[]>('/api/papers');
    expect(papers.body.map((paper) => paper.subject)).not.toContain(subject);
  });
});
