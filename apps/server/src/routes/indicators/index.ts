import {
  idParamSchema,
  indicatorImportFormSchema,
  indicatorImportQuerySchema,
  indicatorInputSchema,
  indicatorValuesInputSchema,
  indicatorValuesQuerySchema,
  updateIndicatorInputSchema,
  type IndicatorDto,
  type IndicatorImportDto,
  type IndicatorValuesDto,
  type IndicatorValuesUpsertDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppEnv } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import { INDICATOR_IMPORT_MAX_BYTES } from '../../services/indicator-file.ts';
import {
  assertCanWriteIndicators,
  createIndicator,
  deleteIndicator,
  importIndicators,
  indicatorValues,
  getIndicator,
  listIndicators,
  updateIndicator,
  upsertIndicatorValues,
} from '../../services/indicators.ts';

/** The import's path: the app's general body limit leaves it to the route's own (a 5 MB table). */
export const INDICATOR_IMPORT_PATH = '/api/indicators/import';
/** Room for the multipart framing and the form fields beside the file. */
const IMPORT_BODY_LIMIT = INDICATOR_IMPORT_MAX_BYTES + 64 * 1024;

const tooLarge = () =>
  new AppError(413, 'payload_too_large', 'Die Datei ist zu groß (höchstens 5 MB).', {
    maxBytes: INDICATOR_IMPORT_MAX_BYTES,
  });

/** The indicator catalogue, its values and the import of statistics tables (issue #17). */
export function indicatorRoutes(context: AppContext) {
  const writer = authorize((c) => assertCanWriteIndicators(c.get('user')));

  return new Hono<AppEnv>()
    .get('/', async (c) => c.json((await listIndicators(context, c.get('user'))) satisfies IndicatorDto[]))
    .get('/:id', params(idParamSchema), async (c) =>
      c.json((await getIndicator(context, c.get('user'), c.req.valid('param').id)) satisfies IndicatorDto),
    )

    .post('/', writer, jsonBody(indicatorInputSchema), async (c) => {
      const indicator = await createIndicator(context, c.get('user'), c.req.valid('json'));
      c.get('log').info({ event: 'indicator_created', indicatorId: indicator.id }, 'indicator created');
      return c.json(indicator satisfies IndicatorDto, 201);
    })

    .post(
      '/import',
      writer,
      bodyLimit({
        maxSize: IMPORT_BODY_LIMIT,
        onError: (c) => {
          c.header('Connection', 'close');
          throw tooLarge();
        },
      }),
      query(indicatorImportQuerySchema),
      async (c) => {
        const type = (c.req.header('content-type') ?? '').toLowerCase();
        if (!type.startsWith('multipart/form-data')) {
          throw new AppError(
            415,
            'unsupported_media_type',
            'Die Tabelle kommt als Formular (multipart/form-data) mit dem Feld „file“.',
          );
        }
        let form: Record<string, string | File | (string | File)[]>;
        try {
          form = await c.req.parseBody({ all: true });
        } catch (error) {
          // The body limit speaks through the stream the form is read from.
          if (error instanceof AppError) throw error;
          throw validationFailed([{ path: 'file', message: 'Das Formular lässt sich nicht lesen.' }]);
        }
        const file = form.file;
        if (!(file instanceof File)) {
          throw validationFailed([{ path: 'file', message: 'Bitte eine Datei wählen.' }]);
        }
        if (file.size > INDICATOR_IMPORT_MAX_BYTES) throw tooLarge();
        const text = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
        const fields = indicatorImportFormSchema.safeParse({
          date: text('date'),
          namePrefix: text('namePrefix'),
          kind: text('kind') || undefined,
          unit: text('unit'),
        });
        if (!fields.success) {
          throw validationFailed(
            fields.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
          );
        }
        const commit = c.req.valid('query').commit === 'true';
        const result = await importIndicators(
          context,
          c.get('user'),
          new Uint8Array(await file.arrayBuffer()),
          {
            ...fields.data,
            commit,
          },
        );
        if (commit) {
          c.get('log').info({ event: 'indicators_imported', ...result.changes }, 'indicators imported');
        }
        return c.json(result satisfies IndicatorImportDto);
      },
    )

    .patch('/:id', params(idParamSchema), writer, jsonBody(updateIndicatorInputSchema), async (c) => {
      const indicator = await updateIndicator(
        context,
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(indicator satisfies IndicatorDto);
    })

    .delete('/:id', params(idParamSchema), writer, async (c) => {
      await deleteIndicator(context, c.get('user'), c.req.valid('param').id);
      return c.body(null, 204);
    })

    .post('/:id/values', params(idParamSchema), writer, jsonBody(indicatorValuesInputSchema), async (c) => {
      const counts = await upsertIndicatorValues(
        context,
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(counts satisfies IndicatorValuesUpsertDto);
    })

    .get('/:id/values', params(idParamSchema), query(indicatorValuesQuerySchema), async (c) => {
      const values = await indicatorValues(
        context,
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('query').date,
      );
      return c.json(values satisfies IndicatorValuesDto);
    });
}
