import type { Queryable } from './connection.ts';

/** The released, public paper that decided a measure, as the transparency page links it. */
export interface PublicPaperLink {
  measureId: string;
  id: string;
  reference: string;
  subject: string;
}

export interface LatestReport {
  measureId: string;
  date: string;
  text: string;
  progress: number;
}

/** What the public transparency page reads beyond the measures (no session: nothing but what is public). */
export function publicMeasureRepository(sql: Queryable) {
  return {
    /**
     * Per measure, one released public paper linked to it: the one whose reference the measure's decision
     * names, else the most recent.
     */
    async decidingPapers(bodyId: string, measureIds: readonly string[]): Promise<PublicPaperLink[]> {
      if (measureIds.length === 0) return [];
      return sql<PublicPaperLink[]>`
        select distinct on (pm.measure_id) pm.measure_id, p.id, p.reference, p.subject
        from paper_measure pm
        join paper p on p.id = pm.paper_id
        join measure m on m.id = pm.measure_id
        where p.body_id = ${bodyId} and p.status = 'released' and p.public
          and pm.measure_id = any(${measureIds as string[]}::uuid[])
        order by pm.measure_id, (p.reference = m.paper_reference) desc nulls last, p.date desc,
          p.released_at desc, p.id`;
    },

    /** The newest report of each measure (date, then creation). */
    async latestReports(measureIds: readonly string[]): Promise<LatestReport[]> {
      if (measureIds.length === 0) return [];
      return sql<LatestReport[]>`
        select distinct on (r.measure_id) r.measure_id, r.report_date as date, r.text, r.progress
        from measure_report r
        where r.measure_id = any(${measureIds as string[]}::uuid[])
        order by r.measure_id, r.report_date desc, r.created_at desc, r.id desc`;
    },

    /**
     * A paper anyone may download: released, public, and linked to at least one public measure of its body.
     * Its body and those public measures' ids; null for anything else.
     */
    async exportablePaper(paperId: string): Promise<{ bodyId: string; publicMeasureIds: string[] } | null> {
      const [row] = await sql<{ bodyId: string; publicMeasureIds: string[] }[]>`
        select p.body_id, array_agg(m.id::text order by m.id) as public_measure_ids
        from paper p
        join paper_measure pm on pm.paper_id = p.id
        join measure m on m.id = pm.measure_id and m.body_id = p.body_id and m.public
        where p.id = ${paperId} and p.status = 'released' and p.public
        group by p.body_id`;
      return row ?? null;
    },
  };
}
