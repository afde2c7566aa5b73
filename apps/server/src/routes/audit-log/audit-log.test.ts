import { testDatabases } from '@quartierplan/db/testing';
import type { AuditEventDto, MeDto, SozialraumDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import {
  createSozialraum,
  createTestBody,
  createUser,
  loginAs,
  PASSWORD,
  uniqueEmail,
  type TestBody,
} from '../../testing/fixtures.ts';
import { completePaper, createPaper, createPaperWorld, releasePaper } from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';

/** The `rel="next"` target of a Link header, or null. */
function nextLink(header: string | null): string | null {
  return header?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
}

describe.each(testDatabases())('audit log on $name', (factory) => {
  const ctx = useTestServer(factory);
  let body: TestBody;
  let admin: ApiClient;
  let nord: SozialraumDto;
  let sued: SozialraumDto;

  beforeAll(async () => {
    body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    nord = await createSozialraum(admin, { name: 'Nordstadt' });
    sued = await createSozialraum(admin, { name: 'Südstadt' });
  });

  async function events(query = '', client = admin): Promise<AuditEventDto[]> {
    const response = await client.get<AuditEventDto[]>(`/api/audit-log${query ? `?${query}` : ''}`);
    expect(response.status, response.text).toBe(200);
    return response.body;
  }

  /** The newest event of a kind about a person. */
  async function latest(kind: string, subjectUserId: string): Promise<AuditEventDto | undefined> {
    return (await events(`kind=${kind}&subjectUserId=${subjectUserId}`))[0];
  }

  it('records logins with the address, and failed logins of known accounts only', async () => {
    const login = await latest('login', body.adminId);
    expect(login).toMatchObject({
      kind: 'login',
      actor: { id: body.adminId, name: expect.any(String) },
      subject: { id: body.adminId },
      address: admin.address,
      details: { method: 'password' },
    });

    const person = await createUser(admin, { role: 'member' });
    const guesser = new ApiClient(ctx.server.origin);
    expect((await guesser.login(person.email, 'falsches-passwort-123')).status).toBe(401);
    expect(await latest('login_failed', person.id)).toMatchObject({
      actor: null,
      subject: { id: person.id },
      address: guesser.address,
      details: { method: 'password', reason: 'wrong_password' },
    });

    // An address that belongs to no account has no body: nothing is recorded anywhere.
    const before = await ctx.db.sql<{ count: number }[]>`select count(*)::int as count from audit_event`;
    expect((await guesser.login(uniqueEmail('niemand'), 'falsches-passwort-123')).status).toBe(401);
    const after = await ctx.db.sql<{ count: number }[]>`select count(*)::int as count from audit_event`;
    expect(after[0]!.count).toBe(before[0]!.count);

    // The failure that starts a lockout says so; attempts refused by the running lockout are not recorded.
    for (let i = 0; i < 4; i += 1) await guesser.login(person.email, 'falsches-passwort-123');
    expect((await latest('login_failed', person.id))?.details).toEqual({
      method: 'password',
      reason: 'wrong_password',
      locked: true,
    });
    const failures = (await events(`kind=login_failed&subjectUserId=${person.id}`)).length;
    expect((await guesser.login(person.email, 'falsches-passwort-123')).status).toBe(429);
    expect(await events(`kind=login_failed&subjectUserId=${person.id}`)).toHaveLength(failures);

    // A deactivated account's correct password is a failed login too, told apart in the details.
    const other = new ApiClient(ctx.server.origin);
    await admin.patch(`/api/users/${person.id}`, { active: false });
    expect((await other.login(person.email, PASSWORD)).status).toBe(401);
    expect((await latest('login_failed', person.id))?.details).toEqual({
      method: 'password',
      reason: 'inactive',
    });
  });

  it('records the first admin, created on the command line, with no actor', async () => {
    expect(await latest('user_created', body.adminId)).toMatchObject({
      actor: null,
      subject: { id: body.adminId },
      details: { role: 'admin' },
    });
  });

  it('records logout and the own password change', async () => {
    const person = await createUser(admin, { role: 'member' });
    const client = await loginAs(ctx.server, person.email);
    const changed = await client.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'ein-ganz-neues-passwort',
    });
    expect(changed.status).toBe(204);
    expect(await latest('password_changed', person.id)).toMatchObject({
      actor: { id: person.id },
      subject: { id: person.id },
      address: null,
    });
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect(await latest('logout', person.id)).toMatchObject({ actor: { id: person.id } });
  });

  it('records what admins do to accounts: creation, role, (de)activation, memberships, password reset', async () => {
    const person = await createUser(admin, {
      role: 'member',
      name: 'Pia Protokoll',
      memberships: [{ sozialraumId: nord.id, access: 'edit' }],
    });
    expect(await latest('user_created', person.id)).toMatchObject({
      actor: { id: body.adminId },
      subject: { id: person.id, name: 'Pia Protokoll' },
      details: { role: 'member' },
    });
    expect(await latest('membership_changed', person.id)).toMatchObject({
      details: { sozialraumId: nord.id, from: null, to: 'edit' },
    });

    await admin.patch(`/api/users/${person.id}`, { role: 'clerk' });
    expect((await latest('role_changed', person.id))?.details).toEqual({ from: 'member', to: 'clerk' });
    // The same role again changes nothing and records nothing.
    await admin.patch(`/api/users/${person.id}`, { role: 'clerk' });
    expect(await events(`kind=role_changed&subjectUserId=${person.id}`)).toHaveLength(1);

    await admin.patch(`/api/users/${person.id}`, { active: false });
    expect(await latest('user_deactivated', person.id)).toMatchObject({ actor: { id: body.adminId } });
    await admin.patch(`/api/users/${person.id}`, { active: true });
    expect(await latest('user_reactivated', person.id)).toMatchObject({ actor: { id: body.adminId } });

    const before = await events(`kind=membership_changed&subjectUserId=${person.id}`);
    const put = await admin.put(`/api/users/${person.id}/memberships`, {
      memberships: [{ sozialraumId: sued.id, access: 'comment' }],
    });
    expect(put.status).toBe(200);
    const changes = (await events(`kind=membership_changed&subjectUserId=${person.id}`)).slice(
      0,
      -before.length,
    );
    expect(
      changes
        .map((e) => e.details)
        .sort((a, b) => String(a.sozialraumId).localeCompare(String(b.sozialraumId))),
    ).toEqual(
      [
        { sozialraumId: nord.id, from: 'edit', to: null },
        { sozialraumId: sued.id, from: null, to: 'comment' },
      ].sort((a, b) => a.sozialraumId.localeCompare(b.sozialraumId)),
    );
    await admin.put(`/api/users/${person.id}/memberships`, {
      memberships: [{ sozialraumId: sued.id, access: 'view' }],
    });
    expect((await latest('membership_changed', person.id))?.details).toEqual({
      sozialraumId: sued.id,
      from: 'comment',
      to: 'view',
    });

    expect(
      (await admin.post(`/api/users/${person.id}/password`, { password: 'neues-passwort-vom-admin' })).status,
    ).toBe(204);
    expect(await latest('password_reset', person.id)).toMatchObject({ actor: { id: body.adminId } });
  });

  it('records a paper release with its reference in the body of the paper', async () => {
    const world = await createPaperWorld(ctx);
    const paper = await releasePaper(world.admin, (await createPaper(world.admin, completePaper(world))).id);
    const me = (await world.admin.get<MeDto>('/api/me')).body;
    const [event] = await events('kind=paper_released', world.admin);
    expect(event).toMatchObject({
      actor: { id: me.id },
      subject: null,
      details: { paperId: paper.id, reference: paper.reference },
    });
    // Another body's release is not in this body's log.
    expect((await events('kind=paper_released')).some((e) => e.details.paperId === paper.id)).toBe(false);
  });

  it('records an edit of the accessibility statement as settings_changed', async () => {
    // The first body of this database is the oldest: its admins keep the statement.
    expect(
      (await admin.put('/api/accessibility', { statement: '## Stand\nTeilweise vereinbar.' })).status,
    ).toBe(200);
    const [event] = await events('kind=settings_changed');
    expect(event).toMatchObject({
      actor: { id: body.adminId },
      details: { setting: 'accessibility_statement' },
    });
  });

  it('filters by kind, actor, subject and days', async () => {
    const person = await createUser(admin, { role: 'member' });
    await loginAs(ctx.server, person.email);
    const byActor = await events(`actorId=${person.id}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor?.id === person.id)).toBe(true);
    const bySubject = await events(`subjectUserId=${person.id}`);
    expect(new Set(bySubject.map((e) => e.kind))).toEqual(new Set(['user_created', 'login']));
    expect((await events('kind=login')).every((e) => e.kind === 'login')).toBe(true);

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(await events(`subjectUserId=${person.id}&from=${today}&to=${today}`)).toHaveLength(
      bySubject.length,
    );
    expect(await events(`subjectUserId=${person.id}&to=2020-01-01`)).toEqual([]);
    expect(await events(`subjectUserId=${person.id}&from=2999-01-01`)).toEqual([]);
    // Upper-case ids name the same person.
    expect(await events(`subjectUserId=${person.id.toUpperCase()}`)).toHaveLength(bySubject.length);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['kind=erfunden', 'kind'],
      ['actorId=42', 'actorId'],
      ['subjectUserId=x', 'subjectUserId'],
      ['from=2026-02-31', 'from'],
      ['to=heute', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'to'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=2026-01-01T00:00:00.000000Z_abc', 'cursor'],
      ['cursor=2026-02-30T00:00:00.000000Z_1', 'cursor'],
    ]) {
      const error = expectError(await admin.get(`/api/audit-log?${query}`), 400, 'validation_failed');
      expect((error.details as { issues: { path: string }[] }).issues[0]!.path, query).toBe(field);
    }
  });

  it('pages newest first without skipping or repeating, even for events of the same microsecond', async () => {
    const other = await createTestBody(ctx.db.sql);
    const otherAdmin = await loginAs(ctx.server, other.adminEmail);
    // Thirty events, ten of them at one instant: only the id tells those apart.
    await ctx.db.sql`
      insert into audit_event (body_id, kind, actor_id, at)
      select ${other.bodyId}, 'settings_changed', ${other.adminId},
             case when n <= 10 then timestamptz '2026-03-01 10:00:00.123456+00'
                  else timestamptz '2026-03-01 10:00:00+00' + n * interval '1 microsecond' end
      from generate_series(1, 30) n`;
    const all = await events('kind=settings_changed&limit=200', otherAdmin);
    expect(all).toHaveLength(30);
    const seen: string[] = [];
    let next: string | null = '/api/audit-log?kind=settings_changed&limit=7';
    let pages = 0;
    while (next) {
      const response = await otherAdmin.get<AuditEventDto[]>(next);
      expect(response.status).toBe(200);
      seen.push(...response.body.map((e) => e.id));
      next = nextLink(response.headers.get('link'));
      if (next) expect(next).toContain('kind=settings_changed');
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(all.map((e) => e.id));
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is for admins of the body only', async () => {
    expectError(await new ApiClient(ctx.server.origin).get('/api/audit-log'), 401, 'unauthenticated');
    for (const role of ['member', 'clerk'] as const) {
      const user = await createUser(admin, { role });
      const client = await loginAs(ctx.server, user.email);
      expectError(await client.get('/api/audit-log'), 403, 'forbidden');
      // Authorisation before validation: a bad filter tells them nothing either.
      expectError(await client.get('/api/audit-log?kind=erfunden'), 403, 'forbidden');
    }
    const other = await createTestBody(ctx.db.sql);
    const otherAdmin = await loginAs(ctx.server, other.adminEmail);
    const mine = new Set((await events('limit=200')).map((e) => e.id));
    const theirs = await events('limit=200', otherAdmin);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((e) => mine.has(e.id))).toBe(false);
    expect(await events(`actorId=${body.adminId}`, otherAdmin)).toEqual([]);
    expect(await events(`subjectUserId=${body.adminId}`, otherAdmin)).toEqual([]);
  });

  it('is append-only in the database: UPDATE and DELETE fail outside a sanctioned erasure', async () => {
    const sql = ctx.db.sql;
    await expect(sql`update audit_event set address = null where body_id = ${body.bodyId}`).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_event where body_id = ${body.bodyId}`).rejects.toThrow(/append-only/);
    await expect(
      sql.begin(async (tx) => {
        await tx`select set_config('quartierplan.sanctioned_erasure', 'off', true)`;
        await tx`update audit_event set details = '{}' where body_id = ${body.bodyId}`;
      }),
    ).rejects.toThrow(/append-only/);
    const [before] = await sql<{ count: number }[]>`
      select count(*)::int as count from audit_event where body_id = ${body.bodyId} and address is not null`;
    expect(before!.count).toBeGreaterThan(0);
    // The sanctioned path (erasure, retention) sets the flag for its own transaction only.
    await sql.begin(async (tx) => {
      await tx`select set_config('quartierplan.sanctioned_erasure', 'on', true)`;
      await tx`update audit_event set address = null where body_id = ${body.bodyId}`;
    });
    const [after] = await sql<{ count: number }[]>`
      select count(*)::int as count from audit_event where body_id = ${body.bodyId} and address is not null`;
    expect(after!.count).toBe(0);
    await expect(
      sql`update audit_event set address = '1.2.3.4' where body_id = ${body.bodyId}`,
    ).rejects.toThrow(/append-only/);
  });
});
