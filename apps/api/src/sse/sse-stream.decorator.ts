import { applyDecorators, Sse, UseInterceptors } from '@nestjs/common';
import { SseStreamInterceptor } from './sse-stream.interceptor';

/**
 * `@Sse(path)` for handlers that return an {@link eventStream}: Herald's writer sends its bytes, with
 * `retry:`, heartbeats, the caps and the slow-client bound.
 */
export function SseStream(path: string): MethodDecorator {
  return applyDecorators(Sse(path), UseInterceptors(SseStreamInterceptor));
}
