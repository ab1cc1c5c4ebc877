'use strict';
/**
 * Scenario R, the reconnect storm: what an instance goes through when the clients of a failed one come back.
 *
 * `clients` streams connect (the first `storm` of them will drop, the other `clients - storm` stay), warm-up
 * messages reach all of them; then the storm clients' connections are reset at once, `behind` messages are posted
 * (only the clients that stayed get them), and every storm client reconnects with `Last-Event-ID` = the last id it
 * received, so it is exactly `behind` messages behind, at most 256 handshakes in flight, to the next URL of the
 * target (another instance, when there are several). Posts go on at `rate` per second from the first reconnect.
 *
 * Measured: the time from the first reconnect until every storm client holds every message it missed (caught
 * up), the server CPU over that time, and the latency of the clients that stayed, for the messages posted in it.
 * Then posts go on for `tailMessages` more; every client, stayed or reconnected, must hold every message exactly
 * once and in order (a message replayed twice, or a live one before the replay, is counted by the checker).
 */
const { performance } = require('node:perf_hooks');
const { RunTracker, SseClient } = require('./sse-checker');
const { cpuTicks, rssKiB, clockTicks, machineBusyTicks } = require('./proc');
const { StreamPool } = require('./stream-pool');
const { Poster } = require('./poster');
const { delivered, spreadOf, sleep } = require('./phase');

/** The slowest storm allowed, for sizing the trackers: past it the live posts stop (the run is then marked slow). */
const MAX_STORM_S = 300;

