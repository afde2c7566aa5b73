/** A JSON Schema object (draft-07 here; the OpenAPI document of the server converts it to its dialect). */
export type JsonSchemaObject = Record<string, unknown>;

/**
 * Our own OParl 1.1 conformance schemas (JSON Schema draft-07), written from the field tables of the OParl 1.1
 * specification (https://oparl.org/spezifikation/): required fields, types, URL, date and date-time formats,
 * lists and embedded objects. Stricter than the specification's own schema files in two ways: embedded objects
 * (a Paper's consultations, a Meeting's location) are checked against their schema, and a property that is neither
 * an OParl field nor a vendor property with a `prefix:` is an error, so a misspelt field cannot pass.
 */

/** Names of the OParl 1.1 object types. */
export const OPARL_OBJECT_TYPES = [
  'System',
  'Body',
  'LegislativeTerm',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'Consultation',
  'File',
  'Location',
] as const;

/** One OParl 1.1 object type. */
export type OparlObjectType = (typeof OPARL_OBJECT_TYPES)[number];

const url = { type: 'string', format: 'url' } as const;
const urls = { type: 'array', items: url } as const;
const text = { type: 'string' } as const;
const texts = { type: 'array', items: text } as const;
const bool = { type: 'boolean' } as const;
const integer = { type: 'integer' } as const;
const date = { type: 'string', format: 'date' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const embedded = (type: OparlObjectType) => ({ $ref: type }) as const;
const embeddedList = (type: OparlObjectType) => ({ type: 'array', items: { $ref: type } }) as const;

/** Fields every OParl object may carry (specification 2.5, "Übergreifende Aspekte"). */
const common = {
  license: text,
  keyword: texts,
  created: dateTime,
  modified: dateTime,
  web: url,
  deleted: bool,
} as const;

const fields: Record<OparlObjectType, { required?: string[]; properties: Record<string, object> }> = {
  System: {
    required: ['oparlVersion', 'body'],
    properties: {
      oparlVersion: { type: 'string', pattern: '^https://schema\\.oparl\\.org/1\\.[01]/$' },
      otherOparlVersions: urls,
      license: url,
      body: url,
      name: text,
      contactEmail: text,
      contactName: text,
      website: url,
      vendor: url,
      product: url,
    },
  },
  Body: {
    required: ['name', 'organization', 'person', 'meeting', 'paper', 'legislativeTerm'],
    properties: {
      system: url,
      shortName: text,
      name: text,
      website: url,
      license: url,
      licenseValidSince: dateTime,
      oparlSince: dateTime,
      ags: text,
      rgs: text,
      equivalent: urls,
      contactEmail: text,
      contactName: text,
      organization: url,
      person: url,
      meeting: url,
      paper: url,
      legislativeTerm: embeddedList('LegislativeTerm'),
      agendaItem: url,
      consultation: url,
      file: url,
      locationList: url,
      legislativeTermList: url,
      membership: url,
      classification: text,
      location: embedded('Location'),
    },
  },
  LegislativeTerm: {
    properties: { body: url, name: text, startDate: date, endDate: date },
  },
  Organization: {
    properties: {
      body: url,
      name: text,
      membership: urls,
      meeting: url,
      consultation: url,
      shortName: text,
      post: texts,
      subOrganizationOf: url,
      organizationType: text,
      classification: text,
      startDate: date,
      endDate: date,
      website: url,
      location: embedded('Location'),
      externalBody: url,
    },
  },
  Person: {
    properties: {
      body: url,
      name: text,
      familyName: text,
      givenName: text,
      formOfAddress: text,
      affix: text,
      title: texts,
      gender: text,
      phone: texts,
      email: texts,
      location: url,
      locationObject: embedded('Location'),
      status: texts,
      membership: embeddedList('Membership'),
      life: text,
      lifeSource: text,
    },
  },
  Membership: {
    properties: {
      person: url,
      organization: url,
      role: text,
      votingRight: bool,
      startDate: date,
      endDate: date,
      onBehalfOf: url,
    },
  },
  Meeting: {
    properties: {
      name: text,
      meetingState: text,
      cancelled: bool,
      start: dateTime,
      end: dateTime,
      location: embedded('Location'),
      organization: urls,
      participant: urls,
      invitation: embedded('File'),
      resultsProtocol: embedded('File'),
      verbatimProtocol: embedded('File'),
      auxiliaryFile: embeddedList('File'),
      agendaItem: embeddedList('AgendaItem'),
    },
  },
  AgendaItem: {
    required: ['order'],
    properties: {
      meeting: url,
      number: text,
      order: integer,
      name: text,
      public: bool,
      consultation: url,
      result: text,
      resolutionText: text,
      resolutionFile: embedded('File'),
      auxiliaryFile: embeddedList('File'),
      start: dateTime,
      end: dateTime,
    },
  },
  Paper: {
    properties: {
      body: url,
      name: text,
      reference: text,
      date,
      paperType: text,
      relatedPaper: urls,
      superordinatedPaper: urls,
      subordinatedPaper: urls,
      mainFile: embedded('File'),
      auxiliaryFile: embeddedList('File'),
      location: embeddedList('Location'),
      originatorPerson: urls,
      underDirectionOf: urls,
      originatorOrganization: urls,
      consultation: embeddedList('Consultation'),
    },
  },
  Consultation: {
    properties: {
      paper: url,
      agendaItem: url,
      meeting: url,
      organization: urls,
      authoritative: bool,
      role: text,
    },
  },
  File: {
    required: ['accessUrl'],
    properties: {
      name: text,
      fileName: text,
      mimeType: text,
      date,
      size: integer,
      sha1Checksum: text,
      sha512Checksum: text,
      text,
      accessUrl: url,
      downloadUrl: url,
      externalServiceUrl: url,
      masterFile: url,
      derivativeFile: urls,
      fileLicense: url,
      meeting: urls,
      agendaItem: urls,
      person: url,
      paper: urls,
    },
  },
  Location: {
    properties: {
      description: text,
      geojson: { type: 'object' },
      streetAddress: text,
      room: text,
      postalCode: text,
      subLocality: text,
      locality: text,
      bodies: urls,
      organizations: urls,
      persons: urls,
      meetings: urls,
      papers: urls,
    },
  },
};

/** The schema of one OParl object type: its fields, `id` and `type` required, vendor properties `prefix:name`. */
function objectSchema(type: OparlObjectType): JsonSchemaObject {
  const { required = [], properties } = fields[type];
  return {
    $id: type,
    type: 'object',
    required: ['id', 'type', ...required],
    properties: {
      id: url,
      type: { const: `https://schema.oparl.org/1.1/${type}` },
      ...common,
      ...properties,
    },
    patternProperties: { '^[a-zA-Z][a-zA-Z0-9]*:': {} },
    additionalProperties: false,
  };
}

/** The schema of a page of an external list of `type` (specification 2.9, "Paginierung"). */
function listSchema(type: OparlObjectType): JsonSchemaObject {
  const count = { type: 'integer', minimum: 0 };
  const position = { type: 'integer', minimum: 1 };
  return {
    $id: `${type}List`,
    type: 'object',
    required: ['data', 'pagination', 'links'],
    properties: {
      data: { type: 'array', items: { $ref: type } },
      pagination: {
        type: 'object',
        properties: {
          totalElements: count,
          elementsPerPage: position,
          currentPage: position,
          totalPages: position,
        },
        additionalProperties: false,
      },
      links: {
        type: 'object',
        properties: { first: url, prev: url, next: url, last: url, self: url },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

/** A paper exported as OParl (`GET /api/papers/:id/export?format=oparl`): the paper with what it links to. */
const paperBundleSchema: JsonSchemaObject = {
  $id: 'PaperBundle',
  type: 'object',
  required: ['system', 'body', 'organizations', 'meetings', 'paper'],
  properties: {
    system: { $ref: 'System' },
    body: { $ref: 'Body' },
    organizations: embeddedList('Organization'),
    meetings: embeddedList('Meeting'),
    paper: { $ref: 'Paper' },
  },
  additionalProperties: false,
};

/** What our OParl schemas check: an object type, a page of a list of one (`PaperList`), or a paper's bundle. */
export type OparlSchemaName = OparlObjectType | `${OparlObjectType}List` | 'PaperBundle';

/**
 * Every object schema, for each type the schema of its list pages (`PaperList`, `BodyList`, ...) and the
 * paper bundle; each names itself in `$id` and the others by that name in `$ref`.
 */
export const OPARL_SCHEMAS: readonly JsonSchemaObject[] = [
  ...OPARL_OBJECT_TYPES.flatMap((type) => [objectSchema(type), listSchema(type)]),
  paperBundleSchema,
];
