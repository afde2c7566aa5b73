import { describe, expect, it } from 'vitest';
import { hagenPaper, minimalPaper } from '../testing/fixtures.ts';
import { oparlValidator } from '../testing/oparl-schema.ts';
import { oparlList, oparlPaper, oparlPaperBundle, oparlStoredMeeting, type OparlObject } from './build.ts';

const ctx = { baseUrl: 'https://quartierplan.example/' };
const validator = oparlValidator;

describe('OParl export', () => {
  const validate = validator();

  it('builds System, Body, Organizations, Meetings and the Paper, all valid against the OParl 1.1 schemas', () => {
    const bundle = oparlPaperBundle(hagenPaper(), ctx);
    const consultations = bundle.paper.consultation as OparlObject[];
    expect([
      ...validate('System', bundle.system),
      ...validate('Body', bundle.body),
      ...bundle.organizations.flatMap((o) => validate('Organization', o)),
      ...bundle.meetings.flatMap((m) => validate('Meeting', m)),
      ...validate('Paper', bundle.paper),
      // The schemas embed Consultation by a custom `schema` keyword that Ajv ignores, so check each on its own.
      ...consultations.flatMap((c) => validate('Consultation', c)),
    ]).toEqual([]);
    expect(bundle.organizations).toHaveLength(3);
    expect(bundle.meetings).toHaveLength(3);
  });

  it('uses URL ids under /api/oparl/v1.1 and keeps the Beratungsfolge order', () => {
    const paper = oparlPaper(hagenPaper(), ctx);
    expect(paper.id).toBe('https://quartierplan.example/api/oparl/v1.1/papers/paper-1');
    expect(paper).toMatchObject({
      type: 'https://schema.oparl.org/1.1/Paper',
      body: 'https://quartierplan.example/api/oparl/v1.1/bodies/hagen',
      reference: '0123/2021',
      date: '2021-01-05',
      paperType: 'Beschlussvorlage',
      'qp:summary': 'Die Kinderarmut konzentriert sich entlang der B 7.',
      'qp:climateImpact': { kind: 'none', label: 'keine Auswirkungen (o)' },
    });
    const consultations = paper.consultation as OparlObject[];
    expect(consultations.map((c) => c['role'])).toEqual(['Kenntnisnahme', 'Vorberatung', 'Entscheidung']);
    expect(consultations.map((c) => c['authoritative'])).toEqual([false, false, true]);
    expect(consultations[2]?.['meeting']).toBe(
      'https://quartierplan.example/api/oparl/v1.1/meetings/rat-2021-04-15',
    );
    expect(consultations[1]).toMatchObject({ 'qp:result': 'recommended', 'qp:resultDate': '2021-02-03' });
    expect(paper['qp:justification']).toContain('Förderprogramm (https://www.mkjfgfi.nrw/kinderarmut)');
  });

  it('leaves out what is not known: no start time, no empty sections', () => {
    const bundle = oparlPaperBundle(
      {
        ...minimalPaper(),
        consultations: [
          {
            id: 'c',
            committee: { id: 'sid', name: 'Ausschuss für Soziales', kind: 'committee' },
            date: '2023-09-19',
            role: 'decision',
            order: 0,
          },
        ],
      },
      ctx,
    );
    expect(bundle.meetings[0]).not.toHaveProperty('start');
    expect(bundle.meetings[0]).toMatchObject({
      'qp:date': '2023-09-19',
      id: 'https://quartierplan.example/api/oparl/v1.1/meetings/sid-2023-09-19',
    });
    expect(bundle.paper).not.toHaveProperty('qp:summary');
    expect(bundle.paper).not.toHaveProperty('qp:justification');
    expect(validate('Paper', bundle.paper)).toEqual([]);
    expect(validate('Meeting', bundle.meetings[0] as OparlObject)).toEqual([]);
  });

  it('fails validation for a paper whose type is not an OParl type (the check has teeth)', () => {
    const paper = {
      ...oparlPaper(minimalPaper(), ctx),
      type: 'https://schema.oparl.org/1.0/Paper',
      date: '11.09.2023',
    };
    expect(validate('Paper', paper).length).toBeGreaterThanOrEqual(2);
  });
});

describe('stored meetings and lists', () => {
  const validate = validator();

  it('gives a meeting with a known start time a full date-time in Berlin time', () => {
    const meeting = oparlStoredMeeting(
      {
        id: 'm1',
        committee: { id: 'c1', name: 'Rat der Stadt Hagen', kind: 'council' },
        date: '2023-07-06',
        startTime: '16:00',
        location: 'Ratssaal',
      },
      ctx,
    );
    expect(meeting).toMatchObject({ start: '2023-07-06T16:00:00+02:00', 'qp:location': 'Ratssaal' });
    expect(validate('Meeting', meeting)).toEqual([]);
    const winter = oparlStoredMeeting(
      {
        id: 'm2',
        committee: { id: 'c1', name: 'Rat', kind: 'council' },
        date: '2023-12-14',
        startTime: '09:30',
        location: '',
      },
      ctx,
    );
    expect(winter.start).toBe('2023-12-14T09:30:00+01:00');
  });

  it('pages lists the OParl way, with links to the neighbouring pages', () => {
    const list = oparlList([{ id: 'x', type: 't' }], {
      url: 'https://q.example/api/oparl/v1.1/bodies/b/papers',
      page: 2,
      perPage: 1,
      total: 3,
    });
    expect(list.pagination).toEqual({ totalElements: 3, elementsPerPage: 1, currentPage: 2, totalPages: 3 });
    expect(list.links).toEqual({
      first: 'https://q.example/api/oparl/v1.1/bodies/b/papers?page=1&limit=1',
      prev: 'https://q.example/api/oparl/v1.1/bodies/b/papers?page=1&limit=1',
      next: 'https://q.example/api/oparl/v1.1/bodies/b/papers?page=3&limit=1',
      last: 'https://q.example/api/oparl/v1.1/bodies/b/papers?page=3&limit=1',
      self: 'https://q.example/api/oparl/v1.1/bodies/b/papers?page=2&limit=1',
    });
  });
});
