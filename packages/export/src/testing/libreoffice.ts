import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

let profile: Promise<string> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts a file with LibreOffice headless (`soffice --convert-to`) and returns the result and what soffice
 * printed. One profile directory per test process, made on the first call: parallel test files never share
 * a locked profile, and later conversions skip setting up a new profile (seconds of CPU each). Calls in one
 * process run one after the other, as one profile allows.
 */
export function convertWithLibreOffice(
  input: Buffer,
  extension: string,
  to: string,
): Promise<{ output: Buffer; stderr: string }> {
  profile ??= mkdtemp(join(tmpdir(), 'qp-soffice-profile-'));
  const result = queue.then(async () => convert(await profile!, input, extension, to));
  queue = result.catch(() => {});
  return result;
}

async function convert(
  profileDir: string,
  input: Buffer,
  extension: string,
  to: string,
): Promise<{ output: Buffer; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'qp-soffice-'));
  try {
    const source = join(dir, `in.${extension}`);
    await writeFile(source, input);
    const { stderr } = await run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        dir,
        source,
      ],
      { timeout: 120_000 },
    );
    return { output: await readFile(join(dir, `in.${to.split(':')[0]}`)), stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
