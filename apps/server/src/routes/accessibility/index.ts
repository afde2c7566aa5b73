import {
  accessibilityFeedbackInputSchema,
  idParamSchema,
  updateAccessibilityStatementInputSchema,
  type AccessibilityFeedbackCreatedDto,
  type AccessibilityFeedbackDto,
  type AccessibilityStatementDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FeedbackThrottle } from '../../auth/throttle.ts';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../../http/auth-middleware.ts';
import { authorize } from '../../http/authorize.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { jsonBody, params } from '../../http/validate.ts';
import {
  accessibilityStatement,
  assertStatementAdmin,
  checkFeedbackThrottle,
  deleteAccessibilityFeedback,
  listAccessibilityFeedback,
  saveAccessibilityStatement,
  submitAccessibilityFeedback,
} from '../../services/accessibility.ts';

/** A feedback message is a few kilobytes at most; anything far larger is refused before it is parsed. */
export const FEEDBACK_BODY_LIMIT_BYTES = 32 * 1024;

/**
 * The Erklärung zur Barrierefreiheit and its feedback (BITV 2.0 § 7). Mounted before the session check:
 * reading the statement and sending feedback need no account; the admin routes demand the session here and
 * an admin of the body that keeps the statement (`assertStatementAdmin`), before any input is read.
 */
export function accessibilityRoutes(context: AppContext) {
  const signedIn = requireUser(context.sessions, context.cookie);
  const statementAdmin = authorize((c) => assertStatementAdmin(context, c.get('user')));
  const throttle = new FeedbackThrottle(context.sql);

  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json((await accessibilityStatement(context)) satisfies AccessibilityStatementDto),
    )

    .put('/', signedIn, statementAdmin, jsonBody(updateAccessibilityStatementInputSchema), async (c) => {
      const saved = await saveAccessibilityStatement(context, c.get('user'), c.req.valid('json').statement);
      c.get('log').info({ event: 'settings_changed', setting: 'accessibility_statement' }, 'statement saved');
      return c.json(saved satisfies AccessibilityStatementDto);
    })

    .post(
      '/feedback',
      bodyLimit({
        maxSize: FEEDBACK_BODY_LIMIT_BYTES,
        onError: (c) => {
          c.header('Connection', 'close');
          throw new AppError(413, 'payload_too_large', 'Die Rückmeldung ist zu groß.', {
            maxBytes: FEEDBACK_BODY_LIMIT_BYTES,
          });
        },
      }),
      async (c, next) => {
        await checkFeedbackThrottle(throttle, clientAddress(c, context.config.trustProxy)).catch(
          (error: unknown) => {
            const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
            if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
            throw error;
          },
        );
        await next();
      },
      jsonBody(accessibilityFeedbackInputSchema),
      async (c) => {
        const id = await submitAccessibilityFeedback(
          context,
          throttle,
          clientAddress(c, context.config.trustProxy),
          c.req.valid('json'),
        );
        // Neither the text nor the sender goes to the log: the entry is personal data with its own retention.
        c.get('log').info({ event: 'accessibility_feedback', feedbackId: id }, 'accessibility feedback');
        return c.json({ id } satisfies AccessibilityFeedbackCreatedDto, 201);
      },
    )

    .get('/feedback', signedIn, statementAdmin, async (c) =>
      c.json((await listAccessibilityFeedback(context)) satisfies AccessibilityFeedbackDto[]),
    )

    .delete('/feedback/:id', signedIn, statementAdmin, params(idParamSchema), async (c) => {
      await deleteAccessibilityFeedback(context, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
