/**
 * A calendar day in the municipality (Europe/Berlin), `days` from today, `YYYY-MM-DD`: the server counts late
 * milestones by that day, which is already tomorrow for an hour or two before midnight UTC.
 */
export function berlinDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
