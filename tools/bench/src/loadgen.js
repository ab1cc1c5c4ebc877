'use strict';
/**
 * The load generator: one measurement against one running server target. Runs in its own process
 * (pinned to the generator's core by bench.js), receives its configuration over IPC, answers the result.
 *
 * Steps: RSS before → open N SSE connections with raw sockets (timed until every client got `retry:`)
 * → settle, RSS after (KiB per idle connection) → warm-up messages, all delivered → publish phase
 * (server CPU ticks, generator CPU, latency of every delivery) until every client holds every message
 * → a short tail to catch late duplicates → reset every connection.
 */
const net = require('node:net');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { RunTracker, SseClient, messageText } = require('./sse-checker');
const { cpuTicks, rssKiB, clockTicks, machineBusyTicks } = require('./proc');

const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
    room = 'bench',
    connectConcurrency = 256,
    maxPerAddress = 20000,
    settleMs = 500,
    tailMs = 300,
  } = cfg;
  const total = warmup + messages;
  const tracker = new RunTracker({ total, latencyCapacity: n * messages });
  tracker.measureFrom = warmup;
  const targets = urls.map((u) => new URL(u));
  const log = (m) => {
    if (cfg.verbose) process.stderr.write(`[loadgen] ${m}\n`);
  };

  // --- connect -------------------------------------------------------------------------------------------
  const rss0 = rssKiB(pids);
  const sockets = new Array(n);
  let closing = false;
  let unexpectedCloses = 0;
  const connectErrors = [];
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
      const client = new SseClient(tracker, i);
      client.onReady = onReady;
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
      sock.on('error', (e) => {
        if (closing) return;
        connectErrors.push(`client ${i}: ${e.code || e.message}`);
        if (!client.ready) fail(new Error(`client ${i} (${u.host}${opts.localAddress ? ` from ${opts.localAddress}` : ''}): ${e.message}`));
      });
      sock.on('close', () => {
        if (!closing) unexpectedCloses++;
      });
    };
    launch();
  });
  const connectMs = performance.now() - t0;
  log(`${n} connected in ${connectMs.toFixed(0)} ms`);
  await sleep(settleMs);
  const rss1 = rssKiB(pids);

  // --- publishing ------------------------------------------------------------------------------------------
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: Math.max(1, concurrency) }));
  const publishErrors = [];
  const post = (seq) =>
    new Promise((resolve) => {
      const k = seq % targets.length;
      const u = targets[k];
      const text = messageText(seq, Math.round(performance.now() * 1000), payload);
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
      if (tracker.clientsDone >= n) return done(true);
      tracker.onClientDone = (count) => {
        if (count === n) done(true);
      };
      timer = setTimeout(() => done(false), timeoutMs);
    });

  const phaseTimeout = (count) =>
    30000 + (mode === 'rate' ? (count * 1000) / rate : 0) + (n * count) / 20; // generous: 50 µs per event

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
  const measured = delivered(total, phaseTimeout(messages), () => ({ cpu: cpuTicks(pids), gen: process.cpuUsage(gen0), busy: machineBusyTicks() }));
  await publish(warmup, messages);
  const end = await measured;
  const phaseMs = end.at - tStart;
  await sleep(tailMs); // late duplicates
  const rss2 = rssKiB(pids);

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
    kibPerConn: (rss1 - rss0) / n,
    phaseMs,
    events,
    expectedEvents: n * messages,
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

module.exports = { runMeasurement, percentile };
