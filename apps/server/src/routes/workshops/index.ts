import {
  clusterInputSchema,
  createCardInputSchema,
  idParamSchema,
  mergeCardInputSchema,
  startRoundInputSchema,
  updateCardInputSchema,
  updateWorkshopInputSchema,
  voteInputSchema,
  workshopCardParamsSchema,
  workshopClusterParamsSchema,
  workshopParticipantParamsSchema,
  workshopRoundParamsSchema,
  rankResults,
  type AcceptCardDto,
  type RoundResultDto,
  type WorkshopCardDto,
  type WorkshopClusterDto,
  type WorkshopDto,
  type WorkshopParticipantDto,
  type WorkshopRoundDto,
  type WorkshopStateDto,
} from '@quartierplan/domain';
import { Hono, type MiddlewareHandler } from 'hono';
import { requireUser } from '../../http/auth-middleware.ts';
import { jsonBody, params } from '../../http/validate.ts';
import { requireWorkshopActor } from '../../http/workshop-auth.ts';
import { loadOnFirstUse } from '../../load-on-first-use.ts';
import {
  acceptCard,
  addCard,
  addCluster,
  deleteCard,
  deleteCluster,
  listCards,
  mergeCard,
  updateCard,
  updateCluster,
} from '../../services/workshop-cards.ts';
import { joinUrl, toCardDto, toClusterDto, toRoundDto, toWorkshopDto } from '../../services/workshop-live.ts';
import {
  closeRound,
  closeWorkshop,
  listRounds,
  pauseOrResumeRound,
  roundResults,
  startRound,
  vote,
  workshopState,
} from '../../services/workshop-rounds.ts';
import {
  deleteWorkshop,
  listParticipants,
  removeParticipant,
  updateWorkshop,
  type WorkshopDeps,
} from '../../services/workshops.ts';
import { loadWorkshop, type WorkshopEnv, type WorkshopGuards } from './access.ts';
import { workshopEventRoutes } from './events.ts';
import { workshopExportRoutes } from './export.ts';

/** The QR code generator, loaded by the first QR code a facilitator shows. */
const loadQrCode = loadOnFirstUse(async () => (await import('qrcode')).default);

/**
 * `/api/workshops/:id…`: participant routes (a user session or the workshop's own guest
 * cookie) and facilitator routes (a user session only). See docs/CONTRACT.md, "Workshops".
 */
