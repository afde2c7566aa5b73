import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Starting the real server (migrations on a fresh PGlite) and nginx takes a few seconds, or
  // much longer while CI runs the other suites on the same cores.
  test: { testTimeout: 30_000, hookTimeout: 180_000 },
});
