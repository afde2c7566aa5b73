import { z } from 'zod';
/** Machine-readable error codes of the HTTP API; the `message` beside them is German and for people. */
export const ERROR_CODES = [
  'bad_request',
  'malformed_json',
  'too_deeply_nested',
  'unsupported_media_type',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'choose_body',
  'forbidden',
  'password_login_disabled',
  'cross_origin_request',
  'not_found',
  'conflict',
  /** A measure holds the most milestones, reports or evaluation indicators it may (issue 18). */
  'limit_reached',
  'anchor_moved',
  'precondition_required',
  'invalid_transition',
  'confirmation_required',
  'comments_unsupported',
  'citations_unsupported',
  'mention_not_allowed',
  'payload_too_large',
  'too_many_requests',
  'upgrade_required',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field-level problem, as reported in `details.issues` of a `validation_failed` error. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error shape every endpoint answers with. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
