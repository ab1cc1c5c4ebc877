import { Module } from '@nestjs/common';
import { HubModule } from '../hub/hub.module';
import { ChatController } from './chat.controller';
import { SseConnections } from './sse/sse-connections';
import { SseFrameWriterInterceptor } from './sse/sse-frame-writer.interceptor';

@Module({
  imports: [HubModule],
  controllers: [ChatController],
  providers: [SseConnections, SseFrameWriterInterceptor],
  exports: [SseConnections],
})
export class ChatModule {}
