import { expect, request, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { ADMIN } from './accounts.ts';
import { login } from './session.ts';

/** A person the specs create, with their password. */
export interface Person {
  name: string;
  email: string;
  password: string;
}

/** Creates a Sozialraum with one editing and one viewing member through the API, as the admin. */
export async function setUpSozialraum(
  baseURL: string,
  sozialraum: { code: string; name: string },
  members: { editor: Person; viewer: Person },
): Promise<{ sozialraumId: string; api: APIRequestContext }> {
  const api = await request.newContext({ baseURL });
  expect(
    (await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })).status(),
  ).toBe(200);
  const created = await api.post('/api/sozialraeume', { data: sozialraum });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (const [person, access] of [
    [members.editor, 'edit'],
    [members.viewer, 'view'],
  ] as const) {
    const res = await api.post('/api/users', {
      data: { ...person, role: 'member', memberships: [{ sozialraumId: id, access }] },
    });
    expect(res.status()).toBe(201);
  }
  return { sozialraumId: id, api };
}

/** Logs a person in, in a browser context of their own, and opens the Sozialraum page. */
export async function openSozialraum(
  browser: Browser,
  person: { email: string; password: string },
  id: string,
  ready: string = 'sync-state',
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, person.email, person.password);
  await page.goto(`/sozialraeume/${id}`);
  await expect(page.getByTestId(ready)).toContainText('Gespeichert');
  return page;
}
