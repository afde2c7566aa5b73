import type { MeasureDto, MeasureLiveEventDto } from '@quartierplan/domain';

/** The stream's state as the "Live" indicator shows it. */
export type LiveState = 'connecting' | 'live' | 'offline';

const STREAM_URL = '/api/measures/events/stream';
/** Waits before reopening a stream the browser gave up on (it retries network errors itself). */
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10_000];

/**
 * Live changes of measures through the server's SSE stream. The browser's EventSource reconnects
 * by itself after network errors; when the server refuses (session ended, 401) it gives up, so
 * this reopens it with a growing delay. Call `close()` when the page goes.
 */
export class MeasureLive {
  state = $state<LiveState>('connecting');
  private source: EventSource | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Whether a stream was open before: a later `ready` is a reconnect, and events may be missed. */
  private hadStream = false;

  constructor(
    private readonly onMeasure: (measure: MeasureDto, type: MeasureLiveEventDto['type']) => void,
    /** Called after a reconnect: events may have been missed while the stream was down. */
    private readonly onResync: () => void = () => {},
  ) {
    this.open();
  }

  private open() {
    if (this.closed) return;
    this.state = 'connecting';
    const source = new EventSource(STREAM_URL);
    this.source = source;
    source.addEventListener('ready', () => {
      const wasReconnect = this.hadStream;
      this.attempts = 0;
      this.hadStream = true;
      this.state = 'live';
      if (wasReconnect) this.onResync();
    });
    source.addEventListener('measure', (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as MeasureLiveEventDto;
        this.onMeasure(data.measure, data.type);
      } catch {
        // A malformed event is the server's bug; the next refetch repairs the view.
        this.onResync();
      }
    });
    source.addEventListener('error', () => {
      this.state = source.readyState === EventSource.CLOSED ? 'offline' : 'connecting';
      if (source.readyState === EventSource.CLOSED) this.scheduleReopen();
    });
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
    if (this.timer) clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }
}
