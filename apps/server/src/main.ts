import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrate, openDatabase, sessionRepository } from '@quartierplan/db';
import { ensureFirstBody } from './bodies.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createContext } from './context.ts';
import { createHttpServer, type PageHandlerSlot } from './http-server.ts';
import { createWebHandler } from './web-handler.ts';
import { startWorkshopRetention } from './services/workshop-retention.ts';
import { startRetention } from './services/retention.ts';
import { startMilestoneReminders } from './services/milestone-reminders.ts';
import { warmUpSyncPath } from './sync/warm-up.ts';

const SHUTDOWN_GRACE_MS = 8_000;
const SHUTDOWN_DEADLINE_MS = 9_500;

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrate(db.sql);
  // Every pooled connection open before the first request (PostgreSQL), not during the first burst.
  await db.warm();
  logger.info({ database: db.description, applied }, 'database ready');

  // Before listening: a client that finds the server healthy may log in at once.
  const first = await ensureFirstBody(db.sql, {
    bodyName: config.bodyName ?? 'Meine Kommune',
    adminEmail: config.firstAdmin?.email ?? 'admin@quartierplan.local',
    adminPassword: config.firstAdmin?.password,
  });

  const context = createContext(db.sql, config, logger);
  await warmUpSyncPath(context, db.connections);
  // Filled once listening: the web handler needs the API's address.
  const pages: PageHandlerSlot = { handler: undefined };
  const { server, sync, requestsDone } = createHttpServer(context, pages);
  await listen(server, config.port, config.host).catch((error: unknown) => {
    // The first admin exists now, and no later start shows its one-time password.
    printFirstLogin(first);
    throw error;
  });
  const address = server.address() as AddressInfo;
  const internalHost =
    address.family === 'IPv6'
      ? `[${address.address === '::' ? '::1' : address.address}]`
      : address.address === '0.0.0.0'
        ? '127.0.0.1'
        : address.address;
  pages.handler = createWebHandler(config, `http://${internalHost}:${address.port}`, logger);
  if (!pages.handler) logger.warn('web app not built: serving the API only');

  const url =
    config.publicOrigin ?? `http://${config.host === '0.0.0.0' ? 'localhost' : internalHost}:${address.port}`;
  logger.info({ url, port: address.port }, 'listening');
  printWelcome(url, first);

  const sessions = sessionRepository(db.sql);
  const sweep = setInterval(() => void sessions.deleteExpired().catch(() => {}), 3_600_000);
  sweep.unref();
  const retention = startWorkshopRetention(context);
  // Sessions, throttle rows, audit addresses, and the author ids of idle documents' update logs (DSGVO).
  const dailyRetention = startRetention(context, sync);
  // In-app reminders of due and late milestones to the people responsible (idempotent, every instance).
  const reminders = startMilestoneReminders(context);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // The promise is to exit within 10 s; whatever still hangs then (a peer that never answers a
    // close) does not hold the process. Writes were awaited before this point in any normal run.
    const deadline = setTimeout(() => {
      logger.error({ signal }, 'shutdown exceeded its deadline; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    // Drain: health answers 503 and every response closes its connection, live streams end, new
    // connections are refused (the proxy tries the next instance), sync clients are told 1012
    // once everything they sent is stored. The database closes only after the last handler.
    context.beginDrain();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sync.shutdown();
    await retention.stop();
    await dailyRetention.stop();
    await reminders.stop();
    server.closeIdleConnections();
    await closed;
    await requestsDone();
    await Promise.allSettled([context.measureBus.close(), context.workshopBus.close()]);
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Resolves once listening; rejects (the start fails with a message, not a stack) when the port is taken. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} ist schon belegt (läuft Quartierplan bereits?). Einen anderen wählen: PORT=…`,
            )
          : error,
      );
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Printed to the terminal once: the URL and, on a first start, how to log in. */
function printWelcome(url: string, first: FirstBody) {
  process.stdout.write(`\n  Quartierplan läuft: ${url}\n`);
  printFirstLogin(first);
  process.stdout.write('\n');
}

type FirstBody = Awaited<ReturnType<typeof ensureFirstBody>>;

/** On the start that made the first Kommune: how its admin logs in (a generated password is shown only here). */
function printFirstLogin(first: FirstBody) {
  if (!first) return;
  const lines = [
    `Neue Kommune „${first.bodyName}“ angelegt. Anmeldung als ${first.adminEmail}`,
    first.generatedPassword
      ? `Einmal-Passwort (wird nicht erneut angezeigt): ${first.generatedPassword}`
      : 'Passwort: wie in ADMIN_PASSWORD angegeben.',
  ];
  process.stdout.write(`${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Quartierplan konnte nicht starten: ${(error as Error).message}\n`);
  process.exit(1);
});
