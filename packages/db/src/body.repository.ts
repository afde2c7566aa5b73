import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

export interface BodyRow {
  id: string;
  name: string;
  createdAt: Date;
}

/** Bodies (municipalities): the tenants of an installation. */
export function bodyRepository(sql: Queryable) {
  return {
    async create(name: string): Promise<BodyRow> {
      const [row] = await withConstraintErrors(
        () => sql<BodyRow[]>`insert into body (name) values (${name}) returning id, name, created_at`,
      );
      return row!;
    },
    async findById(id: string): Promise<BodyRow | null> {
      const [row] = await sql<BodyRow[]>`select id, name, created_at from body where id = ${id}`;
      return row ?? null;
    },
    async findByName(name: string): Promise<BodyRow | null> {
      const [row] = await sql<BodyRow[]>`select id, name, created_at from body where name = ${name}`;
      return row ?? null;
    },
    /** The installation's body when there is exactly one, else null. */
    async findOnly(): Promise<BodyRow | null> {
      const rows = await sql<BodyRow[]>`select id, name, created_at from body order by created_at limit 2`;
      return rows.length === 1 ? rows[0]! : null;
    },
    async count(): Promise<number> {
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from body`;
      return row!.count;
    },
  };
}
