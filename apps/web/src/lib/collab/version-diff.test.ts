import { addNeed, actionPlanContent, writeActionPlanTemplate } from '@quartierplan/collab';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareTexts, decodeState, documentText, hasChanges } from './version-diff';

describe('version comparison', () => {
  it('marks words added and removed since the version', () => {
    const parts = compareTexts('Treffpunkt für Jugendliche', 'Neuer Treffpunkt für Kinder');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Neuer', 'Kinder']);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['Jugendliche']);
    expect(parts.map((p) => (p.kind === 'removed' ? '' : p.text)).join('')).toBe(
      'Neuer Treffpunkt für Kinder',
    );
    expect(parts.map((p) => (p.kind === 'added' ? '' : p.text)).join('')).toBe('Treffpunkt für Jugendliche');
  });

  it('finds no change between equal texts', () => {
    expect(hasChanges(compareTexts('Bedarfe\nMaßnahmen', 'Bedarfe\nMaßnahmen'))).toBe(false);
  });

  it('reads an action plan as one line per block and a needs list as one line per need', () => {
    const plan = new Y.Doc();
    writeActionPlanTemplate(plan);
    expect(documentText('action_plan', plan).split('\n')[0]).toBe('Ausgangslage / Ist-Stand');
    expect(actionPlanContent(plan).length).toBe(12);

    const needs = new Y.Doc();
    addNeed(needs, {
      id: 'a',
      title: 'Sprachcafé',
      description: 'dienstags',
      createdBy: null,
      createdAt: '',
    });
    addNeed(needs, { id: 'b', title: 'Spielplatz', createdBy: null, createdAt: '' });
    expect(documentText('needs', needs)).toBe('Sprachcafé – dienstags\nSpielplatz');
  });

  it('decodes the base64 state the API sends back into the same document', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'Grüße aus Hagen');
    const base64 = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, decodeState(base64));
    expect(copy.getText('t').toString()).toBe('Grüße aus Hagen');
  });
});
