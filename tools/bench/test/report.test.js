'use strict';
/** The report: [min–max] beside medians, the connect, post and storm tables, the store comparison, the spread. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { selectScenarios, runsText } = require('../src/scenarios');
const { stats, spread, ranged, fmt } = require('../src/stats');
const { render } = require('../src/report');

const meta = { command: 'x', date: 'd', cpu: 'c', cores: 2, kernel: 'k', node: 'v', commit: 'c', dirty: false, runs: '3', quick: false };
const ok = { missing: 0, duplicates: 0, outOfOrder: 0, complete: true, otherEvents: {} };

function fanOut(cpuUsPerEvent, cpuMsPerConnect, kibPerConn, p99) {
  return {
    ...ok,
    clients: 5000,
    eventsPerSec: 1e5,
    cpuUsPerEvent,
    latency: { p50: 1, p99, max: p99 + 1 },
    kibPerConn,
    connectMs: 1000,
    cpuMsPerConnect,
    connectCpuMs: cpuMsPerConnect * 5000,
    genBusy: 0.5,
    otherLoad: 0,
    events: 5e5,
    phaseMs: 5000,
    serverCpuMs: 5000,
    postsPerSec: 20,
    cpuUsPerPost: 5e4,
  };
}

const post = (postsPerSec, cpuUsPerPost) => ({
  ...fanOut(100, 1, 50, 20),
  clients: 10,
  postsPerSec,
  cpuUsPerPost,
  postRtt: { p50: 2, p99: 9, max: 10 },
});

const storm = (catchUpMs, cpuMsPerReconnect, p99) => ({
  ...ok,
  storm: true,
  clients: 11000,
  stormClients: 10000,
  catchUpMs,
  reconnectMs: catchUpMs - 1,
  stormCpuMs: cpuMsPerReconnect * 10000,
  cpuMsPerReconnect,
  livePosts: 8,
  latency: { p50: 5, p99, max: p99 + 2 },
  resets: 0,
  connectMs: 3000,
  connectCpuMs: 2200,
  cpuMsPerConnect: 0.2,
  dropCpuMs: 300,
  rssIdleKiB: 1,
  rssEndKiB: 2,
  genBusy: 0.3,
  otherLoad: 0,
});

test('stats: median with min and max, the spread, and the range shown only for more than one run', () => {
  const st = stats([3, 1, 2, NaN]);
  assert.deepEqual(st, { median: 2, min: 1, max: 3, n: 3 });
  assert.equal(spread(st), 1);
  assert.equal(ranged(st, fmt.dec(1)), '2.0 [1.0–3.0]');
  assert.equal(ranged(stats([4]), fmt.dec(1)), '4.0');
  assert.ok(Number.isNaN(spread(stats([4]))));
});

test('runs: per scenario unless --runs, B1 more than the rest; quick: one run, no 1 KiB variants unless asked', () => {
  const full = selectScenarios([], false);
  assert.equal(full.find((s) => s.id === 'B1-32').runs, 5);
  assert.equal(full.find((s) => s.id === 'A').runs, 3);
  assert.equal(runsText(full), '3 (B1: 5)');
  assert.equal(runsText(full, 2), '2');
  assert.ok(selectScenarios([], true).every((s) => s.runs === 1));
  assert.equal(
    selectScenarios([], true)
      .map((s) => s.id)
      .join(),
    'A,B-32,B1-32,C,P,R,S',
  );
  assert.equal(selectScenarios(['B1-1k'], true)[0].clients, 200);
  const quick = selectScenarios(['C', 'R'], true);
  assert.equal(quick[0].clients, 2000);
  assert.ok(quick[1].storm > 0 && quick[1].storm < quick[1].clients);
});

test('the report: ranges, connect cost, posts, storm, SQLite beside memory, spread', () => {
  const scenarios = selectScenarios(['B1-32', 'C', 'P', 'R'], false);
  const results = [];
  const add = (scenario, server, list) => list.forEach((result, i) => results.push({ scenario, run: i + 1, server, result }));
  add('B1-32', 'herald', [fanOut(10, 1.2, 48, 100), fanOut(12, 1.0, 47, 120), fanOut(11, 1.1, 49, 110)]);
  add('B1-32', 'herald-sqlite', [fanOut(11, 1.2, 48, 130), fanOut(13, 1.3, 47, 150), fanOut(12, 1.4, 49, 140)]);
  add('B1-32', 'baseline', [fanOut(10, 0.2, 15, 90), fanOut(10, 0.2, 15, 95), fanOut(10, 0.2, 15, 99)]);
  add('C', 'herald', [{ ...fanOut(13, 1.0, 41, 300), kibPerConnSlope: 18, cpuMsPerConnectSlope: 0.4 }]);
  add('C', 'baseline', [{ ...fanOut(12, 0.16, 11.6, 250), kibPerConnSlope: 16, cpuMsPerConnectSlope: 0.125 }]);
  add('P', 'herald', [post(1000, 1000), post(1100, 900)]);
  add('P', 'herald-sqlite', [post(800, 1200), post(900, 1100)]);
  add('P', 'baseline', [post(4500, 180), post(4700, 170)]);
  add('R', 'herald', [storm(13000, 1.3, 400)]);
  add('R', 'baseline', [storm(2000, 0.2, 100)]);
  const md = render({ meta, scenarios, servers: ['herald', 'herald-sqlite', 'baseline'], results, describe: (s) => s });
  // Summary: the median, its range, the ratio.
  assert.match(md, /\| herald \| 1\.10x \(11\.00 \[10\.00–12\.00\] µs\) \| 1\.08x \(13\.00 µs\) \|/);
  // Connect cost: B1-32 and C, connects per second of one core, RSS per idle stream, and RSS and CPU per stream of
  // the second half.
  assert.match(
    md,
    /B1-32: CPU ms per connect \(5,000 streams\) \| × base \| connects\/s of one core \| C: CPU ms per connect \(10,000 streams\)/,
  );
  assert.match(md, /C: RSS KiB per idle stream \(10,000\) \| × base \| C: RSS KiB per stream more, 5,000 → 10,000 \| × base \|/);
  assert.match(md, /\| C: CPU ms per connect, 5,000 → 10,000 \(warm\) \| × base \|/);
  assert.match(
    md,
    /\| herald \| 1\.100 \[1\.000–1\.200\] \| 5\.50x \| 909 \| 1\.000 \| 6\.25x \| 1,000 \| 41\.0 \| 3\.53x \| 18\.0 \| 1\.13x \|/,
  );
  assert.match(md, /\| herald \|.* \| 18\.0 \| 1\.13x \| 0\.400 \| 3\.20x \|/);
  assert.match(md, /\| baseline \| 0\.200 \[0\.200–0\.200\] \| 1\.00x \| 5,000 \|/);
  // Posts.
  assert.match(md, /## The cost of a post \(P\)/);
  assert.match(md, /\| herald \| 1,050 \[1,000–1,100\] \| 0\.23x \| 950 \[900–1,000\] \| 5\.43x \|/);
  // Storm.
  assert.match(md, /## Reconnect storm \(R\)/);
  assert.match(
    md,
    /\| herald \| 13\.00 \| 6\.50x \| 13\.00 \| 13\.00 \| 1\.300 \| 6\.50x \| 5\.0 \| 400\.0 \| 4\.00x \| 402\.0 \| 8 \| 0 \| 0 \|/,
  );
  // SQLite beside memory, long format.
  assert.match(md, /## SQLite store against the memory store/);
  assert.match(md, /\| B1-32 \| p99 ms \| 110\.0 \[100\.0–120\.0\] \| 140\.0 \[130\.0–150\.0\] \| 1\.27x \|/);
  assert.match(md, /\| P \| CPU µs per post \| 950 \[900–1,000\] \| 1,150 \[1,100–1,200\] \| 1\.21x \|/);
  // Spread: (12 − 10) / 11 for herald in B1-32.
  assert.match(md, /\| B1-32 \| CPU µs\/event \| 3 \| 18% \| 17% \| 0% \|/);
  // Storm details and method.
  assert.match(md, /\| R \| 1 \| herald \| 11,000 \| 10,000 \|/);
  assert.match(md, /\*\*R, reconnect storm\*\*: 11,000 streams connect/);
  assert.match(md, /Issue 11's "A, B1 and D8"/);
  assert.match(md, /resets: all 0/);
});

test('the report: a storm reset or failure is a problem in Correctness', () => {
  const scenarios = selectScenarios(['R'], true);
  const bad = { ...storm(1000, 0.2, 10), resets: 3, duplicates: 150 };
  const md = render({
    meta,
    scenarios,
    servers: ['baseline'],
    results: [
      { scenario: 'R', run: 1, server: 'baseline', result: bad },
      { scenario: 'R', run: 2, server: 'baseline', error: 'boom' },
    ],
    describe: (s) => s,
  });
  assert.match(md, /\*\*Problems found:\*\*/);
  assert.match(md, /R run 1 baseline: duplicates=150, resets=3/);
  assert.match(md, /R run 2 baseline: the measurement failed: boom/);
  assert.match(md, /\*\*baseline, run 2 failed:\*\* `boom`/);
});
