import type { Sql } from '@quartierplan/db';
import type { Access, Role, SozialraumDto } from '@quartierplan/domain';
import { createBodyWithAdmin } from '../bodies.ts';
import { ApiClient } from './client.ts';
import type { TestServer } from './server.ts';

/** The password of every test user (at least 12 characters, as the schema wants). */
export const PASSWORD = 'korrekt-pferd-batterie';

let sequence = 0;

/** A short name unique within this test process. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}`;
}

/** An e-mail address unique within this test process (addresses are unique per installation). */
export function uniqueEmail(prefix = 'person'): string {
  return `${unique(prefix)}@test.quartierplan.de`.toLowerCase();
}

export interface TestBody {
  bodyId: string;
  bodyName: string;
  adminId: string;
  adminEmail: string;
  adminPassword: string;
}

/** A body (Kommune) with its first admin, created the way the operator command creates one. */
export async function createTestBody(sql: Sql, bodyName = unique('Stadt ')): Promise<TestBody> {
  const adminEmail = uniqueEmail('admin');
  const created = await createBodyWithAdmin(sql, { bodyName, adminEmail, adminPassword: PASSWORD });
  return { bodyId: created.bodyId, bodyName, adminId: created.adminId, adminEmail, adminPassword: PASSWORD };
}

/** A client logged in as the given user; throws when the login is refused. */
export async function loginAs(server: TestServer, email: string, password = PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(server.origin);
  const response = await client.login(email, password);
  if (response.status !== 200) {
    throw new Error(`Login as ${email} failed: ${response.status} ${response.text}`);
  }
  return client;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export interface NewTestUser {
  role: Role;
  memberships?: { sozialraumId: string; access: Access }[];
  email?: string;
  name?: string;
  password?: string;
}

/** Creates a user through `POST /api/users` as the given admin; throws unless it answers 201. */
export async function createUser(admin: ApiClient, input: NewTestUser): Promise<TestUser> {
  const email = input.email ?? uniqueEmail(input.role);
  const password = input.password ?? PASSWORD;
  const response = await admin.post<{ id: string }>('/api/users', {
    email,
    name: input.name ?? `Test ${email}`,
    password,
    role: input.role,
    memberships: input.memberships ?? [],
  });
  if (response.status !== 201)
    throw new Error(`Creating ${email} failed: ${response.status} ${response.text}`);
  return { id: response.body.id, email, password, role: input.role };
}

/** Creates a Sozialraum through `POST /api/sozialraeume` as the given admin; throws unless 201. */
export async function createSozialraum(
  admin: ApiClient,
  input: { code?: string; name?: string; stadtbezirk?: string } = {},
): Promise<SozialraumDto> {
  const code = input.code ?? unique('SR-');
  const response = await admin.post<SozialraumDto>('/api/sozialraeume', {
    code,
    name: input.name ?? `Sozialraum ${code}`,
    ...(input.stadtbezirk === undefined ? {} : { stadtbezirk: input.stadtbezirk }),
  });
  if (response.status !== 201)
    throw new Error(`Creating ${code} failed: ${response.status} ${response.text}`);
  return response.body;
}
