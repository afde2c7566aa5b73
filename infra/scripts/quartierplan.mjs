#!/usr/bin/env node
/**
 * The README's two commands, for a fresh machine that has only Node.js and npm:
 *
 *   npm start  →  node infra/scripts/quartierplan.mjs start
 *   npm test   →  node infra/scripts/quartierplan.mjs test
 *
 * Plain Node ESM without dependencies: it runs before anything is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IN_CI = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI.toLowerCase());
const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432 };
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 };
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

function fail(message) {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Node.js ${process.versions.node} ist zu alt: Quartierplan braucht Node.js 20.19 oder neuer.`);
  }
}

/** The pnpm version pinned in package.json's `packageManager` ("pnpm@10.34.8+sha512..." → "10.34.8"). */
function pinnedPnpmVersion() {
  const { packageManager } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+[^+]*)/.exec(packageManager ?? '');
  if (!match) fail(`package.json: "packageManager" nennt keine pnpm-Version (${packageManager}).`);
  return match[1];
}

function pnpmVersionOnPath() {
  // Outside the project, so pnpm does not act on the packageManager field while answering.
  const result = spawnSync('pnpm', ['--version'], { cwd: tmpdir(), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Makes exactly the pinned pnpm the one on PATH (npm install -g; corepack is not usable here). */
function ensurePnpm() {
  const wanted = pinnedPnpmVersion();
  if (pnpmVersionOnPath() === wanted) return;
  say(`pnpm ${wanted} wird installiert (npm install -g pnpm@${wanted}) …`);
  const install = spawnSync('npm', ['install', '-g', `pnpm@${wanted}`], { stdio: 'inherit', cwd: tmpdir() });
  if (install.status !== 0) {
    fail(
      `pnpm ${wanted} ließ sich nicht installieren. Ohne Root-Rechte vorher z. B. ` +
        '"npm config set prefix ~/.local" und ~/.local/bin in PATH aufnehmen.',
    );
  }
  if (pnpmVersionOnPath() === wanted) return;
  // Another pnpm may come first on PATH: put npm's global bin folder in front.
  const prefix = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).stdout.trim();
  process.env.PATH = `${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}`;
  const found = pnpmVersionOnPath();
  if (found !== wanted) fail(`Auf PATH liegt pnpm ${found ?? '(keins)'}, gebraucht wird pnpm ${wanted}.`);
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** Runs pnpm in the repository root with inherited output; resolves to its exit code. */
function pnpm(args, env = process.env) {
  return new Promise((resolvePromise) => {
    const child = spawn('pnpm', args, { cwd: ROOT, stdio: 'inherit', env });
    child.once('error', (error) => fail(`pnpm ließ sich nicht starten: ${error.message}`));
    child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

/**
 * `pnpm install --frozen-lockfile` when node_modules is missing or older than the lockfile; true when it
 * installed.
 */
async function ensureInstalled() {
  const marker = join(ROOT, 'node_modules/.modules.yaml');
  if (existsSync(marker) && mtime(marker) >= mtime(join(ROOT, 'pnpm-lock.yaml'))) return false;
  say('Abhängigkeiten werden installiert (pnpm install --frozen-lockfile) …');
  const started = Date.now();
  if ((await pnpm(['install', '--frozen-lockfile'])) !== 0) fail('pnpm install ist fehlgeschlagen.');
  // pnpm leaves the marker untouched when nothing changed; mark this state as installed.
  const now = new Date();
  if (existsSync(marker)) utimesSync(marker, now, now);
  say(`Abhängigkeiten installiert (${seconds(started)} s).`);
  return true;
}

async function start() {
  checkNode();
  ensurePnpm();
  const installed = await ensureInstalled();
  // The server bundle points into node_modules, so a fresh install rebuilds it too.
  const unbuilt = ['apps/web/build/handler.js', 'apps/server/dist/main.js'].some(
    (file) => !existsSync(join(ROOT, file)),
  );
  if (installed || unbuilt) {
    say('Server und Weboberfläche werden gebaut (pnpm build) …');
    const started = Date.now();
    if ((await pnpm(['build'])) !== 0) fail('pnpm build ist fehlgeschlagen.');
    say(`Gebaut (${seconds(started)} s).`);
  }

  // The server runs in apps/server; keep the embedded database in the repository's ./data.
  const env = { ...process.env, DATA_DIR: process.env.DATA_DIR || join(ROOT, 'data') };
  say();
  say('Quartierplan startet. Öffnen Sie gleich die unten angezeigte Adresse im Browser und melden Sie sich');
  say('mit ADMIN_EMAIL/ADMIN_PASSWORD an – oder, beim ersten Start ohne diese Angaben, mit der unten');
  say('angezeigten E-Mail-Adresse und dem Einmal-Passwort. Beenden mit Strg+C.');
  // What `pnpm --filter @quartierplan/server start` runs (node dist/main.js), as one process: through
  // pnpm and sh -c a SIGTERM reaches only the shell and leaves the server running as an orphan.
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(ROOT, 'apps/server'),
    stdio: 'inherit',
    env,
  });
  child.once('error', (error) => fail(`Der Server ließ sich nicht starten: ${error.message}`));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.once('exit', (code, signal) =>
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)),
  );
}

function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) fail(`CHROMIUM_PATH=${configured} existiert nicht.`);
    return configured;
  }
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function canConnect({ host, port }, timeoutMs = 1500) {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function withoutPassword(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(ungültige URL)';
  }
}

