import { loginThrottleRepository, type Sql, type ThrottlePolicy } from '@quartierplan/db';

/** 5 wrong passwords for one account within 15 minutes lock that account for 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One address may fail 20 times in 15 minutes (a shared office NAT needs some room). */
export const IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Login throttling per account and per client address, shared across instances via the database. */
export class LoginThrottle {
  private readonly repo;

  constructor(sql: Sql) {
    this.repo = loginThrottleRepository(sql);
  }

  /** The later of the two lock ends when the account or the address is locked, else null. */
  async lockedUntil(email: string, ip: string, now = new Date()): Promise<Date | null> {
    const [account, address] = await Promise.all([
      this.repo.lockedUntil(`account:${email}`, now),
      this.repo.lockedUntil(`ip:${ip}`, now),
    ]);
    return latest(account, address);
  }

  async registerFailure(email: string, ip: string, now = new Date()): Promise<Date | null> {
    const account = await this.repo.registerFailure(`account:${email}`, ACCOUNT_POLICY, now);
    const address = await this.repo.registerFailure(`ip:${ip}`, IP_POLICY, now);
    return latest(account, address);
  }

  /** A successful login clears the account's counter; the address keeps its count. */
  registerSuccess(email: string): Promise<void> {
    return this.repo.reset(`account:${email}`);
  }
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** Joining a workshop: 10 unknown codes per address and minute lock the address for a minute. */
export const JOIN_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 60_000, lockMs: 60_000 };

/**
 * Workshop join attempts per client address, counted in the login_throttle table so several
 * instances share the count. Only codes that name no open workshop count: a whole room joins
 * through one Wi-Fi (one address), and guessing is what the limit is for.
 */
export class JoinThrottle {
  private readonly repo;

  constructor(sql: Sql) {
    this.repo = loginThrottleRepository(sql);
  }

  /** When the address may try again, or null when it may now. */
  lockedUntil(ip: string, now = new Date()): Promise<Date | null> {
    return this.repo.lockedUntil(`workshop-join:${ip}`, now);
  }

  async registerFailure(ip: string, now = new Date()): Promise<void> {
    await this.repo.registerFailure(`workshop-join:${ip}`, JOIN_POLICY, now);
  }
}
