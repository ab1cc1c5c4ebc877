import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { BanGuard } from './ban.guard';
import { ModeratedStreams } from './moderated-streams';
import { ModerationController } from './moderation.controller';
import { Moderation } from './moderation.service';
import { ModeratorGuard } from './moderator.guard';

/** Moderation: bans and kicks, enforced on posts and streams, and the audit trail. */
@Module({
  imports: [AccessModule],
  controllers: [ModerationController],
  providers: [Moderation, ModeratedStreams, BanGuard, ModeratorGuard],
  exports: [Moderation, ModeratedStreams, BanGuard],
})
export class ModerationModule {}
