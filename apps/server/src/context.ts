import { EventEmitter } from 'node:events';
import type { Sql } from '@quartierplan/db';
import type { Logger } from 'pino';
import { SessionService } from './auth/sessions.ts';
import { LoginThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import { SessionCookie } from './http/session-cookie.ts';
import { createMeasureLiveBus, type MeasureLiveBus } from './services/live-bus.ts';
import { SyncServer } from './sync/sync-server.ts';

/** What route modules need, built once per app. */
export interface Services {
  sql: Sql;
  config: Config;
  logger: Logger;
  sessions: SessionService;
  throttle: LoginThrottle;
  cookie: SessionCookie;
  /**
   * In-process events: `user-changed` (userId) after anything that may end a user's sessions or
   * change their rights, so open sync sockets are re-checked at once.
   */
  events: EventEmitter;
  /** Live measure changes for the SSE streams (Redis pub/sub when REDIS_URL is set). */
  measureBus: MeasureLiveBus;
  /** The `/sync` endpoint and its loaded documents (also used by the versions API). */
  sync: SyncServer;
  /** Whether the database answers and is migrated (for /api/health). */
  ready: () => Promise<boolean>;
}

export function createServices(sql: Sql, config: Config, logger: Logger): Services {
  const events = new EventEmitter();
  const services: Omit<Services, 'sync'> = {
    sql,
    config,
    logger,
    sessions: new SessionService(sql, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }),
    throttle: new LoginThrottle(sql),
    cookie: new SessionCookie(config.secureCookies),
    events,
    measureBus: createMeasureLiveBus(config.redisUrl, events, logger),
    async ready() {
      try {
        const [row] = await sql<{ count: number }[]>`select count(*)::int as count from schema_migration`;
        return (row?.count ?? 0) > 0;
      } catch {
        return false;
      }
    },
  };
  return Object.assign(services, { sync: new SyncServer(services as Services, config.sync) });
}
