import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Converts a file with LibreOffice headless (`soffice --convert-to`) and returns the result and what soffice
 * printed. Each call gets its own profile directory, so parallel test files never share a locked profile.
 */
export async function convertWithLibreOffice(
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
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
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
