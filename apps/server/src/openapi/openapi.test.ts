import { testDatabases } from '@quartierplan/db/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { ApiClient } from '../testing/client.ts';
import { checkDocumentedEvent, checkDocumentedResponse } from '../testing/contract.ts';
import { useTestServer } from '../testing/server.ts';
import { openApiPath } from './document.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

/** Every `$ref` string anywhere in a JSON value. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' ? [inner] : refs(inner),
    );
  }
  return [];
}

describe.each(testDatabases())('OpenAPI document on $name', (factory) => {
  const ctx = useTestServer(factory);

  const fetchDocument = async (): Promise<Doc> => {
    const response = await new ApiClient(ctx.server.origin).get<Doc>('/api/openapi.json');
    expect(response.status).toBe(200);
    return response.body;
  };

  it('is served without a session as OpenAPI 3.1', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], 'OpenAPI 3.1 schema violations').toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents exactly the /api routes the app registers, both ways', async () => {
    const doc = await fetchDocument();
    const app = buildApp(ctx.server.context, ctx.server.sync);
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      ),
    );
    expect(
      [...registered].filter((route) => !documented.has(route)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      [...documented].filter((route) => !registered.has(route)),
      'documented routes the app lacks',
    ).toEqual([]);
  });

  it('resolves every $ref inside the document', async () => {
    const doc = await fetchDocument();
    const dangling = refs(doc).filter((ref) => {
      const [, section, kind, name] = ref.split('/');
      const target = (doc as unknown as Record<string, Record<string, Record<string, unknown>>>)[
        section ?? ''
      ]?.[kind ?? '']?.[name ?? ''];
      return !ref.startsWith('#/') || target === undefined;
    });
    expect(dangling).toEqual([]);
    // A schema that only points at itself (or round a loop of bare references) describes nothing.
    const schemas = doc.components.schemas as Record<string, { $ref?: string }>;
    const loops = Object.keys(schemas).filter((name) => {
      const seen = new Set<string>();
      let current: string | undefined = name;
      while (current !== undefined && !seen.has(current)) {
        seen.add(current);
        current = schemas[current]?.$ref?.replace('#/components/schemas/', '');
      }
      return current !== undefined;
    });
    expect(loops, 'schemas that are bare reference loops').toEqual([]);
  });

  it('rejects answers that disagree with the documented schema', () => {
    const me = {
      id: 'u',
      email: 'a@b.de',
      name: 'A',
      role: 'admin',
      body: { id: 'b', name: 'B' },
      memberships: [],
    };
    expect(() => checkDocumentedResponse('GET', '/api/me', 200, 'application/json', me)).not.toThrow();
    expect(() =>
      checkDocumentedResponse('GET', '/api/me', 200, 'application/json', { ...me, role: 'boss' }),
    ).toThrow(/disagrees/);
    expect(() => checkDocumentedResponse('GET', '/api/nowhere', 200, 'application/json', {})).toThrow(
      /missing/,
    );
    expect(() => checkDocumentedResponse('GET', '/api/me', 201, 'application/json', me)).toThrow(
      /not documented/,
    );
    expect(() =>
      checkDocumentedResponse('GET', '/api/me', 404, 'application/json', {
        error: { code: 'nope', message: '' },
      }),
    ).toThrow(/error shape/);
  });

  it('rejects error statuses, media types, OParl bodies and events the document does not give the route', () => {
    const error = (code: string) => ({ error: { code, message: 'x', details: null } });
    expect(() =>
      checkDocumentedResponse('GET', '/api/me', 401, 'application/json', error('unauthenticated')),
    ).not.toThrow();
    expect(() =>
      checkDocumentedResponse('GET', '/api/me', 409, 'application/json', error('conflict')),
    ).toThrow(/error status is not documented/);
    expect(() =>
      checkDocumentedResponse('GET', '/api/committees', 503, 'application/json', error('internal')),
    ).toThrow(/error status is not documented/);
    expect(() =>
      checkDocumentedResponse('GET', '/api/measures/export', 200, 'text/csv; charset=utf-8', null),
    ).not.toThrow();
    expect(() =>
      checkDocumentedResponse('GET', '/api/measures/export', 200, 'application/pdf', null),
    ).toThrow(/documented as text\/csv/);
    const system = {
      id: 'https://q.example/api/oparl/v1.1/system',
      type: 'https://schema.oparl.org/1.1/System',
      oparlVersion: 'https://schema.oparl.org/1.1/',
      body: 'https://q.example/api/oparl/v1.1/bodies',
    };
    const path = '/api/oparl/v1.1/system';
    expect(() => checkDocumentedResponse('GET', path, 200, 'application/json', system)).not.toThrow();
    expect(() =>
      checkDocumentedResponse('GET', path, 200, 'application/json', { ...system, body: 'nowhere' }),
    ).toThrow(/disagrees/);
    const stream = '/api/measures/events/stream';
    expect(() => checkDocumentedEvent(stream, 'ready', '{"heartbeatMs":15000}')).not.toThrow();
    expect(() => checkDocumentedEvent(stream, 'ready', '{"heartbeat":15000}')).toThrow(/disagrees/);
    expect(() => checkDocumentedEvent(stream, 'hello', '{}')).toThrow(/not documented/);
  });
});
