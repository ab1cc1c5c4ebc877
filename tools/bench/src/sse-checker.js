'use strict';
/**
 * The load generator's hot path: an incremental parser for one SSE connection (HTTP/1.1 response head,
 * chunked transfer coding, SSE frames) and the checker that every client receives every message exactly
 * once and in order. Kept free of sockets and timers so it can be tested by feeding it bytes.
 *
 * Messages published by the bench carry `<seq> <publish time in µs> <padding>` as their text. The parser
 * does not JSON.parse the data line: it finds `"text":"` and reads the two numbers in place.
 *
 * Order is judged by the server's event ids (`<ms>-<n>`, or a plain integer): each client's ids must grow
 * strictly, and the id a client sees for a seq must equal the one every other client saw and the one the
 * POST answered (`idMismatch`). Together this means every client sees the same order as the server's.
 * With one publish in flight (or a paced rate) that order is also the seq order.
 */

const TEXT_KEY = '"text":"';

/** State shared by all clients of one measurement. */
class RunTracker {
  /**
   * @param {object} o
   * @param {number} o.total number of messages that will be published (seqs 0..total-1)
   * @param {number} [o.latencyCapacity] how many latency samples to keep
   */
  constructor({ total, latencyCapacity = 0 }) {
    this.total = total;
    this.idMs = new Float64Array(total).fill(NaN);
    this.idN = new Float64Array(total).fill(NaN);
    this.latencies = new Float64Array(latencyCapacity);
    this.latCount = 0;
    /** Latency is recorded for seqs in [measureFrom, measureTo) (earlier ones are warm-up; the storm ends a window). */
    this.measureFrom = 0;
    this.measureTo = Infinity;
    /** A client is "done" when it holds this many distinct messages. */
    this.target = total;
    this.clientsDone = 0;
    this.onClientDone = null;
    this.duplicates = 0;
    this.outOfOrder = 0;
    this.idMismatch = 0;
    /** `message` frames whose text is not the bench's `<seq> <µs>`. */
    this.foreign = 0;
    this.badSeq = 0;
    /** Events of other types (e.g. presence), by name: counted, not errors. */
    this.otherEvents = Object.create(null);
    this.measuredEvents = 0;
    this.clients = [];
  }

  /** Registers the id a POST answered for `seq`. */
  recordPublished(seq, id) {
    const [ms, n] = parseId(id);
    this._checkId(seq, ms, n);
  }

  _checkId(seq, ms, n) {
    const known = this.idMs[seq];
    if (known !== known) {
      this.idMs[seq] = ms;
      this.idN[seq] = n;
    } else if (known !== ms || this.idN[seq] !== n) {
      this.idMismatch++;
    }
  }

  /** Moves the finish line; counts the clients that are already past it. */
  setTarget(target) {
    this.target = target;
    let done = 0;
    for (const c of this.clients) if (c.distinct >= target) done++;
    this.clientsDone = done;
  }

  otherEvent(name) {
    this.otherEvents[name] = (this.otherEvents[name] || 0) + 1;
  }

  /** Called by a client for every message event. */
  message(client, seq, tsMicros, idMs, idN, now, idDash = true) {
    if (seq < 0 || seq >= this.total) {
      this.badSeq++;
      return;
    }
    const seen = client.seen;
    if (seen[seq] === 1) {
      this.duplicates++;
      client.duplicates++;
      return;
    }
    seen[seq] = 1;
    if (idMs < 0) {
      this.idMismatch++; // a message without an id
    } else {
      if (idMs < client.lastMs || (idMs === client.lastMs && idN <= client.lastN)) {
        this.outOfOrder++;
        client.outOfOrder++;
      } else {
        client.lastMs = idMs;
        client.lastN = idN;
        client.lastDash = idDash;
      }
      this._checkId(seq, idMs, idN);
    }
    if (seq >= this.measureFrom && seq < this.measureTo) {
      this.measuredEvents++;
      if (this.latCount < this.latencies.length) this.latencies[this.latCount++] = now - tsMicros / 1000;
    }
    if (++client.distinct === this.target) {
      this.clientsDone++;
      if (this.onClientDone !== null) this.onClientDone(this.clientsDone);
    }
  }

  /** Totals over all clients; `published` is how many seqs were published (defaults to all). */
  summary(published = this.total) {
    let missing = 0;
    let clientsMissing = 0;
    let errors = 0;
    for (const c of this.clients) {
      const m = published - c.distinct;
      if (m > 0) {
        missing += m;
        clientsMissing++;
      }
      if (c.error) errors++;
    }
    return {
      missing,
      clientsMissing,
      duplicates: this.duplicates,
      outOfOrder: this.outOfOrder,
      idMismatch: this.idMismatch,
      foreign: this.foreign,
      badSeq: this.badSeq,
      clientErrors: errors,
      otherEvents: { ...this.otherEvents },
    };
  }
}

