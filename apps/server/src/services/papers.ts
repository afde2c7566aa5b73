import {
  auditRepository,
  meetingRepository,
  paperRepository,
  type ConsultationWrite,
  type PaperContent,
  type Queryable,
  type TransactionSql,
} from '@quartierplan/db';
import {
  CONSULTATION_RESULT_LABELS,
  MEASURE_STATUS_LABELS,
  berlinToday,
  canComposePapers,
  canSeeMeasure,
  consultationDateOrderIssues,
  dateOrderWarning,
  isResultEditable,
  resultDateIssue,
  canReadPaper,
  formatReference,
  measureStatusAfterDecision,
  paperPermissions,
  paperReleaseIssues,
  type ConsultationInput,
  type ConsultationResultInput,
  type CreatePaperInput,
  type FieldIssue,
  type PaperDto,
  type PaperEvent,
  type Principal,
  type ReferenceFormat,
  type UpdatePaperInput,
  type Measure,
  type Paper,
  type PaperStatus,
  type ListPapersQuery,
  type KeysetCursor,
  type Page,
  cutPage,
} from '@quartierplan/domain';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { checkVersion } from '../http/versioning.ts';
import { applyTransition, publishMeasureChanges, type MeasureUser } from './measures.ts';
import type { AppContext } from '../context.ts';

/** The answer shape of a paper for one user. */
export function toPaperDto(record: Paper, principal: Principal): PaperDto {
  const { bodyId: _bodyId, supplements, ...rest } = forReader(record, principal);
  const compose = canComposePapers(principal);
  return {
    ...rest,
    // Drafts stay invisible to those who cannot compose, also as a supplement's reference.
    supplements: supplements
      .filter((s) => compose || s.released)
      .map(({ id, reference }) => ({ id, reference })),
    permissions: paperPermissions(principal, record),
  };
}

/** How the body writes its Drucksachennummern. */
export function getReferenceFormat({ sql }: AppContext, bodyId: string): Promise<ReferenceFormat> {
  return paperRepository(sql).referenceFormat(bodyId);
}

/** Changes the reference format; papers keep the references they have. */
export function setReferenceFormat(
  { sql }: AppContext,
  bodyId: string,
  format: ReferenceFormat,
): Promise<void> {
  return paperRepository(sql).setReferenceFormat(bodyId, format);
}

/**
 * A paper as one reader may see it: a released paper is read by members of other Sozialräume too, so its
 * linked measures are only those the reader may see (the rule of `canSeeMeasure`). Every read path (page,
 * list, DOCX/PDF, OParl) goes through this.
 */
export function forReader(paper: Paper, principal: Principal): Paper {
  const measures = paper.measures.filter((m) =>
    canSeeMeasure(principal, { cityWide: m.cityWide, sozialraumIds: m.sozialraeume.map((s) => s.id) }),
  );
  return measures.length === paper.measures.length ? paper : { ...paper, measures };
}

/**
 * The checks that come before reading a write's input (see http/authorize.ts): a paper one may not read is
 * not found, one may read but not write is forbidden. The use cases check again inside their transactions.
 */
export const paperWriteAccess = {
  compose: (user: Principal): void => requireComposer(user),
  async write({ sql }: AppContext, user: Principal, id: string): Promise<void> {
    await loadReadablePaper(sql, user, id);
    requireComposer(user);
  },
};

/** All papers of the body the principal may read, filtered as the list asks (OParl). */
export async function listReadablePapers(
  { sql }: AppContext,
  principal: Principal,
  filters: { status?: PaperStatus | undefined },
): Promise<Paper[]> {
  const papers = await paperRepository(sql).listRecords(principal.bodyId, filters);
  return papers.filter((paper) => canReadPaper(principal, paper)).map((paper) => forReader(paper, principal));
}

/**
 * One page of the papers the principal may read, newest first. Who may read a paper is the domain's rule
 * (`canReadPaper`), so records are read in batches and filtered until the page is full or none are left.
 */