async function test() {
  const started = Date.now();
  checkNode();
  ensurePnpm();
  await ensureInstalled();

  const hasE2e = existsSync(join(ROOT, 'tests/e2e/package.json'));
  if (hasE2e) {
    const chromium = findChromium();
    if (!chromium) {
      fail(
        IN_CI
          ? 'Chromium fehlt (erwartet unter /usr/bin/chromium); .ci/run installiert es mit apt-get.'
          : 'Chromium fehlt für die Ende-zu-Ende-Tests. Installieren mit:\n' +
              '    sudo apt-get install -y chromium\n' +
              '  oder CHROMIUM_PATH=/pfad/zu/chromium setzen.',
      );
    }
    process.env.CHROMIUM_PATH = chromium;
  }

  if (!process.env.TEST_DATABASE_URL && (await canConnect(LOCAL_POSTGRES))) {
    process.env.TEST_DATABASE_URL = DEFAULT_TEST_DATABASE_URL;
  }
  // Live measure events across instances go through Redis; its tests run when one is reachable.
  if (!process.env.TEST_REDIS_URL && (await canConnect(LOCAL_REDIS))) {
    process.env.TEST_REDIS_URL = `redis://${LOCAL_REDIS.host}:${LOCAL_REDIS.port}`;
  }
  say(
    process.env.TEST_DATABASE_URL
      ? `Datenbanken: PGlite (eingebettet) und PostgreSQL ${withoutPassword(process.env.TEST_DATABASE_URL)}`
      : 'Datenbanken: nur PGlite (eingebettet). Für PostgreSQL TEST_DATABASE_URL setzen ' +
          '(oder PostgreSQL auf 127.0.0.1:5432 starten).',
  );
  if (hasE2e) say(`Chromium: ${process.env.CHROMIUM_PATH}`);

  // Formatting, lint and typecheck run as one phase (lint and typecheck in one turbo graph), so
  // packages' tasks overlap instead of waiting for the slowest package of the previous step. Unit and end-to-end tests then run side by side: both
  // spend much of their time waiting (timers, sockets, the browser), and they share nothing (the
  // tests' servers listen on port 0, Playwright's on E2E_PORT). QP_TEST_SERIAL=1 runs them one after
  // the other, e.g. to read one suite's output alone.
  const serial = ['1', 'true'].includes((process.env.QP_TEST_SERIAL ?? '').toLowerCase());
  const e2eSkip = hasE2e ? null : 'tests/e2e/package.json fehlt';
  const phases = [
    [
      { name: 'format', args: ['exec', 'prettier', '--check', '.'] },
      { name: 'lint+typecheck', args: ['exec', 'turbo', 'run', 'lint', 'typecheck'] },
    ],
    // After them: the web app's lint and typecheck regenerate src/lib/paraglide, which its build reads.
    [{ name: 'build', args: ['run', 'build'] }],
    ...(serial
      ? [
          [{ name: 'test:unit', args: ['run', 'test:unit'] }],
          [{ name: 'test:e2e', args: ['run', 'test:e2e'], skip: e2eSkip }],
        ]
      : [
          [
            { name: 'test:unit', args: ['run', 'test:unit'] },
            { name: 'test:e2e', args: ['run', 'test:e2e'], skip: e2eSkip },
          ],
        ]),
  ];
  const results = [];
  let failedPhase = false;
  for (const phase of phases) {
    if (failedPhase) {
      for (const step of phase) {
        results.push({ name: step.name, status: 'not run', note: 'nach dem Fehler nicht ausgeführt' });
      }
      continue;
    }
    const outcomes = await Promise.all(
      phase.map(async (step) => {
        if (step.skip) return { name: step.name, status: 'skipped', note: step.skip };
        say(`\n▶ pnpm ${step.args.join(' ')}`);
        const stepStarted = Date.now();
        const code = await pnpm(step.args);
        const elapsed = seconds(stepStarted);
        say(`${code === 0 ? '✔' : '✖'} ${step.name}: ${elapsed} s`);
        return { name: step.name, status: code === 0 ? 'passed' : 'failed', note: `${elapsed} s` };
      }),
    );
    results.push(...outcomes);
    failedPhase = outcomes.some((r) => r.status === 'failed');
  }

  const marks = { passed: '✔', failed: '✖', skipped: '–', 'not run': '·' };
  say('\nZusammenfassung:');
  for (const r of results) say(`  ${marks[r.status]} ${r.name.padEnd(21)} ${r.status.padEnd(8)} ${r.note}`);
  const failed = results.find((r) => r.status === 'failed');
  say(`Gesamt: ${seconds(started)} s`);
  if (failed) fail(`Schritt "${failed.name}" ist fehlgeschlagen.`);
  say('Alle Prüfungen bestanden.');
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'test') await test();
else fail('Aufruf: node infra/scripts/quartierplan.mjs start|test');