/** `<ms>-<n>` or `<n>` → [ms, n]; anything else → [-1, 0]. */
function parseId(id) {
  const s = String(id);
  const dash = s.indexOf('-');
  const a = dash === -1 ? s : s.slice(0, dash);
  const b = dash === -1 ? '0' : s.slice(dash + 1);
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return [-1, 0];
  return [Number(a), Number(b)];
}

// Chunked-coding decoder states.
const SIZE = 0;
const SIZE_EXT = 1;
const SIZE_LF = 2;
const DATA = 3;
const DATA_CR = 4;
const DATA_LF = 5;
const TRAILER = 6;

/** One SSE connection: bytes in, message events into the tracker. */
class SseClient {
  constructor(tracker, index = tracker.clients.length) {
    this.tracker = tracker;
    this.index = index;
    this.seen = new Uint8Array(tracker.total);
    this.distinct = 0;
    this.duplicates = 0;
    this.outOfOrder = 0;
    this.lastMs = -1;
    this.lastN = -1;
    /** Whether the last id had the `<ms>-<n>` shape (else a plain integer), to send it back as it came. */
    this.lastDash = false;
    this._resetParser();
    tracker.clients.push(this);
  }

  /** HTTP and SSE parser state of one connection; what the client has seen is kept apart from it. */
  _resetParser() {
    this.head = '';
    this.headDone = false;
    this.status = 0;
    this.chunked = false;
    this.cstate = SIZE;
    this.csize = 0;
    this.carry = '';
    /** Set once the `retry:` frame arrived, i.e. the server has registered this subscriber. */
    this.ready = false;
    this.onReady = null;
    this.error = null;
    this.ended = false;
    this.frames = 0;
  }

  /**
   * Starts a new connection for the same client, as EventSource does after a drop: the parser starts over,
   * what was received stays, so a message sent again, or out of order across the two connections, is counted.
   */
  reconnect() {
    this._resetParser();
    this.reported = false;
  }

  /** The newest event id received, as the client would send it back in `Last-Event-ID`; null before any. */
  get lastEventId() {
    if (this.lastMs < 0) return null;
    return this.lastDash ? `${this.lastMs}-${this.lastN}` : String(this.lastMs);
  }

  /**
   * Feeds raw bytes from the socket, `buf[start..end)`; `now` is the receipt time in ms (performance.now()).
   * Nothing keeps a reference to `buf`, so the caller may reuse one buffer for every socket.
   */
  push(buf, now, start = 0, end = buf.length) {
    if (this.error !== null) return;
    let off = start;
    if (!this.headDone) {
      this.head += buf.latin1Slice(start, end);
      const headEnd = this.head.indexOf('\r\n\r\n');
      if (headEnd === -1) {
        if (this.head.length > 65536) this._fail('response head too large');
        return;
      }
      const rest = this.head.length - (headEnd + 4); // bytes of this buffer after the head
      this._parseHead(this.head.slice(0, headEnd));
      this.head = '';
      this.headDone = true;
      if (this.error !== null) return;
      off = end - rest;
    }
    if (off < end) this._body(buf, off, end, now);
  }

  _parseHead(head) {
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (!m) return this._fail(`not an HTTP response: ${JSON.stringify(head.slice(0, 40))}`);
    this.status = Number(m[1]);
    if (this.status !== 200) return this._fail(`status ${this.status}`);
    const lower = head.toLowerCase();
    if (!/\r\ncontent-type:\s*text\/event-stream/.test(lower)) return this._fail('content-type is not text/event-stream');
    this.chunked = /\r\ntransfer-encoding:[^\r]*chunked/.test(lower);
  }

  _fail(message) {
    if (this.error === null) this.error = message;
  }

  _body(buf, off, n, now) {
    if (!this.chunked) {
      this._sse(buf.latin1Slice(off, n), now);
      return;
    }
    let out = '';
    let i = off;
    while (i < n) {
      switch (this.cstate) {
        case SIZE: {
          const c = buf[i++];
          if (c >= 48 && c <= 57) this.csize = this.csize * 16 + (c - 48);
          else if (c >= 97 && c <= 102) this.csize = this.csize * 16 + (c - 87);
          else if (c >= 65 && c <= 70) this.csize = this.csize * 16 + (c - 55);
          else if (c === 13) this.cstate = SIZE_LF;
          else if (c === 59) this.cstate = SIZE_EXT;
          else return this._fail(`bad chunk size byte ${c}`);
          break;
        }
        case SIZE_EXT:
          if (buf[i++] === 13) this.cstate = SIZE_LF;
          break;
        case SIZE_LF:
          if (buf[i++] !== 10) return this._fail('bad chunk size line');
          if (this.csize === 0) {
            this.cstate = TRAILER;
            this.ended = true;
          } else {
            this.cstate = DATA;
          }
          break;
        case DATA: {
          const take = Math.min(this.csize, n - i);
          out += buf.latin1Slice(i, i + take);
          i += take;
          this.csize -= take;
          if (this.csize === 0) this.cstate = DATA_CR;
          break;
        }
        case DATA_CR:
          if (buf[i++] !== 13) return this._fail('chunk not followed by CRLF');
          this.cstate = DATA_LF;
          break;
        case DATA_LF:
          if (buf[i++] !== 10) return this._fail('chunk not followed by CRLF');
          this.cstate = SIZE;
          break;
        default:
          i = n; // trailer after the last chunk: ignored
      }
    }
    if (out.length > 0) this._sse(out, now);
  }

