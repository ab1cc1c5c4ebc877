import { Global, Module } from '@nestjs/common';
import { OPEN_STREAMS } from '../ops/open-streams';
import { SseModule } from '../sse/sse.module';
import { StreamBook } from '../sse/stream-book';

/** Binds what operations read of the open streams to the last mile's book, for every module. */
@Global()
@Module({
  imports: [SseModule],
  providers: [{ provide: OPEN_STREAMS, useExisting: StreamBook }],
  exports: [OPEN_STREAMS],
})
export class OpenStreamsModule {}
