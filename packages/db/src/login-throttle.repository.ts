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
  };
}
