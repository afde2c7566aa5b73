import type { DocumentKind } from '@quartierplan/domain';
import * as Y from 'yjs';

/** Root type names of the collaborative documents (see docs/PRODUCT.md, Collaborative documents). */
export const ACTION_PLAN_FRAGMENT = 'content';
export const NEEDS_ARRAY = 'needs';
/** A `Y.Map` of facts about the document every client should see (e.g. its last restore). */
export const META_MAP = 'meta';
const LAST_RESTORE = 'lastRestore';

export const NEED_SOURCES = ['workshop', 'participation', 'data', 'other'] as const;
export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export const NEED_STATUSES = ['open', 'addressed', 'dropped'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];
export type NeedPriority = (typeof NEED_PRIORITIES)[number];
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** A need as plain data (the `Y.Map` of the needs array, read out). */
export interface Need {
  id: string;
  title: string;
  description: string;
  targetGroup: string;
  source: NeedSource;
  priority: NeedPriority;
  status: NeedStatus;
  /**
   * userId → dots of the in-document voting that workshops replace; read so old results stay
   * visible, never written any more.
   */
  votes: Record<string, number>;
  /** Workshop dot-voting results written by the server: roundId → dots (see writeRoundResult). */
  dots: Record<string, number>;
  /** The workshop whose card became this need, and the card. */
  workshopId: string | null;
  workshopCardId: string | null;
  createdBy: string | null;
  createdAt: string | null;
  /**
   * Position in the list: a number between its neighbours' ranks, so moving a need changes one
   * field and concurrent moves and edits never fight over the array.
   */
  rank: number;
}

export function actionPlanContent(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(ACTION_PLAN_FRAGMENT);
}

export function needsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NEEDS_ARRAY);
}

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

const text = (value: unknown): string =>
  value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';

/** Reads one need defensively: clients write these maps, so every field is checked. */
export function readNeed(map: Y.Map<unknown>): Need | null {
  const id = map.get('id');
  if (typeof id !== 'string' || id === '') return null;
  const votes: Record<string, number> = {};
  const rawVotes = map.get('votes');
  if (rawVotes instanceof Y.Map) {
    for (const [userId, count] of rawVotes.entries()) {
      if (typeof count === 'number' && Number.isInteger(count) && count > 0) votes[userId] = count;
    }
  }
  const createdBy = map.get('createdBy');
  const createdAt = map.get('createdAt');
  const workshopId = map.get('workshopId');
  const workshopCardId = map.get('workshopCardId');
  return {
    id,
    title: text(map.get('title')),
    description: text(map.get('description')),
    targetGroup: typeof map.get('targetGroup') === 'string' ? (map.get('targetGroup') as string) : '',
    source: pick(NEED_SOURCES, map.get('source'), 'other'),
    priority: pick(NEED_PRIORITIES, map.get('priority'), 'medium'),
    status: pick(NEED_STATUSES, map.get('status'), 'open'),
    votes,
    dots: countsOf(map.get(NEED_DOTS)),
    workshopId: typeof workshopId === 'string' ? workshopId : null,
    workshopCardId: typeof workshopCardId === 'string' ? workshopCardId : null,
    createdBy: typeof createdBy === 'string' ? createdBy : null,
    createdAt: typeof createdAt === 'string' ? createdAt : null,
    rank: finite(map.get('rank')),
  };
}

/** Non-negative whole numbers of a `Y.Map`, by key (anything else a client wrote is skipped). */
function countsOf(value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  if (value instanceof Y.Map) {
    for (const [key, count] of value.entries()) {
      if (typeof count === 'number' && Number.isInteger(count) && count >= 0) counts[key] = count;
    }
  }
  return counts;
}

const finite = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * All needs of a needs document in list order (by rank; equal ranks keep array order); entries
 * without an id are skipped, duplicates too.
 */
export function readNeeds(doc: Y.Doc): Need[] {
  const seen = new Set<string>();
  const needs: Need[] = [];
  for (const item of needsArray(doc).toArray()) {
    const need = item instanceof Y.Map ? readNeed(item) : null;
    if (need && !seen.has(need.id)) {
      seen.add(need.id);
      needs.push(need);
    }
  }
  // Array.prototype.sort is stable, so unranked (older) needs keep their array order.
  return needs.sort((a, b) => a.rank - b.rank);
}

