import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { retryFrame } from '../../hub/sse-frame';
import { SseConnections } from './sse-connections';
import { attachSseSink } from './sse-sink';
import { SseWriter } from './sse-writer';

/**
 * Herald's last mile for `@Sse()` routes whose handler returns an Observable of ready-made SSE bytes:
 * it writes them to the response itself and hands Nest an Observable that emits nothing. Nest still
 * validates, sends the headers, notices the client leaving and unsubscribes; what it no longer does is
 * format and encode every event again for every client (see DESIGN.md, "The last mile").
 */
@Injectable()
export class SseFrameWriterInterceptor implements NestInterceptor<Buffer, never> {
  private readonly retry: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: SseConnections,
  ) {
    this.retry = retryFrame(config.sseRetryMs);
  }

  intercept(context: ExecutionContext, next: CallHandler<Buffer>): Observable<never> {
    const http = context.switchToHttp();
    const response = http.getResponse<ServerResponse>();
    return new Observable<never>((subscriber) => {
      const writer = new SseWriter(response, this.config.maxPendingBytes, (bytes) => this.connections.slowConsumer(bytes));
      writer.write(this.retry);
      attachSseSink(http.getRequest<object>(), (batch) => writer.writeBatch(batch));
      const frames = next.handle().subscribe({
        next: (chunk) => writer.write(chunk),
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      writer.whenHeadersSent(() => subscriber.closed);
      this.connections.add(writer, () => subscriber.complete());
      return () => {
        writer.close();
        this.connections.delete(writer);
        frames.unsubscribe();
      };
    });
  }
}
