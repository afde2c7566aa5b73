import { canSeeMeasure, type MeasureLiveEventDto, type MeasureStreamReadyDto } from '@quartierplan/domain';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../http/context.ts';
import { toMeasureDto } from '../../services/measures.ts';
import type { AppContext } from '../../context.ts';

export interface MeasureStreamOptions {
  /** How often a comment line keeps proxies and browsers from closing an idle stream. */
  heartbeatMs: number;
  /**
   * How often the session and the rights behind a stream are read again. `user-changed` closes a
   * stream at once, but only on the instance where the change happened; sessions also simply
   * expire. This bounds how long a stream outlives either.
   */
  recheckMs: number;
}

/** Heartbeats below the 60 s idle timeouts of common reverse proxies (nginx `proxy_read_timeout`). */
export const DEFAULT_MEASURE_STREAM_OPTIONS: MeasureStreamOptions = {
  heartbeatMs: 15_000,
  recheckMs: 15_000,
};

/**
 * `GET /api/measures/events/stream`: Server-Sent Events. Each subscriber receives `measure`
 * events (data: MeasureLiveEventDto) only for measures of its body it may see, with its own
 * permissions; first a `ready` event, then heartbeats. When the user's rights change or their
 * sessions end (`user-changed`), the stream closes so the browser reconnects with fresh rights;
 * a periodic recheck catches the same on other instances and session expiry.
 */
export function measureStreamRoutes(context: AppContext, overrides: Partial<MeasureStreamOptions> = {}) {
  const options: MeasureStreamOptions = { ...DEFAULT_MEASURE_STREAM_OPTIONS, ...overrides };
  return new Hono<AppEnv>().get('/stream', (c) => {
    // Replaced by the fresh principal at every recheck, so rights changed elsewhere apply.
    let user = c.get('user');
    const token = context.cookie.read(c);
    // Tells nginx not to buffer the stream (infra/ proxies /api/ to us).
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let finish = () => {};
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      stream.onAbort(() => finish());

      // Writes are chained so events leave in the order they arrived; a failed write means
      // the client has gone.
      let queue = Promise.resolve();
      const send = (write: () => Promise<void>) => {
        queue = queue.then(write).catch(() => finish());
      };

      const unsubscribe = context.measureBus.subscribe((change) => {
        // Read `user` per event: a recheck may have replaced it.
        if (change.bodyId !== user.bodyId || !canSeeMeasure(user, change.measure)) return;
        const event: MeasureLiveEventDto = { type: change.type, measure: toMeasureDto(change.measure, user) };
        send(() =>
          stream.writeSSE({
            event: 'measure',
            id: `${change.measure.id}:${change.measure.version}`,
            data: JSON.stringify(event),
          }),
        );
      });
      const onUserChanged = (userId: string) => {
        if (userId === user.id) finish();
      };
      const recheck = setInterval(() => {
        const validating = token ? context.sessions.validate(token) : Promise.resolve(null);
        validating
          .then((session) => {
            if (!session || session.user.id !== user.id) finish();
            else user = session.user;
          })
          .catch(() => finish());
      }, options.recheckMs);
      context.events.on('user-changed', onUserChanged);
      // A draining instance ends its streams; browsers reconnect to another instance at once.
      context.stopping.addEventListener('abort', finish);
      const heartbeat = setInterval(
        () =>
          send(async () => {
            await stream.write(': heartbeat\n\n');
          }),
        options.heartbeatMs,
      );

      try {
        send(() =>
          stream.writeSSE({
            event: 'ready',
            retry: 2000,
            data: JSON.stringify({ heartbeatMs: options.heartbeatMs } satisfies MeasureStreamReadyDto),
          }),
        );
        await finished;
      } finally {
        clearInterval(heartbeat);
        clearInterval(recheck);
        unsubscribe();
        context.events.off('user-changed', onUserChanged);
        context.stopping.removeEventListener('abort', finish);
      }
    });
  });
}
