import type { Queryable } from './connection.ts';
import type { DocumentRow } from './document.repository.ts';

/** The name an erased person's contributions show. */
export const ERASED_NAME = 'Gelöschte Person';

/** postgres.js sends Buffers as bytea. */
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** A stored version of a document whose snapshot or name mentions a person. */
export interface VersionToRewrite {
  id: string;
  documentId: string;
  name: string;
  state: Uint8Array;
}

/** Rows are plain JSON-able records (dates as Date); the export serialises them as they are. */
type Rows = Record<string, unknown>[];

/** Everything the database holds about one person (DSGVO Art. 15), read in one snapshot. */
export interface PersonalDataRows {
  account: Record<string, unknown>;
  memberships: Rows;
  sessions: Rows;
  identities: Rows;
  auditEvents: Rows;
  measureEvents: Rows;
  measuresCreated: Rows;
  paperEvents: Rows;
  needsAuthored: Rows;
  comments: Rows;
  commentThreadsOpened: Rows;
  mentions: Rows;
  notifications: Rows;
  documentContributions: Rows;
  documentVersions: Rows;
  workshopParticipation: Rows;
  workshopsCreated: Rows;
  needCitations: Rows;
  progressReports: Rows;
  milestonesResponsible: Rows;
}

/**
 * A person's data across every table: the export (Art. 15), the erasure (Art. 17) and the retention job.
 * The erasure methods must run inside one transaction that called `sanctionErasure` first.
 */
