'use strict';
/** Helpers of a measurement phase: waiting until the clients hold their messages, percentiles. */
const { performance } = require('node:perf_hooks');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `sorted[p]` by nearest rank; NaN when empty. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
}

/** p50, p99 and max of a sorted array. */
function spreadOf(sorted) {
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

/**
 * Resolves when `live` clients of the tracker hold `target` distinct messages, or at the timeout, with
 * `{ ok, at, extra }` (`extra`: what `onDone` read at that moment, e.g. the server's CPU ticks).
 */
function delivered(tracker, live, target, timeoutMs, onDone) {
  return new Promise((resolve) => {
    let timer = null;
    const done = (ok) => {
      const at = performance.now();
      const extra = onDone ? onDone() : undefined;
      tracker.onClientDone = null;
      if (timer) clearTimeout(timer);
      resolve({ ok, at, extra });
    };
    tracker.setTarget(target);
    if (tracker.clientsDone >= live) return done(true);
    tracker.onClientDone = (count) => {
      if (count === live) done(true);
    };
    timer = setTimeout(() => done(false), timeoutMs);
  });
}

module.exports = { sleep, percentile, spreadOf, delivered };
