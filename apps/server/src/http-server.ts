import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';
import { setPageSecurityHeaders } from './http/page-headers.ts';
import { RoundTimers } from './services/workshop-rounds.ts';
import { SyncServer } from './sync/sync-server.ts';
import { refuseUpgrade } from './sync/upgrade-gate.ts';
import type { NodeHandler } from './web-handler.ts';

/** Where page requests go; filled once the web app is loaded (undefined: starting, null: not built). */
export interface PageHandlerSlot {
  handler: NodeHandler | null | undefined;
}

function isServerPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/sync/');
}

/** The HTTP server and the sync engine behind its upgrades (stopped with `sync.shutdown()`). */
export interface ProductServer {
  server: Server;
  sync: SyncServer;
  /** Resolves once no API request is being handled (a draining instance closes its database after). */
  requestsDone(): Promise<void>;
}

/**
 * The one HTTP server of the product: `/api/*` to Hono, WebSocket upgrades to the sync server,
 * everything else to the SvelteKit pages. main.ts listens with it; tests start it on port 0.
 */
export function createHttpServer(
  context: AppContext,
  pages: PageHandlerSlot = { handler: null },
): ProductServer {
  const sync = new SyncServer(context, context.config.sync);
  const roundTimers = new RoundTimers(context, context.logger);
  // Rounds still open from before a restart get their timers back (or close at once when due).
  roundTimers
    .start(sync)
    .catch((error: unknown) =>
      context.logger.error({ err: error }, 're-arming workshop round timers failed'),
    );
  const api = getRequestListener(buildApp(context, sync, roundTimers).fetch);
  // API handlers in progress, counted until their promise settles (their socket may be gone before).
  let handling = 0;
  let whenIdle: (() => void) | null = null;
  const server = createServer((req, res) => {
    // Draining: this answer is the connection's last, so the client's next request reaches another instance.
    if (context.stopping.aborted) res.setHeader('connection', 'close');
    if (isServerPath(req.url)) {
      handling++;
      void Promise.resolve(api(req, res)).finally(() => {
        if (--handling === 0) whenIdle?.();
      });
      return;
    }
    setPageSecurityHeaders(res, context.config.secureCookies);
    const web = pages.handler;
    if (web) return web(req, res);
    res.statusCode = web === undefined ? 503 : 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(
      web === undefined ? 'Quartierplan startet …' : 'Die Weboberfläche ist nicht gebaut (pnpm build).',
    );
  });
  // Longer than a reverse proxy's or client's idle keep-alive, so the server never closes a
  // connection in the instant a client reuses it (ECONNRESET on the client).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('close', () => roundTimers.stop());
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    sync.handleUpgrade(req, socket, head).catch((error: unknown) => {
      context.logger.error({ err: error }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'internal', 'Ein interner Fehler ist aufgetreten.');
    });
  });
  const requestsDone = () =>
    handling === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          whenIdle = () => {
            whenIdle = null;
            resolve();
          };
        });
  return { server, sync, requestsDone };
}
