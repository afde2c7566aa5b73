import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/** Measurements in the real browser against the built product; they print numbers, they assert none. */
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  reporter: [['list']],
});
