import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { clientIp } from '../access/client-ip';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { EventStream } from './event-stream';
import { retryFrame } from './sse-frames';
import { SseWriter } from './sse-writer';
import { type BookedStream, StreamBook } from './stream-book';

/**
 * Herald's last mile for `@SseStream()` routes: it gives the connection its one writer, books the stream
 * (caps, counts, heartbeat, shutdown), and opens the stream the handler returns onto that writer. It hands
 * Nest an Observable that emits nothing: Nest still validates, sends the headers, notices the client
 * leaving and unsubscribes; what it no longer does is format and encode every event again for every
 * client (see docs/ARCHITECTURE.md).
 */
@Injectable()
export class SseStreamInterceptor implements NestInterceptor<EventStream, never> {
  private readonly retry: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly book: StreamBook,
  ) {
    this.retry = retryFrame(config.sseRetryMs);
  }

  intercept(context: ExecutionContext, next: CallHandler<EventStream>): Observable<never> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<ServerResponse>();
    return new Observable<never>((subscriber) => {
      const writer = new SseWriter(request, response, {
        maxPendingBytes: this.config.maxPendingBytes,
        onOverflow: (bytes) => this.book.slowConsumer(bytes),
        onFail: (err) => subscriber.error(err),
      });
      writer.write(this.retry);
      let stream: BookedStream;
      try {
        stream = this.book.admit(clientIp(request), writer, () => subscriber.complete());
      } catch (err) {
        // Refused before any header: the exception filter answers, and this writer never writes.
        writer.close();
        subscriber.error(err);
        return;
      }
      let close: (() => void) | undefined;
      const opening = next.handle().subscribe({
        next: ({ room, open }) => {
          stream.room = room;
          close = open(writer);
        },
        error: (err: unknown) => subscriber.error(err),
      });
      return () => {
        writer.close();
        this.book.remove(stream);
        opening.unsubscribe();
        close?.();
      };
    });
  }
}