/** Builds the `Y.Map` of a new need (the shape docs/PRODUCT.md fixes). */
export function createNeedMap(
  need: Omit<Need, 'votes' | 'rank' | 'dots' | 'workshopId' | 'workshopCardId'> & {
    votes?: Record<string, number>;
    rank?: number;
    workshopId?: string | null;
    workshopCardId?: string | null;
  },
): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', need.id);
  map.set('title', new Y.Text(need.title));
  map.set('description', new Y.Text(need.description));
  map.set('targetGroup', need.targetGroup);
  map.set('source', need.source);
  map.set('priority', need.priority);
  map.set('status', need.status);
  const votes = new Y.Map<number>();
  for (const [userId, count] of Object.entries(need.votes ?? {})) votes.set(userId, count);
  map.set('votes', votes);
  map.set('createdBy', need.createdBy);
  map.set('createdAt', need.createdAt);
  map.set('rank', need.rank ?? 0);
  if (need.workshopId) map.set('workshopId', need.workshopId);
  if (need.workshopCardId) map.set('workshopCardId', need.workshopCardId);
  return map;
}

/** The sections of the action plans in the source documents (docs/PRODUCT.md), in order. */
export const ACTION_PLAN_SECTIONS = [
  'Ausgangslage / Ist-Stand',
  'Bedarfe',
  'Handlungsempfehlungen',
  'Maßnahmen',
  'Ressourcenplanung',
  'Ziele und Zielerreichung',
] as const;

/** Writes the template (a level-2 heading and an empty paragraph per section) into an empty action plan. */
export function writeActionPlanTemplate(doc: Y.Doc): void {
  const fragment = actionPlanContent(doc);
  doc.transact(() => {
    const nodes: Y.XmlElement[] = [];
    for (const section of ACTION_PLAN_SECTIONS) {
      // y-prosemirror keeps node attributes as JSON values: Tiptap's heading level is a number.
      const heading = new Y.XmlElement<{ level: number }>('heading');
      heading.setAttribute('level', 2);
      heading.insert(0, [new Y.XmlText(section)]);
      nodes.push(heading as unknown as Y.XmlElement, new Y.XmlElement('paragraph'));
    }
    fragment.insert(0, nodes);
  });
}

/** Plain text of the action plan, block by block (for tests, search and exports). */
export function actionPlanText(doc: Y.Doc): string[] {
  return actionPlanContent(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? textOf(node) : ''));
}

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ''))
    .join('');
}

/**
 * Makes `target` show the content of `version` as one new change (history is kept: this is
 * an edit like any other, so connected clients follow and it can itself be undone by a restore).
 */
export function replaceContent(target: Y.Doc, version: Y.Doc, kind: DocumentKind): void {
  target.transact(() => {
    if (kind === 'action_plan') {
      const fragment = actionPlanContent(target);
      fragment.delete(0, fragment.length);
      fragment.insert(
        0,
        actionPlanContent(version)
          .toArray()
          .flatMap((node) =>
            node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : [],
          ),
      );
    } else {
      const needs = needsArray(target);
      needs.delete(0, needs.length);
      needs.insert(
        0,
        needsArray(version)
          .toArray()
          .map((map) => map.clone()),
      );
    }
  });
}

/** The last version restore, written into the document so every connected client can tell people. */
export interface LastRestore {
  byId: string;
  byName: string;
  versionId: string;
  versionName: string;
  /** The automatic version holding the state before the restore. */
  automaticVersionId: string;
  /** ISO timestamp. */
  at: string;
}

/** Records a restore in the document's meta map (inside the restore's transaction). */
export function writeLastRestore(doc: Y.Doc, restore: LastRestore): void {
  doc.getMap<unknown>(META_MAP).set(LAST_RESTORE, { ...restore });
}

