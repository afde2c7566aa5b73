import type { Queryable } from './connection.ts';

export interface StoredUpdate {
  id: string;
  /** The update's number in its document's log (see migration 0024). */
  seq: number;
  data: Uint8Array;
}

export interface Snapshot {
  state: Uint8Array;
  stateVector: Uint8Array;
  /** The log number the snapshot folds up to: rows up to it are in the state. */
  lastSeq: number;
}

/** A document's log after some number, read at one moment (see `readLog`). */
export interface StoredLog {
  /** The document's last committed number: the snapshot and the rows reach it. */
  lastSeq: number;
  /** Whether the document's initial content was written (see `claimInitialisation`). */
  initialised: boolean;
  /** The log number its needs rows were projected at (see migration 0025). */
  projectedSeq: number;
  /** The snapshot, when it folds numbers past the ones asked after. */
  snapshot: { state: Uint8Array; lastSeq: number } | null;
  updates: StoredUpdate[];
}

/** What one append committed: each document's last log number after it. */
export type CommittedSeqs = ReadonlyMap<string, number>;

export interface NewUpdate {
  documentId: string;
  data: Uint8Array;
  authorId: string | null;
}

export interface VersionRow {
  id: string;
  documentId: string;
  name: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  /** Stored by the server before a restore, not named by a person. */
  automatic: boolean;
  /** For an automatic version: the version whose restore it preceded. */
  restoredFrom: string | null;
}

/** The latest stored change of a document; its author is unknown once compaction folded it. */
export interface LastChange {
  at: Date;
  authorId: string | null;
  authorName: string | null;
}

