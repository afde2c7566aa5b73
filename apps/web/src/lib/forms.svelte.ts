import type { z } from 'zod';
import { ApiError } from './api/client';

/**
 * State of one form: field errors (from the shared schema first, then from the API), a form-level
 * error, and whether it is submitting. The schema is the same one the server validates with.
 */
export class FormState<S extends z.ZodType> {
  errors = $state<Record<string, string>>({});
  formError = $state<string | null>(null);
  submitting = $state(false);

  constructor(private readonly schema: S) {}

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
      } else {
        this.formError = 'Unerwarteter Fehler. Bitte versuchen Sie es erneut.';
      }
      return false;
    } finally {
      this.submitting = false;
    }
  }
}
