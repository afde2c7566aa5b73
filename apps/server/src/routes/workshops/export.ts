import { exportWorkshopCsvQuerySchema, idParamSchema, type WorkshopExportHeader } from '@quartierplan/domain';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { spreadsheetDownload } from '../../http/spreadsheet.ts';
import { params, query } from '../../http/validate.ts';
import {
  authoriseWorkshopExport,
  workshopCsv,
  workshopExportFilename,
  workshopXlsx,
} from '../../services/workshop-export.ts';

type ExportEnv = AppEnv & { Variables: { workshop: WorkshopExportHeader } };

/**
 * `GET /api/workshops/:id/export.csv?table=cards|results` and `GET /api/workshops/:id/export.xlsx`
 * (facilitator only). Mounted under `/workshops` behind the account session: a guest's workshop
 * cookie is no session here.
 */
export function workshopExportRoutes(context: AppContext) {
  // Per route, not `.use('/:id/*')`: mounted beside the other workshop routes, it must not run for them.
  const facilitator = createMiddleware<ExportEnv>(async (c, next) => {
    const id = c.req.param('id') ?? '';
    c.set('workshop', await authoriseWorkshopExport(context, c.get('user'), id));
    await next();
  });
  return new Hono<ExportEnv>()
    .get(
      '/:id/export.csv',
      params(idParamSchema),
      // Authorise before the query is validated: whoever may not export learns nothing of it.
      facilitator,
      query(exportWorkshopCsvQuerySchema),
      async (c) => {
        const workshop = c.get('workshop');
        const { table } = c.req.valid('query');
        const csv = await workshopCsv(context, workshop, table);
        return spreadsheetDownload(c, 'csv', workshopExportFilename(workshop, table, 'csv'), csv);
      },
    )
    .get('/:id/export.xlsx', params(idParamSchema), facilitator, async (c) => {
      const workshop = c.get('workshop');
      const xlsx = await workshopXlsx(context, workshop);
      return spreadsheetDownload(c, 'xlsx', workshopExportFilename(workshop, null, 'xlsx'), xlsx);
    });
}
