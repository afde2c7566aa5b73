import type { MeasureDto, PaperDto, TimelineDto } from '@quartierplan/domain';
import { localToday } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiClient } from '../../testing/client.ts';
import { insertNeeds } from '../../testing/evidence-rows.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from '../../testing/fixtures.ts';
import { createMeasure, walk } from '../../testing/measures.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';
import { useTestServer } from '../../testing/server.ts';
import { insertCard, insertParticipant, insertRound, insertWorkshop } from '../../testing/workshop-rows.ts';

describe.each(testDatabases())('measure timeline on $name', (factory) => {
  const ctx = useTestServer(factory);
  let world: PaperWorld;
  let measure: MeasureDto;
  let released: PaperDto;
  let draft: PaperDto;
  let workshopId: string;
  let youthNeed: string;
  let playNeed: string | undefined;

  beforeAll(async () => {
    world = await createPaperWorld(ctx);
    const { admin, clerk, altenhagen, haspe } = world;
    const [bodyRow] = await ctx.db.sql<{ bodyId: string }[]>`
      select body_id from sozialraum where id = ${altenhagen.id}`;
    const bodyId = bodyRow!.bodyId;
    const ids = await insertNeeds(ctx.db.sql, altenhagen.documents.needs, [
      { title: 'Treffpunkt für Jugendliche' },
      { title: 'Mehr Bänke' },
    ]);
    youthNeed = ids[0]!;
    const benches = ids[1]!;
    [playNeed] = await insertNeeds(ctx.db.sql, haspe.documents.needs, [{ title: 'Spielplatz sanieren' }]);

    // The need came from a workshop card, and the workshop voted on it.
    workshopId = await insertWorkshop(ctx.db.sql, {
      bodyId,
      sozialraumId: altenhagen.id,
      title: 'Quartierswerkstatt Altenhagen',
      date: '2024-03-05',
      closedDaysAgo: 10,
    });
    const guest = await insertParticipant(ctx.db.sql, workshopId, { displayName: 'Anna' });
    const guest2 = await insertParticipant(ctx.db.sql, workshopId, { displayName: 'Ben' });
    await insertCard(ctx.db.sql, workshopId, { title: 'Jugendtreff', status: 'accepted', needId: youthNeed });
    await insertRound(ctx.db.sql, workshopId, {
      number: 1,
      dotsPerPerson: 3,
      closed: true,
      ballot: [
        { needId: benches, title: 'Mehr Bänke' },
        { needId: youthNeed, title: 'Treffpunkt für Jugendliche' },
      ],
      votes: [
        { participantId: guest, needId: youthNeed, count: 3 },
        { participantId: guest2, needId: youthNeed, count: 2 },
        { participantId: guest2, needId: benches, count: 1 },
      ],
    });

    measure = await createMeasure(admin, {
      title: 'Jugendtreff und Spielplatz',
      sozialraumIds: [altenhagen.id, haspe.id],
      needIds: [youthNeed, playNeed],
    });
    await walk(admin, measure.id, ['recommended', { to: 'planned', comment: 'Im Aktionsplan 2024' }]);

    released = await createPaper(clerk, completePaper(world, [measure.id]));
    released = await releasePaper(clerk, released.id);
    const preliminary = released.consultations[0]!;
    const result = await clerk.post(`/api/papers/${released.id}/consultations/${preliminary.id}/result`, {
      result: 'recommended',
      date: '2024-02-01',
    });
    expect(result.status).toBe(200);
    await ctx.db.sql`
      update paper_consultation set minutes = 'Der Ausschuss empfiehlt einstimmig.' where id = ${preliminary.id}`;
    draft = await createPaper(clerk, {
      ...completePaper(world, [measure.id]),
      subject: 'Entwurf zur Fortschreibung',
    });

    const posted = await Promise.all([
      admin.post(`/api/measures/${measure.id}/milestones`, {
        title: 'Räume gemietet',
        plannedDate: '2024-04-30',
        responsible: 'Amt 55',
      }),
      admin.post(`/api/measures/${measure.id}/reports`, {
        date: '2024-05-15',
        text: 'Mietvertrag in Verhandlung.',
        progress: 20,
      }),
      admin.post(`/api/measures/${measure.id}/evaluation`, {
        name: 'Besuche pro Woche',
        unit: 'Personen',
        baseline: 0,
        target: 50,
        actual: 35,
        actualDate: '2024-09-30',
      }),
    ]);
    expect(posted.map((r) => r.status)).toEqual([201, 201, 201]);
  });

  const timeline = (client: ApiClient) => client.get<TimelineDto>(`/api/measures/${measure.id}/timeline`);

  it('composes the chain from the need to the evaluation, oldest first, for an admin', async () => {
    const response = await timeline(world.admin);
    expect(response.status).toBe(200);
    const { entries, measureId } = response.body;
    expect(measureId).toBe(measure.id);
    expect([...entries.map((e) => e.at)]).toEqual(entries.map((e) => e.at).toSorted());
    const titles = entries.map((e) => e.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Bedarf: Treffpunkt für Jugendliche',
        'Bedarf: Spielplatz sanieren',
        'Abstimmung: Platz 1 von 2 mit 5 Punkten',
        'Maßnahme angelegt',
        `Vorlage ${released.reference} angelegt`,
        `Vorlage ${released.reference} freigegeben`,
        `Vorlage ${draft.reference} angelegt`,
        'Jugendhilfeausschuss: empfohlen',
        'Rat der Stadt: Entscheidung vorgesehen',
        'Meilenstein: Räume gemietet (geplant)',
        'Fortschrittsbericht: 20 %',
        'Kennzahl Besuche pro Woche: 35 Personen',
      ]),
    );
    const youth = entries.find((e) => e.title === 'Bedarf: Treffpunkt für Jugendliche')!;
    expect(youth).toMatchObject({
      kind: 'need',
      detail: 'Aus der Werkstatt „Quartierswerkstatt Altenhagen“ vom 05.03.2024',
      link: { kind: 'need', id: youthNeed, sozialraumId: world.altenhagen.id },
      late: false,
    });
    expect(entries.find((e) => e.kind === 'workshop_vote')).toMatchObject({
      detail: 'Werkstatt „Quartierswerkstatt Altenhagen“, Runde 1, Bedarf „Treffpunkt für Jugendliche“',
      link: { kind: 'workshop', id: workshopId, sozialraumId: world.altenhagen.id },
    });
    const planned = entries.find(
      (e) => e.kind === 'measure_event' && e.detail.includes('Im Aktionsplan 2024'),
    );
    expect(planned?.title).toMatch(/^Status: .+ → .+$/);
    expect(entries.find((e) => e.title === 'Jugendhilfeausschuss: empfohlen')).toMatchObject({
      kind: 'consultation',
      at: '2024-02-01',
      detail: `Vorlage ${released.reference} · Vorberatung · Der Ausschuss empfiehlt einstimmig.`,
      link: { kind: 'paper', id: released.id, sozialraumId: null },
    });
    const milestone = entries.find((e) => e.kind === 'milestone')!;
    expect(milestone).toMatchObject({ at: '2024-04-30', late: localToday() > '2024-04-30' });
    expect(milestone.detail).toContain('geplant 30.04.2024');
    expect(entries.find((e) => e.kind === 'report')).toMatchObject({
      at: '2024-05-15',
      detail: 'Mietvertrag in Verhandlung.',
    });
    expect(entries.find((e) => e.kind === 'evaluation')).toMatchObject({
      at: '2024-09-30',
      detail: 'Ausgangswert 0 Personen · Zielwert 50 Personen',
    });
  });

  it('shows a member only the needs of Sozialräume they see, and no drafts', async () => {
    const viewer = (await timeline(world.viewer)).body.entries;
    expect(viewer.some((e) => e.title === 'Bedarf: Treffpunkt für Jugendliche')).toBe(true);
    expect(viewer.some((e) => e.kind === 'workshop_vote')).toBe(true);
    expect(viewer.some((e) => e.title === 'Bedarf: Spielplatz sanieren')).toBe(false);
    expect(viewer.some((e) => e.title.includes(draft.reference))).toBe(false);
    expect(viewer.some((e) => e.title.includes(released.reference))).toBe(true);

    const haspe = (await timeline(world.haspeMember)).body.entries;
    expect(haspe.some((e) => e.title === 'Bedarf: Spielplatz sanieren')).toBe(true);
    expect(haspe.some((e) => e.title === 'Bedarf: Treffpunkt für Jugendliche')).toBe(false);
    expect(haspe.some((e) => e.kind === 'workshop_vote')).toBe(false);

    // The clerk composes papers: the draft is theirs to see.
    const clerk = (await timeline(world.clerk)).body.entries;
    expect(clerk.some((e) => e.title === `Vorlage ${draft.reference} angelegt`)).toBe(true);
  });

  it('refuses who may not see the measure: 403 for a member elsewhere, 404 for another body or a bad id', async () => {
    const elsewhere = await createSozialraum(world.admin, { name: 'Anderswo' });
    const stranger = await loginAs(
      ctx.server,
      (
        await createUser(world.admin, {
          role: 'member',
          memberships: [{ sozialraumId: elsewhere.id, access: 'edit' }],
        })
      ).email,
    );
    expectError(await timeline(stranger), 403, 'forbidden');
    const otherBody = await loginAs(ctx.server, (await createTestBody(ctx.db.sql)).adminEmail);
    expectError(await timeline(otherBody), 404, 'not_found');
    expectError(await world.admin.get('/api/measures/kein-uuid/timeline'), 404, 'not_found');
  });
});
