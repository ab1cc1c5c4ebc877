import { applyDecorators, Sse, UseInterceptors } from '@nestjs/common';
import { SseFrameWriterInterceptor } from './sse-frame-writer.interceptor';

/**
 * `@Sse(path)` for handlers that return an Observable of ready-made SSE bytes (the hub's streams):
 * Herald's writer sends them, with `retry:`, heartbeats and the slow-client bound.
 */
export function SseStream(path: string): MethodDecorator {
  return applyDecorators(Sse(path), UseInterceptors(SseFrameWriterInterceptor));
}
