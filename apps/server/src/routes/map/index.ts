import { mapIndicators, sozialraumRepository } from '@quartierplan/db';
import {
  idParamSchema,
  indicatorMapQuerySchema,
  visibleSozialraumIds,
  type IndicatorValuesDto,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { params, query } from '../../http/validate.ts';
import { publishedFigures } from '../../services/figures.ts';

/**
 * The choropleth's data: the indicators with values, and one indicator's figures at a date for the Sozialräume
 * the user sees, through `publishedFigures` (disclosure control) like every published value.
 */
export function mapRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/indicators', async (c) => c.json(await mapIndicators(context.sql, c.get('user').bodyId)))

    .get('/indicators/:id', params(idParamSchema), query(indicatorMapQuerySchema), async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      const indicator = (await mapIndicators(context.sql, user.bodyId)).find((i) => i.id === id);
      if (!indicator) throw notFound('Indikator nicht gefunden oder ohne Werte.');
      const date = c.req.valid('query').date ?? indicator.dates.at(-1)!;
      const book = await publishedFigures(context.sql, user.bodyId, [id], [date]);
      const sozialraeume = await sozialraumRepository(context.sql).list(user.bodyId, {
        onlyIds: visibleSozialraumIds(user),
      });
      const answer: IndicatorValuesDto = {
        indicatorId: id,
        date,
        city: book.figure(id, null, date),
        sozialraeume: sozialraeume.flatMap((s) => {
          const figure = book.figure(id, s.id, date);
          return figure ? [{ sozialraumId: s.id, code: s.code, name: s.name, ...figure }] : [];
        }),
      };
      return c.json(answer);
    });
}
