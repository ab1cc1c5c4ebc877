import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { HubModule } from '../hub/hub.module';
import { ModerationModule } from '../moderation/moderation.module';
import { SseModule } from '../sse/sse.module';
import { StreamTicketsController } from '../access/stream-tickets.controller';
import { ChatController } from './chat.controller';
import { MessageDeletion } from './message-deletion.service';
import { RoomsOverview } from './rooms-overview.service';
import { Typing } from './typing.service';
import { MessageEdits } from './message-edits.service';

@Module({
  imports: [HubModule, AccessModule, SseModule, ModerationModule],
  controllers: [ChatController, StreamTicketsController],
  providers: [MessageDeletion, MessageEdits, RoomsOverview, Typing],
})
export class ChatModule {}
