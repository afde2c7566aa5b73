import { formatGermanInteger } from '../german-number.ts';
import type { PaperConsultation } from './schemas.ts';

/** `2021-01-20` → `20.01.2021`, the way every German paper writes dates; text that is no ISO date stays as it is. */
export function formatGermanDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : isoDate;
}

/** Euro cents as German currency text, `1234567` → `12.345,67 €`; integer arithmetic keeps large sums exact. */
export function formatEuroCents(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${formatGermanInteger(euros)},${rest} €`;
}

/** The Beratungsfolge in the order it is printed: by `order`, then by date. */
export function sortConsultations<T extends Pick<PaperConsultation, 'order' | 'date'>>(
  list: readonly T[],
): T[] {
  return [...list].sort((a, b) => a.order - b.order || a.date.localeCompare(b.date));
}

/** The consultation whose committee decides (Beschlussfassung), if any. */
export function decidingConsultation<T extends Pick<PaperConsultation, 'role'>>(
  list: readonly T[],
): T | undefined {
  return list.find((c) => c.role === 'decision');
}
