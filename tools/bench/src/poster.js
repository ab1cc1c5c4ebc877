'use strict';
/**
 * The generator's posts: `POST /api/rooms/<room>/messages` over keep-alive agents (one per URL, round-robin by
 * seq), the text carrying `<seq> <publish time µs>`. Each 202's id goes to every tracker (the id every client must
 * see for that seq); the round trip of every post from `rttFrom` on is kept (the ack, not the delivery).
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { messageText } = require('./sse-checker');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Poster {
  /**
   * @param {object} o
   * @param {string[]} o.urls
   * @param {import('./sse-checker').RunTracker[]} o.trackers
   * @param {number} o.concurrency   sockets per agent (posts in flight)
   * @param {number} o.payload       text length in characters
   * @param {string} [o.padding]
   * @param {number} [o.rttCapacity] round trips to keep
   */
  constructor({ urls, trackers, concurrency = 1, payload = 32, padding = 'x', room = 'bench', rttCapacity = 0 }) {
    this.targets = urls.map((u) => new URL(u));
    this.agents = this.targets.map(() => new http.Agent({ keepAlive: true, maxSockets: Math.max(1, concurrency) }));
    this.trackers = trackers;
    this.payload = payload;
    this.padding = padding;
    this.room = room;
    this.errors = [];
    this.rtts = new Float64Array(rttCapacity);
    this.rttCount = 0;
    this.rttFrom = 0;
    /** Posts answered 202. */
    this.accepted = 0;
  }

  /**
   * One post. A keep-alive socket the server closed while idle (its keep-alive timeout, e.g. during a long warm-up
   * under load) resets the request written to it before any answer: that one is sent again once, on a fresh
   * socket. Were it a post the server did take, the checker would see its seq twice with two ids.
   */
  post(seq, started = performance.now(), retried = false) {
    return new Promise((resolve) => {
      const k = seq % this.targets.length;
      const u = this.targets[k];
      const text = messageText(seq, Math.round(started * 1000), this.payload, this.padding);
      const body = JSON.stringify({ author: 'bench', text });
      const req = http.request(
        {
          host: u.hostname,
          port: Number(u.port || 80),
          path: `/api/rooms/${this.room}/messages`,
          method: 'POST',
          agent: this.agents[k],
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (data += d));
          res.on('end', () => {
            if (res.statusCode !== 202) this.errors.push(`seq ${seq}: ${res.statusCode} ${data.slice(0, 200)}`);
            else {
              try {
                const { id } = JSON.parse(data);
                for (const t of this.trackers) t.recordPublished(seq, id);
                this.accepted++;
                if (seq >= this.rttFrom && this.rttCount < this.rtts.length) this.rtts[this.rttCount++] = performance.now() - started;
              } catch {
                this.errors.push(`seq ${seq}: bad 202 body ${data.slice(0, 200)}`);
              }
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        if (e.code === 'ECONNRESET' && req.reusedSocket && !retried) return resolve(this.post(seq, started, true));
        this.errors.push(`seq ${seq}: ${e.message}`);
        resolve();
      });
      req.end(body);
    });
  }

  /** Posts seqs from..from+count-1: at `rate` per second (mode 'rate') or with `concurrency` in flight (burst). */
  async publish(from, count, { mode = 'burst', rate = 50, concurrency = 1 } = {}) {
    if (mode === 'rate') {
      await this.paced(from, rate, { max: count });
      return;
    }
    let next = from;
    const end = from + count;
    const worker = async () => {
      while (next < end) await this.post(next++);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  }

  /**
   * Posts at `rate` per second from seq `from`, each on its schedule whatever the answers, until `until()` is
   * true or `max` posts were sent; resolves with the next seq once every post sent was answered.
   */
  async paced(from, rate, { max = Infinity, until = () => false } = {}) {
    const start = performance.now();
    const pending = [];
    let i = 0;
    while (i < max && !until()) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 1) {
        await sleep(wait);
        if (until()) break;
      }
      pending.push(this.post(from + i));
      i++;
    }
    await Promise.all(pending);
    return from + i;
  }

  /** Sorted round trips kept. */
  sortedRtts() {
    return this.rtts.subarray(0, this.rttCount).sort();
  }

  destroy() {
    for (const a of this.agents) a.destroy();
  }
}

module.exports = { Poster };
