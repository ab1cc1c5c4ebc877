import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { HubModule } from '../hub/hub.module';
import { SseModule } from '../sse/sse.module';
import { ChatController } from './chat.controller';

@Module({
  imports: [HubModule, AccessModule, SseModule],
  controllers: [ChatController],
})
export class ChatModule {}
