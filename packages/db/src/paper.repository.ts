import type {
  ConsultationResult,
  ConsultationRole,
  KeysetCursor,
  Paper,
  PaperEvent,
  PaperStatus,
  PaperType,
  ReferenceFormat,
} from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import type { DocumentRow } from './document.repository.ts';
import { withConstraintErrors } from './errors.ts';

/** The editable content of a paper (everything but identity, reference, status and links). */
export type PaperContent = Pick<
  Paper,
  | 'type'
  | 'public'
  | 'originatingOffice'
  | 'participatingOffices'
  | 'subject'
  | 'decisionProposalIntro'
  | 'decisionProposal'
  | 'summary'
  | 'justification'
  | 'disabilityImpact'
  | 'climateImpact'
  | 'financialImpact'
  | 'signatures'
>;

/** A Beratungsfolge line to write; its position is its index in the list. */
export interface ConsultationWrite {
  committeeId: string;
  meetingId: string | null;
  date: string;
  role: ConsultationRole;
}

/** What the paper list narrows to (all optional; see `listPapersQuerySchema`). */
export interface PaperListFilter {
  /** Part of the reference or the subject, any case. */
  q?: string | undefined;
  type?: PaperType | undefined;
  status?: PaperStatus | undefined;
  /** Papers with a consultation in this committee. */
  committeeId?: string | undefined;
  /** The year of the Drucksachennummer. */
  year?: number | undefined;
}

/** `q` as a LIKE pattern that matches its characters literally, anywhere in the text. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What creating a paper writes besides its content. */
export interface NewPaper {
  reference: string;
  year: number;
  sequence: number;
  date: string;
  supplementTo: string | null;
  createdBy: string;
}

interface RawPaper extends Omit<Paper, 'createdAt' | 'updatedAt' | 'releasedAt' | 'measureIds'> {
  createdAt: Date;
  updatedAt: Date;
  releasedAt: Date | null;
  /** created_at to the microsecond, which a JS Date cannot hold: the list's keyset must not skip or repeat. */
  createdAtExact: string;
}

