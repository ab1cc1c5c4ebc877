/** Hands out increasing ids for one room, even when the wall clock stands still or steps back. */
export class EventIdClock {
  private lastMs = 0;
  private seq = 0;

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
