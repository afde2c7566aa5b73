/**
 * German labels of a need's fields as exports print them (the web app has its own, translated, in its
 * messages). Keyed by the values the needs document stores (collab NEED_SOURCES etc.).
 */
export const NEED_SOURCE_LABELS: Readonly<Record<string, string>> = {
  workshop: 'Workshop',
  participation: 'Beteiligung',
  data: 'Datenanalyse',
  other: 'Sonstiges',
};

export const NEED_PRIORITY_LABELS: Readonly<Record<string, string>> = {
  high: 'hoch',
  medium: 'mittel',
  low: 'niedrig',
};

export const NEED_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'offen',
  addressed: 'aufgegriffen',
  dropped: 'verworfen',
};
