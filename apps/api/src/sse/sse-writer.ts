import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FrameSink } from '../hub/frame-sink';
import { afterHeadersWritten } from './after-headers-written';
import { asChunk } from './chunk-framing';

export interface SseWriterOptions {
  /** Unsent bytes one client may have waiting before it is disconnected. */
  maxPendingBytes: number;
  /** Called once when the client is dropped for not reading, with the bytes that were waiting. */
  onOverflow(pendingBytes: number): void;
  /** Called when the stream's source fails; the stream then ends. */
  onFail(err: unknown): void;
}

/**
 * The one writer of one client's event stream: every byte of it (retry, replay, live batches, heartbeats,
 * the farewell) goes through here, in order. Nothing is written before Nest has sent the headers (until
 * then an exception filter may still answer); after that each write is one socket write. On HTTP/1.1 the
 * body is chunked, and a shared live batch goes out as its shared chunk; on HTTP/1.0 (no chunking) the
 * bytes go through the response as they are. A client whose unsent output passes `maxPendingBytes` is
 * disconnected, so a reader that stalls costs a bounded amount of memory and never holds up the others.
 */
export class SseWriter implements FrameSink {
  private waiting: Buffer[] | null = [];
  private waitingBytes = 0;
  /** Set when the stream is torn down; a plain field, as it is checked once per write. */
  private closed = false;
  /** Set once the headers are out, when this writer frames chunks itself. */
  private direct = false;

  constructor(
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    private readonly options: SseWriterOptions,
  ) {
    afterHeadersWritten(response, () => this.open());
  }

  write(frames: Buffer): void {
    if (this.waiting) {
      this.waiting.push(frames);
      this.waitingBytes += frames.length;
      if (this.waitingBytes > this.options.maxPendingBytes) this.overflow(this.waitingBytes);
      return;
    }
    if (this.closed) return;
    let pending: number;
    const socket = this.response.socket;
    if (this.direct && socket) {
      socket.write(asChunk(frames));
      pending = socket.writableLength;
    } else {
      this.response.write(frames);
      pending = this.response.writableLength;
    }
    if (pending > this.options.maxPendingBytes) this.overflow(pending);
  }

  fail(err: unknown): void {
    if (!this.closed) this.options.onFail(err);
  }

  /** No more writes: the stream ended. */
  close(): void {
    this.closed = true;
    this.waiting = null;
  }

  /** The headers are out: decide how to write, then send what waited, in one write. */
  private open(): void {
    const waiting = this.waiting;
    if (this.closed || !waiting) return;
    this.direct = bodyIsChunked(this.request, this.response) && this.response.socket !== null;
    this.waiting = null;
    this.waitingBytes = 0;
    if (waiting.length > 0) this.write(waiting.length === 1 ? waiting[0] : Buffer.concat(waiting));
  }

  private overflow(pendingBytes: number): void {
    this.close();
    this.options.onOverflow(pendingBytes);
    // A reset, not a close: a close would queue behind the megabytes the kernel still holds for a
    // client that is not reading, and keep them there; a reset frees them at once.
    const socket = this.response.socket;
    if (socket && !socket.destroyed) socket.resetAndDestroy();
    else this.response.destroy();
  }
}

/**
 * Whether Node sends this response's body chunked: for HTTP/1.1 and later it does when no length is set
 * and the answer has a body (not HEAD, 204 or 304); HTTP/1.0 has no chunked coding.
 */
export function bodyIsChunked(request: IncomingMessage, response: ServerResponse): boolean {
  const http11 = request.httpVersionMajor > 1 || (request.httpVersionMajor === 1 && request.httpVersionMinor >= 1);
  const hasBody = request.method !== 'HEAD' && response.statusCode !== 204 && response.statusCode !== 304;
  return http11 && hasBody && !response.hasHeader('content-length') && !response.hasHeader('transfer-encoding');
}
