import { testDatabases } from '@quartierplan/db/testing';
import { berlinToday, type PaperDto, type PaperSummaryDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

describe.each(testDatabases())('Vorlagen list filters on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  let streetwork: PaperDto;
  let playground: PaperDto;
  let quota: PaperDto;
  const thisYear = Number(berlinToday().slice(0, 4));

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    const measure = await w.plannedMeasure('Straßensozialarbeit');
    streetwork = await releasePaper(
      w.clerk,
      (
        await createPaper(w.clerk, {
          ...completePaper(w, [measure.id]),
          subject: 'Netzwerk Straßensozialarbeit',
        })
      ).id,
    );
    playground = await createPaper(w.clerk, {
      type: 'mitteilungsvorlage',
      subject: 'Spielplatz am Übergang',
      consultations: [{ committeeId: w.council.id, date: '2024-05-02', role: 'information' }],
    });
    quota = await createPaper(w.clerk, { type: 'antrag', subject: 'Quote 100% erreicht' });
    // A paper of an earlier year, as if its number had been given out then.
    await ctx.db.sql`update paper set year = 2019 where id = ${quota.id}`;
  });

  const ids = async (query: string, client = w.clerk) => {
    const response = await client.get<PaperSummaryDto[]>(`/api/papers?${query}`);
    expect(response.status, query).toBe(200);
    return response.body.map((p) => p.id);
  };

  it('finds the text in the subject or the reference, in any case, and takes % and _ literally', async () => {
    expect(await ids('q=%C3%BCBERGANG')).toEqual([playground.id]);
    expect(await ids(`q=${encodeURIComponent(streetwork.reference.slice(0, 6))}`)).toContain(streetwork.id);
    expect(await ids(`q=${encodeURIComponent(streetwork.reference)}`)).toEqual([streetwork.id]);
    expect(await ids('q=%25')).toEqual([quota.id]);
    expect(await ids('q=_')).toEqual([]);
    expect(await ids('q=')).toHaveLength(3);
  });

  it('filters by type, status, committee and year, also combined', async () => {
    expect(await ids('type=antrag')).toEqual([quota.id]);
    expect(await ids('status=released')).toEqual([streetwork.id]);
    expect(await ids('status=draft')).toEqual([quota.id, playground.id]);
    expect(await ids(`committeeId=${w.council.id}`)).toEqual([playground.id, streetwork.id]);
    expect(await ids(`committeeId=${w.jha.id}`)).toEqual([streetwork.id]);
    expect(await ids(`committeeId=${w.council.id}&status=draft`)).toEqual([playground.id]);
    expect(await ids(`year=${thisYear}`)).toEqual([playground.id, streetwork.id]);
    expect(await ids('year=2019')).toEqual([quota.id]);
    expect(await ids('year=2019&type=beschlussvorlage')).toEqual([]);
  });

  it('applies the filters to members too: only released papers they may read', async () => {
    expect(await ids(`committeeId=${w.council.id}`, w.viewer)).toEqual([streetwork.id]);
    expect(await ids('q=spielplatz', w.viewer)).toEqual([]);
  });

  it('pages through a filtered list and keeps the filters in the Link', async () => {
    const first = await w.clerk.get<PaperSummaryDto[]>(`/api/papers?committeeId=${w.council.id}&limit=1`);
    expect(first.body.map((p) => p.id)).toEqual([playground.id]);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain(`committeeId=${w.council.id}`);
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await w.clerk.get<PaperSummaryDto[]>(next);
    expect(second.body.map((p) => p.id)).toEqual([streetwork.id]);
    expect(second.headers.get('link')).toBeNull();
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['type=erfunden', 'type'],
      ['status=archived', 'status'],
      ['committeeId=42', 'committeeId'],
      ['year=zwanzig', 'year'],
      ['year=20245', 'year'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['limit=0', 'limit'],
    ] as const) {
      const error = expectError(await w.clerk.get(`/api/papers?${query}`), 400, 'validation_failed');
      expect((error.details as { issues: { path: string }[] }).issues[0]!.path, query).toBe(field);
    }
  });
});
