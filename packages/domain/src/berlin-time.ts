/** A wall-clock minute in the municipality's time zone, each part zero-padded (`hour` 00–23). */
export interface BerlinMinute {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

// Made on first use: the first Intl formatter maps ICU's locale data into the process (the sync server
// at rest never needs it).
let format: Intl.DateTimeFormat | undefined;

/** The minute `at` shows on a clock in Europe/Berlin (summer time included). */
export function berlinMinute(at: Date): BerlinMinute {
  format ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const part = new Map(format.formatToParts(at).map((p) => [p.type, p.value]));
  const get = (type: Intl.DateTimeFormatPartTypes) => part.get(type) ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}
