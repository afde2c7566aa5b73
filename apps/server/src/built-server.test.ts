import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './testing/client.ts';
import { createSozialraum, loginAs, PASSWORD } from './testing/fixtures.ts';
import { download } from './testing/papers.ts';
import { freePort, startServerProcess, type ServerProcess } from './testing/process.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(SERVER_DIR, 'dist/main.js');
const WEB_BUILD = resolve(SERVER_DIR, '../web/build');
const IN_CI = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI!.toLowerCase());
const ADMIN = 'bundle-admin@test.quartierplan.de';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The bundle loads the export libraries, the OpenAPI document and the web pages from chunks of its own on
 * their first use, not at start (apps/server/src/load-on-first-use.ts): each first request must still work
 * there, where chunk paths and the packages' own file lookups differ from the TypeScript source.
 */
describe.skipIf(!existsSync(BUNDLE) && !IN_CI)('the built server (node dist/main.js)', () => {
  let dataDir = '';
  let proc: ServerProcess | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error('apps/server/dist/main.js is missing: run `pnpm build` first');
    dataDir = await mkdtemp(join(tmpdir(), 'qp-bundle-'));
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN,
      ADMIN_PASSWORD: PASSWORD,
      BODY_NAME: 'Bündelstadt',
    };
    if (existsSync(join(WEB_BUILD, 'handler.js'))) env.WEB_BUILD_DIR = WEB_BUILD;
    proc = await startServerProcess(await freePort(), env, [], ['dist/main.js']);
    admin = await loginAs(proc.server, ADMIN);
  });

  afterAll(async () => {
    if (proc) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers its first DOCX, PDF and XLSX exports with the libraries it loads for them', async () => {
    const { documents } = await createSozialraum(admin, { name: 'Altstadt' });
    const docx = await download(admin, `/api/documents/${documents.actionPlan}/export?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(DOCX);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const pdf = await download(admin, `/api/documents/${documents.actionPlan}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await download(admin, `/api/documents/${documents.needs}/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('builds the OpenAPI document on its first request', async () => {
    const response = await admin.get<{ openapi: string }>('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\.1/);
  });

  it.runIf(existsSync(join(WEB_BUILD, 'handler.js')))('serves the first page request', async () => {
    const response = await fetch(`${proc!.server.origin}/login`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<html');
  });
});
