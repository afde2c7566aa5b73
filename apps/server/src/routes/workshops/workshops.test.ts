import { readNeeds } from '@quartierplan/collab';
import { testDatabases } from '@quartierplan/db/testing';
import {
  JOIN_CODE_ALPHABET,
  type AcceptCardDto,
  type WorkshopCardDto,
  type WorkshopDto,
  type WorkshopInvitationDto,
  type WorkshopParticipantDto,
  type WorkshopStateDto,
} from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { ApiClient } from '../../testing/client.ts';
import { createSozialraum, createUser, loginAs } from '../../testing/fixtures.ts';
import { useTestServer } from '../../testing/server.ts';
import { connectSyncClient, eventually } from '../../testing/sync-clients.ts';
import {
  addCard,
  createWorkshop,
  createWorkshopScene,
  joinAsGuest,
  type WorkshopScene,
} from '../../testing/workshops.ts';

describe.each(testDatabases())('workshops API on $name', (factory) => {
  const ctx = useTestServer(factory, { env: { PUBLIC_ORIGIN: 'http://quartier.test' } });
  let scene: WorkshopScene;

  beforeAll(async () => {
    scene = await createWorkshopScene(ctx.server);
  });

  it('lets a facilitator create a workshop with a join code, URL and privacy notice', async () => {
    await scene.admin.put('/api/body/privacy', {
      contact: 'Datenschutz, Rathausplatz 1, datenschutz@stadt.de',
    });
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id, { endTime: '18:30' });
    expect(workshop.code).toHaveLength(8);
    for (const char of workshop.code) expect(JOIN_CODE_ALPHABET).toContain(char);
    expect(workshop.joinUrl).toBe(
      `http://quartier.test/w/${workshop.code.slice(0, 4)}-${workshop.code.slice(4)}`,
    );
    expect(workshop).toMatchObject({
      status: 'open',
      joinLocked: false,
      endTime: '18:30',
      participantCount: 0,
      permissions: { facilitate: true },
      privacy: { contact: 'Datenschutz, Rathausplatz 1, datenschutz@stadt.de', retentionDays: 30 },
    });
    const list = await scene.member.get<WorkshopDto[]>(`/api/sozialraeume/${scene.sozialraum.id}/workshops`);
    expect(list.status).toBe(200);
    expect(list.body.map((w) => w.id)).toContain(workshop.id);
    expect(list.body.find((w) => w.id === workshop.id)?.permissions.facilitate).toBe(false);
  });

  it('refuses creating to viewers (403), unknown Sozialräume (404) and bad input (400)', async () => {
    const path = `/api/sozialraeume/${scene.sozialraum.id}/workshops`;
    expectError(await scene.member.post(path, { title: 'X', date: '2026-12-03' }), 403, 'forbidden');
    expectError(
      await scene.facilitator.post(`/api/sozialraeume/${crypto.randomUUID()}/workshops`, {
        title: 'X',
        date: '2026-12-03',
      }),
      404,
      'not_found',
    );
    for (const body of [
      { title: '', date: '2026-12-03' },
      { title: 'x'.repeat(201), date: '2026-12-03' },
      { title: 'X', date: '3.12.2026' },
      { title: 'X', date: '2026-12-03', endTime: '25:00' },
      { title: 42, date: '2026-12-03' },
    ]) {
      expectError(await scene.facilitator.post(path, body), 400, 'validation_failed');
    }
    const malformed = await scene.facilitator.request('POST', path, {
      body: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expectError(malformed, 400, 'malformed_json');
    expectError(
      await new ApiClient(ctx.server.origin).post(path, { title: 'X', date: '2026-12-03' }),
      401,
      'unauthenticated',
    );
  });

  it('joins guests by code in any spelling; wrong, locked and closed codes are refused', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const anyone = new ApiClient(ctx.server.origin);
    const invitation = await anyone.get<WorkshopInvitationDto>(
      `/api/workshop-invitations/${workshop.code.toLowerCase()}`,
    );
    expect(invitation.status).toBe(200);
    expect(invitation.body).toMatchObject({ workshopId: workshop.id, joinable: true, title: workshop.title });

    const { guest, session } = await joinAsGuest(ctx.server, workshop.code, 'Mia');
    expect(session).toEqual({
      workshopId: workshop.id,
      self: { participantId: expect.any(String), kind: 'guest', displayName: 'Mia', facilitator: false },
    });
    expect(guest.cookie('qp_workshop')).toMatch(/^[a-z2-7]{32}$/);
    const state = await guest.get<WorkshopStateDto>(`/api/workshops/${workshop.id}/state`);
    expect(state.status).toBe(200);
    expect(state.body.self).toMatchObject({ kind: 'guest', displayName: 'Mia' });
    expect(state.body.workshop.permissions.facilitate).toBe(false);

    expectError(await anyone.get('/api/workshop-invitations/ACDE-FG30'), 404, 'not_found');
    expectError(await anyone.post('/api/workshop-sessions', { code: 'ACDEFG34' }), 404, 'not_found');
    expectError(
      await anyone.post('/api/workshop-sessions', { code: 'x'.repeat(41) }),
      400,
      'validation_failed',
    );
    expectError(await anyone.post('/api/workshop-sessions', { code: 7 }), 400, 'validation_failed');

    const locked = await scene.facilitator.patch<WorkshopDto>(`/api/workshops/${workshop.id}`, {
      joinLocked: true,
    });
    expect(locked.body.joinLocked).toBe(true);
    const lockedInvitation = await anyone.get<WorkshopInvitationDto>(
      `/api/workshop-invitations/${workshop.code}`,
    );
    expect(lockedInvitation.body.joinable).toBe(false);
    expect(
      expectError(await anyone.post('/api/workshop-sessions', { code: workshop.code }), 409, 'conflict')
        .message,
    ).toBe('Die Anmeldung ist geschlossen.');

    await scene.facilitator.post(`/api/workshops/${workshop.id}/close`);
    expectError(await anyone.get(`/api/workshop-invitations/${workshop.code}`), 404, 'not_found');
    expectError(await anyone.post('/api/workshop-sessions', { code: workshop.code }), 404, 'not_found');
    // A closed workshop takes no more cards, but its guests still read it.
    expectError(await guest.post(`/api/workshops/${workshop.id}/cards`, { title: 'Spät' }), 409, 'conflict');
    expect((await guest.get(`/api/workshops/${workshop.id}/state`)).status).toBe(200);
  });

  it('throttles wrong codes per address: after 10 a minute, 429 even for a right code', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const address = '203.0.113.77';
    const client = () => new ApiClient(ctx.server.origin, { address });
    // A whole room joins through one Wi-Fi: right codes do not count.
    for (let i = 0; i < 15; i++) {
      expect((await client().post('/api/workshop-sessions', { code: workshop.code })).status).toBe(201);
    }
    for (let i = 0; i < 10; i++) {
      const wrong =
        i % 2
          ? client().get('/api/workshop-invitations/ACDEFG34')
          : client().post('/api/workshop-sessions', { code: 'ACDEFG36' });
      expect((await wrong).status).toBe(404);
    }
    const refused = await client().post('/api/workshop-sessions', { code: workshop.code });
    expect(expectError(refused, 429, 'too_many_requests').details).toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    expectError(await client().get(`/api/workshop-invitations/${workshop.code}`), 429, 'too_many_requests');
    // Another address is not affected.
    expect(
      (await new ApiClient(ctx.server.origin).get(`/api/workshop-invitations/${workshop.code}`)).status,
    ).toBe(200);
  });

  it('keeps a guest session to its own workshop: 401 on another workshop and on every other route', async () => {
    const mine = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const other = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, mine.code);
    expectError(await guest.get(`/api/workshops/${other.id}/state`), 401, 'unauthenticated');
    expectError(await guest.get(`/api/workshops/${other.id}`), 401, 'unauthenticated');
    // Facilitator routes of its own workshop need an account.
    expectError(await guest.get(`/api/workshops/${mine.id}/participants`), 401, 'unauthenticated');
    expectError(
      await guest.patch(`/api/workshops/${mine.id}`, { title: 'Gekapert' }),
      401,
      'unauthenticated',
    );
    expectError(await guest.get('/api/me'), 401, 'unauthenticated');
    expectError(await guest.get(`/api/sozialraeume/${scene.sozialraum.id}/needs`), 401, 'unauthenticated');
    expectError(await guest.get('/api/body/privacy'), 401, 'unauthenticated');
    // A forged cookie is no session either.
    const forged = new ApiClient(ctx.server.origin);
    forged.setCookie('qp_workshop', 'a'.repeat(32));
    expectError(await forged.get(`/api/workshops/${mine.id}/state`), 401, 'unauthenticated');
  });

  it('collects cards live: authors are hidden from participants, shown to the facilitator', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code, 'Jonas');
    const card = await addCard(guest, workshop.id, 'Mehr Bänke im Park');
    expect(card).toMatchObject({ title: 'Mehr Bänke im Park', status: 'new', mine: true, authorName: null });
    const memberCard = await addCard(scene.member, workshop.id, 'Jugendtreff länger offen');
    expect(memberCard.mine).toBe(true);

    const asFacilitator = await scene.facilitator.get<WorkshopCardDto[]>(
      `/api/workshops/${workshop.id}/cards`,
    );
    expect(asFacilitator.body.map((c) => [c.title, c.authorName, c.mine])).toEqual([
      ['Mehr Bänke im Park', 'Jonas', false],
      ['Jugendtreff länger offen', expect.stringContaining('Test'), false],
    ]);
    const asGuest = await guest.get<WorkshopCardDto[]>(`/api/workshops/${workshop.id}/cards`);
    expect(asGuest.body.map((c) => [c.authorName, c.mine])).toEqual([
      [null, true],
      [null, false],
    ]);

    for (const body of [
      { title: '' },
      { title: 'x'.repeat(201) },
      { title: 'ok', description: 'x'.repeat(2001) },
      {},
    ]) {
      expectError(await guest.post(`/api/workshops/${workshop.id}/cards`, body), 400, 'validation_failed');
    }
    expectError(
      await guest.post(`/api/workshops/${crypto.randomUUID()}/cards`, { title: 'x' }),
      401,
      'unauthenticated',
    );
    expectError(
      await scene.member.post(`/api/workshops/${crypto.randomUUID()}/cards`, { title: 'x' }),
      404,
      'not_found',
    );
    expectError(await scene.member.post(`/api/workshops/not-a-uuid/cards`, { title: 'x' }), 404, 'not_found');

    // Only its author deletes a new card (and the facilitator any).
    expectError(await guest.delete(`/api/workshops/${workshop.id}/cards/${memberCard.id}`), 403, 'forbidden');
    expect((await guest.delete(`/api/workshops/${workshop.id}/cards/${card.id}`)).status).toBe(204);
    expectError(await guest.delete(`/api/workshops/${workshop.id}/cards/${card.id}`), 404, 'not_found');
  });

  it('limits card submissions to 10 a minute per participant (429), also when sent at once', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const results = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        guest.post(`/api/workshops/${workshop.id}/cards`, { title: `Karte ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    for (const refused of results.filter((r) => r.status !== 201))
      expectError(refused, 429, 'too_many_requests');
    // Another person is not slowed down.
    const { guest: other } = await joinAsGuest(ctx.server, workshop.code);
    await addCard(other, workshop.id, 'Noch eine');
  });

  it('edits, clusters, sets aside, merges and accepts cards into the needs list (idempotent)', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id, {
      title: 'Stadtteilkonferenz',
    });
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const a = await addCard(guest, workshop.id, 'Spielplatz sanieren');
    const b = await addCard(guest, workshop.id, 'Spielplatz erneuern');
    const c = await addCard(guest, workshop.id, 'Beratung für Familien');
    const base = `/api/workshops/${workshop.id}`;

    const cluster = await scene.facilitator.post<{ id: string }>(`${base}/clusters`, {
      label: 'Freiraum',
      colour: 'green',
    });
    expect(cluster.status).toBe(201);
    expectError(
      await scene.facilitator.post(`${base}/clusters`, { label: 'X', colour: 'pink' }),
      400,
      'validation_failed',
    );
    expectError(
      await guest.post(`${base}/clusters`, { label: 'X', colour: 'green' }),
      401,
      'unauthenticated',
    );
    expectError(
      await scene.member.post(`${base}/clusters`, { label: 'X', colour: 'green' }),
      403,
      'forbidden',
    );

    const edited = await scene.facilitator.patch<WorkshopCardDto>(`${base}/cards/${a.id}`, {
      title: 'Spielplatz am Markt sanieren',
      clusterId: cluster.body.id,
    });
    expect(edited.body).toMatchObject({ title: 'Spielplatz am Markt sanieren', clusterId: cluster.body.id });
    expectError(
      await scene.facilitator.patch(`${base}/cards/${a.id}`, { clusterId: crypto.randomUUID() }),
      422,
      'validation_failed',
    );
    expectError(
      await scene.facilitator.patch(`${base}/cards/${a.id}`, { status: 'accepted' }),
      400,
      'validation_failed',
    );
    const aside = await scene.facilitator.patch<WorkshopCardDto>(`${base}/cards/${c.id}`, {
      status: 'set_aside',
    });
    expect(aside.body.status).toBe('set_aside');

    const merged = await scene.facilitator.post<WorkshopCardDto>(`${base}/cards/${b.id}/merge`, {
      intoCardId: a.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(a.id);
    const cards = await scene.facilitator.get<WorkshopCardDto[]>(`${base}/cards`);
    expect(cards.body.find((card) => card.id === b.id)).toMatchObject({
      status: 'merged',
      mergedIntoId: a.id,
    });
    expectError(
      await scene.facilitator.post(`${base}/cards/${a.id}/merge`, { intoCardId: a.id }),
      422,
      'validation_failed',
    );
    expectError(
      await scene.facilitator.post(`${base}/cards/${a.id}/merge`, { intoCardId: b.id }),
      409,
      'conflict',
    );
    expectError(
      await scene.facilitator.post(`${base}/cards/${a.id}/merge`, { intoCardId: 'x' }),
      400,
      'validation_failed',
    );
    expectError(await scene.facilitator.post(`${base}/cards/${b.id}/accept`), 409, 'conflict');

    // A live client of the needs list sees the accepted card arrive.
    const sync = connectSyncClient(ctx.server, scene.facilitator, scene.sozialraum.documents.needs);
    await sync.synced;
    try {
      const accepted = await scene.facilitator.post<AcceptCardDto>(`${base}/cards/${a.id}/accept`);
      expect(accepted.status).toBe(200);
      expect(accepted.body.card).toMatchObject({ status: 'accepted', needId: accepted.body.needId });
      const again = await scene.facilitator.post<AcceptCardDto>(`${base}/cards/${a.id}/accept`);
      expect(again.body.needId).toBe(accepted.body.needId);
      await eventually(() => {
        const needs = readNeeds(sync.doc).filter((n) => n.workshopCardId === a.id);
        expect(needs).toHaveLength(1);
        expect(needs[0]).toMatchObject({
          id: accepted.body.needId,
          title: 'Spielplatz am Markt sanieren',
          source: 'workshop',
          workshopId: workshop.id,
        });
      });
      // The set-aside card can still be accepted, after the first in list order.
      const second = await scene.facilitator.post<AcceptCardDto>(`${base}/cards/${c.id}/accept`);
      await eventually(() => {
        const ids = readNeeds(sync.doc).map((n) => n.id);
        expect(ids.indexOf(second.body.needId)).toBeGreaterThan(ids.indexOf(accepted.body.needId));
      });
      const projected = await scene.facilitator.get<{ id: string; source: string }[]>(
        `/api/sozialraeume/${scene.sozialraum.id}/needs`,
      );
      await eventually(async () => {
        const rows = (
          await scene.facilitator.get<{ id: string; source: string }[]>(
            `/api/sozialraeume/${scene.sozialraum.id}/needs`,
          )
        ).body;
        expect(rows.find((n) => n.id === accepted.body.needId)?.source).toBe('workshop');
      });
      expect(projected.status).toBe(200);
    } finally {
      sync.destroy();
    }
    expectError(
      await scene.facilitator.post(`${base}/cards/${crypto.randomUUID()}/accept`),
      404,
      'not_found',
    );
    expectError(await scene.member.post(`${base}/cards/${c.id}/accept`), 403, 'forbidden');
  });

  it('removes a participant with their cards; their session ends', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest, session } = await joinAsGuest(ctx.server, workshop.code, 'Störer');
    await addCard(guest, workshop.id, 'Spam');
    const { guest: stays } = await joinAsGuest(ctx.server, workshop.code, 'Bleibt');
    await addCard(stays, workshop.id, 'Gute Idee');
    const base = `/api/workshops/${workshop.id}`;
    const people = await scene.facilitator.get<WorkshopParticipantDto[]>(`${base}/participants`);
    expect(people.body.map((p) => [p.displayName, p.kind, p.cardCount])).toEqual([
      ['Störer', 'guest', 1],
      ['Bleibt', 'guest', 1],
    ]);
    expectError(await scene.member.get(`${base}/participants`), 403, 'forbidden');
    expectError(
      await scene.facilitator.delete(`${base}/participants/${crypto.randomUUID()}`),
      404,
      'not_found',
    );
    expect(
      (await scene.facilitator.delete(`${base}/participants/${session.self.participantId}`)).status,
    ).toBe(204);
    const cards = await scene.facilitator.get<WorkshopCardDto[]>(`${base}/cards`);
    expect(cards.body.map((c) => c.title)).toEqual(['Gute Idee']);
    expectError(await guest.get(`${base}/state`), 401, 'unauthenticated');
  });

  it('lets a guest leave (cookie cleared, session over) and answers 404 for another body', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    expect((await guest.delete('/api/workshop-sessions/current')).status).toBe(204);
    expect(guest.cookie('qp_workshop')).toBeUndefined();
    expectError(await scene.member.delete('/api/workshop-sessions/current'), 401, 'unauthenticated');

    const { createTestBody } = await import('../../testing/fixtures.ts');
    const otherAdmin = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    expectError(await otherAdmin.get(`/api/workshops/${workshop.id}`), 404, 'not_found');
    expectError(await otherAdmin.post(`/api/workshops/${workshop.id}/close`), 404, 'not_found');
    const otherSozialraum = await createSozialraum(scene.admin);
    const outsider = await loginAs(
      ctx.server,
      (
        await createUser(scene.admin, {
          role: 'member',
          memberships: [{ sozialraumId: otherSozialraum.id, access: 'edit' }],
        })
      ).email,
    );
    expectError(await outsider.get(`/api/workshops/${workshop.id}`), 403, 'forbidden');
  });

  it('serves the QR code of the join URL as SVG made locally', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    const response = await guest.get(`/api/workshops/${workshop.id}/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(response.text).toContain('<path');
  });

  it('keeps the privacy contact: members read it, only admins set it', async () => {
    const set = await scene.admin.put<{ contact: string }>('/api/body/privacy', {
      contact: '  Frau Datenschutz  ',
    });
    expect(set.body).toEqual({ contact: 'Frau Datenschutz' });
    expect((await scene.member.get('/api/body/privacy')).body).toEqual({ contact: 'Frau Datenschutz' });
    expectError(await scene.member.put('/api/body/privacy', { contact: 'Ich' }), 403, 'forbidden');
    expectError(
      await scene.admin.put('/api/body/privacy', { contact: 'x'.repeat(1001) }),
      400,
      'validation_failed',
    );
    expectError(await scene.admin.put('/api/body/privacy', {}), 400, 'validation_failed');
  });

  it('deletes a workshop: its guests lose their session, accepted needs stay', async () => {
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const { guest } = await joinAsGuest(ctx.server, workshop.code);
    expectError(await scene.member.delete(`/api/workshops/${workshop.id}`), 403, 'forbidden');
    expect((await scene.facilitator.delete(`/api/workshops/${workshop.id}`)).status).toBe(204);
    expectError(await guest.get(`/api/workshops/${workshop.id}/state`), 401, 'unauthenticated');
    expectError(await scene.facilitator.get(`/api/workshops/${workshop.id}`), 404, 'not_found');
  });
});

describe.each(testDatabases())('workshop guest cookie over https on $name', (factory) => {
  const ctx = useTestServer(factory, { env: { PUBLIC_ORIGIN: 'https://quartier.example' } });

  it('is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/, and ends with the session', async () => {
    const scene = await createWorkshopScene(ctx.server);
    const workshop = await createWorkshop(scene.facilitator, scene.sozialraum.id);
    const guest = new ApiClient(ctx.server.origin);
    const joined = await guest.post('/api/workshop-sessions', { code: workshop.code });
    expect(joined.status).toBe(201);
    const cookie = joined.headers.getSetCookie().find((line) => line.startsWith('__Host-qp_workshop='));
    expect(cookie).toBeDefined();
    const attributes = cookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=lax']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    const expires = Date.parse(attributes.find((a) => a.startsWith('expires='))!.slice(8));
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await guest.get(`/api/workshops/${workshop.id}/state`)).status).toBe(200);
    // The plain name is not read when the product runs over https.
    const plain = new ApiClient(ctx.server.origin);
    plain.setCookie('qp_workshop', guest.cookie('__Host-qp_workshop')!);
    expectError(await plain.get(`/api/workshops/${workshop.id}/state`), 401, 'unauthenticated');
  });
});
