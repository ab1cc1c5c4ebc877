interface Part {
  readonly bytes: Buffer;
  /** False for a replay's bytes, which do not count against the slow-consumer bound. */
  readonly counts: boolean;
}

/**
 * The bytes one writer holds back for its socket, in order, and how many of them count against the
 * slow-consumer bound. A replay's bytes do not: there are at most a room's history of them, and they go out
 * as fast as the client reads. Everything written behind them does, so a client that stops reading in the
 * middle of a replay is still dropped once what piles up after the replay passes the bound.
 */
export class SendQueue {
  private parts: Part[] = [];
  /** Index of the first part not taken yet; the taken ones are cut off once they are half the array. */
  private head = 0;
  private counted = 0;

  /** Bytes waiting that count against the bound. */
  get countedBytes(): number {
    return this.counted;
  }

  get isEmpty(): boolean {
    return this.head === this.parts.length;
  }

  push(bytes: Buffer, counts: boolean): void {
    // An empty part would frame as the zero-length chunk that ends the body.
    if (bytes.length === 0) return;
    this.parts.push({ bytes, counts });
    if (counts) this.counted += bytes.length;
  }

  /** Whole parts from the front, at least `bytes` of them when that many wait (the last one may go past). */
  take(bytes: number): Buffer[] {
    const slice: Buffer[] = [];
    let size = 0;
    while (this.head < this.parts.length && size < bytes) {
      const part = this.parts[this.head++];
      slice.push(part.bytes);
      size += part.bytes.length;
      if (part.counts) this.counted -= part.bytes.length;
    }
    if (this.head * 2 >= this.parts.length) {
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    return slice;
  }
}
