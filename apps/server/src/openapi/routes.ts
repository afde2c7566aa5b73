import {
  accessibilityFeedbackCreatedDtoSchema,
  accessibilityFeedbackDtoSchema,
  accessibilityFeedbackInputSchema,
  accessibilityStatementDtoSchema,
  auditEventDtoSchema,
  listAuditLogQuerySchema,
  updateAccessibilityStatementInputSchema,
  changeOwnPasswordInputSchema,
  consultationParamsSchema,
  createDocumentVersionInputSchema,
  documentParamsSchema,
  documentRestoreDtoSchema,
  documentVersionParamsSchema,
  healthDtoSchema,
  idParamSchema,
  listNotificationsQuerySchema,
  listPapersQuerySchema,
  notificationDtoSchema,
  unreadCountDtoSchema,
  measureLiveEventDtoSchema,
  measureStreamReadyDtoSchema,
  oparlBodyParamsSchema,
  oparlMeetingParamsSchema,
  oparlPageQuerySchema,
  paperExportQuerySchema,
  committeeDtoSchema,
  indicatorDtoSchema,
  indicatorImportDtoSchema,
  indicatorImportQuerySchema,
  indicatorInputSchema,
  indicatorValuesDtoSchema,
  indicatorValuesInputSchema,
  indicatorValuesQuerySchema,
  indicatorValuesUpsertDtoSchema,
  updateIndicatorInputSchema,
  consultationResultInputSchema,
  createCommitteeInputSchema,
  createMeasureInputSchema,
  createMeetingInputSchema,
  createPaperInputSchema,
  createSozialraumInputSchema,
  createUserInputSchema,
  dataExportDtoSchema,
  eraseUserInputSchema,
  documentDtoSchema,
  documentExportQuerySchema,
  documentVersionContentDtoSchema,
  documentVersionDtoSchema,
  exportMeasuresQuerySchema,
  exportWorkshopCsvQuerySchema,
  listMeasuresQuerySchema,
  listMeetingsQuerySchema,
  listSozialraeumeQuerySchema,
  loginInputSchema,
  loginResponseDtoSchema,
  authConfigDtoSchema,
  logoutResponseDtoSchema,
  oidcLoginQuerySchema,
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
  profileExportQuerySchema,
  sozialraumProfileDtoSchema,
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
  workshopEventSchemas,
  boundaryInputSchema,
  offerDtoSchema,
  offerImportDtoSchema,
  offerImportQuerySchema,
  offerInputSchema,
  publicOffersDtoSchema,
  publicOffersQuerySchema,
  sozialraumFeatureCollectionSchema,
  updateOfferInputSchema,
} from '@quartierplan/domain';
import type { OparlSchemaName } from '@quartierplan/export';
import { z } from 'zod';
import { citationRouteSpecs } from './citation-routes.ts';
import { workplanRouteSpecs } from './workplan-routes.ts';
import { commentRouteSpecs } from './comment-routes.ts';
import { implementationRouteSpecs } from './implementation-routes.ts';

/** One documented answer: JSON (a zod or an OParl schema), other media types (files, pages), events or no body. */
export interface ResponseSpec {
  description: string;
  /** The JSON body's schema. */
  schema?: z.ZodType;
  /** The JSON body's OParl 1.1 conformance schema (packages/export/src/oparl/schemas.ts). */
  oparl?: OparlSchemaName;
  /** Media types of a non-JSON answer; beside `schema` or `oparl`, the answer is JSON or one of these. */
  contentTypes?: readonly string[];
  /** A `text/event-stream` answer: each event's name and the schema of its JSON `data`. */
  events?: Record<string, z.ZodType>;
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
  /** A `multipart/form-data` body instead (file uploads): its JSON schema as the document states it. */
  multipart?: Record<string, unknown>;
  /** Successful answers by status. */
  responses: Record<number, ResponseSpec>;
  /** Error answers beyond those the operation's shape implies (see `errorStatuses`). */
  errors?: ErrorStatus[];
}