export async function listReadablePapersPage(
  { sql }: AppContext,
  principal: Principal,
  { limit, cursor, ...filters }: ListPapersQuery,
): Promise<Page<Paper>> {
  const repo = paperRepository(sql);
  const readable: (Paper & { cursor: KeysetCursor })[] = [];
  let after = cursor;
  for (;;) {
    const batch = await repo.listRecords(principal.bodyId, filters, {
      limit: 2 * (limit + 1),
      cursor: after,
    });
    readable.push(...batch.filter((paper) => canReadPaper(principal, paper)));
    after = batch.at(-1)?.cursor;
    if (readable.length > limit || batch.length < 2 * (limit + 1)) break;
  }
  return cutPage(
    readable,
    limit,
    (paper) => paper.cursor,
    ({ cursor: _cursor, ...paper }) => forReader(paper, principal),
  );
}

/** Loads a paper the principal may read, or throws 404 (missing, other body, or not readable). */
export async function loadReadablePaper(
  sql: Queryable,
  principal: Principal,
  id: string,
  lock = false,
): Promise<Paper> {
  const repo = paperRepository(sql);
  const paper = lock ? await repo.lock(principal.bodyId, id) : await repo.findById(principal.bodyId, id);
  // A member who may not read a paper does not learn that it exists either.
  if (!paper || !canReadPaper(principal, paper)) throw notFound('Vorlage nicht gefunden.');
  return paper;
}

function requireComposer(principal: Principal): void {
  if (!canComposePapers(principal)) {
    throw forbidden('Vorlagen erstellen und bearbeiten die Gremienbetreuung und die Verwaltung.');
  }
}

/** Checks committees and meetings of the Beratungsfolge; unknown ones are field errors. */
async function resolveConsultations(
  sql: Queryable,
  bodyId: string,
  list: readonly ConsultationInput[],
  path = 'consultations',
): Promise<ConsultationWrite[]> {
  const committees = new Set(
    await paperRepository(sql).existingCommitteeIds(bodyId, [...new Set(list.map((c) => c.committeeId))]),
  );
  const meetingIds = list.flatMap((c) => (c.meetingId ? [c.meetingId] : []));
  const meetings = new Map(
    (await meetingRepository(sql).findMany(bodyId, meetingIds)).map((m) => [m.id, m] as const),
  );
  const issues: FieldIssue[] = [];
  list.forEach((c, i) => {
    if (!committees.has(c.committeeId)) {
      issues.push({ path: `${path}.${i}.committeeId`, message: 'Dieses Gremium gibt es nicht.' });
    }
    if (!c.meetingId) return;
    const meeting = meetings.get(c.meetingId);
    if (!meeting) issues.push({ path: `${path}.${i}.meetingId`, message: 'Diese Sitzung gibt es nicht.' });
    else if (meeting.committee.id !== c.committeeId)
      issues.push({
        path: `${path}.${i}.meetingId`,
        message: 'Die Sitzung gehört zu einem anderen Gremium.',
      });
    else if (meeting.date !== c.date)
      issues.push({ path: `${path}.${i}.date`, message: 'Das Datum passt nicht zur gewählten Sitzung.' });
  });
  if (issues.length > 0) throw validationFailed(issues);
  return list.map((c) => ({
    committeeId: c.committeeId,
    meetingId: c.meetingId ?? null,
    date: c.date,
    role: c.role,
  }));
}

/**
 * A Beratungsfolge whose dates run backwards is saved only when the clerk confirmed it: usually a typo,
 * sometimes a deliberate exception (a committee meeting again after the council).
 */
