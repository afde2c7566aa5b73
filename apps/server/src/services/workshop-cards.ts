import { randomUUID } from 'node:crypto';
import { addNeed, readNeeds } from '@quartierplan/collab';
import { ForeignKeyViolationError, workshopRepository } from '@quartierplan/db';
import type {
  ClusterInput,
  CreateCardInput,
  UpdateCardInput,
  WorkshopCard,
  WorkshopCluster,
} from '@quartierplan/domain';
import { AppError, conflict, notFound } from '../http/errors.ts';
import {
  needsDocumentOf,
  participantOf,
  requireFacilitator,
  requireOpen,
  type WorkshopAccess,
  type WorkshopDeps,
} from './workshops.ts';

/** Cards one person may write per minute. */
export const CARDS_PER_MINUTE = 10;

const cardNotFound = () => notFound('Karte nicht gefunden.');
const unprocessable = (path: string, message: string) =>
  new AppError(422, 'validation_failed', message, { issues: [{ path, message }] });

export function listCards(deps: WorkshopDeps, access: WorkshopAccess): Promise<WorkshopCard[]> {
  return workshopRepository(deps.context.sql).cards(access.workshop.id);
}

/**
 * Adds a card of the requester. The person's row is locked while their cards of the last minute
 * are counted, so parallel submissions cannot slip past the limit.
 */
export async function addCard(deps: WorkshopDeps, access: WorkshopAccess, input: CreateCardInput) {
  requireOpen(access.workshop);
  const { sql } = deps.context;
  const participant = await participantOf(deps, access);
  const card = await sql.begin(async (tx) => {
    const repo = workshopRepository(tx);
    await repo.lockParticipant(participant.id);
    const recent = await repo.cardsCreatedSince(participant.id, new Date(Date.now() - 60_000));
    if (recent >= CARDS_PER_MINUTE) {
      throw new AppError(429, 'too_many_requests', 'Bitte etwas langsamer: höchstens 10 Karten pro Minute.', {
        retryAfterSeconds: 60,
      });
    }
    return repo.addCard(access.workshop.id, participant.id, {
      title: input.title,
      description: input.description ?? '',
    });
  });
  deps.context.workshopBus.publish(access.workshop.id, { type: 'card', card });
  return card;
}

export async function updateCard(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  cardId: string,
  patch: UpdateCardInput,
): Promise<WorkshopCard> {
  requireFacilitator(access);
  const repo = workshopRepository(deps.context.sql);
  const current = await repo.card(access.workshop.id, cardId);
  if (!current) throw cardNotFound();
  if (patch.status !== undefined && (current.status === 'accepted' || current.status === 'merged')) {
    throw conflict('Eine übernommene oder zusammengeführte Karte behält ihren Status.');
  }
  if (patch.clusterId && !(await repo.cluster(access.workshop.id, patch.clusterId))) {
    throw unprocessable('clusterId', 'Diese Gruppe gibt es in diesem Workshop nicht.');
  }
  let card: WorkshopCard | null;
  try {
    card = await repo.updateCard(access.workshop.id, cardId, patch);
  } catch (error) {
    // The cluster was deleted in the meantime.
    if (error instanceof ForeignKeyViolationError)
      throw unprocessable('clusterId', 'Diese Gruppe gibt es in diesem Workshop nicht.');
    throw error;
  }
  if (!card) throw cardNotFound();
  deps.context.workshopBus.publish(access.workshop.id, { type: 'card', card });
  return card;
}

/** The facilitator deletes any card; its author their own while it is still `new`. */
export async function deleteCard(deps: WorkshopDeps, access: WorkshopAccess, cardId: string): Promise<void> {
  const repo = workshopRepository(deps.context.sql);
  const card = await repo.card(access.workshop.id, cardId);
  if (!card) throw cardNotFound();
  if (!access.viewer.facilitator) {
    const own = access.viewer.participantId !== null && card.participantId === access.viewer.participantId;
    if (!own) throw new AppError(403, 'forbidden', 'Sie können nur Ihre eigenen Karten löschen.');
    if (card.status !== 'new') throw conflict('Diese Karte wird schon weiterverarbeitet.');
  }
  await repo.deleteCard(access.workshop.id, cardId);
  deps.context.workshopBus.publish(access.workshop.id, { type: 'card-removed', id: cardId });
}

