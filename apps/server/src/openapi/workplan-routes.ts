import {
  idParamSchema,
  timelineDtoSchema,
  workplanDtoSchema,
  workplanExportQuerySchema,
  workplanQuerySchema,
} from '@quartierplan/domain';
import type { RouteSpec } from './routes.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The traceability timeline of a measure and the work plan (docs/CONTRACT.md, "Implementation and
 * transparency: the contract"); spread into ROUTES. 403: a member who may not see the measure.
 */
export function workplanRouteSpecs(): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/measures/:id/timeline',
      summary:
        'Nachvollziehbarkeit einer Maßnahme: Bedarf (mit Werkstatt), Abstimmungen, Statuswechsel, Vorlagen, Beratungen, Meilensteine, Berichte, Kennzahlen (älteste zuerst)',
      tag: 'Maßnahmen',
      params: idParamSchema,
      errors: [403],
      responses: { 200: { description: 'Die Zeitleiste.', schema: timelineDtoSchema } },
    },
    {
      method: 'get',
      path: '/api/workplan',
      summary:
        'Arbeitsplan: sichtbare Maßnahmen ab „geplant“ (ohne abgelehnte) mit Meilensteinen, nach geplantem Beginn',
      tag: 'Maßnahmen',
      query: workplanQuerySchema,
      // 404: `sozialraumId` names no Sozialraum of the body.
      errors: [404],
      responses: { 200: { description: 'Der Arbeitsplan.', schema: workplanDtoSchema } },
    },
    {
      method: 'get',
      path: '/api/workplan/export',
      summary: 'Arbeitsplan exportieren: PDF (Tabelle und Gantt-Diagramm, Querformat) oder XLSX',
      tag: 'Maßnahmen',
      query: workplanExportQuerySchema,
      errors: [404],
      responses: {
        200: {
          description: 'Die Datei (Arbeitsplan-<JJJJ-MM-TT>.pdf|xlsx).',
          contentTypes: ['application/pdf', XLSX],
        },
      },
    },
  ];
}
