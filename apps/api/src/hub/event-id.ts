/**
 * Event ids have the shape of Redis stream ids, `<milliseconds>-<sequence>`, in every transport: they
 * grow with time, so an id from an earlier run of the server is never mistaken for one of this run's,
 * and a client can resume on any instance whichever transport it runs.
 */
export const EVENT_ID_PATTERN = /^(\d{1,15})-(\d{1,15})$/;

/** Is `value` shaped like an event id? */
export function isEventId(value: unknown): boolean {
  return typeof value === 'string' && EVENT_ID_PATTERN.test(value);
}

/** Orders two event ids; `null` (no id) comes before every id. */
export function compareEventIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const [aMs, aSeq] = split(a);
  const [bMs, bSeq] = split(b);
  return aMs - bMs || aSeq - bSeq;
}

/** The time an id was given, in milliseconds since the epoch. */
export function eventIdTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

function split(id: string): [number, number] {
  const dash = id.indexOf('-');
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}

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
