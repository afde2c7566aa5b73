import type { Role } from '@quartierplan/domain';
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
}

/** Session rows; ids are SHA-256 hashes of tokens, never tokens. */
export function sessionRepository(sql: Queryable) {
  return {
    async insert(id: string, userId: string, expiresAt: Date): Promise<void> {
      await sql`insert into session (id, user_id, expires_at) values (${id}, ${userId}, ${expiresAt})`;
    },

    async findWithUser(id: string): Promise<SessionWithUser | null> {
      const [row] = await sql<SessionJoinRow[]>`
        select s.id, s.created_at, s.expires_at, u.id as user_id, u.body_id, b.name as body_name,
               u.email, u.name, u.role, u.active
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
