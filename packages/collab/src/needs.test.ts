import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNeed, deleteNeed, moveNeed, needText, setNeedValue } from './needs.ts';
import { createNeedMap, needsArray, readNeeds, writeRoundResult } from './schema.ts';
import { applyTextEdit } from './text-edit.ts';

const at = '2026-03-12T10:00:00.000Z';

/** Two replicas that exchange every update, like two browsers behind the sync server. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

/** Two replicas that are offline: changes are exchanged only when `sync()` is called. */
function offlinePair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  return {
    a,
    b,
    sync() {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    },
  };
}

function withNeeds(doc: Y.Doc, ...titles: string[]) {
  for (const [i, title] of titles.entries())
    addNeed(doc, { id: `n${i + 1}`, title, createdBy: 'u1', createdAt: at });
}

const titles = (doc: Y.Doc) => readNeeds(doc).map((n) => n.title);

describe('needs list', () => {
  it('adds needs at the end with the defaults of a workshop entry', () => {
    const doc = new Y.Doc();
    withNeeds(doc, 'Treffpunkt für Jugendliche', 'Sprachkurse');
    const [first, second] = readNeeds(doc);
    expect(titles(doc)).toEqual(['Treffpunkt für Jugendliche', 'Sprachkurse']);
    expect(first).toMatchObject({
      source: 'workshop',
      priority: 'medium',
      status: 'open',
      createdBy: 'u1',
      votes: {},
    });
    expect(second!.rank).toBeGreaterThan(first!.rank);
  });

  it('keeps both people’s characters when they type in the same title at once', () => {
    const { a, b, sync } = offlinePair();
    withNeeds(a, 'Spielplatz');
    sync();
    applyTextEdit(needText(a, 'n1', 'title')!, 'Spielplatz sanieren');
    applyTextEdit(needText(b, 'n1', 'title')!, 'Neuer Spielplatz');
    sync();
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a)[0]).toBe('Neuer Spielplatz sanieren');
  });

  it('sets plain fields and skips writes that change nothing', () => {
    const doc = new Y.Doc();
    withNeeds(doc, 'Beratung');
    let updates = 0;
    doc.on('update', () => (updates += 1));
    setNeedValue(doc, 'n1', 'priority', 'high');
    setNeedValue(doc, 'n1', 'priority', 'high');
    setNeedValue(doc, 'missing', 'priority', 'low');
    expect(updates).toBe(1);
    expect(readNeeds(doc)[0]!.priority).toBe('high');
  });

  it('moves needs up and down, and a concurrent edit of the moved need survives', () => {
    const [a, b] = pair();
    withNeeds(a, 'A', 'B', 'C', 'D');
    expect(moveNeed(a, 'n4', -2)).toBe(true);
    expect(titles(b)).toEqual(['A', 'D', 'B', 'C']);
    expect(moveNeed(a, 'n1', 99)).toBe(true);
    expect(titles(b)).toEqual(['D', 'B', 'C', 'A']);
    expect(moveNeed(a, 'n4', -1)).toBe(false);

    const { a: x, b: y, sync } = offlinePair();
    withNeeds(x, 'A', 'B', 'C');
    sync();
    moveNeed(x, 'n3', -2);
    applyTextEdit(needText(y, 'n3', 'title')!, 'C (Kita-Plätze)');
    sync();
    expect(titles(x)).toEqual(['C (Kita-Plätze)', 'A', 'B']);
    expect(titles(y)).toEqual(titles(x));
  });

  it('orders needs written without ranks by array position and can still move them', () => {
    const doc = new Y.Doc();
    needsArray(doc).push(
      ['A', 'B', 'C'].map((title, i) =>
        createNeedMap({
          id: `n${i}`,
          title,
          description: '',
          targetGroup: '',
          source: 'other',
          priority: 'low',
          status: 'open',
          createdBy: null,
          createdAt: null,
        }),
      ),
    );
    expect(titles(doc)).toEqual(['A', 'B', 'C']);
    moveNeed(doc, 'n2', -1);
    expect(titles(doc)).toEqual(['A', 'C', 'B']);
  });

  it('deletes a need, and the deleting person’s undo brings it back with its text and workshop dots', () => {
    const doc = new Y.Doc();
    const mine = { who: 'me' };
    withNeeds(doc, 'Sprachcafé');
    writeRoundResult(
      doc,
      { roundId: 'r1', workshopId: 'w1', workshopTitle: 'Forum', number: 1, closedAt: at, dotsPerPerson: 3 },
      { n1: 4 },
    );
    const undo = new Y.UndoManager(needsArray(doc), { trackedOrigins: new Set([mine]) });
    expect(deleteNeed(doc, 'n1', mine)).toBe(true);
    expect(deleteNeed(doc, 'n1', mine)).toBe(false);
    expect(readNeeds(doc)).toHaveLength(0);
    undo.undo();
    expect(readNeeds(doc)).toMatchObject([{ id: 'n1', title: 'Sprachcafé', dots: { r1: 4 } }]);
  });

  it('undo takes back only my own changes, not those of others', () => {
    const [a, b] = pair();
    const mine = { who: 'a' };
    withNeeds(a, 'Lernförderung');
    const undo = new Y.UndoManager(needsArray(a), { trackedOrigins: new Set([mine]) });
    setNeedValue(a, 'n1', 'status', 'addressed', mine);
    setNeedValue(b, 'n1', 'priority', 'high');
    undo.undo();
    expect(readNeeds(b)[0]).toMatchObject({ status: 'open', priority: 'high' });
  });
});
