import { testDatabases } from '@quartierplan/db/testing';
import type { MeetingDto, PaperDto } from '@quartierplan/domain';
import { oparlValidator, type OparlObjectType } from '@quartierplan/export/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import type { ApiResponse } from '../../testing/client.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

interface OparlListBody {
  data: { id: string; type: string }[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: Record<string, string>;
}

const PUBLIC = 'https://quartierplan.hagen.example';

describe.each(testDatabases())('OParl API on $name', (factory) => {
  const ctx = useTestServer(factory, { env: { PUBLIC_ORIGIN: PUBLIC } });
  const validate = oparlValidator();
  let w: PaperWorld;
  let released: PaperDto;
  let draft: PaperDto;
  let bodyUrl: string;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    const meeting = await w.clerk.post<MeetingDto>('/api/meetings', {
      committeeId: w.council.id,
      date: '2024-03-14',
      startTime: '16:00',
      location: 'Ratssaal',
    });
    const body = completePaper(w, [(await w.plannedMeasure()).id]);
    body.consultations = [
      { committeeId: w.jha.id, date: '2024-02-01', role: 'preliminary' },
      { committeeId: w.council.id, date: '2024-03-14', role: 'decision', meetingId: meeting.body.id },
    ];
    released = await releasePaper(w.clerk, (await createPaper(w.clerk, body)).id);
    for (let i = 0; i < 2; i++)
      await releasePaper(w.clerk, (await createPaper(w.clerk, completePaper(w))).id);
    draft = await createPaper(w.clerk, completePaper(w));
  });

  /** Every object of every page of a list; each page validated as a list of `schema`. */
  async function walkList(url: string, schema: OparlObjectType, limit = 2): Promise<{ id: string }[]> {
    const all: { id: string }[] = [];
    let next: string | undefined = `${url}?limit=${limit}`;
    while (next) {
      const response: ApiResponse<OparlListBody> = await w.viewer.get<OparlListBody>(
        next.replace(PUBLIC, ''),
      );
      expect(response.status).toBe(200);
      expect(validate(`${schema}List`, response.body)).toEqual([]);
      all.push(...response.body.data);
      next = response.body.links.next;
    }
    return all;
  }

  it('starts at the system, which leads to the one body of the user', async () => {
    const system = await w.clerk.get<{ body: string; id: string }>('/api/oparl/v1.1/system');
    expect(validate('System', system.body)).toEqual([]);
    expect(system.body.id).toBe(`${PUBLIC}/api/oparl/v1.1/system`);
    const bodies = await w.clerk.get<OparlListBody>(system.body.body.replace(PUBLIC, ''));
    expect(bodies.body.pagination).toEqual({
      totalElements: 1,
      elementsPerPage: 20,
      currentPage: 1,
      totalPages: 1,
    });
    bodyUrl = bodies.body.data[0]!.id;
    const body = await w.clerk.get<Record<string, unknown>>(bodyUrl.replace(PUBLIC, ''));
    expect(validate('BodyList', bodies.body)).toEqual([]);
    expect(validate('Body', body.body)).toEqual([]);
    expect(body.body.name).toBe(w.bodyName);
  });

  it('pages the papers a clerk sees (released only), all valid', async () => {
    const papers = await w.clerk.get<OparlListBody>(`${new URL(bodyUrl).pathname}/papers?limit=2`);
    expect(papers.body.pagination).toEqual({
      totalElements: 3,
      elementsPerPage: 2,
      currentPage: 1,
      totalPages: 2,
    });
    expect(papers.body.links.next).toBe(`${bodyUrl}/papers?page=2&limit=2`);
    const page2 = await w.clerk.get<OparlListBody>(`${new URL(bodyUrl).pathname}/papers?page=2&limit=2`);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.links.prev).toBe(`${bodyUrl}/papers?page=1&limit=2`);
    const ids = [...papers.body.data, ...page2.body.data].map((p) => p.id);
    expect(ids.some((id) => id.endsWith(draft.id))).toBe(false);
    expect([...validate('PaperList', papers.body), ...validate('PaperList', page2.body)]).toEqual([]);
  });

  it('serves every list and object valid against the schemas, filtered for a member', async () => {
    const path = new URL(bodyUrl).pathname;
    const papers = await walkList(`${path}/papers`, 'Paper');
    expect(papers.map((p) => p.id)).toEqual([`${PUBLIC}/api/oparl/v1.1/papers/${released.id}`]);
    const organizations = await walkList(`${path}/organizations`, 'Organization');
    expect(organizations).toHaveLength(2);
    const meetings = await walkList(`${path}/meetings`, 'Meeting');
    expect(meetings).toHaveLength(2);
    const consultations = await walkList(`${path}/consultations`, 'Consultation');
    expect(consultations).toHaveLength(2);
    expect(await walkList(`${path}/people`, 'Person')).toEqual([]);

    for (const [object, schema] of [
      [papers[0]!, 'Paper'],
      [organizations[0]!, 'Organization'],
      [meetings[0]!, 'Meeting'],
      [meetings[1]!, 'Meeting'],
      [consultations[0]!, 'Consultation'],
    ] as const) {
      const single = await w.viewer.get<{ id: string }>(object.id.replace(PUBLIC, ''));
      expect(single.status).toBe(200);
      expect(single.body).toEqual(object);
      expect(validate(schema, single.body)).toEqual([]);
    }
    const stored = meetings.find((m) => (m as { start?: string }).start);
    expect(stored).toMatchObject({ start: '2024-03-14T16:00:00+01:00', 'qp:location': 'Ratssaal' });
  });

  it('answers 404 for what the user may not see and 400 for bad pages', async () => {
    expectError(await w.viewer.get(`/api/oparl/v1.1/papers/${draft.id}`), 404, 'not_found');
    expectError(await w.clerk.get(`/api/oparl/v1.1/papers/${draft.id}`), 404, 'not_found');
    const other = await createPaperWorld(ctx);
    expectError(await other.clerk.get(new URL(bodyUrl).pathname), 404, 'not_found');
    expectError(await other.clerk.get(`${new URL(bodyUrl).pathname}/papers`), 404, 'not_found');
    expectError(await w.clerk.get(`${new URL(bodyUrl).pathname}/papers?page=0`), 400, 'validation_failed');
    expectError(
      await w.clerk.get(`${new URL(bodyUrl).pathname}/papers?limit=1000`),
      400,
      'validation_failed',
    );
    expectError(await w.clerk.get('/api/oparl/v1.1/meetings/nonsense'), 404, 'not_found');
  });
});
