'use strict';
/** A client across two connections (the storm): what it already holds stays, its last id goes back as it came. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { RunTracker, SseClient, messageText } = require('../src/sse-checker');

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
const chunk = (p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`;
const frame = (id, seq) =>
  `id: ${id}\nevent: message\ndata: ${JSON.stringify({ id, room: 'bench', author: 'bench', text: messageText(seq, 1000, 32) })}\n\n`;
const stream = (frames) => Buffer.from(HEAD + chunk('retry: 3000\n\n') + frames.map(chunk).join(''), 'latin1');

test('after a reconnect the parser starts over, what was received stays, the last id is sent back', () => {
  const tracker = new RunTracker({ total: 4 });
  const client = new SseClient(tracker);
  assert.equal(client.lastEventId, null);
  client.push(stream([frame('1700000000000-0', 0), frame('1700000000000-1', 1)]), 1);
  assert.equal(client.lastEventId, '1700000000000-1');
  // Dropped mid-frame: the half frame must not leak into the next connection.
  client.push(Buffer.from(chunk('id: 1700000000000-2\nevent: mess'), 'latin1'), 2);
  client.reconnect();
  assert.equal(client.ready, false);
  let ready = 0;
  client.onReady = () => ready++;
  client.push(stream([frame('1700000000000-2', 2), frame('1700000000001-0', 3)]), 3);
  assert.equal(ready, 1);
  assert.equal(client.distinct, 4);
  const sum = tracker.summary();
  assert.deepEqual([sum.missing, sum.duplicates, sum.outOfOrder, sum.foreign, sum.clientErrors], [0, 0, 0, 0, 0]);
});

test('a replay that repeats what the client held, or comes after live ones, is counted', () => {
  const tracker = new RunTracker({ total: 4 });
  const client = new SseClient(tracker);
  client.push(stream([frame('5-0', 0), frame('5-1', 1)]), 1);
  client.reconnect();
  // Sent again from the start (a server that ignored Last-Event-ID), and 3 (live) before 2 (replay).
  client.push(stream([frame('5-0', 0), frame('5-1', 1), frame('6-1', 3), frame('6-0', 2)]), 2);
  const sum = tracker.summary();
  assert.equal(sum.duplicates, 2);
  assert.equal(sum.outOfOrder, 1);
  assert.equal(sum.missing, 0);
});

test('a plain integer id goes back as a plain integer', () => {
  const tracker = new RunTracker({ total: 1 });
  const client = new SseClient(tracker);
  client.push(stream([frame('42', 0)]), 1);
  assert.equal(client.lastEventId, '42');
});

test('latency is kept for seqs in [measureFrom, measureTo) only', () => {
  const tracker = new RunTracker({ total: 5, latencyCapacity: 5 });
  tracker.measureFrom = 1;
  tracker.measureTo = 3;
  const client = new SseClient(tracker);
  client.push(stream([0, 1, 2, 3, 4].map((s) => frame(`9-${s}`, s))), 4);
  assert.equal(tracker.latCount, 2);
  assert.equal(tracker.measuredEvents, 2);
});
