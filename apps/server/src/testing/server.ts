import type { AddressInfo } from 'node:net';
import type { Sql } from '@quartierplan/db';
import type { TestDatabase, TestDatabaseFactory } from '@quartierplan/db/testing';
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../config.ts';
import { createHttpServer } from '../http-server.ts';
import type { SyncServer } from '../sync/sync-server.ts';
import { createContext, type AppContext } from '../context.ts';

/** The real API, listening on a free port of 127.0.0.1. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`: the base URL and the origin a browser on it would send. */
  origin: string;
  config: Config;
  context: AppContext;
  sync: SyncServer;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Environment variables as an operator would set them (`PUBLIC_ORIGIN`, `BODY_LIMIT_BYTES`, …). */
  env?: Record<string, string>;
  /** Defaults to a silent logger. */
  logger?: Logger;
}

/**
 * Starts the API exactly as `main.ts` does (config from env, services, `buildApp`, Node's HTTP
 * server) on port 0. `TRUST_PROXY` is on by default so every test client can present its own
 * address in `X-Forwarded-For`: the per-address login throttle of one test never locks out another.
 */
export async function startTestServer(sql: Sql, options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: 'true', ...options.env });
  const logger = options.logger ?? pino({ level: 'silent' });
  const context = createContext(sql, config, logger);
  const { server, sync } = createHttpServer(context);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    config,
    context,
    sync,
    async close() {
      await sync.shutdown();
      // fetch keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** A database and a server on it, available from `beforeAll` until `afterAll` of the calling suite. */
export interface ApiTestContext {
  readonly db: TestDatabase;
  readonly server: TestServer;
}

/**
 * Registers hooks that open a fresh database from the factory, start the API on it and close
 * both after the suite. Call it inside `describe.each(testDatabases())`.
 */
export function useTestServer(factory: TestDatabaseFactory, options: TestServerOptions = {}): ApiTestContext {
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    db = await factory.open();
    server = await startTestServer(db.sql, options);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });
  return {
    get db() {
      if (!db) throw new Error('The test database is only available inside tests and hooks.');
      return db;
    },
    get server() {
      if (!server) throw new Error('The test server is only available inside tests and hooks.');
      return server;
    },
  };
}
