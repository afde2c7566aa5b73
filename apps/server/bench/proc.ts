import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

// What a benchmark reads about the server process from /proc (Linux).

/**
 * CPU seconds (user + system) a process has used (clock ticks of 1/100 s), with those of the children it has
 * waited for (PGlite's initdb of a new data directory runs in one). Unlike wall-clock time it hardly moves when
 * other processes share the cores.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces: utime, stime, cutime and
  // cstime are the 14th to 17th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
}

/** Resident set size of a process in MiB: now (`VmRSS`) or its peak so far (`VmHWM`). */
export async function rssMiB(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(new RegExp(`^${which}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]);
  return kib / 1024;
}

/**
 * A full garbage collection in a process started with `--inspect=127.0.0.1:<inspectPort>`, through its inspector
 * (Chrome DevTools Protocol): what a process holds at rest, without the garbage its start left behind.
 */
export async function collectGarbage(inspectPort: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  // Several collections: V8 shrinks the heap only over repeated ones.
  for (let id = 1; id <= 3; id++) {
    ws.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
    await new Promise((resolve) => ws.on('message', (m) => JSON.parse(String(m)).id === id && resolve(null)));
  }
  ws.close();
  // V8 hands freed pages back to the OS on a background thread shortly after the collection.
  await sleep(500);
}