function checkDateOrder(list: readonly ConsultationInput[], confirmed: boolean | undefined): void {
  const issues = consultationDateOrderIssues(list);
  if (issues.length === 0 || confirmed) return;
  const warnings = issues.map(dateOrderWarning);
  throw new AppError(
    422,
    'confirmation_required',
    `${warnings.join(' ')} Bitte die Daten prüfen oder die Reihenfolge bestätigen.`,
    {
      reason: 'date_order',
      confirmWith: 'confirmDateOrder',
      consultations: issues.map((issue) => ({
        ...issue,
        committeeId: list[issue.index]!.committeeId,
        previousCommitteeId: list[issue.previousIndex]!.committeeId,
      })),
      issues: issues.map((issue, i) => ({
        path: `consultations.${issue.index}.date`,
        message: warnings[i]!,
      })),
    },
  );
}

async function checkMeasures(sql: Queryable, bodyId: string, ids: readonly string[]): Promise<void> {
  const found = new Set(await paperRepository(sql).existingMeasureIds(bodyId, ids));
  const issues = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `measureIds.${i}`, message: 'Diese Maßnahme gibt es nicht.' }],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

/** The office number of `OO/SSS/YYYY` from the originating office, e.g. 50 of "50 Sozialamt". */
function officeNumber(originatingOffice: string | undefined): number | null {
  const match = /^\s*(\d{1,3})\b/.exec(originatingOffice ?? '');
  return match ? Number(match[1]) : null;
}

/** `POST /api/papers`: a new draft with a freshly allocated Drucksachennummer. */
export async function createPaper(
  context: AppContext,
  user: MeasureUser,
  input: CreatePaperInput,
): Promise<Paper> {
  return context.sql.begin((tx) => createPaperIn(tx, user, input));
}

/**
 * Creates a draft inside the caller's transaction; the demo seed uses it so that its paper gets its
 * reference from the same allocation and checks as one created through the API.
 */
export async function createPaperIn(
  tx: TransactionSql,
  user: MeasureUser,
  input: CreatePaperInput,
): Promise<Paper> {
  requireComposer(user);
  const repo = paperRepository(tx);
  const consultations = await resolveConsultations(tx, user.bodyId, input.consultations);
  await checkMeasures(tx, user.bodyId, input.measureIds);
  checkDateOrder(input.consultations, input.confirmDateOrder);
  if (input.supplementTo) {
    const original = await repo.findById(user.bodyId, input.supplementTo);
    if (!original)
      throw validationFailed([{ path: 'supplementTo', message: 'Diese Vorlage gibt es nicht.' }]);
    if (original.status !== 'released') {
      throw validationFailed([
        {
          path: 'supplementTo',
          message: 'Ergänzt werden nur freigegebene Vorlagen; einen Entwurf bitte direkt ändern.',
        },
      ]);
    }
  }
  const format = await repo.referenceFormat(user.bodyId);
  const office = officeNumber(input.originatingOffice);
  if (format === 'OO/SSS/YYYY' && office === null) {
    throw validationFailed([
      {
        path: 'originatingOffice',
        message:
          'Für Drucksachennummern im Format OO/SSS/YYYY bitte das Amt mit Nummer angeben (z. B. „50 Sozialamt“).',
      },
    ]);
  }
  const date = berlinToday();
  const year = Number(date.slice(0, 4));
  // Allocated last, so validation errors above never hold the counter row's lock.
  const sequence = await repo.allocateSequence(user.bodyId, year);
  const reference = formatReference(format, { sequence, year, ...(office ? { office } : {}) });
  const content: PaperContent = {
    type: input.type,
    public: input.public,
    originatingOffice: input.originatingOffice ?? '',
    participatingOffices: input.participatingOffices,
    subject: input.subject,
    decisionProposalIntro: input.decisionProposalIntro ?? null,
    decisionProposal: input.decisionProposal,
    summary: input.summary ?? null,
    justification: input.justification ?? null,
    disabilityImpact: input.disabilityImpact ?? null,
    climateImpact: input.climateImpact ?? null,
    financialImpact: input.financialImpact ?? null,
    signatures: input.signatures,
  };
  return repo.create(
    user.bodyId,
    content,
    { reference, year, sequence, date, supplementTo: input.supplementTo ?? null, createdBy: user.id },
    consultations,
    input.measureIds,
  );
}

