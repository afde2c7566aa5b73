import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

const OUTPUT_LIMIT = 64 * 1024;
const STOP_GRACE_MS = 12_000;

/** A port the kernel just handed out on loopback (free for the next few moments). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process whose output is kept (the tail) for failure messages. */
export class RunningProcess {
  private readonly child: ChildProcess;
  private captured = '';
  private readonly exited: Promise<number | null>;
  exitCode: number | null | undefined = undefined;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.captured = (this.captured + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        keep(Buffer.from(`\n${error.message}\n`));
        this.exitCode = null;
        resolve(null);
      });
      this.child.once('exit', (code, signal) => {
        this.exitCode = code ?? null;
        keep(Buffer.from(`\n[${name} exited: ${signal ?? code}]\n`));
        resolve(code);
      });
    });
  }

  get output(): string {
    return this.captured;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Sends a signal (a crash: SIGKILL; a drain: SIGTERM) without waiting. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Resolves with the exit code (null after a signal) once the process has ended. */
  whenExited(): Promise<number | null> {
    return this.exited;
  }

  /** SIGTERM, then SIGKILL if the process has not ended within the grace period. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = delay(STOP_GRACE_MS).then(() => 'timeout' as const);
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/**
 * Retries `check` until it returns true; fails early with the process's output when the process
 * ends, and after `timeoutMs` otherwise.
 */
export async function waitFor(
  what: string,
  process: RunningProcess,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!process.running) throw new Error(`${process.name} ended before ${what}:\n${process.output}`);
    if (await check().catch(() => false)) return;
    await delay(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${process.output}`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
