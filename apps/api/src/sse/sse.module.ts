import { Module } from '@nestjs/common';
import { SseStreamInterceptor } from './sse-stream.interceptor';
import { StreamBook } from './stream-book';

/** The last mile: one writer per connection and the one book of open streams. */
@Module({
  providers: [StreamBook, SseStreamInterceptor],
  exports: [StreamBook, SseStreamInterceptor],
})
export class SseModule {}
