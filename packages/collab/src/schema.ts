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
  /** userId → dots given. */
  votes: Record<string, number>;
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
  return {
    id,
    title: text(map.get('title')),
    description: text(map.get('description')),
    targetGroup: typeof map.get('targetGroup') === 'string' ? (map.get('targetGroup') as string) : '',
    source: pick(NEED_SOURCES, map.get('source'), 'other'),
    priority: pick(NEED_PRIORITIES, map.get('priority'), 'medium'),
    status: pick(NEED_STATUSES, map.get('status'), 'open'),
    votes,
    createdBy: typeof createdBy === 'string' ? createdBy : null,
    createdAt: typeof createdAt === 'string' ? createdAt : null,
    rank: finite(map.get('rank')),
  };
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
  need: Omit<Need, 'votes' | 'rank'> & { votes?: Record<string, number>; rank?: number },
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
