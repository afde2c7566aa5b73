import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Two workers on the 2-core machines: suites wait on the database and sockets more than on CPU.
  test: { testTimeout: 30_000, hookTimeout: 60_000, maxWorkers: 2 },
});
