import type { Queryable } from './connection.ts';

/** Accounts linked to an OpenID Connect provider: (issuer, subject) → user (migration 0011). */
export function userIdentityRepository(sql: Queryable) {
  return {
    /** The account a provider's subject logs into, or null when the subject is new. */
    async findUserId(issuer: string, subject: string): Promise<string | null> {
      const [row] = await sql<{ userId: string }[]>`
        select user_id from user_identity where issuer = ${issuer} and subject = ${subject}`;
      return row?.userId ?? null;
    },

    /** The subject an account is linked to at this issuer, or null. */
    async findSubject(issuer: string, userId: string): Promise<string | null> {
      const [row] = await sql<{ subject: string }[]>`
        select subject from user_identity where issuer = ${issuer} and user_id = ${userId}`;
      return row?.subject ?? null;
    },

    async link(issuer: string, subject: string, userId: string): Promise<void> {
      await sql`insert into user_identity (issuer, subject, user_id) values (${issuer}, ${subject}, ${userId})`;
    },

    async touch(issuer: string, subject: string): Promise<void> {
      await sql`
        update user_identity set last_login_at = now() where issuer = ${issuer} and subject = ${subject}`;
    },
  };
}
