import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/client.ts';
import { freePort } from './testing/process.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
// Without ADMIN_EMAIL and ADMIN_PASSWORD the first admin gets this address and a generated password.
const ADMIN = 'admin@quartierplan.local';

/** `npm start` as a newcomer runs it: a fresh data directory, no ADMIN_PASSWORD; its output and exit. */
function start(port: number, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      LOG_LEVEL: 'warn',
      WEB_BUILD_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the first start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('whose port is taken fails with a message and still shows the one-time password of the admin it made', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qp-first-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const refused = start(port, dataDir);
    expect(await refused.exited).toBe(1);
    squatter.close();
    const { stdout, stderr } = refused.output();
    expect(stderr).toContain(`Port ${port} ist schon belegt`);
    expect(stderr).not.toMatch(/\n\s+at /);
    const password = /Einmal-Passwort[^:]*: (\S+)/.exec(stdout)?.[1];
    expect(password).toBeDefined();

    // The next start finds the admin (and shows no password); the one shown before logs in.
    const server = start(port, dataDir);
    try {
      const deadline = Date.now() + 90_000;
      while (!server.output().stdout.includes('Quartierplan läuft') && Date.now() < deadline) {
        if (server.child.exitCode !== null) throw new Error(`exited: ${server.output().stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(server.output().stdout).toContain('Quartierplan läuft');
      expect(server.output().stdout).not.toContain('Einmal-Passwort');
      const login = await new ApiClient(`http://127.0.0.1:${port}`).login(ADMIN, password!);
      expect(login.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 180_000);
});
