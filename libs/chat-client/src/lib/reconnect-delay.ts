/** First wait before the client reopens a stream the browser gave up on. */
export const RECONNECT_INITIAL_DELAY_MS = 1_000;
/** Longest wait between two attempts. */
export const RECONNECT_MAX_DELAY_MS = 30_000;

/**
 * Exponential backoff with "equal jitter": attempt 0 waits 0.5–1 s, then 1–2 s, 2–4 s … up to 15–30 s,
 * so clients dropped together by a restart do not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_INITIAL_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