const releasedConflict = (paper: Paper) =>
  conflict(
    `Die Vorlage ${paper.reference} ist freigegeben und kann nicht mehr geändert werden. Änderungen bitte als Ergänzungsvorlage einbringen.`,
    { reason: 'released', reference: paper.reference },
  );

/** `PATCH /api/papers/:id`: a draft only, with the version the client last saw. */
export async function updatePaper(
  context: AppContext,
  user: MeasureUser,
  id: string,
  expectedVersion: number | null,
  patch: UpdatePaperInput,
): Promise<Paper> {
  return context.sql.begin(async (tx) => {
    const before = await loadReadablePaper(tx, user, id, true);
    requireComposer(user);
    if (before.status !== 'draft') throw releasedConflict(before);
    checkVersion(before.version, expectedVersion, {
      required: true,
      conflictMessage: 'Die Vorlage wurde inzwischen geändert. Bitte neu laden und erneut versuchen.',
    });
    const consultations = patch.consultations
      ? await resolveConsultations(tx, user.bodyId, patch.consultations)
      : null;
    if (patch.measureIds) await checkMeasures(tx, user.bodyId, patch.measureIds);
    if (patch.consultations) checkDateOrder(patch.consultations, patch.confirmDateOrder);
    const pick = <T>(value: T | null | undefined, current: T | null): T | null =>
      value === undefined ? current : value;
    const content: PaperContent = {
      type: patch.type ?? before.type,
      public: patch.public ?? before.public,
      originatingOffice: patch.originatingOffice ?? before.originatingOffice,
      participatingOffices: patch.participatingOffices ?? before.participatingOffices,
      subject: patch.subject ?? before.subject,
      decisionProposalIntro: pick(patch.decisionProposalIntro, before.decisionProposalIntro),
      decisionProposal: patch.decisionProposal ?? before.decisionProposal,
      summary: pick(patch.summary, before.summary),
      justification: pick(patch.justification, before.justification),
      disabilityImpact: pick(patch.disabilityImpact, before.disabilityImpact),
      climateImpact: pick(patch.climateImpact, before.climateImpact),
      financialImpact: pick(patch.financialImpact, before.financialImpact),
      signatures: patch.signatures ?? before.signatures,
    };
    return paperRepository(tx).update(before, content, consultations, patch.measureIds ?? null);
  });
}

/**
 * `POST /api/papers/:id/release`: checks the mandatory sections, freezes the paper and puts its
 * planned measures into consultation (same transaction, each with its audit event).
 */
export async function releasePaper(
  context: AppContext,
  user: MeasureUser,
  id: string,
  /** The version the person reviewed (`If-Match`); release freezes exactly that version. */
  expectedVersion: number | null = null,
): Promise<Paper> {
  const { paper, moved } = await context.sql.begin(async (tx) => {
    const before = await loadReadablePaper(tx, user, id, true);
    requireComposer(user);
    if (before.status !== 'draft') throw releasedConflict(before);
    // Optional for API clients that release what is there; the UI always sends it, so a colleague's
    // later edit is never frozen unseen.
    checkVersion(before.version, expectedVersion, {
      required: false,
      conflictMessage:
        'Die Vorlage wurde inzwischen geändert. Bitte neu laden und prüfen, bevor Sie sie freigeben.',
    });
    const issues = paperReleaseIssues(before);
    if (issues.length > 0) {
      throw new AppError(422, 'validation_failed', 'Die Vorlage ist noch nicht vollständig.', { issues });
    }
    // A paper that asks for a decision must be able to carry it to its measures later: each one
    // has to be in the action plan or already in consultation, or the result could never be recorded.
    if (before.consultations.some((c) => c.role === 'decision')) {
      const unready = before.measures.filter((m) => m.status !== 'planned' && m.status !== 'in_consultation');
      if (unready.length > 0) {
        throw new AppError(
          422,
          'invalid_transition',
          `Die Vorlage kann nicht freigegeben werden: ${unready
            .map((m) => `„${m.title}“ steht auf „${MEASURE_STATUS_LABELS[m.status]}“`)
            .join(
              '; ',
            )}. Zur Entscheidung können nur Maßnahmen „im Aktionsplan“ oder „in Beratung“ vorgelegt werden.`,
          { measures: unready.map((m) => ({ id: m.id, status: m.status })) },
        );
      }
    }
    const moved: Measure[] = [];
    for (const measure of before.measures.filter((m) => m.status === 'planned')) {
      moved.push(
        await applyTransition(tx, {
          bodyId: user.bodyId,
          measureId: measure.id,
          actor: user,
          to: 'in_consultation',
          comment: `Vorlage ${before.reference} freigegeben`,
        }),
      );
    }
    const paper = await paperRepository(tx).release(before, user.id, berlinToday());
    await auditRepository(tx).record({
      bodyId: user.bodyId,
      kind: 'paper_released',
      actorId: user.id,
      details: { paperId: paper.id, reference: paper.reference },
    });
    return { paper, moved };
  });
  await publishMeasureChanges(context, 'transition', moved);
  return paper;
}

