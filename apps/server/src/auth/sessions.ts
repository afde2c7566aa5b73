import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sessionRepository, type Queryable, type Sql } from '@quartierplan/db';
import type { CurrentUser } from '../http/context.ts';

export interface SessionPolicy {
  /** Sliding expiry: a session unused this long ends. */
  idleMs: number;
  /** Absolute cap from login, however active the session is. */
  maxMs: number;
}

export interface ValidatedSession {
  user: CurrentUser;
  expiresAt: Date;
  /** Set when the expiry moved, so the cookie must be sent again. */
  renewed: boolean;
}

/** 20 random bytes = 160 bits of entropy, base32 so it is cookie-safe (Lucia guide). */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored session id: SHA-256 of the token, so a database leak yields no usable tokens. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Sessions as the Lucia guide describes them, with sliding expiry and an absolute cap. */
export class SessionService {
  private readonly sessions;

  constructor(
    sql: Sql,
    private readonly policy: SessionPolicy,
  ) {
    this.sessions = sessionRepository(sql);
  }

  /**
   * `oidcIdToken`: a single sign-on session keeps the provider's ID token for RP-initiated logout. `within`: the
   * caller's transaction, when the session commits with other writes.
   */
  async create(
    userId: string,
    now = new Date(),
    options: { oidcIdToken?: string; within?: Queryable } = {},
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = generateSessionToken();
    const expiresAt = new Date(now.getTime() + Math.min(this.policy.idleMs, this.policy.maxMs));
    const sessions = options.within ? sessionRepository(options.within) : this.sessions;
    await sessions.insert(sessionIdFromToken(token), userId, expiresAt, options.oidcIdToken ?? null);
    return { token, expiresAt };
  }

  /** Whether the session came from single sign-on, and its ID token (null for unknown sessions). */
  oidcOf(sessionId: string): Promise<{ sso: boolean; idToken: string | null } | null> {
    return this.sessions.findOidc(sessionId);
  }

  /** Resolves a token to its user, or null when the session is unknown, expired or the user inactive. */
  async validate(token: string, now = new Date()): Promise<ValidatedSession | null> {
    const id = sessionIdFromToken(token);
    const session = await this.sessions.findWithUser(id);
    if (!session) return null;
    const hardEnd = session.createdAt.getTime() + this.policy.maxMs;
    if (session.expiresAt.getTime() <= now.getTime() || hardEnd <= now.getTime() || !session.user.active) {
      await this.sessions.delete(id);
      return null;
    }
    let expiresAt = session.expiresAt;
    let renewed = false;
    // Extend only once half the idle period is used up: one write per half period, not per request.
    if (expiresAt.getTime() - now.getTime() < this.policy.idleMs / 2) {
      const next = new Date(Math.min(now.getTime() + this.policy.idleMs, hardEnd));
      if (next.getTime() > expiresAt.getTime()) {
        expiresAt = next;
        renewed = true;
        await this.sessions.extend(id, expiresAt);
      }
    }
    const { user } = session;
    return {
      expiresAt,
      renewed,
      user: {
        id: user.id,
        bodyId: user.bodyId,
        bodyName: user.bodyName,
        email: user.email,
        name: user.name,
        role: user.role,
        memberships: user.memberships,
        sessionId: id,
      },
    };
  }

  invalidate(sessionId: string): Promise<void> {
    return this.sessions.delete(sessionId);
  }

  invalidateAllOf(userId: string): Promise<number> {
    return this.sessions.deleteForUser(userId);
  }
}
