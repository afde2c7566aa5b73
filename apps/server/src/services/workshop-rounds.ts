import { readNeeds, writeRoundResult } from '@quartierplan/collab';
import { UniqueViolationError, workshopRepository, type WorkshopRepository } from '@quartierplan/db';
import {
  checkVote,
  VOTE_REFUSAL_MESSAGES,
  type RoundTally,
  type StartRoundInput,
  type VoteInput,
  type Workshop,
  type WorkshopRound,
  type WorkshopStateDto,
} from '@quartierplan/domain';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError, conflict, forbidden, notFound } from '../http/errors.ts';
import type { LiveDocuments } from './live-documents.ts';
import {
  resultsVisible,
  toCardDto,
  toClusterDto,
  toRoundDto,
  toSelfDto,
  toWorkshopDto,
  type RoundSnapshot,
} from './workshop-live.ts';
import {
  needsDocumentOf,
  participantOf,
  requireFacilitator,
  requireOpen,
  roundSnapshot,
  type RoundClock,
  type WorkshopAccess,
  type WorkshopDeps,
} from './workshops.ts';

const roundNotFound = () => notFound('Abstimmungsrunde nicht gefunden.');

/**
 * Writes a closed round's result into the Sozialraum's needs document (so the needs list, its
 * history and the projection show it) and notes that it did; idempotent. A failure is logged:
 * the stored result stays authoritative, and the next start writes it (RoundTimers.start).
 */
async function writeResultToNeeds(
  deps: WorkshopDeps,
  workshop: Workshop,
  snapshot: RoundSnapshot,
): Promise<void> {
  const { round, tally } = snapshot;
  try {
    const document = await needsDocumentOf(deps.context.sql, workshop);
    await deps.documents.withRoom(document, async (room) => {
      room.applyServerChange(
        (doc) =>
          writeRoundResult(
            doc,
            {
              roundId: round.id,
              workshopId: workshop.id,
              workshopTitle: workshop.title,
              number: round.number,
              closedAt: round.closedAt!,
              dotsPerPerson: round.dotsPerPerson,
            },
            Object.fromEntries(tally.map((t) => [t.needId, t.dots])),
          ),
        null,
      );
      await room.flushed();
    });
    await workshopRepository(deps.context.sql).markResultWritten(round.id);
  } catch (error) {
    deps.context.logger.error(
      { err: error, roundId: round.id },
      'writing a round result into the needs list failed',
    );
  }
}

/** After rounds closed (their results are committed): into the needs document, then live. */
async function afterClose(deps: WorkshopDeps, workshop: Workshop, closed: WorkshopRound[]): Promise<void> {
  const repo = workshopRepository(deps.context.sql);
  for (const round of closed) {
    deps.clock.disarm(round.id);
    const snapshot = await roundSnapshot(repo, round);
    await writeResultToNeeds(deps, workshop, snapshot);
    deps.context.workshopBus.publish(workshop.id, { type: 'round', snapshot });
  }
}

/** Writes the results that a previous process closed but did not get into the needs document. */
async function writeMissingResults(deps: WorkshopDeps): Promise<void> {
  const repo = workshopRepository(deps.context.sql);
  for (const { id, workshopId } of await repo.unwrittenResults()) {
    const [workshop, round] = await Promise.all([
      repo.findByIdAnyBody(workshopId),
      repo.round(workshopId, id),
    ]);
    if (workshop && round) await writeResultToNeeds(deps, workshop, await roundSnapshot(repo, round));
  }
}

/**
 * Closes the workshop's open rounds whose time ran out: called by the timer and by every read
 * and vote, so a round is closed at `endsAt` whatever the timer does. Idempotent.
 */
export async function closeDueRounds(deps: WorkshopDeps, workshop: Workshop): Promise<void> {
  const { sql } = deps.context;
  if ((await workshopRepository(sql).dueRoundIds(workshop.id)).length === 0) return;
  const closed = await sql.begin((tx) => workshopRepository(tx).closeRounds(workshop.id, { dueOnly: true }));
  await afterClose(deps, workshop, closed);
}

