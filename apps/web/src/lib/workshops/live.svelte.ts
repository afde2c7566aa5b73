import type {
  WorkshopCardDto,
  WorkshopClusterDto,
  WorkshopEvent,
  WorkshopEventName,
  WorkshopRoundDto,
  WorkshopStateDto,
} from '@quartierplan/domain';

/** The live channel as the pages show it; `reconnecting` after a phone slept or the network dropped. */
export type WorkshopLiveState = 'connecting' | 'live' | 'reconnecting' | 'ended';

const EVENT_NAMES: readonly WorkshopEventName[] = [
  'state',
  'workshop',
  'card',
  'card-removed',
  'cluster',
  'cluster-removed',
  'round',
  'ended',
];
/** Waits before reopening a channel the browser gave up on (it retries network errors itself). */
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10_000];

/** Inserts or replaces an entity by id, keeping the order of the others. */
export function upsert<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  return index < 0 ? [...items, item] : items.map((existing, i) => (i === index ? item : existing));
}

/** Applies one event of the live channel to a state (pure, so it is tested without a server). */
export function applyWorkshopEvent(state: WorkshopStateDto, event: WorkshopEvent): WorkshopStateDto {
  switch (event.event) {
    case 'state':
      return event.data;
    case 'workshop':
      return { ...state, workshop: event.data };
    case 'card':
      return { ...state, cards: upsert<WorkshopCardDto>(state.cards, event.data) };
    case 'card-removed':
      return { ...state, cards: state.cards.filter((card) => card.id !== event.data.id) };
    case 'cluster':
      return { ...state, clusters: upsert<WorkshopClusterDto>(state.clusters, event.data) };
    case 'cluster-removed':
      return {
        ...state,
        clusters: state.clusters.filter((cluster) => cluster.id !== event.data.id),
        cards: state.cards.map((card) =>
          card.clusterId === event.data.id ? { ...card, clusterId: null } : card,
        ),
      };
    case 'round':
      return {
        ...state,
        rounds: upsert<WorkshopRoundDto>(state.rounds, event.data).sort((a, b) => a.number - b.number),
      };
    case 'ended':
      return state;
  }
}

/**
 * A workshop's state kept current through its SSE channel (`/api/workshops/:id/events`). The first
 * event (and every one after a reconnect) is the whole state, so nothing missed while a phone slept
 * stays missing. Answers of the page's own requests go through `apply` too, so the person sees their
 * action at once, before the event arrives.
 */
export class WorkshopLive {
  state = $state<WorkshopStateDto | null>(null);
  connection = $state<WorkshopLiveState>('connecting');
  /** Why the channel ended (`removed` by the facilitator, or the workshop `deleted`). */
  endedReason = $state<'removed' | 'deleted' | null>(null);
  /** The browser's clock, once a second, for countdowns. */
  now = $state(Date.now());

  private source: EventSource | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly clock: ReturnType<typeof setInterval>;
  private closed = false;
  private lastRefresh = 0;
  private readonly onVisible = () => {
    // A phone back from sleep: reopen at once rather than waiting for the browser's retry.
    if (document.visibilityState === 'visible' && this.source?.readyState === EventSource.CLOSED)
      this.reopenNow();
  };

  constructor(
    private readonly workshopId: string,
    initial: WorkshopStateDto | null = null,
  ) {
    this.state = initial;
    this.clock = setInterval(() => this.tick(), 1000);
    document.addEventListener('visibilitychange', this.onVisible);
    this.open();
  }

  private tick() {
    this.now = Date.now();
    // A timed round past its end that the channel has not reported closed: the server's timer may
    // fire a moment late, and every read closes due rounds, so ask for the state (every 3 s at most).
    const round = this.state?.rounds.at(-1);
    if (
      round?.status === 'open' &&
      round.endsAt &&
      Date.parse(round.endsAt) + 1500 < this.now &&
      this.now - this.lastRefresh > 3000
    ) {
      this.lastRefresh = this.now;
      void this.refresh();
    }
  }

  /** Fetches the whole state again (what the channel's first event would bring). */
  async refresh() {
    try {
      const response = await fetch(`/api/workshops/${this.workshopId}/state`);
      if (response.ok && !this.closed) this.state = (await response.json()) as WorkshopStateDto;
    } catch {
      // Offline: the channel's reconnect brings the state back.
    }
  }

  /** Applies an answer of the page's own request (the same shapes the channel sends). */
  apply(event: WorkshopEvent) {
    if (this.state) this.state = applyWorkshopEvent(this.state, event);
  }

  private open() {
    if (this.closed) return;
    const source = new EventSource(`/api/workshops/${this.workshopId}/events`);
    this.source = source;
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        const event = { event: name, data } as WorkshopEvent;
        if (event.event === 'ended') {
          this.endedReason = event.data.reason;
          this.connection = 'ended';
          this.close();
          return;
        }
        if (event.event === 'state') {
          this.attempts = 0;
          this.connection = 'live';
          this.state = event.data;
        } else this.apply(event);
      });
    }
    source.addEventListener('error', () => {
      if (this.closed) return;
      this.connection = this.state ? 'reconnecting' : 'connecting';
      if (source.readyState === EventSource.CLOSED) this.scheduleReopen();
    });
  }

  private reopenNow() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.open();
  }

  private scheduleReopen() {
    if (this.closed || this.timer) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempts, RECONNECT_DELAYS_MS.length - 1)]!;
    this.attempts += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, delay);
  }

  close() {
    this.closed = true;
    clearInterval(this.clock);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer) clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }
}
