import { createHash } from 'node:crypto';
import { loginThrottleRepository, type Queryable, type Sql, type ThrottlePolicy } from '@quartierplan/db';

/** 5 wrong passwords for one account from one address within 15 minutes lock that pair for 15 minutes. */
export const PAIR_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One address may fail 20 times in 15 minutes (a shared office NAT needs some room). */
export const IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/**
 * Guessing one account's password from many addresses: 50 failures in 15 minutes lock the account, but only
 * for addresses it has not logged in from within {@link KNOWN_ADDRESS_DAYS} days. So nobody can lock a person out
 * of the places they work from, and a distributed guesser still stops.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Wrong current passwords when changing one's own password: 5 in 15 minutes lock the check for 15 minutes. */
export const PASSWORD_CHECK_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
export const KNOWN_ADDRESS_DAYS = 90;

const DAY_MS = 24 * 60 * 60_000;
const PURGE_EVERY_MS = 60 * 60_000;

/** Keys hold no e-mail or client address in clear (data minimisation): only a digest of each part. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 32);
}

const keys = {
  pair: (email: string, ip: string) => `login-pair:${digest(email)}:${digest(ip)}`,
  pairsOf: (email: string) => `login-pair:${digest(email)}:`,
  ip: (ip: string) => `login-ip:${digest(ip)}`,
  account: (email: string) => `login-account:${digest(email)}`,
  known: (email: string, ip: string) => `login-known:${digest(email)}:${digest(ip)}`,
  passwordCheck: (userId: string) => `password-check:${userId}`,
  workshopJoin: (ip: string) => `workshop-join:${digest(ip)}`,
  accessibilityFeedback: (ip: string) => `a11y-feedback:${digest(ip)}`,
};

/** Clears expired counters at most once an hour per process, so the table holds no personal data for long. */
class Purger {
  private last = 0;
  constructor(private readonly repo: ReturnType<typeof loginThrottleRepository>) {}

  async maybe(now: Date): Promise<void> {
    if (now.getTime() - this.last < PURGE_EVERY_MS) return;
    this.last = now.getTime();
    await this.repo.purge(
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY_MS),
      now,
    );
  }
}

/** Login throttling per account and address, shared across instances via the database. */
export class LoginThrottle {
  private readonly repo;
  private readonly purger;

  constructor(sql: Sql) {
    this.repo = loginThrottleRepository(sql);
    this.purger = new Purger(this.repo);
  }

  /** When this account may try again from this address, or null when it may now. */
  async lockedUntil(email: string, ip: string, now = new Date()): Promise<Date | null> {
    const [pair, address, account] = [keys.pair(email, ip), keys.ip(ip), keys.account(email)];
    const locks = await this.repo.locksOf([pair, address, account], now);
    const accountLock = locks.get(account) ?? null;
    const counted = accountLock && !(await this.isKnownAddress(email, ip, now)) ? accountLock : null;
    return latest(latest(locks.get(pair) ?? null, locks.get(address) ?? null), counted);
  }

  async registerFailure(email: string, ip: string, now = new Date()): Promise<Date | null> {
    await this.purger.maybe(now);
    const pair = await this.repo.registerFailure(keys.pair(email, ip), PAIR_POLICY, now);
    const address = await this.repo.registerFailure(keys.ip(ip), IP_POLICY, now);
    const account = await this.repo.registerFailure(keys.account(email), ACCOUNT_POLICY, now);
    const accountLock = account && !(await this.isKnownAddress(email, ip, now)) ? account : null;
    return latest(latest(pair, address), accountLock);
  }

  /**
   * A successful login clears this address's count for the account and remembers the address, in `tx` (the
   * login's transaction, so its writes commit once).
   */
  async registerSuccess(tx: Queryable, email: string, ip: string, now = new Date()): Promise<void> {
    const repo = loginThrottleRepository(tx);
    await Promise.all([repo.reset(keys.pair(email, ip)), repo.remember(keys.known(email, ip), now)]);
  }

  /** A new password (set by an admin or the person): every lock on the account ends. */
  async releaseAccount(email: string): Promise<void> {
    await this.repo.resetPrefix(keys.pairsOf(email));
    await this.repo.reset(keys.account(email));
  }

  /**
   * Key prefixes of every row derived from a person's address or id (erasure): pairs, known addresses, the
   * account counter and the password-check counter.
   */
  keyPrefixesOf(email: string, userId: string): string[] {
    return [
      keys.pairsOf(email),
      `login-known:${digest(email)}:`,
      keys.account(email),
      keys.passwordCheck(userId),
    ];
  }

  /** Deletes expired counters and addresses not used for {@link KNOWN_ADDRESS_DAYS} days (retention). */
  purgeExpired(now = new Date()): Promise<number> {
    return this.repo.purge(
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY_MS),
      now,
    );
  }

  /** When the person may check their current password again (changing it), or null. */
  passwordCheckLockedUntil(userId: string, now = new Date()): Promise<Date | null> {
    return this.repo.lockedUntil(keys.passwordCheck(userId), now);
  }

  registerPasswordCheckFailure(userId: string, now = new Date()): Promise<Date | null> {
    return this.repo.registerFailure(keys.passwordCheck(userId), PASSWORD_CHECK_POLICY, now);
  }

  private isKnownAddress(email: string, ip: string, now: Date): Promise<boolean> {
    return this.repo.rememberedSince(
      keys.known(email, ip),
      new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY_MS),
    );
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
    return this.repo.lockedUntil(keys.workshopJoin(ip), now);
  }

  async registerFailure(ip: string, now = new Date()): Promise<void> {
    await this.repo.registerFailure(keys.workshopJoin(ip), JOIN_POLICY, now);
  }
}

/** Accessibility feedback: 5 messages per address and hour, then the address waits an hour. */
export const FEEDBACK_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/**
 * Feedback sent without an account (`POST /api/accessibility/feedback`), counted per client address in the
 * login_throttle table (as a digest, shared by every instance). Every stored message counts.
 */
export class FeedbackThrottle {
  private readonly repo;

  constructor(sql: Sql) {
    this.repo = loginThrottleRepository(sql);
  }

  /** When the address may send again, or null when it may now. */
  lockedUntil(ip: string, now = new Date()): Promise<Date | null> {
    return this.repo.lockedUntil(keys.accessibilityFeedback(ip), now);
  }

  async register(ip: string, now = new Date()): Promise<void> {
    await this.repo.registerFailure(keys.accessibilityFeedback(ip), FEEDBACK_POLICY, now);
  }
}
