'use strict';
/**
 * The load generator: one measurement against one running server target. Runs in its own process
 * (pinned to the generator's core by bench.js), receives its configuration over IPC, answers the result.
 *
 * Steps: RSS before → open N SSE connections with raw sockets (timed until every client got `retry:`)
 * → settle, RSS after (KiB per idle connection) and the server's CPU over connect + settle (CPU per connect)
 * → warm-up messages, all delivered → publish phase (server CPU ticks, generator CPU, latency of every delivery,
 * round trip of every post) until every client holds every message → a short tail to catch late duplicates
 * → reset every connection. Scenario R (mode 'storm') is src/storm.js.
 *
 * Stalled clients (`cfg.stalled`, scenario S): that many of the N connect like the others, and stop reading
 * (`socket.pause()`, never resumed during the run) as soon as their `retry:` frame arrived, i.e. once the server
 * has registered them. They are left out of every delivery count and latency; only the other N − stalled are
 * checked. After the publish phase and the RSS reading, each stalled socket is resumed: one the server has
 * disconnected reads what the kernel still held and then gets its reset (or end of stream) at once, one it
 * still holds starts draining its backlog and stays open. Closed within `stallCheckMs` = disconnected.
 */
const { performance } = require('node:perf_hooks');
const { RunTracker, SseClient, messageText } = require('./sse-checker');
const { cpuTicks, rssKiB, tcpMemKiB, clockTicks, machineBusyTicks } = require('./proc');
const { StreamPool } = require('./stream-pool');
const { Poster } = require('./poster');
const { sleep, percentile, spreadOf, delivered } = require('./phase');

/**
 * Which of the `n` clients stall: `count` of them, spread evenly over the run's connections and alternating
 * over the target's `urls` (client i goes to url i % urls), so a scaled-out target gets its share on each.
 */
function stalledIndices(n, count, urls = 1) {
  const out = new Set();
  if (count <= 0) return out;
  if (count * Math.max(2, urls) > n) throw new Error(`${count} stalled clients of ${n} is too many (at most one in ${Math.max(2, urls)})`);
  const step = n / count;
  for (let k = 0; k < count; k++) {
    const base = Math.floor(k * step);
    out.add(base - (base % urls) + (k % urls));
  }
  return out;
}

/**
 * @param {object} cfg
 * @param {string[]} cfg.urls       base URLs; clients are split across them, posts go round-robin
 * @param {number[]} cfg.pids       server processes (CPU, RSS)
 * @param {number} cfg.clients      N
 * @param {number} cfg.messages     measured messages
 * @param {number} cfg.warmup       warm-up messages before the measured ones
 * @param {'burst'|'rate'} cfg.mode
 * @param {number} cfg.concurrency  publishes in flight (burst)
 * @param {number} cfg.rate         msg/s (rate)
 * @param {number} cfg.payload      text length in characters
 * @param {string} [cfg.padding]    the character that pads the text to `payload` (default `x`)
 * @param {number} [cfg.stalled]    clients of the N that stop reading once registered (default 0)
 * @param {number} [cfg.stallCheckMs] how long a resumed stalled client has to close to count as disconnected
 */
