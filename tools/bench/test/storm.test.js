'use strict';
/**
 * The generator end to end against the raw baseline (both modes), small: a storm whose reconnected clients must
 * get exactly what they missed, a post run, and the baseline's reset for an id it does not hold.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startServer } = require('./start-server');
const { runStorm } = require('../src/storm');
const { runMeasurement } = require('../src/loadgen');

const startBaseline = (mode) => startServer('baseline-server', { BASELINE_MODE: mode, HISTORY_LIMIT: '100' });

const clean = (r) => [r.missing, r.duplicates, r.outOfOrder, r.idMismatch, r.foreign, r.publishErrorCount, r.unexpectedCloses];

for (const mode of ['plain', 'coalesce']) {
  test(`storm against the ${mode} baseline: every dropped client gets exactly what it missed`, async () => {
    const server = await startBaseline(mode);
    try {
      const r = await runStorm({
        urls: [server.url],
        pids: [server.pid],
        clients: 60,
        storm: 40,
        behind: 50,
        warmup: 5,
        rate: 20,
        settleMs: 50,
      });
      assert.equal(r.complete, true);
      assert.deepEqual(clean(r), [0, 0, 0, 0, 0, 0, 0]);
      assert.equal(r.resets, 0);
      assert.equal(r.stormClients, 40);
      assert.ok(r.catchUpMs > 0 && r.reconnectMs > 0);
      assert.equal(r.published, 5 + 50 + r.livePosts + 5);
    } finally {
      server.stop();
    }
  });
}

/** One measurement on a fresh baseline, with what every measurement must show: complete, nothing lost or out of order. */
async function measureOnBaseline(mode, options) {
  const server = await startBaseline(mode);
  try {
    const r = await runMeasurement({ urls: [server.url], pids: [server.pid], ...options });
    assert.equal(r.complete, true);
    assert.deepEqual(clean(r), [0, 0, 0, 0, 0, 0, 0]);
    return r;
  } finally {
    server.stop();
  }
}

test('posts: posts/s, CPU per post and the round trips are reported', async () => {
  const r = await measureOnBaseline('coalesce', { clients: 5, messages: 60, warmup: 5, concurrency: 4, payload: 50 });
  assert.ok(r.postsPerSec > 0 && Number.isFinite(r.cpuUsPerPost));
  assert.ok(r.postRtt.p50 > 0 && r.postRtt.p99 >= r.postRtt.p50);
  assert.ok(Number.isFinite(r.cpuMsPerConnect));
  assert.ok(Number.isNaN(r.cpuMsPerConnectSlope), 'only a memory scenario opens in halves');
});

test('a memory scenario opens its streams in two halves, reads RSS between them, and every client still gets every message', async () => {
  const r = await measureOnBaseline('plain', { clients: 40, messages: 10, warmup: 2, payload: 20, memory: true, settleMs: 50 });
  assert.equal(r.events, 40 * 10);
  assert.ok(r.rssHalfKiB >= r.rssBeforeKiB && r.rssIdleKiB >= r.rssHalfKiB - 4096, 'the readings are in order of time');
  assert.equal(r.kibPerConnSlope, (r.rssIdleKiB - r.rssHalfKiB) / 20);
  // The second half's CPU is part of the whole connect phase's (both halves' 20 streams and settles).
  assert.ok(r.cpuMsPerConnectSlope >= 0 && r.cpuMsPerConnectSlope * 20 <= r.connectCpuMs + 1e-9);
});

test('the baseline answers an id it does not hold with a reset and its history', async () => {
  const server = await startBaseline('plain');
  try {
    const post = (text) =>
      new Promise((resolve) => {
        const req = http.request(`${server.url}/api/rooms/r/messages`, { method: 'POST', headers: { 'content-type': 'application/json' } });
        req.on('response', (res) => res.resume().on('end', resolve));
        req.end(JSON.stringify({ author: 'a', text }));
      });
    await post('one');
    await post('two');
    const body = await new Promise((resolve) => {
      http.get(`${server.url}/api/rooms/r/events`, { headers: { 'last-event-id': 'nope' } }, (res) => {
        let data = '';
        res.on('data', (d) => {
          data += d;
          if (data.includes('"two"')) {
            res.destroy();
            resolve(data);
          }
        });
      });
    });
    assert.match(body, /^retry: 3000\n\nevent: reset\ndata: \{"reason":"unknown-id","lastEventId":"nope","oldestId":"\d+-0"\}\n\nid: /);
    assert.ok(body.indexOf('"one"') < body.indexOf('"two"'));
  } finally {
    server.stop();
  }
});
