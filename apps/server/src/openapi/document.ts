import { errorBodySchema } from '@quartierplan/domain';
import { z } from 'zod';
import { ROUTES, type RouteSpec } from './routes.ts';

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

function operation(spec: RouteSpec, components: Record<string, JsonSchema>): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema || response.contentType
        ? {
            content: {
              [contentType]: response.schema
                ? { schema: toSchema(response.schema, 'output', components) }
                : {},
            },
          }
        : {}),
    };
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
      : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document of the HTTP API from the route table and the domain's zod schemas. */
export function buildOpenApiDocument(): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of ROUTES) {
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation(spec, components);
  }
  components.Error = toSchema(errorBodySchema, 'output', components);
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
        Error: {
          description: 'Fehler in der einen Fehlerform (400, 401, 403, 404, 409, 413, 422, 428, 429, 503 …).',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
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
