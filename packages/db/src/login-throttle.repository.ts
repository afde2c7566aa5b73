import type { Queryable } from './connection.ts';

export interface ThrottlePolicy {
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Failed-login counters per key, stored in the database so every instance shares them. */
export function loginThrottleRepository(sql: Queryable) {
  return {
    /** When the key is locked, the time it opens again; otherwise null. */
    async lockedUntil(key: string, now: Date = new Date()): Promise<Date | null> {
      const [row] = await sql<{ lockedUntil: Date | null }[]>`
        select locked_until from login_throttle where key = ${key} and locked_until > ${now}`;
      return row?.lockedUntil ?? null;
    },

    /** The locks among `keys` that hold at `now`, by key: several keys in one round trip. */
    async locksOf(keys: readonly string[], now: Date = new Date()): Promise<Map<string, Date>> {
      const rows = await sql<{ key: string; lockedUntil: Date }[]>`
        select key, locked_until from login_throttle
        where key = any(${keys as string[]}::text[]) and locked_until > ${now}`;
      return new Map(rows.map((r) => [r.key, r.lockedUntil]));
    },

    /**
     * Counts one failure atomically (one upsert, so concurrent attempts cannot both slip
     * under the limit) and returns the lock end when this failure reached the limit.
     */
    async registerFailure(key: string, policy: ThrottlePolicy, now: Date = new Date()): Promise<Date | null> {
      const windowStart = new Date(now.getTime() - policy.windowMs);
      const lockUntil = new Date(now.getTime() + policy.lockMs);
      const [row] = await sql<{ lockedUntil: Date | null }[]>`
        insert into login_throttle as t (key, failures, window_started_at, locked_until)
        values (${key}, 1, ${now}, ${policy.maxFailures <= 1 ? lockUntil : null})
        on conflict on constraint login_throttle_pkey do update set
          failures = case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < ${windowStart} then ${now} else t.window_started_at end,
          locked_until = case
            when (case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end)
              >= ${policy.maxFailures} then ${lockUntil}
            else t.locked_until end
        returning locked_until`;
      const locked = row?.lockedUntil ?? null;
      return locked && locked > now ? locked : null;
    },

    async reset(key: string): Promise<void> {
      await sql`delete from login_throttle where key = ${key}`;
    },

    /** Deletes every key that starts with `prefix` (e.g. all addresses' counters of one account). */
    async resetPrefix(prefix: string): Promise<void> {
      await sql`delete from login_throttle where starts_with(key, ${prefix})`;
    },

    /** Marks `key` as seen now (a remembered fact, e.g. an address an account logged in from). */
    async remember(key: string, now: Date = new Date()): Promise<void> {
      await sql`
        insert into login_throttle (key, failures, window_started_at) values (${key}, 0, ${now})
        on conflict on constraint login_throttle_pkey do update set window_started_at = ${now}`;
    },

    /** Whether `key` was remembered after `since`. */
    async rememberedSince(key: string, since: Date): Promise<boolean> {
      const [row] =
        await sql`select 1 from login_throttle where key = ${key} and window_started_at > ${since}`;
      return row !== undefined;
    },

    /**
     * Deletes rows that no longer count: failure counters whose window started before `countersBefore` and that
     * are not locked, and remembered keys (no failures) last seen before `rememberedBefore`.
     */
    async purge(countersBefore: Date, rememberedBefore: Date, now: Date = new Date()): Promise<number> {
      const rows = await sql`
        delete from login_throttle
        where (failures > 0 and window_started_at < ${countersBefore} and (locked_until is null or locked_until < ${now}))
           or (failures = 0 and window_started_at < ${rememberedBefore})`;
      return rows.count;
    },
  };
}
