/**
 * Event ids have the shape of Redis stream ids, `<milliseconds>-<sequence>`, in every store: they grow
 * with time, so an id from an earlier run of the server is never mistaken for a newer one, and a client can
 * resume on any instance whichever store it runs. Server and client order them with this one rule.
 */
export const EVENT_ID_PATTERN = /^(\d{1,15})-(\d{1,15})$/;

/** Is `value` shaped like an event id? */
export function isEventId(value: unknown): boolean {
  return typeof value === 'string' && EVENT_ID_PATTERN.test(value);
}

/**
 * Orders two event ids numerically by both parts (string order would put `…-10` before `…-9`). `null`
 * (no id yet) and anything that is not an id come before every id, and equal each other.
 */
export function compareEventIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  const left = parse(a);
  const right = parse(b);
  if (left === null) return right === null ? 0 : -1;
  if (right === null) return 1;
  return left[0] - right[0] || left[1] - right[1];
}

/** The time an id was given, in milliseconds since the epoch. */
export function eventIdTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

function parse(id: string | null): [number, number] | null {
  if (id === null || !EVENT_ID_PATTERN.test(id)) return null;
  const dash = id.indexOf('-');
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}
