import type { CommitteeDto, CreatePaperInput } from '@quartierplan/domain';
import { expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PaperFormHarness from './PaperFormHarness.svelte';

const committees: CommitteeDto[] = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'Rat der Stadt', kind: 'council' },
];

const submit = () => page.getByRole('button', { name: 'Vorlage anlegen' }).click();

test('without a subject nothing is sent: the error stands next to the field and in the summary', async () => {
  const onsave = vi.fn(async () => {});
  render(PaperFormHarness, { committees, onsave });
  await submit();
  const subject = page.getByLabelText('Betreff');
  await expect.element(subject).toHaveAttribute('aria-invalid', 'true');
  await expect.element(subject).toHaveAccessibleDescription('Bitte einen Betreff angeben.');
  // The summary lists the refused field and links to it.
  await expect.element(page.getByRole('link', { name: /Bitte einen Betreff angeben/ })).toBeVisible();
  expect(onsave).not.toHaveBeenCalled();
});

test('an unreadable amount and a signature without a name are refused next to their fields', async () => {
  const onsave = vi.fn(async () => {});
  render(PaperFormHarness, { committees, onsave });
  await page.getByLabelText('Betreff').fill('Quartiersbüro Altenhagen');
  await page.getByRole('radio', { name: 'finanzielle und/oder personelle Auswirkungen' }).click();
  await page.getByLabelText('Einmalige Kosten (€)').fill('zwölf Euro');
  await submit();
  const amount = page.getByLabelText('Einmalige Kosten (€)');
  await expect.element(amount).toHaveAttribute('aria-invalid', 'true');
  await expect.element(page.getByLabelText('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect.element(page.getByLabelText('Betreff')).not.toHaveAttribute('aria-invalid');
  expect(onsave).not.toHaveBeenCalled();
});

test('tracks unsaved changes and sends what the person entered, in the API’s shape', async () => {
  const sent: CreatePaperInput[] = [];
  render(PaperFormHarness, {
    committees,
    onsave: async (input: CreatePaperInput) => {
      sent.push(input);
    },
  });
  const unsaved = page.getByTestId('unsaved');
  await expect.element(unsaved).toHaveTextContent(/^gespeichert$/);
  await page.getByLabelText('Betreff').fill('Quartiersbüro Altenhagen');
  await expect.element(unsaved).toHaveTextContent(/^ungespeichert$/);

  await page.getByLabelText('Amt/Eigenbetrieb (federführend)').fill('50 Sozialamt');
  await page.getByLabelText('Punkt 1', { exact: true }).fill('Der Rat beschließt das Quartiersbüro.');
  await page.getByRole('button', { name: 'Punkt hinzufügen' }).click();
  await page.getByLabelText('Punkt 2', { exact: true }).fill('Die Verwaltung berichtet jährlich.');
  await page.getByRole('radio', { name: 'finanzielle und/oder personelle Auswirkungen' }).click();
  await page.getByLabelText('Einmalige Kosten (€)').fill('12.500,50');
  await page.getByLabelText('Jährliche Folgekosten (€)').fill('48000');
  await page.getByLabelText('Name', { exact: true }).fill('Erik O. Schulz');
  await submit();

  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0]).toMatchObject({
    type: 'beschlussvorlage',
    subject: 'Quartiersbüro Altenhagen',
    originatingOffice: '50 Sozialamt',
    decisionProposal: ['Der Rat beschließt das Quartiersbüro.', 'Die Verwaltung berichtet jährlich.'],
    financialImpact: { kind: 'costs', oneOffCents: 1_250_050, annualCents: 4_800_000 },
    signatures: [{ name: 'Erik O. Schulz', role: 'Oberbürgermeister' }],
  });
  // Saved: nothing is left to lose.
  await expect.element(unsaved).toHaveTextContent(/^gespeichert$/);
});