/** What each error status means, as the document says it. */
export const ERROR_STATUSES = {
  400: 'Ungültige Eingabe (validation_failed, malformed_json); `details.issues` nennt die Felder.',
  401: 'Nicht angemeldet (unauthenticated) oder Anmeldung fehlgeschlagen (invalid_credentials).',
  403: 'Keine Berechtigung (forbidden) oder Anfrage von einer fremden Website (cross_origin_request).',
  404: 'Nicht gefunden (not_found); auch Einträge anderer Kommunen und ungültige Kennungen.',
  409: 'Konflikt (conflict): Version veraltet, Name vergeben oder Zustand erlaubt es nicht; `details` sagt warum. Obergrenze erreicht (limit_reached, `details.max`).',
  413: 'Die Anfrage ist zu groß (payload_too_large); `details.maxBytes` nennt die Grenze.',
  415: 'Der Inhalt ist kein JSON (unsupported_media_type).',
  422: 'Fachlich nicht möglich (invalid_transition, validation_failed) oder Bestätigung nötig (confirmation_required).',
  428: 'Der Kopf „If-Match“ mit der Version fehlt (precondition_required).',
  429: 'Zu viele Versuche (too_many_requests); der Kopf „Retry-After“ nennt die Wartezeit in Sekunden.',
  503: 'Nicht bereit (internal): Datenbank nicht erreichbar oder nicht migriert.',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Every error status an operation answers: those its shape implies (validated input, session,
 * the origin check of writing requests, the body limit, path ids) and its own `errors`.
 */
export function errorStatuses(spec: RouteSpec): ErrorStatus[] {
  const writes = spec.method !== 'get';
  const implied: [ErrorStatus, boolean][] = [
    [400, !!spec.body || !!spec.query],
    [401, !spec.public],
    [403, writes],
    [404, !!spec.params],
    [413, writes],
    [415, !!spec.body],
  ];
  const statuses = new Set<ErrorStatus>([
    ...implied.filter(([, applies]) => applies).map(([status]) => status),
    ...(spec.errors ?? []),
  ]);
  return [...statuses].sort((a, b) => a - b);
}

const json = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({
  200: { description, schema },
});
const created = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({
  201: { description, schema },
});
const noContent: Record<number, ResponseSpec> = { 204: { description: 'Erledigt, ohne Inhalt.' } };

const file = (description: string, ...contentTypes: string[]): Record<number, ResponseSpec> => ({
  200: { description, contentTypes },
});

/** The OpenAPI document itself, as far as clients rely on it. */
const openApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string() }))),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const oparl = (
  path: string,
  summary: string,
  schema: OparlSchemaName,
  params?: z.ZodObject,
  query?: z.ZodObject,
): RouteSpec => ({
  method: 'get',
  path: `/api/oparl/v1.1${path}`,
  summary,
  tag: 'OParl 1.1',
  ...(params ? { params } : {}),
  ...(query ? { query } : {}),
  responses: {
    200: {
      description: schema.endsWith('List') ? 'Eine Seite der OParl-Liste.' : 'Das OParl-Objekt.',
      oparl: schema,
    },
  },
});

