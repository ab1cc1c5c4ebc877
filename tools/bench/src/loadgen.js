'use strict';
/**
 * The load generator: one measurement against one running server target. Runs in its own process
 * (pinned to the generator's core by bench.js), receives its configuration over IPC, answers the result.
 *
 * Steps: RSS before → open N SSE connections with raw sockets (timed until every client got `retry:`)
 * → settle, RSS after (KiB per idle connection) → warm-up messages, all delivered → publish phase
 * (server CPU ticks, generator CPU, latency of every delivery) until every client holds every message
 * → a short tail to catch late duplicates → reset every connection.
 *
 * Stalled clients (`cfg.stalled`, scenario S): that many of the N connect like the others, and stop reading
 * (`socket.pause()`, never resumed during the run) as soon as their `retry:` frame arrived, i.e. once the server
 * has registered them. They are left out of every delivery count and latency; only the other N − stalled are
 * checked. After the publish phase and the RSS reading, each stalled socket is resumed: one the server has
 * disconnected reads what the kernel still held and then gets its reset (or end of stream) at once, one it
 * still holds starts draining its backlog and stays open. Closed within `stallCheckMs` = disconnected.
 */
const net = require('node:net');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { RunTracker, SseClient, messageText } = require('./sse-checker');
const { cpuTicks, rssKiB, tcpMemKiB, clockTicks, machineBusyTicks } = require('./proc');

