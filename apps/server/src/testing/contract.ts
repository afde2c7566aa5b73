import { errorBodySchema } from '@quartierplan/domain';
import { ROUTES, type RouteSpec } from '../openapi/routes.ts';

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
 * Throws when an /api answer disagrees with the OpenAPI document: an undocumented route or status,
 * a JSON body that does not fit the documented schema, or an error outside the one error shape.
 * The shared test client calls it on every answer, so every API test guards the contract.
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
  if (status >= 400) {
    if (!isJson) throw new Error(`${where}: an error must be JSON in the one error shape`);
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) throw new Error(`${where}: not the documented error shape: ${parsed.error.message}`);
    return;
  }
  if (status >= 300) return;
  const spec = documentedRoute(method, pathname);
  if (!spec) throw new Error(`${where}: the route is missing from the OpenAPI document`);
  const response = spec.responses[status];
  if (!response) throw new Error(`${where}: the status is not documented for ${spec.path}`);
  if (!response.schema) return;
  if (!isJson) throw new Error(`${where}: documented as JSON, answered ${contentType || 'without a type'}`);
  const parsed = response.schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`${where}: the body disagrees with the documented schema: ${parsed.error.message}`);
  }
}