async function runMeasurement(cfg) {
  const {
    urls,
    pids,
    clients: n,
    messages,
    warmup = 0,
    mode = 'burst',
    concurrency = 1,
    rate = 50,
    payload = 32,
    padding = 'x',
    stalled = 0,
    stallCheckMs = 2000,
    connectConcurrency = 256,
    maxPerAddress = 20000,
    settleMs = 500,
    tailMs = 300,
  } = cfg;
  const total = warmup + messages;
  const stalledSet = stalledIndices(n, stalled, urls.length);
  const live = n - stalledSet.size;
  const tracker = new RunTracker({ total, latencyCapacity: live * messages });
  tracker.measureFrom = warmup;
  // The stalled clients parse into a tracker of their own: nothing they miss counts against the server.
  const stalledTracker = new RunTracker({ total });
  const stalledClients = [];
  const stalledErrors = [];
  let stallChecking = false;
  const log = (m) => {
    if (cfg.verbose) process.stderr.write(`[loadgen] ${m}\n`);
  };

  // --- connect -------------------------------------------------------------------------------------------
  const pool = new StreamPool({ urls, connections: n, maxPerAddress });
  for (let i = 0; i < n; i++) {
    const isStalled = stalledSet.has(i);
    const client = new SseClient(isStalled ? stalledTracker : tracker, i);
    if (isStalled) {
      client.stalled = true;
      client.closed = false;
      client.closedDuringRun = false;
      stalledClients.push(client);
    }
    pool.clients[i] = client;
  }
  const rss0 = rssKiB(pids);
  const connectCpu0 = cpuTicks(pids);
  // A memory scenario opens its streams in two halves with a reading between them: what the second half adds, per
  // stream, is what one more stream costs, without what a server grows only once, early on (V8's young generation),
  // and its CPU is that of a server that has warmed up (its JIT has compiled the path: a fresh process pays more).
  const half = cfg.memory ? Math.floor(n / 2) : n;
  const openOptions = {
    concurrency: connectConcurrency,
    // Registered: a stalled client stops reading (readStop on the handle) until the check after the publish phase.
    onReady: (i) => pool.clients[i].stalled && pool.sockets[i].pause(),
    onError: (i, e) => {
      if (!pool.clients[i].stalled || !pool.clients[i].ready) return false;
      stalledErrors.push(e.code || e.message); // expected: the server reset a client that stopped reading
      return true;
    },
    onClose: (i) => {
      const c = pool.clients[i];
      if (!c.stalled || !c.ready) return false;
      c.closed = true;
      if (!stallChecking) c.closedDuringRun = true;
      if (c.onClosed) c.onClosed();
      return true;
    },
  };
  const indices = (from, to) => Array.from({ length: to - from }, (_, i) => from + i);
  let t0 = performance.now();
  await pool.open(indices(0, half), openOptions);
  let connectMs = performance.now() - t0;
  let rssHalf = NaN;
  let cpuHalf = NaN;
  if (half < n) {
    await sleep(settleMs);
    rssHalf = rssKiB(pids);
    cpuHalf = cpuTicks(pids);
    t0 = performance.now();
    await pool.open(indices(half, n), openOptions);
    connectMs += performance.now() - t0;
  }
  log(`${n} connected in ${connectMs.toFixed(0)} ms`);
  await sleep(settleMs);
  // Over the connect phase and the settle after it, so work a server defers past the last `retry:` counts too.
  const connectCpu1 = cpuTicks(pids);
  const connectCpuUs = ((connectCpu1 - connectCpu0) / clockTicks()) * 1e6;
  const rss1 = rssKiB(pids);
  const tcp1 = tcpMemKiB();

  // --- publishing ------------------------------------------------------------------------------------------
  // Paced posts leave on their schedule (an open loop): on one socket a post would wait behind the one before, and
  // once a round trip took longer than 1/rate the generator's own queue would be counted in every later latency.
  const sockets = mode === 'rate' ? Math.max(concurrency, 16) : concurrency;
  const poster = new Poster({ urls, trackers: [tracker], concurrency: sockets, payload, padding, rttCapacity: messages });
  poster.rttFrom = warmup;
  const publish = (from, count) => poster.publish(from, count, { mode, rate, concurrency });

  /**
   * Resumes every stalled socket and waits up to `ms` for each to close. A disconnected one closes at once
   * (its reset, or its end of stream after the little the kernel still held); one the server still holds
   * is draining its backlog when the time is up.
   */
  async function checkStalled(list, ms) {
    stallChecking = true;
    const t = performance.now();
    await Promise.all(
      list.map(
        (c) =>
          new Promise((resolve) => {
            if (c.closed) return resolve();
            const timer = setTimeout(resolve, ms);
            c.onClosed = () => {
              clearTimeout(timer);
              resolve();
            };
            c.socket.resume();
          }),
      ),
    );
    const disconnected = list.filter((c) => c.closed);
    return {
      stalled: list.length,
      disconnected: disconnected.length,
      closedDuringRun: list.filter((c) => c.closedDuringRun).length,
      checkMs: performance.now() - t,
      // What the stalled clients had parsed by the end of the check (kept ones: catching up on their backlog).
      receivedMin: Math.min(...list.map((c) => c.distinct)),
      receivedMax: Math.max(...list.map((c) => c.distinct)),
      errors: [...new Set(stalledErrors)].slice(0, 5),
    };
  }

  const phaseTimeout = (count) => 30000 + (mode === 'rate' ? (count * 1000) / rate : 0) + (live * count) / 20; // generous: 50 µs per event

  if (warmup > 0) {
    const w = delivered(tracker, live, warmup, phaseTimeout(warmup));
    await publish(0, warmup);
    const r = await w;
    if (!r.ok) log('warm-up did not complete');
  }

  const cpu0 = cpuTicks(pids);
  const busy0 = machineBusyTicks();
  const gen0 = process.cpuUsage();
  const tStart = performance.now();
  const measured = delivered(tracker, live, total, phaseTimeout(messages), () => ({
    cpu: cpuTicks(pids),
    gen: process.cpuUsage(gen0),
    busy: machineBusyTicks(),
  }));
  const posted = publish(warmup, messages).then(() => performance.now());
  const end = await measured;
  const postedAt = await posted;
  const phaseMs = end.at - tStart;
  await sleep(tailMs); // late duplicates
  const rss2 = rssKiB(pids);
  const tcp2 = tcpMemKiB();
  const stall = stalledClients.length ? await checkStalled(stalledClients, stallCheckMs) : null;

  pool.closeAll();
  poster.destroy();

  const lat = tracker.latencies.subarray(0, tracker.latCount).sort();
  const rtt = poster.sortedRtts();
  const events = tracker.measuredEvents;
  const cpuUs = ((end.extra.cpu - cpu0) / clockTicks()) * 1e6;
  const genUs = end.extra.gen.user + end.extra.gen.system;
  // CPU used by anything else on the machine during the phase (other people's builds and tests), in cores.
  const otherUs = ((end.extra.busy - busy0) / clockTicks()) * 1e6 - cpuUs - genUs;
  const otherLoad = Math.max(0, otherUs / 1000 / phaseMs);
  return {
    clients: n,
    live,
    stalled: stall,
    payloadBytes: Buffer.byteLength(messageText(total, Math.round(performance.now() * 1000), payload, padding)),
    messages,
    warmup,
    payload,
    mode,
    concurrency,
    rate,
    complete: end.ok,
    connectMs,
    connectCpuMs: connectCpuUs / 1000,
    cpuMsPerConnect: connectCpuUs / 1000 / n,
    cpuMsPerConnectSlope: ((connectCpu1 - cpuHalf) / clockTicks() / (n - half)) * 1000,
    rssBeforeKiB: rss0,
    rssIdleKiB: rss1,
    rssEndKiB: rss2,
    rssGrowthKiB: rss2 - rss1,
    tcpMemGrowthKiB: tcp2 - tcp1,
    kibPerConn: (rss1 - rss0) / n,
    rssHalfKiB: rssHalf,
    kibPerConnSlope: (rss1 - rssHalf) / (n - half),
    phaseMs,
    events,
    expectedEvents: live * messages,
    eventsPerSec: events / (phaseMs / 1000),
    // Posts: every measured one answered by `postedAt`; per accepted post, the server's CPU over the phase.
    postsPerSec: messages / ((postedAt - tStart) / 1000),
    cpuUsPerPost: cpuUs / messages,
    postRtt: spreadOf(rtt),
    serverCpuMs: cpuUs / 1000,
    cpuUsPerEvent: cpuUs / events,
    genBusy: genUs / 1000 / phaseMs,
    otherLoad,
    latency: spreadOf(lat),
    ...tracker.summary(total),
    publishErrors: poster.errors.slice(0, 20),
    publishErrorCount: poster.errors.length,
    connectErrors: pool.errors.slice(0, 20),
    connectErrorCount: pool.errors.length,
    unexpectedCloses: pool.unexpectedCloses,
  };
}

if (require.main === module) {
  process.once('message', async (cfg) => {
    try {
      const result = cfg.mode === 'storm' ? await require('./storm').runStorm(cfg) : await runMeasurement(cfg);
      process.send({ result }, () => process.exit(0));
    } catch (e) {
      process.send({ error: e.stack || String(e) }, () => process.exit(1));
    }
  });
}

module.exports = { runMeasurement, percentile, stalledIndices };