const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
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
    room = 'bench',
    connectConcurrency = 256,
    maxPerAddress = 20000,
    settleMs = 500,
    tailMs = 300,
  } = cfg;
  const total = warmup + messages;
  const targets = urls.map((u) => new URL(u));
  const stalledSet = stalledIndices(n, stalled, targets.length);
  const live = n - stalledSet.size;
  const tracker = new RunTracker({ total, latencyCapacity: live * messages });
  tracker.measureFrom = warmup;
  // The stalled clients parse into a tracker of their own: nothing they miss counts against the server.
  const stalledTracker = new RunTracker({ total });
  const stalledClients = [];
  const log = (m) => {
    if (cfg.verbose) process.stderr.write(`[loadgen] ${m}\n`);
  };

  // --- connect -------------------------------------------------------------------------------------------
  const rss0 = rssKiB(pids);
  const sockets = new Array(n);
  let closing = false;
  let stallChecking = false;
  let unexpectedCloses = 0;
  const connectErrors = [];
  const stalledErrors = [];
  const useLocalAddress = n > maxPerAddress;
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    let ready = 0;
    let failed = false;
    const timer = setTimeout(() => fail(new Error(`only ${ready} of ${n} clients connected within 180 s`)), 180000);
    const fail = (err) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      reject(err);
    };
    const onReady = () => {
      inFlight--;
      if (++ready === n) {
        clearTimeout(timer);
        resolve();
      } else launch();
    };
    const launch = () => {
      while (!failed && inFlight < connectConcurrency && next < n) open(next++);
    };
    const open = (i) => {
      inFlight++;
      const u = targets[i % targets.length];
      const port = Number(u.port || 80);
      const opts = { host: u.hostname, port };
      if (useLocalAddress) opts.localAddress = `127.0.0.${1 + Math.floor(i / maxPerAddress)}`;
      const isStalled = stalledSet.has(i);
      const client = isStalled ? new SseClient(stalledTracker, i) : new SseClient(tracker, i);
      client.onReady = onReady;
      if (isStalled) {
        client.closed = false;
        client.closedDuringRun = false;
        stalledClients.push(client);
        // Registered: stop reading (readStop on the handle) until the check after the publish phase.
        client.onReady = () => {
          sockets[i].pause();
          onReady();
        };
      }
      const request =
        `GET /api/rooms/${room}/events HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\n` +
        `Cache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n`;
      // One receive buffer shared by every socket: no Buffer per read, no stream machinery per chunk.
      opts.onread = {
        buffer: READ_BUFFER,
        callback: (nread, buf) => {
          client.push(buf, performance.now(), 0, nread);
          if (client.error !== null && !client.reported) {
            client.reported = true;
            connectErrors.push(`client ${i}: ${client.error}`);
            if (!client.ready) fail(new Error(`client ${i} (${u.host}): ${client.error}`));
          }
        },
      };
      const sock = net.connect(opts, () => sock.write(request));
      sockets[i] = sock;
      client.socket = sock;
      sock.on('error', (e) => {
        if (closing) return;
        if (isStalled && client.ready) {
          stalledErrors.push(e.code || e.message); // expected: the server reset a client that stopped reading
          return;
        }
        connectErrors.push(`client ${i}: ${e.code || e.message}`);
        if (!client.ready) fail(new Error(`client ${i} (${u.host}${opts.localAddress ? ` from ${opts.localAddress}` : ''}): ${e.message}`));
      });
      sock.on('close', () => {
        if (isStalled && client.ready) {
          client.closed = true;
          if (!stallChecking) client.closedDuringRun = true;
          if (client.onClosed) client.onClosed();
        } else if (!closing) unexpectedCloses++;
      });
    };
    launch();
  });
  const connectMs = performance.now() - t0;
  log(`${n} connected in ${connectMs.toFixed(0)} ms`);
  await sleep(settleMs);
  const rss1 = rssKiB(pids);
  const tcp1 = tcpMemKiB();

  // --- publishing ------------------------------------------------------------------------------------------
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: Math.max(1, concurrency) }));
  const publishErrors = [];
  const post = (seq) =>
    new Promise((resolve) => {
      const k = seq % targets.length;
      const u = targets[k];
      const text = messageText(seq, Math.round(performance.now() * 1000), payload, padding);
      const body = JSON.stringify({ author: 'bench', text });
      const req = http.request(
        {
          host: u.hostname,
          port: Number(u.port || 80),
          path: `/api/rooms/${room}/messages`,
          method: 'POST',
          agent: agents[k],
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (data += d));
          res.on('end', () => {
            if (res.statusCode !== 202) publishErrors.push(`seq ${seq}: ${res.statusCode} ${data.slice(0, 200)}`);
            else {
              try {
                tracker.recordPublished(seq, JSON.parse(data).id);
              } catch {
                publishErrors.push(`seq ${seq}: bad 202 body ${data.slice(0, 200)}`);
              }
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        publishErrors.push(`seq ${seq}: ${e.message}`);
        resolve();
      });
      req.end(body);
    });

  const publish = async (from, count) => {
    if (mode === 'rate') {
      const start = performance.now();
      const pending = [];
      for (let i = 0; i < count; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        pending.push(post(from + i));
      }
      await Promise.all(pending);
    } else {
      let next = from;
      const end = from + count;
      const worker = async () => {
        while (next < end) await post(next++);
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
    }
  };

  /** Resolves when every client holds `target` distinct messages, or at the timeout. */
  const delivered = (target, timeoutMs, onDone) =>
    new Promise((resolve) => {
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
    const w = delivered(warmup, phaseTimeout(warmup));
    await publish(0, warmup);
    const r = await w;
    if (!r.ok) log('warm-up did not complete');
  }

  const cpu0 = cpuTicks(pids);
  const busy0 = machineBusyTicks();
  const gen0 = process.cpuUsage();
  const tStart = performance.now();
  const measured = delivered(total, phaseTimeout(messages), () => ({
    cpu: cpuTicks(pids),
    gen: process.cpuUsage(gen0),
    busy: machineBusyTicks(),
  }));
  await publish(warmup, messages);
  const end = await measured;
  const phaseMs = end.at - tStart;
  await sleep(tailMs); // late duplicates
  const rss2 = rssKiB(pids);
  const tcp2 = tcpMemKiB();
  const stall = stalledClients.length ? await checkStalled(stalledClients, stallCheckMs) : null;

  closing = true;
  for (const s of sockets) if (s) s.resetAndDestroy();
  for (const a of agents) a.destroy();

  const lat = tracker.latencies.subarray(0, tracker.latCount).sort();
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
    rssBeforeKiB: rss0,
    rssIdleKiB: rss1,
    rssEndKiB: rss2,
    rssGrowthKiB: rss2 - rss1,
    tcpMemGrowthKiB: tcp2 - tcp1,
    kibPerConn: (rss1 - rss0) / n,
    phaseMs,
    events,
    expectedEvents: live * messages,
    eventsPerSec: events / (phaseMs / 1000),
    serverCpuMs: cpuUs / 1000,
    cpuUsPerEvent: cpuUs / events,
    genBusy: genUs / 1000 / phaseMs,
    otherLoad,
    latency: { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), max: lat.length ? lat[lat.length - 1] : NaN },
    ...tracker.summary(total),
    publishErrors: publishErrors.slice(0, 20),
    publishErrorCount: publishErrors.length,
    connectErrors: connectErrors.slice(0, 20),
    connectErrorCount: connectErrors.length,
    unexpectedCloses,
  };
}

if (require.main === module) {
  process.once('message', async (cfg) => {
    try {
      const result = await runMeasurement(cfg);
      process.send({ result }, () => process.exit(0));
    } catch (e) {
      process.send({ error: e.stack || String(e) }, () => process.exit(1));
    }
  });
}

module.exports = { runMeasurement, percentile, stalledIndices };
