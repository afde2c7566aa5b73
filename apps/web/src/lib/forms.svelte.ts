import { untrack } from 'svelte';
import type { z } from 'zod';
import { ApiError } from './api/client';

/** One entry of a form's error summary: the message and the id of the control it links to. */
export interface FormIssue {
  path: string;
  message: string;
  /** The id of the control to focus; undefined when the error belongs to no single control. */
  fieldId: string | undefined;
}

/** Maps an error path (`signatures.0.name`) to the id of the control that holds it. */
export type FieldIdOf = (path: string) => string | undefined;

/** The field errors in the order they were reported, each with the control it belongs to. */
export function formIssues(errors: Record<string, string>, fieldIdOf: FieldIdOf): FormIssue[] {
  return Object.entries(errors).map(([path, message]) => ({ path, message, fieldId: fieldIdOf(path) }));
}

/** A stable text of form values, to tell whether anything changed since the last save. */
export function snapshot(values: unknown): string {
  return JSON.stringify(values) ?? '';
}

/** What the error summary shows: the field errors and how many submits were refused so far. */
export interface FormFeedback {
  readonly issues: FormIssue[];
  /** Counts refused submits; the summary takes the focus when it changes, not when a field is typed in. */
  readonly refused: number;
}

interface FormOptions {
  /** The values the form edits; with it, `dirty` says whether they differ from the last `markClean()`. */
  values?: () => unknown;
  /** The control of each error path, for the summary's links; by default a control with the path as id. */
  fieldId?: FieldIdOf;
}

/**
 * State of one form: field errors (from the shared schema first, then from the API), a form-level
 * error, whether it is submitting and whether it holds unsaved changes. The schema is the same one the
 * server validates with. `ErrorSummary` lists `issues` and takes the focus after a refused submit;
 * `guardUnsaved` asks before a dirty form is left.
 */
export class FormState<S extends z.ZodType> implements FormFeedback {
  errors = $state<Record<string, string>>({});
  formError = $state<string | null>(null);
  submitting = $state(false);
  refused = $state(0);

  readonly #values: (() => unknown) | undefined;
  readonly #fieldId: FieldIdOf;
  // Null until the page says which values are the saved ones.
  #baseline = $state<string | null>(null);

  /** Whether the values differ from the ones last marked clean (saved or loaded). */
  readonly dirty = $derived.by(
    () =>
      this.#values !== undefined && this.#baseline !== null && snapshot(this.#values()) !== this.#baseline,
  );

  /** The field errors with the controls they link to, for the error summary. */
  readonly issues = $derived.by(() => formIssues(this.errors, this.#fieldId));

  constructor(
    private readonly schema: S,
    options: FormOptions = {},
  ) {
    this.#values = options.values;
    this.#fieldId = options.fieldId ?? ((path) => path);
  }

  /** Records the current values as saved: the form is clean until they change again. */
  markClean(): void {
    // Untracked: called from an effect, reading the values must not make the effect rerun on typing.
    const values = this.#values;
    if (values) this.#baseline = untrack(() => snapshot(values()));
  }

  /** Validates `values`, runs `action` with the parsed data, and records any errors. Returns success. */
  async submit(values: unknown, action: (data: z.output<S>) => Promise<void>): Promise<boolean> {
    this.errors = {};
    this.formError = null;
    const parsed = this.schema.safeParse(values);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        errors[issue.path.map(String).join('.') || '_'] ??= issue.message;
      this.errors = errors;
      this.refused++;
      return false;
    }
    this.submitting = true;
    try {
      await action(parsed.data);
      return true;
    } catch (error) {
      if (error instanceof ApiError) {
        this.errors = error.fieldErrors;
        if (Object.keys(this.errors).length === 0) this.formError = error.message;
        else this.refused++;
      } else {
        this.formError = 'Unerwarteter Fehler. Bitte versuchen Sie es erneut.';
      }
      return false;
    } finally {
      this.submitting = false;
    }
  }
}
