import { textProblem, type FieldIssue, type TextProblem } from '@quartierplan/domain';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError, validationFailed } from './errors.ts';

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(toIssues(result.error));
  return result.data;
}

const TEXT_PROBLEMS: Record<TextProblem, string> = {
  lone_surrogate:
    'Der Text enthält ein unvollständiges Zeichen (ein einzelnes UTF-16-Surrogat) und kann so nicht gespeichert werden.',
  nul: 'Der Text enthält ein Nullzeichen (U+0000) und kann so nicht gespeichert werden.',
};

/** Why a piece of text cannot be stored, or null when it can. */
function unstorableText(text: string): string | null {
  const problem = textProblem(text);
  return problem && TEXT_PROBLEMS[problem];
}

/**
 * How deep any JSON the API takes may nest. Our deepest input is rich text (12 node levels, two JSON levels
 * each); the schema validators recurse, so a far deeper body must be refused before they see it.
 */
export const MAX_JSON_DEPTH = 64;

const tooDeep = () =>
  new AppError(
    400,
    'too_deeply_nested',
    `Der Inhalt der Anfrage ist zu tief verschachtelt (höchstens ${MAX_JSON_DEPTH} Ebenen).`,
  );

/**
 * Every string (and object key) in a parsed body or query that is not well-formed UTF-16 or holds
 * NUL, by field path; a body nested deeper than {@link MAX_JSON_DEPTH} is refused outright. JSON escapes let a client send both; PostgreSQL refuses NUL in text and a
 * lone surrogate would be shown as a broken character to everyone, so no route may accept them.
 */
function unstorableTexts(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // An explicit stack: a deeply nested body must not overflow the call stack.
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.path.length > MAX_JSON_DEPTH) throw tooDeep();
    if (typeof item.value === 'string') {
      const message = unstorableText(item.value);
      if (message) issues.push({ path: item.path.join('.'), message });
    } else if (item.value && typeof item.value === 'object') {
      for (const [key, child] of Object.entries(item.value)) {
        const path = [...item.path, key];
        const message = unstorableText(key);
        if (message) issues.push({ path: path.join('.'), message });
        pending.push({ value: child, path });
      }
    }
  }
  return issues.reverse();
}

/** Refuses unstorable text with 400 naming each field, then validates against the schema. */
function checkTextAndSchema<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const issues = unstorableTexts(value);
  if (issues.length > 0) throw validationFailed(issues);
  return check(schema, value);
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const malformedJson = () =>
  new AppError(400, 'malformed_json', 'Der Inhalt der Anfrage ist kein gültiges JSON.');

/**
 * Validates a JSON body against a schema: the one validation hook for bodies. A body that is not
 * JSON is refused with 415, malformed JSON and text that cannot be stored (lone surrogates, NUL)
 * with 400, before the schema sees anything.
 */
export const jsonBody = <S extends z.ZodType>(schema: S) => {
  const validate = validator('json', async (_value, c): Promise<z.output<S>> => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new AppError(
        415,
        'unsupported_media_type',
        'Die Anfrage muss JSON (application/json) enthalten.',
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw malformedJson();
    }
    return checkTextAndSchema(schema, body);
  });
  // Hono's validator parses a JSON body itself, before the hook above runs, and throws a bare
  // HTTPException(400) when it is malformed; only that one (thrown before `next`) becomes ours.
  const handler: typeof validate = async (c, next) => {
    let validated = false;
    try {
      return await validate(c, () => {
        validated = true;
        return next();
      });
    } catch (error) {
      if (!validated && error instanceof HTTPException && error.status === 400) throw malformedJson();
      throw error;
    }
  };
  return handler;
};

/** Validates path parameters (ids are UUIDs, so a malformed one never reaches SQL). */
export const params = <S extends z.ZodType>(schema: S) =>
  validator('param', (value): z.output<S> => {
    const result = schema.safeParse(value);
    // A malformed id names nothing that exists.
    if (!result.success) throw new AppError(404, 'not_found', 'Nicht gefunden.');
    return result.data;
  });

/** Validates the query string. */
export const query = <S extends z.ZodType>(schema: S) =>
  validator('query', (value): z.output<S> => checkTextAndSchema(schema, value));
