/**
 * A whole number with German thousands separators, `1234567` → `1.234.567`, without Intl: validation
 * messages are built when their module loads, and the first Intl call maps ICU's locale data into the
 * process (~8 MB of a server at rest).
 */
export function formatGermanInteger(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Parses a number as German statistics offices write it: "13.137" is 13137, "7,9" is 7.9.
 * Returns null for anything that is not such a number.
 */
export function parseGermanNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(trimmed)) return null;
  return Number(trimmed.replaceAll('.', '').replace(',', '.'));
}
