import { Module } from '@nestjs/common';
import { HubModule } from '../hub/hub.module';
import { IpPostLimitGuard } from './ip-post-limit.guard';
import { PosterIdentityGuard } from './poster-identity.guard';
import { TicketLimitGuard } from './ticket-limit.guard';
import { PostLimits } from './post-limits.service';
import { RoomAccess } from './room-access.service';
import { StreamAccessGuard } from './stream-access.guard';
import { GuestSessions } from './guest-sessions.service';
import { SessionController } from './session.controller';
import { SessionRequestGuard } from './session-request.guard';

/** Who may do what, and how often: sign-in, guest sessions, private rooms and stream tickets, post and new-room rate limits. */
@Module({
  imports: [HubModule],
  controllers: [SessionController],
  providers: [
    RoomAccess,
    StreamAccessGuard,
    PostLimits,
    IpPostLimitGuard,
    TicketLimitGuard,
    PosterIdentityGuard,
    GuestSessions,
    SessionRequestGuard,
  ],
  exports: [RoomAccess, StreamAccessGuard, PostLimits, IpPostLimitGuard, PosterIdentityGuard, TicketLimitGuard],
})
export class AccessModule {}
