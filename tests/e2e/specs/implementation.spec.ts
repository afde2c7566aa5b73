import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts.ts';
import { adminApi, createMeasure, createSozialraum } from '../support/measures.ts';
import { berlinDay } from '../support/dates.ts';
import { login } from '../support/session.ts';

// From decision to practice: the admin plans milestones of a decided measure with the Träger as the one
// reminded, the Träger reports progress and reaches a milestone, the admin sees it all, on the measure page
// (Verlauf included) and on the Sozialraum page, after a reload too.

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, what).toEqual([]);
}

async function openMeasure(browser: Browser, email: string, password: string, id: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email, password);
  await page.goto(`/massnahmen/${id}`);
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  return page;
}

const TRAEGER = {
  name: 'Tamara Umsetzungsträger',
  email: 'tamara.umsetzung@musterhausen.example',
  password: 'Traeger-Umsetzung-2026',
};
const TITLE = 'Lernwerkstatt Wehringhausen';
const REPORT = 'Räume angemietet, erste Kurse mit zwölf Kindern gestartet.';

test('the Träger reports progress and reaches a milestone; the admin sees both, and the Verlauf traces them', async ({
  browser,
  baseURL,
}) => {
  const api = await adminApi(baseURL!);
  const sozialraumId = await createSozialraum(api, 'UM-18', 'Umsetzung Wehringhausen');
  const created = await api.post('/api/users', {
    data: { ...TRAEGER, role: 'member', memberships: [{ sozialraumId, access: 'edit' }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const measure = await createMeasure(api, { title: TITLE, sozialraumIds: [sozialraumId] }, [
    'recommended',
    'planned',
    'in_consultation',
    { to: 'decided', decisionDate: berlinDay(-20), paperReference: '0918/2026' },
    'in_implementation',
  ]);
  await api.dispose();

  // The admin plans: an empty title is refused next to the field, then two milestones, the first late.
  const admin = await openMeasure(browser, ADMIN.email, ADMIN.password, measure.id);
  const milestones = admin.getByTestId('milestones');
  await expect(milestones.getByText('Noch keine Meilensteine.', { exact: false })).toBeVisible();
  await milestones.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  const form = milestones.getByRole('form', { name: 'Neuer Meilenstein' });
  await form.getByLabel('Geplant am', { exact: true }).fill(berlinDay(-3));
  await form.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  const title = form.getByLabel('Titel des Meilensteins', { exact: true });
  await expect(form.getByText('Bitte einen Titel angeben.')).toBeVisible();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toBeFocused();
  await title.fill('Räume angemietet');
  await form.getByLabel('Verantwortlich', { exact: true }).fill('Lernwerkstatt e. V.');
  await form.getByLabel('Erinnerung an', { exact: true }).selectOption({ label: TRAEGER.name });
  await form.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  await expect(
    admin.getByRole('status').filter({ hasText: 'Meilenstein „Räume angemietet“ hinzugefügt.' }),
  ).toBeVisible();
  const rooms = milestones.getByTestId('milestone').filter({ hasText: 'Räume angemietet' });
  await expect(rooms.getByTestId('milestone-late')).toHaveText('3 Tage verspätet');
  await expect(rooms).toContainText(`Lernwerkstatt e. V. · Erinnerung an ${TRAEGER.name}`);

  await milestones.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  const second = milestones.getByRole('form', { name: 'Neuer Meilenstein' });
  await second.getByLabel('Titel des Meilensteins', { exact: true }).fill('Elternabend');
  await second.getByLabel('Geplant am', { exact: true }).fill(berlinDay(30));
  await second.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  await expect(milestones.getByTestId('milestone')).toHaveCount(2);
  // Reordered by keyboard: the arrow keeps the focus (the other one once the milestone reached the top).
  await milestones.getByRole('button', { name: '„Elternabend“ nach oben schieben' }).focus();
  await admin.keyboard.press('Enter');
  await expect(milestones.getByRole('heading', { level: 3 })).toHaveText(['Elternabend', 'Räume angemietet']);
  await expect(milestones.getByRole('button', { name: '„Elternabend“ nach unten schieben' })).toBeFocused();
  await admin.keyboard.press('Enter');
  await expect(milestones.getByRole('heading', { level: 3 })).toHaveText(['Räume angemietet', 'Elternabend']);

  // A Kennzahl of the evaluation with its attainment.
  const evaluation = admin.getByTestId('evaluation');
  await evaluation.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  const figure = evaluation.getByRole('form', { name: 'Neue Kennzahl' });
  await figure.getByLabel('Kennzahl', { exact: true }).fill('Kinder je Woche');
  await figure.getByLabel('Ausgangswert', { exact: true }).fill('0');
  await figure.getByLabel('Zielwert', { exact: true }).fill('48');
  await figure.getByLabel('Ist-Wert', { exact: true }).fill('zwölf');
  await figure.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  await expect(figure.getByText('Der Ist-Wert muss eine Zahl sein.')).toBeVisible();
  await figure.getByLabel('Ist-Wert', { exact: true }).fill('12');
  await figure.getByLabel('Stand des Ist-Werts', { exact: true }).fill(berlinDay(-1));
  await figure.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  const kids = evaluation.getByTestId('evaluation-indicator').filter({ hasText: 'Kinder je Woche' });
  await expect(
    kids.getByRole('progressbar', { name: 'Zielerreichung von „Kinder je Woche“' }),
  ).toHaveAttribute('aria-valuenow', '25');

  // The Träger marks the late milestone reached and reports 40 %; publishing is not theirs.
  const traeger = await openMeasure(browser, TRAEGER.email, TRAEGER.password, measure.id);
  await expect(traeger.getByRole('switch')).toHaveCount(0);
  const reached = traeger.getByTestId('milestone').filter({ hasText: 'Räume angemietet' });
  await reached.getByRole('button', { name: '„Räume angemietet“ als erreicht markieren' }).click();
  await expect(reached.getByTestId('milestone-status')).toHaveText('erreicht');
  await expect(
    reached.getByRole('button', { name: '„Räume angemietet“ als erreicht markieren' }),
  ).toHaveCount(0);

  const reports = traeger.getByTestId('reports');
  await expect(reports.getByText('Noch keine Fortschrittsberichte.')).toBeVisible();
  await reports.getByLabel('Bericht', { exact: true }).fill(REPORT);
  // A typed report is not lost by leaving the page: it asks first.
  let asked = '';
  traeger.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await traeger.getByRole('link', { name: 'Alle Maßnahmen' }).click();
  await expect.poll(() => asked).toContain('ungespeicherte Änderungen');
  await expect(reports.getByLabel('Bericht', { exact: true })).toHaveValue(REPORT);
  await reports.getByLabel('Fortschritt in Prozent', { exact: true }).fill('40');
  await expect(reports.getByRole('slider', { name: 'Fortschritt (Schieberegler)' })).toHaveValue('40');
  await reports.getByRole('button', { name: 'Bericht hinzufügen' }).click();
  await expect(
    traeger.getByRole('status').filter({ hasText: 'Bericht gespeichert. Fortschritt jetzt 40 %.' }),
  ).toBeVisible();
  await expect(reports.getByTestId('report').first()).toContainText(REPORT);
  await expect(reports.getByTestId('report').first()).toContainText(TRAEGER.name);
  await expect(reports.getByRole('progressbar', { name: 'Fortschritt der Maßnahme' })).toHaveAttribute(
    'aria-valuenow',
    '40',
  );
  // The admin sees it (live, and after a reload), with the Verlauf tracing every step.
  for (const pass of ['live', 'reloaded']) {
    if (pass === 'reloaded') await admin.reload();
    const progress = admin
      .getByTestId('reports')
      .getByRole('progressbar', { name: 'Fortschritt der Maßnahme' });
    await expect(progress, pass).toHaveAttribute('aria-valuenow', '40');
    const report = admin.getByTestId('report').first();
    await expect(report, pass).toContainText(REPORT);
    await expect(report, pass).toContainText(TRAEGER.name);
    await expect(report, pass).toContainText('Fortschritt 40 %');
    const rooms = admin.getByTestId('milestone').filter({ hasText: 'Räume angemietet' });
    await expect(rooms.getByTestId('milestone-status'), pass).toHaveText('erreicht');
    await expect(admin.getByTestId('milestone').nth(1), pass).toContainText('Elternabend');
    const trace = admin.getByTestId('trace');
    await expect(trace.getByRole('link', { name: 'Maßnahme angelegt' }), pass).toHaveAttribute(
      'href',
      '#chain-title',
    );
    await expect(trace.getByText('Meilenstein: Räume angemietet (erreicht)'), pass).toBeVisible();
    await expect(trace.getByText('Fortschrittsbericht: 40 %'), pass).toBeVisible();
    await expect(trace.getByText('Kennzahl Kinder je Woche: 12'), pass).toBeVisible();
  }
  // An ordered list, oldest first (a day-precise entry before the instants of its day).
  const times = await admin
    .getByTestId('trace')
    .locator('ol > li time')
    .evaluateAll((items) => items.map((i) => i.getAttribute('datetime') ?? ''));
  expect(times.length).toBeGreaterThanOrEqual(9);
  expect(times).toEqual([...times].sort());

  // Publication: the switch says what leaves the body; it stays on after a reload.
  const publication = admin.getByTestId('publication');
  const toggle = publication.getByRole('switch', { name: 'Auf der Transparenzseite zeigen' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(publication).toContainText('Intern bleiben: Personen und Verantwortliche');
  await toggle.press('Space');
  await expect(
    admin.getByRole('status').filter({ hasText: 'Die Maßnahme ist jetzt öffentlich.' }),
  ).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId('publication').getByRole('switch')).toHaveAttribute('aria-checked', 'true');

  await expectNoSeriousViolations(admin, 'measure page with milestones, reports, evaluation and Verlauf');
  await admin.setViewportSize({ width: 360, height: 740 });
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'measure page at 360 px').toBeLessThanOrEqual(1);

  // The Sozialraum page lists the measure with its status and progress.
  await admin.setViewportSize({ width: 1280, height: 800 });
  await admin.goto(`/sozialraeume/${sozialraumId}`);
  const listed = admin.getByTestId('profile-measure').filter({ hasText: TITLE });
  await expect(listed).toContainText('in Umsetzung');
  await expect(listed.getByRole('progressbar', { name: `Fortschritt von „${TITLE}“` })).toHaveAttribute(
    'aria-valuenow',
    '40',
  );
  await expect(listed).toContainText('40 %');
});
