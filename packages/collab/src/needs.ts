import * as Y from 'yjs';
import {
  createNeedMap,
  needsArray,
  readNeed,
  readNeeds,
  type Need,
  type NeedPriority,
  type NeedSource,
  type NeedStatus,
} from './schema.ts';

/**
 * Editing operations on a needs document, shared by the browser list, the tests and any server
 * code. Each runs in one Yjs transaction with the given origin, so an UndoManager that tracks
 * that origin undoes exactly the caller's own changes.
 */

/** Name of the root map that holds the dot-voting round of a needs document. */
export const VOTING_MAP = 'voting';

/** Fields of a need that are plain values (title and description are `Y.Text`). */
export type NeedValueField = 'targetGroup' | 'source' | 'priority' | 'status';
export type NeedTextField = 'title' | 'description';

export interface NewNeed {
  id: string;
  title: string;
  description?: string;
  targetGroup?: string;
  source?: NeedSource;
  priority?: NeedPriority;
  status?: NeedStatus;
  createdBy: string | null;
  createdAt: string;
  /** Set when the need came from a workshop card (accepted by the facilitator). */
  workshopId?: string | null;
  workshopCardId?: string | null;
}

function findMap(doc: Y.Doc, needId: string): Y.Map<unknown> | null {
  for (const item of needsArray(doc).toArray()) {
    if (item instanceof Y.Map && item.get('id') === needId) return item;
  }
  return null;
}

function indexOf(doc: Y.Doc, needId: string): number {
  return needsArray(doc)
    .toArray()
    .findIndex((item) => item instanceof Y.Map && item.get('id') === needId);
}

/** Adds a need at the end of the list. */
export function addNeed(doc: Y.Doc, need: NewNeed, origin: unknown = null): void {
  const last = readNeeds(doc).at(-1);
  doc.transact(() => {
    needsArray(doc).push([
      createNeedMap({
        description: '',
        targetGroup: '',
        source: 'workshop',
        priority: 'medium',
        status: 'open',
        ...need,
        rank: last ? last.rank + 1 : 1,
      }),
    ]);
  }, origin);
}

/** Removes a need; returns false when it does not exist (e.g. someone else deleted it first). */
export function deleteNeed(doc: Y.Doc, needId: string, origin: unknown = null): boolean {
  const index = indexOf(doc, needId);
  if (index < 0) return false;
  doc.transact(() => needsArray(doc).delete(index, 1), origin);
  return true;
}

/** Sets one plain field of a need; unchanged values are not written (no empty updates). */
export function setNeedValue<F extends NeedValueField>(
  doc: Y.Doc,
  needId: string,
  field: F,
  value: Need[F],
  origin: unknown = null,
): void {
  const map = findMap(doc, needId);
  if (!map || map.get(field) === value) return;
  doc.transact(() => map.set(field, value), origin);
}

/** The `Y.Text` of a need's title or description (created when an older entry lacks it). */
export function needText(doc: Y.Doc, needId: string, field: NeedTextField): Y.Text | null {
  const map = findMap(doc, needId);
  if (!map) return null;
  const value = map.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  doc.transact(() => map.set(field, text));
  return text;
}

/**
 * Moves a need `by` places up (negative) or down (positive) in list order. Only its rank
 * changes, to a value between its new neighbours, so nobody's concurrent edit is disturbed.
 */
export function moveNeed(doc: Y.Doc, needId: string, by: number, origin: unknown = null): boolean {
  const needs = readNeeds(doc);
  const from = needs.findIndex((n) => n.id === needId);
  const to = Math.max(0, Math.min(needs.length - 1, from + by));
  if (from < 0 || to === from) return false;
  const others = needs.filter((n) => n.id !== needId);
  const before = others[to - 1];
  const after = others[to];
  const rank =
    before && after ? (before.rank + after.rank) / 2 : before ? before.rank + 1 : after ? after.rank - 1 : 0;
  const map = findMap(doc, needId)!;
  doc.transact(() => {
    map.set('rank', rank);
    // Needs written without ranks (all 0) cannot be ordered between: give them distinct ones.
    if (before && after && before.rank === after.rank)
      renumber(doc, [...others.slice(0, to), { id: needId }, ...others.slice(to)]);
  }, origin);
  return true;
}

function renumber(doc: Y.Doc, order: readonly { id: string }[]): void {
  order.forEach(({ id }, index) => findMap(doc, id)?.set('rank', index + 1));
}

// ——— dot-voting ———

/** The current dot-voting round of a needs document. */
export interface VotingRound {
  open: boolean;
  /** Dots each person may place in this round. */
  dotsPerPerson: number;
  openedBy: string | null;
  openedAt: string | null;
}

