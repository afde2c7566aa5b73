import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openFreshPostgres, type TestDatabase } from '@quartierplan/db/testing';
import { postJson, send, sessionCookie } from './http.ts';
import { startNginx } from './nginx-config.ts';
import { RunningProcess, canConnect, freePort, waitFor } from './processes.ts';
import { serverEnv, type Admin } from './server-env.ts';

const run = promisify(execFile);

/** While CI runs every other suite on the same two cores, a cold start can take a minute. */
const START_TIMEOUT_MS = 150_000;

export interface ClusterOptions {
  repo: string;
  /** TEST_DATABASE_URL: the cluster's own database is created beside it and dropped after. */
  adminDatabaseUrl: string;
  admin: Admin;
  instances: number;
  /** Further server environment (limits) for every instance. */
  env: Record<string, string>;
}

/** A redis-server of the test's own, so the test may stop it without touching anybody else's. */
export class TestRedis {
  private process: RunningProcess | null = null;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port, persisting nothing, as a bus needs. */
  async start(): Promise<void> {
    const redis = new RunningProcess(
      'redis-server',
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: this.dir },
    );
    this.process = redis;
    await waitFor('redis-server to listen', redis, () => canConnect(this.port), 15_000);
  }

  /** Dies as a crashed Redis would (SIGKILL): its subscribers learn it from the dropped sockets. */
  async crash(): Promise<void> {
    this.process?.signal('SIGKILL');
    await this.process?.whenExited();
  }

  /** How many connections subscribe to a channel (PUBSUB NUMSUB, through redis-cli). */
  async subscribers(channel: string): Promise<number> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), 'PUBSUB', 'NUMSUB', channel]);
    return Number(stdout.trim().split('\n')[1]);
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}

/** One `node dist/main.js` on its own port, restartable on that port. */
export class Instance {
  private process: RunningProcess | null = null;
  /** Output of earlier runs of this instance (before a crash or a restart), for failure messages. */
  private earlier = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    if (this.process) this.earlier = (this.earlier + this.process.output).slice(-16_384);
    this.process = new RunningProcess(this.name, process.execPath, ['dist/main.js'], {
      cwd: this.cwd,
      env: this.env,
    });
  }

  async waitHealthy(timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const running = this.process;
    if (!running) throw new Error(`${this.name} was never started`);
    await waitFor(
      `${this.name} to become healthy`,
      running,
      async () => (await send(this.port, '/api/health')).status === 200,
      timeoutMs,
    );
  }

  /** kill -9: nothing is flushed, sockets drop without a close frame. */
  async crash(): Promise<void> {
    this.process?.signal('SIGKILL');
    await this.process?.whenExited();
  }

  /** SIGTERM and the exit code of the drain (0 when it stored everything in time). */
  async drain(): Promise<number | null> {
    const running = this.process;
    if (!running) return null;
    running.signal('SIGTERM');
    return running.whenExited();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  get output(): string {
    return `${this.earlier}${this.process?.output ?? ''}`;
  }
}

/** A Sozialraum's two collaborative documents. */
export interface Documents {
  needs: string;
  actionPlan: string;
}

/**
 * Several instances on one fresh PostgreSQL database and one Redis, behind nginx configured from
 * infra/nginx/quartierplan-cluster.conf (round-robin, no sticky sessions).
 */
export class Cluster {
  readonly origin: string;
  private cookie = '';

  private constructor(
    readonly dir: string,
    readonly database: TestDatabase,
    readonly redis: TestRedis,
    readonly instances: Instance[],
    private readonly nginx: RunningProcess,
    readonly sitePort: number,
    private readonly admin: Admin,
  ) {
    this.origin = `http://127.0.0.1:${sitePort}`;
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'qp-cluster-'));
    // nginx workers drop root privileges: they must reach the temp folders below this one.
    chmodSync(dir, 0o755);
    const started: { stop(): Promise<void> }[] = [];
    try {
      const database = await openFreshPostgres(options.adminDatabaseUrl);
      started.push({ stop: () => database.close() });
      const redis = new TestRedis(await freePort(), dir);
      started.push(redis);
      await redis.start();

      const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
      const instances = ports.map(
        (port, i) =>
          new Instance(
            `instance ${i + 1} (:${port})`,
            port,
            join(options.repo, 'apps/server'),
            serverEnv(port, options.admin, {
              DATABASE_URL: database.url!,
              REDIS_URL: redis.url,
              ...options.env,
            }),
          ),
      );
      started.push(...instances);
      // Concurrent first starts are safe (the first body is created under an advisory lock).
      for (const instance of instances) instance.start();
      const [site, redirect] = [await freePort(), await freePort()];
      const nginx = await startNginx(
        {
          mainFile: join(options.repo, 'infra/nginx/quartierplan-cluster.conf'),
          locationsFile: join(options.repo, 'infra/nginx/quartierplan-locations.conf'),
        },
        { upstream: ports, site, redirect },
        dir,
      );
      started.push(nginx);
      await Promise.all(instances.map((instance) => instance.waitHealthy()));
      const cluster = new Cluster(dir, database, redis, instances, nginx, site, options.admin);
      await cluster.logIn();
      return cluster;
    } catch (error) {
      await Promise.allSettled(started.reverse().map((s) => s.stop()));
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** One session for every test client (the per-user connection limit is raised for that). */
  private async logIn(): Promise<void> {
    const login = await postJson(this.sitePort, '/api/auth/login', this.admin, { origin: this.origin });
    if (login.status !== 200) throw new Error(`login through nginx: ${login.status} ${login.body}`);
    this.cookie = sessionCookie(login);
  }

  /** The sync endpoint through nginx, as y-websocket's server URL (the document id is appended). */
  get syncUrl(): string {
    return `ws://127.0.0.1:${this.sitePort}/sync`;
  }

  /** Headers a browser on the site sends with its WebSocket handshake. */
  get browserHeaders(): Record<string, string> {
    return { cookie: this.cookie, origin: this.origin };
  }

  /** A new Sozialraum through the API, with its two new documents. */
  async createDocuments(name: string): Promise<Documents> {
    const code = `CL-${Math.random().toString(36).slice(2, 8)}`;
    const created = await postJson(
      this.sitePort,
      '/api/sozialraeume',
      { code, name },
      { origin: this.origin, headers: { cookie: this.cookie } },
    );
    if (created.status !== 201) throw new Error(`creating a Sozialraum: ${created.status} ${created.body}`);
    return (JSON.parse(created.body) as { documents: Documents }).documents;
  }

  /**
   * The last lines every instance wrote, for failure messages; without the reconnect attempts of
   * its Redis clients, which fill the log while the test's Redis is down.
   */
  logs(): string {
    const relevant = (output: string) =>
      output
        .split('\n')
        .filter((line) => !line.includes('"msg":"redis error'))
        .join('\n')
        .slice(-4_000);
    const errorLog = join(this.dir, 'error.log');
    const nginx = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-4_000) : '';
    return [
      ...this.instances.map((i) => `--- ${i.name} ---\n${relevant(i.output)}`),
      `--- nginx error.log ---\n${nginx}`,
    ].join('\n');
  }

  async stop(): Promise<void> {
    await this.nginx.stop();
    await Promise.all(this.instances.map((i) => i.stop()));
    await this.redis.stop();
    // The instances' connections are gone; dropping the database forces any left.
    await this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
