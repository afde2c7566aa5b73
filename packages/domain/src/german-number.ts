/**
 * Parses a number as German statistics offices write it: "13.137" is 13137, "7,9" is 7.9.
 * Returns null for anything that is not such a number.
 */
export function parseGermanNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(trimmed)) return null;
  return Number(trimmed.replaceAll('.', '').replace(',', '.'));
}
