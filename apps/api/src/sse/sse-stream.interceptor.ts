import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { EventStream } from './event-stream';
import { retryFrame } from './sse-frames';
import { StreamBook } from './stream-book';
import { StreamConnection } from './stream-connection';

/**
 * Herald's last mile for `@SseStream()` routes: it gives the connection its one {@link StreamConnection}
 * (writer, booking: caps, counts, heartbeat, shutdown), and opens the stream the handler returns onto it.
 * It hands Nest an Observable that emits nothing: Nest still validates, sends the headers and, until they
 * are out, notices the client leaving; what it no longer does is format and encode every event again for
 * every client (see docs/ARCHITECTURE.md).
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
      const stream = new StreamConnection(request, response, subscriber, this.book, this.config.maxPendingBytes);
      stream.writer.write(this.retry);
      try {
        this.book.admit(stream);
      } catch (err) {
        // Refused before any header: the exception filter answers, and this writer never writes.
        stream.writer.close();
        subscriber.error(err);
        return;
      }
      stream.follow(next.handle());
      // Nest unsubscribing ends the stream, until the stream has taken its connection over.
      return stream;
    });
  }
}
