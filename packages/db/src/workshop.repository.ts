import type {
  BallotItem,
  CardStatus,
  ClusterColour,
  RoundTally,
  Workshop,
  WorkshopCard,
  WorkshopCluster,
  WorkshopParticipant,
  WorkshopRound,
  WorkshopVote,
} from '@quartierplan/domain';
import type { Queryable } from './connection.ts';
import { withConstraintErrors } from './errors.ts';

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

interface RawWorkshop extends Omit<Workshop, 'closedAt' | 'anonymisedAt' | 'createdAt'> {
  closedAt: Date | null;
  anonymisedAt: Date | null;
  createdAt: Date;
}

const toWorkshop = (row: RawWorkshop): Workshop => ({
  ...row,
  closedAt: iso(row.closedAt),
  anonymisedAt: iso(row.anonymisedAt),
  createdAt: row.createdAt.toISOString(),
});

const selectWorkshop = (sql: Queryable) => sql`
  select w.id, w.body_id, b.name as body_name, w.sozialraum_id, s.code as sozialraum_code,
         s.name as sozialraum_name, w.title, w.date, w.end_time, w.code, w.join_locked, w.status,
         w.closed_at, w.anonymised_at, w.created_at, b.privacy_contact,
         (select count(*)::int from workshop_participant p where p.workshop_id = w.id) as participant_count,
         (select count(*)::int from workshop_card c where c.workshop_id = w.id and c.status <> 'merged') as card_count,
         (select count(*)::int from workshop_round r where r.workshop_id = w.id) as round_count
  from workshop w
  join body b on b.id = w.body_id
  join sozialraum s on s.id = w.sozialraum_id`;

interface RawParticipant extends Omit<WorkshopParticipant, 'joinedAt' | 'expiresAt'> {
  joinedAt: Date;
  expiresAt: Date | null;
}

const toParticipant = (row: RawParticipant): WorkshopParticipant => ({
  ...row,
  joinedAt: row.joinedAt.toISOString(),
  expiresAt: iso(row.expiresAt),
});

const selectParticipant = (sql: Queryable) => sql`
  select p.id, p.workshop_id, p.user_id, coalesce(p.display_name, u.name) as display_name,
         p.joined_at, p.expires_at,
         (select count(*)::int from workshop_card c where c.participant_id = p.id and c.status <> 'merged') as card_count
  from workshop_participant p
  left join app_user u on u.id = p.user_id`;

interface RawCard extends Omit<WorkshopCard, 'createdAt' | 'updatedAt'> {
  createdAt: Date;
  updatedAt: Date;
}

const toCard = (row: RawCard): WorkshopCard => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const selectCard = (sql: Queryable) => sql`
  select c.id, c.workshop_id, c.participant_id, coalesce(p.display_name, u.name) as author_name,
         c.title, c.description, c.status, c.cluster_id, c.merged_into_id, c.need_id,
         c.created_at, c.updated_at
  from workshop_card c
  left join workshop_participant p on p.id = c.participant_id
  left join app_user u on u.id = p.user_id`;

interface RawRound extends Omit<
  WorkshopRound,
  'startedAt' | 'endsAt' | 'closedAt' | 'ballot' | 'voterCount'
> {
  startedAt: Date;
  endsAt: Date | null;
  closedAt: Date | null;
  ballot: BallotItem[];
  voterCount: number | null;
  liveVoterCount: number;
}

const toRound = ({ liveVoterCount, ...row }: RawRound): WorkshopRound => ({
  ...row,
  startedAt: row.startedAt.toISOString(),
  endsAt: iso(row.endsAt),
  closedAt: iso(row.closedAt),
  voterCount: row.voterCount ?? liveVoterCount,
});

const selectRound = (sql: Queryable) => sql`
  select r.id, r.workshop_id, r.number, r.status, r.dots_per_person, r.max_per_item, r.duration_seconds,
         r.live_results, r.started_at, r.ends_at, r.remaining_seconds, r.closed_at, r.ballot, r.voter_count,
         (select count(distinct v.participant_id)::int from workshop_vote v where v.round_id = r.id) as live_voter_count
  from workshop_round r`;

export interface NewWorkshop {
  bodyId: string;
  sozialraumId: string;
  title: string;
  date: string;
  endTime: string | null;
  code: string;
  createdBy: string;
}

