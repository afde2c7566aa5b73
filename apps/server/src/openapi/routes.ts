import {
  changeOwnPasswordInputSchema,
  committeeDtoSchema,
  consultationResultInputSchema,
  createCommitteeInputSchema,
  createMeasureInputSchema,
  createMeetingInputSchema,
  createPaperInputSchema,
  createSozialraumInputSchema,
  createUserInputSchema,
  documentDtoSchema,
  documentExportQuerySchema,
  documentVersionContentDtoSchema,
  documentVersionDtoSchema,
  exportMeasuresQuerySchema,
  exportWorkshopCsvQuerySchema,
  idSchema,
  listMeasuresQuerySchema,
  listMeetingsQuerySchema,
  listSozialraeumeQuerySchema,
  loginInputSchema,
  loginResponseDtoSchema,
  measureDashboardQuerySchema,
  meDtoSchema,
  measureDashboardDtoSchema,
  measureDtoSchema,
  measureEventDtoSchema,
  paperDtoSchema,
  paperEventDtoSchema,
  paperPrefillDtoSchema,
  paperSettingsDtoSchema,
  paperSummaryDtoSchema,
  meetingDtoSchema,
  paperPrefillQuerySchema,
  paperSettingsInputSchema,
  paperStatusSchema,
  populationDtoSchema,
  resetPasswordInputSchema,
  setMembershipsInputSchema,
  sozialraumDtoSchema,
  sozialraumNeedDtoSchema,
  transitionInputSchema,
  updateMeasureInputSchema,
  updatePaperInputSchema,
  updateSozialraumInputSchema,
  updateUserInputSchema,
  userDtoSchema,
  acceptCardDtoSchema,
  bodyPrivacyDtoSchema,
  bodyPrivacyInputSchema,
  clusterInputSchema,
  createCardInputSchema,
  createWorkshopInputSchema,
  joinWorkshopInputSchema,
  mergeCardInputSchema,
  roundResultDtoSchema,
  startRoundInputSchema,
  updateCardInputSchema,
  updateWorkshopInputSchema,
  voteInputSchema,
  workshopCardDtoSchema,
  workshopCardParamsSchema,
  workshopClusterDtoSchema,
  workshopClusterParamsSchema,
  workshopCodeParamsSchema,
  workshopDtoSchema,
  workshopInvitationDtoSchema,
  workshopParticipantDtoSchema,
  workshopParticipantParamsSchema,
  workshopRoundDtoSchema,
  workshopRoundParamsSchema,
  workshopSessionDtoSchema,
  workshopStateDtoSchema,
} from '@quartierplan/domain';
import { z } from 'zod';

/** One documented answer: a JSON schema, another media type (files, streams) or no body. */
export interface ResponseSpec {
  description: string;
  /** The JSON body's schema; absent for empty answers and non-JSON media types. */
  schema?: z.ZodType;
  /** Defaults to `application/json` when `schema` is set. */
  contentType?: string;
}

/** One operation of the HTTP API as the OpenAPI document describes it. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as Hono registers it (`/api/users/:id`). */
  path: string;
  summary: string;
  tag: string;
  /** Answers without a session (everything else needs the session cookie). */
  public?: boolean;
  /** Also answers a workshop guest's cookie (the participant routes of its own workshop). */
  participant?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Successful answers by status; every operation also answers errors in the one error shape. */
  responses: Record<number, ResponseSpec>;
}

/**
 * An answer whose fields are not yet declared as a zod schema (OParl, a few write answers): the
 * document says "a JSON object" and the test client checks no more than that.
 */
const jsonObject = z.looseObject({});

const json = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({
  200: { description, schema },
});
const created = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({
  201: { description, schema },
});
const noContent: Record<number, ResponseSpec> = { 204: { description: 'Erledigt, ohne Inhalt.' } };

const idParams = z.object({ id: idSchema });
const documentParams = z.object({ docId: idSchema });
const versionParams = z.object({ docId: idSchema, versionId: idSchema });
const bodyParams = z.object({ bodyId: idSchema });
const pageQuery = z.object({ page: z.string().optional() });

