/** The longest delay a Node timer takes (2^31 - 1 ms, about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Calls `run` once at the wall-clock time `at` (ms since the epoch), or at once if it has passed; the function
 * it returns cancels it. Times beyond a timer's reach are waited for in steps.
 */
export function atTime(at: number, run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = (): void => {
    const left = at - Date.now();
    if (left <= 0) {
      run();
      return;
    }
    timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
    // A stream's end must not keep a process alive that is otherwise done.
    timer.unref();
  };
  wait();
  return () => clearTimeout(timer);
}
