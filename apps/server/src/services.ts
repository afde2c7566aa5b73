import type { Sql } from '@quartierplan/db';
import type { Logger } from 'pino';
import { SessionService } from './auth/sessions.ts';
import { LoginThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import { SessionCookie } from './http/session-cookie.ts';

/** What route modules need, built once per app. */
export interface Services {
  sql: Sql;
  config: Config;
  logger: Logger;
  sessions: SessionService;
  throttle: LoginThrottle;
  cookie: SessionCookie;
  /** Whether the database answers and is migrated (for /api/health). */
  ready: () => Promise<boolean>;
}

export function createServices(sql: Sql, config: Config, logger: Logger): Services {
  return {
    sql,
    config,
    logger,
    sessions: new SessionService(sql, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }),
    throttle: new LoginThrottle(sql),
    cookie: new SessionCookie(config.secureCookies),
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
