import type { CommitteeDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';

describe.each(testDatabases())('committees API on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  let member: ApiClient;

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    member = await loginAs(ctx.server, (await createUser(admin, { role: 'member' })).email);
  });

  it('creates committees (201 {id,name,kind}) and lists them council first, then by kind and name', async () => {
    const inputs = [
      { name: 'Beirat für Menschen mit Behinderungen', kind: 'advisory' },
      { name: 'Sozialausschuss', kind: 'committee' },
      { name: 'Bezirksvertretung Haspe', kind: 'district' },
      { name: 'Rat der Stadt Hagen', kind: 'council' },
      { name: 'Jugendhilfeausschuss', kind: 'committee' },
    ];
    for (const input of inputs) {
      const response = await admin.post<CommitteeDto>('/api/committees', input);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(String), ...input });
    }
    const list = await member.get<CommitteeDto[]>('/api/committees');
    expect(list.status).toBe(200);
    expect(list.body.map((c) => c.name)).toEqual([
      'Rat der Stadt Hagen',
      'Jugendhilfeausschuss',
      'Sozialausschuss',
      'Bezirksvertretung Haspe',
      'Beirat für Menschen mit Behinderungen',
    ]);
  });

  it('refuses a name the body already uses', async () => {
    await admin.post('/api/committees', { name: 'Haupt- und Finanzausschuss', kind: 'committee' });
    const response = await admin.post('/api/committees', {
      name: 'Haupt- und Finanzausschuss',
      kind: 'committee',
    });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'name', message: 'Ein Gremium mit diesem Namen gibt es bereits.' }],
    });
  });

  it('refuses an unknown kind in German', async () => {
    const response = await admin.post('/api/committees', { name: 'Senat', kind: 'senate' });
    expect(expectError(response, 400, 'validation_failed').details).toEqual({
      issues: [{ path: 'kind', message: 'Art muss council, committee, district oder advisory sein.' }],
    });
  });
});
