import { testDatabases } from '@quartierplan/db/testing';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../testing/client.ts';
import { useTestServer } from '../../testing/server.ts';

describe.each(testDatabases())('API reference page on $name', (factory) => {
  const ctx = useTestServer(factory);

  it('answers without a session with its own strict policy: no inline script, no other origin', async () => {
    const page = await new ApiClient(ctx.server.origin).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|https?:/);
    expect(page.text).not.toMatch(/<script>|<style|style=|https?:\/\//);
    expect(page.text).toContain('API-Dokumentation');
    for (const src of page.text.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)) {
      const asset = await new ApiClient(ctx.server.origin).get(src[1] ?? '');
      expect(asset.status, src[1]).toBe(200);
      expect(asset.text.length, src[1]).toBeGreaterThan(100);
    }
  });

  it('serves Swagger UI from our own files and starts it on /api/openapi.json', async () => {
    const client = new ApiClient(ctx.server.origin);
    const bundle = await client.get('/api/docs/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(bundle.text).toContain('SwaggerUIBundle');
    const css = await client.get('/api/docs/swagger-ui.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const start = await client.get('/api/docs/start.js');
    expect(start.text).toContain("url: '/api/openapi.json'");
    // The static files may be cached; the page and every data answer may not.
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=86400');
    expect((await client.get('/api/docs')).headers.get('cache-control')).toBe('no-store');
    expect((await client.get('/api/openapi.json')).headers.get('cache-control')).toBe('no-store');
  });

  it('gives every other API answer a policy that loads and frames nothing', async () => {
    const client = new ApiClient(ctx.server.origin);
    for (const path of ['/api/openapi.json', '/api/me', '/api/docs/nothing.js']) {
      const response = await client.get(path);
      expect(response.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });
});