export async function listRounds(deps: WorkshopDeps, access: WorkshopAccess): Promise<RoundSnapshot[]> {
  await closeDueRounds(deps, access.workshop);
  const repo = workshopRepository(deps.context.sql);
  const rounds = await repo.rounds(access.workshop.id);
  return Promise.all(rounds.map((round) => roundSnapshot(repo, round)));
}

/** Everything a phone, the projector or the board shows, as the requester may see it. */
export async function workshopState(deps: WorkshopDeps, access: WorkshopAccess): Promise<WorkshopStateDto> {
  const rounds = await listRounds(deps, access);
  const repo = workshopRepository(deps.context.sql);
  const [workshop, cards, clusters] = await Promise.all([
    repo.findByIdAnyBody(access.workshop.id),
    repo.cards(access.workshop.id),
    repo.clusters(access.workshop.id),
  ]);
  const { viewer } = access;
  return {
    workshop: toWorkshopDto(workshop ?? access.workshop, viewer),
    self: toSelfDto(viewer),
    cards: cards.map((card) => toCardDto(card, viewer)),
    clusters: clusters.map(toClusterDto),
    rounds: rounds.map((snapshot) => toRoundDto(snapshot, viewer)),
  };
}

async function loadRound(
  repo: WorkshopRepository,
  workshopId: string,
  roundId: string,
): Promise<WorkshopRound> {
  const round = await repo.round(workshopId, roundId);
  if (!round) throw roundNotFound();
  return round;
}

const unprocessable = (path: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(422, 'validation_failed', message, { issues: [{ path, message }], ...details });

/**
 * Starts a round. The ballot is the needs named (each must be in the Sozialraum's needs list),
 * or every open need of the list; titles are kept as they are now.
 */
export async function startRound(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  input: StartRoundInput,
): Promise<RoundSnapshot> {
  const user = requireFacilitator(access);
  const { workshop } = access;
  requireOpen(workshop);
  await closeDueRounds(deps, workshop);
  const document = await needsDocumentOf(deps.context.sql, workshop);
  const needs = await deps.documents.withRoom(document, async (room) => readNeeds(room.doc));
  let ballot: { needId: string; title: string }[];
  if (input.needIds) {
    const byId = new Map(needs.map((need) => [need.id, need]));
    const unknown = input.needIds.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      throw unprocessable('needIds', 'Diese Bedarfe stehen nicht (mehr) in der Bedarfsliste.', { unknown });
    }
    ballot = [...new Set(input.needIds)].map((id) => ({ needId: id, title: byId.get(id)!.title }));
  } else {
    ballot = needs
      .filter((need) => need.status === 'open')
      .map((need) => ({ needId: need.id, title: need.title }));
    if (ballot.length === 0)
      throw unprocessable('needIds', 'Die Bedarfsliste hat keine offenen Bedarfe zur Abstimmung.');
  }
  const repo = workshopRepository(deps.context.sql);
  let round: WorkshopRound;
  try {
    round = await repo.startRound({
      workshopId: workshop.id,
      dotsPerPerson: input.dotsPerPerson,
      maxPerItem: input.maxPerItem ?? null,
      durationSeconds: input.durationSeconds ?? null,
      liveResults: input.liveResults ?? false,
      ballot,
      createdBy: user.id,
    });
  } catch (error) {
    if (error instanceof UniqueViolationError) throw conflict('Es läuft noch eine Abstimmungsrunde.');
    throw error;
  }
  if (round.endsAt) deps.clock.arm(workshop.id, round.id, round.endsAt);
  const snapshot = await roundSnapshot(repo, round);
  deps.context.workshopBus.publish(workshop.id, { type: 'round', snapshot });
  return snapshot;
}

