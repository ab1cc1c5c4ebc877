'use strict';
/** Scenario S: which clients stall, how big its messages are, Herald-only env, and how the report shows it. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { stalledIndices } = require('../src/loadgen');
const { messageText } = require('../src/sse-checker');
const { selectScenarios, PRODUCT_MAX_PENDING_BYTES } = require('../src/scenarios');
const { render, aggregate } = require('../src/report');

test('stalled clients: the asked number, distinct, spread, and alternating over the urls', () => {
  for (const [n, count, urls] of [
    [1000, 10, 1],
    [1000, 10, 2],
    [200, 2, 1],
    [200, 2, 2],
    [999, 7, 3],
  ]) {
    const set = stalledIndices(n, count, urls);
    assert.equal(set.size, count, `${n}/${count}/${urls}`);
    for (const i of set) assert.ok(i >= 0 && i < n);
    const perUrl = new Array(urls).fill(0);
    for (const i of set) perUrl[i % urls]++;
    assert.ok(Math.max(...perUrl) - Math.min(...perUrl) <= 1, `uneven over urls: ${perUrl}`);
  }
  const sorted = [...stalledIndices(1000, 10, 1)].sort((a, b) => a - b);
  assert.deepEqual(sorted, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  assert.equal(stalledIndices(1000, 0, 1).size, 0);
  assert.throws(() => stalledIndices(10, 6, 1), /too many/);
});

test('padding: the same number of characters, three times the bytes with a 3-byte character', () => {
  const wide = messageText(12, 345678, 2000, '漢');
  assert.equal(wide.length, 2000);
  assert.match(wide, /^12 345678 漢+$/);
  assert.equal(Buffer.byteLength(wide), '12 345678 '.length + 3 * (2000 - '12 345678 '.length));
  assert.equal(messageText(12, 345678, 32), messageText(12, 345678, 32, 'x'));
});

test('S: in the default list and in quick, past the 1 MiB bound plus kernel buffers, Herald at the default bound', () => {
  assert.ok(selectScenarios([], false).some((s) => s.id === 'S'));
  for (const quick of [false, true]) {
    const [s] = selectScenarios(['S'], quick);
    assert.equal(s.stalled * 100, s.clients, '1% stalled');
    assert.equal(s.env.MAX_PENDING_BYTES, String(PRODUCT_MAX_PENDING_BYTES));
    const perClient = Buffer.byteLength(messageText(0, 1e12, s.payload, s.padding)) * (s.warmup + s.messages);
    assert.ok(perClient > 6 * 1024 * 1024, `only ${perClient} bytes per stalled client`);
    assert.ok(s.messages / s.rate <= 25, 'publish phase at most 25 s');
    assert.match(s.title, /stalled/);
  }
});

test('the report: live p99 and stalled clients disconnected in the summary and the scenario table', () => {
  const [scenario] = selectScenarios(['S'], true);
  const result = (p99, disconnected, growthKiB) => ({
    clients: 200,
    live: 198,
    stalled: { stalled: 2, disconnected },
    eventsPerSec: 19800,
    cpuUsPerEvent: 10,
    latency: { p50: 5, p99, max: p99 + 1 },
    kibPerConn: 20,
    connectMs: 100,
    genBusy: 0.3,
    otherLoad: 0,
    missing: 0,
    duplicates: 0,
    outOfOrder: 0,
    complete: true,
    events: 198000,
    phaseMs: 10000,
    serverCpuMs: 1980,
    rssBeforeKiB: 50000,
    rssIdleKiB: 60000,
    rssEndKiB: 60000 + growthKiB,
    rssGrowthKiB: growthKiB,
    tcpMemGrowthKiB: disconnected ? 0 : 8192,
  });
  const results = [
    { scenario: 'S', run: 1, server: 'herald', result: result(12.5, 2, 1024) },
    { scenario: 'S', run: 1, server: 'baseline', result: result(9.5, 0, 20480) },
  ];
  const a = aggregate([results[0].result]);
  assert.equal(a.stalled, 2);
  assert.equal(a.stalledDisconnected, 2);
  assert.equal(a.rssGrowthMiB, 1);
  const md = render({
    meta: {
      command: 'x',
      date: 'd',
      cpu: 'c',
      cores: 2,
      kernel: 'k',
      node: 'v',
      commit: 'c',
      dirty: false,
      runs: 1,
      quick: true,
      placement: 'p',
    },
    scenarios: [scenario],
    servers: ['herald', 'baseline'],
    results,
    describe: (s) => s,
  });
  assert.match(md, /S live p99 ms \| S stalled disconnected/);
  assert.match(md, /\| herald \| 1\.00x \(10\.00 µs\) \| 12\.5 \| 2\/2 \|/);
  assert.match(md, /\| baseline \| 1\.00x \(10\.00 µs\) \| 9\.5 \| 0\/2 \|/);
  assert.match(md, /stalled clients disconnected \| RSS growth MiB \| TCP buffers growth MiB \|/);
  assert.match(md, /\| 2\/2 \| 1\.0 \| 0\.0 \|/);
  assert.match(md, /\| 0\/2 \| 20\.0 \| 8\.0 \|/);
  assert.match(md, /Stalled clients disconnected\*\*: after the phase/);
});
