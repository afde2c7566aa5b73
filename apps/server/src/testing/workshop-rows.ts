import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '@quartierplan/db';
import { sozialraumRepository } from '@quartierplan/db';
import { unique } from './fixtures.ts';

// Workshop rows written straight into the tables, for tests of what reads them afterwards
// (exports, the retention job) that need states the API reaches only over time (closed 40 days ago).

const JOIN_ALPHABET = 'ACDEFGHJKMNPQRTWXY346789';

function joinCode(): string {
  return [...randomBytes(8)].map((b) => JOIN_ALPHABET[b % JOIN_ALPHABET.length]).join('');
}

/** A Sozialraum (with its documents) in the body. */
export async function insertSozialraum(sql: Sql, bodyId: string): Promise<string> {
  const code = unique('SR-');
  const row = await sozialraumRepository(sql).create(bodyId, {
    code,
    name: `Sozialraum ${code}`,
    stadtbezirk: '',
  });
  return row.id;
}

export interface WorkshopRow {
  bodyId: string;
  sozialraumId: string;
  title?: string;
  date?: string;
  /** Closed this many days ago; open when absent. */
  closedDaysAgo?: number;
}

export async function insertWorkshop(sql: Sql, input: WorkshopRow): Promise<string> {
  const closed = input.closedDaysAgo !== undefined;
  const [row] = await sql<{ id: string }[]>`
    insert into workshop (body_id, sozialraum_id, title, date, code, status, closed_at)
    values (${input.bodyId}, ${input.sozialraumId}, ${input.title ?? 'Bedarfe im Quartier'},
      ${input.date ?? '2026-11-12'}, ${joinCode()}, ${closed ? 'closed' : 'open'},
      ${closed ? sql`now() - make_interval(days => ${input.closedDaysAgo!})` : null})
    returning id::text`;
  return row!.id;
}

/** A guest (joined by code, with a session nobody holds) or, with `userId`, a member. */
export async function insertParticipant(
  sql: Sql,
  workshopId: string,
  input: { displayName?: string | null; userId?: string } = {},
): Promise<string> {
  const tokenHash = createHash('sha256').update(randomBytes(20)).digest('hex');
  const [row] = await sql<{ id: string }[]>`
    insert into workshop_participant (workshop_id, user_id, token_hash, display_name, expires_at)
    values (${workshopId}, ${input.userId ?? null}, ${input.userId ? null : tokenHash},
      ${input.displayName ?? null}, ${input.userId ? null : sql`now() + interval '7 days'`})
    returning id::text`;
  return row!.id;
}

export async function insertCluster(sql: Sql, workshopId: string, label: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into workshop_cluster (workshop_id, label, colour) values (${workshopId}, ${label}, 'teal')
    returning id::text`;
  return row!.id;
}

export interface CardRow {
  participantId?: string | null;
  title: string;
  description?: string;
  status?: 'new' | 'accepted' | 'set_aside' | 'merged';
  clusterId?: string;
  mergedIntoId?: string;
  needId?: string;
  /** Seconds after an arbitrary start, so cards sort as written. */
  at?: number;
}

export async function insertCard(sql: Sql, workshopId: string, card: CardRow): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into workshop_card
      (workshop_id, participant_id, title, description, status, cluster_id, merged_into_id, need_id, created_at)
    values (${workshopId}, ${card.participantId ?? null}, ${card.title}, ${card.description ?? ''},
      ${card.status ?? 'new'}, ${card.clusterId ?? null}, ${card.mergedIntoId ?? null}, ${card.needId ?? null},
      ${new Date(Date.UTC(2026, 10, 12, 9, 0, card.at ?? 0))})
    returning id::text`;
  return row!.id;
}

export interface RoundRow {
  number: number;
  dotsPerPerson: number;
  maxPerItem?: number;
  durationSeconds?: number;
  ballot: { needId: string; title: string }[];
  /** Dots per voter and need; a closed round also gets its result (sums in ballot order). */
  votes?: { participantId: string; needId: string; count: number }[];
  closed: boolean;
}

/** A round as the server leaves it: running with votes, or closed with votes and its result. */
export async function insertRound(sql: Sql, workshopId: string, round: RoundRow): Promise<string> {
  const started = new Date(Date.UTC(2026, 10, 12, 10, round.number * 10));
  const closedAt = round.closed ? new Date(started.getTime() + 5 * 60_000) : null;
  const [row] = await sql<{ id: string }[]>`
    insert into workshop_round
      (workshop_id, number, status, dots_per_person, max_per_item, duration_seconds, started_at, closed_at, ballot)
    values (${workshopId}, ${round.number}, ${round.closed ? 'closed' : 'open'}, ${round.dotsPerPerson},
      ${round.maxPerItem ?? null}, ${round.durationSeconds ?? null}, ${started}, ${closedAt},
      ${sql.json(round.ballot)})
    returning id::text`;
  const roundId = row!.id;
  for (const vote of round.votes ?? []) {
    await sql`insert into workshop_vote (round_id, participant_id, need_id, count)
      values (${roundId}, ${vote.participantId}, ${vote.needId}, ${vote.count})`;
  }
  if (round.closed) {
    for (const [position, item] of round.ballot.entries()) {
      const dots = (round.votes ?? [])
        .filter((v) => v.needId === item.needId)
        .reduce((sum, v) => sum + v.count, 0);
      await sql`insert into workshop_round_result (round_id, need_id, title, dots, position)
        values (${roundId}, ${item.needId}, ${item.title}, ${dots}, ${position})`;
    }
  }
  return roundId;
}
