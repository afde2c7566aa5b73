import type { ValidatedSession } from '../auth/sessions.ts';

/** How long a validated session admits further sockets without asking the database again. */
const REMEMBER_MS = 5_000;

interface Entry {
  session: Promise<ValidatedSession | null>;
  /** Known once validated: whose session it is (forgetting a user drops it). */
  userId: string | null;
  until: number;
}

/**
 * Sessions the sync endpoint validated in the last few seconds, by token. Every socket of a user comes
 * back at once after a restart or a dropped network (one per open document, tab and instance), and
 * sockets arriving together share one validation. A user's entries are forgotten the moment their
 * rights or sessions change (`user-changed`, from this instance or another), the moment at which
 * their open sockets are re-checked too; so a cached session admits nothing an open socket would not
 * still be allowed.
 */
export class RecentSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly validate: (token: string) => Promise<ValidatedSession | null>,
    private readonly rememberMs = REMEMBER_MS,
    /** The clock (tests move it by hand). */
    private readonly clock: () => number = Date.now,
  ) {}

  session(token: string): Promise<ValidatedSession | null> {
    const now = this.clock();
    const known = this.entries.get(token);
    if (known && known.until > now) return known.session;
    const entry: Entry = { session: this.validate(token), userId: null, until: now + this.rememberMs };
    this.entries.set(token, entry);
    const drop = () => {
      if (this.entries.get(token) === entry) this.entries.delete(token);
    };
    entry.session.then((validated) => {
      // Unknown and ended sessions are not remembered.
      if (!validated) return drop();
      entry.userId = validated.user.id;
      entry.until = Math.min(entry.until, validated.expiresAt.getTime());
    }, drop);
    return entry.session;
  }

  /** The user's rights or sessions changed: their sockets are validated afresh. */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.entries) {
      // A validation still running may be this user's, begun before the change: it is dropped as well
      // (it still answers the sockets waiting for it, as a validation begun a moment earlier would).
      if (entry.userId === userId || entry.userId === null) this.entries.delete(token);
    }
  }

  /** Drops expired entries (the sync server's periodic sweep). */
  prune(now = this.clock()): void {
    for (const [token, entry] of this.entries) if (entry.until <= now) this.entries.delete(token);
  }
}
