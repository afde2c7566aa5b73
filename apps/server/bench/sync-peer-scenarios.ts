import { collectGarbage, rssMiB } from './proc.ts';
import {
  coldLoad,
  fanout,
  manyDocuments,
  memoryPerDocument,
  type Target,
  writers,
} from './sync-scenarios.ts';
import type { TargetAddress } from './sync-targets.ts';

// The scenarios of `pnpm bench:sync --peers` and the figures each yields: the comparison (sync-peers.ts) starts
// the servers, and a client process per measurement (sync-peer-client.ts) runs these against them.

export const MANY = 500;
export const COLD = [10_000, 100_000] as const;

/**
 * How a scenario needs its server started: documents in memory, for a cold load (on a copy of the seeded
 * documents), or at rest (no client has ever talked to it: Quartierplan's bench admin is not even logged in).
 */
export type Mode = 'memory' | 'coldLoad' | 'rest';

/** One measurement, as plain data: sent to the client process that runs it. */
export interface Measurement {
  scenario: string;
  address: TargetAddress;
  inspectPort: number;
  /** MANY documents that exist before the server started. */
  documents: string[];
  /** The seeded cold-load documents, by number of updates. */
  seeded: Record<(typeof COLD)[number], string>;
}

/** What one scenario yields, by figure name (a scenario may yield several). */
export type Figures = Record<string, number>;

export interface PeerScenario {
  name: string;
  mode: Mode;
  run(target: Target, measurement: Measurement): Promise<Figures>;
}

export const peerScenarios: PeerScenario[] = [
  {
    name: 'writers 10',
    mode: 'memory',
    async run(target) {
      const ten = await writers(target, 10);
      return { 'server CPU per 1,000 edits, 10 writers (ms)': ten.cpuPer1000 };
    },
  },
  {
    name: 'writers 50',
    mode: 'memory',
    async run(target) {
      const fifty = await writers(target, 50);
      return { 'server CPU per 1,000 edits, 50 writers (ms)': fifty.cpuPer1000 };
    },
  },
  {
    name: 'fanout',
    mode: 'memory',
    async run(target) {
      const r = await fanout(target, 200);
      return { 'fanout to 200 clients, p50 (ms)': r.p50, 'fanout to 200 clients, p99 (ms)': r.p99 };
    },
  },
  {
    name: 'at rest',
    mode: 'rest',
    async run(target, { inspectPort }) {
      await collectGarbage(inspectPort);
      return { 'server RSS at rest, before any client (MiB)': await rssMiB(target.pid) };
    },
  },
  ...COLD.map((updates): PeerScenario => ({
    name: `cold load ${updates}`,
    mode: 'coldLoad',
    async run(target, { seeded }) {
      const r = await coldLoad(target, seeded[updates], updates);
      const label = `cold load after restart, ${updates.toLocaleString('en')} updates`;
      return {
        [`${label}, to full content (ms)`]: r.completeMs,
        [`${label}, chars at "synced"`]: r.syncedChars,
      };
    },
  })),
  {
    name: 'many documents',
    mode: 'memory',
    async run(target, { documents }) {
      const r = await manyDocuments(target, documents);
      return {
        [`${MANY} documents × 2 clients: server CPU to accept all (ms)`]: r.acceptCpuMs,
        [`${MANY} documents × 2 clients: delivery p50 (ms)`]: r.p50,
        [`${MANY} documents × 2 clients: delivery p99 (ms)`]: r.p99,
      };
    },
  },
  {
    name: 'memory per document',
    mode: 'memory',
    async run(target, { inspectPort, documents }) {
      const r = await memoryPerDocument(target, inspectPort, documents, 100);
      return { 'marginal memory per loaded document, 100 → 500 (KB)': r.perDocumentKb };
    },
  },
];
