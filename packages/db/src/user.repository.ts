import type { Access, Membership, Role } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

export interface UserRow {
  id: string;
  bodyId: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
}

export interface UserWithMemberships extends UserRow {
  memberships: Membership[];
}

export interface NewUser {
  bodyId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/** Thrown when a membership names a Sozialraum that is not in the user's body. */
export class ForeignSozialraumError extends Error {
  constructor() {
    super('membership references a Sozialraum outside the body');
    this.name = 'ForeignSozialraumError';
  }
}

const userColumns = (sql: Queryable) => sql`id, body_id, email, name, role, active, created_at`;

/** Users of a body. Every lookup but the login one is scoped by body id. */
export function userRepository(sql: Queryable) {
  async function membershipsOf(userIds: string[]): Promise<Map<string, Membership[]>> {
    const rows = userIds.length
      ? await sql<{ userId: string; sozialraumId: string; access: Access }[]>`
          select m.user_id, m.sozialraum_id, m.access
          from membership m join sozialraum s on s.id = m.sozialraum_id
          where m.user_id = any(${userIds}::uuid[])
          order by s.code`
      : [];
    const map = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
    for (const r of rows) map.get(r.userId)!.push({ sozialraumId: r.sozialraumId, access: r.access });
    return map;
  }

  return {
    async create(user: NewUser): Promise<UserRow> {
      const [row] = await withConstraintErrors(
        () => sql<UserRow[]>`
          insert into app_user (body_id, email, name, role, password_hash)
          values (${user.bodyId}, ${user.email}, ${user.name}, ${user.role}, ${user.passwordHash})
          returning ${userColumns(sql)}`,
      );
      return row!;
    },

    /** For login only: finds the user across bodies by e-mail, with the password hash. */
    /** Every account holding the address, one per body at most (usually one), oldest body first. */
    async findCredentialsByEmail(
      email: string,
    ): Promise<(UserRow & { passwordHash: string; bodyName: string })[]> {
      return sql<(UserRow & { passwordHash: string; bodyName: string })[]>`
        select ${userColumns(sql)}, password_hash,
          (select b.name from body b where b.id = app_user.body_id) as body_name
        from app_user where email = ${email.toLowerCase()}
        order by (select b.created_at from body b where b.id = app_user.body_id), body_id`;
    },

    /** The account with this address in the body (addresses are stored lower-case), or null. */
    async findByEmail(bodyId: string, email: string): Promise<UserRow | null> {
      const [row] = await sql<UserRow[]>`
        select ${userColumns(sql)} from app_user where body_id = ${bodyId} and email = ${email.toLowerCase()}`;
      return row ?? null;
    },

    async findPasswordHash(bodyId: string, id: string): Promise<string | null> {
      const [row] = await sql<{ passwordHash: string }[]>`
        select password_hash from app_user where id = ${id} and body_id = ${bodyId}`;
      return row?.passwordHash ?? null;
    },

    async findById(bodyId: string, id: string): Promise<UserWithMemberships | null> {
      const [row] = await sql<UserRow[]>`
        select ${userColumns(sql)} from app_user where id = ${id} and body_id = ${bodyId}`;
      if (!row) return null;
      return { ...row, memberships: (await membershipsOf([row.id])).get(row.id)! };
    },

    async list(bodyId: string): Promise<UserWithMemberships[]> {
      const rows = await sql<UserRow[]>`
        select ${userColumns(sql)} from app_user where body_id = ${bodyId} order by lower(name), email`;
      const memberships = await membershipsOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, memberships: memberships.get(r.id)! }));
    },

    async memberships(userId: string): Promise<Membership[]> {
      return (await membershipsOf([userId])).get(userId)!;
    },

    async update(
      bodyId: string,
      id: string,
      patch: Partial<Pick<UserRow, 'name' | 'role' | 'active'>>,
    ): Promise<UserRow | null> {
      const columns = (['name', 'role', 'active'] as const).filter((k) => patch[k] !== undefined);
      if (columns.length === 0) return this.findById(bodyId, id);
      const [row] = await sql<UserRow[]>`
        update app_user set ${sql(patch, columns)}, updated_at = now()
        where id = ${id} and body_id = ${bodyId}
        returning ${userColumns(sql)}`;
      return row ?? null;
    },

    async setPasswordHash(bodyId: string, id: string, passwordHash: string): Promise<boolean> {
      const rows = await sql`
        update app_user set password_hash = ${passwordHash}, updated_at = now()
        where id = ${id} and body_id = ${bodyId}`;
      return rows.count === 1;
    },

    /**
     * Replaces a user's memberships. Sozialräume of other bodies are refused, so a caller
     * cannot grant access across bodies; run inside a transaction with the user change.
     */
    async setMemberships(bodyId: string, userId: string, memberships: readonly Membership[]): Promise<void> {
      await sql`delete from membership where user_id = ${userId}`;
      if (memberships.length === 0) return;
      const ids = memberships.map((m) => m.sozialraumId);
      const access = memberships.map((m) => m.access);
      const inserted = await sql`
        insert into membership (user_id, sozialraum_id, access)
        select ${userId}, s.id, input.access
        from unnest(${ids}::uuid[], ${access}::text[]) as input(sozialraum_id, access)
        join sozialraum s on s.id = input.sozialraum_id and s.body_id = ${bodyId}`;
      if (inserted.count !== memberships.length) throw new ForeignSozialraumError();
    },

    async countActiveAdmins(bodyId: string): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from app_user where body_id = ${bodyId} and role = 'admin' and active`;
      return row!.count;
    },
  };
}
