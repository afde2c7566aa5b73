import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

// In development the API runs separately (`pnpm --filter @quartierplan/server dev`); proxy it so
// the browser still sees one origin, as in production.
const apiTarget = process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    tailwindcss(),
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // German unless the user picked English: municipal staff expect German whatever their browser says.
      strategy: ['cookie', 'baseLocale'],
    }),
    sveltekit(),
  ],
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/sync': { target: apiTarget, ws: true },
    },
  },
});
