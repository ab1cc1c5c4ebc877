import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HubModule } from '../hub/hub.module';
import { LimitsModule } from '../limits/limits.module';
import { ChatController } from './chat.controller';
import { SseConnections } from './sse/sse-connections';
import { SseFrameWriterInterceptor } from './sse/sse-frame-writer.interceptor';

@Module({
  imports: [HubModule, AuthModule, LimitsModule],
  controllers: [ChatController],
  providers: [SseConnections, SseFrameWriterInterceptor],
  exports: [SseConnections],
})
export class ChatModule {}
