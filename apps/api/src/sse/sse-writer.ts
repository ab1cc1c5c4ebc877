import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FrameSink } from '../hub/frame-sink';
import { afterHeadersWritten } from './after-headers-written';
import { asChunk, chunkOf } from './chunk-framing';
import { SendQueue } from './send-queue';

/** Bytes per socket write while a replay goes out: few writes, and little sent ahead of a client that stops. */
const SLICE_BYTES = 64 * 1024;

/** Who a writer reports to: one object per stream, so that a writer holds no closures of its own. */
export interface WriterOwner {
  /** The headers are out; called before anything that waited is written. */
  opened(): void;
  /** The client was dropped for not reading; `pendingBytes` were waiting. */
  overflowed(pendingBytes: number): void;
  /** The stream's source failed; the stream then ends. */
  failed(err: unknown): void;
}

/**
 * The one writer of one client's event stream: every byte of it (retry, replay, live batches, heartbeats,
 * the farewell) goes through here, in order. Nothing is written before Nest has sent the headers (until
 * then an exception filter may still answer). A replay then goes out a slice per 'drain', at the pace the
 * client reads, and what is written meanwhile queues behind it; once the queue is empty each write is one
 * socket write again. On HTTP/1.1 the body is chunked, and a shared live batch goes out as its shared chunk;
 * on HTTP/1.0 (no chunking) the bytes go through the response as they are. A client whose unsent output,
 * not counting a replay, passes `maxPendingBytes` is disconnected, so a reader that stalls costs a bounded
 * amount of memory and never holds up the others, and a client with a long history to read is not one.
 */
export class SseWriter implements FrameSink {
  /**
   * What waits for the socket: everything until the headers are out, then the rest of a replay and what
   * came after it. Null once all of it is written: then each write goes straight to the socket.
   */
  private queue: SendQueue | null = new SendQueue();
  /** Set once the headers are out. */
  private opened = false;
  /** Set while a slice of the queue waits for the socket to drain. */
  private draining = false;
  /** Set when the stream is torn down; a plain field, as it is checked once per write. */
  private closed = false;
  /** Set once the headers are out, when this writer frames chunks itself. */
  private direct = false;
  /** Set by {@link writeLast}: nothing more is taken, and the response ends once the queue is out. */
  private ending = false;

  constructor(
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    /** Unsent bytes one client may have waiting before it is disconnected (a replay's own do not count). */
    private readonly maxPendingBytes: number,
    private readonly owner: WriterOwner,
  ) {
    afterHeadersWritten(response, () => this.open());
  }

  write(frames: Buffer): void {
    if (this.ending) return;
    if (this.queue) {
      this.queue.push(frames, true);
      if (this.queue.countedBytes > this.maxPendingBytes) this.overflow(this.queue.countedBytes);
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
    if (pending > this.maxPendingBytes) this.overflow(pending);
  }

  writeReplay(frames: readonly Buffer[]): void {
    if (this.closed || this.ending) return;
    const queue = (this.queue ??= new SendQueue());
    for (const frame of frames) queue.push(frame, false);
    this.sendQueued();
  }

  fail(err: unknown): void {
    if (!this.closed) this.owner.failed(err);
  }

  /**
   * The stream's last bytes, from the server's side: written behind everything before them, then the
   * response ends (once the headers are out and all that waited is sent).
   */
  writeLast(frames: Buffer): void {
    if (this.closed || this.ending) return;
    this.write(frames);
    this.ending = true;
    if (this.opened && !this.queue) this.finish();
  }

  /** No more writes: the stream ended. */
  close(): void {
    this.closed = true;
    this.queue = null;
  }

  /** The headers are out: decide how to write, then send what waited. */
  private open(): void {
    if (this.closed || !this.queue) return;
    this.direct = bodyIsChunked(this.request, this.response) && this.response.socket !== null;
    this.opened = true;
    this.owner.opened();
    this.sendQueued();
  }

  private finish(): void {
    this.close();
    this.response.end();
  }

  /**
   * Writes the queue a slice at a time, the next once the socket has drained the last, until it is empty;
   * then the writer is back on the direct path.
   */
  private sendQueued(): void {
    const queue = this.queue;
    if (!queue || !this.opened || this.draining) return;
    while (!queue.isEmpty) {
      const slice = queue.take(SLICE_BYTES);
      const socket = this.direct ? this.response.socket : null;
      const more = socket ? socket.write(chunkOf(slice)) : this.response.write(Buffer.concat(slice));
      if (!more) {
        this.draining = true;
        (socket ?? this.response).once('drain', () => {
          this.draining = false;
          this.sendQueued();
        });
        return;
      }
    }
    this.queue = null;
    if (this.ending) this.finish();
  }

  private overflow(pendingBytes: number): void {
    this.close();
    this.owner.overflowed(pendingBytes);
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
