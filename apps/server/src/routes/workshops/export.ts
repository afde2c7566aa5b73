import { exportWorkshopCsvQuerySchema } from '@quartierplan/domain';
import { Hono } from 'hono';
import { spreadsheetDownload } from '../../http/spreadsheet.ts';
import { query } from '../../http/validate.ts';
import { workshopCsv, workshopExportFilename, workshopXlsx } from '../../services/workshop-export.ts';
import type { WorkshopDeps } from '../../services/workshops.ts';
import type { WorkshopEnv, WorkshopGuards } from './access.ts';

/**
 * `GET /api/workshops/:id/export.csv?table=cards|results` and `GET /api/workshops/:id/export.xlsx`:
 * facilitators only. `user` demands an account session (a guest's cookie is none: 401), `workshop`
 * checks the id, `asFacilitator` loads the workshop (404 other body, 403 not facilitating) before
 * the query is validated: whoever may not export learns nothing from it.
 */
export function workshopExportRoutes(
  { context }: WorkshopDeps,
  { user, workshopId: workshop, asFacilitator }: WorkshopGuards,
) {
  return new Hono<WorkshopEnv>()
    .get('/:id/export.csv', user, workshop, asFacilitator, query(exportWorkshopCsvQuerySchema), async (c) => {
      const { workshop } = c.get('access');
      const { table } = c.req.valid('query');
      const csv = await workshopCsv(context, workshop.id, table);
      return spreadsheetDownload(c, 'csv', workshopExportFilename(workshop, table, 'csv'), csv);
    })
    .get('/:id/export.xlsx', user, workshop, asFacilitator, async (c) => {
      const { workshop } = c.get('access');
      const xlsx = await workshopXlsx(context, workshop.id);
      return spreadsheetDownload(c, 'xlsx', workshopExportFilename(workshop, null, 'xlsx'), xlsx);
    });
}
