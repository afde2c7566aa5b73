/** The most keys one lookup carries; more go into further lookups of the same round. */
const MAX_KEYS = 500;

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Gathers the keys asked for while the event loop handles one round of I/O and looks them up together
 * once it is done (`setImmediate`): after a restart every client comes back at once, and 500 documents
 * opening are a few queries, not 500. A key asked for again before its answer came (the second client
 * of a document, a moment after the first) waits for the same lookup. A single request waits for no
 * one: the round it arrived in is all it waits for.
 */
export class BatchedLookup<V> {
  /** Keys of this round, not yet looked up. */
  private waiting = new Map<string, Waiter<V>>();
  /** Every key asked for and not yet answered, with its answer to come. */
  private readonly pending = new Map<string, Promise<V | undefined>>();

  constructor(private readonly lookup: (keys: string[]) => Promise<ReadonlyMap<string, V>>) {}

  /** The value of `key`, or undefined when the lookup does not know it. */
  get(key: string): Promise<V | undefined> {
    const pending = this.pending.get(key);
    if (pending) return pending;
    const answer = new Promise<V | undefined>((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => this.flush());
      this.waiting.set(key, { resolve, reject });
    });
    this.pending.set(key, answer);
    const settled = () => this.pending.delete(key);
    answer.then(settled, settled);
    return answer;
  }

  private flush() {
    const round = this.waiting;
    this.waiting = new Map();
    const keys = [...round.keys()];
    for (let start = 0; start < keys.length; start += MAX_KEYS) {
      const chunk = keys.slice(start, start + MAX_KEYS);
      this.lookup(chunk).then(
        (found) => {
          for (const key of chunk) round.get(key)!.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const key of chunk) round.get(key)!.reject(error);
        },
      );
    }
  }
}
