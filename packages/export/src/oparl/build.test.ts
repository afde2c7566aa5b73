import { describe, expect, it } from 'vitest';
import { hagenPaper, minimalPaper } from '../testing/fixtures.ts';
import { oparlReferenceValidator, oparlValidator, type OparlValidate } from '../testing/oparl-schema.ts';
import {
  oparlList,
  oparlPaper,
  oparlPaperBundle,
  oparlStoredMeeting,
  oparlSystem,
  type OparlObject,
} from './build.ts';

const ctx = { baseUrl: 'https://quartierplan.example/' };
const validator = oparlValidator;

/** Every object we emit for the Hagen paper and, with `lists`, a page of each list, checked with `validate`. */
function problemsOfEverything(validate: OparlValidate, lists: boolean): string[] {
  const bundle = oparlPaperBundle(hagenPaper(), ctx);
  const consultations = bundle.paper.consultation as OparlObject[];
  const page = {
    url: 'https://quartierplan.example/api/oparl/v1.1/bodies/hagen/papers',
    page: 1,
    perPage: 20,
  };
  return [
    ...validate('System', bundle.system),
    ...validate('Body', bundle.body),
    ...bundle.organizations.flatMap((o) => validate('Organization', o)),
    ...bundle.meetings.flatMap((m) => validate('Meeting', m)),
    ...validate('Paper', bundle.paper),
    ...consultations.flatMap((c) => validate('Consultation', c)),
  ].concat(
    lists
      ? [
          ...validate('PaperList', oparlList([bundle.paper], { ...page, total: 1 })),
          ...validate('MeetingList', oparlList(bundle.meetings, { ...page, total: 3 })),
          ...validate('OrganizationList', oparlList(bundle.organizations, { ...page, total: 3 })),
          ...validate('ConsultationList', oparlList(consultations, { ...page, total: 3 })),
          ...validate('BodyList', oparlList([bundle.body], { ...page, total: 1 })),
        ]
      : [],
  );
}

describe('OParl export', () => {
  const validate = validator();

  it('builds System, Body, Organizations, Meetings, the Paper and their lists, all valid OParl 1.1', () => {
    const bundle = oparlPaperBundle(hagenPaper(), ctx);
    expect(problemsOfEverything(validate, true)).toEqual([]);
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

  it('rejects what the OParl 1.1 field tables forbid: missing, misspelt and mistyped fields, bad embeddings', () => {
    const system = oparlSystem(ctx);
    const { body: _list, ...systemWithoutBodies } = system;
    expect(validate('System', systemWithoutBodies)).toEqual(["System must have required property 'body'"]);
    expect(validate('Body', { ...oparlPaperBundle(hagenPaper(), ctx).body, organisation: 'x' })).toEqual([
      'Body must NOT have additional properties',
    ]);
    const paper = oparlPaper(hagenPaper(), ctx);
    expect(validate('Paper', { ...paper, id: '/api/oparl/v1.1/papers/paper-1' })).toEqual([
      'Paper/id must match format "url"',
    ]);
    const [first, ...rest] = paper.consultation as OparlObject[];
    expect(
      validate('Paper', { ...paper, consultation: [{ ...first, authoritative: 'yes' }, ...rest] }),
    ).toEqual(['Paper/consultation/0/authoritative must be boolean']);
    const meeting = oparlStoredMeeting(
      {
        id: 'm',
        committee: { id: 'c', name: 'Rat', kind: 'council' },
        date: '2023-07-06',
        startTime: '16:00',
        location: '',
      },
      ctx,
    );
    expect(validate('Meeting', { ...meeting, start: '2023-07-06 16:00' })).toEqual([
      'Meeting/start must match format "date-time"',
    ]);
  });

  it('rejects a list page without pagination or with an object of another type', () => {
    const page = oparlList([oparlPaper(minimalPaper(), ctx)], {
      url: 'https://q.example/api/oparl/v1.1/bodies/b/papers',
      page: 1,
      perPage: 20,
      total: 1,
    });
    expect(validate('PaperList', page)).toEqual([]);
    const { pagination: _pagination, ...withoutPagination } = page;
    expect(validate('PaperList', withoutPagination)).toEqual([
      "PaperList must have required property 'pagination'",
    ]);
    expect(validate('MeetingList', page)).toContainEqual('MeetingList/data/0/type must be equal to constant');
  });
});

// CI (`.ci/run`) points this at the OParl project's own schema files for a second opinion; a clone alone has none.
const referenceDir = process.env['OPARL_REFERENCE_SCHEMA_DIR'];
describe.runIf(referenceDir)('OParl export against the reference schemas', () => {
  it('is valid against the OParl project schema files', () => {
    // The reference files know no list pages.
    expect(problemsOfEverything(oparlReferenceValidator(referenceDir ?? ''), false)).toEqual([]);
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
