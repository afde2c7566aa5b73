import type { PaperDocumentInput, RichTextDoc } from '@quartierplan/domain';

/** Umlauts and ß in upper and lower case; every export must keep them. */
export const UMLAUTS = 'Größenänderung übermäßig ÄÖÜ äöü ß';

/** A Begründung as the Tiptap editor saves it: heading, marks, a link, lists and a table. */
const JUSTIFICATION: RichTextDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'Um die Vermutung zu überprüfen, dass sich Kinder- und Jugendarmut in Hagen entlang der B 7 konzentriert, ',
        },
        { type: 'text', text: 'hat sich die Stadt Hagen beworben', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' (Baustein 3).' },
      ],
    },
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Beteiligung vor Ort' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Siehe ' },
        {
          type: 'text',
          text: 'Förderprogramm',
          marks: [
            { type: 'link', attrs: { href: 'https://www.mkjfgfi.nrw/kinderarmut' } },
            { type: 'italic' },
          ],
        },
        { type: 'text', text: `. ${UMLAUTS}` },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Workshops mit Fachkräften' }] }],
        },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Beteiligungsverfahren' }] },
            {
              type: 'orderedList',
              attrs: { start: 1 },
              content: [
                {
                  type: 'listItem',
                  content: [
                    { type: 'paragraph', content: [{ type: 'text', text: 'mit Kindern und Jugendlichen' }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sozialraum' }] }],
            },
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kinderarmutsquote' }] }],
            },
          ],
        },
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Altenhagen/Eckesey-Süd' }] }],
            },
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: '41 %' }] }],
            },
          ],
        },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'Abschließender Absatz der Begründung.' }] },
  ],
};

const committee = (id: string, name: string, kind: 'council' | 'committee' | 'district' | 'advisory') => ({
  id,
  name,
  kind,
});

/** Source document 001 (docs/PRODUCT.md), the Hagen Beschlussvorlage, as a paper document. */
export function hagenPaper(): PaperDocumentInput {
  return {
    id: 'paper-1',
    type: 'beschlussvorlage',
    status: 'released',
    reference: '0123/2021',
    date: '2021-01-05',
    body: {
      id: 'hagen',
      name: 'Hagen',
      letterhead: ['Stadt der FernUniversität', 'Der Oberbürgermeister'],
      website: 'https://www.hagen.de',
    },
    originatingOffice: '55 Fachbereich Jugend und Soziales',
    participatingOffices: ['20 Fachbereich Finanzen und Controlling'],
    subject:
      'Zusammen im Quartier - Kinder stärken - Zukunft sichern (Baustein 3) "Handlungsempfehlungen zur Verbesserung der Lebenssituationen von Kindern, Jugendlichen und ihren Familien in benachteiligten Sozialräumen in Hagen"',
    consultations: [
      {
        id: 'c2',
        committee: committee('jha', 'Jugendhilfeausschuss', 'committee'),
        date: '2021-02-03',
        role: 'preliminary',
        order: 2,
        result: 'recommended',
        resultDate: '2021-02-03',
      },
      {
        id: 'c1',
        committee: committee('bv-eilpe', 'Bezirksvertretung Eilpe/Dahl', 'district'),
        date: '2021-01-20',
        role: 'information',
        order: 1,
      },
      {
        id: 'c3',
        committee: committee('rat', 'Rat der Stadt Hagen', 'council'),
        date: '2021-04-15',
        role: 'decision',
        order: 3,
        meeting: { id: 'rat-2021-04-15', start: '2021-04-15T15:00:00+02:00' },
      },
    ],
    decisionProposal: {
      items: [
        'Der Bericht wird zur Kenntnis genommen.',
        'Die Verwaltung wird beauftragt, ein Umsetzungskonzept für die Handlungsempfehlungen zu erarbeiten und dem Jugendhilfeausschuss vorzulegen.',
      ],
    },
    summary: 'Die Kinderarmut konzentriert sich entlang der B 7.',
    justification: JUSTIFICATION,
    disabilityImpact: {
      kind: 'affected',
      explanation: 'Inklusion ist ein Querschnittsthema im Bereich Planung.',
    },
    climateImpact: { kind: 'none' },
    financialImpact: {
      kind: 'costs',
      oneOffCents: 1_250_000,
      annualCents: 8_000_000,
      budgetLine: '1.36.20 Kinder- und Jugendarbeit',
      explanation: 'Förderung zu 90 % durch das Land.',
    },
    signatures: [
      { name: 'Erik O. Schulz', role: 'Oberbürgermeister' },
      { name: 'Margarita Kaufmann', role: 'Beigeordnete' },
    ],
    measures: [{ id: 'm1', title: 'Netzwerkkoordination Altenhagen' }],
    created: '2021-01-05T09:00:00+01:00',
    modified: '2021-01-06T10:30:00+01:00',
  };
}

/** A paper with only the required fields: every optional section empty. */
export function minimalPaper(): PaperDocumentInput {
  return {
    id: 'paper-2',
    type: 'antrag',
    reference: '0745/2023',
    date: '2023-09-11',
    body: { id: 'hagen', name: 'Hagen' },
    originatingOffice: 'Fraktion Bündnis 90/Die Grünen im Rat der Stadt Hagen',
    subject: 'Netzwerkkoordination für die Sozialräume',
  };
}
