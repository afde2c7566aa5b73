import { readFileSync } from 'node:fs';
import type * as Y from 'yjs';
import { collectGarbage } from './proc.ts';

// The sync bench's scenarios, for any server that speaks a Yjs sync protocol: Quartierplan in `pnpm bench:sync`,
// and beside it the stock y-websocket server and Hocuspocus in its comparison mode (`--peers`).

/** A client of one document, whatever its provider (y-websocket's, Hocuspocus's). */
export interface BenchClient {
  doc: Y.Doc;
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  /** Close codes the server sent, when the provider reports them. */
  closeCodes?: number[];
  destroy(): void;
}

/** A running sync server, as the scenarios use it. */
export interface Target {
  /** The server's process: its CPU time and memory are what is measured. */
  pid: number;
  /** Creates an empty document and answers its id (the name the clients connect to). */
  newDocument(): Promise<string>;
  connect(docId: string): BenchClient;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** CPU time of a process in ms, from /proc: user (JavaScript, V8) and system (syscalls, TCP). */
export function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / 100, system: (Number(fields[12]) * 1000) / 100 };
}

/**
 * Resident anonymous memory (heap, buffers) of a process in kB. File-backed pages (the node binary,
 * ICU data) are left out: the kernel drops and re-reads them at will (this machine runs proactive
 * reclaim), which made whole-RSS differences swing by 30 kB per document between identical runs.
 */
