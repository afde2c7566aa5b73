import {
  citableFigureDtoSchema,
  citableFigureQuerySchema,
  citationDtoSchema,
  citationInputSchema,
  disclosureSettingsSchema,
  documentCitationDtoSchema,
  documentParamsSchema,
  idParamSchema,
  needCitationIdParamsSchema,
  needCitationParamsSchema,
  paperCitationDtoSchema,
} from '@quartierplan/domain';
import { z } from 'zod';
import type { RouteSpec } from './routes.ts';

const TAG = 'Belege';

/**
 * Needs citing figures, the paper's view of them and the disclosure threshold (docs/CONTRACT.md, "Evidence:
 * the contract as built"); spread into ROUTES. 403: no read access, only `view` on writes, or a Sozialraum
 * the person may not see; 422: an action plan has no citations (citations_unsupported), or no value at the date.
 */
export function citationRouteSpecs(): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/documents/:docId/citations',
      summary: 'Alle Belege einer Bedarfsliste (auch die entfernter Bedarfe)',
      tag: TAG,
      params: documentParamsSchema,
      errors: [403, 422],
      responses: { 200: { description: 'Die Belege.', schema: z.array(documentCitationDtoSchema) } },
    },
    {
      method: 'get',
      path: '/api/documents/:docId/citable-figure',
      summary: 'Der Wert, den ein Beleg jetzt festhalten würde (nach Geheimhaltung)',
      tag: TAG,
      params: documentParamsSchema,
      query: citableFigureQuerySchema,
      errors: [403, 422],
      responses: { 200: { description: 'Der Wert.', schema: citableFigureDtoSchema } },
    },
    {
      method: 'get',
      path: '/api/documents/:docId/needs/:needId/citations',
      summary: 'Belege eines Bedarfs',
      tag: TAG,
      params: needCitationParamsSchema,
      errors: [403, 422],
      responses: { 200: { description: 'Die Belege.', schema: z.array(citationDtoSchema) } },
    },
    {
      method: 'post',
      path: '/api/documents/:docId/needs/:needId/citations',
      summary: 'Einen Wert als Beleg zitieren (eingefroren: Wert, Stichtag, Sozialraum)',
      tag: TAG,
      params: needCitationParamsSchema,
      body: citationInputSchema,
      errors: [422],
      responses: { 201: { description: 'Der Beleg.', schema: citationDtoSchema } },
    },
    {
      method: 'delete',
      path: '/api/documents/:docId/needs/:needId/citations/:id',
      summary: 'Beleg entfernen',
      tag: TAG,
      params: needCitationIdParamsSchema,
      errors: [422],
      responses: { 204: { description: 'Entfernt.' } },
    },
    {
      method: 'get',
      path: '/api/papers/:id/citations',
      summary: 'Belege der Bedarfe, auf die die Maßnahmen der Vorlage antworten',
      tag: TAG,
      params: idParamSchema,
      responses: { 200: { description: 'Die Belege.', schema: z.array(paperCitationDtoSchema) } },
    },
    {
      method: 'get',
      path: '/api/body/disclosure',
      summary: 'Geheimhaltungsschwelle der Kommune (Admin)',
      tag: TAG,
      errors: [403],
      responses: { 200: { description: 'Die Schwelle.', schema: disclosureSettingsSchema } },
    },
    {
      method: 'put',
      path: '/api/body/disclosure',
      summary: 'Geheimhaltungsschwelle setzen (Admin, 2–20)',
      tag: TAG,
      body: disclosureSettingsSchema,
      responses: { 200: { description: 'Die Schwelle.', schema: disclosureSettingsSchema } },
    },
  ];
}
