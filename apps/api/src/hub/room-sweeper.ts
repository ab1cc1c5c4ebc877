import type { Stores } from './store/stores';

/** Sweeps asked for while rooms are full wait at least this long after the last one. */
const FULL_SWEEP_GAP_MS = 1_000;

/**
 * Gives room slots back: every interval, and at once (at most once a second) when a new room finds
 * MAX_ROOMS taken, it drops the rooms with no messages left and no open streams on any instance.
 */
export class RoomSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private lastSweepAt = 0;

  constructor(
    private readonly stores: Stores,
    private readonly intervalMs: number,
    private readonly onDropped: (count: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    // A store that cannot be reached now is swept at the next interval.
    this.timer ??= setInterval(() => void this.sweep().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sweeps now unless one ran within the last second; true when the rooms may have changed. */
  async sweepIfDue(): Promise<boolean> {
    if (this.running === null && this.now() - this.lastSweepAt < FULL_SWEEP_GAP_MS) return false;
    await this.sweep();
    return true;
  }

  /** One sweep at a time: a caller arriving during one waits for it. Resolves with the rooms dropped. */
  sweep(): Promise<number> {
    this.running ??= (async () => {
      try {
        const inUse = new Set(await this.stores.presence.rooms());
        const dropped = await this.stores.messages.dropIdleRooms(inUse);
        if (dropped > 0) this.onDropped(dropped);
        return dropped;
      } finally {
        this.lastSweepAt = this.now();
        this.running = null;
      }
    })();
    return this.running;
  }
}
