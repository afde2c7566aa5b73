import {
  idParamSchema,
  offerImportQuerySchema,
  offerInputSchema,
  publicOffersQuerySchema,
  updateOfferInputSchema,
} from '@quartierplan/domain';
import { Hono } from 'hono';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppEnv } from '../../http/context.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { jsonBody, params, query } from '../../http/validate.ts';
import {
  createOffer,
  deleteOffer,
  importOffers,
  listOffers,
  loadWritableOffer,
  mayWriteSomeOffer,
  publicOffers,
  updateOffer,
} from '../../services/offers.ts';

const writersOnly = authorize((c) => {
  if (!mayWriteSomeOffer(c.get('user'))) {
    throw forbidden('Angebote pflegen Admins und Mitglieder mit Bearbeitungsrecht in einem Sozialraum.');
  }
});

/** The inventory of offers (Bestandserhebung): signed-in users read, admins and edit members write. */
export function offerRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await listOffers(context, c.get('user'))))

    .post('/', writersOnly, jsonBody(offerInputSchema), async (c) => {
      const offer = await createOffer(context, c.get('user'), c.req.valid('json'));
      c.get('log').info({ event: 'offer_created', offerId: offer.id }, 'offer created');
      return c.json(offer, 201);
    })

    .post('/import', writersOnly, query(offerImportQuerySchema), async (c) => {
      // The file as the body (text/csv), or as the field `file` of a form like the indicator import's.
      let bytes: Uint8Array;
      if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        const file = (await c.req.parseBody())['file'];
        if (!(file instanceof File)) {
          throw validationFailed([{ path: 'file', message: 'Bitte eine CSV-Datei im Feld „file“ senden.' }]);
        }
        bytes = new Uint8Array(await file.arrayBuffer());
      } else bytes = new Uint8Array(await c.req.arrayBuffer());
      const commit = c.req.valid('query').commit === 'true';
      const result = await importOffers(context, c.get('user'), bytes, commit);
      if (result.committed) {
        c.get('log').info({ event: 'offers_imported', count: result.count }, 'offers imported');
      }
      // With issues nothing is stored (`committed: false`); the answer lists them by line.
      return c.json(result);
    })

    .patch(
      '/:id',
      params(idParamSchema),
      authorize(async (c) => {
        await loadWritableOffer(context, c.get('user'), c.req.param('id')!);
      }),
      jsonBody(updateOfferInputSchema),
      async (c) => {
        const offer = await updateOffer(context, c.get('user'), c.req.valid('param').id, c.req.valid('json'));
        return c.json(offer);
      },
    )

    .delete('/:id', params(idParamSchema), async (c) => {
      await deleteOffer(context, c.get('user'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}

/** `GET /api/public/offers?bodyId=`: published offers for everyone, without a session. */
export function publicOfferRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/offers', query(publicOffersQuerySchema), async (c) => {
    return c.json(await publicOffers(context, c.req.valid('query').bodyId));
  });
}
