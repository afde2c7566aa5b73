import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { FormState, formIssues } from './forms.svelte';

const schema = z.object({ name: z.string().min(1, 'Bitte einen Namen angeben.') });

describe('FormState', () => {
  it('is dirty exactly while the values differ from the ones marked clean', () => {
    // Reactive values, as a page holds them: `dirty` is derived from them.
    const values = $state({ name: 'Altenhagen', tags: ['a'] });
    const form = new FormState(schema, { values: () => values });
    expect(form.dirty).toBe(false);
    form.markClean();
    expect(form.dirty).toBe(false);
    values.name = 'Altenhagen-Nord';
    expect(form.dirty).toBe(true);
    values.name = 'Altenhagen';
    expect(form.dirty).toBe(false);
    values.tags.push('b');
    expect(form.dirty).toBe(true);
    form.markClean();
    expect(form.dirty).toBe(false);
  });

  it('lists a refused submit with the control of each error and runs nothing', async () => {
    const form = new FormState(schema, { fieldId: (path) => `user-${path}` });
    let ran = false;
    expect(await form.submit({ name: '' }, async () => void (ran = true))).toBe(false);
    expect(ran).toBe(false);
    expect(form.issues).toEqual([
      { path: 'name', message: 'Bitte einen Namen angeben.', fieldId: 'user-name' },
    ]);
    expect(form.refused).toBe(1);
    expect(await form.submit({ name: 'Emst' }, async () => void (ran = true))).toBe(true);
    expect(ran).toBe(true);
    expect(form.issues).toEqual([]);
  });
});

describe('formIssues', () => {
  it('keeps the order of the errors and leaves errors without a control unlinked', () => {
    expect(formIssues({ b: 'B', a: 'A' }, (path) => (path === 'a' ? 'field-a' : undefined))).toEqual([
      { path: 'b', message: 'B', fieldId: undefined },
      { path: 'a', message: 'A', fieldId: 'field-a' },
    ]);
  });
});
