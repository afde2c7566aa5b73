import { z } from 'zod';
import type { CardStatus } from './dto.ts';
import type { RoundStatus } from './voting.ts';

/** The tables of `GET /api/workshops/:id/export.csv?table=…`. */
export const WORKSHOP_EXPORT_TABLES = ['cards', 'results'] as const;
export type WorkshopExportTable = (typeof WORKSHOP_EXPORT_TABLES)[number];

/** `GET /api/workshops/:id/export.csv` */
export const exportWorkshopCsvQuerySchema = z.object({
  table: z.enum(WORKSHOP_EXPORT_TABLES, { message: 'table muss cards oder results sein.' }),
});

/** German names of card states, as exports show them. */
export const CARD_STATUS_LABELS: Record<CardStatus, string> = {
  new: 'neu',
  accepted: 'übernommen',
  set_aside: 'zurückgestellt',
  merged: 'zusammengeführt',
};

/** German names of round states, as exports show them. */
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  open: 'läuft',
  paused: 'pausiert',
  closed: 'geschlossen',
};

/** A card as the facilitator's export lists it. */
export interface ExportedCard {
  id: string;
  title: string;
  description: string;
  status: CardStatus;
  /** The cluster's label, or null. */
  cluster: string | null;
  /** Title of the card this one was merged into, or null. */
  mergedInto: string | null;
  needId: string | null;
  /** Null for anonymous guests and once the workshop was anonymised. */
  author: string | null;
  /** ISO 8601 */
  createdAt: string;
}

/** A round with its settings and, once closed, its ranked result. */
export interface ExportedRound {
  number: number;
  status: RoundStatus;
  dotsPerPerson: number;
  maxPerItem: number | null;
  durationSeconds: number | null;
  liveResults: boolean;
  /** ISO 8601 */
  startedAt: string;
  closedAt: string | null;
  /** Most dots first; ties in ballot order. Empty until the round closes. */
  results: { rank: number; needId: string; title: string; dots: number }[];
}
