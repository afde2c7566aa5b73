import type { Membership, Role } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

export interface SessionWithUser {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  user: {
    id: string;
    bodyId: string;
    bodyName: string;
    email: string;
    name: string;
    role: Role;
    active: boolean;
    /** Sozialraum memberships (they grant a member's rights), by Sozialraum code; none for other roles. */
    memberships: Membership[];
  };
}

interface SessionJoinRow {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userId: string;
  bodyId: string;
  bodyName: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  memberships: Membership[];
}

/** Session rows; ids are SHA-256 hashes of tokens, never tokens. */
export function sessionRepository(sql: Queryable) {
  return {
    /** `oidcIdToken`: the provider's ID token of a single sign-on session (for RP-initiated logout). */
    async insert(
      id: string,
      userId: string,
      expiresAt: Date,
      oidcIdToken: string | null = null,
    ): Promise<void> {
      await sql`
        insert into session (id, user_id, expires_at, oidc_id_token)
        values (${id}, ${userId}, ${expiresAt}, ${oidcIdToken})`;
    },

    /** Whether the session came from single sign-on, and its ID token; null for an unknown session. */
    async findOidc(id: string): Promise<{ sso: boolean; idToken: string | null } | null> {
      const [row] = await sql<{ oidcIdToken: string | null }[]>`
        select oidc_id_token from session where id = ${id}`;
      return row ? { sso: row.oidcIdToken !== null, idToken: row.oidcIdToken } : null;
    },

    /** Every request validates its session: one round trip brings the user, body and memberships. */
    async findWithUser(id: string): Promise<SessionWithUser | null> {
      const [row] = await sql<SessionJoinRow[]>`
        select s.id, s.created_at, s.expires_at, u.id as user_id, u.body_id, b.name as body_name,
               u.email, u.name, u.role, u.active,
               case when u.role = 'member' then coalesce((
                 select json_agg(json_build_object('sozialraumId', m.sozialraum_id, 'access', m.access)
                                 order by z.code)
                 from membership m join sozialraum z on z.id = m.sozialraum_id
                 where m.user_id = u.id
               ), '[]') else '[]' end as memberships
        from session s
        join app_user u on u.id = s.user_id
        join body b on b.id = u.body_id
        where s.id = ${id}`;
      if (!row) return null;
      const { id: sessionId, createdAt, expiresAt, userId, ...user } = row;
      return { id: sessionId, createdAt, expiresAt, user: { id: userId, ...user } };
    },

    async extend(id: string, expiresAt: Date): Promise<void> {
      await sql`update session set expires_at = ${expiresAt} where id = ${id}`;
    },

    async delete(id: string): Promise<void> {
      await sql`delete from session where id = ${id}`;
    },

    /** Ends every session of a user; returns how many there were. */
    async deleteForUser(userId: string): Promise<number> {
      return (await sql`delete from session where user_id = ${userId}`).count;
    },

    async deleteExpired(now: Date = new Date()): Promise<number> {
      return (await sql`delete from session where expires_at <= ${now}`).count;
    },
  };
}
