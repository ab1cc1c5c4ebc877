'use strict';
/**
 * The raw node:http baselines Herald is measured against. Same API and bytes on the wire as Herald:
 *   POST /api/rooms/:room/messages {author, text} → 202 {id, room, sentAt}
 *   GET  /api/rooms/:room/events → text/event-stream: `retry: 3000`, then `id:/event: message/data:` frames
 *   (/api/messages and /api/events are the room `lobby`).
 * A post is checked as Herald checks it (src/post-body.js): JSON content type, at most 16 KiB, one object with
 * exactly `author` and `text`, strings, trimmed lengths, no control characters.
 * Each frame is built once per event. Two ways to write it:
 *   BASELINE_MODE=plain     one write per event per client;
 *   BASELINE_MODE=coalesce  the frames of one event-loop turn are concatenated once per room (setImmediate)
 *                           and that one Buffer is written to every subscriber: one write per client per turn.
 * Each room keeps its last HISTORY_LIMIT frames (default 1000), as Herald does, so a stream opened with a
 * `Last-Event-ID` (or `?lastEventId=`) gets the frames after it before live ones, in one write; an id it does not
 * hold gets a `reset` event and the whole history (Herald's rule). No slow-client bound: it is the floor, not a product.
 * Env: PORT (0 = any), HOST, BASELINE_MODE, HEARTBEAT_INTERVAL_MS, SSE_RETRY_MS, HISTORY_LIMIT.
 * Prints `Baseline listening on http://host:port` when ready.
 */
const http = require('node:http');
const { MAX_BODY_BYTES, checkPost } = require('./post-body');
const { History } = require('./history');

const MODE = process.env.BASELINE_MODE === 'coalesce' ? 'coalesce' : 'plain';
const PORT = Number(process.env.PORT || 0);
const HOST = process.env.HOST || '127.0.0.1';
const HEARTBEAT_MS = Number(process.env.HEARTBEAT_INTERVAL_MS || 15000);
const HISTORY_LIMIT = Number(process.env.HISTORY_LIMIT || 1000);
const RETRY_FRAME = Buffer.from(`retry: ${Number(process.env.SSE_RETRY_MS || 3000)}\n\n`);
const HEARTBEAT = Buffer.from(':\n\n');
const ROUTE = /^\/api\/(?:rooms\/([a-z0-9-]{1,32})\/)?(messages|events)\/?(?:\?(.*))?$/;

/** room name → { subscribers: Set<ServerResponse>, lastMs, seq, history: History, pending: Buffer[] } */
const rooms = new Map();
let flushScheduled = false;
const dirtyRooms = new Set();

function room(name) {
  let r = rooms.get(name);
  if (!r) {
    r = { name, subscribers: new Set(), lastMs: 0, seq: 0, history: new History(HISTORY_LIMIT), pending: [] };
    rooms.set(name, r);
  }
  return r;
}

function nextId(r) {
  const now = Date.now();
  if (now > r.lastMs) {
    r.lastMs = now;
    r.seq = 0;
  } else {
    r.seq++;
  }
  return { id: `${r.lastMs}-${r.seq}`, ms: r.lastMs, seq: r.seq };
}

function flush() {
  flushScheduled = false;
  for (const r of dirtyRooms) {
    const chunk = r.pending.length === 1 ? r.pending[0] : Buffer.concat(r.pending);
    r.pending = [];
    for (const res of r.subscribers) res.write(chunk);
  }
  dirtyRooms.clear();
}

function publish(r, author, text) {
  const { id, ms, seq } = nextId(r);
  const sentAt = new Date(ms).toISOString();
  const frame = Buffer.from(`id: ${id}\nevent: message\ndata: ${JSON.stringify({ id, room: r.name, author, text, sentAt })}\n\n`);
  r.history.push(ms, seq, id, frame);
  if (MODE === 'plain') {
    for (const res of r.subscribers) res.write(frame);
  } else {
    r.pending.push(frame);
    dirtyRooms.add(r);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  }
  return { id, room: r.name, sentAt };
}

/**
 * What a stream resuming after `lastId` is sent before live frames. In coalesce mode the frames of this turn are
 * still pending: the flush sends them to every subscriber, this one included, so the replay stops before them.
 */
function replay(r, lastId) {
  const upTo = r.history.length - (MODE === 'coalesce' ? r.pending.length : 0);
  const { frames, found } = r.history.after(lastId, upTo);
  if (found) return frames;
  const reset = JSON.stringify({ reason: 'unknown-id', lastEventId: lastId.slice(0, 64), oldestId: r.history.oldestId() });
  return [Buffer.from(`event: reset\ndata: ${reset}\n\n`), ...frames];
}

function answer(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function fail(res, status, error, message) {
  answer(res, status, { statusCode: status, error, message });
}

/** The id to resume after: the header wins over `?lastEventId=`, as in Herald. */
function lastEventId(req, query) {
  const header = req.headers['last-event-id'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const fromQuery = query ? new URLSearchParams(query).get('lastEventId') : null;
  return fromQuery && fromQuery.trim() !== '' ? fromQuery.trim() : null;
}

function openStream(req, res, r, query) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const after = lastEventId(req, query);
  const frames = after === null ? [] : replay(r, after);
  res.write(frames.length ? Buffer.concat([RETRY_FRAME, ...frames]) : RETRY_FRAME);
  r.subscribers.add(res);
  res.on('close', () => r.subscribers.delete(res));
}

function acceptPost(req, res, r) {
  const type = String(req.headers['content-type'] || '');
  const parts = [];
  let size = 0;
  req.on('data', (d) => {
    size += d.length;
    if (size <= MAX_BODY_BYTES) parts.push(d);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) return fail(res, 413, 'Payload Too Large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    const checked = checkPost(type, Buffer.concat(parts).toString('utf8'));
    if (checked.error) return fail(res, checked.status, checked.status === 415 ? 'Unsupported Media Type' : 'Bad Request', checked.error);
    answer(res, 202, publish(r, checked.author, checked.text));
  });
}

const server = http.createServer((req, res) => {
  const m = ROUTE.exec(req.url);
  if (!m) return fail(res, 404, 'Not Found', `Cannot ${req.method} ${req.url}`);
  const r = room(m[1] || 'lobby');
  if (m[2] === 'events' && req.method === 'GET') return openStream(req, res, r, m[3]);
  if (m[2] === 'messages' && req.method === 'POST') return acceptPost(req, res, r);
  fail(res, 405, 'Method Not Allowed', `${req.method} not allowed on ${req.url}`);
});

setInterval(() => {
  for (const r of rooms.values()) for (const res of r.subscribers) res.write(HEARTBEAT);
}, HEARTBEAT_MS).unref();

server.listen(PORT, HOST, () => {
  const a = server.address();
  console.log(`Baseline (${MODE}) listening on http://${a.address}:${a.port}`);
});

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
