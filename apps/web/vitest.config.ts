import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests cover plain modules of src/lib; they need neither SvelteKit nor Paraglide's compiler.
// The Svelte plugin compiles runes in `.svelte.ts` modules (form state), for the browser as in the app.
export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: { include: ['src/**/*.test.ts'] },
});
