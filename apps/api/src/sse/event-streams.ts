import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { EventStream } from './event-stream';
import { retryFrame } from './sse-frames';
import { StreamBook } from './stream-book';
import { StreamConnection } from './stream-connection';

/**
 * Herald's last mile for `@Sse()` routes: what such a handler returns is `open(request, stream)`. It gives the
 * connection its one {@link StreamConnection} (writer, booking: caps, counts, heartbeat, shutdown) and opens
 * the stream onto it. Nest gets an Observable that emits nothing: it still sends the headers and, until they
 * are out, notices the client leaving or answers an error; what it no longer does is format and encode every
 * event again for every client (see docs/ARCHITECTURE.md). A call from the handler rather than an interceptor:
 * Nest's interceptor chain costs a stream connect more than everything Herald does here.
 */
@Injectable()
export class EventStreams {
  private readonly retry: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly book: StreamBook,
  ) {
    this.retry = retryFrame(config.sseRetryMs);
  }

  /** The Observable for Nest: subscribing books the stream, `stream` emitting opens it. */
  open(request: Request, stream: Observable<EventStream>): Observable<never> {
    const response: ServerResponse = request.res as ServerResponse;
    return new Observable<never>((subscriber) => {
      const connection = new StreamConnection(request, response, subscriber, this.book, this.config.maxPendingBytes);
      connection.writer.write(this.retry);
      try {
        this.book.admit(connection);
      } catch (err) {
        // Refused before any header: the exception filter answers, and this writer never writes.
        connection.writer.close();
        subscriber.error(err);
        return;
      }
      connection.follow(stream);
      // Nest unsubscribing ends the stream, until the stream has taken its connection over.
      return connection;
    });
  }
}
