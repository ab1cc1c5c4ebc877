'use strict';
/**
 * The raw node:http baselines Herald is measured against. Same API and bytes on the wire as Herald:
 *   POST /api/rooms/:room/messages {author, text} → 202 {id, room, sentAt}
 *   GET  /api/rooms/:room/events → text/event-stream: `retry: 3000`, then `id:/event: message/data:` frames
 *   (/api/messages and /api/events are the room `lobby`).
 * Each frame is built once per event. Two ways to write it:
 *   BASELINE_MODE=plain     one write per event per client;
 *   BASELINE_MODE=coalesce  the frames of one event-loop turn are concatenated once per room (setImmediate)
 *                           and that one Buffer is written to every subscriber: one write per client per turn.
 * No history, no replay, no slow-client bound: it is the floor, not a product.
 * Env: PORT (0 = any), HOST, BASELINE_MODE, HEARTBEAT_INTERVAL_MS, SSE_RETRY_MS.
 * Prints `Baseline listening on http://host:port` when ready.
 */
const http = require('node:http');

const MODE = process.env.BASELINE_MODE === 'coalesce' ? 'coalesce' : 'plain';
const PORT = Number(process.env.PORT || 0);
const HOST = process.env.HOST || '127.0.0.1';
const HEARTBEAT_MS = Number(process.env.HEARTBEAT_INTERVAL_MS || 15000);
const RETRY_FRAME = Buffer.from(`retry: ${Number(process.env.SSE_RETRY_MS || 3000)}\n\n`);
const HEARTBEAT = Buffer.from(':\n\n');
const ROUTE = /^\/api\/(?:rooms\/([a-z0-9-]{1,32})\/)?(messages|events)\/?(?:\?.*)?$/;
const MAX_BODY = 16 * 1024;

/** room name → { subscribers: Set<ServerResponse>, lastMs, seq, pending: Buffer[] } */
const rooms = new Map();
let flushScheduled = false;
const dirtyRooms = new Set();

function room(name) {
  let r = rooms.get(name);
  if (!r) {
    r = { name, subscribers: new Set(), lastMs: 0, seq: 0, pending: [] };
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
  return `${r.lastMs}-${r.seq}`;
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
  const id = nextId(r);
  const sentAt = new Date().toISOString();
  const frame = Buffer.from(`id: ${id}\nevent: message\ndata: ${JSON.stringify({ id, room: r.name, author, text, sentAt })}\n\n`);
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

function answer(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function fail(res, status, error, message) {
  answer(res, status, { statusCode: status, error, message });
}

function validString(v, max) {
  return typeof v === 'string' && v.trim().length >= 1 && v.trim().length <= max;
}

const server = http.createServer((req, res) => {
  const m = ROUTE.exec(req.url);
  if (!m) return fail(res, 404, 'Not Found', `Cannot ${req.method} ${req.url}`);
  const r = room(m[1] || 'lobby');
  if (m[2] === 'events' && req.method === 'GET') {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    r.subscribers.add(res);
    res.write(RETRY_FRAME);
    res.on('close', () => r.subscribers.delete(res));
    return;
  }
  if (m[2] === 'messages' && req.method === 'POST') {
    const parts = [];
    let size = 0;
    req.on('data', (d) => {
      size += d.length;
      if (size <= MAX_BODY) parts.push(d);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return fail(res, 413, 'Payload Too Large', 'body above 16 KiB');
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        return fail(res, 400, 'Bad Request', 'body is not JSON');
      }
      if (!body || !validString(body.author, 40) || !validString(body.text, 2000)) {
        return fail(res, 400, 'Bad Request', 'author must be 1..40 and text 1..2000 characters');
      }
      answer(res, 202, publish(r, body.author.trim(), body.text.trim()));
    });
    return;
  }
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
