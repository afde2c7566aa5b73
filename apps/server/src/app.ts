import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { requireRole, requireUser } from './http/auth-middleware.ts';
import type { AppContext } from './context.ts';
import type { AppEnv } from './http/context.ts';
import { AppError, notFound } from './http/errors.ts';
import { originCheck } from './http/origin-check.ts';
import { accessibilityRoutes } from './routes/accessibility/index.ts';
import { auditLogRoutes } from './routes/audit-log/index.ts';
import { authRoutes } from './routes/auth/index.ts';
import { committeeRoutes } from './routes/committees/index.ts';
import { docsRoutes } from './routes/docs/index.ts';
import { citationRoutes } from './routes/documents/citations.ts';
import { commentRoutes } from './routes/documents/comments.ts';
import { documentRoutes } from './routes/documents/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { INDICATOR_IMPORT_PATH, indicatorRoutes } from './routes/indicators/index.ts';
import { meRoutes } from './routes/me/index.ts';
import { notificationRoutes } from './routes/notifications/index.ts';
import { measureRoutes } from './routes/measures/index.ts';
import { workplanRoutes } from './routes/workplan/index.ts';
import { publicMeasureRoutes } from './routes/measures/implementation.ts';
import { offerRoutes, publicOfferRoutes } from './routes/offers/index.ts';
import { meetingRoutes } from './routes/meetings/index.ts';
import { oparlRoutes } from './routes/oparl/index.ts';
import { paperRoutes } from './routes/papers/index.ts';
import { sozialraumRoutes } from './routes/sozialraeume/index.ts';
import { userRoutes } from './routes/users/index.ts';
import { bodyRoutes } from './routes/body/index.ts';
import { workshopRoutes } from './routes/workshops/index.ts';
import { workshopInvitationRoutes, workshopSessionRoutes } from './routes/workshops/sessions.ts';
import { sozialraumWorkshopRoutes } from './routes/workshops/sozialraum.ts';
import { RoundTimers } from './services/workshop-rounds.ts';
import type { WorkshopDeps } from './services/workshops.ts';
import { commentThreadSource } from './services/comments.ts';
import type { LiveDocuments } from './services/live-documents.ts';
import { loadOnFirstUse } from './load-on-first-use.ts';

/** The OpenAPI document and the route specs it is built from, loaded by its first reader. */
const loadOpenApi = loadOnFirstUse(() => import('./openapi/document.ts'));

/** Maps anything thrown to the one error shape; unknown errors are logged, never shown. */
function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError(413, 'payload_too_large', 'Die Anfrage ist zu groß.');
    if (error.status < 500) return new AppError(error.status, 'bad_request', 'Die Anfrage ist fehlerhaft.');
  }
  return null;
}

/**
 * Builds the HTTP API (`/api/*`); `main.ts` serves it, tests call it over real HTTP. `documents`
 * gives the versions API and the paper prefill the loaded documents of the sync engine;
 * `roundTimers` close timed workshop rounds (the HTTP server starts them; unstarted they are inert).
 */
export function buildApp(
  context: AppContext,
  documents: LiveDocuments,
  roundTimers: RoundTimers = new RoundTimers(context, context.logger),
): Hono<AppEnv> {
  const { config, logger, sessions, cookie } = context;
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use('*', secureHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are data, never a page to render: nothing may load or frame them. The API
    // reference page sets its own policy.
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    }
    // Answers hold a person's data: never stored, unless a route serves public static files.
    if (!c.res.headers.get('Cache-Control')?.startsWith('public')) c.header('Cache-Control', 'no-store');
  });
  const generalBodyLimit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) => {
      // The unread rest of the body is dropped with the connection (Hono's node adapter gives up
      // draining it after a moment): tell the client not to send its next request on this one.
      c.header('Connection', 'close');
      throw new AppError(413, 'payload_too_large', 'Die Anfrage ist zu groß.', {
        maxBytes: config.bodyLimitBytes,
      });
    },
  });
  // The statistics import takes tables up to 5 MB and sets its own limit (after the session check).
  app.use('/api/*', (c, next) => (c.req.path === INDICATOR_IMPORT_PATH ? next() : generalBodyLimit(c, next)));
  app.use('/api/*', originCheck(config.publicOrigin));

  const workshops: WorkshopDeps = { context, documents, clock: roundTimers };
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes(context))
    .route('/auth', authRoutes(context))
    // The Erklärung zur Barrierefreiheit and its feedback form are for everyone (BITV 2.0 § 7); the
    // admin routes among them take the session themselves.
    .route('/accessibility', accessibilityRoutes(context))
    // The published inventory of offers is for everyone (no session, nothing internal in it).
    .route('/public', publicOfferRoutes(context))
    // The transparency page: measures the admins opened, and the PDFs of the public papers that decided them.
    .route('/public', publicMeasureRoutes(context))
    // Public: the document and its rendered reference describe the API and hold no data, and
    // integrators read them before they log in.
    .get('/openapi.json', async (c) => c.json((await loadOpenApi()).openApiDocument()))
    .route('/docs', docsRoutes())
    // Joining by code needs no session; the workshop routes take a user's or a guest's (the only
    // routes that read the guest cookie) and demand the user's where a facilitator acts.
    .route('/workshop-invitations', workshopInvitationRoutes(workshops))
    .route('/workshop-sessions', workshopSessionRoutes(workshops))
    .route('/workshops', workshopRoutes(workshops));
  // Everything below needs a session: unknown paths included, so they answer 401 too.
  api.use('*', requireUser(sessions, cookie));
  api.route('/me', meRoutes(context));
  api.route('/notifications', notificationRoutes(context));
  api.use('/users/*', requireRole('admin'));
  api.use('/users', requireRole('admin'));
  api.route('/users', userRoutes(context, documents));
  api.use('/audit-log', requireRole('admin'));
  api.route('/audit-log', auditLogRoutes(context));
  api.route('/sozialraeume', sozialraumRoutes(context));
  api.route('/sozialraeume', sozialraumWorkshopRoutes(workshops));
  api.route('/body', bodyRoutes(workshops));
  api.route('/committees', committeeRoutes(context));
  api.route('/indicators', indicatorRoutes(context));
  api.route('/documents', documentRoutes(context, documents, commentThreadSource(context)));
  api.route('/documents', commentRoutes({ context, documents }));
  api.route('/documents', citationRoutes({ context, documents }));
  api.route('/measures', measureRoutes(context));
  api.route('/workplan', workplanRoutes(context));
  api.route('/offers', offerRoutes(context));
  api.route('/meetings', meetingRoutes(context));
  api.route('/papers', paperRoutes(context, documents));
  api.route('/oparl/v1.1', oparlRoutes(context));
  api.all('*', () => {
    throw notFound('Diese Schnittstelle gibt es nicht.');
  });
  app.route('/api', api);
  app.all('/sync/*', () => {
    throw new AppError(426, 'upgrade_required', 'Dieser Endpunkt spricht nur WebSocket.');
  });

  app.notFound(() => {
    throw notFound();
  });
  app.onError((error, c) => {
    const known = toAppError(error);
    if (known) return c.json(known.toBody(), known.status);
    const log = c.get('log') ?? logger;
    log.error({ err: error }, 'unhandled error');
    const body = new AppError(
      500,
      'internal',
      'Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen.',
      {
        requestId: c.get('requestId'),
      },
    ).toBody();
    return c.json(body, 500);
  });
  return app;
}