/** The document's last restore, or null; read defensively since clients can write the map too. */
export function readLastRestore(doc: Y.Doc): LastRestore | null {
  const raw = doc.getMap<unknown>(META_MAP).get(LAST_RESTORE);
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const keys = ['byId', 'byName', 'versionId', 'versionName', 'automaticVersionId', 'at'] as const;
  if (!keys.every((key) => typeof record[key] === 'string')) return null;
  return Object.fromEntries(keys.map((key) => [key, record[key]])) as unknown as LastRestore;
}

// ——— workshop dot-voting results ———
// The server keeps every round and enforces its budget (see services/workshops); when a round
// closes it writes the result here, so the needs list, its history and the measures made from its
// needs show it live. Clients only read these.

/** Root map of a needs document: roundId → the round's summary. */
export const WORKSHOP_ROUNDS_MAP = 'workshopRounds';
/** Field of a need's map: roundId → dots the need got in that round. */
const NEED_DOTS = 'dots';

/** A closed workshop round as the needs list names it. */
export interface RoundSummary {
  roundId: string;
  workshopId: string;
  workshopTitle: string;
  /** 1, 2, … within its workshop. */
  number: number;
  /** ISO timestamp: rounds are ordered by it. */
  closedAt: string;
  dotsPerPerson: number;
}

/** Every round whose result the document holds, oldest first; read defensively. */
export function readRoundSummaries(doc: Y.Doc): RoundSummary[] {
  const rounds: RoundSummary[] = [];
  for (const [roundId, raw] of doc.getMap<unknown>(WORKSHOP_ROUNDS_MAP).entries()) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    if (
      typeof r.workshopId === 'string' &&
      typeof r.workshopTitle === 'string' &&
      typeof r.number === 'number' &&
      typeof r.closedAt === 'string' &&
      typeof r.dotsPerPerson === 'number'
    ) {
      rounds.push({
        roundId,
        workshopId: r.workshopId,
        workshopTitle: r.workshopTitle,
        number: r.number,
        closedAt: r.closedAt,
        dotsPerPerson: r.dotsPerPerson,
      });
    }
  }
  return rounds.sort((a, b) => a.closedAt.localeCompare(b.closedAt));
}

/**
 * Writes a closed round's result: its summary, and on each need of the ballot the dots it got
 * (0 included, so "on the ballot, no dots" differs from "not on the ballot"). Needs deleted
 * meanwhile are skipped. Writing the same round again overwrites it (idempotent).
 */
export function writeRoundResult(
  doc: Y.Doc,
  round: RoundSummary,
  dotsByNeedId: Readonly<Record<string, number>>,
): void {
  doc.transact(() => {
    const { roundId, ...summary } = round;
    doc.getMap<unknown>(WORKSHOP_ROUNDS_MAP).set(roundId, summary);
    for (const item of needsArray(doc).toArray()) {
      const id = item instanceof Y.Map ? item.get('id') : undefined;
      if (typeof id !== 'string' || !(id in dotsByNeedId)) continue;
      let dots = item.get(NEED_DOTS);
      if (!(dots instanceof Y.Map)) {
        dots = new Y.Map<number>();
        item.set(NEED_DOTS, dots);
      }
      (dots as Y.Map<number>).set(roundId, dotsByNeedId[id] ?? 0);
    }
  });
}

/** One entry of a need's voting history. */
export interface NeedRoundDots {
  round: RoundSummary;
  dots: number;
}

/** The rounds a need was on the ballot of, oldest first (`rounds` from readRoundSummaries). */
export function needDotHistory(need: Need, rounds: readonly RoundSummary[]): NeedRoundDots[] {
  return rounds.flatMap((round) =>
    round.roundId in need.dots ? [{ round, dots: need.dots[round.roundId]! }] : [],
  );
}

/**
 * The dots a need shows: its result in the latest round it was on the ballot of; for lists from
 * before workshops, the sum of the old in-document votes; null when it was never voted on.
 */
export function latestDots(need: Need, rounds: readonly RoundSummary[]): number | null {
  const history = needDotHistory(need, rounds);
  if (history.length > 0) return history[history.length - 1]!.dots;
  const legacy = Object.values(need.votes).reduce((sum, n) => sum + n, 0);
  return legacy > 0 ? legacy : null;
}