/** Moves the paper's measures with the deciding result; a measure not in consultation stops it all. */
async function moveMeasures(
  tx: TransactionSql,
  user: MeasureUser,
  paper: Paper,
  to: 'decided' | 'rejected',
  input: ConsultationResultInput,
  committee: string,
): Promise<Measure[]> {
  const blocked = paper.measures.filter((m) => m.status !== 'in_consultation');
  if (blocked.length > 0) {
    throw new AppError(
      422,
      'invalid_transition',
      `Das Ergebnis kann nicht erfasst werden: ${blocked
        .map((m) => `„${m.title}“ ist nicht in Beratung (${MEASURE_STATUS_LABELS[m.status]})`)
        .join('; ')}.`,
      { measures: blocked.map((m) => ({ id: m.id, status: m.status })) },
    );
  }
  const moved: Measure[] = [];
  for (const measure of paper.measures) {
    moved.push(
      await applyTransition(tx, {
        bodyId: user.bodyId,
        measureId: measure.id,
        actor: user,
        to,
        decisionDate: input.date,
        paperReference: paper.reference,
        comment: `${committee}: ${CONSULTATION_RESULT_LABELS[input.result]} (Vorlage ${paper.reference})`,
      }),
    );
  }
  return moved;
}

/**
 * `POST /api/papers/:id/consultations/:consultationId/result`. The deciding committee's result moves
 * every linked measure in the same transaction; once recorded it is final (a correction is a new paper).
 */
export async function recordResult(
  context: AppContext,
  user: MeasureUser,
  paperId: string,
  consultationId: string,
  input: ConsultationResultInput,
): Promise<Paper> {
  const { paper, moved } = await context.sql.begin(async (tx) => {
    const before = await loadReadablePaper(tx, user, paperId, true);
    requireComposer(user);
    const consultation = before.consultations.find((c) => c.id === consultationId);
    if (!consultation) throw notFound('Diese Beratung gehört nicht zur Vorlage.');
    if (before.status !== 'released') {
      throw conflict('Ergebnisse werden erst nach der Freigabe der Vorlage erfasst.', { reason: 'draft' });
    }
    const dateIssue = resultDateIssue(input.date, berlinToday());
    if (dateIssue) {
      throw new AppError(422, 'validation_failed', dateIssue, {
        issues: [{ path: 'date', message: dateIssue }],
      });
    }
    if (!isResultEditable(before.consultations, consultation)) {
      throw conflict(
        'Das entscheidende Gremium hat bereits beschlossen; die Ergebnisse der Beratungen davor bleiben, wie sie sind.',
        { reason: 'decided_after' },
      );
    }
    const to = measureStatusAfterDecision(input.result);
    const deciding = consultation.role === 'decision';
    if (deciding && consultation.result && measureStatusAfterDecision(consultation.result)) {
      throw conflict(
        'Der Beschluss ist bereits erfasst und hat die Maßnahmen fortgeschrieben; Korrekturen bitte über eine neue Vorlage.',
        { reason: 'decided', result: consultation.result },
      );
    }
    const moved =
      deciding && to ? await moveMeasures(tx, user, before, to, input, consultation.committee.name) : [];
    const paper = await paperRepository(tx).recordResult(
      before,
      consultationId,
      input.result,
      input.date,
      user.id,
      input.minutes === undefined ? undefined : input.minutes || null,
    );
    return { paper, moved };
  });
  await publishMeasureChanges(context, 'transition', moved);
  return paper;
}

