import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { ServerResponse } from 'node:http';
import type { Observable, Subscriber, Subscription, Unsubscribable } from 'rxjs';
import { clientIp } from '../access/client-ip';
import { releaseAnsweredRequest } from './answered-request';
import type { EventStream } from './event-stream';
import { releaseNestStream } from './nest-stream-release';
import { STREAM_FAILED_FRAME } from './sse-frames';
import { SseWriter, type WriterOwner } from './sse-writer';
import type { BookedStream, StreamBook } from './stream-book';

const logger = new Logger('EventStream');

/**
 * One event stream, from its admission to its end, as one object: its writer, its place in the book, the
 * hub stream it opened, and how it ends. Nest's `@Sse()` machinery carries it until the headers are out
 * (until then Nest may still answer an error). Then this takes the connection over: it unpipes Nest's own
 * per-stream stream from the response and completes Nest's side, so that Nest releases what it holds per
 * stream (an object-mode stream, a probe interval, promises and their closures), lets go of what Node and
 * Express hold for the request but a stream never reads again (its head and header table among them), and
 * from then on the response's 'close' ends the stream.
 * Nest's probe of a paused socket is not missed: the book's heartbeat writes to every stream. When Nest's
 * stream cannot be found, Nest carries the stream to its end, as it would without this.
 */
export class StreamConnection implements BookedStream, WriterOwner, Unsubscribable {
  readonly writer: SseWriter;
  readonly ip: string;
  room: string | null = null;
  /** Nest's side of the stream, until this takes the connection over. */
  private nest: Subscriber<never> | null;
  /** Set once the connection is this object's: the response's 'close' ends the stream. */
  private owned = false;
  /** Set once the stream stopped taking events (ended by the server, or torn down). */
  private stopped = false;
  private opening: Subscription | null = null;
  private closeStream: (() => void) | null = null;

  constructor(
    request: Request,
    private readonly response: ServerResponse,
    nest: Subscriber<never>,
    private readonly book: StreamBook,
    maxPendingBytes: number,
  ) {
    this.ip = clientIp(request);
    this.nest = nest;
    this.writer = new SseWriter(request, response, maxPendingBytes, this);
  }

  /** Opens the stream the handler returns onto this connection's writer, once the handler has run. */
  follow(handled: Observable<EventStream>): void {
    this.opening = handled.subscribe({
      next: ({ room, open }) => {
        if (this.stopped) return;
        this.room = room;
        this.closeStream = open(this.writer, (lastFrame) => this.end(lastFrame));
      },
      error: (err: unknown) => this.failed(err),
    });
  }

  /** Ends the stream from the server's side: `lastFrame` goes out behind what is queued, then the response ends. */
  end(lastFrame: Buffer): void {
    if (this.stopped) return;
    this.stop();
    this.writer.writeLast(lastFrame);
  }

  /** Nest let the stream go (its client left before the headers, a HEAD, a failure); not called once owned. */
  unsubscribe(): void {
    if (!this.owned) this.leave();
  }

  opened(): void {
    const nest = this.nest;
    if (nest === null || nest.closed || !releaseNestStream(this.response)) return;
    this.nest = null;
    this.owned = true;
    // 'close' comes once per response: `once` would add a wrapper that lives as long as the stream.
    this.response.on('close', () => this.leave());
    nest.complete();
    releaseAnsweredRequest(this.response.req, this.response);
  }

  overflowed(pendingBytes: number): void {
    this.book.slowConsumer(pendingBytes);
  }

  failed(err: unknown): void {
    if (this.stopped) return;
    if (this.nest !== null) {
      // Nest answers: an error answer before the headers, an error event after them.
      this.nest.error(err);
      return;
    }
    logger.error(err);
    this.end(STREAM_FAILED_FRAME);
  }

  private leave(): void {
    this.stop();
    this.writer.close();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.book.remove(this);
    this.opening?.unsubscribe();
    this.opening = null;
    const close = this.closeStream;
    this.closeStream = null;
    close?.();
  }
}