const oparl = (path: string, summary: string, params?: z.ZodObject, query?: z.ZodObject): RouteSpec => ({
  method: 'get',
  path: `/api/oparl/v1.1${path}`,
  summary,
  tag: 'OParl 1.1',
  ...(params ? { params } : {}),
  ...(query ? { query } : {}),
  responses: json('Ein OParl-1.1-Objekt bzw. eine Liste (siehe OParl-Spezifikation).', jsonObject),
});

/** Every /api route: the route coverage test fails when the app and this table disagree. */
export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Betriebsbereitschaft (Datenbank erreichbar und migriert)',
    tag: 'Betrieb',
    public: true,
    responses: json('Bereit.', z.object({ status: z.literal('ok') })),
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'Dieses OpenAPI-3.1-Dokument',
    tag: 'Betrieb',
    public: true,
    responses: json('Das Dokument.', jsonObject),
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Anmelden (setzt das Sitzungs-Cookie)',
    tag: 'Anmeldung',
    public: true,
    body: loginInputSchema,
    responses: json('Angemeldet.', loginResponseDtoSchema),
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Abmelden',
    tag: 'Anmeldung',
    public: true,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'Die angemeldete Person',
    tag: 'Konto',
    responses: json('Die Person.', meDtoSchema),
  },
  {
    method: 'post',
    path: '/api/me/password',
    summary: 'Eigenes Passwort ändern',
    tag: 'Konto',
    body: changeOwnPasswordInputSchema,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Benutzer auflisten (Admin)',
    tag: 'Benutzer',
    responses: json('Die Benutzer.', z.array(userDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Benutzer anlegen (Admin)',
    tag: 'Benutzer',
    body: createUserInputSchema,
    responses: created('Angelegt.', z.object({ id: z.string() })),
  },
  {
    method: 'get',
    path: '/api/users/:id',
    summary: 'Ein Benutzer (Admin)',
    tag: 'Benutzer',
    params: idParams,
    responses: json('Der Benutzer.', userDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Benutzer ändern (Admin)',
    tag: 'Benutzer',
    params: idParams,
    body: updateUserInputSchema,
    responses: json('Geändert.', jsonObject),
  },
  {
    method: 'put',
    path: '/api/users/:id/memberships',
    summary: 'Zuständigkeiten setzen (Admin)',
    tag: 'Benutzer',
    params: idParams,
    body: setMembershipsInputSchema,
    responses: json('Gesetzt.', jsonObject),
  },
  {
    method: 'post',
    path: '/api/users/:id/password',
    summary: 'Passwort zurücksetzen (Admin)',
    tag: 'Benutzer',
    params: idParams,
    body: resetPasswordInputSchema,
    responses: noContent,
  },
  {
    method: 'delete',
    path: '/api/users/:id/sessions',
    summary: 'Sitzungen beenden (Admin)',
    tag: 'Benutzer',
    params: idParams,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/sozialraeume',
    summary: 'Sichtbare Sozialräume',
    tag: 'Sozialräume',
    query: listSozialraeumeQuerySchema,
    responses: json('Die Sozialräume.', z.array(sozialraumDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/sozialraeume',
    summary: 'Sozialraum anlegen (Admin)',
    tag: 'Sozialräume',
    body: createSozialraumInputSchema,
    responses: created('Angelegt.', sozialraumDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id',
    summary: 'Ein Sozialraum',
    tag: 'Sozialräume',
    params: idParams,
    responses: json('Der Sozialraum.', sozialraumDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/sozialraeume/:id',
    summary: 'Sozialraum ändern (Admin)',
    tag: 'Sozialräume',
    params: idParams,
    body: updateSozialraumInputSchema,
    responses: json('Geändert.', sozialraumDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id/population',
    summary: 'Bevölkerungsdaten eines Sozialraums',
    tag: 'Sozialräume',
    params: idParams,
    responses: json('Die Tabellenzeilen.', z.array(populationDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id/needs',
    summary: 'Bedarfe eines Sozialraums als Zeilen',
    tag: 'Sozialräume',
    params: idParams,
    responses: json('Die Bedarfe.', z.array(sozialraumNeedDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/committees',
    summary: 'Gremien',
    tag: 'Gremien',
    responses: json('Die Gremien.', z.array(committeeDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/committees',
    summary: 'Gremium anlegen (Admin)',
    tag: 'Gremien',
    body: createCommitteeInputSchema,
    responses: created('Angelegt.', committeeDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId',
    summary: 'Ein gemeinsames Dokument',
    tag: 'Dokumente',
    params: documentParams,
    responses: json('Das Dokument.', documentDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId/export',
    summary:
      'Dokument exportieren: Aktionsplan als DOCX oder PDF (markup=true: Kommentare und Änderungen in DOCX), Bedarfsliste als CSV, XLSX oder PDF',
    tag: 'Dokumente',
    params: documentParams,
    query: documentExportQuerySchema,
    responses: { 200: { description: 'Die Datei.', contentType: 'application/octet-stream' } },
  },
  {
    method: 'get',
    path: '/api/documents/:docId/versions',
    summary: 'Benannte Versionen',
    tag: 'Dokumente',
    params: documentParams,
    responses: json('Die Versionen.', z.array(documentVersionDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/documents/:docId/versions',
    summary: 'Version speichern',
    tag: 'Dokumente',
    params: documentParams,
    body: z.object({ name: z.string() }),
    responses: created('Gespeichert.', documentVersionDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId/versions/:versionId',
    summary: 'Eine Version mit Inhalt',
    tag: 'Dokumente',
    params: versionParams,
    responses: json('Die Version.', documentVersionContentDtoSchema),
  },
  {
    method: 'post',
    path: '/api/documents/:docId/versions/:versionId/restore',
    summary: 'Version wiederherstellen',
    tag: 'Dokumente',
    params: versionParams,
    responses: json(
      'Wiederhergestellt; der Stand davor ist als automatische Version gespeichert.',
      z.object({ restored: documentVersionDtoSchema, automatic: documentVersionDtoSchema }),
    ),
  },
  {
    method: 'get',
    path: '/api/measures/events/stream',
    summary: 'Live-Änderungen an Maßnahmen (Server-Sent Events, Ereignis `measure`)',
    tag: 'Maßnahmen',
    responses: { 200: { description: 'Der Ereignisstrom.', contentType: 'text/event-stream' } },
  },
  {
    method: 'get',
    path: '/api/measures/export',
    summary: 'Maßnahmen exportieren (CSV oder XLSX)',
    tag: 'Maßnahmen',
    query: exportMeasuresQuerySchema,
    responses: {
      200: { description: 'Die Datei (text/csv oder XLSX).', contentType: 'application/octet-stream' },
    },
  },
  {
    method: 'get',
    path: '/api/measures/dashboard',
    summary: 'Übersicht (Admin)',
    tag: 'Maßnahmen',
    query: measureDashboardQuerySchema,
    responses: json('Die Übersicht.', measureDashboardDtoSchema),
  },
  {
    method: 'get',
    path: '/api/measures',
    summary: 'Maßnahmen',
    tag: 'Maßnahmen',
    query: listMeasuresQuerySchema,
    responses: json('Die Maßnahmen.', z.array(measureDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/measures',
    summary: 'Maßnahme anlegen',
    tag: 'Maßnahmen',
    body: createMeasureInputSchema,
    responses: created('Angelegt.', measureDtoSchema),
  },
  {
    method: 'get',
    path: '/api/measures/:id',
    summary: 'Eine Maßnahme',
    tag: 'Maßnahmen',
    params: idParams,
    responses: json('Die Maßnahme.', measureDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/measures/:id',
    summary: 'Maßnahme ändern (If-Match: Version)',
    tag: 'Maßnahmen',
    params: idParams,
    body: updateMeasureInputSchema,
    responses: json('Geändert.', measureDtoSchema),
  },
  {
    method: 'post',
    path: '/api/measures/:id/transitions',
    summary: 'Status einer Maßnahme wechseln',
    tag: 'Maßnahmen',
    params: idParams,
    body: transitionInputSchema,
    responses: json('Gewechselt.', measureDtoSchema),
  },
  {
    method: 'get',
    path: '/api/measures/:id/events',
    summary: 'Verlauf einer Maßnahme',
    tag: 'Maßnahmen',
    params: idParams,
    responses: json('Der Verlauf.', z.array(measureEventDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/meetings',
    summary: 'Sitzungen',
    tag: 'Sitzungen',
    query: listMeetingsQuerySchema,
    responses: json('Die Sitzungen.', z.array(meetingDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/meetings',
    summary: 'Sitzung anlegen (Admin, Sachbearbeitung)',
    tag: 'Sitzungen',
    body: createMeetingInputSchema,
    responses: created('Angelegt.', meetingDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/meetings/:id',
    summary: 'Sitzung löschen (Admin, Sachbearbeitung)',
    tag: 'Sitzungen',
    params: idParams,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/papers/settings',
    summary: 'Nummernformat der Vorlagen',
    tag: 'Vorlagen',
    responses: json('Die Einstellungen.', paperSettingsDtoSchema),
  },
  {
    method: 'put',
    path: '/api/papers/settings',
    summary: 'Nummernformat setzen (Admin)',
    tag: 'Vorlagen',
    body: paperSettingsInputSchema,
    responses: json('Gesetzt.', paperSettingsDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers/events',
    summary: 'Protokoll gelöschter Entwürfe (Admin)',
    tag: 'Vorlagen',
    responses: json('Die Einträge, neueste zuerst.', z.array(paperEventDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/papers/prefill',
    summary: 'Entwurf aus Maßnahmen vorbefüllen',
    tag: 'Vorlagen',
    query: paperPrefillQuerySchema,
    responses: json('Der Vorschlag.', paperPrefillDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers',
    summary: 'Vorlagen',
    tag: 'Vorlagen',
    query: z.object({ status: paperStatusSchema.optional() }),
    responses: json('Die Vorlagen.', z.array(paperSummaryDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/papers',
    summary: 'Vorlage anlegen',
    tag: 'Vorlagen',
    body: createPaperInputSchema,
    responses: created('Angelegt.', paperDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers/:id',
    summary: 'Eine Vorlage',
    tag: 'Vorlagen',
    params: idParams,
    responses: json('Die Vorlage.', paperDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/papers/:id',
    summary: 'Vorlage ändern (If-Match: Version)',
    tag: 'Vorlagen',
    params: idParams,
    body: updatePaperInputSchema,
    responses: json('Geändert.', paperDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/papers/:id',
    summary: 'Entwurf löschen (Admin, Sachbearbeitung; protokolliert, Nummer wird nicht neu vergeben)',
    tag: 'Vorlagen',
    params: idParams,
    responses: noContent,
  },
  {
    method: 'post',
    path: '/api/papers/:id/release',
    summary: 'Vorlage freigeben',
    tag: 'Vorlagen',
    params: idParams,
    responses: json('Freigegeben.', paperDtoSchema),
  },
  {
    method: 'post',
    path: '/api/papers/:id/consultations/:consultationId/result',
    summary: 'Beratungsergebnis eintragen',
    tag: 'Vorlagen',
    params: z.object({ id: idSchema, consultationId: idSchema }),
    body: consultationResultInputSchema,
    responses: json('Eingetragen.', paperDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers/:id/export',
    summary: 'Vorlage exportieren (DOCX, PDF oder OParl-JSON)',
    tag: 'Vorlagen',
    params: idParams,
    query: z.object({ format: z.enum(['docx', 'pdf', 'oparl']) }),
    responses: { 200: { description: 'Die Datei.', contentType: 'application/octet-stream' } },
  },
  ...workshopRouteSpecs(),
  {
    method: 'get',
    path: '/api/workshops/:id/export.csv',
    summary: 'Workshop exportieren: Karten oder Ergebnisse aller Runden als CSV (Moderation)',
    tag: 'Workshops',
    params: idParams,
    query: exportWorkshopCsvQuerySchema,
    responses: { 200: { description: 'Die Tabelle (UTF-8 mit BOM, Semikolon).', contentType: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/api/workshops/:id/export.xlsx',
    summary: 'Workshop exportieren: Karten und jede Runde als XLSX (Moderation)',
    tag: 'Workshops',
    params: idParams,
    responses: {
      200: {
        description: 'Die Arbeitsmappe: Blatt „Karten“, dann ein Blatt je Runde.',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  },
  oparl('/system', 'OParl-System'),
  oparl('/bodies', 'OParl-Körperschaften', undefined, pageQuery),
  oparl('/bodies/:bodyId', 'OParl-Körperschaft', bodyParams),
  ...(['organizations', 'meetings', 'papers', 'consultations', 'people'] as const).map((name) =>
    oparl(`/bodies/:bodyId/${name}`, `OParl-Liste ${name}`, bodyParams, pageQuery),
  ),
  ...(['organizations', 'meetings', 'papers', 'consultations'] as const).map((name) =>
    oparl(`/${name}/:id`, `OParl-Objekt ${name}`, z.object({ id: z.string() })),
  ),
];

/** A workshop route: `participant` ones also answer the workshop's guests (see docs/CONTRACT.md, _P_). */
function workshopRoute(
  method: RouteSpec['method'],
  path: string,
  summary: string,
  rest: Omit<RouteSpec, 'method' | 'path' | 'summary' | 'tag'>,
): RouteSpec {
  return { method, path, summary, tag: 'Workshops', ...rest };
}

/** The workshop routes (Beteiligung: join by code, cards, dot-voting rounds); hoisted into ROUTES. */
function workshopRouteSpecs(): RouteSpec[] {
  const P = { participant: true } as const;
  return [
    workshopRoute('get', '/api/sozialraeume/:id/workshops', 'Workshops eines Sozialraums (neueste zuerst)', {
      params: idParams,
      responses: json('Die Workshops.', z.array(workshopDtoSchema)),
    }),
    workshopRoute('post', '/api/sozialraeume/:id/workshops', 'Workshop anlegen (Moderation)', {
      params: idParams,
      body: createWorkshopInputSchema,
      responses: created('Angelegt, mit Code.', workshopDtoSchema),
    }),
    workshopRoute('get', '/api/workshops/:id', 'Ein Workshop', {
      ...P,
      params: idParams,
      responses: json('Der Workshop.', workshopDtoSchema),
    }),
    workshopRoute('patch', '/api/workshops/:id', 'Workshop ändern, Anmeldung sperren (Moderation)', {
      params: idParams,
      body: updateWorkshopInputSchema,
      responses: json('Geändert.', workshopDtoSchema),
    }),
    workshopRoute('post', '/api/workshops/:id/close', 'Workshop beenden (beendet eine laufende Runde)', {
      params: idParams,
      responses: json('Beendet.', workshopDtoSchema),
    }),
    workshopRoute('delete', '/api/workshops/:id', 'Workshop löschen (übernommene Bedarfe bleiben)', {
      params: idParams,
      responses: noContent,
    }),
    workshopRoute('get', '/api/workshops/:id/state', 'Alles, was Telefon, Beamer und Moderation zeigen', {
      ...P,
      params: idParams,
      responses: json('Der Stand, wie der Anfragende ihn sehen darf.', workshopStateDtoSchema),
    }),
    workshopRoute(
      'get',
      '/api/workshops/:id/events',
      'Live-Änderungen (Server-Sent Events: state, card, round …)',
      {
        ...P,
        params: idParams,
        responses: { 200: { description: 'Der Ereignisstrom.', contentType: 'text/event-stream' } },
      },
    ),
    workshopRoute('get', '/api/workshops/:id/qr.svg', 'QR-Code der Teilnahme-Adresse (lokal erzeugt)', {
      ...P,
      params: idParams,
      responses: { 200: { description: 'Das SVG.', contentType: 'image/svg+xml' } },
    }),
    workshopRoute(
      'get',
      '/api/workshop-invitations/:code',
      'Einladung zu einem Code (ohne Anmeldung, begrenzt)',
      {
        public: true,
        params: workshopCodeParamsSchema,
        responses: json('Der Workshop, wie die Teilnahmeseite ihn zeigt.', workshopInvitationDtoSchema),
      },
    ),
    workshopRoute('post', '/api/workshop-sessions', 'Mit Code teilnehmen (ohne Konto: Teilnahme-Cookie)', {
      public: true,
      body: joinWorkshopInputSchema,
      responses: created('Teilgenommen.', workshopSessionDtoSchema),
    }),
    workshopRoute('delete', '/api/workshop-sessions/current', 'Teilnahme beenden (Cookie wird gelöscht)', {
      ...P,
      responses: noContent,
    }),
    workshopRoute('get', '/api/workshops/:id/participants', 'Teilnehmende (Moderation)', {
      params: idParams,
      responses: json('Die Teilnehmenden.', z.array(workshopParticipantDtoSchema)),
    }),
    workshopRoute(
      'delete',
      '/api/workshops/:id/participants/:participantId',
      'Person mit Karten und Punkten entfernen',
      {
        params: workshopParticipantParamsSchema,
        responses: noContent,
      },
    ),
    workshopRoute('get', '/api/workshops/:id/cards', 'Karten', {
      ...P,
      params: idParams,
      responses: json('Die Karten.', z.array(workshopCardDtoSchema)),
    }),
    workshopRoute('post', '/api/workshops/:id/cards', 'Karte schreiben (höchstens 10 pro Minute)', {
      ...P,
      params: idParams,
      body: createCardInputSchema,
      responses: created('Geschrieben.', workshopCardDtoSchema),
    }),
    workshopRoute(
      'patch',
      '/api/workshops/:id/cards/:cardId',
      'Karte bearbeiten, gruppieren, zurückstellen',
      {
        params: workshopCardParamsSchema,
        body: updateCardInputSchema,
        responses: json('Geändert.', workshopCardDtoSchema),
      },
    ),
    workshopRoute(
      'delete',
      '/api/workshops/:id/cards/:cardId',
      'Karte löschen (Moderation, oder eigene neue)',
      {
        ...P,
        params: workshopCardParamsSchema,
        responses: noContent,
      },
    ),
    workshopRoute('post', '/api/workshops/:id/cards/:cardId/merge', 'Karte in eine andere zusammenführen', {
      params: workshopCardParamsSchema,
      body: mergeCardInputSchema,
      responses: json('Die Zielkarte.', workshopCardDtoSchema),
    }),
    workshopRoute('post', '/api/workshops/:id/cards/:cardId/accept', 'Karte in die Bedarfsliste übernehmen', {
      params: workshopCardParamsSchema,
      responses: json('Der Bedarf, zu dem die Karte wurde.', acceptCardDtoSchema),
    }),
    workshopRoute('post', '/api/workshops/:id/clusters', 'Gruppe anlegen', {
      params: idParams,
      body: clusterInputSchema,
      responses: created('Angelegt.', workshopClusterDtoSchema),
    }),
    workshopRoute('patch', '/api/workshops/:id/clusters/:clusterId', 'Gruppe ändern', {
      params: workshopClusterParamsSchema,
      body: clusterInputSchema,
      responses: json('Geändert.', workshopClusterDtoSchema),
    }),
    workshopRoute('delete', '/api/workshops/:id/clusters/:clusterId', 'Gruppe löschen (Karten bleiben)', {
      params: workshopClusterParamsSchema,
      responses: noContent,
    }),
    workshopRoute('get', '/api/workshops/:id/rounds', 'Abstimmungsrunden (älteste zuerst)', {
      ...P,
      params: idParams,
      responses: json('Die Runden.', z.array(workshopRoundDtoSchema)),
    }),
    workshopRoute('post', '/api/workshops/:id/rounds', 'Abstimmungsrunde starten', {
      params: idParams,
      body: startRoundInputSchema,
      responses: created('Gestartet.', workshopRoundDtoSchema),
    }),
    ...(['pause', 'resume', 'close'] as const).map((action) =>
      workshopRoute('post', `/api/workshops/:id/rounds/:roundId/${action}`, `Abstimmungsrunde: ${action}`, {
        params: workshopRoundParamsSchema,
        responses: json('Die Runde.', workshopRoundDtoSchema),
      }),
    ),
    workshopRoute(
      'post',
      '/api/workshops/:id/rounds/:roundId/votes',
      'Punkte auf einen Bedarf setzen (0 nimmt sie zurück)',
      {
        ...P,
        params: workshopRoundParamsSchema,
        body: voteInputSchema,
        responses: json('Die Runde aus Sicht der abstimmenden Person.', workshopRoundDtoSchema),
      },
    ),
    workshopRoute(
      'get',
      '/api/workshops/:id/rounds/:roundId/results',
      'Ergebnis einer Runde (verborgen: 403)',
      {
        ...P,
        params: workshopRoundParamsSchema,
        responses: json('Das Ergebnis, meiste Punkte zuerst.', z.array(roundResultDtoSchema)),
      },
    ),
    workshopRoute('get', '/api/body/privacy', 'Datenschutz-Kontakt der Kommune', {
      responses: json('Der Kontakt.', bodyPrivacyDtoSchema),
    }),
    workshopRoute('put', '/api/body/privacy', 'Datenschutz-Kontakt setzen (Admin)', {
      body: bodyPrivacyInputSchema,
      responses: json('Gesetzt.', bodyPrivacyDtoSchema),
    }),
  ];
}
