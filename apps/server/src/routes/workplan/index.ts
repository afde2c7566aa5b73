import { workplanExportQuerySchema, workplanQuerySchema, type WorkplanDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import { query } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';
import { filterLine, workplan } from '../../services/workplan.ts';
import { workplanFile } from '../../services/workplan-export.ts';

/**
 * The work plan (Arbeitsplan): the measures the user sees from `planned` on with their milestones, and the
 * same as a PDF with a Gantt chart or as XLSX.
 */
export function workplanRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', query(workplanQuerySchema), async (c) => {
      const plan = await workplan(context, c.get('user'), c.req.valid('query'));
      return c.json(plan satisfies WorkplanDto);
    })
    .get('/export', query(workplanExportQuerySchema), async (c) => {
      const user = c.get('user');
      const { format, ...filters } = c.req.valid('query');
      const plan = await workplan(context, user, filters);
      const file = await workplanFile(plan, format, {
        bodyName: user.bodyName,
        filters: await filterLine(context, user, filters),
      });
      return c.body(file.bytes, 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.fileName),
        'X-Content-Type-Options': 'nosniff',
      });
    });
}
