import {
  evaluationIndicatorDtoSchema,
  evaluationIndicatorInputSchema,
  evaluationIndicatorPatchSchema,
  idParamSchema,
  implementationDtoSchema,
  measureDtoSchema,
  measureItemParamsSchema,
  milestoneDtoSchema,
  milestoneInputSchema,
  milestoneOrderInputSchema,
  milestonePatchSchema,
  publicMeasuresDtoSchema,
  publicMeasuresQuerySchema,
  publicPaperExportQuerySchema,
  publicationInputSchema,
  reportDtoSchema,
  reportInputSchema,
} from '@quartierplan/domain';
import { z } from 'zod';
import type { RouteSpec } from './routes.ts';

const TAG = 'Umsetzung';
const noContent = { 204: { description: 'Gelöscht.' } };

/**
 * The implementation routes of a measure and the public transparency routes (docs/CONTRACT.md,
 * "Implementation and transparency: the contract"); spread into ROUTES. 403: the measure is not visible or
 * not trackable (`canTrackImplementation`); 409 `limit_reached`: the measure holds the most items it may;
 * 422: a business check on valid input (a `done` milestone without its date, an account or indicator of
 * another body, an order that is not exactly the measure's milestones).
 */
export function implementationRouteSpecs(): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/measures/:id/implementation',
      summary: 'Umsetzung einer Maßnahme: Meilensteine, Fortschrittsberichte, Evaluation, Rechte',
      tag: TAG,
      params: idParamSchema,
      errors: [403],
      responses: { 200: { description: 'Die Umsetzung.', schema: implementationDtoSchema } },
    },
    {
      method: 'post',
      path: '/api/measures/:id/milestones',
      summary: 'Meilenstein anlegen (ans Ende der Liste)',
      tag: TAG,
      params: idParamSchema,
      body: milestoneInputSchema,
      errors: [409, 422],
      responses: { 201: { description: 'Angelegt.', schema: milestoneDtoSchema } },
    },
    {
      method: 'put',
      path: '/api/measures/:id/milestones/order',
      summary: 'Meilensteine umsortieren (alle Kennungen der Maßnahme, je einmal)',
      tag: TAG,
      params: idParamSchema,
      body: milestoneOrderInputSchema,
      errors: [422],
      responses: { 200: { description: 'In der neuen Reihenfolge.', schema: z.array(milestoneDtoSchema) } },
    },
    {
      method: 'patch',
      path: '/api/measures/:id/milestones/:itemId',
      summary: 'Meilenstein ändern (erreicht: mit Datum)',
      tag: TAG,
      params: measureItemParamsSchema,
      body: milestonePatchSchema,
      errors: [422],
      responses: { 200: { description: 'Geändert.', schema: milestoneDtoSchema } },
    },
    {
      method: 'delete',
      path: '/api/measures/:id/milestones/:itemId',
      summary: 'Meilenstein löschen',
      tag: TAG,
      params: measureItemParamsSchema,
      responses: noContent,
    },
    {
      method: 'post',
      path: '/api/measures/:id/reports',
      summary: 'Fortschrittsbericht schreiben (der neueste setzt den Fortschritt der Maßnahme)',
      tag: TAG,
      params: idParamSchema,
      body: reportInputSchema,
      errors: [409],
      responses: { 201: { description: 'Angelegt.', schema: reportDtoSchema } },
    },
    {
      method: 'delete',
      path: '/api/measures/:id/reports/:itemId',
      summary: 'Fortschrittsbericht löschen (wer ihn schrieb, oder die Verwaltung)',
      tag: TAG,
      params: measureItemParamsSchema,
      responses: noContent,
    },
    {
      method: 'post',
      path: '/api/measures/:id/evaluation',
      summary: 'Kennzahl der Evaluation anlegen (Ausgangs-, Ziel- und Ist-Wert)',
      tag: TAG,
      params: idParamSchema,
      body: evaluationIndicatorInputSchema,
      errors: [409, 422],
      responses: { 201: { description: 'Angelegt.', schema: evaluationIndicatorDtoSchema } },
    },
    {
      method: 'patch',
      path: '/api/measures/:id/evaluation/:itemId',
      summary: 'Kennzahl der Evaluation ändern',
      tag: TAG,
      params: measureItemParamsSchema,
      body: evaluationIndicatorPatchSchema,
      errors: [422],
      responses: { 200: { description: 'Geändert.', schema: evaluationIndicatorDtoSchema } },
    },
    {
      method: 'delete',
      path: '/api/measures/:id/evaluation/:itemId',
      summary: 'Kennzahl der Evaluation löschen',
      tag: TAG,
      params: measureItemParamsSchema,
      responses: noContent,
    },
    {
      method: 'put',
      path: '/api/measures/:id/publication',
      summary: 'Maßnahme auf der Transparenzseite zeigen oder nicht (Admin)',
      tag: TAG,
      params: idParamSchema,
      body: publicationInputSchema,
      responses: { 200: { description: 'Die Maßnahme mit `public`.', schema: measureDtoSchema } },
    },
    {
      method: 'get',
      path: '/api/public/measures',
      summary:
        'Öffentliche Maßnahmen einer Kommune (ohne Anmeldung; weitere Seiten: Kopf „Link“ mit rel="next")',
      tag: TAG,
      public: true,
      query: publicMeasuresQuerySchema,
      errors: [404],
      responses: {
        200: { description: 'Die Kommune und ihre öffentlichen Maßnahmen.', schema: publicMeasuresDtoSchema },
      },
    },
    {
      method: 'get',
      path: '/api/public/papers/:id/export',
      summary:
        'PDF einer freigegebenen, öffentlichen Vorlage zu einer öffentlichen Maßnahme (ohne Anmeldung)',
      tag: TAG,
      public: true,
      params: idParamSchema,
      query: publicPaperExportQuerySchema,
      responses: { 200: { description: 'Die Vorlage als PDF.', contentTypes: ['application/pdf'] } },
    },
  ];
}