export function rssAnonKb(pid: number): number {
  return Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

async function waitSynced(clients: BenchClient[]) {
  await Promise.all(clients.map((c) => c.synced));
}

/** Records how long each update the writers stamp takes to reach the clients in `observers`. */
function recordDeliveries(observers: BenchClient[]): number[] {
  const latencies: number[] = [];
  for (const o of observers) {
    o.doc.on('update', () => {
      const sent = o.doc.getMap('bench').get('t');
      if (typeof sent === 'number') latencies.push(performance.now() - sent);
    });
  }
  return latencies;
}

/** One writer, `n` readers of one document: how long each of 400 updates takes to reach every reader. */
export async function fanout(target: Target, n: number) {
  const docId = await target.newDocument();
  const observers = Array.from({ length: n }, () => target.connect(docId));
  const writer = target.connect(docId);
  await waitSynced([...observers, writer]);
  const latencies = recordDeliveries(observers);
  // 400 updates (20 s): each update is n deliveries, so p99 rests on the slowest 4 updates, not on one;
  // and the run spans the moment all clients renew their awareness together (15 s after connecting).
  for (let i = 0; i < 400; i++) {
    writer.doc.getMap('bench').set('t', performance.now());
    await sleep(50);
  }
  await sleep(500);
  for (const c of [...observers, writer]) c.destroy();
  latencies.sort((a, b) => a - b);
  return {
    n,
    samples: latencies.length,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

/** `w` clients typing into one document for 5 s: edits per second and the server's CPU time per 1,000 edits. */
export async function writers(target: Target, w: number) {
  const docId = await target.newDocument();
  const clients = Array.from({ length: w }, () => target.connect(docId));
  await waitSynced(clients);
  const cpuBefore = cpuMs(target.pid);
  const started = performance.now();
  let edits = 0;
  const deadline = started + 5000;
  // Each writer types at the end of its own paragraph, as people in a workshop do (all typing at
  // one position would measure YATA's worst case, not a workshop).
  const typed = (c: BenchClient) => clients.reduce((sum, _, i) => sum + c.doc.getText(`p${i}`).length, 0);
  while (performance.now() < deadline) {
    clients.forEach((c, i) => {
      const paragraph = c.doc.getText(`p${i}`);
      paragraph.insert(paragraph.length, 'x');
      edits++;
    });
    await sleep(1);
  }
  // Converged: every client holds every edit.
  const convergeStart = performance.now();
  while (!clients.every((c) => typed(c) === edits)) {
    if (performance.now() - convergeStart > 60_000) break;
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(target.pid);
  const user = cpuAfter.user - cpuBefore.user;
  const system = cpuAfter.system - cpuBefore.system;
  const lengths = clients.map(typed);
  const text = (c: BenchClient) => clients.map((_, i) => c.doc.getText(`p${i}`).toString()).join('|');
  const same = clients.every((c) => text(c) === text(clients[0]!));
  const closes = clients.flatMap((c) => c.closeCodes ?? []).join(',') || 'none';
  const converged =
    same && lengths[0] === edits
      ? 'yes'
      : `NO (lengths ${Math.min(...lengths)}–${Math.max(...lengths)} of ${edits}, closes ${closes})`;
  for (const c of clients) c.destroy();
  const per1000 = (n: number) => (n / edits) * 1000;
  return {
    w,
    edits,
    perSecond: edits / seconds,
    cpuPer1000: per1000(user + system),
    userPer1000: per1000(user),
    systemPer1000: per1000(system),
    converged,
  };
}

/** Two clients on each document, connected together; `edit` has the first of each type a word. */
function connectPairs(target: Target, docIds: string[]) {
  const clients = docIds.flatMap((id) => [target.connect(id), target.connect(id)]);
  return {
    clients,
    synced: waitSynced(clients),
    edit: () => clients.forEach((c, i) => i % 2 === 0 && c.doc.getText('t').insert(0, 'Bedarf')),
  };
}

/**
 * Resident memory each loaded document adds: `from` documents with two clients each, then the rest of
 * `docIds` too, each sampled after a full garbage collection (the server runs with its inspector on
 * `inspectPort`). Answers kB per added document.
 */
export async function memoryPerDocument(target: Target, inspectPort: number, docIds: string[], from: number) {
  const first = connectPairs(target, docIds.slice(0, from));
  await first.synced;
  first.edit();
  await sleep(2000);
  await collectGarbage(inspectPort);
  const before = rssAnonKb(target.pid);
  const rest = connectPairs(target, docIds.slice(from));
  await rest.synced;
  rest.edit();
  await sleep(2000);
  await collectGarbage(inspectPort);
  const after = rssAnonKb(target.pid);
  for (const c of [...first.clients, ...rest.clients]) c.destroy();
  return { perDocumentKb: (after - before) / (docIds.length - from) };
}

/**
 * Many documents open at once, two clients each (as many Sozialräume in workshops at the same time): the
 * server's CPU time until every client has synced, then how long an edit takes to reach the other client of
 * its document, with every document edited once a second for 5 s.
 */
export async function manyDocuments(target: Target, docIds: string[]) {
  const cpuBefore = cpuMs(target.pid);
  const pairs = docIds.map((id) => [target.connect(id), target.connect(id)] as const);
  await waitSynced(pairs.flat());
  const cpuAfter = cpuMs(target.pid);
  const latencies = recordDeliveries(pairs.map(([, reader]) => reader));
  const spacing = 1000 / pairs.length;
  for (let round = 0; round < 5; round++) {
    for (const [writer] of pairs) {
      writer.doc.getMap('bench').set('t', performance.now());
      await sleep(spacing);
    }
  }
  await sleep(1000);
  for (const c of pairs.flat()) c.destroy();
  latencies.sort((a, b) => a - b);
  return {
    acceptCpuMs: cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system,
    samples: latencies.length,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
  };
}

/**
 * The first client of a document on a freshly started server: milliseconds until its text `t` holds all
 * `chars` characters (not merely until the provider says "synced": a server may answer before it has loaded).
 */
export async function coldLoad(target: Target, docId: string, chars: number) {
  const started = performance.now();
  const client = target.connect(docId);
  const text = client.doc.getText('t');
  await client.synced;
  const syncedMs = performance.now() - started;
  const syncedChars = text.length;
  while (text.length < chars) {
    if (performance.now() - started > 120_000)
      throw new Error(`cold load stalled at ${text.length} of ${chars}`);
    await nextUpdate(client.doc, 50);
  }
  const completeMs = performance.now() - started;
  client.destroy();
  return { syncedMs, syncedChars, completeMs };
}

/** Resolves at the document's next update, or after `timeoutMs` without one. */
function nextUpdate(doc: Y.Doc, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      doc.off('update', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    doc.on('update', done);
  });
}
