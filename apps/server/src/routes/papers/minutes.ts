import {
  consultationMinutesInputSchema,
  consultationParamsSchema,
  minutesExportQuerySchema,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { authorize } from '../../http/authorize.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/context.ts';
import { versionEtag } from '../../http/versioning.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';
import { minutesFileName, toMinutesExportInput } from '../../services/paper-export.ts';
import { loadMinutes, paperWriteAccess, setConsultationMinutes, toPaperDto } from '../../services/papers.ts';
import { loadRenderers } from '../../services/renderers.ts';

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/**
 * "Auszug aus der Niederschrift" per consultation: recorded by clerks and admins (authorised before the body
 * is read), exported in the city layout for whoever may read the paper.
 */
export function paperMinutesRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .put(
      '/:id/consultations/:consultationId/minutes',
      params(consultationParamsSchema),
      authorize((c) => paperWriteAccess.write(context, c.get('user'), c.req.param('id')!)),
      jsonBody(consultationMinutesInputSchema),
      async (c) => {
        const user = c.get('user');
        const { id, consultationId } = c.req.valid('param');
        const record = await setConsultationMinutes(
          context,
          user,
          id,
          consultationId,
          c.req.valid('json').text,
        );
        c.get('log').info({ event: 'paper_minutes', paperId: id, consultationId }, 'consultation minutes');
        c.header('ETag', versionEtag(record.version));
        return c.json(toPaperDto(record, user));
      },
    )
    .get(
      '/:id/consultations/:consultationId/minutes/export',
      params(consultationParamsSchema),
      query(minutesExportQuerySchema),
      async (c) => {
        const user = c.get('user');
        const { id, consultationId } = c.req.valid('param');
        const { paper, consultation } = await loadMinutes(context, user, id, consultationId);
        const input = toMinutesExportInput(paper, consultation, { id: user.bodyId, name: user.bodyName });
        const { format } = c.req.valid('query');
        const render = await loadRenderers();
        const bytes =
          format === 'docx' ? await render.renderMinutesDocx(input) : await render.renderMinutesPdf(input);
        return c.body(new Uint8Array(bytes), 200, {
          'Content-Type': MEDIA_TYPES[format],
          'Content-Disposition': contentDisposition(
            minutesFileName(paper, consultation.committee.name, format),
          ),
          'X-Content-Type-Options': 'nosniff',
        });
      },
    );
}
