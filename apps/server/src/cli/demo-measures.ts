import {
  evaluationRepository,
  measureRepository,
  milestoneRepository,
  reportRepository,
  type MeasureActor,
  type MeasureValues,
  type TransactionSql,
} from '@quartierplan/db';
import {
  checkTransition,
  evaluationIndicatorInputSchema,
  milestoneInputSchema,
  reportInputSchema,
  type MeasureStatus,
  type TransitionData,
} from '@quartierplan/domain';

interface DemoMeasure {
  values: Partial<MeasureValues> & { title: string };
  /** Sozialraum codes; empty for a city-wide measure. */
  codes: string[];
  /** Transitions from `idea`, each with the data it needs. */
  steps: (MeasureStatus | ({ to: MeasureStatus } & TransitionData))[];
  /** After the decision: milestones, progress reports (the newest sets `progress`), evaluation, publication. */
  implementation?: {
    public: boolean;
    milestones: unknown[];
    reports: unknown[];
    evaluation: unknown[];
  };
}

const DECIDED = { to: 'decided' as const, decisionDate: '2025-03-27', paperReference: '0212/2025' };

// Measures as Hagen's "Zusammen im Quartier" plan describes them (source document 000, docs/PRODUCT.md): central contact points,
// early support on site, a catalogue of offers, network coordination; in every workflow state.
const DEMO_MEASURES: DemoMeasure[] = [
  {
    codes: ['713'],
    values: {
      title: 'Quartiersbüro Altenhagen',
      description:
        'Zentrale Anlaufstelle für alle Bewohner*innen mit offener Sprechstunde und Lotsenfunktion.',
      handlungsfeld: 'Präsenz und Anlaufstellen',
      responsibleDepartment: '55 Fachbereich Jugend und Soziales',
      provider: 'Caritasverband Hagen',
      targetGroup: 'Bewohner*innen, Familien',
      costOneOff: 15_000,
      costYearly: 62_000,
      fundingSource: 'land',
      fundingProgramme: 'Zusammen im Quartier – Kinder stärken, Zukunft sichern',
      plannedStart: '2025-05-01',
      plannedEnd: '2027-04-30',
      actualStart: '2025-06-01',
      goals: [
        { goal: 'Anlaufstelle ist bekannt', indicator: 'Beratungskontakte pro Monat', targetValue: '150' },
      ],
      progress: 35,
    },
    steps: ['recommended', 'planned', 'in_consultation', DECIDED, 'in_implementation'],
    // As seed 004 plans work packages: milestones with planned and actual dates, one of them late.
    implementation: {
      public: true,
      milestones: [
        {
          title: 'Räume angemietet',
          plannedDate: '2025-05-15',
          actualDate: '2025-06-01',
          status: 'done',
          responsible: 'Caritasverband Hagen',
        },
        {
          title: 'Offene Sprechstunde eröffnet',
          plannedDate: '2025-07-01',
          actualDate: '2025-07-15',
          status: 'done',
          responsible: 'Caritasverband Hagen',
        },
        {
          title: 'Lotsenkonzept mit den Trägern abgestimmt',
          plannedDate: '2026-09-30',
          status: 'in_progress',
          responsible: '55/Jugendhilfeplanung',
        },
        {
          title: 'Zwischenbericht an den Sozialausschuss',
          plannedDate: '2027-02-28',
          status: 'planned',
          responsible: '55 Fachbereich Jugend und Soziales',
        },
      ],
      reports: [
        {
          date: '2025-09-30',
          text: 'Die Sprechstunde läuft an drei Tagen pro Woche; im ersten Quartal 240 Beratungskontakte.',
          progress: 20,
        },
        {
          date: '2026-06-30',
          text: 'Lotsenfunktion mit Kita und Jobcenter erprobt; das Konzept mit den Trägern ist in Abstimmung.',
          progress: 35,
        },
      ],
      evaluation: [
        {
          name: 'Beratungskontakte pro Monat',
          unit: 'Kontakte',
          baseline: 0,
          baselineDate: '2025-06-01',
          target: 150,
          targetDate: '2027-04-30',
          actual: 96,
          actualDate: '2026-10-31',
        },
      ],
    },
  },
  {
    codes: ['712'],
    values: {
      title: 'Familiencafé Wehringhausen',
      description:
        'Niedrigschwelliger Treffpunkt für Eltern mit Kindern unter sechs Jahren, mit Sprachangeboten.',
      handlungsfeld: 'Frühe Unterstützung',
      responsibleDepartment: '55 Fachbereich Jugend und Soziales',
      provider: 'AWO Unterbezirk Hagen-Märkischer Kreis',
      targetGroup: 'Eltern mit Kindern unter 6 Jahren',
      costYearly: 24_000,
      fundingSource: 'kommunal',
      plannedStart: '2026-01-01',
      goals: [{ goal: 'Familien früh erreichen', indicator: 'Familien pro Woche', targetValue: '25' }],
    },
    steps: ['recommended', 'planned', 'in_consultation'],
  },
  {
    codes: [],
    values: {
      title: 'Angebotskatalog aller Unterstützungsangebote',
      description:
        'Erfassung und Veröffentlichung aller Angebote und Dienste in den Sozialräumen (online und gedruckt).',
      handlungsfeld: 'Information und Öffentlichkeitsarbeit',
      responsibleDepartment: '55/Jugendhilfeplanung',
      costOneOff: 8_500,
      fundingSource: 'land',
      fundingProgramme: 'Zusammen im Quartier',
    },
    steps: ['recommended', 'planned'],
  },
  {
    codes: ['713', '712'],
    values: {
      title: 'Netzwerkkoordination Kinderarmut',
      description: 'Regelmäßiger Arbeitskreis der Fachkräfte aus Kita, Schule, Jugendhilfe und Jobcenter.',
      handlungsfeld: 'Netzwerkkoordination',
      responsibleDepartment: '55 Fachbereich Jugend und Soziales',
      costYearly: 5_000,
      fundingSource: 'kommunal',
    },
    steps: ['recommended'],
  },
  {
    codes: ['713'],
    values: {
      title: 'Ferienangebote für Kinder ohne Urlaub',
      description: 'Idee aus der Kinderbeteiligung: kostenlose Ausflüge in den Sommerferien.',
      targetGroup: 'Kinder von 6 bis 12 Jahren',
    },
    steps: [],
  },
  {
    codes: ['712'],
    values: {
      title: 'Schulsozialarbeit an Grundschulen ausweiten',
      handlungsfeld: 'Bildung',
      responsibleDepartment: '48 Fachbereich Bildung',
      costYearly: 70_000,
      fundingSource: 'bund',
    },
    steps: ['recommended', 'planned', { to: 'deferred', comment: 'Zurückgestellt bis zum Haushalt 2026.' }],
  },
];

