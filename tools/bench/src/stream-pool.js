'use strict';
/**
 * The generator's SSE connections: raw sockets (`net.connect`, a hand-written GET), one receive buffer shared by
 * every socket (no Buffer per read, no stream machinery per chunk), at most `concurrency` handshakes in flight.
 * A client (an SseClient) keeps what it received across connections: `drop` resets its socket, `open` again sends
 * its last event id as `Last-Event-ID`, as EventSource does after a drop.
 */
const net = require('node:net');
const { performance } = require('node:perf_hooks');

const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

class StreamPool {
  /**
   * @param {object} o
   * @param {string[]} o.urls        the target's base URLs; client i uses url i % urls unless `open` is told otherwise
   * @param {number} o.connections   the most connections open at once (more than `maxPerAddress` spreads source addresses)
   * @param {number} [o.maxPerAddress]
   * @param {string} [o.room]
   */
  constructor({ urls, connections, maxPerAddress = 20000, room = 'bench' }) {
    this.targets = urls.map((u) => new URL(u));
    this.maxPerAddress = maxPerAddress;
    this.useLocalAddress = connections > maxPerAddress;
    this.room = room;
    /** By client index: its socket, and the SseClient parsing it. */
    this.sockets = [];
    this.clients = [];
    this.closing = false;
    this.unexpectedCloses = 0;
    this.errors = [];
  }

  /**
   * Connects the clients at `indices` (each `clients[i]` set beforehand); resolves once every one of them got its
   * `retry:` frame (the server registered it). Hooks, all optional: `urlOf(i)` (index into the urls),
   * `onReady(i)`, `onError(i, err)` and `onClose(i)` (return true when they handled it).
   */
  open(indices, { concurrency = 256, timeoutMs = 180000, urlOf, onReady, onError, onClose } = {}) {
    return new Promise((resolve, reject) => {
      const n = indices.length;
      let next = 0;
      let inFlight = 0;
      let ready = 0;
      let failed = false;
      if (n === 0) return resolve();
      const timer = setTimeout(() => fail(new Error(`only ${ready} of ${n} clients connected within ${timeoutMs / 1000} s`)), timeoutMs);
      const fail = (err) => {
        if (failed) return;
        failed = true;
        clearTimeout(timer);
        reject(err);
      };
      const readyOne = (i) => {
        inFlight--;
        if (onReady) onReady(i);
        if (++ready === n) {
          clearTimeout(timer);
          resolve();
        } else launch();
      };
      const launch = () => {
        while (!failed && inFlight < concurrency && next < n) {
          inFlight++;
          this._connect(indices[next++], { urlOf, readyOne, fail, onError, onClose });
        }
      };
      launch();
    });
  }

  _connect(i, { urlOf, readyOne, fail, onError, onClose }) {
    const client = this.clients[i];
    const u = this.targets[urlOf ? urlOf(i) : i % this.targets.length];
    const opts = { host: u.hostname, port: Number(u.port || 80) };
    if (this.useLocalAddress) opts.localAddress = `127.0.0.${1 + Math.floor(i / this.maxPerAddress)}`;
    const resume = client.lastEventId;
    client.dropped = false;
    client.onReady = () => readyOne(i);
    const request =
      `GET /api/rooms/${this.room}/events HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\n` +
      `Cache-Control: no-cache\r\nConnection: keep-alive\r\n${resume === null ? '' : `Last-Event-ID: ${resume}\r\n`}\r\n`;
    opts.onread = {
      buffer: READ_BUFFER,
      callback: (nread, buf) => {
        client.push(buf, performance.now(), 0, nread);
        if (client.error !== null && !client.reported) {
          client.reported = true;
          this.errors.push(`client ${i}: ${client.error}`);
          if (!client.ready) fail(new Error(`client ${i} (${u.host}): ${client.error}`));
        }
      },
    };
    const sock = net.connect(opts, () => sock.write(request));
    this.sockets[i] = sock;
    client.socket = sock;
    sock.on('error', (e) => {
      if (this.closing || client.dropped || sock !== this.sockets[i] || (onError && onError(i, e))) return;
      this.errors.push(`client ${i}: ${e.code || e.message}`);
      if (!client.ready) fail(new Error(`client ${i} (${u.host}${opts.localAddress ? ` from ${opts.localAddress}` : ''}): ${e.message}`));
    });
    sock.on('close', () => {
      if (onClose && onClose(i)) return;
      if (!this.closing && !client.dropped && sock === this.sockets[i]) this.unexpectedCloses++;
    });
  }

  /** Resets the connections of `indices` at once (RST: no TIME_WAIT); their clients are ready to reconnect. */
  drop(indices) {
    for (const i of indices) {
      const client = this.clients[i];
      client.dropped = true;
      this.sockets[i].resetAndDestroy();
      client.reconnect();
    }
  }

  closeAll() {
    this.closing = true;
    for (const s of this.sockets) if (s) s.resetAndDestroy();
  }
}

module.exports = { StreamPool };
