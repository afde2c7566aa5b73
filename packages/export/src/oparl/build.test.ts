import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { hagenPaper, minimalPaper } from '../testing/fixtures.ts';
import { oparlPaper, oparlPaperBundle, type OparlObject } from './build.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../../../../../shared/oparl-1.1-schema/', import.meta.url));
const ctx = { baseUrl: 'https://quartierplan.example/' };

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule.default;

/**
 * The schemas declare no `$schema` and use JSON-Schema keywords that draft-07 (Ajv's default) reads the same;
 * their own keywords (references, backreference, cardinality, schema) need strict mode off, and their `url`
 * format is not a standard one, so it is registered as an absolute http(s) URL. Their patterns escape `:` and
 * `/`, which the `u` flag Ajv adds by default rejects, hence `unicodeRegExp: false`.
 */
function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat(
    'url',
    (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value) && URL.canParse(value),
  );
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(
      JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, 'utf8')) as object,
      file.replace('.json', ''),
    );
  }
  return (name: string, value: OparlObject) => {
    const valid = ajv.validate(name, value);
    return valid ? [] : (ajv.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''}`);
  };
}

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