/** Pauses (keeping the timer's remaining seconds) or resumes a round. */
export async function pauseOrResumeRound(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  roundId: string,
  action: 'pause' | 'resume',
): Promise<RoundSnapshot> {
  requireFacilitator(access);
  const { workshop } = access;
  await closeDueRounds(deps, workshop);
  const repo = workshopRepository(deps.context.sql);
  await loadRound(repo, workshop.id, roundId);
  const changed =
    action === 'pause'
      ? await repo.pauseRound(workshop.id, roundId)
      : await repo.resumeRound(workshop.id, roundId);
  const round = await loadRound(repo, workshop.id, roundId);
  if (!changed) {
    throw conflict(
      round.status === 'closed'
        ? 'Die Abstimmungsrunde ist beendet.'
        : action === 'pause'
          ? 'Die Abstimmungsrunde ist schon angehalten.'
          : 'Die Abstimmungsrunde läuft schon.',
    );
  }
  if (round.endsAt) deps.clock.arm(workshop.id, round.id, round.endsAt);
  else deps.clock.disarm(round.id);
  const snapshot = await roundSnapshot(repo, round);
  deps.context.workshopBus.publish(workshop.id, { type: 'round', snapshot });
  return snapshot;
}

/** Closes a round (idempotent: a closed round answers as it is). */
export async function closeRound(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  roundId: string,
): Promise<RoundSnapshot> {
  requireFacilitator(access);
  const { workshop } = access;
  const { sql } = deps.context;
  await loadRound(workshopRepository(sql), workshop.id, roundId);
  const closed = await sql.begin((tx) => workshopRepository(tx).closeRounds(workshop.id, { roundId }));
  await afterClose(deps, workshop, closed);
  const repo = workshopRepository(sql);
  return roundSnapshot(repo, await loadRound(repo, workshop.id, roundId));
}

/** Closes the workshop: a running round first (with its result), then the workshop. Idempotent. */
export async function closeWorkshop(deps: WorkshopDeps, access: WorkshopAccess): Promise<Workshop> {
  requireFacilitator(access);
  const { workshop } = access;
  const { sql } = deps.context;
  const running = await workshopRepository(sql).runningRound(workshop.id);
  if (running) {
    const closed = await sql.begin((tx) =>
      workshopRepository(tx).closeRounds(workshop.id, { roundId: running.id }),
    );
    await afterClose(deps, workshop, closed);
  }
  const repo = workshopRepository(sql);
  await repo.close(workshop.id);
  const fresh = (await repo.findById(workshop.bodyId, workshop.id))!;
  deps.context.workshopBus.publish(workshop.id, { type: 'workshop', workshop: fresh });
  return fresh;
}

/**
 * Sets the requester's dots on one need. One transaction locks the round row, reads the
 * person's other dots and checks the domain's vote rule, so concurrent requests of one person
 * are counted one after another and never exceed the budget; the rule also compares with
 * `endsAt`, so a vote after the end is refused even before the timer fired.
 */
export async function vote(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  roundId: string,
  input: VoteInput,
): Promise<RoundSnapshot> {
  const { workshop } = access;
  const { sql } = deps.context;
  await loadRound(workshopRepository(sql), workshop.id, roundId);
  const participant = await participantOf(deps, access);
  const refusal = await sql.begin(async (tx) => {
    const repo = workshopRepository(tx);
    const round = await repo.lockRound(workshop.id, roundId);
    if (!round) throw roundNotFound();
    const mine = await repo.votesOf(round.id, participant.id);
    const dotsElsewhere = mine.filter((v) => v.needId !== input.needId).reduce((sum, v) => sum + v.count, 0);
    const refused = checkVote(
      {
        status: workshop.status === 'open' ? round.status : 'closed',
        dotsPerPerson: round.dotsPerPerson,
        maxPerItem: round.maxPerItem,
        endsAt: round.endsAt,
        ballotNeedIds: round.ballot.map((item) => item.needId),
      },
      { needId: input.needId, count: input.count, dotsElsewhere },
      new Date(),
    );
    if (!refused) await repo.setVote(round.id, participant.id, input.needId, input.count);
    return refused;
  });
  if (refusal) {
    if (refusal === 'round_closed') await closeDueRounds(deps, workshop);
    const message = VOTE_REFUSAL_MESSAGES[refusal];
    if (refusal === 'round_closed' || refusal === 'round_paused')
      throw conflict(message, { reason: refusal });
    throw unprocessable(refusal === 'not_on_ballot' ? 'needId' : 'count', message, { reason: refusal });
  }
  const repo = workshopRepository(sql);
  const snapshot = await roundSnapshot(repo, await loadRound(repo, workshop.id, roundId));
  deps.context.workshopBus.publish(workshop.id, { type: 'round', snapshot });
  return snapshot;
}