/**
 * Adds the demo measures in various states, each with its audit trail, as the given admin.
 * Returns their ids by title, so the demo paper can link them.
 */
export async function seedDemoMeasures(
  tx: TransactionSql,
  bodyId: string,
  actor: MeasureActor,
  sozialraumIds: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const repo = measureRepository(tx);
  const created = new Map<string, string>();
  for (const demo of DEMO_MEASURES) {
    const ids = demo.codes.map((code) => sozialraumIds.get(code)).filter((id): id is string => Boolean(id));
    let measure = await repo.create(
      bodyId,
      actor,
      {
        description: '',
        handlungsfeld: '',
        responsibleDepartment: '',
        provider: '',
        targetGroup: '',
        costOneOff: null,
        costYearly: null,
        fundingSource: null,
        fundingProgramme: '',
        plannedStart: null,
        plannedEnd: null,
        actualStart: null,
        actualEnd: null,
        goals: [],
        progress: 0,
        ...demo.values,
        cityWide: ids.length === 0,
        sozialraumIds: ids,
      },
      [],
    );
    for (const step of demo.steps) {
      const { to, ...data } = typeof step === 'string' ? { to: step } : step;
      const check = checkTransition(measure, to, data);
      if (!check.ok) throw new Error(`Demo-Maßnahme „${measure.title}“: ${check.message}`);
      // `measure` is what the last write returned, in the seed's own transaction: its version is current.
      measure = (await repo.transition(measure, actor, {
        to,
        deferredFrom: check.deferredFrom,
        comment: data.comment ?? null,
        decisionDate: data.decisionDate ?? null,
        paperReference: data.paperReference ?? null,
      }))!;
    }
    if (demo.implementation) await seedImplementation(tx, measure.id, actor, demo.implementation);
    created.set(measure.title, measure.id);
  }
  return created;
}

/** The demo's implementation data, read through the API's own input schemas (so it is what a user could enter). */
async function seedImplementation(
  tx: TransactionSql,
  measureId: string,
  actor: MeasureActor,
  implementation: NonNullable<DemoMeasure['implementation']>,
): Promise<void> {
  for (const milestone of implementation.milestones) {
    await milestoneRepository(tx).create(measureId, milestoneInputSchema.parse(milestone));
  }
  for (const report of implementation.reports) {
    await reportRepository(tx).create(measureId, actor.id, reportInputSchema.parse(report));
  }
  for (const indicator of implementation.evaluation) {
    await evaluationRepository(tx).create(measureId, evaluationIndicatorInputSchema.parse(indicator));
  }
  await measureRepository(tx).setPublic(measureId, implementation.public);
}
