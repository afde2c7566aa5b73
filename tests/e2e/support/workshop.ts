import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** A phone without an account, as participants bring them (viewport of a common phone). */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
}

/** Types the code on the `/w` page (as read off the projector), then joins with an optional name. */
export async function joinByCode(page: Page, typedCode: string, name: string | null): Promise<void> {
  await page.goto('/w');
  await page.getByLabel('Workshop-Code').fill(typedCode);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Datenschutzhinweis (Art. 13 DSGVO)' })).toBeVisible();
  if (name) await page.getByLabel('Ihr Name (optional)').fill(name);
  await page.getByRole('button', { name: 'Teilnehmen' }).click();
  await expect(page.getByRole('tab', { name: 'Karten' })).toBeVisible();
  await expect(page.getByTestId('workshop-live')).toHaveAttribute('data-state', 'live');
}

/** Adds a card on the phone's card tab. */
export async function addCard(page: Page, title: string): Promise<void> {
  await page.getByRole('tab', { name: 'Karten' }).click();
  await page.getByLabel('Was fehlt, was wird gebraucht?').fill(title);
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
  await expect(page.getByTestId('my-cards')).toContainText(title);
}

/** Sets the phone's dots on one need of the running round with + presses. */
export async function giveDots(page: Page, title: string, dots: number): Promise<void> {
  for (let i = 0; i < dots; i++) {
    const before = await page.getByTestId('dots-left').textContent();
    await page.getByRole('button', { name: `Punkt für „${title}“ vergeben` }).click();
    await expect(page.getByTestId('dots-left')).not.toHaveText(before ?? '');
  }
}

/** Reads a CSV export (UTF-8 BOM, `;` separated, quoted fields) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