/** Dots per person a facilitator may hand out in one round. */
export const MAX_DOTS_PER_PERSON = 20;

export function votingMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(VOTING_MAP);
}

/** Reads the round defensively (clients write it). */
export function readVotingRound(doc: Y.Doc): VotingRound {
  const map = votingMap(doc);
  const dots = map.get('dotsPerPerson');
  const openedBy = map.get('openedBy');
  const openedAt = map.get('openedAt');
  return {
    open: map.get('open') === true,
    dotsPerPerson:
      typeof dots === 'number' && Number.isInteger(dots) && dots > 0
        ? Math.min(dots, MAX_DOTS_PER_PERSON)
        : 0,
    openedBy: typeof openedBy === 'string' ? openedBy : null,
    openedAt: typeof openedAt === 'string' ? openedAt : null,
  };
}

/**
 * Opens a new round: every earlier dot is removed (a round starts from zero; name a version
 * first to keep the last result) and each person gets `dotsPerPerson` dots.
 */
export function openVotingRound(
  doc: Y.Doc,
  options: { dotsPerPerson: number; openedBy: string; openedAt: string },
  origin: unknown = null,
): void {
  if (
    !Number.isInteger(options.dotsPerPerson) ||
    options.dotsPerPerson < 1 ||
    options.dotsPerPerson > MAX_DOTS_PER_PERSON
  ) {
    throw new RangeError(`dotsPerPerson must be an integer from 1 to ${MAX_DOTS_PER_PERSON}`);
  }
  doc.transact(() => {
    for (const item of needsArray(doc).toArray()) {
      const votes = item instanceof Y.Map ? item.get('votes') : null;
      if (votes instanceof Y.Map) votes.clear();
    }
    const map = votingMap(doc);
    map.set('open', true);
    map.set('dotsPerPerson', options.dotsPerPerson);
    map.set('openedBy', options.openedBy);
    map.set('openedAt', options.openedAt);
  }, origin);
}

/** Closes the round; the dots stay as its result. */
export function closeVotingRound(doc: Y.Doc, origin: unknown = null): void {
  if (!readVotingRound(doc).open) return;
  doc.transact(() => votingMap(doc).set('open', false), origin);
}

/** Dots a person has placed in the current round, over all needs. */
export function dotsUsed(doc: Y.Doc, userId: string): number {
  return readNeeds(doc).reduce((sum, need) => sum + (need.votes[userId] ?? 0), 0);
}

/** Dots a person may still place (0 when no round is open). */
export function dotsLeft(doc: Y.Doc, userId: string): number {
  const round = readVotingRound(doc);
  return round.open ? Math.max(0, round.dotsPerPerson - dotsUsed(doc, userId)) : 0;
}

/** Total dots of a need. */
export function totalVotes(need: Need): number {
  return Object.values(need.votes).reduce((sum, n) => sum + n, 0);
}

export type VoteResult = 'ok' | 'round_closed' | 'no_dots_left' | 'no_dot_to_remove' | 'not_found';

/** Places one of the person's dots on a need (several on one need are allowed). */
export function castDot(doc: Y.Doc, needId: string, userId: string, origin: unknown = null): VoteResult {
  if (!readVotingRound(doc).open) return 'round_closed';
  const map = findMap(doc, needId);
  if (!map || !readNeed(map)) return 'not_found';
  if (dotsLeft(doc, userId) < 1) return 'no_dots_left';
  doc.transact(() => {
    let votes = map.get('votes');
    if (!(votes instanceof Y.Map)) {
      votes = new Y.Map<number>();
      map.set('votes', votes);
    }
    const current = (votes as Y.Map<number>).get(userId);
    (votes as Y.Map<number>).set(userId, (typeof current === 'number' ? current : 0) + 1);
  }, origin);
  return 'ok';
}

/** Takes one of the person's own dots back from a need while the round is open. */
export function withdrawDot(doc: Y.Doc, needId: string, userId: string, origin: unknown = null): VoteResult {
  if (!readVotingRound(doc).open) return 'round_closed';
  const map = findMap(doc, needId);
  if (!map) return 'not_found';
  const votes = map.get('votes');
  const current = votes instanceof Y.Map ? votes.get(userId) : undefined;
  if (!(votes instanceof Y.Map) || typeof current !== 'number' || current < 1) return 'no_dot_to_remove';
  doc.transact(() => {
    if (current === 1) votes.delete(userId);
    else votes.set(userId, current - 1);
  }, origin);
  return 'ok';
}
