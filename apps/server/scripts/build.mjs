/**
 * `pnpm build` for the server: bundles the process entry points to plain JavaScript in dist/, so production
 * runs `node dist/main.js` without a TypeScript loader.
 *
 * - Our own TypeScript (apps/server and the workspace packages, which export their source) is bundled.
 * - Packages from node_modules stay external and load from where pnpm installed them: native and wasm ones
 *   (@node-rs/argon2, PGlite with its data files) need that. The server's own imports stay bare (its
 *   node_modules holds what it declares); an import from a workspace package becomes a relative path to the
 *   file esbuild resolved for that package, because apps/server/node_modules does not hold the packages'
 *   dependencies.
 * - `import.meta.url` in our TypeScript keeps meaning the source file, so paths read relative to it
 *   (packages/db/migrations, apps/server/demo-data, apps/web/build, createRequire for pdfmake) resolve as
 *   under tsx. That needs every output file in one folder: the entries and their shared chunks sit in dist/.
 */
import { readFile, rm } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = resolve(SERVER_DIR, '../..');
const DIST = join(SERVER_DIR, 'dist');
const OWN_SOURCE = join(SERVER_DIR, 'src') + sep;
const NODE_MODULES = `${sep}node_modules${sep}`;

/** A path as an import specifier relative to dist/ (`../../../packages/db/src/migrate.ts`). */
function fromDist(path) {
  const rel = relative(DIST, path).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** @type {import('esbuild').Plugin} */
const externalPackages = {
  name: 'external-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@quartierplan/')) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      if (args.importer.startsWith(OWN_SOURCE)) return { path: args.path, external: true };
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: fromDist(resolved.path), external: true };
    });
  },
};

/** @type {import('esbuild').Plugin} */
const sourceLocations = {
  name: 'source-locations',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(NODE_MODULES) || !args.path.startsWith(REPO_DIR + sep)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const here = `new URL(${JSON.stringify(fromDist(args.path))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', here), loader: 'ts' };
    });
  },
};

await rm(DIST, { recursive: true, force: true });
await build({
  absWorkingDir: SERVER_DIR,
  entryPoints: {
    main: 'src/main.ts',
    migrate: 'src/cli/migrate.ts',
    'create-body': 'src/cli/create-body.ts',
    'seed-demo': 'src/cli/seed-demo.ts',
    retention: 'src/cli/retention.ts',
  },
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Resolve packages as Node does (no `module` condition or main field), so a package imported both by the
  // server and by a workspace package loads once.
  conditions: [],
  mainFields: ['main'],
  sourcemap: 'linked',
  chunkNames: 'chunks-[name]-[hash]',
  logLevel: 'warning',
  plugins: [externalPackages, sourceLocations],
});
