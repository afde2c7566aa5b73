import * as Y from 'yjs';
import {
  createNeedMap,
  needsArray,
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
