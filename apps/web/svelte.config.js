import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The optional map background (`PUBLIC_MAP_TILE_URL`, e.g. `https://tiles.example.de/{z}/{x}/{y}.png`): its origin is
 * allowed for images when the app is built with it; without it the maps draw only our own vectors.
 */
const tileOrigin = (() => {
  try {
    return process.env.PUBLIC_MAP_TILE_URL
      ? [new URL(process.env.PUBLIC_MAP_TILE_URL.replace(/[{}]/g, '')).origin]
      : [];
  } catch {
    return [];
  }
})();

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build' }),
    // Sent as a header on every page; SvelteKit adds a nonce for its own inline start-up script, so no other
    // script runs. Styles stay inline-capable: the editor and Svelte set style attributes.
    csp: {
      mode: 'nonce',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', ...tileOrigin],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
