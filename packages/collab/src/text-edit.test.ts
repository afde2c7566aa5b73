import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit, computeTextEdit, transformPosition, type TextDelta } from './text-edit.ts';

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

  it.each([
    // 👋 and 👍 share their high surrogate: a cut after it tore the pair apart.
    ['Hallo 👋', 'Hallo 👍', [{ retain: 6 }, { delete: 2 }, { insert: '👍' }]],
    ['👍 gut', '👍🏽 gut', [{ delete: 2 }, { insert: '👍🏽' }]],
    ['Familie 👨‍👩‍👧', 'Familie 👨‍👩‍👦', [{ retain: 8 }, { delete: 8 }, { insert: '👨‍👩‍👦' }]],
    ['🇩🇪 Team', '🇫🇷 Team', [{ delete: 4 }, { insert: '🇫🇷' }]],
    ['Cafe', 'Cafe\u0301', [{ retain: 3 }, { delete: 1 }, { insert: 'e\u0301' }]],
  ])('replaces whole characters in %j → %j', (before, after, expected) => {
    const t = text(before);
    const delta = deltaOf(t, () => applyTextEdit(t, after));
    expect(t.toString()).toBe(after);
    expect(delta).toEqual(expected);
  });
});

/** Pieces that meet at tricky places: surrogate pairs sharing halves, modifiers, ZWJ, flags, marks. */
const piece = fc.oneof(
  fc.constantFrom(
    'a',
    'e',
    ' ',
    'ß',
    'é',
    '\u0301',
    '\u0308',
    '\u200d',
    '\u{1F3FD}',
    '\u{1F3FB}',
    '👋',
    '👍',
    '👍🏽',
    '👨‍👩‍👧',
    '👩‍💻',
    '❤️',
    '🇩',
    '🇪',
    '🇩🇪',
    '🇫🇷',
    '\r',
    '\n',
    '\u0915\u094d\u0937',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
);
const unicodeText = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

/** `a` and an edit of it: a random span of its pieces replaced by other pieces (or anything else). */
const textAndEdit = fc
  .tuple(
    fc.array(piece, { maxLength: 8 }),
    fc.array(piece, { maxLength: 4 }),
    fc.nat(),
    fc.nat(),
    unicodeText,
  )
  .chain(([pieces, replacement, from, count, unrelated]) => {
    const a = pieces.join('');
    const at = pieces.length === 0 ? 0 : from % (pieces.length + 1);
    const edited = [...pieces];
    edited.splice(at, count % (pieces.length - at + 1), ...replacement);
    return fc.tuple(fc.constant(a), fc.constantFrom(edited.join(''), unrelated));
  });

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function boundaries(value: string): Set<number> {
  const cuts = new Set([value.length]);
  for (const { index } of segmenter.segment(value)) cuts.add(index);
  return cuts;
}
// With the `u` flag a class of surrogates matches only halves that are not part of a pair.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/** A document holding `initial`, and a second peer that received it. */
function peers(initial: string): [Y.Text, Y.Text] {
  const first = new Y.Doc();
  first.getText('t').insert(0, initial);
  const second = new Y.Doc();
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  return [first.getText('t'), second.getText('t')];
}

function sync(one: Y.Text, other: Y.Text): void {
  const [a, b] = [one.doc!, other.doc!];
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

// Property runs are CPU-bound: generous timeouts, so a CI machine busy with parallel suites cannot fail them.
const PROPERTY_TIMEOUT_MS = 180_000;

describe('computeTextEdit on random Unicode text', () => {
  it(
    'gives exactly the new text and cuts only between grapheme clusters of both texts',
    () => {
      fc.assert(
        fc.property(textAndEdit, ([a, b]) => {
          const { start, removed, inserted } = computeTextEdit(a, b);
          expect(a.slice(0, start) + inserted + a.slice(start + removed)).toBe(b);
          const t = text(a);
          applyTextEdit(t, b);
          expect(t.toString()).toBe(b);
          const before = boundaries(a);
          const after = boundaries(b);
          expect(before.has(start) && before.has(start + removed)).toBe(true);
          expect(after.has(start) && after.has(start + inserted.length)).toBe(true);
        }),
        { numRuns: 10_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keeps text well-formed when two people edit the same text at once',
    () => {
      fc.assert(
        fc.property(textAndEdit, unicodeText, ([a, first], second) => {
          const [one, other] = peers(a);
          const edits = [computeTextEdit(a, first), computeTextEdit(a, second)];
          applyTextEdit(one, first);
          applyTextEdit(other, second);
          sync(one, other);
          const merged = one.toString();
          expect(other.toString()).toBe(merged);
          if (!loneSurrogate.test(a + first + second)) expect(merged).not.toMatch(loneSurrogate);
          if (!(a + first + second).includes('\uFFFD')) expect(merged).not.toContain('\uFFFD');
          // Each person's insertion arrives whole, not interleaved with the other's.
          for (const { inserted } of edits) expect(merged).toContain(inserted);
        }),
        { numRuns: 5_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'moves a caret outside a remote edit to the same character',
    () => {
      fc.assert(
        fc.property(textAndEdit, fc.nat(), ([a, b], pick) => {
          const cuts = [...boundaries(a)];
          const caret = cuts[pick % cuts.length]!;
          const { start, removed, inserted } = computeTextEdit(a, b);
          const t = text(a);
          const delta = deltaOf(t, () => applyTextEdit(t, b));
          const moved = transformPosition(delta, caret);
          if (caret < start) expect(moved).toBe(caret);
          else if (caret >= start + removed) expect(moved).toBe(caret - removed + inserted.length);
          else expect(moved).toBe(start);
        }),
        { numRuns: 2_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
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
