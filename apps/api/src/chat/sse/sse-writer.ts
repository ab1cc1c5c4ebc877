import type { ServerResponse } from 'node:http';
import type { FrameBatch } from '../../hub/frame-batch';

/** Node sets this on a response whose body goes out in chunks (undocumented, stable since Node 0.x). */
type ChunkedResponse = ServerResponse & { chunkedEncoding?: boolean };

/**
 * Writes one client's event stream straight to its response. Nothing is written before Nest has sent
 * the SSE headers (until then an exception filter may still answer); after that each chunk is one write,
 * and a client whose unsent output passes `maxPendingBytes` is disconnected, so a reader that stalls
 * costs a bounded amount of memory and never holds up the others.
 */
export class SseWriter {
  private waiting: Buffer[] | null = [];
  private waitingBytes = 0;

  constructor(
    private readonly response: ServerResponse,
    private readonly maxPendingBytes: number,
    private readonly onOverflow: (pendingBytes: number) => void,
  ) {}

  /** Set when the stream is torn down; a plain field, as this is checked once per write. */
  private closed = false;

  /** No more writes: the stream ended. (A write to a destroyed response is a no-op in Node.) */
  close(): void {
    this.closed = true;
    this.waiting = null;
  }

  write(chunk: Buffer): void {
    if (this.waiting) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      if (this.waitingBytes > this.maxPendingBytes) this.overflow(this.waitingBytes);
      return;
    }
    if (this.closed) return;
    this.response.write(chunk);
    const pending = this.response.writableLength;
    if (pending > this.maxPendingBytes) this.overflow(pending);
  }

  /**
   * A live batch. On a chunked response (HTTP/1.1, the usual case) its shared chunk goes straight to the
   * socket: the same bytes Node would frame for this client, in the same order as every other write to it,
   * without Node's per-write framing. Otherwise (HTTP/1.0) the plain bytes go through the response.
   */
  writeBatch(batch: FrameBatch): void {
    const socket = this.response.socket;
    if (this.waiting || this.closed || !socket || !(this.response as ChunkedResponse).chunkedEncoding) {
      this.write(batch.data);
      return;
    }
    socket.write(batch.chunk);
    const pending = socket.writableLength;
    if (pending > this.maxPendingBytes) this.overflow(pending);
  }

  /** Starts writing once the headers are out; what waited goes in one write. */
  whenHeadersSent(isClosed: () => boolean): void {
    const attempt = () => {
      if (isClosed() || !this.waiting) return;
      if (!this.response.headersSent) {
        setTimeout(attempt, 1);
        return;
      }
      const waiting = this.waiting;
      this.waiting = null;
      this.waitingBytes = 0;
      if (waiting.length > 0) this.write(waiting.length === 1 ? waiting[0] : Buffer.concat(waiting));
    };
    // Nest commits the headers from a timer it creates right after subscribing; this one comes after it.
    void Promise.resolve().then(() => setTimeout(attempt, 0));
  }

  private overflow(pendingBytes: number): void {
    this.close();
    this.onOverflow(pendingBytes);
    // A reset, not a close: a close would queue behind the megabytes the kernel still holds for a
    // client that is not reading, and keep them there; a reset frees them at once.
    const socket = this.response.socket;
    if (socket && !socket.destroyed) socket.resetAndDestroy();
    else this.response.destroy();
  }
}