async function runStorm(cfg) {
  const {
    urls,
    pids,
    clients: n,
    storm: stormCount,
    behind = 50,
    warmup = 10,
    rate = 2,
    tailMessages = 5,
    payload = 32,
    connectConcurrency = 256,
    maxPerAddress = 20000,
    settleMs = 500,
    tailMs = 300,
  } = cfg;
  if (!(stormCount > 0 && stormCount < n)) throw new Error(`storm: ${stormCount} of ${n} clients must drop`);
  const stayCount = n - stormCount;
  const capacity = warmup + behind + Math.ceil(rate * MAX_STORM_S) + tailMessages;
  const stay = new RunTracker({ total: capacity, latencyCapacity: stayCount * Math.ceil(rate * 120) });
  const stormed = new RunTracker({ total: capacity });
  stay.measureFrom = warmup + behind;
  const log = (m) => {
    if (cfg.verbose) process.stderr.write(`[storm] ${m}\n`);
  };

  // The storm clients are the first `storm`, so the ones that stay are spread over the urls like them.
  const pool = new StreamPool({ urls, connections: n, maxPerAddress });
  const stormIdx = [];
  for (let i = 0; i < n; i++) {
    pool.clients[i] = new SseClient(i < stormCount ? stormed : stay, i);
    if (i < stormCount) stormIdx.push(i);
  }
  const rss0 = rssKiB(pids);
  const connectCpu0 = cpuTicks(pids);
  const t0 = performance.now();
  await pool.open(
    Array.from({ length: n }, (_, i) => i),
    { concurrency: connectConcurrency },
  );
  const connectMs = performance.now() - t0;
  await sleep(settleMs);
  const connectCpuMs = ((cpuTicks(pids) - connectCpu0) / clockTicks()) * 1000;
  const rss1 = rssKiB(pids);
  log(`${n} connected in ${connectMs.toFixed(0)} ms`);

  const poster = new Poster({ urls, trackers: [stay, stormed], concurrency: 1, payload });
  const bothDone = (target, timeoutMs) =>
    Promise.all([delivered(stay, stayCount, target, timeoutMs), delivered(stormed, stormCount, target, timeoutMs)]);
  const warm = bothDone(warmup, 60000);
  await poster.publish(0, warmup);
  if (!(await warm).every((r) => r.ok)) log('warm-up did not complete');

  // --- drop, and the messages the storm clients miss ---------------------------------------------------------
  const dropCpu0 = cpuTicks(pids);
  pool.drop(stormIdx);
  const missed = delivered(stay, stayCount, warmup + behind, 60000);
  await poster.publish(warmup, behind);
  if (!(await missed).ok) log('the clients that stayed did not get the missed messages');
  await sleep(settleMs);
  const dropCpuMs = ((cpuTicks(pids) - dropCpu0) / clockTicks()) * 1000;

  // --- the storm: every dropped client reconnects, posts go on -------------------------------------------------
  const cpu0 = cpuTicks(pids);
  const busy0 = machineBusyTicks();
  const gen0 = process.cpuUsage();
  const tStorm = performance.now();
  const caughtUp = delivered(stormed, stormCount, warmup + behind, MAX_STORM_S * 1000, () => ({
    cpu: cpuTicks(pids),
    busy: machineBusyTicks(),
    gen: process.cpuUsage(gen0),
  }));
  let stopLive = false;
  const live = poster.paced(warmup + behind, rate, { max: capacity - warmup - behind - tailMessages, until: () => stopLive });
  let reconnectedAt = NaN;
  const reconnected = pool
    .open(stormIdx, { concurrency: connectConcurrency, urlOf: (i) => (i + 1) % urls.length, timeoutMs: MAX_STORM_S * 1000 })
    .then(() => (reconnectedAt = performance.now()));
  // A reconnect that fails ends the measurement at once, rather than after MAX_STORM_S of waiting to catch up.
  const end = await Promise.race([caughtUp, reconnected.then(() => new Promise(() => undefined))]).catch((e) => {
    stopLive = true;
    throw new Error(`storm: the dropped clients could not reconnect: ${e.message}`);
  });
  // The window of the latency of the clients that stayed: the posts made while the storm lasted.
  stopLive = true;
  let next = await live;
  stay.measureTo = next;
  await reconnected;
  const catchUpMs = end.at - tStorm;
  log(`caught up in ${catchUpMs.toFixed(0)} ms (${next - warmup - behind} live posts meanwhile)`);

  // --- after the storm: a few more posts, then every client must hold every message --------------------------
  const all = bothDone(next + tailMessages, 60000);
  await poster.publish(next, tailMessages);
  next += tailMessages;
  const finished = await all;
  await sleep(tailMs);
  const rss2 = rssKiB(pids);
  pool.closeAll();
  poster.destroy();

  const cpuMs = ((end.extra.cpu - cpu0) / clockTicks()) * 1000;
  const genMs = (end.extra.gen.user + end.extra.gen.system) / 1000;
  const otherMs = ((end.extra.busy - busy0) / clockTicks()) * 1000 - cpuMs - genMs;
  const lat = stay.latencies.subarray(0, stay.latCount).sort();
  const a = stay.summary(next);
  const b = stormed.summary(next);
  const sum = (k) => (a[k] || 0) + (b[k] || 0);
  const otherEvents = { ...a.otherEvents };
  for (const [k, v] of Object.entries(b.otherEvents)) otherEvents[k] = (otherEvents[k] || 0) + v;
  return {
    storm: true,
    clients: n,
    stormClients: stormCount,
    stayClients: stayCount,
    behind,
    rate,
    complete: end.ok && finished.every((r) => r.ok),
    connectMs,
    connectCpuMs,
    cpuMsPerConnect: connectCpuMs / n,
    kibPerConn: (rss1 - rss0) / n,
    rssBeforeKiB: rss0,
    rssIdleKiB: rss1,
    rssEndKiB: rss2,
    dropCpuMs,
    reconnectMs: reconnectedAt - tStorm,
    catchUpMs,
    stormCpuMs: cpuMs,
    cpuMsPerReconnect: cpuMs / stormCount,
    genBusy: genMs / catchUpMs,
    otherLoad: Math.max(0, otherMs / catchUpMs),
    livePosts: stay.measureTo - stay.measureFrom,
    published: next,
    events: stay.measuredEvents,
    latency: spreadOf(lat),
    missing: sum('missing'),
    clientsMissing: sum('clientsMissing'),
    duplicates: sum('duplicates'),
    outOfOrder: sum('outOfOrder'),
    idMismatch: sum('idMismatch'),
    foreign: sum('foreign'),
    badSeq: sum('badSeq'),
    clientErrors: sum('clientErrors'),
    // A reset means the server could not replay from the id: every client was well within the history.
    resets: otherEvents.reset || 0,
    otherEvents,
    publishErrors: poster.errors.slice(0, 20),
    publishErrorCount: poster.errors.length,
    connectErrors: pool.errors.slice(0, 20),
    connectErrorCount: pool.errors.length,
    unexpectedCloses: pool.unexpectedCloses,
  };
}

module.exports = { runStorm };
