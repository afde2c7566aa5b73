import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './connection.ts';
import { loginThrottleRepository, type ThrottlePolicy } from './login-throttle.repository.ts';
import { testDatabases } from './testing.ts';

const MINUTE = 60_000;
const POLICY: ThrottlePolicy = { maxFailures: 3, windowMs: 10 * MINUTE, lockMs: 5 * MINUTE };
const T0 = new Date('2030-01-01T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe.each(testDatabases())('login throttle repository on $name', ({ open }) => {
  let db: Database;
  let counter = 0;
  const key = () => `account:user${(counter += 1)}@example.org`;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('locks a key when the failures within the window reach the limit', async () => {
    const repo = loginThrottleRepository(db.sql);
    const k = key();
    expect(await repo.registerFailure(k, POLICY, at(0))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(1))).toBeNull();
    expect(await repo.lockedUntil(k, at(1))).toBeNull();

    expect(await repo.registerFailure(k, POLICY, at(2))).toEqual(at(7));
    expect(await repo.lockedUntil(k, at(2))).toEqual(at(7));
    expect(await repo.lockedUntil(k, at(6.99))).toEqual(at(7));
    // The lock ends exactly at its end time.
    expect(await repo.lockedUntil(k, at(7))).toBeNull();
  });

  it('starts counting afresh once the window has passed', async () => {
    const repo = loginThrottleRepository(db.sql);
    const k = key();
    await repo.registerFailure(k, POLICY, at(0));
    await repo.registerFailure(k, POLICY, at(9));
    // 11 minutes after the first failure: the window restarts, so this is failure one of three.
    expect(await repo.registerFailure(k, POLICY, at(11))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(12))).toBeNull();
    expect(await repo.lockedUntil(k, at(12))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(13))).toEqual(at(18));
  });

  it('keeps keys apart', async () => {
    const repo = loginThrottleRepository(db.sql);
    const [locked, other] = [key(), key()];
    for (const minute of [0, 1, 2]) await repo.registerFailure(locked, POLICY, at(minute));
    expect(await repo.lockedUntil(locked, at(3))).toEqual(at(7));
    expect(await repo.lockedUntil(other, at(3))).toBeNull();
    expect(await repo.registerFailure(other, POLICY, at(3))).toBeNull();
    // Several keys in one look-up: only the locks that hold at that time.
    expect(await repo.locksOf([locked, other, key()], at(3))).toEqual(new Map([[locked, at(7)]]));
    expect(await repo.locksOf([locked, other], at(7))).toEqual(new Map());
  });

  it('forgets a key on reset', async () => {
    const repo = loginThrottleRepository(db.sql);
    const k = key();
    for (const minute of [0, 1, 2]) await repo.registerFailure(k, POLICY, at(minute));
    await repo.reset(k);
    expect(await repo.lockedUntil(k, at(3))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(3))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(4))).toBeNull();
    expect(await repo.registerFailure(k, POLICY, at(5))).toEqual(at(10));
  });

  it('locks on the first failure when the policy allows one, in every window', async () => {
    const repo = loginThrottleRepository(db.sql);
    const strict: ThrottlePolicy = { maxFailures: 1, windowMs: 10 * MINUTE, lockMs: 5 * MINUTE };
    const k = key();
    expect(await repo.registerFailure(k, strict, at(0))).toEqual(at(5));
    expect(await repo.registerFailure(k, strict, at(20))).toEqual(at(25));
    expect(await repo.lockedUntil(k, at(21))).toEqual(at(25));
  });

  it('counts concurrent failures without losing any', async () => {
    const repo = loginThrottleRepository(db.sql);
    const k = key();
    const results = await Promise.all([0, 1, 2].map(() => repo.registerFailure(k, POLICY, at(0))));
    expect(results.filter((r) => r !== null)).toEqual([at(5)]);
    expect(await repo.lockedUntil(k, at(1))).toEqual(at(5));
  });

  it('purges counters past their window and remembered keys past their keeping time, never a running lock', async () => {
    const repo = loginThrottleRepository(db.sql);
    const old = key();
    const locked = key();
    const fresh = key();
    const remembered = key();
    const forgotten = key();
    await repo.registerFailure(old, POLICY, at(0));
    for (let i = 0; i < POLICY.maxFailures; i++)
      await repo.registerFailure(locked, { ...POLICY, lockMs: 300 * MINUTE }, at(0));
    await repo.registerFailure(fresh, POLICY, at(100));
    await repo.remember(remembered, at(50));
    await repo.remember(forgotten, at(0));

    await repo.purge(at(60), at(10), at(101));

    expect(await repo.lockedUntil(locked, at(101))).toEqual(at(300));
    expect(await repo.rememberedSince(remembered, at(0))).toBe(true);
    expect(await repo.rememberedSince(forgotten, at(-1))).toBe(false);
    const keys = (await db.sql<{ key: string }[]>`select key from login_throttle`).map((r) => r.key);
    expect(keys).toContain(fresh);
    expect(keys).not.toContain(old);
  });

  it('resets every key with a prefix, and only those', async () => {
    const repo = loginThrottleRepository(db.sql);
    await repo.registerFailure('pair:a:1', POLICY, at(0));
    await repo.registerFailure('pair:a:2', POLICY, at(0));
    await repo.registerFailure('pair:ab:1', POLICY, at(0));
    await repo.resetPrefix('pair:a:');
    const keys = (
      await db.sql<{ key: string }[]>`select key from login_throttle where key like 'pair:%'`
    ).map((r) => r.key);
    expect(keys).toEqual(['pair:ab:1']);
  });
});
