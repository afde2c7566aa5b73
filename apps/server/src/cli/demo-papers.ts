import { meetingRepository, type TransactionSql } from '@quartierplan/db';
import { berlinToday, createPaperInputSchema, type RichTextBlock, type Meeting } from '@quartierplan/domain';
import type { MeasureUser } from '../services/measures.ts';
import { createPaperIn } from '../services/papers.ts';

interface DemoMeeting {
  committee: string;
  /** Days from today; moved to the next working day, committees do not meet at weekends. */
  inDays: number;
  startTime: string;
  location: string;
}

const VOLME = 'Rathaus an der Volme, Sitzungssaal';

// Upcoming meetings of the Beratungsfolge in Hagen's usual order: district, specialist committees, council.
const DEMO_MEETINGS: DemoMeeting[] = [
  { committee: 'Bezirksvertretung Hagen-Mitte', inDays: 14, startTime: '16:00', location: VOLME },
  {
    committee: 'Bezirksvertretung Haspe',
    inDays: 16,
    startTime: '17:00',
    location: 'Rathaus Haspe, Sitzungssaal',
  },
  { committee: 'Jugendhilfeausschuss', inDays: 21, startTime: '16:00', location: VOLME },
  {
    committee: 'Ausschuss für Soziales, Integration und Demographie',
    inDays: 28,
    startTime: '15:00',
    location: VOLME,
  },
  {
    committee: 'Rat der Stadt Hagen',
    inDays: 42,
    startTime: '15:00',
    location: 'Rathaus an der Volme, Ratssaal',
  },
];

/** `YYYY-MM-DD` plus days, on the next weekday (plain calendar arithmetic in UTC, no time of day). */
function workingDayAfter(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const paragraph = (text: string): RichTextBlock => ({ type: 'paragraph', content: [{ type: 'text', text }] });

const CATALOGUE = 'Angebotskatalog aller Unterstützungsangebote';

/**
 * The draft, worded after Hagen's "Zusammen im Quartier" Beschlussvorlage (source document 001, docs/PRODUCT.md). Parsed by the
 * API's schema, so defaults and limits are the same as for a paper composed in the browser.
 */
function demoPaper(measureId: string, consultations: { committeeId: string; meeting: Meeting }[]) {
  return createPaperInputSchema.parse({
    type: 'beschlussvorlage',
    public: true,
    originatingOffice: '55 Fachbereich Jugend und Soziales',
    participatingOffices: ['55/Jugendhilfeplanung'],
    subject:
      'Zusammen im Quartier – Kinder stärken – Zukunft sichern: Angebotskatalog aller Unterstützungsangebote in den Sozialräumen',
    decisionProposal: [
      'Der Bericht über die Umsetzung der Handlungsempfehlungen wird zur Kenntnis genommen.',
      'Die Verwaltung wird beauftragt, einen Katalog aller Unterstützungsangebote und Dienste in den Sozialräumen zu erstellen und online sowie gedruckt zu veröffentlichen.',
      'Die Verwaltung berichtet dem Jugendhilfeausschuss jährlich über den Stand der Umsetzung.',
    ],
    summary:
      'Familien in den benachteiligten Sozialräumen kennen viele Angebote nicht. Ein gemeinsamer Angebotskatalog ' +
      'macht sie sichtbar; die Kosten trägt das Landesprogramm „Zusammen im Quartier“.',
    justification: {
      type: 'doc',
      content: [
        paragraph(
          'In den Workshops mit den vor Ort tätigen Fachkräften und den Beteiligungsverfahren mit Kindern, ' +
            'Jugendlichen und Familien wurde deutlich, dass bestehende Angebote in den Sozialräumen häufig nicht ' +
            'bekannt sind und deshalb nicht genutzt werden.',
        ),
        paragraph(
          'Die Handlungsempfehlungen sehen daher vor, alle Angebote und Dienste in den Sozialräumen zu erfassen ' +
            'und in einem Angebotskatalog zu veröffentlichen. Die Jugendhilfeplanung stimmt die Erfassung mit den ' +
            'beteiligten Fachbereichen, den freien Trägern und dem Jobcenter ab.',
        ),
        paragraph(
          'Die Wirksamkeit wird anhand der jährlich abgestimmten Kennzahlen ausgewertet, die die beteiligten ' +
            'Fachbereiche und Institutionen der Jugendhilfeplanung zur Verfügung stellen.',
        ),
      ],
    },
    disabilityImpact: {
      kind: 'affected',
      explanation:
        'Inklusion ist ein Querschnittsthema im Bereich Planung; der Katalog erscheint barrierefrei und in Leichter Sprache.',
    },
    climateImpact: { kind: 'none' },
    financialImpact: {
      kind: 'costs',
      oneOffCents: 850_000,
      explanation: 'Förderung: Zusammen im Quartier (Landesmittel)',
    },
    // Invented signatories: the demo must not put a draft into the names of real office holders.
    signatures: [
      { name: 'Erika Mustermann', role: 'Oberbürgermeisterin' },
      { name: 'Max Mustermann', role: 'Beigeordneter' },
    ],
    measureIds: [measureId],
    consultations: consultations.map(({ committeeId, meeting }, i) => ({
      committeeId,
      meetingId: meeting.id,
      date: meeting.date,
      role: i === consultations.length - 1 ? 'decision' : 'preliminary',
    })),
  });
}

/**
 * Adds upcoming meetings and one draft Beschlussvorlage (reference allocated like through the API)
 * inside the seed's transaction. Returns how many of each were created.
 */
export async function seedDemoPapers(
  tx: TransactionSql,
  admin: MeasureUser,
  committeeIds: ReadonlyMap<string, string>,
  measureIds: ReadonlyMap<string, string>,
): Promise<{ meetings: number; papers: number }> {
  const today = berlinToday();
  const meetings = new Map<string, Meeting>();
  for (const m of DEMO_MEETINGS) {
    const committeeId = committeeIds.get(m.committee);
    if (!committeeId) throw new Error(`Demo-Sitzung: Gremium „${m.committee}“ fehlt.`);
    const meeting = await meetingRepository(tx).create(admin.bodyId, {
      committeeId,
      date: workingDayAfter(today, m.inDays),
      startTime: m.startTime,
      location: m.location,
    });
    meetings.set(m.committee, meeting);
  }

  const measureId = measureIds.get(CATALOGUE);
  if (!measureId) throw new Error(`Demo-Vorlage: Maßnahme „${CATALOGUE}“ fehlt.`);
  const beratungsfolge = ['Bezirksvertretung Hagen-Mitte', 'Jugendhilfeausschuss', 'Rat der Stadt Hagen'].map(
    (name) => ({ committeeId: committeeIds.get(name)!, meeting: meetings.get(name)! }),
  );
  await createPaperIn(tx, admin, demoPaper(measureId, beratungsfolge));
  return { meetings: meetings.size, papers: 1 };
}
