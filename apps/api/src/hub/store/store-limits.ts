/** What every kind of store keeps: the same limits for memory, SQLite and Redis. */
export interface StoreLimits {
  /** Messages kept per room. */
  historyLimit: number;
  /** Messages older than this are dropped; 0 keeps them (up to historyLimit). */
  historyMaxAgeMs: number;
  /** Rooms holding messages at once; a post that would open one more is refused. */
  maxRooms: number;
  /** The lobby and the configured rooms: they open beyond maxRooms and are never dropped. */
  alwaysOpen: ReadonlySet<string>;
  /** How long an idempotency key keeps answering with the first post's id. */
  idempotencyWindowMs: number;
}
