import type { Committee, CommitteeKind } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

/** Committees (Gremien) of a body: reference data for the Beratungsfolge. */
export function committeeRepository(sql: Queryable) {
  return {
    async list(bodyId: string): Promise<Committee[]> {
      return sql<Committee[]>`
        select id, name, kind from committee where body_id = ${bodyId}
        order by array_position(array['council', 'committee', 'district', 'advisory'], kind), name`;
    },
    async create(bodyId: string, input: { name: string; kind: CommitteeKind }): Promise<Committee> {
      const [row] = await withConstraintErrors(
        () => sql<Committee[]>`
          insert into committee (body_id, name, kind) values (${bodyId}, ${input.name}, ${input.kind})
          returning id, name, kind`,
      );
      return row!;
    },
  };
}
