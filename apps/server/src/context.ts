import { EventEmitter } from 'node:events';
import type { Sql } from '@quartierplan/db';
import type { Logger } from 'pino';
import { OidcClient } from './auth/oidc.ts';
import { SessionService } from './auth/sessions.ts';
import { JoinThrottle, LoginThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import { SessionCookie } from './http/session-cookie.ts';
import { createMeasureLiveBus, type MeasureLiveBus } from './services/live-bus.ts';
import { createWorkshopLiveBus, type WorkshopLiveBus } from './services/workshop-live.ts';

/** What routes, services and the sync server share, built once per process (or test server). */
export interface AppContext {
  sql: Sql;
  config: Config;
  logger: Logger;
  sessions: SessionService;
  throttle: LoginThrottle;
  cookie: SessionCookie;
  /** The workshop guest's cookie (`qp_workshop`), made like the session cookie. */
  workshopCookie: SessionCookie;
  /** Join attempts (invitations and sessions) per client address. */
  joinThrottle: JoinThrottle;
  /**
   * In-process events: `user-changed` (userId) after anything that may end a user's sessions or
   * change their rights, so open sync sockets are re-checked at once.
   */
  events: EventEmitter;
  /** Live measure changes for the SSE streams (Redis pub/sub when REDIS_URL is set). */
  measureBus: MeasureLiveBus;
  /** Live workshop changes for the workshop SSE streams (Redis pub/sub when REDIS_URL is set). */
  workshopBus: WorkshopLiveBus;
  /** The OpenID Connect relying party, when single sign-on is configured. */
  oidc: OidcClient | undefined;
  /**
   * Aborted when the instance begins to drain (SIGTERM): health answers 503, responses close their
   * connection, live streams end, so clients and the proxy move to another instance.
   */
  stopping: AbortSignal;
  /** Begins the drain (see `stopping`). */
  beginDrain(): void;
  /** Whether the database answers and is migrated (for /api/health). */
  ready: () => Promise<boolean>;
}

/** Builds the shared context; the sync server and the Hono app are built on it. */
export function createContext(sql: Sql, config: Config, logger: Logger): AppContext {
  const events = new EventEmitter();
  const drain = new AbortController();
  return {
    sql,
    config,
    logger,
    sessions: new SessionService(sql, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }),
    throttle: new LoginThrottle(sql),
    cookie: new SessionCookie(config.secureCookies),
    workshopCookie: new SessionCookie(config.secureCookies, 'qp_workshop'),
    joinThrottle: new JoinThrottle(sql),
    events,
    measureBus: createMeasureLiveBus(config.redisUrl, events, logger),
    workshopBus: createWorkshopLiveBus(config.redisUrl, logger),
    oidc: config.oidc ? new OidcClient(config.oidc) : undefined,
    stopping: drain.signal,
    beginDrain: () => drain.abort(),
    async ready() {
      try {
        const [row] = await sql<{ count: number }[]>`select count(*)::int as count from schema_migration`;
        return (row?.count ?? 0) > 0;
      } catch {
        return false;
      }
    },
  };
}