export interface WorkshopPatch {
  title?: string | undefined;
  date?: string | undefined;
  endTime?: string | null | undefined;
  joinLocked?: boolean | undefined;
}

export interface CardPatch {
  title?: string | undefined;
  description?: string | undefined;
  clusterId?: string | null | undefined;
  status?: 'new' | 'set_aside' | undefined;
}

export interface NewRound {
  workshopId: string;
  dotsPerPerson: number;
  maxPerItem: number | null;
  durationSeconds: number | null;
  liveResults: boolean;
  ballot: BallotItem[];
  createdBy: string;
}

/**
 * Workshops and everything in them: participants (with their session hashes), cards, clusters,
 * rounds, votes and the results written at a round's close. Every lookup by id is scoped by the
 * workshop (and the workshop by body), so an id of another workshop is simply not found.
 */
export function workshopRepository(sql: Queryable) {
  return {
    async create(input: NewWorkshop): Promise<Workshop> {
      const [row] = await withConstraintErrors(
        () => sql<{ id: string }[]>`
          insert into workshop (body_id, sozialraum_id, title, date, end_time, code, created_by)
          values (${input.bodyId}, ${input.sozialraumId}, ${input.title}, ${input.date}, ${input.endTime},
                  ${input.code}, ${input.createdBy})
          returning id`,
      );
      return (await this.findById(input.bodyId, row!.id))!;
    },

    async findById(bodyId: string, id: string): Promise<Workshop | null> {
      const [row] = await sql<
        RawWorkshop[]
      >`${selectWorkshop(sql)} where w.id = ${id} and w.body_id = ${bodyId}`;
      return row ? toWorkshop(row) : null;
    },

    /** By id alone: for participant sessions, which belong to no body of a user. */
    async findByIdAnyBody(id: string): Promise<Workshop | null> {
      const [row] = await sql<RawWorkshop[]>`${selectWorkshop(sql)} where w.id = ${id}`;
      return row ? toWorkshop(row) : null;
    },

    async findByCode(code: string): Promise<Workshop | null> {
      const [row] = await sql<RawWorkshop[]>`${selectWorkshop(sql)} where w.code = ${code}`;
      return row ? toWorkshop(row) : null;
    },

    /** Newest first (by date, then creation). */
    async listForSozialraum(bodyId: string, sozialraumId: string): Promise<Workshop[]> {
      const rows = await sql<RawWorkshop[]>`
        ${selectWorkshop(sql)}
        where w.body_id = ${bodyId} and w.sozialraum_id = ${sozialraumId}
        order by w.date desc, w.created_at desc`;
      return rows.map(toWorkshop);
    },

    async update(bodyId: string, id: string, patch: WorkshopPatch): Promise<Workshop | null> {
      const values: Record<string, string | boolean | null> = {};
      if (patch.title !== undefined) values.title = patch.title;
      if (patch.date !== undefined) values.date = patch.date;
      if (patch.endTime !== undefined) values.end_time = patch.endTime;
      if (patch.joinLocked !== undefined) values.join_locked = patch.joinLocked;
      const columns = Object.keys(values);
      const updated = columns.length
        ? await sql`update workshop set ${sql(values, columns)}, updated_at = now()
                    where id = ${id} and body_id = ${bodyId}`
        : await sql`update workshop set updated_at = now() where id = ${id} and body_id = ${bodyId}`;
      return updated.count === 1 ? this.findById(bodyId, id) : null;
    },

    /** Closes an open workshop; false when it was closed already. */
    async close(id: string): Promise<boolean> {
      const updated = await sql`
        update workshop set status = 'closed', closed_at = now(), updated_at = now()
        where id = ${id} and status = 'open'`;
      return updated.count === 1;
    },

    async delete(bodyId: string, id: string): Promise<boolean> {
      const deleted = await sql`delete from workshop where id = ${id} and body_id = ${bodyId}`;
      return deleted.count === 1;
    },

    // ——— participants ———

    async addGuest(
      workshopId: string,
      tokenHash: string,
      displayName: string | null,
      expiresAt: Date,
    ): Promise<WorkshopParticipant> {
      const [row] = await sql<{ id: string }[]>`
        insert into workshop_participant (workshop_id, token_hash, display_name, expires_at)
        values (${workshopId}, ${tokenHash}, ${displayName}, ${expiresAt})
        returning id`;
      return (await this.participant(workshopId, row!.id))!;
    },

    /** The member's participant row, made on their first action (idempotent under concurrency). */
    async ensureMember(workshopId: string, userId: string): Promise<WorkshopParticipant> {
      await sql`
        insert into workshop_participant (workshop_id, user_id) values (${workshopId}, ${userId})
        on conflict on constraint workshop_participant_workshop_id_user_id_uq do nothing`;
      const [row] = await sql<RawParticipant[]>`
        ${selectParticipant(sql)} where p.workshop_id = ${workshopId} and p.user_id = ${userId}`;
      return toParticipant(row!);
    },

    async findMember(workshopId: string, userId: string): Promise<WorkshopParticipant | null> {
      const [row] = await sql<RawParticipant[]>`
        ${selectParticipant(sql)} where p.workshop_id = ${workshopId} and p.user_id = ${userId}`;
      return row ? toParticipant(row) : null;
    },

    /** The guest of a session token hash while the session lasts (workshop not anonymised). */
    async findGuestBySession(tokenHash: string, now: Date): Promise<WorkshopParticipant | null> {
      const [row] = await sql<RawParticipant[]>`
        ${selectParticipant(sql)}
        join workshop w on w.id = p.workshop_id
        where p.token_hash = ${tokenHash} and p.expires_at > ${now} and w.anonymised_at is null`;
      return row ? toParticipant(row) : null;
    },

    async setDisplayName(participantId: string, displayName: string | null): Promise<void> {
      await sql`update workshop_participant set display_name = ${displayName} where id = ${participantId}`;
    },

    /** Ends a guest session (leaving): the person's cards and votes stay. */
    async endGuestSession(participantId: string): Promise<void> {
      await sql`update workshop_participant set expires_at = now() where id = ${participantId} and user_id is null`;
    },

    async participant(workshopId: string, id: string): Promise<WorkshopParticipant | null> {
      const [row] = await sql<RawParticipant[]>`
        ${selectParticipant(sql)} where p.workshop_id = ${workshopId} and p.id = ${id}`;
      return row ? toParticipant(row) : null;
    },

    async participants(workshopId: string): Promise<WorkshopParticipant[]> {
      const rows = await sql<RawParticipant[]>`
        ${selectParticipant(sql)} where p.workshop_id = ${workshopId} order by p.joined_at, p.id`;
      return rows.map(toParticipant);
    },

    /** Locks the participant row: card submissions of one person are counted one at a time. */
    async lockParticipant(participantId: string): Promise<void> {
      await sql`select id from workshop_participant where id = ${participantId} for update`;
    },

    /**
     * Removes a person with their cards and their votes (closed rounds keep their results: those
     * were written at the close). Returns the ids of the removed cards, or null when not found.
     */
    async removeParticipant(workshopId: string, id: string): Promise<string[] | null> {
      const cards = await sql<{ id: string }[]>`
        delete from workshop_card where workshop_id = ${workshopId} and participant_id = ${id} returning id`;
      const deleted =
        await sql`delete from workshop_participant where workshop_id = ${workshopId} and id = ${id}`;
      return deleted.count === 1 ? cards.map((c) => c.id) : null;
    },

    // ——— cards and clusters ———

    async cardsCreatedSince(participantId: string, since: Date): Promise<number> {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from workshop_card
        where participant_id = ${participantId} and created_at > ${since}`;
      return row!.count;
    },

    async addCard(
      workshopId: string,
      participantId: string,
      card: { title: string; description: string },
    ): Promise<WorkshopCard> {
      const [row] = await sql<{ id: string }[]>`
        insert into workshop_card (workshop_id, participant_id, title, description)
        values (${workshopId}, ${participantId}, ${card.title}, ${card.description})
        returning id`;
      return (await this.card(workshopId, row!.id))!;
    },

    async card(workshopId: string, id: string): Promise<WorkshopCard | null> {
      const [row] = await sql<
        RawCard[]
      >`${selectCard(sql)} where c.workshop_id = ${workshopId} and c.id = ${id}`;
      return row ? toCard(row) : null;
    },

    /** Oldest first, as they were written. */
    async cards(workshopId: string): Promise<WorkshopCard[]> {
      const rows = await sql<RawCard[]>`
        ${selectCard(sql)} where c.workshop_id = ${workshopId} order by c.created_at, c.id`;
      return rows.map(toCard);
    },

    async updateCard(workshopId: string, id: string, patch: CardPatch): Promise<WorkshopCard | null> {
      const values: Record<string, string | boolean | null> = {};
      if (patch.title !== undefined) values.title = patch.title;
      if (patch.description !== undefined) values.description = patch.description;
      if (patch.clusterId !== undefined) values.cluster_id = patch.clusterId;
      if (patch.status !== undefined) values.status = patch.status;
      const columns = Object.keys(values);
      const updated = await withConstraintErrors(() =>
        columns.length
          ? sql`update workshop_card set ${sql(values, columns)}, updated_at = now()
                where id = ${id} and workshop_id = ${workshopId}`
          : sql`update workshop_card set updated_at = now() where id = ${id} and workshop_id = ${workshopId}`,
      );
      return updated.count === 1 ? this.card(workshopId, id) : null;
    },

    async deleteCard(workshopId: string, id: string): Promise<boolean> {
      const deleted = await sql`delete from workshop_card where id = ${id} and workshop_id = ${workshopId}`;
      return deleted.count === 1;
    },

    /** Locks cards in id order (a fixed order, so two transactions cannot deadlock on them). */
    async lockCards(workshopId: string, ids: string[]): Promise<void> {
      await sql`select id from workshop_card where workshop_id = ${workshopId} and id = any(${ids}::uuid[])
                order by id for update`;
    },

    /** `id` goes into `intoId`: it becomes `merged`; cards merged into it follow it there. */
    async mergeCard(workshopId: string, id: string, intoId: string): Promise<string[]> {
      const moved = await sql<{ id: string }[]>`
        update workshop_card set status = 'merged', merged_into_id = ${intoId}, updated_at = now()
        where workshop_id = ${workshopId} and (id = ${id} or merged_into_id = ${id})
        returning id`;
      await sql`update workshop_card set updated_at = now() where id = ${intoId} and workshop_id = ${workshopId}`;
      return moved.map((m) => m.id);
    },

    /**
     * Claims a card for acceptance: sets it `accepted` with the new need id unless it was accepted
     * or merged already (one statement, so two facilitators accepting at once make one need).
     */
    async claimForAccept(
      workshopId: string,
      id: string,
      needId: string,
    ): Promise<{ claimed: true; previous: CardStatus } | { claimed: false }> {
      const [row] = await sql<{ previous: CardStatus }[]>`
        update workshop_card c set status = 'accepted', need_id = ${needId}, updated_at = now()
        from workshop_card old
        where old.id = c.id and c.id = ${id} and c.workshop_id = ${workshopId} and c.status in ('new', 'set_aside')
        returning old.status as previous`;
      return row ? { claimed: true, previous: row.previous } : { claimed: false };
    },

    /** Undoes a claim whose need could not be written. */
    async releaseAccept(workshopId: string, id: string, previous: CardStatus): Promise<void> {
      await sql`
        update workshop_card set status = ${previous}, need_id = null, updated_at = now()
        where id = ${id} and workshop_id = ${workshopId} and status = 'accepted'`;
    },

    async addCluster(workshopId: string, label: string, colour: ClusterColour): Promise<WorkshopCluster> {
      const [row] = await sql<WorkshopCluster[]>`
        insert into workshop_cluster (workshop_id, label, colour) values (${workshopId}, ${label}, ${colour})
        returning id, workshop_id, label, colour`;
      return row!;
    },

    async clusters(workshopId: string): Promise<WorkshopCluster[]> {
      return sql<WorkshopCluster[]>`
        select id, workshop_id, label, colour from workshop_cluster
        where workshop_id = ${workshopId} order by created_at, id`;
    },

    async cluster(workshopId: string, id: string): Promise<WorkshopCluster | null> {
      const [row] = await sql<WorkshopCluster[]>`
        select id, workshop_id, label, colour from workshop_cluster where workshop_id = ${workshopId} and id = ${id}`;
      return row ?? null;
    },

    async updateCluster(
      workshopId: string,
      id: string,
      label: string,
      colour: ClusterColour,
    ): Promise<WorkshopCluster | null> {
      const [row] = await sql<WorkshopCluster[]>`
        update workshop_cluster set label = ${label}, colour = ${colour}
        where workshop_id = ${workshopId} and id = ${id}
        returning id, workshop_id, label, colour`;
      return row ?? null;
    },

    /** Deletes a cluster; its cards stay, unclustered. Returns their ids, or null when not found. */
    async deleteCluster(workshopId: string, id: string): Promise<string[] | null> {
      const cards = await sql<{ id: string }[]>`
        update workshop_card set cluster_id = null, updated_at = now()
        where workshop_id = ${workshopId} and cluster_id = ${id} returning id`;
      const deleted =
        await sql`delete from workshop_cluster where workshop_id = ${workshopId} and id = ${id}`;
      return deleted.count === 1 ? cards.map((c) => c.id) : null;
    },

    // ——— rounds and votes ———

    /** Numbers the round after the last one; a round still running violates `workshop_round_running_uq`. */
    async startRound(round: NewRound): Promise<WorkshopRound> {
      const [row] = await withConstraintErrors(
        () => sql<{ id: string }[]>`
          insert into workshop_round
            (workshop_id, number, dots_per_person, max_per_item, duration_seconds, live_results,
             ends_at, ballot, created_by)
          values (
            ${round.workshopId},
            (select coalesce(max(number), 0) + 1 from workshop_round where workshop_id = ${round.workshopId}),
            ${round.dotsPerPerson}, ${round.maxPerItem}, ${round.durationSeconds}, ${round.liveResults},
            ${round.durationSeconds === null ? null : sql`now() + make_interval(secs => ${round.durationSeconds})`},
            ${sql.json(round.ballot as unknown as Parameters<typeof sql.json>[0])}, ${round.createdBy})
          returning id`,
      );
      return (await this.round(round.workshopId, row!.id))!;
    },

    async round(workshopId: string, id: string): Promise<WorkshopRound | null> {
      const [row] = await sql<
        RawRound[]
      >`${selectRound(sql)} where r.workshop_id = ${workshopId} and r.id = ${id}`;
      return row ? toRound(row) : null;
    },

    /** Locks the round row: votes and closes of one round run one at a time. */
    async lockRound(workshopId: string, id: string): Promise<WorkshopRound | null> {
      const [locked] = await sql<{ id: string }[]>`
        select id from workshop_round where workshop_id = ${workshopId} and id = ${id} for update`;
      return locked ? this.round(workshopId, id) : null;
    },

    /** Oldest first. */
    async rounds(workshopId: string): Promise<WorkshopRound[]> {
      const rows = await sql<
        RawRound[]
      >`${selectRound(sql)} where r.workshop_id = ${workshopId} order by r.number`;
      return rows.map(toRound);
    },

    /** The running (open or paused) round of a workshop. */
    async runningRound(workshopId: string): Promise<WorkshopRound | null> {
      const [row] = await sql<RawRound[]>`
        ${selectRound(sql)} where r.workshop_id = ${workshopId} and r.status <> 'closed'`;
      return row ? toRound(row) : null;
    },

    /** Open timed rounds of every workshop (re-armed at start-up). */
    async openTimedRounds(): Promise<{ id: string; workshopId: string; endsAt: string }[]> {
      const rows = await sql<{ id: string; workshopId: string; endsAt: Date }[]>`
        select id, workshop_id, ends_at from workshop_round where status = 'open' and ends_at is not null`;
      return rows.map((r) => ({ id: r.id, workshopId: r.workshopId, endsAt: r.endsAt.toISOString() }));
    },

    /** Pauses an open round, keeping the seconds its timer had left; null unless it was open. */
    async pauseRound(workshopId: string, id: string): Promise<boolean> {
      const updated = await sql`
        update workshop_round set status = 'paused',
          remaining_seconds = case when ends_at is null then null
            else greatest(1, ceil(extract(epoch from (ends_at - now())))::int) end,
          ends_at = null
        where workshop_id = ${workshopId} and id = ${id} and status = 'open'
          and (ends_at is null or ends_at > now())`;
      return updated.count === 1;
    },

    async resumeRound(workshopId: string, id: string): Promise<boolean> {
      const updated = await sql`
        update workshop_round set status = 'open',
          ends_at = case when remaining_seconds is null then null
            else now() + make_interval(secs => remaining_seconds) end,
          remaining_seconds = null
        where workshop_id = ${workshopId} and id = ${id} and status = 'paused'`;
      return updated.count === 1;
    },

    /**
     * Closes rounds and writes their results, in the caller's transaction: the given round
     * (`roundId`), or every open round of the workshop whose time ran out (`dueOnly`). The
     * condition is in the UPDATE, so a timer, a read and a vote racing for the close write the
     * result once. Returns the rounds this call closed.
     */
    async closeRounds(
      workshopId: string,
      which: { roundId: string } | { dueOnly: true },
    ): Promise<WorkshopRound[]> {
      const closed = await sql<{ id: string }[]>`
        update workshop_round r set status = 'closed', closed_at = now(), remaining_seconds = null,
          voter_count = (select count(distinct v.participant_id)::int from workshop_vote v where v.round_id = r.id)
        where r.workshop_id = ${workshopId} and r.status <> 'closed'
          ${'roundId' in which ? sql`and r.id = ${which.roundId}` : sql`and r.status = 'open' and r.ends_at <= now()`}
        returning r.id`;
      for (const { id } of closed) {
        await sql`
          insert into workshop_round_result (round_id, need_id, title, dots, position)
          select r.id, item.need_id, item.title,
                 coalesce((select sum(v.count)::int from workshop_vote v
                           where v.round_id = r.id and v.need_id = item.need_id), 0),
                 item.position::int
          from workshop_round r,
               rows from (jsonb_to_recordset(r.ballot) as ("needId" text, title text))
                 with ordinality as item(need_id, title, position)
          where r.id = ${id}
          on conflict on constraint workshop_round_result_pkey do nothing`;
      }
      const rounds = await Promise.all(closed.map(({ id }) => this.round(workshopId, id)));
      return rounds.filter((r): r is WorkshopRound => r !== null);
    },

    /** The ids of the workshop's open rounds whose time ran out. */
    async dueRoundIds(workshopId: string): Promise<string[]> {
      const rows = await sql<{ id: string }[]>`
        select id from workshop_round where workshop_id = ${workshopId} and status = 'open' and ends_at <= now()`;
      return rows.map((r) => r.id);
    },

    /** The stored result of a closed round, in ballot order. */
    async roundResult(roundId: string): Promise<RoundTally[]> {
      return sql<RoundTally[]>`
        select need_id, title, dots from workshop_round_result where round_id = ${roundId} order by position`;
    },

    /** The running tally of a round, in ballot order. */
    async liveTally(round: WorkshopRound): Promise<RoundTally[]> {
      const rows = await sql<{ needId: string; dots: number }[]>`
        select need_id, sum(count)::int as dots from workshop_vote where round_id = ${round.id} group by need_id`;
      const dots = new Map(rows.map((r) => [r.needId, r.dots]));
      return round.ballot.map((item) => ({ ...item, dots: dots.get(item.needId) ?? 0 }));
    },

    async votes(roundId: string): Promise<WorkshopVote[]> {
      return sql<WorkshopVote[]>`
        select round_id, participant_id, need_id, count from workshop_vote where round_id = ${roundId}`;
    },

    async votesOf(roundId: string, participantId: string): Promise<WorkshopVote[]> {
      return sql<WorkshopVote[]>`
        select round_id, participant_id, need_id, count from workshop_vote
        where round_id = ${roundId} and participant_id = ${participantId}`;
    },

    /** Sets a person's dots on one need; 0 takes them back. */
    async setVote(roundId: string, participantId: string, needId: string, count: number): Promise<void> {
      if (count === 0) {
        await sql`
          delete from workshop_vote
          where round_id = ${roundId} and participant_id = ${participantId} and need_id = ${needId}`;
        return;
      }
      await sql`
        insert into workshop_vote (round_id, participant_id, need_id, count)
        values (${roundId}, ${participantId}, ${needId}, ${count})
        on conflict on constraint workshop_vote_pkey do update set count = excluded.count, updated_at = now()`;
    },

    // ——— the body's privacy contact ———

    async privacyContact(bodyId: string): Promise<string> {
      const [row] = await sql<
        { privacyContact: string }[]
      >`select privacy_contact from body where id = ${bodyId}`;
      return row?.privacyContact ?? '';
    },

    async setPrivacyContact(bodyId: string, contact: string): Promise<void> {
      await sql`update body set privacy_contact = ${contact} where id = ${bodyId}`;
    },
  };
}

export type WorkshopRepository = ReturnType<typeof workshopRepository>;
