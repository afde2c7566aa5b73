/** The most keys one lookup carries; more wait for the next. */
const MAX_KEYS = 500;

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Gathers the keys asked for while the event loop handles one round of I/O and looks them up together
 * once it is done (`setImmediate`): after a restart every client comes back at once, and 500 documents
 * opening are a few queries, not 500. A key asked for twice in a round is looked up once. A single
 * request waits for no one: the round it arrived in is all it waits for.
 */
export class BatchedLookup<V> {
  private waiting = new Map<string, Waiter<V>[]>();
  private scheduled = false;

  constructor(private readonly lookup: (keys: string[]) => Promise<ReadonlyMap<string, V>>) {}

  /** The value of `key`, or undefined when the lookup does not know it. */
  get(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = new Map();
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += MAX_KEYS) {
      const chunk = keys.slice(start, start + MAX_KEYS);
      this.lookup(chunk).then(
        (found) => {
          for (const key of chunk) for (const waiter of batch.get(key)!) waiter.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const key of chunk) for (const waiter of batch.get(key)!) waiter.reject(error);
        },
      );
    }
  }
}
