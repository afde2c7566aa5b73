import { expect, request, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { ADMIN } from './accounts.ts';
import { login } from './session.ts';

/** The fields of a measure the specs read back. */
export interface CreatedMeasure {
  id: string;
  title: string;
  status: string;
  version: number;
}

/** An API context logged in as the admin. */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(res.status()).toBe(200);
  return api;
}

/** Creates a Sozialraum (codes must be unique per run: each spec uses its own). */
export async function createSozialraum(api: APIRequestContext, code: string, name: string): Promise<string> {
  const res = await api.post('/api/sozialraeume', { data: { code, name } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Creates a measure through the API and, when `path` is given, moves it along that path of states. */
export async function createMeasure(
  api: APIRequestContext,
  input: Record<string, unknown> & { title: string; sozialraumIds: string[] },
  path: (string | { to: string; decisionDate?: string; paperReference?: string; comment?: string })[] = [],
): Promise<CreatedMeasure> {
  const res = await api.post('/api/measures', { data: input });
  expect(res.status(), await res.text()).toBe(201);
  let measure = (await res.json()) as CreatedMeasure;
  for (const step of path)
    measure = await transition(api, measure.id, typeof step === 'string' ? { to: step } : step);
  return measure;
}

/** One transition through the API; it must succeed. */
export async function transition(
  api: APIRequestContext,
  id: string,
  data: { to: string; decisionDate?: string; paperReference?: string; comment?: string },
): Promise<CreatedMeasure> {
  const res = await api.post(`/api/measures/${id}/transitions`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as CreatedMeasure;
}

/** Logs the admin in, in a browser context of their own, opens `path` and waits for the live stream. */
export async function openAsAdmin(browser: Browser, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto(path);
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  return page;
}

/** The board column of a workflow state. */
export const column = (page: Page, status: string) => page.getByTestId(`board-column-${status}`);

/** A card on the board by its title. */
export const card = (page: Page, title: string) =>
  page.getByTestId('measure-card').filter({ hasText: title });
