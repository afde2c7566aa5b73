import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../measures/filters';
import { ApiError, createApi } from './client';

function answering(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
}

describe('API client', () => {
  it('turns the API error shape into an ApiError with field errors', async () => {
    const api = createApi(
      answering(400, {
        error: {
          code: 'validation_failed',
          message: 'Die Eingaben sind ungültig.',
          details: { issues: [{ path: 'email', message: 'Diese E-Mail-Adresse wird bereits verwendet.' }] },
        },
      }),
    );
    const error = await api
      .createSozialraum({ code: 'x', name: 'y', stadtbezirk: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation_failed');
    expect((error as ApiError).fieldErrors).toEqual({
      email: 'Diese E-Mail-Adresse wird bereits verwendet.',
    });
  });

  it('reports an unreachable server in German instead of a TypeError', async () => {
    const api = createApi(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('survives a non-JSON error page from a proxy', async () => {
    const api = createApi(async () => new Response('<html>502</html>', { status: 502 }));
    await expect(api.me()).rejects.toMatchObject({ status: 502, code: 'unknown' });
  });

  it('returns nothing for 204', async () => {
    const api = createApi(answering(204, undefined));
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('sends a record version as the quoted entity tag in If-Match, for measures and papers alike', async () => {
    const sent: { method: string; url: string; ifMatch: string | null }[] = [];
    const api = createApi(async (input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({ method: init?.method ?? 'GET', url: String(input), ifMatch: headers.get('if-match') });
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await api.updateMeasure('m1', 3, { title: 'Neu' });
    await api.updatePaper('p1', 7, { subject: 'Betreff' });
    await api.releasePaper('p1', 8);
    await api.transitionMeasure('m1', { to: 'recommended' });
    expect(sent).toEqual([
      { method: 'PATCH', url: '/api/measures/m1', ifMatch: '"3"' },
      { method: 'PATCH', url: '/api/papers/p1', ifMatch: '"7"' },
      { method: 'POST', url: '/api/papers/p1/release', ifMatch: '"8"' },
      { method: 'POST', url: '/api/measures/m1/transitions', ifMatch: null },
    ]);
  });

  it('asks for measures with the filters as query and without a query when there are none', async () => {
    const urls: string[] = [];
    const api = createApi(async (input) => {
      urls.push(String(input));
      return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await api.listMeasures();
    await api.listMeasures({ ...EMPTY_FILTERS, status: ['idea', 'planned'], q: 'Quartier' });
    expect(urls).toEqual(['/api/measures', '/api/measures?status=idea%2Cplanned&q=Quartier']);
  });
});
