import { errorBodySchema } from '@quartierplan/domain';
import { oparlValidator } from '@quartierplan/export/testing';
import { errorStatuses, ROUTES, type RouteSpec } from '../openapi/routes.ts';

const validateOparl = oparlValidator();

const matchers = ROUTES.map((spec) => ({
  spec,
  pattern: new RegExp(`^${spec.path.replace(/:\w+/g, '[^/]+')}$`),
}));

/** The documented operation Hono would run for a request (fixed paths come first in the table). */
export function documentedRoute(method: string, pathname: string): RouteSpec | undefined {
  const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return matchers.find((m) => m.spec.method === wanted && m.pattern.test(pathname))?.spec;
}

/**
 * Throws when an /api answer disagrees with the OpenAPI document: an undocumented route or status
 * (errors included), a body that does not fit the documented schema or media type, or an error
 * outside the one error shape. The shared test client and
 * `sendStreamed` call it on every answer, so every API test guards the contract.
 */
export function checkDocumentedResponse(
  method: string,
  pathname: string,
  status: number,
  contentType: string,
  body: unknown,
): void {
  if (!pathname.startsWith('/api/') || method.toUpperCase() === 'OPTIONS') return;
  const where = `${method.toUpperCase()} ${pathname} → ${status}`;
  const isJson = /^application\/([\w.-]+\+)?json/i.test(contentType);
  const spec = documentedRoute(method, pathname);
  if (status >= 400) {
    if (!isJson) throw new Error(`${where}: an error must be JSON in the one error shape`);
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) throw new Error(`${where}: not the documented error shape: ${parsed.error.message}`);
    // 500 is every operation's `default`: a failure nobody expected (tests provoke it on purpose only).
    if (status === 500) return;
    // Unknown paths answer 401/404 from the catch-all, which no operation documents.
    if (spec && !(errorStatuses(spec) as number[]).includes(status)) {
      throw new Error(
        `${where}: the error status is not documented for ${spec.path} (${parsed.data.error.code})`,
      );
    }
    return;
  }
  if (status >= 300) return;
  if (!spec) throw new Error(`${where}: the route is missing from the OpenAPI document`);
  const response = spec.responses[status];
  if (!response) throw new Error(`${where}: the status is not documented for ${spec.path}`);
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (isJson && (response.schema || response.oparl)) {
    const problems = response.schema
      ? (response.schema.safeParse(body).error?.message ?? '')
      : validateOparl(response.oparl!, body).join('; ');
    if (problems) throw new Error(`${where}: the body disagrees with the documented schema: ${problems}`);
    return;
  }
  const documented = [
    ...(response.schema || response.oparl ? ['application/json'] : []),
    ...(response.events ? ['text/event-stream'] : []),
    ...(response.contentTypes ?? []),
  ];
  if (documented.length === 0 ? mediaType !== '' : !documented.includes(mediaType)) {
    throw new Error(
      `${where}: documented as ${documented.join(' or ') || 'empty'}, answered ${contentType || 'without a type'}`,
    );
  }
}

/**
 * Throws when an event of a documented event stream disagrees with the document: an event name it
 * does not list, or `data` that is not JSON of the documented schema.
 */
export function checkDocumentedEvent(pathname: string, event: string, data: string): void {
  const where = `GET ${pathname} event ${event}`;
  const events = documentedRoute('get', pathname)?.responses[200]?.events;
  if (!events) throw new Error(`${where}: the route documents no event stream`);
  const schema = events[event];
  if (!schema) throw new Error(`${where}: the event is not documented`);
  const parsed = schema.safeParse(JSON.parse(data));
  if (!parsed.success)
    throw new Error(`${where}: the data disagrees with the documented schema: ${parsed.error.message}`);
}
