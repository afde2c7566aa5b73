import {
  CONSULTATION_RESULT_LABELS,
  PAPER_TYPE_LABELS,
  formatGermanDate,
  type ConsultationResult,
  type PaperType,
} from '@quartierplan/domain';
import { cleanText } from '../model.ts';

/** One consultation's "Auszug aus der Niederschrift", everything resolved, as the exports print it. */
export interface MinutesExportInput {
  body: { name: string; letterhead: readonly string[] };
  committee: string;
  /** The day of the consultation (the meeting's day when one is linked), ISO `YYYY-MM-DD`. */
  date: string;
  /** The linked meeting's start (`HH:MM`) and place, when a meeting is linked. */
  meeting: { startTime: string | null; location: string } | null;
  paper: { type: PaperType; reference: string; subject: string };
  result: ConsultationResult | null;
  resultDate: string | null;
  /** The committee's discussion as the clerk wrote it; blank lines separate paragraphs. */
  minutes: string;
}

/** What both renderers print, in order. */
export interface MinutesModel {
  title: string;
  bodyName: string;
  letterhead: readonly string[];
  /** The page header's right-hand text. */
  headerRight: string;
  rows: ReadonlyArray<{ label: string; value: string }>;
  minutesHeading: string;
  /** Paragraphs, each a list of lines (single line breaks stay line breaks). */
  paragraphs: ReadonlyArray<readonly string[]>;
}

export const MINUTES_TITLE = 'Auszug aus der Niederschrift';

/** Splits the text into paragraphs at blank lines; lines within a paragraph stay lines. */
export function minutesParagraphs(text: string): string[][] {
  return cleanText(text.replace(/\r\n?/g, '\n'))
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim().length > 0),
    )
    .filter((lines) => lines.length > 0);
}

/** The model of the Auszug: committee, meeting (day, time, place), the paper, the result, the minutes. */
export function minutesModel(input: MinutesExportInput): MinutesModel {
  const day = formatGermanDate(input.date);
  const meeting = [
    day,
    input.meeting?.startTime ? `${input.meeting.startTime} Uhr` : null,
    input.meeting?.location ? input.meeting.location : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  const result = input.result
    ? `${CONSULTATION_RESULT_LABELS[input.result]}${
        input.resultDate ? ` (${formatGermanDate(input.resultDate)})` : ''
      }`
    : 'noch nicht erfasst';
  return {
    title: MINUTES_TITLE,
    bodyName: cleanText(input.body.name),
    letterhead: input.body.letterhead,
    headerRight: `${input.committee}\nSitzung am ${day}`,
    rows: [
      { label: 'Gremium', value: input.committee },
      { label: 'Sitzung', value: meeting },
      {
        label: 'Tagesordnungspunkt',
        value: `${PAPER_TYPE_LABELS[input.paper.type]} ${input.paper.reference}: ${input.paper.subject}`,
      },
      { label: 'Ergebnis', value: result },
    ].map((row) => ({ ...row, value: cleanText(row.value) })),
    minutesHeading: 'Niederschrift',
    paragraphs: minutesParagraphs(input.minutes),
  };
}
