import { committeeRepository, meetingRepository } from '@quartierplan/db';
import {
  idParamSchema,
  oparlBodyParamsSchema,
  oparlMeetingParamsSchema,
  oparlPageQuerySchema,
  type PaperDocument,
} from '@quartierplan/domain';
import {
  meetingIdOf,
  oparlBody,
  oparlConsultation,
  oparlList,
  oparlMeeting,
  oparlOrganization,
  oparlPaper,
  oparlStoredMeeting,
  oparlSystem,
  oparlUrls,
  toPaperDocument,
  type OparlContext,
  type OparlObject,
} from '@quartierplan/export';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { params, query } from '../../http/validate.ts';
import type { AppContext } from '../../context.ts';
import { toPaperDocumentInput } from '../../services/paper-export.ts';
import { listReadablePapers } from '../../services/papers.ts';

/**
 * The OParl 1.1 read API. OParl is meant to be public, but the contract keeps every `/api` route behind
 * a session, and papers here are working documents of one municipality: so it answers what the
 * logged-in user may read, and only released papers (drafts are not yet papers of the council).
 */
export function oparlRoutes(context: AppContext) {
  const { sql } = context;
  const ctxOf = (c: Context<AppEnv>): OparlContext => ({
    baseUrl: context.config.publicOrigin ?? new URL(c.req.url).origin,
  });
  const bodyOf = (c: Context<AppEnv>) => ({
    id: c.get('user').bodyId,
    name: c.get('user').bodyName,
    letterhead: [],
  });

  /** The released papers the user may read, as export documents. */
  async function papers(c: Context<AppEnv>): Promise<PaperDocument[]> {
    const records = await listReadablePapers(context, c.get('user'), { status: 'released' });
    return records.map((p) => toPaperDocument(toPaperDocumentInput(p, bodyOf(c))));
  }

  async function meetings(c: Context<AppEnv>): Promise<OparlObject[]> {
    const ctx = ctxOf(c);
    const stored = await meetingRepository(sql).list(c.get('user').bodyId);
    const all = new Map(stored.map((m) => [m.id, oparlStoredMeeting(m, ctx)] as const));
    for (const paper of await papers(c)) {
      for (const consultation of paper.consultations) {
        if (!all.has(meetingIdOf(consultation)))
          all.set(meetingIdOf(consultation), oparlMeeting(consultation, ctx));
      }
    }
    return [...all.values()];
  }

  async function organizations(c: Context<AppEnv>): Promise<OparlObject[]> {
    const bodyId = c.get('user').bodyId;
    return (await committeeRepository(sql).list(bodyId)).map((committee) =>
      oparlOrganization(committee, bodyId, ctxOf(c)),
    );
  }

  async function consultations(c: Context<AppEnv>): Promise<OparlObject[]> {
    return (await papers(c)).flatMap((paper) =>
      paper.consultations.map((consultation) => oparlConsultation(consultation, paper.id, ctxOf(c))),
    );
  }

  /** One page of a list, with OParl's pagination block and links. */
  function page(c: Context<AppEnv>, items: OparlObject[], url: string) {
    const { page: n, limit } = oparlPageQuerySchema.parse(c.req.query());
    return c.json(
      oparlList(items.slice((n - 1) * limit, n * limit), {
        url,
        page: n,
        perPage: limit,
        total: items.length,
      }),
    );
  }

  function ownBody(c: Context<AppEnv>, bodyId: string): void {
    if (bodyId !== c.get('user').bodyId) throw notFound('Körperschaft nicht gefunden.');
  }

  const lists = {
    organizations,
    meetings,
    papers: async (c: Context<AppEnv>) => (await papers(c)).map((p) => oparlPaper(p, ctxOf(c))),
    consultations,
    people: async () => [] as OparlObject[],
  };

  const app = new Hono<AppEnv>()
    .get('/system', (c) => c.json(oparlSystem(ctxOf(c), { name: 'Quartierplan' })))
    .get('/bodies', query(oparlPageQuerySchema), (c) =>
      page(c, [oparlBody(bodyOf(c), ctxOf(c))], oparlUrls.bodies(ctxOf(c))),
    )
    .get('/bodies/:bodyId', params(oparlBodyParamsSchema), (c) => {
      ownBody(c, c.req.valid('param').bodyId);
      return c.json(oparlBody(bodyOf(c), ctxOf(c)));
    });

  for (const [name, load] of Object.entries(lists)) {
    app.get(
      `/bodies/:bodyId/${name}`,
      params(oparlBodyParamsSchema),
      query(oparlPageQuerySchema),
      async (c) => {
        const { bodyId } = c.req.valid('param');
        ownBody(c, bodyId);
        return page(c, await load(c), `${oparlUrls.body(ctxOf(c), bodyId)}/${name}`);
      },
    );
  }

  const single = (name: 'organizations' | 'meetings' | 'papers' | 'consultations', message: string) =>
    app.get(
      `/${name}/:id`,
      params(name === 'meetings' ? oparlMeetingParamsSchema : idParamSchema),
      async (c) => {
        const url = `${ctxOf(c).baseUrl.replace(/\/+$/, '')}/api/oparl/v1.1/${name}/${encodeURIComponent(c.req.valid('param').id)}`;
        const found = (await lists[name](c)).find((o) => o.id === url);
        if (!found) throw notFound(message);
        return c.json(found);
      },
    );
  single('organizations', 'Gremium nicht gefunden.');
  single('meetings', 'Sitzung nicht gefunden.');
  single('papers', 'Vorlage nicht gefunden.');
  single('consultations', 'Beratung nicht gefunden.');
  return app;
}
