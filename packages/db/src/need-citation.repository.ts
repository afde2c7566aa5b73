import type { Queryable } from './connection.ts';

/** A stored citation: the figure frozen as it was cited, with the citer's current name (null: gone). */
export interface NeedCitationRow {
  id: string;
  documentId: string;
  needId: string;
  indicatorId: string | null;
  indicatorName: string;
  unit: string;
  precision: number;
  sozialraumId: string | null;
  sozialraumName: string;
  /** ISO date. */
  referenceDate: string;
  value: number | null;
  citedById: string | null;
  citedByName: string | null;
  citedAt: Date;
  /** The indicator's source as it is now ('' when the indicator is gone). */
  source: string;
}

export interface NewNeedCitation {
  bodyId: string;
  documentId: string;
  needId: string;
  indicatorId: string;
  indicatorName: string;
  unit: string;
  precision: number;
  sozialraumId: string | null;
  sozialraumName: string;
  referenceDate: string;
  value: number | null;
  citedBy: string;
}

/** An indicator as a citation reads it. */
export interface CitableIndicatorRow {
  id: string;
  name: string;
  unit: string;
  kind: string;
  source: string;
  precision: number;
}

const columns = (sql: Queryable) => sql`
  c.id, c.document_id, c.need_id, c.indicator_id, c.indicator_name, c.unit, c.precision, c.sozialraum_id,
  c.sozialraum_name, to_char(c.reference_date, 'YYYY-MM-DD') as reference_date, c.value::float8 as value,
  c.cited_by as cited_by_id, u.name as cited_by_name, c.cited_at, coalesce(i.source, '') as source`;

/** Needs citing figures (table need_citation, migration 0016): frozen copies that outlive need and indicator. */
export function needCitationRepository(sql: Queryable) {
  return {
    async create(input: NewNeedCitation): Promise<string> {
      const [row] = await sql<{ id: string }[]>`
        insert into need_citation (body_id, document_id, need_id, indicator_id, indicator_name, unit, precision,
          sozialraum_id, sozialraum_name, reference_date, value, cited_by)
        values (${input.bodyId}, ${input.documentId}, ${input.needId}, ${input.indicatorId},
          ${input.indicatorName}, ${input.unit}, ${input.precision}, ${input.sozialraumId}, ${input.sozialraumName},
          ${input.referenceDate}, ${input.value}, ${input.citedBy})
        returning id`;
      return row!.id;
    },

    async find(bodyId: string, documentId: string, id: string): Promise<NeedCitationRow | null> {
      const [row] = await sql<NeedCitationRow[]>`
        select ${columns(sql)} from need_citation c
        left join app_user u on u.id = c.cited_by left join indicator i on i.id = c.indicator_id
        where c.body_id = ${bodyId} and c.document_id = ${documentId} and c.id = ${id}`;
      return row ?? null;
    },

    /** The citations of a needs document (of one need when given), oldest first. */
    async listForDocument(bodyId: string, documentId: string, needId?: string): Promise<NeedCitationRow[]> {
      return sql<NeedCitationRow[]>`
        select ${columns(sql)} from need_citation c
        left join app_user u on u.id = c.cited_by left join indicator i on i.id = c.indicator_id
        where c.body_id = ${bodyId} and c.document_id = ${documentId}
          ${needId === undefined ? sql`` : sql`and c.need_id = ${needId}`}
        order by c.cited_at, c.id`;
    },

    /** The citations of the needs the paper's measures are linked to, with those measures. */
    async listForPaper(
      bodyId: string,
      paperId: string,
    ): Promise<(NeedCitationRow & { needTitle: string; measureId: string; measureTitle: string })[]> {
      return sql<(NeedCitationRow & { needTitle: string; measureId: string; measureTitle: string })[]>`
        select ${columns(sql)}, coalesce(n.title, mn.title, '') as need_title,
               m.id as measure_id, m.title as measure_title
        from paper_measure pm
        join measure m on m.id = pm.measure_id and m.body_id = ${bodyId}
        join measure_need mn on mn.measure_id = m.id
        join need_citation c on c.document_id = mn.document_id and c.need_id = mn.need_id
        left join need n on n.document_id = c.document_id and n.id = c.need_id
        left join app_user u on u.id = c.cited_by left join indicator i on i.id = c.indicator_id
        where pm.paper_id = ${paperId} and c.body_id = ${bodyId}
        order by m.title, c.cited_at, c.id`;
    },

    async delete(bodyId: string, documentId: string, id: string): Promise<boolean> {
      const result = await sql`
        delete from need_citation where body_id = ${bodyId} and document_id = ${documentId} and id = ${id}`;
      return result.count > 0;
    },

    async indicator(bodyId: string, id: string): Promise<CitableIndicatorRow | null> {
      const [row] = await sql<CitableIndicatorRow[]>`
        select id, name, unit, kind, source, precision from indicator where body_id = ${bodyId} and id = ${id}`;
      return row ?? null;
    },

    async setDisclosureThreshold(bodyId: string, threshold: number): Promise<void> {
      await sql`update body set disclosure_threshold = ${threshold} where id = ${bodyId}`;
    },
  };
}
