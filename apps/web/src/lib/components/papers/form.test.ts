import { createPaperInputSchema } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { FormState } from '../../forms.svelte';
import { cents, decisionItemPath, emptyForm, inputOf, paperFieldId, signaturePath } from './form';

describe('euro amounts in the paper form', () => {
  it.each([
    ['1.250', 125_000],
    ['1.250,50', 125_050],
    ['8500', 850_000],
    ['8.500 €', 850_000],
    ['0,99', 99],
  ])('reads %j as %i cents', (text, expected) => {
    expect(cents(text)).toBe(expected);
  });

  it('leaves an empty field out', () => {
    expect(cents('  ')).toBeUndefined();
  });

  it('turns unreadable text into an error next to the field, never into a wrong amount', () => {
    expect(cents('ca. 5000')).toBeNaN();
    const result = createPaperInputSchema.safeParse({
      type: 'beschlussvorlage',
      subject: 'Betreff',
      decisionProposal: ['Punkt'],
      consultations: [],
      financialImpact: { kind: 'costs', oneOffCents: cents('ca. 5000') },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'financialImpact.oneOffCents',
      'Bitte einen Betrag in Euro angeben, z. B. 1.250,50.',
    ]);
  });
});

describe('errors of the paper form point at the control that holds them', () => {
  it('refuses the default signature row (Funktion, no Name) next to its Name field, never silently', async () => {
    const values = { ...emptyForm(), subject: 'Sachstand Familienzentren' };
    const form = new FormState(createPaperInputSchema, { fieldId: (path) => paperFieldId(values, path) });
    let sent = false;
    expect(await form.submit(inputOf(values), async () => void (sent = true))).toBe(false);
    expect(sent).toBe(false);
    const row = values.signatures[0]!;
    expect(form.issues).toEqual([
      {
        path: 'signatures.0.name',
        message: 'Bitte den Namen der unterzeichnenden Person angeben.',
        fieldId: `sig-${row.key}-name`,
      },
    ]);
    expect(signaturePath(values, row.key, 'name')).toBe('signatures.0.name');
  });

  it('counts only the rows that are sent, so an empty row before does not shift the error', () => {
    const values = emptyForm();
    values.signatures = [
      { key: 'empty', name: '', role: '' },
      { key: 'mayor', name: '', role: 'Oberbürgermeister' },
    ];
    values.decisionProposal = [
      { key: 'blank', text: ' ' },
      { key: 'first', text: 'Der Rat beschließt …' },
    ];
    expect(inputOf(values).signatures).toEqual([{ name: '', role: 'Oberbürgermeister' }]);
    expect(signaturePath(values, 'empty', 'name')).toBeNull();
    expect(signaturePath(values, 'mayor', 'name')).toBe('signatures.0.name');
    expect(paperFieldId(values, 'signatures.0.name')).toBe('sig-mayor-name');
    expect(decisionItemPath(values, 'first')).toBe('decisionProposal.0');
    expect(paperFieldId(values, 'decisionProposal.0')).toBe('item-first');
  });

  it('maps section errors to a control a keyboard can reach', () => {
    const values = emptyForm();
    expect(paperFieldId(values, 'subject')).toBe('paper-subject');
    expect(paperFieldId(values, 'financialImpact.oneOffCents')).toBe('one-off');
    expect(paperFieldId(values, 'disabilityImpact')).toBe('disability-not_affected');
    expect(paperFieldId(values, 'consultations')).toBe('consultation-add');
    values.consultations = [{ key: 'c1', committeeId: '', date: '', role: 'decision', meetingId: '' }];
    expect(paperFieldId(values, 'consultations.0.date')).toBe('c-c1-date');
    expect(paperFieldId(values, 'measureIds')).toBeUndefined();
  });
});