export function personalDataRepository(sql: Queryable) {
  return {
    /** Allows the anonymising updates of the append-only trails for the rest of this transaction. */
    async sanctionErasure(): Promise<void> {
      await sql`select set_config('quartierplan.sanctioned_erasure', 'on', true)`;
    },

    async erasedAt(bodyId: string, userId: string): Promise<Date | null | undefined> {
      const [row] = await sql<{ erasedAt: Date | null }[]>`
        select erased_at from app_user where id = ${userId} and body_id = ${bodyId}`;
      return row ? row.erasedAt : undefined;
    },

    /** Locks the person's row (two erasures of one person do not interleave). */
    async lockUser(bodyId: string, userId: string): Promise<{ erasedAt: Date | null } | null> {
      const [row] = await sql<{ erasedAt: Date | null }[]>`
        select erased_at from app_user where id = ${userId} and body_id = ${bodyId} for update`;
      return row ?? null;
    },

    async read(bodyId: string, userId: string): Promise<PersonalDataRows | null> {
      const [account] = await sql<Record<string, unknown>[]>`
        select id, email, name, role, active, created_at, updated_at, erased_at
        from app_user where id = ${userId} and body_id = ${bodyId}`;
      if (!account) return null;
      const [
        memberships,
        sessions,
        identities,
        auditEvents,
        measureEvents,
        measuresCreated,
        paperEvents,
        needsAuthored,
        comments,
        commentThreadsOpened,
        mentions,
        notifications,
        documentContributions,
        documentVersions,
        workshopParticipation,
        workshopsCreated,
        needCitations,
        progressReports,
        milestonesResponsible,
      ] = await Promise.all([
        sql<Rows>`
          select s.id as sozialraum_id, s.code as sozialraum_code, s.name as sozialraum_name, m.access
          from membership m join sozialraum s on s.id = m.sozialraum_id
          where m.user_id = ${userId} order by s.code`,
        // Never the session ids: they are the SHA-256 of the tokens.
        sql<Rows>`
          select created_at, expires_at from session where user_id = ${userId} order by created_at`,
        sql<Rows>`
          select issuer, subject, created_at, last_login_at from user_identity
          where user_id = ${userId} order by created_at`,
        sql<Rows>`
          select id::text as id, at, kind, actor_id, subject_user_id, address, details,
                 (actor_id = ${userId}) as by_person, (subject_user_id = ${userId}) as about_person
          from audit_event
          where body_id = ${bodyId} and (actor_id = ${userId} or subject_user_id = ${userId})
          order by at, id`,
        sql<Rows>`
          select e.id::text as id, e.measure_id, m.title as measure_title, e.kind, e.actor_name,
                 e.from_status, e.to_status, e.comment, e.changes, e.created_at
          from measure_event e join measure m on m.id = e.measure_id
          where e.body_id = ${bodyId} and e.actor_id = ${userId} order by e.id`,
        sql<Rows>`
          select id, title, status, created_at from measure
          where body_id = ${bodyId} and created_by = ${userId} order by created_at`,
        sql<Rows>`
          select id::text as id, paper_id, kind, reference, subject, actor_name, created_at
          from paper_event where body_id = ${bodyId} and actor_id = ${userId} order by id`,
        sql<Rows>`
          select n.document_id, n.id as need_id, n.title, n.description, n.created_at, s.name as sozialraum_name
          from need n join document d on d.id = n.document_id join sozialraum s on s.id = d.sozialraum_id
          where d.body_id = ${bodyId} and n.created_by = ${userId} order by n.created_at`,
        sql<Rows>`
          select c.id, c.thread_id, t.document_id, c.text, c.created_at, c.edited_at, c.deleted_at
          from comment c join comment_thread t on t.id = c.thread_id
          where t.body_id = ${bodyId} and c.author_id = ${userId} order by c.created_at`,
        sql<Rows>`
          select id, document_id, quote, created_at, resolved_at from comment_thread
          where body_id = ${bodyId} and created_by = ${userId} order by created_at`,
        sql<Rows>`
          select c.id as comment_id, c.thread_id, t.document_id, c.text, c.created_at
          from comment_mention cm join comment c on c.id = cm.comment_id
          join comment_thread t on t.id = c.thread_id
          where cm.user_id = ${userId} and t.body_id = ${bodyId} order by c.created_at`,
        sql<Rows>`
          select id, kind, thread_id, comment_id, milestone_id, actor_id, created_at, read_at,
                 (user_id = ${userId}) as to_person
          from notification where user_id = ${userId} or actor_id = ${userId} order by created_at`,
        sql<Rows>`
          select u.document_id, d.kind, s.name as sozialraum_name, count(*)::int as updates,
                 min(u.created_at) as first_at, max(u.created_at) as last_at
          from document_update u join document d on d.id = u.document_id
          join sozialraum s on s.id = d.sozialraum_id
          where d.body_id = ${bodyId} and u.author_id = ${userId}
          group by u.document_id, d.kind, s.name order by min(u.created_at)`,
        sql<Rows>`
          select v.id, v.document_id, v.name, v.created_at from document_version v
          join document d on d.id = v.document_id
          where d.body_id = ${bodyId} and v.author_id = ${userId} order by v.created_at`,
        sql<Rows>`
          select p.workshop_id, w.title as workshop_title, w.date as workshop_date, p.display_name, p.joined_at,
                 (select count(*)::int from workshop_card c where c.participant_id = p.id) as cards,
                 (select count(*)::int from workshop_vote v where v.participant_id = p.id) as votes
          from workshop_participant p join workshop w on w.id = p.workshop_id
          where p.user_id = ${userId} and w.body_id = ${bodyId} order by p.joined_at`,
        sql<Rows>`
          select id, title, date, status, created_at from workshop
          where body_id = ${bodyId} and created_by = ${userId} order by created_at`,
        sql<Rows>`
          select c.id, c.document_id, c.need_id, c.indicator_name, c.sozialraum_name,
                 to_char(c.reference_date, 'YYYY-MM-DD') as reference_date, c.value::float8 as value, c.cited_at
          from need_citation c where c.body_id = ${bodyId} and c.cited_by = ${userId} order by c.cited_at`,
        sql<Rows>`
          select r.id, r.measure_id, m.title as measure_title, to_char(r.report_date, 'YYYY-MM-DD') as date,
                 r.text, r.progress, r.created_at
          from measure_report r join measure m on m.id = r.measure_id
          where m.body_id = ${bodyId} and r.author_id = ${userId} order by r.created_at`,
        sql<Rows>`
          select ms.id, ms.measure_id, m.title as measure_title, ms.title,
                 to_char(ms.planned_date, 'YYYY-MM-DD') as planned_date,
                 to_char(ms.actual_date, 'YYYY-MM-DD') as actual_date, ms.status, ms.responsible,
                 ms.created_at, ms.updated_at
          from measure_milestone ms join measure m on m.id = ms.measure_id
          where m.body_id = ${bodyId} and ms.responsible_user_id = ${userId} order by ms.planned_date, ms.id`,
      ]);
      return {
        account,
        memberships,
        sessions,
        identities,
        auditEvents,
        measureEvents,
        measuresCreated,
        paperEvents,
        needsAuthored,
        comments,
        commentThreadsOpened,
        mentions,
        notifications,
        documentContributions,
        documentVersions,
        workshopParticipation,
        workshopsCreated,
        needCitations,
        progressReports,
        milestonesResponsible,
      };
    },

    /**
     * Documents of the body whose stored form (snapshot, log, versions, quarantine) holds the text in
     * UTF-8, or whose log rows the person authored: those the erasure rewrites.
     */
    async documentsMentioning(bodyId: string, text: string, userId: string): Promise<DocumentRow[]> {
      const bytes = utf8(text);
      const id = utf8(userId);
      return sql<DocumentRow[]>`
        select d.id, d.body_id, d.sozialraum_id, d.kind from document d
        where d.body_id = ${bodyId} and (
          exists (select 1 from document_snapshot s where s.document_id = d.id
                  and (position(${bytes} in s.state) > 0 or position(${id} in s.state) > 0))
          or exists (select 1 from document_update u where u.document_id = d.id
                     and (u.author_id = ${userId} or position(${bytes} in u.data) > 0
                          or position(${id} in u.data) > 0))
          or exists (select 1 from document_version v where v.document_id = d.id
                     and (position(${bytes} in v.state) > 0 or position(${text} in v.name) > 0)))
        order by d.id`;
    },

    /** Documents of the body whose snapshot or log still holds the text in UTF-8 (the erasure's check). */
    async documentsStillHolding(bodyId: string, text: string): Promise<string[]> {
      const bytes = utf8(text);
      const rows = await sql<{ id: string }[]>`
        select d.id from document d
        where d.body_id = ${bodyId} and (
          exists (select 1 from document_snapshot s where s.document_id = d.id and position(${bytes} in s.state) > 0)
          or exists (select 1 from document_update u where u.document_id = d.id and position(${bytes} in u.data) > 0))
        order by d.id`;
      return rows.map((r) => r.id);
    },

    /** Stored versions of the body whose snapshot or name holds the text. */
    async versionsMentioning(bodyId: string, text: string): Promise<VersionToRewrite[]> {
      return sql<VersionToRewrite[]>`
        select v.id, v.document_id, v.name, v.state from document_version v
        join document d on d.id = v.document_id
        where d.body_id = ${bodyId}
          and (position(${utf8(text)} in v.state) > 0 or position(${text} in v.name) > 0)
        order by v.created_at`;
    },

    async replaceVersion(id: string, name: string, state: Uint8Array): Promise<void> {
      await sql`update document_version set name = ${name}, state = ${Buffer.from(state)} where id = ${id}`;
    },

    /**
     * Anonymises everything the tables keep about the person outside the collaborative documents. The
     * account row stays (contributions keep an author) as "Gelöschte Person" with an unusable address and
     * password; sessions, identities, memberships, mentions and notifications to them go; the trails keep
     * the events with the name replaced; throttle rows derived from their address go (`throttleKeys`).
     */
    async erase(
      bodyId: string,
      userId: string,
      input: { name: string; email: string; placeholderEmail: string; throttleKeyPrefixes: string[] },
    ): Promise<void> {
      const { name, placeholderEmail } = input;
      await sql`
        update app_user set name = ${ERASED_NAME}, email = ${placeholderEmail},
          -- Not an argon2 hash: no password ever verifies against it.
          password_hash = '!gelöscht', active = false, erased_at = now(), updated_at = now()
        where id = ${userId} and body_id = ${bodyId}`;
      await sql`delete from session where user_id = ${userId}`;
      await sql`delete from user_identity where user_id = ${userId}`;
      await sql`delete from membership where user_id = ${userId}`;
      await sql`delete from notification where user_id = ${userId}`;
      await sql`update notification set actor_id = null where actor_id = ${userId}`;
      // Others mentioned them as "@Name" in their comments: the text keeps the mention, without the name.
      await sql`
        update comment c set text = replace(c.text, ${`@${name}`}, ${`@${ERASED_NAME}`})
        from comment_thread t
        where t.id = c.thread_id and t.body_id = ${bodyId} and position(${`@${name}`} in c.text) > 0`;
      await sql`delete from comment_mention where user_id = ${userId}`;
      await sql`update measure_event set actor_name = ${ERASED_NAME} where actor_id = ${userId}`;
      await sql`update paper_event set actor_name = ${ERASED_NAME} where actor_id = ${userId}`;
      await sql`update workshop_participant set display_name = null where user_id = ${userId}`;
      // A cited figure stays with the need; who cited it goes.
      await sql`update need_citation set cited_by = null where body_id = ${bodyId} and cited_by = ${userId}`;
      await sql`
        update audit_event set address = null
        where (actor_id = ${userId} or subject_user_id = ${userId}) and address is not null`;
      for (const prefix of input.throttleKeyPrefixes) {
        await sql`delete from login_throttle where starts_with(key, ${prefix})`;
      }
      await sql`update document_update set author_id = null where author_id = ${userId}`;
      await sql`update document_version set author_id = null where author_id = ${userId}`;
      await sql`
        update document_update_quarantine set author_id = null
        where author_id = ${userId}`;
      // Rows that no longer decode cannot be rewritten; those holding the name are dropped.
      await sql`
        delete from document_update_quarantine q using document d
        where d.id = q.document_id and d.body_id = ${bodyId} and position(${utf8(name)} in q.data) > 0`;
    },

    /** Clears the client addresses of audit events older than `before` (retention; sanctioned). */
    async clearAuditAddresses(before: Date): Promise<number> {
      return (await sql`update audit_event set address = null where address is not null and at < ${before}`)
        .count;
    },

    /**
     * Documents whose update log is due for compaction: no row newer than `idleBefore`, or a row older than
     * `oldBefore`. Oldest first.
     */
    async documentsDueForCompaction(idleBefore: Date, oldBefore: Date, limit: number): Promise<string[]> {
      const rows = await sql<{ documentId: string }[]>`
        select document_id from document_update
        group by document_id having max(created_at) < ${idleBefore} or min(created_at) < ${oldBefore}
        order by min(id) limit ${limit}`;
      return rows.map((r) => r.documentId);
    },
  };
}
