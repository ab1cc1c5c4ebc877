'use strict';
/** The generator's parser and checker, fed bytes split at awkward places. No sockets, no timing. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { RunTracker, SseClient, parseId, messageText } = require('../src/sse-checker');

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n' + 'Transfer-Encoding: chunked\r\n\r\n';

function frame(id, seq, micros = 1000, size = 32) {
  const text = messageText(seq, micros, size);
  const data = JSON.stringify({ id, room: 'bench', author: 'bench', text, sentAt: '2026-01-01T00:00:00.000Z' });
  return `id: ${id}\nevent: message\ndata: ${data}\n\n`;
}

/** One HTTP chunk per string. */
function chunked(parts) {
  return parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('');
}

/** Feeds `bytes` in pieces cut at the given offsets (and the rest). */
function feed(client, bytes, cuts, now = 5) {
  const buf = Buffer.from(bytes, 'latin1');
  let at = 0;
  for (const cut of [...cuts, buf.length]) {
    if (cut > at) client.push(buf.subarray(at, cut), now);
    at = Math.max(at, cut);
  }
}

function everyCut(client, bytes) {
  const cuts = [];
  for (let i = 1; i < bytes.length; i++) cuts.push(i);
  feed(client, bytes, cuts);
}

const ids = (n) => Array.from({ length: n }, (_, i) => `1700000000000-${i}`);

test('a clean stream split at every byte: every message once, in order', () => {
  const tracker = new RunTracker({ total: 5, latencyCapacity: 5 });
  const client = new SseClient(tracker);
  let ready = 0;
  client.onReady = () => ready++;
  const body = chunked(['\n', 'retry: 3000\n\n', ':\n\n', ...ids(5).map((id, s) => frame(id, s))]);
  everyCut(client, HEAD + body);
  assert.equal(ready, 1);
  assert.equal(client.error, null);
  assert.equal(client.distinct, 5);
  const sum = tracker.summary();
  assert.deepEqual([sum.missing, sum.duplicates, sum.outOfOrder, sum.idMismatch, sum.foreign, sum.badSeq], [0, 0, 0, 0, 0, 0]);
  assert.equal(tracker.latCount, 5);
  assert.equal(tracker.latencies[0], 5 - 1); // received at 5 ms, published at 1000 µs
});

test('frames coalesced into one chunk, and one frame split over several chunks', () => {
  const tracker = new RunTracker({ total: 4 });
  const client = new SseClient(tracker);
  const f = ids(4).map((id, s) => frame(id, s, 1000, 1024));
  const parts = ['retry: 3000\n\n', f[0] + f[1] + f[2], f[3].slice(0, 7), f[3].slice(7, 400), f[3].slice(400)];
  const bytes = HEAD + chunked(parts);
  feed(client, bytes, [3, HEAD.length - 2, HEAD.length + 20, HEAD.length + 1500, bytes.length - 1]);
  assert.equal(client.distinct, 4);
  assert.equal(tracker.summary().missing, 0);
});

test('missing, duplicate and out-of-order are told apart', () => {
  const tracker = new RunTracker({ total: 6 });
  const client = new SseClient(tracker);
  const i = ids(6);
  // 0, 2, 1 (late: out of order), 2 again (duplicate), 4; 3 and 5 never arrive.
  const body = chunked(['retry: 3000\n\n', frame(i[0], 0) + frame(i[2], 2), frame(i[1], 1), frame(i[2], 2), frame(i[4], 4)]);
  everyCut(client, HEAD + body);
  const sum = tracker.summary();
  assert.equal(sum.missing, 2);
  assert.equal(sum.clientsMissing, 1);
  assert.equal(sum.duplicates, 1);
  assert.equal(sum.outOfOrder, 1);
  assert.equal(sum.idMismatch, 0);
});

test('per client: two clients, one complete, one missing the last message', () => {
  const tracker = new RunTracker({ total: 3 });
  const a = new SseClient(tracker);
  const b = new SseClient(tracker);
  let done = 0;
  tracker.onClientDone = () => done++;
  const i = ids(3);
  everyCut(a, HEAD + chunked(['retry: 3000\n\n', frame(i[0], 0), frame(i[1], 1), frame(i[2], 2)]));
  everyCut(b, HEAD + chunked(['retry: 3000\n\n', frame(i[0], 0) + frame(i[1], 1)]));
  assert.equal(done, 1);
  const sum = tracker.summary();
  assert.equal(sum.missing, 1);
  assert.equal(sum.clientsMissing, 1);
});

test('an id that differs from the one the POST answered, or from what another client saw', () => {
  const tracker = new RunTracker({ total: 2 });
  tracker.recordPublished(0, '1700000000000-0');
  const a = new SseClient(tracker);
  const b = new SseClient(tracker);
  everyCut(a, HEAD + chunked(['retry: 3000\n\n', frame('1700000000000-9', 0), frame('1700000000001-0', 1)]));
  everyCut(b, HEAD + chunked(['retry: 3000\n\n', frame('1700000000000-0', 0), frame('1700000000001-1', 1)]));
  assert.equal(tracker.summary().idMismatch, 2);
  assert.equal(tracker.summary().outOfOrder, 0);
});

test('other event types are counted, not taken for messages; ids compare numerically', () => {
  const tracker = new RunTracker({ total: 2 });
  const client = new SseClient(tracker);
  const presence = 'event: presence\ndata: {"room":"bench","online":[],"connections":1}\n\n';
  everyCut(client, HEAD + chunked(['retry: 3000\n\n', presence, frame('9-99', 0), frame('10-0', 1)]));
  const sum = tracker.summary();
  assert.deepEqual(sum.otherEvents, { presence: 1 });
  assert.equal(sum.outOfOrder, 0);
  assert.equal(sum.missing, 0);
  assert.deepEqual(parseId('1700000000000-12'), [1700000000000, 12]);
  assert.deepEqual(parseId('42'), [42, 0]);
});

test('a stream without chunked coding, and an error status', () => {
  const tracker = new RunTracker({ total: 1 });
  const plain = new SseClient(tracker);
  everyCut(plain, 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nretry: 3000\n\n' + frame('1-0', 0));
  assert.equal(plain.distinct, 1);
  const refused = new SseClient(tracker);
  feed(refused, 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n\r\n{}', []);
  assert.match(refused.error, /503/);
  assert.equal(refused.ready, false);
});

test('messageText pads to the payload size and keeps seq and time first', () => {
  assert.equal(messageText(7, 123456, 32).length, 32);
  assert.equal(messageText(7, 123456, 1024).length, 1024);
  assert.match(messageText(7, 123456, 32), /^7 123456 x+$/);
});
