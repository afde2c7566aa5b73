import type { createClient, RedisClientOptions } from 'redis';
import { loadOnFirstUse } from '../load-on-first-use.ts';

export type RedisClient = ReturnType<typeof createClient>;

/** A publisher and a subscriber connection (a subscribed connection can do nothing else) to one Redis. */
export interface RedisPair {
  publisher: RedisClient;
  subscriber: RedisClient;
}

/** The Redis client (some 12 MB resident), loaded only where REDIS_URL asks for it: one instance never needs it. */
const loadRedis = loadOnFirstUse(() => import('redis'));

/** Creates the two clients, not yet connected; `onError` hears their errors (they reconnect themselves). */
export async function createRedisPair(
  url: string,
  onError: (error: unknown) => void,
  options: Omit<RedisClientOptions, 'url'> = {},
): Promise<RedisPair> {
  const { createClient } = await loadRedis();
  const publisher = createClient({ ...options, url }) as RedisClient;
  const subscriber = publisher.duplicate();
  // Without a listener an error event would crash the process.
  for (const client of [publisher, subscriber]) client.on('error', onError);
  return { publisher, subscriber };
}