/** postgres.js sends Buffers as bytea; wrap without copying. */
const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The Yjs update log, snapshots, quarantine and named versions. Ids are bigint strings. */
export function documentStoreRepository(sql: Queryable) {
  /**
   * `readLog` for several documents in one statement (a server opening many at once); one request per
   * document.
   */
  async function readLogs(
    requests: readonly { documentId: string; afterSeq: number }[],
  ): Promise<Map<string, StoredLog>> {
    const rows = await sql<
      {
        part: number;
        documentId: string;
        id: string | null;
        seq: number;
        data: Uint8Array | null;
        projected: number | null;
      }[]
    >`
      with wanted as (
        select * from unnest(
          ${requests.map((r) => r.documentId)}::uuid[], ${requests.map((r) => r.afterSeq)}::bigint[]
        ) as w(document_id, after_seq)
      ), snap as (
        select s.document_id, s.state, s.last_seq from document_snapshot s
        join wanted w on w.document_id = s.document_id and s.last_seq > w.after_seq
      )
      select 0 as part, d.id as document_id, case when d.initialized_at is not null then '1' end as id,
        d.last_seq::float8 as seq, null::bytea as data, d.projected_seq::float8 as projected
      from document d join wanted w on w.document_id = d.id
      union all
      select 1, document_id, null, last_seq::float8, state, null from snap
      union all
      select 2, u.document_id, u.id::text, u.seq::float8, u.data, null
      from wanted w join document_update u on u.document_id = w.document_id
      left join snap s on s.document_id = w.document_id
      where u.seq > coalesce(s.last_seq, w.after_seq)
      order by document_id, part, seq`;
    const logs = new Map<string, StoredLog>(
      requests.map((r) => [
        r.documentId,
        { lastSeq: 0, initialised: false, projectedSeq: 0, snapshot: null, updates: [] },
      ]),
    );
    for (const row of rows) {
      const log = logs.get(row.documentId)!;
      if (row.part === 0) {
        log.lastSeq = row.seq;
        log.initialised = row.id === '1';
        log.projectedSeq = row.projected ?? 0;
      } else if (row.part === 1) log.snapshot = { state: row.data!, lastSeq: row.seq };
      else log.updates.push({ id: row.id!, seq: row.seq, data: row.data! });
    }
    return logs;
  }

  /**
   * `append` for a batch of one document, the usual case (one keystroke, or one room under load): one
   * row to lock, so no lock ordering, and about a third of the general statement's time (its locking
   * step and numbering window cost ~0.4 ms a commit here, every delivery waits for it).
   */
  async function appendToOne(documentId: string, updates: readonly NewUpdate[]): Promise<CommittedSeqs> {
    const [row] = await sql<{ lastSeq: number }[]>`
      with numbered as (
        update document set last_seq = last_seq + ${updates.length} where id = ${documentId} returning last_seq
      ), inserted as (
        insert into document_update (document_id, seq, data, author_id)
        select ${documentId}::uuid, n.last_seq - ${updates.length} + i.position, i.data, i.author_id
        from numbered n, unnest(
          ${sql.array(updates.map((u) => toBuffer(u.data)))}::bytea[],
          ${updates.map((u) => u.authorId)}::uuid[]
        ) with ordinality as i(data, author_id, position)
      )
      select last_seq::float8 as last_seq from numbered`;
    // No row: the document was deleted, and its updates with it.
    return new Map(row ? [[documentId, row.lastSeq]] : []);
  }

  return {
    async snapshot(documentId: string): Promise<Snapshot | null> {
      const [row] = await sql<Snapshot[]>`
        select state, state_vector, last_seq::float8 as last_seq
        from document_snapshot where document_id = ${documentId}`;
      return row ?? null;
    },

    /** The document whose snapshot takes the least space, if any (the sync warm-up reads it). */
    async smallestSnapshotDocument(): Promise<string | null> {
      const [row] = await sql<{ documentId: string }[]>`
        select document_id from document_snapshot order by pg_column_size(state) limit 1`;
      return row?.documentId ?? null;
    },

    /** The document's last committed log number (0 before the first update). */
    async lastSeq(documentId: string): Promise<number> {
      const [row] = await sql<{ lastSeq: number }[]>`
        select last_seq::float8 as last_seq from document where id = ${documentId}`;
      return row?.lastSeq ?? 0;
    },

    /** The last committed log number of each of the given documents (missing: deleted). */
    async lastSeqs(documentIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await sql<{ id: string; lastSeq: number }[]>`
        select id, last_seq::float8 as last_seq from document where id = any(${documentIds as string[]}::uuid[])`;
      return new Map(rows.map((r) => [r.id, r.lastSeq]));
    },

    /**
     * Everything a document holds after log number `afterSeq`, in one statement (so one consistent
     * view and one round trip, without a transaction): the document's last number and whether it was
     * initialised, the snapshot when it folds numbers past `afterSeq`, and the rows after those.
     */
    async readLog(documentId: string, afterSeq: number): Promise<StoredLog> {
      return (await readLogs([{ documentId, afterSeq }])).get(documentId)!;
    },

    readLogs,

    async updatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]> {
      return sql<StoredUpdate[]>`
        select id::text as id, seq::float8 as seq, data from document_update
        where document_id = ${documentId} and seq > ${afterSeq}
        order by document_update.seq`;
    },

    /**
     * Appends a batch in one statement and numbers each document's updates in append order. The
     * documents' rows are locked in id order (two instances' batches never wait on each other in a
     * cycle) and their `last_seq` advanced; the lock is held to the commit, so numbers commit in
     * order. Arrays through unnest keep the statement text the same for every batch size, so it is
     * prepared once per connection. Updates of a deleted document are dropped (nothing reads them).
     */
    async append(updates: readonly NewUpdate[]): Promise<CommittedSeqs> {
      if (updates.length === 0) return new Map();
      const documentId = updates[0]!.documentId;
      if (updates.every((u) => u.documentId === documentId)) return appendToOne(documentId, updates);
      const rows = await sql<{ documentId: string; lastSeq: number }[]>`
        with input as (
          select * from unnest(
            ${updates.map((u) => u.documentId)}::uuid[],
            ${sql.array(updates.map((u) => toBuffer(u.data)))}::bytea[],
            ${updates.map((u) => u.authorId)}::uuid[]
          ) with ordinality as i(document_id, data, author_id, position)
        ), counts as (
          select document_id, count(*) as n from input group by document_id
        ), locked as materialized (
          select d.id from document d where d.id in (select document_id from counts) order by d.id for update
        ), numbered as (
          update document d set last_seq = d.last_seq + c.n
          from counts c, locked l where d.id = c.document_id and l.id = d.id
          returning d.id, d.last_seq, c.n
        ), inserted as (
          insert into document_update (document_id, seq, data, author_id)
          select i.document_id,
            n.last_seq - n.n + row_number() over (partition by i.document_id order by i.position),
            i.data, i.author_id
          from input i join numbered n on n.id = i.document_id
          order by i.position
        )
        select id as document_id, last_seq::float8 as last_seq from numbered`;
      return new Map(rows.map((r) => [r.documentId, r.lastSeq]));
    },

    async countAfter(documentId: string, afterSeq: number): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from document_update where document_id = ${documentId} and seq > ${afterSeq}`;
      return row!.count;
    },

    /** Replaces the snapshot and deletes the updates it folds; run in a transaction. */
    async replaceSnapshot(documentId: string, snapshot: Snapshot): Promise<void> {
      await sql`
        insert into document_snapshot (document_id, state, state_vector, last_seq)
        values (${documentId}, ${toBuffer(snapshot.state)}, ${toBuffer(snapshot.stateVector)}, ${snapshot.lastSeq})
        on conflict on constraint document_snapshot_pkey do update
        set state = excluded.state, state_vector = excluded.state_vector,
            last_seq = excluded.last_seq, created_at = now()`;
      await sql`delete from document_update where document_id = ${documentId} and seq <= ${snapshot.lastSeq}`;
    },

    /** Moves an undecodable update out of the log, keeping its bytes for inspection. */
    async quarantine(id: string, reason: string): Promise<void> {
      await sql`
        with moved as (delete from document_update where id = ${id}::bigint returning *)
        insert into document_update_quarantine (id, document_id, data, author_id, created_at, reason)
        select id, document_id, data, author_id, created_at, ${reason} from moved`;
    },

    /** Marks the document initialised; true only for the one caller that did it first. */
    async claimInitialisation(documentId: string): Promise<boolean> {
      const rows = await sql`
        update document set initialized_at = now() where id = ${documentId} and initialized_at is null`;
      return rows.count === 1;
    },

    async lastChange(documentId: string): Promise<LastChange | null> {
      const [logged] = await sql<LastChange[]>`
        select u.created_at as at, u.author_id, a.name as author_name
        from document_update u left join app_user a on a.id = u.author_id
        where u.document_id = ${documentId}
        order by u.seq desc limit 1`;
      if (logged) return logged;
      const [folded] = await sql<LastChange[]>`
        select created_at as at, null::uuid as author_id, null::text as author_name
        from document_snapshot where document_id = ${documentId}`;
      return folded ?? null;
    },

    async createVersion(
      documentId: string,
      name: string,
      state: Uint8Array,
      authorId: string | null,
      automatic: { restoredFrom: string } | null = null,
    ): Promise<string> {
      const [row] = await sql<{ id: string }[]>`
        insert into document_version (document_id, name, state, author_id, automatic, restored_from)
        values (${documentId}, ${name}, ${toBuffer(state)}, ${authorId}, ${automatic !== null},
                ${automatic?.restoredFrom ?? null}) returning id`;
      return row!.id;
    },

    /** Replaces a version's state (an automatic version gains edits made concurrently with its restore). */
    async updateVersionState(versionId: string, state: Uint8Array): Promise<void> {
      await sql`update document_version set state = ${toBuffer(state)} where id = ${versionId}`;
    },

    async listVersions(documentId: string): Promise<VersionRow[]> {
      return sql<VersionRow[]>`
        select v.id, v.document_id, v.name, v.author_id, u.name as author_name, v.created_at,
          v.automatic, v.restored_from
        from document_version v left join app_user u on u.id = v.author_id
        where v.document_id = ${documentId} order by v.created_at desc, v.id`;
    },

    async versionState(
      documentId: string,
      versionId: string,
    ): Promise<(VersionRow & { state: Uint8Array }) | null> {
      const [row] = await sql<(VersionRow & { state: Uint8Array })[]>`
        select v.id, v.document_id, v.name, v.author_id, u.name as author_name, v.created_at,
          v.automatic, v.restored_from, v.state
        from document_version v left join app_user u on u.id = v.author_id
        where v.document_id = ${documentId} and v.id = ${versionId}`;
      return row ?? null;
    },
  };
}
