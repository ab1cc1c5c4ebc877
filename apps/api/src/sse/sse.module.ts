import { Module } from '@nestjs/common';
import { EventStreams } from './event-streams';
import { StreamBook } from './stream-book';

/** The last mile: one writer per connection and the one book of open streams. */
@Module({
  providers: [StreamBook, EventStreams],
  exports: [StreamBook, EventStreams],
})
export class SseModule {}
