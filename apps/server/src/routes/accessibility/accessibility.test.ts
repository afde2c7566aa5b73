import { testDatabases } from '@quartierplan/db/testing';
import {
  ACCESSIBILITY_STATEMENT_MAX,
  DEFAULT_ACCESSIBILITY_STATEMENT,
  FEEDBACK_MESSAGE_MAX,
  type AccessibilityFeedbackDto,
  type AccessibilityStatementDto,
} from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createTestBody, createUser, loginAs, type TestBody } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { FEEDBACK_BODY_LIMIT_BYTES } from './index.ts';

describe.each(testDatabases())('accessibility statement and feedback on $name', (factory) => {
  const ctx = useTestServer(factory);
  let oldest: TestBody;
  let admin: ApiClient;
  let otherAdmin: ApiClient;
  let member: ApiClient;
  const visitor = () => new ApiClient(ctx.server.origin);

  beforeAll(async () => {
    oldest = await createTestBody(ctx.db.sql);
    admin = await loginAs(ctx.server, oldest.adminEmail);
    member = await loginAs(ctx.server, (await createUser(admin, { role: 'member' })).email);
    const younger = await createTestBody(ctx.db.sql);
    otherAdmin = await loginAs(ctx.server, younger.adminEmail);
  });

  describe('the statement', () => {
    it('is the template for everyone, without login, until an admin saves one', async () => {
      const response = await visitor().get<AccessibilityStatementDto>('/api/accessibility');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ statement: DEFAULT_ACCESSIBILITY_STATEMENT, updatedAt: null });
      for (const section of [
        'Stand der Vereinbarkeit',
        'Nicht barrierefreie Inhalte',
        'Erstellung dieser Erklärung',
        'Feedback und Kontaktangaben',
        'Durchsetzungsverfahren',
      ]) {
        expect(response.body.statement).toContain(section);
      }
    });

    it('is edited by an admin of the oldest body only, authorised before the input is read', async () => {
      const input = { statement: 'neu' };
      expectError(await visitor().put('/api/accessibility', input), 401, 'unauthenticated');
      expectError(await member.put('/api/accessibility', input), 403, 'forbidden');
      expectError(await member.put('/api/accessibility', { statement: 42 }), 403, 'forbidden');
      const other = expectError(await otherAdmin.put('/api/accessibility', input), 403, 'forbidden');
      expect(other.message).toMatch(/ganze Installation/);
      expect(
        (await visitor().get<AccessibilityStatementDto>('/api/accessibility')).body.updatedAt,
      ).toBeNull();
    });

    it('refuses empty, oversized and malformed statements', async () => {
      expectError(await admin.put('/api/accessibility', { statement: '   ' }), 400, 'validation_failed');
      expectError(
        await admin.put('/api/accessibility', { statement: 'x'.repeat(ACCESSIBILITY_STATEMENT_MAX + 1) }),
        400,
        'validation_failed',
      );
      expectError(await admin.put('/api/accessibility', {}), 400, 'validation_failed');
      expectError(
        await admin.request('PUT', '/api/accessibility', {
          body: '{"statement":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'malformed_json',
      );
      expectError(
        await admin.request('PUT', '/api/accessibility', {
          body: 'statement=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      );
    });

    it('is saved and read back by everyone', async () => {
      const text = '## Stand der Vereinbarkeit\nTeilweise vereinbar. <b>kein HTML</b>';
      const saved = await admin.put<AccessibilityStatementDto>('/api/accessibility', {
        statement: ` ${text} `,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.statement).toBe(text);
      expect(Date.parse(saved.body.updatedAt!)).not.toBeNaN();
      expect((await visitor().get('/api/accessibility')).body).toEqual(saved.body);
    });
  });

  describe('feedback', () => {
    it('is sent without login and read by the admin, newest first', async () => {
      const first = await visitor().post<{ id: string }>('/api/accessibility/feedback', {
        message: 'Der Kontrast der Knöpfe ist zu schwach.',
        name: 'Erika Muster',
        email: 'Erika@Example.de',
        page: '/massnahmen',
      });
      expect(first.status).toBe(201);
      const second = await visitor().post<{ id: string }>('/api/accessibility/feedback', {
        message: 'Nur eine Nachricht.',
        name: '',
        email: '',
      });
      expect(second.status).toBe(201);
      const list = await admin.get<AccessibilityFeedbackDto[]>('/api/accessibility/feedback');
      expect(list.status).toBe(200);
      expect(list.body.slice(0, 2)).toEqual([
        {
          id: second.body.id,
          createdAt: expect.any(String),
          message: 'Nur eine Nachricht.',
          name: null,
          email: null,
          page: null,
        },
        {
          id: first.body.id,
          createdAt: expect.any(String),
          message: 'Der Kontrast der Knöpfe ist zu schwach.',
          name: 'Erika Muster',
          email: 'erika@example.de',
          page: '/massnahmen',
        },
      ]);
    });

    it('refuses bad input with German messages next to the field', async () => {
      for (const [input, field] of [
        [{ message: '  ' }, 'message'],
        [{}, 'message'],
        [{ message: 'x'.repeat(FEEDBACK_MESSAGE_MAX + 1) }, 'message'],
        [{ message: 'Hallo', email: 'keine-adresse' }, 'email'],
        [{ message: 'Hallo', name: 'n'.repeat(201) }, 'name'],
        [{ message: 'Hallo', page: 42 }, 'page'],
      ] as const) {
        const error = expectError(
          await visitor().post('/api/accessibility/feedback', input),
          400,
          'validation_failed',
        );
        expect((error.details as { issues: { path: string }[] }).issues[0]!.path).toBe(field);
      }
      expectError(
        await visitor().request('POST', '/api/accessibility/feedback', {
          body: '{"message":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'malformed_json',
      );
    });

    it('refuses an oversized body with 413', async () => {
      const error = expectError(
        await visitor().post('/api/accessibility/feedback', {
          message: 'x'.repeat(FEEDBACK_BODY_LIMIT_BYTES + 10),
        }),
        413,
        'payload_too_large',
      );
      expect(error.details).toEqual({ maxBytes: FEEDBACK_BODY_LIMIT_BYTES });
    });

    it('refuses a post from another site', async () => {
      expectError(
        await visitor().post(
          '/api/accessibility/feedback',
          { message: 'Hallo' },
          { headers: { origin: 'https://evil.example' } },
        ),
        403,
        'cross_origin_request',
      );
    });

    it('is throttled per address: five messages an hour, then 429 with Retry-After', async () => {
      const sender = visitor();
      for (let i = 0; i < 5; i += 1) {
        expect((await sender.post('/api/accessibility/feedback', { message: `Meldung ${i}` })).status).toBe(
          201,
        );
      }
      const refused = await sender.post('/api/accessibility/feedback', { message: 'noch eine' });
      expectError(refused, 429, 'too_many_requests');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
      // Another address is not affected.
      expect(
        (await visitor().post('/api/accessibility/feedback', { message: 'andere Adresse' })).status,
      ).toBe(201);
    });

    it('is listed and deleted by an admin of the oldest body only', async () => {
      expectError(await visitor().get('/api/accessibility/feedback'), 401, 'unauthenticated');
      expectError(await member.get('/api/accessibility/feedback'), 403, 'forbidden');
      expectError(await otherAdmin.get('/api/accessibility/feedback'), 403, 'forbidden');
      const { id } = (
        await visitor().post<{ id: string }>('/api/accessibility/feedback', { message: 'Weg damit' })
      ).body;
      expectError(await member.delete(`/api/accessibility/feedback/${id}`), 403, 'forbidden');
      expectError(await otherAdmin.delete(`/api/accessibility/feedback/${id}`), 403, 'forbidden');
      expectError(await admin.delete('/api/accessibility/feedback/kein-uuid'), 404, 'not_found');
      expect((await admin.delete(`/api/accessibility/feedback/${id}`)).status).toBe(204);
      expectError(await admin.delete(`/api/accessibility/feedback/${id}`), 404, 'not_found');
      const list = await admin.get<AccessibilityFeedbackDto[]>('/api/accessibility/feedback');
      expect(list.body.some((f) => f.id === id)).toBe(false);
    });

    it('is deleted after the retention period', async () => {
      const [old] = await ctx.db.sql<{ id: string }[]>`
        insert into accessibility_feedback (message, name, email, created_at)
        values ('alt', 'Alte Person', 'alt@example.de', now() - interval '400 days') returning id`;
      const list = await admin.get<AccessibilityFeedbackDto[]>('/api/accessibility/feedback');
      expect(list.body.some((f) => f.id === old!.id)).toBe(false);
      const [left] = await ctx.db.sql<{ count: number }[]>`
        select count(*)::int as count from accessibility_feedback where id = ${old!.id}`;
      expect(left!.count).toBe(0);
    });
  });
});
