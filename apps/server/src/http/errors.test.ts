import type { FieldIssue } from '@quartierplan/domain';
import { migrate } from '@quartierplan/db';
import { testDatabases } from '@quartierplan/db/testing';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import { ApiClient, sendStreamed } from '../testing/client.ts';
import { createTestBody, loginAs } from '../testing/fixtures.ts';
import { startTestServer, useTestServer } from '../testing/server.ts';

const LIMIT = 1_048_576;

describe.each(testDatabases())('HTTP errors and health on $name', (factory) => {
  const ctx = useTestServer(factory);
  let admin: ApiClient;
  const anonymous = () => new ApiClient(ctx.server.origin);

  beforeAll(async () => {
    admin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
  });

  describe('health', () => {
    it('answers 200 {"status":"ok"} without a session', async () => {
      const response = await anonymous().get('/api/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('answers 503 until the database is migrated, then 200', async () => {
      const db = await factory.open({ migrated: false });
      const server = await startTestServer(db.sql);
      try {
        const client = new ApiClient(server.origin);
        expectError(await client.get('/api/health'), 503, 'internal');
        await migrate(db.sql);
        expect((await client.get('/api/health')).body).toEqual({ status: 'ok' });
      } finally {
        await server.close();
        await db.close();
      }
    });

    it('answers 503 and closes each connection once the instance drains, so the proxy moves on', async () => {
      const db = await factory.open();
      const server = await startTestServer(db.sql);
      try {
        const client = new ApiClient(server.origin);
        expect((await client.get('/api/health')).headers.get('connection')).not.toBe('close');
        server.context.beginDrain();
        const draining = await client.get('/api/health');
        expectError(draining, 503, 'unavailable');
        expect(draining.headers.get('connection')).toBe('close');
      } finally {
        await server.close();
        await db.close();
      }
    });
  });

  describe('request bodies', () => {
    it.each([
      ['a login', '/api/auth/login', () => anonymous()],
      ['an authenticated write', '/api/sozialraeume', () => admin],
    ])('answers malformed JSON in %s with 400 malformed_json', async (_label, path, client) => {
      for (const text of ['{"code": "A1",', "{'code': 'A1'}", '', 'null null']) {
        const response = await client().request('POST', path, {
          body: text,
          headers: { 'content-type': 'application/json' },
        });
        const error = expectError(response, 400, 'malformed_json');
        expect(error.message).toBe('Der Inhalt der Anfrage ist kein gültiges JSON.');
      }
    });

    it.each([
      [
        'text/plain',
        { body: '{"email":"a@b.de","password":"x"}', headers: { 'content-type': 'text/plain' } },
      ],
      ['no content type', { body: new TextEncoder().encode('{"email":"a@b.de","password":"x"}') }],
      ['a form', { body: new URLSearchParams({ email: 'a@b.de', password: 'x' }) }],
    ])('answers a body sent as %s with 415', async (_label, options) => {
      const response = await anonymous().request('POST', '/api/auth/login', options);
      const error = expectError(response, 415, 'unsupported_media_type');
      expect(error.message).toBe('Die Anfrage muss JSON (application/json) enthalten.');
    });

    it('accepts JSON with a charset', async () => {
      const response = await admin.request('POST', '/api/committees', {
        body: JSON.stringify({ name: 'Sozialausschuss', kind: 'committee' }),
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(response.status).toBe(201);
    });

    it('answers a body over the limit with 413 payload_too_large', async () => {
      const big = JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(LIMIT) });
      for (const client of [anonymous(), admin]) {
        const response = await client.request('POST', '/api/auth/login', {
          body: big,
          headers: { 'content-type': 'application/json' },
        });
        const error = expectError(response, 413, 'payload_too_large');
        expect(error.details).toEqual({ maxBytes: LIMIT });
        // The unread rest of the upload ends this connection; the client must not reuse it.
        expect(response.headers.get('connection')).toBe('close');
      }
    });

    it('answers a streamed body over the limit with 413 too, without trusting Content-Length', async () => {
      const response = await sendStreamed(ctx.server.origin, '/api/sozialraeume', {
        headers: { 'content-type': 'application/json', cookie: `qp_session=${admin.cookie('qp_session')}` },
        totalBytes: 2 * LIMIT,
      });
      expectError(response, 413, 'payload_too_large');
    });

    it('accepts a body just under the limit and judges it on its content', async () => {
      const name = 'x'.repeat(LIMIT - 100);
      const response = await admin.post('/api/sozialraeume', { code: 'GROSS', name });
      expect(expectError(response, 400, 'validation_failed').details).toEqual({
        issues: [{ path: 'name', message: 'Der Name darf höchstens 200 Zeichen lang sein.' }],
      });
    });
  });

  describe('validation', () => {
    it('reports every invalid field with its path and a German message', async () => {
      const response = await admin.post('/api/users', {
        email: 'keine-adresse',
        name: '',
        password: 'kurz',
        role: 'chef',
        memberships: [{ sozialraumId: 'x', access: 'edit' }],
      });
      const error = expectError(response, 400, 'validation_failed');
      expect(error.message).toBe('Die Eingaben sind ungültig.');
      expect(error.details).toEqual({
        issues: [
          { path: 'email', message: 'Bitte eine gültige E-Mail-Adresse angeben.' },
          { path: 'name', message: 'Bitte einen Namen angeben.' },
          { path: 'password', message: 'Das Passwort muss mindestens 12 Zeichen lang sein.' },
          { path: 'role', message: 'Unbekannte Rolle.' },
          { path: 'memberships.0.sozialraumId', message: 'Ungültige Kennung.' },
        ] satisfies FieldIssue[],
      });
    });

    it('validates JSON that is not an object', async () => {
      for (const json of [[], 'text', 42, null]) {
        expectError(await admin.post('/api/committees', json), 400, 'validation_failed');
      }
    });

    it('validates the query string', async () => {
      const response = await admin.get('/api/sozialraeume?includeArchived=ja');
      const error = expectError(response, 400, 'validation_failed');
      expect((error.details as { issues: FieldIssue[] }).issues.map((i) => i.path)).toEqual([
        'includeArchived',
      ]);
    });
  });

  describe('the error shape', () => {
    it('is used for unknown API paths too', async () => {
      expectError(await admin.get('/api/gibt-es-nicht'), 404, 'not_found');
      expectError(await admin.request('DELETE', '/api/sozialraeume'), 404, 'not_found');
    });

    it('sets protective headers on every answer', async () => {
      for (const response of [await anonymous().get('/api/health'), await anonymous().get('/api/me')]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-request-id')).toMatch(/\S+/);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });

    it('hides an unexpected failure behind 500 internal with the request id, and logs it', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
      // A database that went away: every query fails with an error the routes do not expect.
      const db = await factory.open();
      const server = await startTestServer(db.sql, { logger });
      await db.close();
      try {
        const response = await new ApiClient(server.origin).login('anna@hagen.de', 'irgendein-passwort');
        const error = expectError(response, 500, 'internal');
        expect(error.message).toBe('Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen.');
        const requestId = response.headers.get('x-request-id');
        expect(error.details).toEqual({ requestId });
        expect(response.text).not.toMatch(/CONNECTION|127\.0\.0\.1|5432|postgres/i);

        const logged = lines.map(
          (line) => JSON.parse(line) as { msg: string; requestId?: string; err?: unknown },
        );
        const entry = logged.find((l) => l.msg === 'unhandled error');
        expect(entry).toMatchObject({
          requestId,
          err: expect.objectContaining({ stack: expect.any(String) }),
        });
        // A broken database also shows in the health check.
        expectError(await new ApiClient(server.origin).get('/api/health'), 503, 'internal');
      } finally {
        await server.close();
      }
    });
  });
});
