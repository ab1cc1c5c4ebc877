/** Hands out increasing ids for one room, even when the wall clock stands still or steps back. */
export class EventIdClock {
  private lastMs = 0;
  private seq = 0;

  /** Continues after `id` (the newest one stored), so ids keep rising across restarts, even if the clock stepped back. */
  resumeAfter(id: string): void {
    const dash = id.indexOf('-');
    this.lastMs = Number(id.slice(0, dash));
    this.seq = Number(id.slice(dash + 1));
  }

  next(nowMs: number): { id: string; ms: number } {
    if (nowMs > this.lastMs) {
      this.lastMs = nowMs;
      this.seq = 0;
    } else {
      this.seq++;
    }
    return { id: `${this.lastMs}-${this.seq}`, ms: this.lastMs };
  }
}
