/// <reference lib="dom" />
// The page functions below run in the browser.
import { expect, request, test, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { ADMIN } from '../support/accounts.ts';
import { login } from '../support/session.ts';

// About 100 pages of text (~3,400 characters a page): 100 sections, each a heading and 7 paragraphs of 60 words.
const SECTIONS = 100;
const PARAGRAPHS_PER_SECTION = 7;
const WORDS =
  'Im Sozialraum Altenhagen leben viele Familien mit Kindern unter sechs Jahren und der Bedarf an Betreuungsplätzen, Sprachförderung und offenen Treffpunkten übersteigt das Angebot deutlich'.split(
    ' ',
  );
const paragraph = (n: number) =>
  Array.from({ length: 60 }, (_, i) => WORDS[(n + i) % WORDS.length]).join(' ') + ` (Absatz ${n}).`;

function longPlanHtml(): string {
  const parts: string[] = [];
  for (let s = 1; s <= SECTIONS; s++) {
    parts.push(`<h2>Abschnitt ${s}</h2>`);
    for (let p = 1; p <= PARAGRAPHS_PER_SECTION; p++) parts.push(`<p>${paragraph(s * 100 + p)}</p>`);
  }
  return parts.join('');
}

/** Pastes HTML into the focused editor, as a person pasting from Word would. */
async function paste(page: Page, html: string) {
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    const target = document.querySelector('[aria-label="Aktionsplan bearbeiten"]')!;
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, html);
}

/** Every script the page fetches from now on, with its gzip size. */
function collectScripts(page: Page): { url: string; gzip: number }[] {
  const scripts: { url: string; gzip: number }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => null);
    if (body) scripts.push({ url: response.url(), gzip: gzipSync(body).length });
  });
  return scripts;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

test('Sozialraum route: JS size and time to the first keystroke on a ~100-page action plan', async ({
  browser,
  baseURL,
}) => {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  const { id } = (await (
    await api.post('/api/sozialraeume', { data: { code: '999', name: 'Messraum' } })
  ).json()) as { id: string };
  await api.dispose();

  // Write the long plan once, through the editor.
  const writer = await (await browser.newContext()).newPage();
  await login(writer, ADMIN.email, ADMIN.password);
  await writer.goto(`/sozialraeume/${id}`);
  await expect(writer.getByTestId('sync-state')).toContainText('Gespeichert');
  await writer.getByRole('textbox', { name: 'Aktionsplan bearbeiten' }).click();
  const html = longPlanHtml();
  await paste(writer, html);
  const lastParagraph = `(Absatz ${SECTIONS * 100 + PARAGRAPHS_PER_SECTION}).`;
  await expect(writer.getByText(lastParagraph)).toBeVisible({ timeout: 120_000 });
  await expect(writer.getByTestId('sync-state')).toContainText('Gespeichert', { timeout: 120_000 });
  const characters = await writer
    .getByRole('textbox', { name: 'Aktionsplan bearbeiten' })
    .evaluate((el) => el.textContent!.length);
  await writer.context().close();

  // For comparison: what a page without editors (the Sozialraum list) fetches on a fresh profile.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = collectScripts(page);
    await login(page, ADMIN.email, ADMIN.password);
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    process.stdout.write(
      `Login + Sozialraum list (no editor code): ${scripts.length} files, ${kb(total)} gzip\n`,
    );
    await context.close();
  }

  // A reader on a fresh browser profile (nothing cached, nothing in IndexedDB) opens the page.
  for (const run of ['cold', 'warm'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, ADMIN.email, ADMIN.password);
    if (run === 'warm') {
      // Same profile visited the page before: scripts cached, the document kept in IndexedDB.
      await page.goto(`/sozialraeume/${id}`);
      await expect(page.getByText(lastParagraph)).toBeAttached({ timeout: 120_000 });
      await page.goto('/sozialraeume');
    }
    const scripts = collectScripts(page);
    const started = Date.now();
    await page.goto(`/sozialraeume/${id}`);
    const editor = page.getByRole('textbox', { name: 'Aktionsplan bearbeiten' });
    await expect(editor).toHaveAttribute('contenteditable', 'true', { timeout: 120_000 });
    await expect(editor.getByText(lastParagraph)).toBeAttached({ timeout: 120_000 });
    const loaded = Date.now() - started;
    // The first keystroke, in the last paragraph of the long plan, until it is on screen.
    await editor.getByText(lastParagraph).click();
    const typed = Date.now();
    await page.keyboard.type('§');
    await expect(editor.getByText('§')).toBeAttached();
    const keystroke = Date.now() - typed;
    // Typing on: 20 more characters, until the last is on screen.
    const typing = Date.now();
    await page.keyboard.type('Quartiersbüro Altenh');
    await expect(editor.getByText('§Quartiersbüro Altenh')).toBeAttached();
    const perKey = (Date.now() - typing) / 20;
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    process.stdout.write(
      [
        `${run === 'cold' ? 'Cold' : 'Warm'} load of a ${(characters / 1000).toFixed(0)}k-character action plan (${SECTIONS * (PARAGRAPHS_PER_SECTION + 1)} blocks):`,
        `  navigation → editable with the whole document: ${ms(loaded)}`,
        `  first keystroke → on screen: ${ms(keystroke)}`,
        `  navigation → first keystroke on screen: ${ms(loaded + keystroke)}`,
        `  typing on: ${ms(perKey)} per character`,
        `  JavaScript fetched for the route: ${scripts.length} files, ${kb(total)} gzip`,
      ].join('\n') + '\n',
    );
    await context.close();
  }
});
