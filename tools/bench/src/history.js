'use strict';
/**
 * The raw baseline's bounded history of one room: the last `limit` frames with their ids (`<ms>-<seq>`, rising),
 * so a resuming stream can be sent what it missed. Kept as parallel arrays with a moving start, compacted once
 * the dropped part is as long as the limit: a push is O(1) amortised, a lookup a binary search.
 */
class History {
  constructor(limit) {
    this.limit = Math.max(1, limit);
    this.ms = [];
    this.seq = [];
    this.ids = [];
    this.frames = [];
    this.start = 0;
    /** The newest id dropped from the history: a client resuming from it has missed nothing still held. */
    this.lastEvictedId = null;
  }

  get length() {
    return this.frames.length - this.start;
  }

  push(ms, seq, id, frame) {
    this.ms.push(ms);
    this.seq.push(seq);
    this.ids.push(id);
    this.frames.push(frame);
    if (this.length > this.limit) {
      this.lastEvictedId = this.ids[this.start];
      this.start++;
      if (this.start >= this.limit) {
        for (const list of [this.ms, this.seq, this.ids, this.frames]) list.splice(0, this.start);
        this.start = 0;
      }
    }
  }

  oldestId() {
    return this.length ? this.ids[this.start] : null;
  }

  /**
   * The frames after `lastId` among the oldest `upTo` held (default all). `found`: the id is held or is the last
   * one dropped; otherwise (unknown, trimmed, not an id) `frames` is everything held up to `upTo`.
   */
  after(lastId, upTo = this.length) {
    const end = this.start + Math.min(upTo, this.length);
    const m = /^(\d+)-(\d+)$/.exec(lastId);
    if (!m) return { found: false, frames: this.frames.slice(this.start, end) };
    const ms = Number(m[1]);
    const seq = Number(m[2]);
    let low = this.start;
    let high = this.frames.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ms[mid] < ms || (this.ms[mid] === ms && this.seq[mid] <= seq)) low = mid + 1;
      else high = mid;
    }
    const found = (low > this.start && this.ids[low - 1] === lastId) || this.lastEvictedId === lastId;
    return found ? { found, frames: this.frames.slice(low, Math.max(low, end)) } : { found, frames: this.frames.slice(this.start, end) };
  }
}

module.exports = { History };