/** The consultation of a readable paper, or 404 when the line belongs to another paper or none. */
function consultationOf(paper: Paper, consultationId: string): Paper['consultations'][number] {
  const consultation = paper.consultations.find((c) => c.id === consultationId);
  if (!consultation) throw notFound('Diese Beratung gehört nicht zur Vorlage.');
  return consultation;
}

/**
 * `PUT /api/papers/:id/consultations/:consultationId/minutes`: the "Auszug aus der Niederschrift" of one
 * consultation; blank text removes it. Minutes follow the session, so a draft (never discussed) has none;
 * unlike the result they stay editable after the decision (the Niederschrift is often approved later).
 */
export async function setConsultationMinutes(
  context: AppContext,
  user: MeasureUser,
  paperId: string,
  consultationId: string,
  text: string,
): Promise<Paper> {
  return context.sql.begin(async (tx) => {
    const before = await loadReadablePaper(tx, user, paperId, true);
    requireComposer(user);
    consultationOf(before, consultationId);
    if (before.status !== 'released') {
      throw conflict('Niederschriften werden erst nach der Freigabe der Vorlage erfasst.', {
        reason: 'draft',
      });
    }
    return paperRepository(tx).setMinutes(before, consultationId, text.length > 0 ? text : null);
  });
}

/**
 * The paper (as the reader sees it) and the consultation whose minutes are exported; 404 when the reader may
 * not read the paper, the line is not the paper's, or it has no minutes.
 */
export async function loadMinutes(
  { sql }: AppContext,
  principal: Principal,
  paperId: string,
  consultationId: string,
): Promise<{ paper: Paper; consultation: Paper['consultations'][number] & { minutes: string } }> {
  const paper = forReader(await loadReadablePaper(sql, principal, paperId), principal);
  const consultation = consultationOf(paper, consultationId);
  if (!consultation.minutes) throw notFound('Zu dieser Beratung ist keine Niederschrift erfasst.');
  return { paper, consultation: { ...consultation, minutes: consultation.minutes } };
}

/**
 * `DELETE /api/papers/:id`: a draft goes away for good (a test draft, a withdrawn idea); a released
 * paper belongs to the council's record and stays. The deletion is audited, and the Drucksachennummer
 * is never handed out again: it may already be cited in mails or agendas, and a gap with a record
 * is clearer than one number meaning two papers.
 */
export async function deleteDraftPaper(context: AppContext, user: MeasureUser, id: string): Promise<Paper> {
  // Before the lookup: a member gets 403 whether or not the paper exists, so learns nothing.
  requireComposer(user);
  return context.sql.begin(async (tx) => {
    const paper = await loadReadablePaper(tx, user, id, true);
    if (paper.status !== 'draft') {
      throw conflict(
        `Die Vorlage ${paper.reference} ist freigegeben und bleibt Teil der Beratung; gelöscht werden nur Entwürfe.`,
        { reason: 'released', reference: paper.reference },
      );
    }
    await paperRepository(tx).deleteDraft(paper, user);
    return paper;
  });
}

/** `GET /api/papers/events` (admins): who deleted which draft, newest first. */
export function listPaperEvents({ sql }: AppContext, principal: Principal): Promise<PaperEvent[]> {
  return paperRepository(sql).events(principal.bodyId);
}
