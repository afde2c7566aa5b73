import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestServer } from './server.ts';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A free TCP port on 127.0.0.1 (so a restarted process can come back on the same one). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The product as its own OS process (`src/main.ts`, or the bundle), for kill -9 and SIGTERM tests and benches. */
export interface ServerProcess {
  child: ChildProcess;
  /** Enough of a TestServer for the API and sync test clients. */
  server: TestServer;
  exited: Promise<number | null>;
}

export async function startServerProcess(
  port: number,
  env: Record<string, string>,
  extraNodeArgs: string[] = [],
  /** What node runs, relative to apps/server: the source through tsx, or `['dist/main.js']` (after `pnpm build`). */
  entry: string[] = ['--import', 'tsx', 'src/main.ts'],
): Promise<ServerProcess> {
  // QP_SERVER_NODE_ARGS adds Node flags to the server process, e.g. `--cpu-prof` to profile a bench.
  const nodeArgs = [...(process.env.QP_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...extraNodeArgs];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_BUILD_DIR: '/nonexistent',
      ...env,
    },
    // QP_SERVER_LOGS=1 shows the server's JSON log (warnings and errors) while debugging.
    stdio: ['ignore', process.env.QP_SERVER_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${port}`;
  // A fresh embedded database starts in seconds alone, but far slower while the browser tests share the cores.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      // Never leave it running: it would hold the data directory the next test starts on.
      child.kill('SIGKILL');
      await exited;
      throw new Error('server did not become healthy');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, exited, server: { origin } as TestServer };
}
