import type { IndicatorValuesDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

describe.each(testDatabases())('Map figures on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let member: ApiClient;
  let indicatorId: string;
  let a: { id: string; code: string };
  let b: { id: string; code: string };

  beforeAll(async () => {
    const body = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, body.adminEmail);
    a = await createSozialraum(admin, { name: 'A' });
    b = await createSozialraum(admin, { name: 'B' });
    member = await loginAs(
      ctx.server,
      (await createUser(admin, { role: 'member', memberships: [{ sozialraumId: a.id, access: 'view' }] }))
        .email,
    );
    // Values are written by the indicator API (another part of issue #17); here straight into the tables.
    const [row] = await ctx.db.sql<{ id: string }[]>`
      insert into indicator (body_id, name, kind, unit) values (${body.bodyId}, 'Kinder unter 6', 'count', '')
      returning id`;
    indicatorId = row!.id;
    await ctx.db.sql`
      insert into indicator_value (indicator_id, sozialraum_id, reference_date, value) values
        (${indicatorId}, ${a.id}, '2023-12-31', 120), (${indicatorId}, ${b.id}, '2023-12-31', 2),
        (${indicatorId}, null, '2023-12-31', 122), (${indicatorId}, ${a.id}, '2024-12-31', 130)`;
  });

  it('lists indicators with their dates and gives the figures after disclosure control', async () => {
    const list = await admin.get<{ id: string; dates: string[] }[]>('/api/map/indicators');
    expect(list.body).toEqual([
      {
        id: indicatorId,
        name: 'Kinder unter 6',
        unit: '',
        kind: 'count',
        precision: 0,
        dates: ['2023-12-31', '2024-12-31'],
      },
    ]);
    const figures = await admin.get<IndicatorValuesDto>(`/api/map/indicators/${indicatorId}?date=2023-12-31`);
    // 2 is below the threshold; the city total would reveal it, so A (the smallest other cell) goes too.
    expect(figures.body.sozialraeume.find((s) => s.code === b.code)).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(figures.body.sozialraeume.find((s) => s.code === a.code)).toMatchObject({
      value: null,
      suppressed: true,
    });
    // Without a date: the latest.
    const latest = await admin.get<IndicatorValuesDto>(`/api/map/indicators/${indicatorId}`);
    expect(latest.body.date).toBe('2024-12-31');
    expect(latest.body.sozialraeume).toEqual([
      { sozialraumId: a.id, code: a.code, name: 'A', value: 130, suppressed: false },
    ]);
    // A member sees only their Sozialräume.
    const theirs = await member.get<IndicatorValuesDto>(`/api/map/indicators/${indicatorId}?date=2023-12-31`);
    expect(theirs.body.sozialraeume.map((s) => s.code)).toEqual([a.code]);
  });

  it('refuses bad input and strangers', async () => {
    expectError(
      await admin.get(`/api/map/indicators/${indicatorId}?date=31.12.2023`),
      400,
      'validation_failed',
    );
    expectError(
      await admin.get('/api/map/indicators/00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
    );
    expectError(await new ApiClient(ctx.server.origin).get('/api/map/indicators'), 401, 'unauthenticated');
    const other = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    expectError(await other.get(`/api/map/indicators/${indicatorId}`), 404, 'not_found');
    expect((await other.get('/api/map/indicators')).body).toEqual([]);
  });
});