/** A round's ranked results: the facilitator always, others once closed or with live results. */
export async function roundResults(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  roundId: string,
): Promise<RoundTally[]> {
  await closeDueRounds(deps, access.workshop);
  const repo = workshopRepository(deps.context.sql);
  const round = await loadRound(repo, access.workshop.id, roundId);
  if (!resultsVisible(round, access.viewer)) {
    throw forbidden('Die Ergebnisse werden nach dem Ende der Runde gezeigt.');
  }
  return (await roundSnapshot(repo, round)).tally;
}

/**
 * One timer per open timed round in this process. When it fires it closes the round through
 * the same conditional close as reads and votes; at start-up the rounds still open are re-armed
 * (a round whose time ran out while the server was down closes at once).
 */
/** How long after a premature or failed timer the close is tried again. */
const RETRY_MS = 50;

export class RoundTimers implements RoundClock {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private deps: WorkshopDeps | null = null;
  private stopped = false;

  constructor(
    private readonly context: AppContext,
    private readonly log: Logger,
  ) {}

  /**
   * Connects the timers to the loaded documents, re-arms the open rounds and writes results a
   * previous process closed but did not get into the needs document.
   */
  async start(documents: LiveDocuments): Promise<void> {
    this.deps = { context: this.context, documents, clock: this };
    const open = await workshopRepository(this.context.sql).openTimedRounds();
    for (const round of open) this.arm(round.workshopId, round.id, round.endsAt);
    await writeMissingResults(this.deps);
  }

  arm(workshopId: string, roundId: string, endsAt: string): void {
    if (this.stopped) return;
    this.disarm(roundId);
    // setTimeout holds at most ~24.8 days; rounds last at most 4 hours.
    const delay = Math.max(0, Date.parse(endsAt) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(roundId);
      void this.fire(workshopId, roundId);
    }, delay);
    timer.unref();
    this.timers.set(roundId, timer);
  }

  disarm(roundId: string): void {
    const timer = this.timers.get(roundId);
    if (timer) clearTimeout(timer);
    this.timers.delete(roundId);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async fire(workshopId: string, roundId: string): Promise<void> {
    if (!this.deps || this.stopped) return;
    const repo = workshopRepository(this.context.sql);
    try {
      const workshop = await repo.findByIdAnyBody(workshopId);
      if (workshop) await closeDueRounds(this.deps, workshop);
      // ends_at holds microseconds, the timer only milliseconds (and Node may fire a little
      // early): the database may not see the round due yet, so one still open is tried again.
      const round = await repo.round(workshopId, roundId);
      if (round?.status === 'open' && round.endsAt !== null) {
        this.arm(
          workshopId,
          roundId,
          new Date(Math.max(Date.parse(round.endsAt), Date.now()) + RETRY_MS).toISOString(),
        );
      }
    } catch (error) {
      this.log.error({ err: error, workshopId }, 'closing a timed round failed');
      // A failed close (database briefly away) is retried rather than left to the next read.
      this.arm(workshopId, roundId, new Date(Date.now() + 1000).toISOString());
    }
  }
}
