import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { HubModule } from '../hub/hub.module';
import { ModerationModule } from '../moderation/moderation.module';
import { SseModule } from '../sse/sse.module';
import { ChatController } from './chat.controller';

@Module({
  imports: [HubModule, AccessModule, SseModule, ModerationModule],
  controllers: [ChatController],
})
export class ChatModule {}
