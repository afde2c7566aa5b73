import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import { committeeRepository } from './committee.repository.ts';
import type { Database } from './connection.ts';
import { UniqueViolationError } from './errors.ts';
import { testDatabases } from './testing.ts';

describe.each(testDatabases())('committee repository on $name', ({ open }) => {
  let db: Database;
  let hagen: string;
  let haan: string;

  beforeAll(async () => {
    db = await open();
    hagen = (await bodyRepository(db.sql).create('Stadt Hagen')).id;
    haan = (await bodyRepository(db.sql).create('Stadt Haan')).id;
  });
  afterAll(() => db.close());

  it('lists the council first, then committees, districts and advisory boards, each by name', async () => {
    const repo = committeeRepository(db.sql);
    const created = [
      await repo.create(hagen, { name: 'Seniorenbeirat', kind: 'advisory' }),
      await repo.create(hagen, { name: 'Sozialausschuss', kind: 'committee' }),
      await repo.create(hagen, { name: 'Bezirksvertretung Mitte', kind: 'district' }),
      await repo.create(hagen, { name: 'Jugendhilfeausschuss', kind: 'committee' }),
      await repo.create(hagen, { name: 'Rat der Stadt', kind: 'council' }),
    ];
    expect(created[0]).toEqual({ id: expect.any(String), name: 'Seniorenbeirat', kind: 'advisory' });
    expect((await repo.list(hagen)).map((c) => c.name)).toEqual([
      'Rat der Stadt',
      'Jugendhilfeausschuss',
      'Sozialausschuss',
      'Bezirksvertretung Mitte',
      'Seniorenbeirat',
    ]);
  });

  it('keeps committees per body: names unique within a body, reusable in another', async () => {
    const repo = committeeRepository(db.sql);
    await repo.create(haan, { name: 'Rat der Stadt', kind: 'council' });
    expect((await repo.list(haan)).map((c) => c.name)).toEqual(['Rat der Stadt']);

    const error = await repo
      .create(haan, { name: 'Rat der Stadt', kind: 'council' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).constraint).toBe('committee_body_id_name_uq');
    expect(await repo.list(haan)).toHaveLength(1);
  });
});