/** Merges a duplicate into another card: the source becomes `merged`, the target stays. */
export async function mergeCard(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  cardId: string,
  intoCardId: string,
): Promise<WorkshopCard> {
  requireFacilitator(access);
  const workshopId = access.workshop.id;
  const { sql } = deps.context;
  const moved = await sql.begin(async (tx) => {
    const repo = workshopRepository(tx);
    // Both rows locked, so two crossing merges cannot form a cycle.
    await repo.lockCards(workshopId, [cardId, intoCardId]);
    const source = await repo.card(workshopId, cardId);
    if (!source) throw cardNotFound();
    if (cardId === intoCardId)
      throw unprocessable('intoCardId', 'Eine Karte kann nicht in sich selbst aufgehen.');
    const target = await repo.card(workshopId, intoCardId);
    if (!target) throw unprocessable('intoCardId', 'Diese Karte gibt es in diesem Workshop nicht.');
    if (source.status === 'merged' || source.status === 'accepted')
      throw conflict('Diese Karte ist schon übernommen oder zusammengeführt.');
    if (target.status === 'merged') throw conflict('Die Zielkarte ist selbst schon zusammengeführt.');
    return repo.mergeCard(workshopId, cardId, intoCardId);
  });
  const repo = workshopRepository(sql);
  const bus = deps.context.workshopBus;
  for (const id of moved) {
    const card = await repo.card(workshopId, id);
    if (card) bus.publish(workshopId, { type: 'card', card });
  }
  const target = (await repo.card(workshopId, intoCardId))!;
  bus.publish(workshopId, { type: 'card', card: target });
  return target;
}

/**
 * Accepts a card into the Sozialraum's needs list: the need is written into the needs document
 * through the sync engine (stored and relayed like any edit), with source `workshop` and links to
 * the workshop and the card. Accepting again answers the same need.
 */
export async function acceptCard(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  cardId: string,
): Promise<{ needId: string; card: WorkshopCard }> {
  const user = requireFacilitator(access);
  const { workshop } = access;
  const repo = workshopRepository(deps.context.sql);
  const needId = randomUUID();
  const claim = await repo.claimForAccept(workshop.id, cardId, needId);
  if (!claim.claimed) {
    const card = await repo.card(workshop.id, cardId);
    if (!card) throw cardNotFound();
    if (card.status === 'accepted' && card.needId) return { needId: card.needId, card };
    throw conflict('Eine zusammengeführte Karte wird mit ihrer Zielkarte übernommen.');
  }
  const card = (await repo.card(workshop.id, cardId))!;
  try {
    const document = await needsDocumentOf(deps.context.sql, workshop);
    await deps.documents.withRoom(document, async (room) => {
      room.applyServerChange((doc) => {
        // A need of this card already in the list (a retry after a failure) is not added twice.
        if (readNeeds(doc).some((need) => need.workshopCardId === card.id)) return;
        addNeed(doc, {
          id: needId,
          title: card.title,
          description: card.description,
          source: 'workshop',
          workshopId: workshop.id,
          workshopCardId: card.id,
          createdBy: user.id,
          createdAt: new Date().toISOString(),
        });
      }, user.id);
      await room.flushed();
    });
  } catch (error) {
    await repo.releaseAccept(workshop.id, cardId, claim.previous);
    throw error;
  }
  deps.context.workshopBus.publish(workshop.id, { type: 'card', card });
  return { needId, card };
}

export function listClusters(deps: WorkshopDeps, access: WorkshopAccess): Promise<WorkshopCluster[]> {
  return workshopRepository(deps.context.sql).clusters(access.workshop.id);
}

export async function addCluster(deps: WorkshopDeps, access: WorkshopAccess, input: ClusterInput) {
  requireFacilitator(access);
  const cluster = await workshopRepository(deps.context.sql).addCluster(
    access.workshop.id,
    input.label,
    input.colour,
  );
  deps.context.workshopBus.publish(access.workshop.id, { type: 'cluster', cluster });
  return cluster;
}

export async function updateCluster(
  deps: WorkshopDeps,
  access: WorkshopAccess,
  clusterId: string,
  input: ClusterInput,
): Promise<WorkshopCluster> {
  requireFacilitator(access);
  const cluster = await workshopRepository(deps.context.sql).updateCluster(
    access.workshop.id,
    clusterId,
    input.label,
    input.colour,
  );
  if (!cluster) throw notFound('Gruppe nicht gefunden.');
  deps.context.workshopBus.publish(access.workshop.id, { type: 'cluster', cluster });
  return cluster;
}

/** Deletes a cluster; its cards stay, unclustered (and are published as changed). */
export async function deleteCluster(deps: WorkshopDeps, access: WorkshopAccess, clusterId: string) {
  requireFacilitator(access);
  const repo = workshopRepository(deps.context.sql);
  const cardIds = await repo.deleteCluster(access.workshop.id, clusterId);
  if (!cardIds) throw notFound('Gruppe nicht gefunden.');
  const bus = deps.context.workshopBus;
  bus.publish(access.workshop.id, { type: 'cluster-removed', id: clusterId });
  for (const id of cardIds) {
    const card = await repo.card(access.workshop.id, id);
    if (card) bus.publish(access.workshop.id, { type: 'card', card });
  }
}
