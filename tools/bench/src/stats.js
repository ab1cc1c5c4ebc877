'use strict';
/** Medians with their min and max over runs, the per-server aggregate of a scenario, and number formats. */

function sorted(values) {
  return values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

function median(values) {
  const v = sorted(values);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** `{ median, min, max, n }` of the finite values. */
function stats(values) {
  const v = sorted(values);
  return { median: median(v), min: v.length ? v[0] : NaN, max: v.length ? v[v.length - 1] : NaN, n: v.length };
}

/** (max − min) / median: how far apart the runs were, relative to what is quoted. */
function spread(st) {
  return st.n > 1 && st.median ? (st.max - st.min) / Math.abs(st.median) : NaN;
}

const fmt = {
  int: (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—'),
  dec: (d) => (x) => (Number.isFinite(x) ? x.toFixed(d) : '—'),
  ratio: (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—'),
  pct: (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '—'),
};

/** The median, and `[min–max]` beside it when there was more than one run. */
function ranged(st, f) {
  if (!st || !st.n) return '—';
  return st.n > 1 ? `${f(st.median)} [${f(st.min)}–${f(st.max)}]` : f(st.median);
}

const ERROR_KEYS = ['idMismatch', 'foreign', 'badSeq', 'clientErrors', 'publishErrorCount', 'connectErrorCount', 'unexpectedCloses'];

/** What is taken from each run, by name: the tables quote the median and the range of these. */
const METRICS = {
  eventsPerSec: (r) => r.eventsPerSec,
  cpuUsPerEvent: (r) => r.cpuUsPerEvent,
  p50: (r) => r.latency.p50,
  p99: (r) => r.latency.p99,
  max: (r) => r.latency.max,
  kibPerConn: (r) => r.kibPerConn,
  kibPerConnSlope: (r) => r.kibPerConnSlope,
  connectMs: (r) => r.connectMs,
  cpuMsPerConnect: (r) => r.cpuMsPerConnect,
  cpuMsPerConnectSlope: (r) => r.cpuMsPerConnectSlope,
  genBusy: (r) => r.genBusy,
  otherLoad: (r) => r.otherLoad,
  rssGrowthMiB: (r) => (Number.isFinite(r.rssGrowthKiB) ? r.rssGrowthKiB / 1024 : NaN),
  tcpGrowthMiB: (r) => (Number.isFinite(r.tcpMemGrowthKiB) ? r.tcpMemGrowthKiB / 1024 : NaN),
  // P
  postsPerSec: (r) => r.postsPerSec,
  cpuUsPerPost: (r) => r.cpuUsPerPost,
  rttP50: (r) => r.postRtt && r.postRtt.p50,
  rttP99: (r) => r.postRtt && r.postRtt.p99,
  // R
  catchUpS: (r) => r.catchUpMs / 1000,
  reconnectS: (r) => r.reconnectMs / 1000,
  stormCpuS: (r) => r.stormCpuMs / 1000,
  cpuMsPerReconnect: (r) => r.cpuMsPerReconnect,
  livePosts: (r) => r.livePosts,
};

/**
 * One server in one scenario: for every metric its median (`a.cpuUsPerEvent`) and its stats (`a.st.cpuUsPerEvent`),
 * and totals of the correctness counts over the runs.
 */
function aggregate(runs) {
  const a = { runs: runs.length, st: {} };
  for (const [key, pick] of Object.entries(METRICS)) {
    a.st[key] = stats(runs.map((r) => pick(r)));
    a[key] = a.st[key].median;
  }
  const sum = (f) => runs.reduce((acc, r) => acc + (f(r) || 0), 0);
  Object.assign(a, {
    missing: sum((r) => r.missing),
    duplicates: sum((r) => r.duplicates),
    outOfOrder: sum((r) => r.outOfOrder),
    resets: sum((r) => r.resets),
    otherErrors: sum((r) => ERROR_KEYS.reduce((acc, k) => acc + (r[k] || 0), 0)),
    incomplete: runs.filter((r) => !r.complete).length,
    // Scenario S: stalled clients the server disconnected, over all runs.
    stalled: sum((r) => r.stalled && r.stalled.stalled),
    stalledDisconnected: sum((r) => r.stalled && r.stalled.disconnected),
  });
  return a;
}

/** Aggregates per scenario id and server: `Map<scenarioId, Map<server, aggregate>>`, servers in the given order. */
function aggregateAll(scenarios, servers, results) {
  const aggs = new Map();
  for (const s of scenarios) {
    const perServer = new Map();
    for (const server of servers) {
      const runs = results.filter((r) => r.scenario === s.id && r.server === server && r.result).map((r) => r.result);
      if (runs.length) perServer.set(server, aggregate(runs));
    }
    aggs.set(s.id, perServer);
  }
  return aggs;
}

module.exports = { median, stats, spread, fmt, ranged, aggregate, aggregateAll, ERROR_KEYS, METRICS };
