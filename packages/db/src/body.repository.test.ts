import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyRepository } from './body.repository.ts';
import type { Database } from './connection.ts';
import { UniqueViolationError } from './errors.ts';
import { testDatabases } from './testing.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testDatabases())('body repository on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('creates a body and finds it by id and by name', async () => {
    const bodies = bodyRepository(db.sql);
    const before = new Date();
    const created = await bodies.create('Stadt Hagen');
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Stadt Hagen',
      createdAt: expect.any(Date),
    });
    expect(created.createdAt.getTime()).toBeGreaterThan(before.getTime() - 60_000);
    expect(await bodies.findById(created.id)).toEqual(created);
    expect(await bodies.findByName('Stadt Hagen')).toEqual(created);
  });

  it('answers null for unknown bodies', async () => {
    const bodies = bodyRepository(db.sql);
    expect(await bodies.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await bodies.findByName('Nirgendwo')).toBeNull();
  });

  it('refuses a second body with the same name as a typed error', async () => {
    const bodies = bodyRepository(db.sql);
    await bodies.create('Stadt Haan');
    const error = await bodies.create('Stadt Haan').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).constraint).toBe('body_name_uq');
  });

  it('counts the bodies of the installation', async () => {
    const bodies = bodyRepository(db.sql);
    const before = await bodies.count();
    await bodies.create('Stadt Schwelm');
    expect(await bodies.count()).toBe(before + 1);
  });
});
