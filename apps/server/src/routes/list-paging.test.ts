import { testDatabases } from '@quartierplan/db/testing';
import type { MeasureDto, PaperSummaryDto } from '@quartierplan/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/assertions.ts';
import { ApiClient } from '../testing/client.ts';
import { createMeasure } from '../testing/measures.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../testing/papers.ts';
import { useTestServer } from '../testing/server.ts';

/** The `rel="next"` target of a Link header. */
function nextOf(link: string | null): string | null {
  return /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1] ?? null;
}

/** Every page of a list, following the Link headers as a client does. */
async function allPages<T extends { id: string }>(client: ApiClient, first: string): Promise<T[][]> {
  const pages: T[][] = [];
  let url: string | null = first;
  while (url) {
    const response = await client.get<T[]>(url);
    expect(response.status).toBe(200);
    pages.push(response.body);
    url = nextOf(response.headers.get('link'));
  }
  return pages;
}

describe.each(testDatabases())('paged lists on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  const measures: MeasureDto[] = [];

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    for (let i = 1; i <= 7; i++) {
      measures.push(
        await createMeasure(w.admin, {
          title: `Seitenweise ${i}`,
          sozialraumIds: [i % 2 ? w.altenhagen.id : w.haspe.id],
          fundingSource: i <= 5 ? 'land' : 'eu',
        }),
      );
    }
  });

  it('pages measures last changed first, each exactly once, keeping the filters in the next link', async () => {
    const pages = await allPages<MeasureDto>(w.admin, '/api/measures?q=Seitenweise&limit=3');
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((m) => m.title)).toEqual(measures.map((m) => m.title).reverse());

    const filtered = await w.admin.get<MeasureDto[]>(
      '/api/measures?q=Seitenweise&fundingSource=land&limit=2',
    );
    const next = nextOf(filtered.headers.get('link'));
    expect(next).toMatch(/^\/api\/measures\?q=Seitenweise&fundingSource=land&limit=2&cursor=/);
    const rest = await allPages<MeasureDto>(w.admin, next!);
    expect([...filtered.body, ...rest.flat()].map((m) => m.title)).toEqual([
      'Seitenweise 5',
      'Seitenweise 4',
      'Seitenweise 3',
      'Seitenweise 2',
      'Seitenweise 1',
    ]);
  });

  it('answers the first 50 without a limit, and a last page without a Link header', async () => {
    const response = await w.admin.get<MeasureDto[]>('/api/measures?q=Seitenweise');
    expect(response.body).toHaveLength(7);
    expect(response.headers.get('link')).toBeNull();
  });

  it('neither skips nor repeats when a measure changes while someone pages', async () => {
    const first = await w.admin.get<MeasureDto[]>('/api/measures?q=Seitenweise&limit=3');
    // The oldest one changes: it moves to the top, which the reader already passed.
    const oldest = measures[0]!;
    const changed = await w.admin.patch(
      `/api/measures/${oldest.id}`,
      { description: 'geändert' },
      { headers: { 'if-match': `"${oldest.version}"` } },
    );
    expect(changed.status).toBe(200);
    const rest = await allPages<MeasureDto>(w.admin, nextOf(first.headers.get('link'))!);
    const seen = [...first.body, ...rest.flat()].map((m) => m.title);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([
      'Seitenweise 7',
      'Seitenweise 6',
      'Seitenweise 5',
      'Seitenweise 4',
      'Seitenweise 3',
      'Seitenweise 2',
    ]);
  });

  it('refuses a bad limit or cursor with 400 and the field', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=zwei',
      'cursor=abc',
      'cursor=2026-02-31T00:00:00.000000Z_00000000-0000-4000-8000-000000000000',
    ]) {
      const error = expectError(await w.admin.get(`/api/measures?${query}`), 400, 'validation_failed');
      expect(JSON.stringify(error.details)).toContain(query.split('=')[0]);
      expectError(await w.admin.get(`/api/papers?${query}`), 400, 'validation_failed');
    }
  });

  it('pages papers newest first and fills a member’s pages with only the papers they may read', async () => {
    const measure = await w.plannedMeasure();
    const readable: string[] = [];
    for (let i = 0; i < 4; i++) {
      // Between the member's papers lie drafts and papers without their measures, which they must not see.
      await createPaper(w.clerk, completePaper(w));
      await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w))).id);
      readable.unshift(
        (await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w, [measure.id]))).id)).id,
      );
    }
    const memberPages = await allPages<PaperSummaryDto>(w.viewer, '/api/papers?limit=1');
    expect(memberPages.map((page) => page.length)).toEqual([1, 1, 1, 1]);
    expect(memberPages.flat().map((p) => p.id)).toEqual(readable);

    const clerkPages = await allPages<PaperSummaryDto>(w.clerk, '/api/papers?limit=5');
    expect(clerkPages.map((page) => page.length)).toEqual([5, 5, 2]);
    const created = clerkPages.flat().map((p) => p.reference);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('needs a session for both lists', async () => {
    const anonymous = new ApiClient(ctx.server.origin);
    expectError(await anonymous.get('/api/measures?limit=1'), 401, 'unauthenticated');
    expectError(await anonymous.get('/api/papers?limit=1'), 401, 'unauthenticated');
  });
});
