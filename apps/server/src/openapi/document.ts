import { errorBodySchema } from '@quartierplan/domain';
import { OPARL_SCHEMAS } from '@quartierplan/export';
import { z } from 'zod';
import { ERROR_STATUSES, errorStatuses, ROUTES, type ResponseSpec, type RouteSpec } from './routes.ts';

type JsonSchema = Record<string, unknown>;

/** `/api/users/:id` → `/api/users/{id}` */
export const openApiPath = (honoPath: string): string => honoPath.replace(/:(\w+)/g, '{$1}');

/**
 * Converts one zod schema to JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Shared parts zod
 * puts into `$defs` (recursive rich text, schemas with an id) move to `components.schemas`, since
 * a `$ref` inside the document resolves against the document, not the schema.
 */
function toSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = converted;
  const prefix = io === 'input' ? 'In' : '';
  const relink = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, name: string) =>
        JSON.stringify(`#/components/schemas/${prefix}${name.replace(/[^\w.-]/g, '_')}`),
      ),
    );
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    components[`${prefix}${name.replace(/[^\w.-]/g, '_')}`] = relink(definition) as JsonSchema;
  }
  return relink(rest) as JsonSchema;
}

function parameters(spec: RouteSpec, components: Record<string, JsonSchema>): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const object = toSchema(schema, 'input', components);
    const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((object.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
    }
  }
  return list;
}

/** Where an OParl conformance schema sits in the document. */
const oparlRef = (name: string) => `#/components/schemas/OParl${name}`;

/**
 * Our OParl 1.1 conformance schemas as components (`OParlPaper`, `OParlPaperList`, …). They name each
 * other by `$id`, which becomes a reference into the document; draft-07 and 2020-12 read them alike.
 */
function oparlComponents(): Record<string, JsonSchema> {
  return Object.fromEntries(
    OPARL_SCHEMAS.map(({ $id, ...schema }) => [
      `OParl${String($id)}`,
      JSON.parse(
        JSON.stringify(schema).replace(
          /"\$ref":"(\w+)"/g,
          (_m, name: string) => `"$ref":${JSON.stringify(oparlRef(name))}`,
        ),
      ) as JsonSchema,
    ]),
  );
}

/**
 * A `text/event-stream` answer: one of the named events, each with its `data` as JSON of the given
 * schema (JSON Schema's `contentSchema`, since on the wire `data` is text).
 */
function eventStream(events: Record<string, z.ZodType>, components: Record<string, JsonSchema>): JsonSchema {
  return {
    description: 'Server-Sent Events: jedes Ereignis mit den Feldern `event`, `id` und `data` (JSON).',
    oneOf: Object.entries(events).map(([name, schema]) => ({
      title: name,
      type: 'object',
      required: ['event', 'data'],
      properties: {
        event: { const: name },
        id: { type: 'string' },
        data: {
          type: 'string',
          contentMediaType: 'application/json',
          contentSchema: toSchema(schema, 'output', components),
        },
      },
    })),
  };
}

/** The media types of one answer and their schemas, or undefined for an answer without a body. */
function content(response: ResponseSpec, components: Record<string, JsonSchema>): JsonSchema | undefined {
  const media: Record<string, JsonSchema> = {};
  if (response.schema)
    media['application/json'] = { schema: toSchema(response.schema, 'output', components) };
  if (response.oparl) media['application/json'] = { schema: { $ref: oparlRef(response.oparl) } };
  if (response.events) media['text/event-stream'] = { schema: eventStream(response.events, components) };
  for (const type of response.contentTypes ?? []) media[type] = {};
  return Object.keys(media).length > 0 ? media : undefined;
}

function operation(spec: RouteSpec, components: Record<string, JsonSchema>): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const media = content(response, components);
    responses[status] = { description: response.description, ...(media ? { content: media } : {}) };
  }
  for (const status of errorStatuses(spec)) {
    responses[status] = { $ref: `#/components/responses/Error${status}` };
  }
  responses.default = { $ref: '#/components/responses/Error' };
  return {
    operationId: `${spec.method}${openApiPath(spec.path).replace(/[^\w]+(\w?)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.public
      ? { security: [] }
      : spec.participant
        ? { security: [{ session: [] }, { workshopGuest: [] }] }
        : {}),
    parameters: parameters(spec, components),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(spec.body, 'input', components) } },
          },
        }
      : spec.multipart
        ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: spec.multipart } } } }
        : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document of the HTTP API from the route table and the domain's zod schemas. */
export function buildOpenApiDocument(): JsonSchema {
  const components: Record<string, JsonSchema> = oparlComponents();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of ROUTES) {
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation(spec, components);
  }
  // The error schema has an id, so zod files it under its name and hands back a reference to it.
  const errorSchema = toSchema(errorBodySchema, 'output', components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quartierplan API',
      version: '1',
      description:
        'HTTP-Schnittstelle von Quartierplan. Fehler haben immer die Form {"error":{"code","message","details"}}. ' +
        'Schreibende Anfragen brauchen eine Origin der eigenen Instanz; die Echtzeit-Synchronisation (WebSocket /sync) ist nicht Teil dieses Dokuments.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'qp_session',
          description: 'Sitzungs-Cookie aus POST /api/auth/login; über HTTPS heißt es __Host-qp_session.',
        },
        workshopGuest: {
          type: 'apiKey',
          in: 'cookie',
          name: 'qp_workshop',
          description:
            'Teilnahme-Cookie aus POST /api/workshop-sessions (ohne Konto); gilt nur für die Teilnahme-Routen des eigenen Workshops. Über HTTPS __Host-qp_workshop.',
        },
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_STATUSES).map(([status, description]) => [
            `Error${status}`,
            { description, content: { 'application/json': { schema: errorSchema } } },
          ]),
        ),
        Error: {
          description:
            'Unerwarteter Fehler (internal, 500) in der einen Fehlerform; `details.requestId` hilft beim Nachfragen.',
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    },
  };
}

let cached: JsonSchema | undefined;

/** The document, built once per process. */
export function openApiDocument(): JsonSchema {
  return (cached ??= buildOpenApiDocument());
}
