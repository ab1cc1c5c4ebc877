/**
 * The `default` of a switch over a union: it compiles only while every member is handled, so a member added
 * later (a new stream event in the contracts) fails the build until the switch handles it. At run time, where a
 * peer of another release may still send one, it gives `fallback`.
 */
export function exhaustive<T>(_unhandled: never, fallback: T): T {
  return fallback;
}
