import { tick } from 'svelte';
import type { FormFeedback } from '$lib/forms.svelte';

/**
 * After a refused submit of a small inline form (no error summary of its own), moves the focus to the first
 * field with an error: its message sits next to it and is read out with the field (`aria-describedby`).
 */
export async function focusFirstError(form: FormFeedback): Promise<void> {
  await tick();
  const id = form.issues.find((issue) => issue.fieldId)?.fieldId;
  if (id) document.getElementById(id)?.focus();
}