/** Every /api route: the route coverage test fails when the app and this table disagree. */
export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Betriebsbereitschaft (Datenbank erreichbar und migriert)',
    tag: 'Betrieb',
    public: true,
    errors: [503],
    responses: json('Bereit.', healthDtoSchema),
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'Dieses OpenAPI-3.1-Dokument',
    tag: 'Betrieb',
    public: true,
    responses: json('Das Dokument.', openApiDocumentSchema),
  },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'API-Dokumentation: dieses Dokument als Webseite (Swagger UI)',
    tag: 'Betrieb',
    public: true,
    responses: file('Die Seite.', 'text/html'),
  },
  ...(
    [
      ['swagger-ui.css', 'text/css'],
      ['swagger-ui-bundle.js', 'text/javascript'],
      ['start.js', 'text/javascript'],
    ] as const
  ).map(([name, contentType]): RouteSpec => ({
    method: 'get',
    path: `/api/docs/${name}`,
    summary: `Datei der API-Dokumentation: ${name}`,
    tag: 'Betrieb',
    public: true,
    responses: file('Die Datei.', contentType),
  })),
  {
    method: 'get',
    path: '/api/auth/config',
    summary: 'Was die Anmeldeseite anbietet: Passwort-Anmeldung und/oder Single Sign-on (Name des Anbieters)',
    tag: 'Anmeldung',
    public: true,
    responses: json('Die Anmeldearten.', authConfigDtoSchema),
  },
  {
    method: 'get',
    path: '/api/auth/oidc/login',
    summary:
      'Single Sign-on beginnen: 303 zum OpenID-Anbieter (Code-Flow mit PKCE S256, state, nonce); `?next=` ist die Seite danach',
    tag: 'Anmeldung',
    public: true,
    query: oidcLoginQuerySchema,
    errors: [404],
    responses: {
      303: {
        description:
          'Weiter zum Anbieter (oder, wenn er nicht antwortet, zu /login?fehler=unavailable); setzt das kurzlebige Cookie des Anmeldevorgangs.',
      },
    },
  },
  {
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary:
      'Rückkehr vom OpenID-Anbieter: prüft state, iss, nonce und Code, meldet an (Konto per Subjekt, per bestätigter E-Mail verknüpft oder neu angelegt)',
    tag: 'Anmeldung',
    public: true,
    errors: [404],
    responses: {
      303: {
        description:
          'Angemeldet: weiter zu `next` mit Sitzungs-Cookie. Fehlgeschlagen: weiter zu /login?fehler=<state|issuer|code|provider|deactivated|unknown|email|unavailable|failed>.',
      },
    },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary:
      'Anmelden (setzt das Sitzungs-Cookie); 409 choose_body nennt die Kommunen, wenn das Passwort Konten in mehreren öffnet',
    tag: 'Anmeldung',
    public: true,
    body: loginInputSchema,
    errors: [401, 409, 429],
    responses: json('Angemeldet.', loginResponseDtoSchema),
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary:
      'Abmelden; bei einer Single-Sign-on-Sitzung mit `endSessionUrl`, um auch beim Anbieter abzumelden',
    tag: 'Anmeldung',
    public: true,
    responses: {
      200: {
        description: 'Abgemeldet; die Seite leitet zum Anbieter weiter (RP-initiierte Abmeldung).',
        schema: logoutResponseDtoSchema,
      },
      ...noContent,
    },
  },
  {
    method: 'get',
    path: '/api/accessibility',
    summary: 'Erklärung zur Barrierefreiheit (BITV 2.0 § 7); ohne Anmeldung',
    tag: 'Barrierefreiheit',
    public: true,
    responses: json('Die Erklärung (updatedAt null: noch die Vorlage).', accessibilityStatementDtoSchema),
  },
  {
    method: 'put',
    path: '/api/accessibility',
    summary: 'Erklärung zur Barrierefreiheit bearbeiten (Admin der zuerst angelegten Kommune)',
    tag: 'Barrierefreiheit',
    body: updateAccessibilityStatementInputSchema,
    errors: [403],
    responses: json('Gespeichert.', accessibilityStatementDtoSchema),
  },
  {
    method: 'post',
    path: '/api/accessibility/feedback',
    summary: 'Rückmeldung zu Barrieren senden; ohne Anmeldung, je Adresse begrenzt (429)',
    tag: 'Barrierefreiheit',
    public: true,
    body: accessibilityFeedbackInputSchema,
    errors: [429],
    responses: created('Gespeichert.', accessibilityFeedbackCreatedDtoSchema),
  },
  {
    method: 'get',
    path: '/api/accessibility/feedback',
    summary: 'Rückmeldungen zur Barrierefreiheit, neueste zuerst (Admin der zuerst angelegten Kommune)',
    tag: 'Barrierefreiheit',
    errors: [403],
    responses: json('Die Rückmeldungen.', z.array(accessibilityFeedbackDtoSchema)),
  },
  {
    method: 'delete',
    path: '/api/accessibility/feedback/:id',
    summary: 'Rückmeldung löschen (personenbezogene Daten; Admin der zuerst angelegten Kommune)',
    tag: 'Barrierefreiheit',
    params: idParamSchema,
    errors: [403],
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
    errors: [429],
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/notifications',
    summary: 'Eigene Benachrichtigungen, neueste zuerst (weitere Seiten: Kopf „Link“ mit rel="next")',
    tag: 'Benachrichtigungen',
    query: listNotificationsQuerySchema,
    responses: json('Eine Seite der Benachrichtigungen.', z.array(notificationDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/notifications/unread-count',
    summary: 'Zahl der ungelesenen eigenen Benachrichtigungen',
    tag: 'Benachrichtigungen',
    responses: json('Die Zahl.', unreadCountDtoSchema),
  },
  {
    method: 'post',
    path: '/api/notifications/read-all',
    summary: 'Alle eigenen Benachrichtigungen als gelesen markieren',
    tag: 'Benachrichtigungen',
    responses: noContent,
  },
  {
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: 'Eine eigene Benachrichtigung als gelesen markieren (fremde: 404)',
    tag: 'Benachrichtigungen',
    params: idParamSchema,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/audit-log',
    summary:
      'Protokoll der eigenen Kommune, neueste zuerst (Admin; Filter kind, actorId, subjectUserId, from, to; weitere Seiten: Kopf „Link“ mit rel="next")',
    tag: 'Protokoll',
    query: listAuditLogQuerySchema,
    errors: [403],
    responses: json('Eine Seite des Protokolls.', z.array(auditEventDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Benutzer auflisten (Admin)',
    tag: 'Benutzer',
    errors: [403],
    responses: json('Die Benutzer.', z.array(userDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Benutzer anlegen (Admin)',
    tag: 'Benutzer',
    body: createUserInputSchema,
    errors: [403],
    responses: created('Angelegt.', userDtoSchema.pick({ id: true })),
  },
  {
    method: 'get',
    path: '/api/users/:id',
    summary: 'Ein Benutzer (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    errors: [403],
    responses: json('Der Benutzer.', userDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Benutzer ändern (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    body: updateUserInputSchema,
    errors: [409],
    responses: json('Geändert.', userDtoSchema),
  },
  {
    method: 'put',
    path: '/api/users/:id/memberships',
    summary: 'Zuständigkeiten setzen (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    body: setMembershipsInputSchema,
    errors: [409],
    responses: json('Gesetzt.', userDtoSchema),
  },
  {
    method: 'post',
    path: '/api/users/:id/password',
    summary: 'Passwort zurücksetzen (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    body: resetPasswordInputSchema,
    errors: [409],
    responses: noContent,
  },
  {
    method: 'delete',
    path: '/api/users/:id/sessions',
    summary: 'Sitzungen beenden (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/users/:id/data-export',
    summary: 'Datenauskunft nach Art. 15 DSGVO: alles über eine Person als JSON-Download (Admin)',
    tag: 'Benutzer',
    params: idParamSchema,
    errors: [403],
    responses: json('Die Datenauskunft (Content-Disposition: attachment).', dataExportDtoSchema),
  },
  {
    method: 'post',
    path: '/api/users/:id/erase',
    summary:
      'Person löschen nach Art. 17 DSGVO (Admin): Name und E-Mail verschwinden überall, Beiträge bleiben als „Gelöschte Person“',
    tag: 'Benutzer',
    params: idParamSchema,
    body: eraseUserInputSchema,
    errors: [403, 409, 422],
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
    errors: [409],
    responses: created('Angelegt.', sozialraumDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/geometry',
    summary: 'Grenzen der sichtbaren Sozialräume (GeoJSON FeatureCollection)',
    tag: 'Karte und Angebote',
    responses: json(
      'Die Grenzen; Eigenschaften id, code, name, schematic.',
      sozialraumFeatureCollectionSchema,
    ),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id',
    summary: 'Ein Sozialraum',
    tag: 'Sozialräume',
    params: idParamSchema,
    errors: [403],
    responses: json('Der Sozialraum.', sozialraumDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/sozialraeume/:id',
    summary: 'Sozialraum ändern (Admin)',
    tag: 'Sozialräume',
    params: idParamSchema,
    body: updateSozialraumInputSchema,
    errors: [409],
    responses: json('Geändert.', sozialraumDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id/needs',
    summary: 'Bedarfe eines Sozialraums als Zeilen',
    tag: 'Sozialräume',
    params: idParamSchema,
    errors: [403],
    responses: json('Die Bedarfe.', z.array(sozialraumNeedDtoSchema)),
  },
  {
    method: 'put',
    path: '/api/sozialraeume/:id/geometry',
    summary:
      'Grenze eines Sozialraums setzen (Admin): GeoJSON Polygon oder MultiPolygon (WGS84, auch als Feature), null entfernt sie; höchstens 100.000 Punkte (413); ungültige Koordinaten oder offene Ringe: 422. Angebote werden neu zugeordnet.',
    tag: 'Karte und Angebote',
    params: idParamSchema,
    body: boundaryInputSchema.nullable(),
    errors: [422],
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/offers',
    summary: 'Angebote der Kommune (Bestandserhebung)',
    tag: 'Karte und Angebote',
    responses: json('Die Angebote.', z.array(offerDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/offers',
    summary:
      'Angebot anlegen (Admin, Bearbeitungsrecht im Sozialraum); ein Ort in einer Grenze setzt den Sozialraum',
    tag: 'Karte und Angebote',
    body: offerInputSchema,
    errors: [422],
    responses: created('Angelegt.', offerDtoSchema),
  },
  {
    method: 'post',
    path: '/api/offers/import',
    summary:
      'Angebote aus CSV (Inhalt der Anfrage; ; oder , getrennt, UTF-8 oder Windows-1252): ohne commit=true nur Vorschau mit Hinweisen je Zeile',
    tag: 'Karte und Angebote',
    query: offerImportQuerySchema,
    errors: [422],
    responses: json('Vorschau oder Ergebnis.', offerImportDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/offers/:id',
    summary: 'Angebot ändern',
    tag: 'Karte und Angebote',
    params: idParamSchema,
    body: updateOfferInputSchema,
    errors: [422],
    responses: json('Geändert.', offerDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/offers/:id',
    summary: 'Angebot löschen',
    tag: 'Karte und Angebote',
    params: idParamSchema,
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/public/offers',
    summary: 'Veröffentlichte Angebote einer Kommune (ohne Anmeldung, nichts Internes)',
    tag: 'Karte und Angebote',
    public: true,
    query: publicOffersQuerySchema,
    errors: [404],
    responses: json('Die Angebote und die Grenzen der Sozialräume.', publicOffersDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id/profile',
    summary:
      'Profil eines Sozialraums: Kennzahlen mit Stadtvergleich und Vorwert, Zeitreihen, Bedarfe, Maßnahmen (nach Geheimhaltung)',
    tag: 'Sozialräume',
    params: idParamSchema,
    errors: [403],
    responses: json('Das Profil.', sozialraumProfileDtoSchema),
  },
  {
    method: 'get',
    path: '/api/sozialraeume/:id/profile/export',
    summary: 'Profil eines Sozialraums als PDF oder DOCX (Stadtlayout, geheim gehaltene Werte als „•“)',
    tag: 'Sozialräume',
    params: idParamSchema,
    query: profileExportQuerySchema,
    errors: [403],
    responses: { 200: { description: 'Die Datei.', contentTypes: [DOCX, 'application/pdf'] } },
  },
  {
    method: 'get',
    path: '/api/indicators',
    summary: 'Indikatoren der Kommune (Katalog mit Stichtagen)',
    tag: 'Indikatoren',
    responses: json('Die Indikatoren.', z.array(indicatorDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/indicators',
    summary: 'Indikator anlegen (Admin oder Mitglied mit Schreibrecht)',
    tag: 'Indikatoren',
    body: indicatorInputSchema,
    errors: [409],
    responses: created('Angelegt.', indicatorDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/indicators/:id',
    summary: 'Indikator ändern',
    tag: 'Indikatoren',
    params: idParamSchema,
    body: updateIndicatorInputSchema,
    errors: [409],
    responses: json('Geändert.', indicatorDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/indicators/:id',
    summary: 'Indikator mit allen Werten löschen (Admin)',
    tag: 'Indikatoren',
    params: idParamSchema,
    responses: noContent,
  },
  {
    method: 'post',
    path: '/api/indicators/:id/values',
    summary: 'Werte eines Indikators speichern (ersetzt gleiche Stichtage)',
    tag: 'Indikatoren',
    params: idParamSchema,
    body: indicatorValuesInputSchema,
    errors: [422],
    responses: json('Gespeichert; wie viele neu, geändert, unverändert.', indicatorValuesUpsertDtoSchema),
  },
  {
    method: 'get',
    path: '/api/indicators/:id/values',
    summary: 'Werte eines Indikators an einem Stichtag (nach Geheimhaltung)',
    tag: 'Indikatoren',
    params: idParamSchema,
    query: indicatorValuesQuerySchema,
    responses: json('Die Werte je Sozialraum und stadtweit.', indicatorValuesDtoSchema),
  },
  {
    method: 'post',
    path: '/api/indicators/import',
    summary: 'Statistiktabelle (CSV oder XLSX, höchstens 5 MB) prüfen und mit commit=true übernehmen',
    tag: 'Indikatoren',
    query: indicatorImportQuerySchema,
    multipart: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'CSV (; oder ,; UTF-8 oder Windows-1252) oder XLSX',
        },
        date: {
          type: 'string',
          description: 'Stichtag (30.04.2023 oder 2023-04-30), wenn die Tabelle keinen hat',
        },
        namePrefix: { type: 'string', maxLength: 100 },
        kind: { type: 'string', enum: ['count', 'rate', 'share', 'mean'], default: 'count' },
        unit: { type: 'string', maxLength: 40 },
      },
    },
    errors: [400, 415, 422],
    responses: json('Vorschau (nichts gespeichert) oder das Übernommene.', indicatorImportDtoSchema),
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
    errors: [409],
    responses: created('Angelegt.', committeeDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId',
    summary: 'Ein gemeinsames Dokument',
    tag: 'Dokumente',
    params: documentParamsSchema,
    errors: [403],
    responses: json('Das Dokument.', documentDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId/export',
    summary:
      'Dokument exportieren: Aktionsplan als DOCX oder PDF (markup=true: Kommentare und Änderungen in DOCX), Bedarfsliste als CSV, XLSX oder PDF',
    tag: 'Dokumente',
    params: documentParamsSchema,
    query: documentExportQuerySchema,
    // 422: a format the document's kind does not offer (the needs list is no Word file).
    errors: [403, 422],
    responses: {
      200: { description: 'Die Datei.', contentTypes: [DOCX, 'application/pdf', 'text/csv', XLSX] },
    },
  },
  {
    method: 'get',
    path: '/api/documents/:docId/versions',
    summary: 'Benannte Versionen',
    tag: 'Dokumente',
    params: documentParamsSchema,
    errors: [403],
    responses: json('Die Versionen.', z.array(documentVersionDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/documents/:docId/versions',
    summary: 'Version speichern',
    tag: 'Dokumente',
    params: documentParamsSchema,
    body: createDocumentVersionInputSchema,
    responses: created('Gespeichert.', documentVersionDtoSchema),
  },
  {
    method: 'get',
    path: '/api/documents/:docId/versions/:versionId',
    summary: 'Eine Version mit Inhalt',
    tag: 'Dokumente',
    params: documentVersionParamsSchema,
    errors: [403],
    responses: json('Die Version.', documentVersionContentDtoSchema),
  },
  {
    method: 'post',
    path: '/api/documents/:docId/versions/:versionId/restore',
    summary: 'Version wiederherstellen',
    tag: 'Dokumente',
    params: documentVersionParamsSchema,
    responses: json(
      'Wiederhergestellt; der Stand davor ist als automatische Version gespeichert.',
      documentRestoreDtoSchema,
    ),
  },
  ...commentRouteSpecs(),
  ...citationRouteSpecs(),
  ...workplanRouteSpecs(),
  {
    method: 'get',
    path: '/api/measures/events/stream',
    summary: 'Live-Änderungen an Maßnahmen (Server-Sent Events, Ereignis `measure`)',
    tag: 'Maßnahmen',
    responses: {
      200: {
        description:
          'Der Ereignisstrom: erst `ready`, dann `measure` je sichtbarer Änderung; dazwischen Kommentarzeilen als Herzschlag.',
        events: { ready: measureStreamReadyDtoSchema, measure: measureLiveEventDtoSchema },
      },
    },
  },
  {
    method: 'get',
    path: '/api/measures/export',
    summary: 'Maßnahmen exportieren (CSV oder XLSX)',
    tag: 'Maßnahmen',
    query: exportMeasuresQuerySchema,
    responses: file('Die Datei (CSV mit BOM, Semikolon-getrennt, oder XLSX).', 'text/csv', XLSX),
  },
  {
    method: 'get',
    path: '/api/measures/dashboard',
    summary: 'Übersicht (Admin)',
    tag: 'Maßnahmen',
    query: measureDashboardQuerySchema,
    errors: [403],
    responses: json('Die Übersicht.', measureDashboardDtoSchema),
  },
  {
    method: 'get',
    path: '/api/measures',
    summary: 'Maßnahmen, zuletzt geänderte zuerst (weitere Seiten: Kopf „Link“ mit rel="next")',
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
    params: idParamSchema,
    errors: [403],
    responses: json('Die Maßnahme.', measureDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/measures/:id',
    summary: 'Maßnahme ändern (If-Match: Version)',
    tag: 'Maßnahmen',
    params: idParamSchema,
    body: updateMeasureInputSchema,
    errors: [409, 428],
    responses: json('Geändert.', measureDtoSchema),
  },
  {
    method: 'post',
    path: '/api/measures/:id/transitions',
    summary: 'Status einer Maßnahme wechseln',
    tag: 'Maßnahmen',
    params: idParamSchema,
    body: transitionInputSchema,
    errors: [409, 422],
    responses: json('Gewechselt.', measureDtoSchema),
  },
  {
    method: 'get',
    path: '/api/measures/:id/events',
    summary: 'Verlauf einer Maßnahme',
    tag: 'Maßnahmen',
    params: idParamSchema,
    errors: [403],
    responses: json('Der Verlauf.', z.array(measureEventDtoSchema)),
  },
  ...implementationRouteSpecs(),
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
    errors: [409],
    responses: created('Angelegt.', meetingDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/meetings/:id',
    summary: 'Sitzung löschen (Admin, Sachbearbeitung)',
    tag: 'Sitzungen',
    params: idParamSchema,
    errors: [409],
    responses: noContent,
  },
  {
    method: 'get',
    path: '/api/papers/settings',
    summary: 'Nummernformat der Vorlagen',
    tag: 'Vorlagen',
    errors: [403],
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
    errors: [403],
    responses: json('Die Einträge, neueste zuerst.', z.array(paperEventDtoSchema)),
  },
  {
    method: 'get',
    path: '/api/papers/prefill',
    summary: 'Entwurf aus Maßnahmen vorbefüllen',
    tag: 'Vorlagen',
    query: paperPrefillQuerySchema,
    errors: [403],
    responses: json('Der Vorschlag.', paperPrefillDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers',
    summary: 'Vorlagen, neueste zuerst (weitere Seiten: Kopf „Link“ mit rel="next")',
    tag: 'Vorlagen',
    query: listPapersQuerySchema,
    responses: json('Die Vorlagen.', z.array(paperSummaryDtoSchema)),
  },
  {
    method: 'post',
    path: '/api/papers',
    summary: 'Vorlage anlegen',
    tag: 'Vorlagen',
    body: createPaperInputSchema,
    errors: [422],
    responses: created('Angelegt.', paperDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers/:id',
    summary: 'Eine Vorlage',
    tag: 'Vorlagen',
    params: idParamSchema,
    responses: json('Die Vorlage.', paperDtoSchema),
  },
  {
    method: 'patch',
    path: '/api/papers/:id',
    summary: 'Vorlage ändern (If-Match: Version)',
    tag: 'Vorlagen',
    params: idParamSchema,
    body: updatePaperInputSchema,
    errors: [409, 422, 428],
    responses: json('Geändert.', paperDtoSchema),
  },
  {
    method: 'delete',
    path: '/api/papers/:id',
    summary: 'Entwurf löschen (Admin, Sachbearbeitung; protokolliert, Nummer wird nicht neu vergeben)',
    tag: 'Vorlagen',
    params: idParamSchema,
    errors: [409],
    responses: noContent,
  },
  {
    method: 'post',
    path: '/api/papers/:id/release',
    summary: 'Vorlage freigeben',
    tag: 'Vorlagen',
    params: idParamSchema,
    errors: [409, 422, 428],
    responses: json('Freigegeben.', paperDtoSchema),
  },
  {
    method: 'post',
    path: '/api/papers/:id/consultations/:consultationId/result',
    summary: 'Beratungsergebnis eintragen',
    tag: 'Vorlagen',
    params: consultationParamsSchema,
    body: consultationResultInputSchema,
    errors: [409, 422],
    responses: json('Eingetragen.', paperDtoSchema),
  },
  {
    method: 'get',
    path: '/api/papers/:id/export',
    summary: 'Vorlage exportieren (DOCX, PDF oder OParl-JSON)',
    tag: 'Vorlagen',
    params: idParamSchema,
    query: paperExportQuerySchema,
    responses: {
      200: {
        description:
          'Die Datei: DOCX, PDF oder (format=oparl) die Vorlage als OParl-JSON mit System, Körperschaft, Gremien und Sitzungen.',
        oparl: 'PaperBundle',
        contentTypes: [DOCX, 'application/pdf'],
      },
    },
  },
  ...workshopRouteSpecs(),
  {
    method: 'get',
    path: '/api/workshops/:id/export.csv',
    summary: 'Workshop exportieren: Karten oder Ergebnisse aller Runden als CSV (Moderation)',
    tag: 'Workshops',
    errors: [403],
    params: idParamSchema,
    query: exportWorkshopCsvQuerySchema,
    responses: {
      200: { description: 'Die Tabelle (UTF-8 mit BOM, Semikolon).', contentTypes: ['text/csv'] },
    },
  },
  {
    method: 'get',
    path: '/api/workshops/:id/export.xlsx',
    summary: 'Workshop exportieren: Karten und jede Runde als XLSX (Moderation)',
    tag: 'Workshops',
    errors: [403],
    params: idParamSchema,
    responses: {
      200: {
        description: 'Die Arbeitsmappe: Blatt „Karten“, dann ein Blatt je Runde.',
        contentTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
  },
  oparl('/system', 'OParl-System', 'System'),
  oparl('/bodies', 'OParl-Körperschaften', 'BodyList', undefined, oparlPageQuerySchema),
  oparl('/bodies/:bodyId', 'OParl-Körperschaft', 'Body', oparlBodyParamsSchema),
  ...(
    [
      ['organizations', 'Organization'],
      ['meetings', 'Meeting'],
      ['papers', 'Paper'],
      ['consultations', 'Consultation'],
      ['people', 'Person'],
    ] as const
  ).map(([name, type]) =>
    oparl(
      `/bodies/:bodyId/${name}`,
      `OParl-Liste ${name}`,
      `${type}List`,
      oparlBodyParamsSchema,
      oparlPageQuerySchema,
    ),
  ),
  ...(
    [
      ['organizations', 'Organization', idParamSchema],
      ['meetings', 'Meeting', oparlMeetingParamsSchema],
      ['papers', 'Paper', idParamSchema],
      ['consultations', 'Consultation', idParamSchema],
    ] as const
  ).map(([name, type, params]) => oparl(`/${name}/:id`, `OParl-Objekt ${name}`, type, params)),
];

/** A workshop route: `participant` ones also answer the workshop's guests (see docs/CONTRACT.md, _P_). */
function workshopRoute(
  method: RouteSpec['method'],
  path: string,
  summary: string,
  rest: Omit<RouteSpec, 'method' | 'path' | 'summary' | 'tag'>,
): RouteSpec {
  return { method, path, summary, tag: 'Workshops', errors: workshopErrors()[`${method} ${path}`], ...rest };
}

/**
 * The workshop routes' own error answers (docs/CONTRACT.md, "Workshops"): 403 where reading needs
 * a role or hidden results, 409 for what the workshop's or round's state refuses (closed, locked,
 * paused, merged), 422 for what the rules refuse (budget, ballot, merge into itself), 429 for throttles.
 */
function workshopErrors(): Record<string, ErrorStatus[]> {
  // A function, not a constant: ROUTES (above) is built while this module loads.
  return {
    'get /api/sozialraeume/:id/workshops': [403],
    'post /api/sozialraeume/:id/workshops': [422],
    'get /api/workshops/:id': [403],
    'patch /api/workshops/:id': [409],
    'post /api/workshops/:id/close': [409],
    'get /api/workshops/:id/state': [403],
    'get /api/workshops/:id/events': [403],
    'get /api/workshops/:id/qr.svg': [403],
    'get /api/workshop-invitations/:code': [429],
    'post /api/workshop-sessions': [404, 409, 429],
    'get /api/workshops/:id/participants': [403],
    'get /api/workshops/:id/cards': [403],
    'post /api/workshops/:id/cards': [409, 429],
    'patch /api/workshops/:id/cards/:cardId': [409, 422],
    'delete /api/workshops/:id/cards/:cardId': [409],
    'post /api/workshops/:id/cards/:cardId/merge': [409, 422],
    'post /api/workshops/:id/cards/:cardId/accept': [409],
    'post /api/workshops/:id/clusters': [409],
    'patch /api/workshops/:id/clusters/:clusterId': [409],
    'get /api/workshops/:id/rounds': [403],
    'post /api/workshops/:id/rounds': [409, 422],
    'post /api/workshops/:id/rounds/:roundId/pause': [409],
    'post /api/workshops/:id/rounds/:roundId/resume': [409],
    'post /api/workshops/:id/rounds/:roundId/close': [409],
    'post /api/workshops/:id/rounds/:roundId/votes': [409, 422],
    'get /api/workshops/:id/rounds/:roundId/results': [403],
    'get /api/body/privacy': [403],
  };
}

/** The workshop routes (Beteiligung: join by code, cards, dot-voting rounds); hoisted into ROUTES. */
function workshopRouteSpecs(): RouteSpec[] {
  const P = { participant: true } as const;
  return [
    workshopRoute('get', '/api/sozialraeume/:id/workshops', 'Workshops eines Sozialraums (neueste zuerst)', {
      params: idParamSchema,
      responses: json('Die Workshops.', z.array(workshopDtoSchema)),
    }),
    workshopRoute('post', '/api/sozialraeume/:id/workshops', 'Workshop anlegen (Moderation)', {
      params: idParamSchema,
      body: createWorkshopInputSchema,
      responses: created('Angelegt, mit Code.', workshopDtoSchema),
    }),
    workshopRoute('get', '/api/workshops/:id', 'Ein Workshop', {
      ...P,
      params: idParamSchema,
      responses: json('Der Workshop.', workshopDtoSchema),
    }),
    workshopRoute('patch', '/api/workshops/:id', 'Workshop ändern, Anmeldung sperren (Moderation)', {
      params: idParamSchema,
      body: updateWorkshopInputSchema,
      responses: json('Geändert.', workshopDtoSchema),
    }),
    workshopRoute('post', '/api/workshops/:id/close', 'Workshop beenden (beendet eine laufende Runde)', {
      params: idParamSchema,
      responses: json('Beendet.', workshopDtoSchema),
    }),
    workshopRoute('delete', '/api/workshops/:id', 'Workshop löschen (übernommene Bedarfe bleiben)', {
      params: idParamSchema,
      responses: noContent,
    }),
    workshopRoute('get', '/api/workshops/:id/state', 'Alles, was Telefon, Beamer und Moderation zeigen', {
      ...P,
      params: idParamSchema,
      responses: json('Der Stand, wie der Anfragende ihn sehen darf.', workshopStateDtoSchema),
    }),
    workshopRoute(
      'get',
      '/api/workshops/:id/events',
      'Live-Änderungen (Server-Sent Events: state, card, round …)',
      {
        ...P,
        params: idParamSchema,
        responses: { 200: { description: 'Der Ereignisstrom.', events: { ...workshopEventSchemas } } },
      },
    ),
    workshopRoute('get', '/api/workshops/:id/qr.svg', 'QR-Code der Teilnahme-Adresse (lokal erzeugt)', {
      ...P,
      params: idParamSchema,
      responses: { 200: { description: 'Das SVG.', contentTypes: ['image/svg+xml'] } },
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
      params: idParamSchema,
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
      params: idParamSchema,
      responses: json('Die Karten.', z.array(workshopCardDtoSchema)),
    }),
    workshopRoute('post', '/api/workshops/:id/cards', 'Karte schreiben (höchstens 10 pro Minute)', {
      ...P,
      params: idParamSchema,
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
      params: idParamSchema,
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
      params: idParamSchema,
      responses: json('Die Runden.', z.array(workshopRoundDtoSchema)),
    }),
    workshopRoute('post', '/api/workshops/:id/rounds', 'Abstimmungsrunde starten', {
      params: idParamSchema,
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
