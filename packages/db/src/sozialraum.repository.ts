import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

export interface SozialraumRow {
  id: string;
  bodyId: string;
  code: string;
  name: string;
  stadtbezirk: string;
  archived: boolean;
  actionPlanDocumentId: string;
  needsDocumentId: string;
}

export interface NewSozialraum {
  code: string;
  name: string;
  stadtbezirk: string;
}

export interface SozialraumPatch {
  code?: string | undefined;
  name?: string | undefined;
  stadtbezirk?: string | undefined;
  archived?: boolean | undefined;
}

export interface ListSozialraeumeOptions {
  /** Only these ids (a member's memberships); undefined means every Sozialraum of the body. */
  onlyIds?: readonly string[] | undefined;
  includeArchived?: boolean;
}

const select = (sql: Queryable) => sql`
  select s.id, s.body_id, s.code, s.name, s.stadtbezirk, s.archived_at is not null as archived,
         ap.id as action_plan_document_id, nd.id as needs_document_id
  from sozialraum s
  join document ap on ap.sozialraum_id = s.id and ap.kind = 'action_plan'
  join document nd on nd.sozialraum_id = s.id and nd.kind = 'needs'`;

/** Sozialräume of a body, always with their two collaborative documents. */
export function sozialraumRepository(sql: Queryable) {
  return {
    /** Creates the Sozialraum and its action-plan and needs documents in one statement (atomic). */
    async create(bodyId: string, input: NewSozialraum): Promise<SozialraumRow> {
      const [row] = await withConstraintErrors(
        () => sql<{ sozialraumId: string }[]>`
          with created as (
            insert into sozialraum (body_id, code, name, stadtbezirk)
            values (${bodyId}, ${input.code}, ${input.name}, ${input.stadtbezirk})
            returning id, body_id
          )
          insert into document (body_id, sozialraum_id, kind)
          select created.body_id, created.id, kind
          from created, unnest(array['action_plan', 'needs']) as kind
          returning sozialraum_id`,
      );
      return (await this.findById(bodyId, row!.sozialraumId))!;
    },

    /** Ids of the body's Sozialräume by code (archived ones included); unknown codes are left out. */
    async idsByCode(bodyId: string, codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows = await sql<{ id: string; code: string }[]>`
        select id, code from sozialraum where body_id = ${bodyId} and code = any(${codes as string[]}::text[])`;
      return new Map(rows.map((r) => [r.code, r.id]));
    },

    async findById(bodyId: string, id: string): Promise<SozialraumRow | null> {
      const [row] = await sql<SozialraumRow[]>`${select(sql)} where s.id = ${id} and s.body_id = ${bodyId}`;
      return row ?? null;
    },

    async list(bodyId: string, options: ListSozialraeumeOptions = {}): Promise<SozialraumRow[]> {
      const onlyIds = options.onlyIds;
      return sql<SozialraumRow[]>`
        ${select(sql)}
        where s.body_id = ${bodyId}
          ${onlyIds ? sql`and s.id = any(${onlyIds as string[]}::uuid[])` : sql``}
          ${options.includeArchived ? sql`` : sql`and s.archived_at is null`}
        order by s.code`;
    },

    async update(bodyId: string, id: string, patch: SozialraumPatch): Promise<SozialraumRow | null> {
      const columns = (['code', 'name', 'stadtbezirk'] as const).filter((k) => patch[k] !== undefined);
      const archive =
        patch.archived === undefined
          ? sql``
          : patch.archived
            ? sql`, archived_at = coalesce(archived_at, now())`
            : sql`, archived_at = null`;
      // postgres.js picks the `update` column helper only when its own fragment contains the word
      // `update`; nested in a bare `, …` fragment it builds invalid SQL.
      const assign = columns.length
        ? sql`update sozialraum set ${sql(patch, columns)}, updated_at = now()`
        : sql`update sozialraum set updated_at = now()`;
      const updated = await withConstraintErrors(
        () => sql`${assign} ${archive} where id = ${id} and body_id = ${bodyId}`,
      );
      return updated.count === 1 ? this.findById(bodyId, id) : null;
    },
  };
}