export function workshopRoutes(deps: WorkshopDeps) {
  const { context } = deps;
  // Both only set variables WorkshopEnv shares with AppEnv.
  const participant = requireWorkshopActor(context) as unknown as MiddlewareHandler<WorkshopEnv>;
  const user = requireUser(context.sessions, context.cookie) as unknown as MiddlewareHandler<WorkshopEnv>;
  const asParticipant = loadWorkshop(deps, { facilitator: false });
  const asFacilitator = loadWorkshop(deps, { facilitator: true });
  const workshop = params(idParamSchema) as unknown as MiddlewareHandler<WorkshopEnv>;
  const guards: WorkshopGuards = { participant, user, workshopId: workshop, asParticipant, asFacilitator };
  const card = params(workshopCardParamsSchema);
  const cluster = params(workshopClusterParamsSchema);
  const round = params(workshopRoundParamsSchema);

  return (
    new Hono<WorkshopEnv>()
      // Sub-routers with files of their own; a workshop's exports (export.ts) mount here the same way.
      .route('/', workshopEventRoutes(deps, guards))
      .route('/', workshopExportRoutes(deps, guards))

      .get('/:id', participant, workshop, asParticipant, async (c) => {
        const { workshop, viewer } = c.get('access');
        return c.json(toWorkshopDto(workshop, viewer) satisfies WorkshopDto);
      })

      .patch('/:id', user, workshop, asFacilitator, jsonBody(updateWorkshopInputSchema), async (c) => {
        const access = c.get('access');
        const updated = await updateWorkshop(deps, access, c.req.valid('json'));
        return c.json(toWorkshopDto(updated, access.viewer) satisfies WorkshopDto);
      })

      .post('/:id/close', user, workshop, asFacilitator, async (c) => {
        const access = c.get('access');
        const closed = await closeWorkshop(deps, access);
        c.get('log').info({ event: 'workshop_closed', workshopId: closed.id }, 'workshop closed');
        return c.json(toWorkshopDto(closed, access.viewer) satisfies WorkshopDto);
      })

      .delete('/:id', user, workshop, asFacilitator, async (c) => {
        const access = c.get('access');
        await deleteWorkshop(deps, access);
        c.get('log').info({ event: 'workshop_deleted', workshopId: access.workshop.id }, 'workshop deleted');
        return c.body(null, 204);
      })

      .get('/:id/state', participant, workshop, asParticipant, async (c) => {
        const state = await workshopState(deps, c.get('access'));
        return c.json(state satisfies WorkshopStateDto);
      })

      .get('/:id/qr.svg', participant, workshop, asParticipant, async (c) => {
        const { workshop, viewer } = c.get('access');
        // Made here from the join URL: no third-party service learns about the workshop.
        const qrCode = await loadQrCode();
        const svg = await qrCode.toString(joinUrl(viewer.origin, workshop.code), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        c.header('Content-Type', 'image/svg+xml; charset=utf-8');
        return c.body(svg);
      })

      .get('/:id/participants', user, workshop, asFacilitator, async (c) => {
        const people = await listParticipants(deps, c.get('access'));
        return c.json(
          people.map((p) => ({
            id: p.id,
            kind: p.userId === null ? ('guest' as const) : ('member' as const),
            displayName: p.displayName,
            cardCount: p.cardCount,
            joinedAt: p.joinedAt,
          })) satisfies WorkshopParticipantDto[],
        );
      })

      .delete(
        '/:id/participants/:participantId',
        user,
        params(workshopParticipantParamsSchema),
        asFacilitator,
        async (c) => {
          const { participantId } = c.req.valid('param');
          await removeParticipant(deps, c.get('access'), participantId);
          return c.body(null, 204);
        },
      )

      // ——— cards and clusters ———

      .get('/:id/cards', participant, workshop, asParticipant, async (c) => {
        const access = c.get('access');
        const cards = await listCards(deps, access);
        return c.json(cards.map((card) => toCardDto(card, access.viewer)) satisfies WorkshopCardDto[]);
      })

      .post(
        '/:id/cards',
        participant,
        workshop,
        asParticipant,
        jsonBody(createCardInputSchema),
        async (c) => {
          const access = c.get('access');
          const created = await addCard(deps, access, c.req.valid('json'));
          return c.json(toCardDto(created, access.viewer) satisfies WorkshopCardDto, 201);
        },
      )

      .patch('/:id/cards/:cardId', user, card, asFacilitator, jsonBody(updateCardInputSchema), async (c) => {
        const access = c.get('access');
        const updated = await updateCard(deps, access, c.req.valid('param').cardId, c.req.valid('json'));
        return c.json(toCardDto(updated, access.viewer) satisfies WorkshopCardDto);
      })

      .delete('/:id/cards/:cardId', participant, card, asParticipant, async (c) => {
        await deleteCard(deps, c.get('access'), c.req.valid('param').cardId);
        return c.body(null, 204);
      })

      .post(
        '/:id/cards/:cardId/merge',
        user,
        card,
        asFacilitator,
        jsonBody(mergeCardInputSchema),
        async (c) => {
          const access = c.get('access');
          const target = await mergeCard(
            deps,
            access,
            c.req.valid('param').cardId,
            c.req.valid('json').intoCardId,
          );
          return c.json(toCardDto(target, access.viewer) satisfies WorkshopCardDto);
        },
      )

      .post('/:id/cards/:cardId/accept', user, card, asFacilitator, async (c) => {
        const access = c.get('access');
        const accepted = await acceptCard(deps, access, c.req.valid('param').cardId);
        c.get('log').info({ event: 'workshop_card_accepted', needId: accepted.needId }, 'card accepted');
        const body: AcceptCardDto = {
          needId: accepted.needId,
          card: toCardDto(accepted.card, access.viewer),
        };
        return c.json(body);
      })

      .post('/:id/clusters', user, workshop, asFacilitator, jsonBody(clusterInputSchema), async (c) => {
        const created = await addCluster(deps, c.get('access'), c.req.valid('json'));
        return c.json(toClusterDto(created) satisfies WorkshopClusterDto, 201);
      })

      .patch(
        '/:id/clusters/:clusterId',
        user,
        cluster,
        asFacilitator,
        jsonBody(clusterInputSchema),
        async (c) => {
          const updated = await updateCluster(
            deps,
            c.get('access'),
            c.req.valid('param').clusterId,
            c.req.valid('json'),
          );
          return c.json(toClusterDto(updated) satisfies WorkshopClusterDto);
        },
      )

      .delete('/:id/clusters/:clusterId', user, cluster, asFacilitator, async (c) => {
        await deleteCluster(deps, c.get('access'), c.req.valid('param').clusterId);
        return c.body(null, 204);
      })

      // ——— rounds and votes ———

      .get('/:id/rounds', participant, workshop, asParticipant, async (c) => {
        const access = c.get('access');
        const rounds = await listRounds(deps, access);
        return c.json(rounds.map((r) => toRoundDto(r, access.viewer)) satisfies WorkshopRoundDto[]);
      })

      .post('/:id/rounds', user, workshop, asFacilitator, jsonBody(startRoundInputSchema), async (c) => {
        const access = c.get('access');
        const started = await startRound(deps, access, c.req.valid('json'));
        c.get('log').info({ event: 'workshop_round_started', roundId: started.round.id }, 'round started');
        return c.json(toRoundDto(started, access.viewer) satisfies WorkshopRoundDto, 201);
      })

      .post('/:id/rounds/:roundId/pause', user, round, asFacilitator, async (c) => {
        const access = c.get('access');
        const paused = await pauseOrResumeRound(deps, access, c.req.valid('param').roundId, 'pause');
        return c.json(toRoundDto(paused, access.viewer) satisfies WorkshopRoundDto);
      })

      .post('/:id/rounds/:roundId/resume', user, round, asFacilitator, async (c) => {
        const access = c.get('access');
        const resumed = await pauseOrResumeRound(deps, access, c.req.valid('param').roundId, 'resume');
        return c.json(toRoundDto(resumed, access.viewer) satisfies WorkshopRoundDto);
      })

      .post('/:id/rounds/:roundId/close', user, round, asFacilitator, async (c) => {
        const access = c.get('access');
        const closed = await closeRound(deps, access, c.req.valid('param').roundId);
        return c.json(toRoundDto(closed, access.viewer) satisfies WorkshopRoundDto);
      })

      .post(
        '/:id/rounds/:roundId/votes',
        participant,
        round,
        asParticipant,
        jsonBody(voteInputSchema),
        async (c) => {
          const access = c.get('access');
          const voted = await vote(deps, access, c.req.valid('param').roundId, c.req.valid('json'));
          return c.json(toRoundDto(voted, access.viewer) satisfies WorkshopRoundDto);
        },
      )

      .get('/:id/rounds/:roundId/results', participant, round, asParticipant, async (c) => {
        const tally = await roundResults(deps, c.get('access'), c.req.valid('param').roundId);
        return c.json(rankResults(tally) satisfies RoundResultDto[]);
      })
  );
}
