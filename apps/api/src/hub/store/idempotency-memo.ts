/**
 * What this process remembers of idempotency keys: room and key → the id the first post got, until the
 * window ends. Forgotten keys are swept once per window, so keys of clients long gone take no memory.
 */
export class IdempotencyMemo {
  private readonly ids = new Map<string, { id: string; until: number }>();
  private nextSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The id stored under `key` in `room` within the window, or undefined. */
  get(room: string, key: string): string | undefined {
    const entry = this.ids.get(memoKey(room, key));
    return entry && entry.until > this.now() ? entry.id : undefined;
  }

  remember(room: string, key: string, id: string): void {
    const now = this.now();
    if (now >= this.nextSweep) {
      this.nextSweep = now + this.windowMs;
      for (const [k, entry] of this.ids) if (entry.until <= now) this.ids.delete(k);
    }
    this.ids.set(memoKey(room, key), { id, until: now + this.windowMs });
  }
}

/** Room names cannot hold a line feed, so room and key never run into each other. */
function memoKey(room: string, key: string): string {
  return `${room}\n${key}`;
}