  /** Splits the decoded stream into frames (blocks ended by a blank line); keeps the partial tail. */
  _sse(str, now) {
    const s = this.carry.length > 0 ? this.carry + str : str;
    const len = s.length;
    let pos = 0;
    while (pos < len) {
      if (s.charCodeAt(pos) === 10) {
        pos++; // a blank line with nothing pending
        continue;
      }
      const end = s.indexOf('\n\n', pos);
      if (end === -1) break;
      this._frame(s, pos, end + 1, now);
      pos = end + 2;
    }
    this.carry = pos < len ? s.slice(pos) : '';
  }

  /** One frame: lines from `start` up to `end` (each line ends with \n; `end` is after the last one). */
  _frame(s, start, end, now) {
    this.frames++;
    let idMs = -1;
    let idN = 0;
    let idDash = false;
    let event = null;
    let dataStart = -1;
    let dataEnd = -1;
    let p = start;
    while (p < end) {
      let nl = s.indexOf('\n', p);
      if (nl === -1 || nl > end) nl = end;
      const c = s.charCodeAt(p);
      if (c === 58) {
        // comment (heartbeat)
      } else if (s.startsWith('id:', p)) {
        let q = p + 3;
        if (s.charCodeAt(q) === 32) q++;
        let ms = 0;
        let digits = 0;
        let ch;
        while (q < nl && (ch = s.charCodeAt(q)) >= 48 && ch <= 57) {
          ms = ms * 10 + (ch - 48);
          q++;
          digits++;
        }
        let nn = 0;
        const dash = s.charCodeAt(q) === 45;
        if (dash) {
          q++;
          while (q < nl && (ch = s.charCodeAt(q)) >= 48 && ch <= 57) {
            nn = nn * 10 + (ch - 48);
            q++;
          }
        }
        if (digits > 0 && q === nl) {
          idMs = ms;
          idN = nn;
          idDash = dash;
        }
      } else if (s.startsWith('event:', p)) {
        event = s.slice(s.charCodeAt(p + 6) === 32 ? p + 7 : p + 6, nl);
      } else if (s.startsWith('data:', p)) {
        if (dataStart === -1) dataStart = p;
        dataEnd = nl;
      } else if (s.startsWith('retry:', p)) {
        if (!this.ready) {
          this.ready = true;
          if (this.onReady !== null) this.onReady(this, now);
        }
      }
      p = nl + 1;
    }
    if (dataStart === -1) return;
    if (event !== null && event !== 'message') {
      this.tracker.otherEvent(event);
      return;
    }
    const t = s.indexOf(TEXT_KEY, dataStart);
    if (t === -1 || t >= dataEnd) {
      this.tracker.foreign++;
      return;
    }
    let q = t + TEXT_KEY.length;
    let seq = 0;
    let ch;
    let digits = 0;
    while ((ch = s.charCodeAt(q)) >= 48 && ch <= 57) {
      seq = seq * 10 + (ch - 48);
      q++;
      digits++;
    }
    if (digits === 0 || ch !== 32) {
      this.tracker.foreign++;
      return;
    }
    q++;
    let ts = 0;
    while ((ch = s.charCodeAt(q)) >= 48 && ch <= 57) {
      ts = ts * 10 + (ch - 48);
      q++;
    }
    this.tracker.message(this, seq, ts, idMs, idN, now, idDash);
  }
}

/**
 * The text the bench publishes for `seq`: `<seq> <µs> ` padded with `pad` (one character, `x` unless told) to
 * `size` characters. A padding character outside ASCII makes a message of the same length weigh more on the
 * wire (e.g. `漢`: 3 bytes in UTF-8), since the API's limit counts characters.
 */
function messageText(seq, micros, size, pad = 'x') {
  const head = `${seq} ${micros} `;
  return head.length >= size ? head : head + pad.repeat(size - head.length);
}

module.exports = { RunTracker, SseClient, parseId, messageText };
