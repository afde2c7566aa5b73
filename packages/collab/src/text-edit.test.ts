import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit, transformPosition, type TextDelta } from './text-edit.ts';

function text(initial: string): Y.Text {
  const doc = new Y.Doc();
  const t = doc.getText('t');
  t.insert(0, initial);
  return t;
}

function deltaOf(t: Y.Text, change: () => void): TextDelta {
  let delta: TextDelta = [];
  const observer = (event: Y.YTextEvent) => (delta = event.delta as TextDelta);
  t.observe(observer);
  change();
  t.unobserve(observer);
  return delta;
}

describe('applyTextEdit', () => {
  it.each([
    ['Kita', 'Kita-Plätze', [{ retain: 4 }, { insert: '-Plätze' }]],
    ['Kita-Plätze', 'Plätze', [{ delete: 5 }]],
    ['Sprachkurs', 'Sprachcafé', [{ retain: 6 }, { delete: 4 }, { insert: 'café' }]],
    ['aaa', 'aaaa', [{ retain: 3 }, { insert: 'a' }]],
    ['', 'Neu', [{ insert: 'Neu' }]],
  ])('turns %j → %j into the smallest change', (before, after, expected) => {
    const t = text(before);
    const delta = deltaOf(t, () => applyTextEdit(t, after));
    expect(t.toString()).toBe(after);
    expect(delta).toEqual(expected);
  });

  it('writes nothing when the value is unchanged', () => {
    const t = text('gleich');
    let updates = 0;
    t.doc!.on('update', () => (updates += 1));
    applyTextEdit(t, 'gleich');
    expect(updates).toBe(0);
  });

  it('keeps surrogate pairs and umlauts intact', () => {
    const t = text('Grüße 👋');
    applyTextEdit(t, 'Grüße 👋 aus Hagen');
    expect(t.toString()).toBe('Grüße 👋 aus Hagen');
  });
});

describe('transformPosition', () => {
  it.each<[string, TextDelta, number, number]>([
    ['insert before the caret moves it right', [{ insert: 'ab' }], 3, 5],
    ['insert after the caret leaves it', [{ retain: 4 }, { insert: 'ab' }], 3, 3],
    ['insert at the caret moves it right', [{ retain: 3 }, { insert: 'ab' }], 3, 5],
    ['delete before the caret moves it left', [{ delete: 2 }], 3, 1],
    ['delete around the caret puts it at the start', [{ retain: 1 }, { delete: 5 }], 3, 1],
    ['delete after the caret leaves it', [{ retain: 3 }, { delete: 2 }], 3, 3],
    ['replace before the caret', [{ retain: 1 }, { delete: 1 }, { insert: 'xyz' }], 5, 7],
  ])('%s', (_name, delta, position, expected) => {
    expect(transformPosition(delta, position)).toBe(expected);
  });

  it('leaves the caret before text inserted at it when asked', () => {
    expect(transformPosition([{ retain: 3 }, { insert: 'ab' }], 3, false)).toBe(3);
  });

  it('agrees with a real remote edit', () => {
    const t = text('Treffpunkt Jugend');
    const delta = deltaOf(t, () => applyTextEdit(t, 'Neuer Treffpunkt Jugend'));
    const caret = 'Treffpunkt '.length;
    expect(t.toString().slice(0, transformPosition(delta, caret))).toBe('Neuer Treffpunkt ');
  });
});
