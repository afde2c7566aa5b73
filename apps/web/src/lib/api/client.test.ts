import { describe, expect, it } from 'vitest';
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
});