function toRecord({ createdAtExact: _exact, ...row }: RawPaper): Paper {
  return {
    ...row,
    measureIds: row.measures.map((m) => m.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
  };
}

const select = (sql: Queryable) => sql`
  select p.id, p.body_id, p.type, p.status, p.reference, p.date, p.public, p.originating_office,
    p.participating_offices, p.subject, p.decision_proposal_intro, p.decision_proposal, p.summary,
    p.justification, p.disability_impact, p.climate_impact, p.financial_impact, p.signatures,
    p.version, p.created_at, p.updated_at, p.released_at,
    to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at_exact,
    (select json_build_object('id', s.id, 'reference', s.reference) from paper s where s.id = p.supplement_to)
      as supplement_to,
    coalesce((
      select json_agg(
        json_build_object('id', s.id, 'reference', s.reference, 'released', s.status = 'released')
        order by s.created_at)
      from paper s where s.supplement_to = p.id
    ), '[]') as supplements,
    coalesce((
      select json_agg(json_build_object(
        'id', pc.id,
        'committee', json_build_object('id', c.id, 'name', c.name, 'kind', c.kind),
        'meeting', case when mt.id is null then null else json_build_object('id', mt.id,
          'date', to_char(mt.date, 'YYYY-MM-DD'), 'startTime', mt.start_time, 'location', mt.location) end,
        'date', to_char(pc.date, 'YYYY-MM-DD'), 'role', pc.role, 'order', pc.position,
        'result', pc.result, 'resultDate', to_char(pc.result_date, 'YYYY-MM-DD'),
        'minutes', pc.minutes
      ) order by pc.position)
      from paper_consultation pc
      join committee c on c.id = pc.committee_id
      left join meeting mt on mt.id = pc.meeting_id
      where pc.paper_id = p.id
    ), '[]') as consultations,
    coalesce((
      select json_agg(json_build_object(
        'id', m.id, 'title', m.title, 'status', m.status, 'cityWide', m.city_wide,
        'sozialraeume', coalesce((
          select json_agg(json_build_object('id', s.id, 'code', s.code, 'name', s.name) order by s.code)
          from measure_sozialraum ms join sozialraum s on s.id = ms.sozialraum_id
          where ms.measure_id = m.id
        ), '[]')
      ) order by pm.position)
      from paper_measure pm join measure m on m.id = pm.measure_id
      where pm.paper_id = p.id
    ), '[]') as measures
  from paper p`;

/**
 * Papers (Vorlagen) of a body. Writes must run in a transaction the caller opened, so a paper, its
 * Beratungsfolge and its measure links commit together; `lock` the row before changing it.
 */
export function paperRepository(sql: Queryable) {
  // Values here are validated plain JSON; postgres.js wants its own JSON type.
  const json = (value: unknown) => sql.json(value as Parameters<Queryable['json']>[0]);
  const nullableJson = (value: unknown) => (value === null || value === undefined ? null : json(value));

  const repo = {
    async referenceFormat(bodyId: string): Promise<ReferenceFormat> {
      const [row] = await sql<{ paperReferenceFormat: ReferenceFormat }[]>`
        select paper_reference_format from body where id = ${bodyId}`;
      return row?.paperReferenceFormat ?? 'NNNN/YYYY';
    },

    async setReferenceFormat(bodyId: string, format: ReferenceFormat): Promise<void> {
      await sql`update body set paper_reference_format = ${format} where id = ${bodyId}`;
    },

    /**
     * The next sequence number of the body and year. The upsert locks the counter row until the
     * caller's transaction ends, so concurrent papers wait for each other and never share a number;
     * a rolled-back paper gives its number back.
     */
    async allocateSequence(bodyId: string, year: number): Promise<number> {
      const [row] = await sql<{ lastSequence: number }[]>`
        insert into paper_reference_counter (body_id, year, last_sequence) values (${bodyId}, ${year}, 1)
        on conflict (body_id, year)
        do update set last_sequence = paper_reference_counter.last_sequence + 1
        returning last_sequence`;
      return row!.lastSequence;
    },

    async findById(bodyId: string, id: string): Promise<Paper | null> {
      const [row] = await sql<RawPaper[]>`${select(sql)} where p.id = ${id} and p.body_id = ${bodyId}`;
      return row ? toRecord(row) : null;
    },

    /** Locks the paper row for the rest of the transaction, then reads it. */
    async lock(bodyId: string, id: string): Promise<Paper | null> {
      const [locked] = await sql`select id from paper where id = ${id} and body_id = ${bodyId} for update`;
      return locked ? repo.findById(bodyId, id) : null;
    },

    /**
     * Full records of the body, newest first (the API filters them per user): all of them, or `page.limit`
     * after `page.cursor` (the `cursor` of the last record of the previous page).
     */
    async listRecords(
      bodyId: string,
      filter: PaperListFilter = {},
      page?: { limit: number; cursor?: KeysetCursor | undefined },
    ): Promise<(Paper & { cursor: KeysetCursor })[]> {
      const cursor = page?.cursor;
      const q = filter.q?.trim();
      const rows = await sql<RawPaper[]>`
        ${select(sql)} where p.body_id = ${bodyId}
          ${filter.status ? sql`and p.status = ${filter.status}` : sql``}
          ${filter.type ? sql`and p.type = ${filter.type}` : sql``}
          ${filter.year ? sql`and p.year = ${filter.year}` : sql``}
          ${
            q
              ? // lower() on both sides, not ilike alone: the same answer for umlauts under any collation.
                sql`and (lower(p.reference) like lower(${containsPattern(q)})
                  or lower(p.subject) like lower(${containsPattern(q)}))`
              : sql``
          }
          ${
            filter.committeeId
              ? sql`and exists (select 1 from paper_consultation fc
                  where fc.paper_id = p.id and fc.committee_id = ${filter.committeeId})`
              : sql``
          }
          ${
            cursor
              ? // As text: a JS Date would drop the microseconds the keyset needs.
                sql`and (p.created_at, p.id) < (${cursor.at}::text::timestamptz, ${cursor.id}::uuid)`
              : sql``
          }
        order by p.created_at desc, p.id desc
        ${page ? sql`limit ${page.limit}` : sql``}`;
      return rows.map((row) => ({ ...toRecord(row), cursor: { at: row.createdAtExact, id: row.id } }));
    },

    async create(
      bodyId: string,
      content: PaperContent,
      meta: NewPaper,
      consultations: readonly ConsultationWrite[],
      measureIds: readonly string[],
    ): Promise<Paper> {
      const [row] = await withConstraintErrors(
        () => sql<{ id: string }[]>`
          insert into paper (body_id, type, reference, year, sequence, date, public, originating_office,
            participating_offices, subject, decision_proposal_intro, decision_proposal, summary,
            justification, disability_impact, climate_impact, financial_impact, signatures,
            supplement_to, created_by)
          values (${bodyId}, ${content.type}, ${meta.reference}, ${meta.year}, ${meta.sequence},
            ${meta.date}, ${content.public}, ${content.originatingOffice},
            ${json(content.participatingOffices)}, ${content.subject}, ${content.decisionProposalIntro},
            ${json(content.decisionProposal)}, ${content.summary}, ${nullableJson(content.justification)},
            ${nullableJson(content.disabilityImpact)}, ${nullableJson(content.climateImpact)},
            ${nullableJson(content.financialImpact)}, ${json(content.signatures)}, ${meta.supplementTo},
            ${meta.createdBy})
          returning id`,
      );
      await repo.replaceConsultations(row!.id, consultations);
      await repo.replaceMeasures(row!.id, measureIds);
      return (await repo.findById(bodyId, row!.id))!;
    },

    /** Writes the content and bumps the version; lists are replaced when given. */
    async update(
      before: Paper,
      content: PaperContent,
      consultations: readonly ConsultationWrite[] | null,
      measureIds: readonly string[] | null,
    ): Promise<Paper> {
      await sql`
        update paper set type = ${content.type}, public = ${content.public},
          originating_office = ${content.originatingOffice},
          participating_offices = ${json(content.participatingOffices)}, subject = ${content.subject},
          decision_proposal_intro = ${content.decisionProposalIntro},
          decision_proposal = ${json(content.decisionProposal)}, summary = ${content.summary},
          justification = ${nullableJson(content.justification)},
          disability_impact = ${nullableJson(content.disabilityImpact)},
          climate_impact = ${nullableJson(content.climateImpact)},
          financial_impact = ${nullableJson(content.financialImpact)},
          signatures = ${json(content.signatures)}, version = version + 1, updated_at = now()
        where id = ${before.id} and body_id = ${before.bodyId}`;
      if (consultations) await repo.replaceConsultations(before.id, consultations);
      if (measureIds) await repo.replaceMeasures(before.id, measureIds);
      return (await repo.findById(before.bodyId, before.id))!;
    },

    async replaceConsultations(paperId: string, list: readonly ConsultationWrite[]): Promise<void> {
      await sql`delete from paper_consultation where paper_id = ${paperId}`;
      if (list.length === 0) return;
      await withConstraintErrors(
        () =>
          sql`insert into paper_consultation ${sql(
            list.map((c, position) => ({
              paperId,
              committeeId: c.committeeId,
              meetingId: c.meetingId,
              date: c.date,
              role: c.role,
              position,
            })),
            'paperId',
            'committeeId',
            'meetingId',
            'date',
            'role',
            'position',
          )}`,
      );
    },

    async replaceMeasures(paperId: string, measureIds: readonly string[]): Promise<void> {
      await sql`delete from paper_measure where paper_id = ${paperId}`;
      if (measureIds.length === 0) return;
      await withConstraintErrors(
        () =>
          sql`insert into paper_measure ${sql(
            measureIds.map((measureId, position) => ({ paperId, measureId, position })),
            'paperId',
            'measureId',
            'position',
          )}`,
      );
    },

    /** Freezes the paper: status, release date (also the paper's date) and version + 1. */
    async release(before: Paper, userId: string, date: string): Promise<Paper> {
      await sql`
        update paper set status = 'released', released_at = now(), released_by = ${userId}, date = ${date},
          version = version + 1, updated_at = now()
        where id = ${before.id} and body_id = ${before.bodyId} and status = 'draft'`;
      return (await repo.findById(before.bodyId, before.id))!;
    },

    /**
     * Records a committee's result on one line (with its minutes when given: null removes them, undefined
     * keeps them); bumps the paper's version so caches see it.
     */
    async recordResult(
      paper: Paper,
      consultationId: string,
      result: ConsultationResult,
      date: string,
      userId: string,
      minutes?: string | null,
    ): Promise<Paper> {
      await sql`
        update paper_consultation set result = ${result}, result_date = ${date}, result_by = ${userId},
          result_at = now()
          ${minutes === undefined ? sql`` : sql`, minutes = ${minutes}`}
        where id = ${consultationId} and paper_id = ${paper.id}`;
      await sql`update paper set version = version + 1, updated_at = now() where id = ${paper.id}`;
      return (await repo.findById(paper.bodyId, paper.id))!;
    },

    /** Sets (null: removes) the "Auszug aus der Niederschrift" of one line; bumps the paper's version. */
    async setMinutes(paper: Paper, consultationId: string, minutes: string | null): Promise<Paper> {
      await sql`
        update paper_consultation set minutes = ${minutes}
        where id = ${consultationId} and paper_id = ${paper.id}`;
      await sql`update paper set version = version + 1, updated_at = now() where id = ${paper.id}`;
      return (await repo.findById(paper.bodyId, paper.id))!;
    },

    /**
     * Deletes a draft with its Beratungsfolge and measure links and appends the audit record, in the
     * caller's transaction. The reference counter is left alone: the number stays used.
     */
    async deleteDraft(paper: Paper, actor: { id: string; name: string }): Promise<void> {
      await sql`
        insert into paper_event (body_id, paper_id, kind, reference, subject, actor_id, actor_name)
        values (${paper.bodyId}, ${paper.id}, 'deleted', ${paper.reference}, ${paper.subject}, ${actor.id},
          ${actor.name})`;
      await sql`delete from paper where id = ${paper.id} and body_id = ${paper.bodyId} and status = 'draft'`;
    },

    /** The body's paper audit trail, newest first. */
    async events(bodyId: string): Promise<PaperEvent[]> {
      const rows = await sql<
        {
          id: string;
          paperId: string;
          reference: string;
          subject: string;
          actorId: string | null;
          actorName: string;
          at: Date;
        }[]
      >`
        select id::text, paper_id, reference, subject, actor_id, actor_name, created_at as at
        from paper_event where body_id = ${bodyId} order by id desc`;
      return rows.map(({ actorId, actorName, at, ...rest }) => ({
        ...rest,
        kind: 'deleted',
        actor: { id: actorId, name: actorName },
        at: at.toISOString(),
      }));
    },

    /** Which of the committees belong to the body. */
    async existingCommitteeIds(bodyId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await sql<{ id: string }[]>`
        select id from committee where body_id = ${bodyId} and id in ${sql(ids)}`;
      return rows.map((r) => r.id);
    },

    /** Which of the measures belong to the body. */
    async existingMeasureIds(bodyId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await sql<{ id: string }[]>`
        select id from measure where body_id = ${bodyId} and id in ${sql(ids)}`;
      return rows.map((r) => r.id);
    },

    /** The action-plan documents of the Sozialräume (the body's own), to take text from. */
    async actionPlanDocuments(bodyId: string, sozialraumIds: readonly string[]): Promise<DocumentRow[]> {
      if (sozialraumIds.length === 0) return [];
      return sql<DocumentRow[]>`
        select d.id, d.body_id, d.sozialraum_id, d.kind from document d
        join sozialraum s on s.id = d.sozialraum_id
        where d.body_id = ${bodyId} and d.kind = 'action_plan' and d.sozialraum_id in ${sql(sozialraumIds)}
        order by s.code`;
    },
  };
  return repo;
}
