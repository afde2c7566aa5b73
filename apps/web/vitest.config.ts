import { defineConfig } from 'vitest/config';

// Unit tests cover plain modules of src/lib; they need neither SvelteKit nor Paraglide's compiler.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
});
