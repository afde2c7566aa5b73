import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Starting the real server (migrations on a fresh PGlite) and nginx takes a few seconds.
  test: { testTimeout: 30_000, hookTimeout: 90_000 },
});
