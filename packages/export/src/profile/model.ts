import {
  formatFigure,
  formatGermanDate,
  MEASURE_STATUS_LABELS,
  NEED_PRIORITY_LABELS,
  NEED_STATUS_LABELS,
  SUPPRESSED_MARK,
  SUPPRESSED_NOTE,
  type MeasureStatus,
  type SozialraumProfileDto,
} from '@quartierplan/domain';
import { cleanText } from '../model.ts';

/** What a profile export needs: the body's letterhead, the date it is made, and the published profile. */
export interface ProfileExportInput {
  body: { name: string; letterhead: readonly string[] };
  /** `YYYY-MM-DD`. */
  date: string;
  /** The profile as the API answers it: its figures have passed disclosure control. */
  profile: SozialraumProfileDto;
}

/** A table of plain text: a header row and body rows. */
export interface ProfileTable {
  header: readonly string[];
  /** Relative column widths. */
  widths: readonly number[];
  rows: ReadonlyArray<ReadonlyArray<string>>;
}

export interface ProfileSection {
  heading: string;
  /** Shown instead of the table when it has no rows. */
  empty: string;
  table: ProfileTable;
}

/** The print layout both renderers draw, in order. */
export interface ProfileModel {
  bodyName: string;
  letterhead: string[];
  title: string;
  /** Right of the letterhead. */
  subject: string;
  /** `dd.mm.yyyy`. */
  date: string;
  sections: ProfileSection[];
  /** "• Aus Datenschutzgründen …" when any figure is suppressed, else null. */
  footnote: string | null;
}

/** Turns a profile into the rows and texts of the export; figures in German notation, suppressed ones "•". */
export function profileModel(input: ProfileExportInput): ProfileModel {
  const { profile } = input;
  const name = cleanText(profile.sozialraum.name);
  const code = cleanText(profile.sozialraum.code);
  let suppressed = false;
  const figure = (value: Parameters<typeof formatFigure>[0], precision: number, unit: string) => {
    const text = formatFigure(value, precision, cleanText(unit));
    if (text === SUPPRESSED_MARK) suppressed = true;
    return text;
  };
  const keyRows = profile.keyFigures.map(({ indicator, date, here, city, previous }) => [
    cleanText(indicator.name),
    formatGermanDate(date),
    figure(here, indicator.precision, indicator.unit),
    figure(city, indicator.precision, indicator.unit),
    previous
      ? `${figure(previous, indicator.precision, indicator.unit)} (${formatGermanDate(previous.date)})`
      : '–',
  ]);
  return {
    bodyName: cleanText(input.body.name),
    letterhead: input.body.letterhead.map(cleanText),
    title: `Sozialraumprofil ${name}`,
    subject: `Sozialraum: ${code} ${name}`,
    date: formatGermanDate(input.date),
    sections: [
      {
        heading: 'Kennzahlen',
        empty: 'Noch keine Kennzahlen.',
        table: {
          header: ['Kennzahl', 'Stichtag', name, 'Stadt', 'Vorheriger Stichtag'],
          widths: [28, 15, 17, 16, 24],
          rows: keyRows,
        },
      },
      {
        heading: 'Bedarfe',
        empty: 'Keine Bedarfe erfasst.',
        table: {
          header: ['Bedarf', 'Priorität', 'Status'],
          widths: [60, 20, 20],
          rows: profile.needs.map((need) => [
            cleanText(need.title),
            NEED_PRIORITY_LABELS[need.priority] ?? cleanText(need.priority),
            NEED_STATUS_LABELS[need.status] ?? cleanText(need.status),
          ]),
        },
      },
      {
        heading: 'Maßnahmen',
        empty: 'Keine Maßnahmen.',
        table: {
          header: ['Maßnahme', 'Status'],
          widths: [70, 30],
          rows: profile.measures.map((measure) => [
            cleanText(measure.title),
            MEASURE_STATUS_LABELS[measure.status as MeasureStatus] ?? cleanText(measure.status),
          ]),
        },
      },
    ],
    footnote: suppressed ? `${SUPPRESSED_MARK} ${SUPPRESSED_NOTE}.` : null,
  };
}
